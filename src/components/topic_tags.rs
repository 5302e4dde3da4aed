//! Topic tags as links built from the publisher's URL template. No tags, no navigation at all
//! (the reference page's `", , , ,"` line must not happen). A plain click on a tag dispatches the
//! cancelable `article-widget:tag-click` event first, so a single-page app can route it itself.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::link;
use crate::hooks::{use_config, use_strings};
use crate::model::Article;
use crate::services::events::HostEvents;
use crate::tags::tag_href;

/// Props of [`TopicTags`].
#[derive(Properties, PartialEq, Clone)]
pub struct TopicTagsProps {
    /// The article whose (cleaned) tags to show (shared, not copied per render).
    pub article: Rc<Article>,
}

/// `<nav aria-label="Topics">`.
#[component]
pub fn TopicTags(props: &TopicTagsProps) -> Html {
    let config = use_config();
    let s = use_strings();
    let events = use_context::<HostEvents>().unwrap_or_default();
    if props.article.tags.is_empty() {
        return html! {};
    }
    let onclick = {
        let article = props.article.clone();
        let template = config.tag_url.clone();
        Callback::from(move |e: MouseEvent| {
            // Modified clicks (new tab, new window) are the reader's, not the app's.
            if e.button() != 0 || e.ctrl_key() || e.meta_key() || e.shift_key() || e.alt_key() {
                return;
            }
            // By position: two tags may share a slug ("C++" and "C#" are both `c`).
            let Some(tag) = tag_index_of(&e).and_then(|i| article.tags.get(i)) else {
                return;
            };
            let href = tag_href(&template, tag).map(|u| u.href).unwrap_or_default();
            let proceed = events.emit(
                "tag-click",
                &[("name", &tag.name), ("slug", &tag.slug), ("url", &href)],
                true,
            );
            if !proceed {
                e.prevent_default();
            }
        })
    };
    html! {
        <nav class="aw-tags" part="tags" aria-label={s.tags_label} {onclick}>
            <ul>
                for (i, tag) in props.article.tags.iter().enumerate() {
                    <li key={i} data-index={i.to_string()} data-slug={tag.slug.clone()}>
                        if let Some(href) = tag_href(&config.tag_url, tag) {
                            { link(&href, "aw-tag", html! { &tag.name }) }
                        } else {
                            <span class="aw-tag">{ &tag.name }</span>
                        }
                    </li>
                }
            </ul>
        </nav>
    }
}

/// The position of the tag whose link was clicked (one delegated listener for the whole list).
fn tag_index_of(e: &MouseEvent) -> Option<usize> {
    use wasm_bindgen::JsCast;
    let target: web_sys::Element = e.target()?.dyn_into().ok()?;
    target
        .closest("a")
        .ok()??
        .closest("li[data-index]")
        .ok()??
        .get_attribute("data-index")?
        .parse()
        .ok()
}
