//! The article body: paragraphs of inline runs, subheadings, quotes, images and related-article
//! teasers. Blocks render as plain functions inside one component: a component per paragraph
//! costs more than it buys on long articles, and an article's blocks never reorder.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::{heading, link, Figure, RelatedTeaser};
use crate::hooks::use_config;
use crate::model::{Article, Block, Inline};

/// Props of [`Body`].
#[derive(Properties, PartialEq, Clone)]
pub struct BodyProps {
    /// The article whose blocks to render (shared, not copied per render).
    pub article: Rc<Article>,
}

/// The article body.
#[component]
pub fn Body(props: &BodyProps) -> Html {
    let level = use_config().heading_level;
    html! {
        <div class="aw-body" part="body">
            { for props.article.body.iter().map(|b| block(b, level)) }
        </div>
    }
}

fn block(block: &Block, headline_level: u8) -> Html {
    match block {
        Block::Paragraph(runs) => html! { <p>{ for runs.iter().map(inline) }</p> },
        Block::Heading(text) => heading(headline_level, 1, None, "aw-subheading", html! { text }),
        Block::Quote { text, cite } => html! {
            <figure class="aw-quote">
                <blockquote><p>{ text }</p></blockquote>
                if let Some(cite) = cite { <figcaption>{ format!("— {cite}") }</figcaption> }
            </figure>
        },
        Block::Image(image) => html! { <Figure image={image.clone()} /> },
        Block::Related(related) => html! { <RelatedTeaser related={related.clone()} /> },
    }
}

fn inline(run: &Inline) -> Html {
    let mut node = html! { { run.text.clone() } };
    if run.em {
        node = html! { <em>{ node }</em> };
    }
    if run.strong {
        node = html! { <strong>{ node }</strong> };
    }
    match &run.href {
        Some(href) => link(href, "", node),
        None => node,
    }
}
