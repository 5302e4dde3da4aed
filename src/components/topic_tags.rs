//! Topic tags as links built from the publisher's URL template. No tags, no navigation at all
//! (the reference page's `", , , ,"` line must not happen).

use std::rc::Rc;

use yew::prelude::*;

use crate::components::link;
use crate::hooks::{use_config, use_strings};
use crate::model::Tag;
use crate::tags::tag_href;

/// Props of [`TopicTags`].
#[derive(Properties, PartialEq, Clone)]
pub struct TopicTagsProps {
    /// Cleaned tags.
    pub tags: Rc<Vec<Tag>>,
}

/// `<nav aria-label="Topics">`.
#[component]
pub fn TopicTags(props: &TopicTagsProps) -> Html {
    let config = use_config();
    let s = use_strings();
    if props.tags.is_empty() {
        return html! {};
    }
    html! {
        <nav class="aw-tags" aria-label={s.tags_label}>
            <ul>
                for tag in props.tags.iter() {
                    <li key={tag.slug.clone()}>
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
