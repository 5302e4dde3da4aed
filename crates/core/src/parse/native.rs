//! The widget's own JSON document, version 1 (documented with a full example in docs/data.md).
//! camelCase keys, every field optional except `headline`, the body as typed blocks — never HTML.

use std::rc::Rc;

use serde_json::{Map, Value};

use super::fields::{date, flag, line, lines, list, name_or_line, paragraphs, uint, url, urls};
use crate::error::ParseError;
use crate::model::{
    Article, Author, Block, Cell, Correction, Embed, Footnote, Image, Inline, List, Marks,
    Provider, RecentPost, Related, Scope, Table, Trust, MAX_AUTHORS, MAX_BLOCKS, MAX_CORRECTIONS,
    MAX_DEPTH, MAX_GALLERY, MAX_RECENT_POSTS, MAX_SPAN, MAX_TABLE_COLUMNS, MAX_TABLE_ROWS,
};
use crate::tags::{clean_tags, RawTag};
use crate::text;

/// The format version this build reads.
pub const VERSION: u64 = 1;

/// Parses a widget document (an object without `@context`/`@type`).
pub fn parse(value: &Value) -> Result<Article, ParseError> {
    let doc = value.as_object().ok_or(ParseError::NotADocument)?;
    // A missing or mistyped version is read as 1; a different number is a newer format we
    // must not misread.
    if let Some(v) = doc.get("version").and_then(Value::as_u64) {
        if v != VERSION {
            return Err(ParseError::UnsupportedVersion(v));
        }
    }
    let headline = line(doc.get("headline")).ok_or(ParseError::MissingHeadline)?;
    let url = url(doc.get("url"));
    Ok(Article {
        id: line(doc.get("id")).or_else(|| url.as_ref().map(|u| u.href.clone())),
        url,
        headline,
        description: line(doc.get("description")),
        section: line(doc.get("section")),
        date_published: date(doc.get("datePublished")),
        date_modified: date(doc.get("dateModified")),
        image: image(doc.get("image")),
        authors: list(doc.get("authors"))
            .chain(list(doc.get("author")))
            .filter_map(author)
            .take(MAX_AUTHORS)
            .map(Rc::new)
            .collect(),
        body: body(doc),
        tags: clean_tags(list(doc.get("tags")).filter_map(raw_tag)),
        corrections: list(doc.get("corrections"))
            .filter_map(correction)
            .take(MAX_CORRECTIONS)
            .collect(),
        trust: doc
            .get("trust")
            .and_then(Value::as_object)
            .map(trust)
            .unwrap_or_default(),
        word_count_hint: None,
        language: line(doc.get("language")).filter(|l| crate::locale::is_locale(l)),
    })
}

/// `"https://…/photo.jpg"` or `{"url", "alt", "caption", "credit", "width", "height"}`.
pub(crate) fn image(v: Option<&Value>) -> Option<Image> {
    match v? {
        Value::String(_) => Some(Image {
            src: url(v)?,
            ..Image::default()
        }),
        Value::Object(o) => Some(Image {
            src: url(o.get("url")).or_else(|| url(o.get("src")))?,
            alt: line(o.get("alt")).unwrap_or_default(),
            caption: line(o.get("caption")),
            credit: line(o.get("credit")),
            width: uint(o.get("width")),
            height: uint(o.get("height")),
        }),
        _ => None,
    }
}

fn author(v: &Value) -> Option<Author> {
    let o = match v {
        Value::String(_) => {
            return Some(Author {
                name: line(Some(v))?,
                ..Author::default()
            })
        }
        Value::Object(o) => o,
        _ => return None,
    };
    Some(Author {
        name: line(o.get("name"))?,
        url: url(o.get("url")),
        image: url(o.get("image")).or_else(|| image(o.get("image")).map(|i| i.src)),
        job_title: line(o.get("jobTitle")),
        bio: line(o.get("bio")),
        long_bio: paragraphs(o.get("longBio")),
        education: lines(o.get("education")),
        location: name_or_line(o.get("location")),
        languages: lines(o.get("languages")),
        expertise: lines(o.get("expertise")),
        recent: list(o.get("recent"))
            .filter_map(recent)
            .take(MAX_RECENT_POSTS)
            .collect(),
        same_as: urls(o.get("sameAs")),
    })
}

fn recent(v: &Value) -> Option<RecentPost> {
    let o = v.as_object()?;
    Some(RecentPost {
        headline: line(o.get("headline")).or_else(|| line(o.get("title")))?,
        url: url(o.get("url")),
        date: date(o.get("date")).or_else(|| date(o.get("datePublished"))),
    })
}

fn raw_tag(v: &Value) -> Option<RawTag> {
    match v {
        Value::String(s) => Some(RawTag::from(s.as_str())),
        Value::Object(o) => Some(RawTag {
            name: o.get("name")?.as_str()?.to_owned(),
            slug: o.get("slug").and_then(Value::as_str).map(str::to_owned),
            url: o.get("url").and_then(Value::as_str).map(str::to_owned),
        }),
        _ => None,
    }
}

fn correction(v: &Value) -> Option<Correction> {
    match v {
        Value::String(_) => Some(Correction {
            date: None,
            text: line(Some(v))?,
        }),
        Value::Object(o) => Some(Correction {
            date: date(o.get("date")),
            text: line(o.get("text"))?,
        }),
        _ => None,
    }
}

fn trust(o: &Map<String, Value>) -> Trust {
    Trust {
        publisher: line(o.get("publisher")),
        statement: line(o.get("statement")),
        standards_url: url(o.get("standardsUrl")),
        corrections_policy_url: url(o.get("correctionsPolicyUrl")),
        ethics_policy_url: url(o.get("ethicsPolicyUrl")),
    }
}

/// The body: `body` (typed blocks) or `bodyHtml` (the article's own HTML, converted to the same
/// blocks by [`crate::html`]). A document gives one of them; given both, `body` is read.
fn body(doc: &Map<String, Value>) -> Vec<Block> {
    match (doc.get("body"), doc.get("bodyHtml").and_then(Value::as_str)) {
        (Some(body), _) if !body.is_null() => list(Some(body))
            .filter_map(|b| block(b, 0))
            .take(MAX_BLOCKS)
            .collect(),
        (_, Some(html)) => crate::html::body_from_html(html),
        _ => Vec::new(),
    }
}

/// A heading's `level` under the headline: 1 (the default), 2 or 3.
fn heading_level(v: Option<&Value>) -> u8 {
    uint(v).map_or(1, |n| n.clamp(1, 3) as u8)
}

/// One body block. A bare string is a paragraph; an unknown `type` is skipped. `depth` is the
/// nesting of lists (past [`MAX_DEPTH`], a nested list's items become paragraphs).
fn block(v: &Value, depth: usize) -> Option<Block> {
    let o = match v {
        Value::String(s) => return paragraph_of_text(s),
        Value::Object(o) => o,
        _ => return None,
    };
    match o.get("type").and_then(Value::as_str).unwrap_or("paragraph") {
        "paragraph" => match o.get("content") {
            Some(Value::Array(_)) => {
                let runs = runs(o.get("content"));
                (!runs.is_empty()).then_some(Block::Paragraph(runs))
            }
            _ => paragraph_of_text(o.get("text")?.as_str()?),
        },
        "heading" => line(o.get("text")).map(|text| Block::Heading {
            level: heading_level(o.get("level")),
            text,
        }),
        "quote" => Some(Block::Quote {
            text: line(o.get("text"))?,
            cite: line(o.get("cite")),
        }),
        "image" => image(Some(v)).map(Block::Image),
        "gallery" => {
            let images: Vec<Image> = list(o.get("images"))
                .filter_map(|i| image(Some(i)))
                .take(MAX_GALLERY)
                .collect();
            (!images.is_empty()).then(|| Block::Gallery {
                images,
                caption: line(o.get("caption")),
            })
        }
        "related" => Some(Block::Related(Related {
            headline: line(o.get("headline"))?,
            url: url(o.get("url"))?,
            kicker: line(o.get("kicker")),
            image: image(o.get("image")),
        })),
        "list" => {
            let items: Vec<Vec<Block>> = list(o.get("items"))
                .filter_map(|item| {
                    let blocks: Vec<Block> = match item {
                        Value::Array(blocks) => {
                            blocks.iter().filter_map(|b| block(b, depth + 1)).collect()
                        }
                        other => block(other, depth + 1).into_iter().collect(),
                    };
                    (!blocks.is_empty()).then_some(blocks)
                })
                .take(MAX_BLOCKS)
                .collect();
            let list = List {
                ordered: flag(o.get("ordered")),
                start: uint(o.get("start")).filter(|&n| n != 1),
                items,
            };
            (!list.items.is_empty()).then(|| {
                if depth >= MAX_DEPTH {
                    // Too deep to nest: the first item's first block stands for the list.
                    list.items
                        .into_iter()
                        .flatten()
                        .next()
                        .unwrap_or(Block::Separator)
                } else {
                    Block::List(list)
                }
            })
        }
        "table" => {
            let rows = |key: &str| -> Vec<Vec<Cell>> {
                list(o.get(key))
                    .filter_map(|row| {
                        let cells: Vec<Cell> = list(Some(row))
                            .filter_map(cell)
                            .take(MAX_TABLE_COLUMNS)
                            .collect();
                        (!cells.is_empty()).then_some(cells)
                    })
                    .take(MAX_TABLE_ROWS)
                    .collect()
            };
            let table = Table {
                caption: match o.get("caption") {
                    Some(Value::Array(_)) => Some(runs(o.get("caption"))),
                    other => line(other).map(|c| vec![Inline::plain(c)]),
                }
                .filter(|r| !r.is_empty()),
                head: rows("head"),
                body: rows("rows"),
            };
            (!table.head.is_empty() || !table.body.is_empty()).then_some(Block::Table(table))
        }
        "embed" => {
            let page = url(o.get("url")).filter(|u| u.href.starts_with("https://"));
            let frame = url(o.get("frame")).filter(|u| u.href.starts_with("https://"));
            let shown = page.clone().or_else(|| frame.clone())?;
            let host = shown
                .href
                .split("://")
                .nth(1)?
                .split(['/', '?', '#', ':'])
                .next()?;
            Some(Block::Embed(Embed {
                provider: Provider::of_host(host),
                url: shown,
                frame,
                title: line(o.get("title")),
                width: uint(o.get("width")),
                height: uint(o.get("height")),
            }))
        }
        "code" => {
            let text = o.get("text")?.as_str()?.trim_end_matches(['\n', '\r']);
            (!text.trim().is_empty()).then(|| Block::Code {
                text: text.to_owned(),
                language: line(o.get("language")).filter(|l| l.len() <= 32),
            })
        }
        "separator" => Some(Block::Separator),
        "footnotes" => {
            // `notes`: each a string, an array of runs, or {"number", "content" | "text"}.
            let notes: Vec<Footnote> = list(o.get("notes"))
                .enumerate()
                .filter_map(|(i, n)| {
                    let place = u32::try_from(i + 1).unwrap_or(u32::MAX);
                    let (number, content) = match n {
                        Value::Array(_) => (place, runs(Some(n))),
                        Value::Object(o) => (
                            uint(o.get("number")).filter(|&n| n > 0).unwrap_or(place),
                            match o.get("content") {
                                Some(Value::Array(_)) => runs(o.get("content")),
                                _ => line(o.get("text")).map(Inline::plain).into_iter().collect(),
                            },
                        ),
                        other => (
                            place,
                            line(Some(other)).map(Inline::plain).into_iter().collect(),
                        ),
                    };
                    (!content.is_empty()).then_some(Footnote { number, content })
                })
                .take(MAX_BLOCKS)
                .collect();
            (!notes.is_empty()).then_some(Block::Footnotes(notes))
        }
        _ => None,
    }
}

/// A table cell: `"text"` or `{"text" | "content", "header", "scope", "colspan", "rowspan"}`.
fn cell(v: &Value) -> Option<Cell> {
    match v {
        Value::Object(o) => {
            let content = match o.get("content") {
                Some(Value::Array(_)) => runs(o.get("content")),
                _ => line(o.get("text")).map(Inline::plain).into_iter().collect(),
            };
            let header = flag(o.get("header"));
            let span =
                |k: &str| uint(o.get(k)).map_or(1, |n| n.clamp(1, u32::from(MAX_SPAN)) as u16);
            Some(Cell {
                header,
                scope: header
                    .then(|| {
                        o.get("scope")
                            .and_then(Value::as_str)
                            .and_then(Scope::parse)
                    })
                    .flatten(),
                colspan: span("colspan"),
                rowspan: span("rowspan"),
                content,
            })
        }
        Value::Null => None,
        other => Some(Cell {
            content: line(Some(other)).map(Inline::plain).into_iter().collect(),
            ..Cell::default()
        }),
    }
}

/// An array of inline runs.
fn runs(v: Option<&Value>) -> Vec<Inline> {
    list(v).filter_map(inline).collect()
}

fn paragraph_of_text(s: &str) -> Option<Block> {
    let text = text::clean_line(s);
    (!text.is_empty()).then(|| Block::Paragraph(vec![Inline::plain(text)]))
}

/// An inline run: `"text"` or `{"text", "em", "strong", "href", "sub", "sup", "code", "mark",
/// "small", "del", "ins", "abbr", "note"}`, or `{"break": true}` (a line break). Inner spaces at
/// the edges of a run are kept (they separate it from its neighbours).
fn inline(v: &Value) -> Option<Inline> {
    if let Value::Object(o) = v {
        if flag(o.get("break")) {
            return Some(Inline::line_break());
        }
    }
    let (raw, o) = match v {
        Value::String(s) => (s.as_str(), None),
        Value::Object(o) => (o.get("text")?.as_str()?, Some(o)),
        _ => return None,
    };
    let decoded = text::decode_entities(&text::strip_tags(raw));
    let mut text = text::collapse_ws(&decoded);
    if text.is_empty() {
        // A run of pure whitespace still separates words.
        return (!decoded.is_empty()).then(|| Inline::plain(" "));
    }
    if decoded.starts_with(char::is_whitespace) {
        text.insert(0, ' ');
    }
    if decoded.ends_with(char::is_whitespace) {
        text.push(' ');
    }
    let is = |k: &str| o.is_some_and(|o| flag(o.get(k)));
    Some(Inline {
        text,
        em: is("em"),
        strong: is("strong"),
        href: o.and_then(|o| url(o.get("href"))),
        marks: Marks {
            sub: is("sub"),
            sup: is("sup"),
            code: is("code"),
            mark: is("mark"),
            small: is("small"),
            del: is("del"),
            ins: is("ins"),
            abbr: o.and_then(|o| line(o.get("abbr"))),
            note: o.and_then(|o| uint(o.get("note"))).filter(|&n| n > 0),
        },
    })
}
