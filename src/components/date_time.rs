//! A machine-readable `<time datetime>` with the date formatted for the reader's locale.

use yew::prelude::*;

use crate::hooks::use_config;
use crate::intl;

/// Props of [`DateTime`].
#[derive(Properties, PartialEq, Clone)]
pub struct DateTimeProps {
    /// An ISO 8601 date (validated by the parser).
    pub iso: AttrValue,
}

/// `<time datetime="2026-03-14">March 14, 2026</time>`.
#[component]
pub fn DateTime(props: &DateTimeProps) -> Html {
    let config = use_config();
    let text = intl::format_date(&props.iso, &config.locale);
    html! { <time datetime={props.iso.clone()}>{ text }</time> }
}
