//! The one place links are made: only URLs that passed the scheme filter get here, and external
//! ones get `rel="noopener noreferrer"`.

use yew::prelude::*;

use crate::text::SafeUrl;

/// Props of [`Link`].
#[derive(Properties, PartialEq, Clone)]
pub struct LinkProps {
    /// The target.
    pub href: SafeUrl,
    /// CSS class.
    #[prop_or_default]
    pub class: Classes,
    /// Link content.
    pub children: Html,
}

/// An `<a>`.
#[component]
pub fn Link(props: &LinkProps) -> Html {
    let rel = props.href.external.then_some("noopener noreferrer");
    html! {
        <a href={props.href.href.clone()} {rel} class={props.class.clone()}>{ props.children.clone() }</a>
    }
}
