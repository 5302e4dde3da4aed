//! A heading whose level follows the configured headline level, so the widget's outline fits
//! into the host page's (`data-heading-level`).

use yew::prelude::*;

use crate::hooks::use_config;

/// Props of [`Heading`].
#[derive(Properties, PartialEq, Clone)]
pub struct HeadingProps {
    /// Depth below the headline: 0 is the headline itself, 1 a section, 2 a subsection.
    pub depth: u8,
    /// Element id (for `aria-labelledby`).
    #[prop_or_default]
    pub id: Option<AttrValue>,
    /// CSS class.
    #[prop_or_default]
    pub class: Classes,
    /// The heading text.
    pub children: Html,
}

/// `<h1>`…`<h6>`.
#[component]
pub fn Heading(props: &HeadingProps) -> Html {
    let level = (use_config().heading_level + props.depth).clamp(1, 6);
    html! {
        <@{format!("h{level}")} id={props.id.clone()} class={props.class.clone()}>
            { props.children.clone() }
        </@>
    }
}
