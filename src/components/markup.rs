//! Small render helpers the components share: links, headings and dates. Plain functions, not
//! components — a component per link or date would cost a scope per use and, across the bundle,
//! several kilobytes of generic code for nothing (see docs/performance.md).

use yew::prelude::*;

use crate::intl;
use crate::urls::SafeUrl;

/// An `<a>`. Only URLs that passed the scheme filter get here; external ones get
/// `rel="noopener noreferrer"`.
pub fn link(href: &SafeUrl, class: &'static str, children: Html) -> Html {
    let rel = href.external.then_some("noopener noreferrer");
    let class = (!class.is_empty()).then_some(class);
    html! { <a href={href.href.clone()} {rel} {class}>{ children }</a> }
}

/// `<h1>`…`<h6>`: `headline_level` is the configured level of the headline and `depth` how far
/// below it this heading sits, so the widget's outline fits into the host page's.
pub fn heading(
    headline_level: u8,
    depth: u8,
    id: Option<String>,
    class: &'static str,
    children: Html,
) -> Html {
    const TAGS: [&str; 6] = ["h1", "h2", "h3", "h4", "h5", "h6"];
    let level = usize::from(headline_level.saturating_add(depth).clamp(1, 6));
    let class = (!class.is_empty()).then_some(class);
    html! { <@{TAGS[level - 1]} {id} {class}>{ children }</@> }
}

/// `<time datetime="2026-03-14">March 14, 2026</time>`, formatted for the reader's locale.
pub fn date_time(iso: &str, locale: &str) -> Html {
    html! { <time datetime={iso.to_owned()}>{ intl::format_date(iso, locale) }</time> }
}
