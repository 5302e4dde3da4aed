//! The placeholder shown while `data-article-src` loads: the article's rough shape, so the page
//! does not jump when it arrives, and a status for screen readers.

use yew::prelude::*;

use crate::hooks::use_strings;

/// Loading placeholder.
#[component]
pub fn Skeleton() -> Html {
    let s = use_strings();
    html! {
        <div class="aw-skeleton" part="skeleton" aria-busy="true">
            <p class="aw-visually-hidden" role="status">{ s.loading }</p>
            <div class="aw-skeleton__line aw-skeleton__line--title" aria-hidden="true"></div>
            <div class="aw-skeleton__line aw-skeleton__line--title aw-skeleton__line--short" aria-hidden="true"></div>
            <div class="aw-skeleton__line aw-skeleton__line--meta" aria-hidden="true"></div>
            <div class="aw-skeleton__block" aria-hidden="true"></div>
            for _ in 0..6 { <div class="aw-skeleton__line" aria-hidden="true"></div> }
        </div>
    }
}
