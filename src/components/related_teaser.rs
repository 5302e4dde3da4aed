//! The inline related-article teaser: another article's headline, set apart from the body text
//! and named for screen readers so it is not read as part of the story.

use yew::prelude::*;

use crate::components::link;
use crate::hooks::use_strings;
use crate::model::Related;

/// Props of [`RelatedTeaser`].
#[derive(Properties, PartialEq, Clone)]
pub struct RelatedTeaserProps {
    /// The other article.
    pub related: Related,
}

/// `<aside aria-label="Related article">`.
#[component]
pub fn RelatedTeaser(props: &RelatedTeaserProps) -> Html {
    let s = use_strings();
    let related = &props.related;
    let kicker = related
        .kicker
        .as_deref()
        .unwrap_or(s.related_kicker)
        .to_owned();
    html! {
        <aside class="aw-related" part="related" aria-label={s.related_label}>
            if let Some(image) = &related.image {
                <img class="aw-related__image" src={image.src.href.clone()} alt="" loading="lazy" decoding="async" />
            }
            <p class="aw-related__text">
                <span class="aw-related__kicker">{ kicker }</span>
                { link(&related.url, "aw-related__link", html! { &related.headline }) }
            </p>
        </aside>
    }
}
