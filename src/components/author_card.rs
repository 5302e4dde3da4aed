//! The author card: photo (or initials), name, job title, short and expandable long bio, and the
//! sections of the reference page — education, location, languages spoken, topics of expertise,
//! recently posted — each shown only when it has content, heading included.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::{date_time, heading, link, Avatar};
use crate::hooks::{use_config, use_strings};
use crate::intl;
use crate::model::Author;
use crate::urls;

/// Props of [`AuthorCard`].
#[derive(Properties, PartialEq, Clone)]
pub struct AuthorCardProps {
    /// The author.
    pub author: Rc<Author>,
    /// Element id (the byline links here).
    pub id: AttrValue,
}

/// One author's card.
#[component]
pub fn AuthorCard(props: &AuthorCardProps) -> Html {
    let config = use_config();
    let s = use_strings();
    let author = &props.author;
    let level = config.heading_level;
    let heading_id = format!("{}-name", props.id);
    let name = match &author.url {
        Some(url) => link(url, "", html! { &author.name }),
        None => html! { { &author.name } },
    };
    let languages: Vec<String> = author
        .languages
        .iter()
        .map(|l| intl::language_name(l, &config.locale))
        .collect();
    html! {
        <section class="aw-author" part="author-card" id={props.id.clone()} aria-labelledby={heading_id.clone()}>
            <div class="aw-author__head">
                <Avatar name={AttrValue::from(author.name.clone())} src={author.image.clone()} />
                <div>
                    <p class="aw-author__label">{ s.about_author }</p>
                    { heading(config.heading_level, 1, Some(heading_id), "aw-author__name", name) }
                    if let Some(title) = &author.job_title { <p class="aw-author__title">{ title }</p> }
                </div>
            </div>
            if let Some(bio) = &author.bio { <p class="aw-author__bio">{ bio }</p> }
            if !author.long_bio.is_empty() {
                <details class="aw-author__more">
                    <summary>{ s.full_bio }</summary>
                    for p in author.long_bio.iter() { <p>{ p }</p> }
                </details>
            }
            <div class="aw-author__facts">
                { list_section(level, s.education, &author.education, false) }
                if let Some(location) = &author.location {
                    <div class="aw-author__fact">
                        { heading(level, 2, None, "", html! { s.location }) }
                        <p>{ location }</p>
                    </div>
                }
                { list_section(level, s.languages, &languages, true) }
                { list_section(level, s.expertise, &author.expertise, true) }
            </div>
            if !author.recent.is_empty() {
                <div class="aw-author__recent">
                    { heading(level, 2, None, "", html! { s.recent }) }
                    <ul>
                        for post in author.recent.iter() {
                            <li>
                                if let Some(url) = &post.url {
                                    { link(url, "", html! { &post.headline }) }
                                } else {
                                    { &post.headline }
                                }
                                if let Some(date) = &post.date { { " " }{ date_time(date, &config.locale) } }
                            </li>
                        }
                    </ul>
                </div>
            }
            if !author.same_as.is_empty() {
                <div class="aw-author__elsewhere">
                    { heading(level, 2, None, "", html! { s.elsewhere }) }
                    <ul>
                        for url in author.same_as.iter() {
                            <li>
                                { link(url, "", html! { urls::host_of(&url.href).unwrap_or_else(|| url.href.clone()) }) }
                            </li>
                        }
                    </ul>
                </div>
            }
        </section>
    }
}

/// A heading and a list, or nothing at all when the list is empty. Short items (languages,
/// topics) run inline, comma-separated; long ones (degrees) get a line each.
fn list_section(headline_level: u8, title: &'static str, items: &[String], inline: bool) -> Html {
    if items.is_empty() {
        return html! {};
    }
    html! {
        <div class="aw-author__fact">
            { heading(headline_level, 2, None, "", html! { title }) }
            <ul class={inline.then_some("aw-inline-list")}>
                for item in items { <li>{ item }</li> }
            </ul>
        </div>
    }
}
