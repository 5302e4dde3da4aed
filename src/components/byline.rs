//! "By A, B and C · Published … · Updated … · 4 min read". The first author links to the author
//! card below; the others to their own pages when they have one.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::{date_time, link};
use crate::config::Parts;
use crate::hooks::{use_config, use_strings};
use crate::intl;
use crate::model::Article;

/// Props of [`Byline`].
#[derive(Properties, PartialEq, Clone)]
pub struct BylineProps {
    /// The article (authors, dates, reading time).
    pub article: Rc<Article>,
    /// Id of the author card the first name links to.
    pub card_id: AttrValue,
}

/// The byline and dateline.
#[component]
pub fn Byline(props: &BylineProps) -> Html {
    let config = use_config();
    let s = use_strings();
    let article = &props.article;
    let count = article.authors.len();
    // A fragment link cannot reach into the shadow root, and following it would change the host
    // page's hash (which hash routers act on): the click scrolls to the card and focuses it
    // instead, without touching `location`. The href stays for readers without JavaScript.
    let to_card = {
        let card_id = props.card_id.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            let card = e
                .target_dyn_into::<web_sys::Element>()
                .and_then(|a| a.closest(".aw").ok().flatten())
                .and_then(|root| root.query_selector(&format!("#{card_id}")).ok().flatten());
            if let Some(card) = card.and_then(|c| c.dyn_into::<web_sys::HtmlElement>().ok()) {
                card.scroll_into_view();
                let _ = card.set_attribute("tabindex", "-1");
                let _ = card.focus();
            }
        })
    };
    let names = article.authors.iter().enumerate().map(|(i, author)| {
        let separator = match i {
            0 => None,
            i if i == count - 1 => Some(format!(" {} ", s.and)),
            _ => Some(", ".to_owned()),
        };
        let name = if i == 0 && config.parts.has(Parts::AUTHOR) {
            html! { <a href={format!("#{}", props.card_id)} class="aw-byline__name" onclick={to_card.clone()}>{ &author.name }</a> }
        } else if let Some(url) = &author.url {
            link(url, "aw-byline__name", html! { &author.name })
        } else {
            html! { <span class="aw-byline__name">{ &author.name }</span> }
        };
        html! { <>{ separator }{ name }</> }
    });
    let updated = article
        .date_modified
        .as_ref()
        .filter(|m| Some(*m) != article.date_published.as_ref());
    html! {
        <div class="aw-byline">
            if count > 0 {
                <p class="aw-byline__authors">{ format!("{} ", s.by) }{ for names }</p>
            }
            if article.date_published.is_some() || updated.is_some() || article.reading_minutes().is_some() {
            <p class="aw-byline__meta">
                if let Some(published) = &article.date_published {
                    <span class="aw-meta">{ format!("{} ", s.published) }{ date_time(published, &config.locale) }</span>
                }
                if let Some(updated) = updated {
                    <span class="aw-meta">{ format!("{} ", s.updated) }{ date_time(updated, &config.locale) }</span>
                }
                if let Some(minutes) = article.reading_minutes() {
                    <span class="aw-meta">{ s.reading_time(&intl::format_number(minutes, &config.locale)) }</span>
                }
            </p>
            }
        </div>
    }
}
