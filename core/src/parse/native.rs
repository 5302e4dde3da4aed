//! The widget's own JSON document, version 1 (documented with a full example in docs/data.md).
//! camelCase keys, every field optional except `headline`, the body as typed blocks — never HTML.

use std::rc::Rc;

use serde_json::{Map, Value};

use super::fields::{date, flag, line, lines, list, name_or_line, paragraphs, uint, url, urls};
use crate::error::ParseError;
use crate::model::{
    Article, Author, Block, Correction, Image, Inline, RecentPost, Related, Trust, MAX_AUTHORS,
    MAX_CORRECTIONS, MAX_RECENT_POSTS,
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
        body: list(doc.get("body")).filter_map(block).collect(),
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

/// One body block. A bare string is a paragraph; an unknown `type` is skipped.
fn block(v: &Value) -> Option<Block> {
    let o = match v {
        Value::String(s) => return paragraph_of_text(s),
        Value::Object(o) => o,
        _ => return None,
    };
    match o.get("type").and_then(Value::as_str).unwrap_or("paragraph") {
        "paragraph" => match o.get("content") {
            Some(Value::Array(runs)) => {
                let runs: Vec<Inline> = runs.iter().filter_map(inline).collect();
                (!runs.is_empty()).then_some(Block::Paragraph(runs))
            }
            _ => paragraph_of_text(o.get("text")?.as_str()?),
        },
        "heading" => line(o.get("text")).map(Block::Heading),
        "quote" => Some(Block::Quote {
            text: line(o.get("text"))?,
            cite: line(o.get("cite")),
        }),
        "image" => image(Some(v)).map(Block::Image),
        "related" => Some(Block::Related(Related {
            headline: line(o.get("headline"))?,
            url: url(o.get("url"))?,
            kicker: line(o.get("kicker")),
            image: image(o.get("image")),
        })),
        _ => None,
    }
}

fn paragraph_of_text(s: &str) -> Option<Block> {
    let text = text::clean_line(s);
    (!text.is_empty()).then(|| Block::Paragraph(vec![Inline::plain(text)]))
}

/// An inline run: `"text"` or `{"text", "em", "strong", "href"}`. Inner spaces at the edges of a
/// run are kept (they separate it from its neighbours).
fn inline(v: &Value) -> Option<Inline> {
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
    Some(Inline {
        text,
        em: o.is_some_and(|o| flag(o.get("em"))),
        strong: o.is_some_and(|o| flag(o.get("strong"))),
        href: o.and_then(|o| url(o.get("href"))),
    })
}
