//! The article body: paragraphs of inline runs, subheadings at three levels, quotes, images and
//! galleries, related-article teasers, lists (nested), tables, embeds (as facades), code,
//! separators and footnotes. Blocks render as plain functions inside one component: a
//! component per paragraph costs more than it buys on long articles, and an article's blocks
//! never reorder. Only the embed facade, which has state, is a component of its own.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::{heading, link, EmbedFacade, Figure, RelatedTeaser};
use crate::hooks::{use_config, use_strings};
use crate::model::{Block, Cell, Inline, List, Table};
use aw_core::i18n::Strings;

use crate::model::Article;

/// Props of [`Body`].
#[derive(Properties, PartialEq, Clone)]
pub struct BodyProps {
    /// The article whose blocks to render (shared, not copied per render).
    pub article: Rc<Article>,
}

/// What every block's renderer needs.
struct Ctx {
    level: u8,
    s: &'static Strings,
}

/// The article body.
#[component]
pub fn Body(props: &BodyProps) -> Html {
    let ctx = Ctx {
        level: use_config().heading_level,
        s: use_strings(),
    };
    let mut tables = 0;
    html! {
        <div class="aw-body" part="body" onclick={Callback::from(jump)}>
            { for props.article.body.iter().map(|b| block(b, &ctx, &mut tables)) }
        </div>
    }
}

/// A footnote reference or a note's way back: the page's own fragment navigation does not
/// reach into the widget's shadow root, so the jump is made here (scrolled to, and focused so a
/// keyboard or screen reader carries on from there).
fn jump(event: MouseEvent) {
    use wasm_bindgen::JsCast;
    let Some(a) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest("a.aw-note-link").ok().flatten())
    else {
        return;
    };
    let Some(id) = a
        .get_attribute("href")
        .and_then(|h| h.strip_prefix('#').map(str::to_owned))
    else {
        return;
    };
    let root = a.get_root_node();
    let target = js_sys::Reflect::get(&root, &"getElementById".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call1(&root, &id.into()).ok())
        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(target) = target {
        event.prevent_default();
        let _ = target.set_attribute("tabindex", "-1");
        target.scroll_into_view();
        let _ = target.focus();
    }
}

fn block(block: &Block, ctx: &Ctx, tables: &mut usize) -> Html {
    match block {
        Block::Paragraph(runs) => html! { <p>{ runs_html(runs, ctx.s) }</p> },
        Block::Heading { level, text } => heading(
            ctx.level,
            (*level).clamp(1, 3),
            None,
            "aw-subheading",
            html! { text },
        ),
        Block::Quote { text, cite } => html! {
            <figure class="aw-quote">
                <blockquote><p>{ text }</p></blockquote>
                if let Some(cite) = cite { <figcaption>{ format!("— {cite}") }</figcaption> }
            </figure>
        },
        Block::Image(image) => html! { <Figure image={image.clone()} /> },
        Block::Gallery { images, caption } => html! {
            <figure class="aw-gallery">
                <div class="aw-gallery__images">
                    { for images.iter().map(|image| html! { <Figure image={image.clone()} /> }) }
                </div>
                if let Some(caption) = caption { <figcaption class="aw-caption">{ caption }</figcaption> }
            </figure>
        },
        Block::Related(related) => html! { <RelatedTeaser related={related.clone()} /> },
        Block::List(list) => list_html(list, ctx, tables),
        Block::Table(table) => {
            *tables += 1;
            table_html(table, *tables, ctx.s)
        }
        Block::Embed(embed) => html! { <EmbedFacade embed={embed.clone()} /> },
        Block::Code { text, language } => html! {
            <pre class="aw-code" tabindex="0" data-language={language.clone()}><code>{ text }</code></pre>
        },
        Block::Separator => html! { <hr class="aw-separator" /> },
        Block::Footnotes(notes) => html! {
            <section class="aw-notes" aria-label={ctx.s.notes_heading}>
                <ol>
                    { for notes.iter().map(|note| {
                        let n = note.number;
                        html! {
                            <li id={format!("aw-note-{n}")} value={n.to_string()}>
                                { runs_html(&note.content, ctx.s) }
                                { " " }
                                <a href={format!("#aw-ref-{n}")} class="aw-note-link aw-notes__back" aria-label={ctx.s.note_back}>{ "↩" }</a>
                            </li>
                        }
                    }) }
                </ol>
            </section>
        },
    }
}

fn list_html(list: &List, ctx: &Ctx, tables: &mut usize) -> Html {
    let items = html! {
        { for list.items.iter().map(|item| html! {
            <li>{ for item.iter().map(|b| match b {
                // A list item's one paragraph is its text, not a paragraph of its own.
                Block::Paragraph(runs) if item.len() == 1 => runs_html(runs, ctx.s),
                other => block(other, ctx, tables),
            }) }</li>
        }) }
    };
    if list.ordered {
        html! { <ol class="aw-list" start={list.start.map(|n| n.to_string())}>{ items }</ol> }
    } else {
        html! { <ul class="aw-list">{ items }</ul> }
    }
}

/// A table in a region of its own that scrolls sideways (never the page), focusable so a
/// keyboard can scroll it, named by its caption.
fn table_html(table: &Table, n: usize, s: &Strings) -> Html {
    let caption_id = format!("aw-table-{n}");
    let labelled = table.caption.is_some().then(|| caption_id.clone());
    // (Numbered: each region's name is its own.)
    let label = table
        .caption
        .is_none()
        .then(|| format!("{} {n}", s.table_label));
    let row = |cells: &Vec<Cell>| {
        html! {
            <tr>{ for cells.iter().map(|c| {
                let colspan = (c.colspan > 1).then(|| c.colspan.to_string());
                let rowspan = (c.rowspan > 1).then(|| c.rowspan.to_string());
                if c.header {
                    html! { <th scope={c.scope.map(|sc| sc.as_str())} {colspan} {rowspan}>{ runs_html(&c.content, s) }</th> }
                } else {
                    html! { <td {colspan} {rowspan}>{ runs_html(&c.content, s) }</td> }
                }
            }) }</tr>
        }
    };
    html! {
        <div class="aw-table" role="region" tabindex="0" aria-labelledby={labelled} aria-label={label}>
            <table>
                if let Some(caption) = &table.caption {
                    <caption id={caption_id}>{ runs_html(caption, s) }</caption>
                }
                if !table.head.is_empty() {
                    <thead>{ for table.head.iter().map(row) }</thead>
                }
                <tbody>{ for table.body.iter().map(row) }</tbody>
            </table>
        </div>
    }
}

fn runs_html(runs: &[Inline], s: &Strings) -> Html {
    html! { { for runs.iter().map(|r| inline(r, s)) } }
}

fn inline(run: &Inline, s: &Strings) -> Html {
    if run.is_break() {
        return html! { <br /> };
    }
    let m = &run.marks;
    if let Some(n) = m.note {
        return html! {
            <sup class="aw-note-ref"><a id={format!("aw-ref-{n}")} class="aw-note-link" href={format!("#aw-note-{n}")}>{ n.to_string() }</a></sup>
        };
    }
    let mut node = html! { { run.text.clone() } };
    if let Some(title) = &m.abbr {
        node = html! { <abbr title={title.clone()}>{ node }</abbr> };
    }
    if m.code {
        node = html! { <code>{ node }</code> };
    }
    if m.sub {
        node = html! { <sub>{ node }</sub> };
    }
    if m.sup {
        node = html! { <sup>{ node }</sup> };
    }
    if m.small {
        node = html! { <small>{ node }</small> };
    }
    if m.mark {
        node = html! { <mark>{ node }</mark> };
    }
    if run.em {
        node = html! { <em>{ node }</em> };
    }
    if run.strong {
        node = html! { <strong>{ node }</strong> };
    }
    // Struck and added text: told to screen readers, which do not announce the elements.
    if m.del {
        node = html! { <del><span class="aw-visually-hidden">{ format!("{} ", s.deleted) }</span>{ node }</del> };
    }
    if m.ins {
        node = html! { <ins><span class="aw-visually-hidden">{ format!("{} ", s.inserted) }</span>{ node }</ins> };
    }
    match &run.href {
        Some(href) => link(href, "", node),
        None => node,
    }
}
