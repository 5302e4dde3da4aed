//! The author card: photo (or initials), name, job title, short and expandable long bio, and the
//! sections of the reference page — education, location, languages spoken, topics of expertise,
//! recently posted — each shown only when it has content, heading included.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::{Avatar, DateTime, Heading, Link};
use crate::hooks::{use_config, use_strings};
use crate::intl;
use crate::model::Author;
use crate::text;

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
    let heading_id = format!("{}-name", props.id);
    let name = match &author.url {
        Some(url) => html! { <Link href={url.clone()}>{ &author.name }</Link> },
        None => html! { { &author.name } },
    };
    let languages: Vec<String> = author
        .languages
        .iter()
        .map(|l| intl::language_name(l, &config.locale))
        .collect();
    html! {
        <section class="aw-author" id={props.id.clone()} aria-labelledby={heading_id.clone()}>
            <div class="aw-author__head">
                <Avatar name={AttrValue::from(author.name.clone())} src={author.image.clone()} />
                <div>
                    <p class="aw-author__label">{ s.about_author }</p>
                    <Heading depth={1} id={AttrValue::from(heading_id)} class="aw-author__name">{ name }</Heading>
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
                { list_section(s.education, &author.education) }
                if let Some(location) = &author.location {
                    <div class="aw-author__fact">
                        <Heading depth={2}>{ s.location }</Heading>
                        <p>{ location }</p>
                    </div>
                }
                { list_section(s.languages, &languages) }
                { list_section(s.expertise, &author.expertise) }
            </div>
            if !author.recent.is_empty() {
                <div class="aw-author__recent">
                    <Heading depth={2}>{ s.recent }</Heading>
                    <ul>
                        for post in author.recent.iter() {
                            <li>
                                if let Some(url) = &post.url {
                                    <Link href={url.clone()}>{ &post.headline }</Link>
                                } else {
                                    { &post.headline }
                                }
                                if let Some(date) = &post.date { { " " }<DateTime iso={date.clone()} /> }
                            </li>
                        }
                    </ul>
                </div>
            }
            if !author.same_as.is_empty() {
                <div class="aw-author__elsewhere">
                    <Heading depth={2}>{ s.elsewhere }</Heading>
                    <ul>
                        for url in author.same_as.iter() {
                            <li>
                                <Link href={url.clone()}>
                                    { text::host_of(&url.href).unwrap_or_else(|| url.href.clone()) }
                                </Link>
                            </li>
                        }
                    </ul>
                </div>
            }
        </section>
    }
}

/// A heading and a list, or nothing at all when the list is empty.
fn list_section(title: &'static str, items: &[String]) -> Html {
    if items.is_empty() {
        return html! {};
    }
    html! {
        <div class="aw-author__fact">
            <Heading depth={2}>{ title }</Heading>
            <ul>
                for item in items { <li>{ item }</li> }
            </ul>
        </div>
    }
}
