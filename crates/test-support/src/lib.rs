//! aw-testing: test and benchmark support, in a crate of its own so that none of it ships.
//!
//! Adversarial article documents (issue 10), each scaled by a size parameter `n`: shared by the
//! growth tests (`crates/test-support/tests/growth.rs`, which asserts completion and output shape;
//! `tests/growth_render.rs`, which renders them and holds their growth to linear) and the growth
//! benchmark (`benches/growth.rs`, which times them at n, 2n, 4n and 8n), so all of them run the
//! very same documents.
//!
//! Every generator writes JSON text directly (deep nesting never goes through a recursive
//! serializer) in either input format, and says what a parser must make of it ([`Expect`]);
//! [`check`] compares a parse result against that and against the caps in `aw_core::model`.

use std::collections::HashSet;
use std::fmt::Write;

use aw_core::error::ParseError;
use aw_core::model::{
    Article, Block, MAX_AUTHORS, MAX_CORRECTIONS, MAX_LIST_ITEMS, MAX_RECENT_POSTS, MAX_TAGS,
};

/// The two input formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// The widget's own JSON document, version 1.
    Native,
    /// schema.org JSON-LD with an `@graph` and `@id` references.
    JsonLd,
}

impl Format {
    /// Both formats.
    pub const BOTH: [Format; 2] = [Format::Native, Format::JsonLd];

    /// The format's name in reports.
    pub fn name(self) -> &'static str {
        match self {
            Format::Native => "native",
            Format::JsonLd => "JSON-LD",
        }
    }
}

/// The smallest size of each shape for the benchmark (n; it runs n, 2n, 4n and 8n), chosen so
/// that 8n parses and renders well under a second in a release build on the 2-core build
/// machine, in documents of at most about 5 MiB (the most the widget fetches).
pub const PLAN: &[(Shape, usize)] = &[
    (Shape::Deep, 250),
    (Shape::TooDeep, 2_000),
    (Shape::Entities, 500),
    (Shape::NestedGraph, 500),
    (Shape::Tags, 12_500),
    (Shape::Long, 20_000),
    (Shape::Markup, 4_000),
    (Shape::Lists, 2_000),
];

/// The adversarial shapes. `n` counts a different unit in each ([`Shape::unit`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// `n` subtrees nested [`DEEP`] levels (just under serde_json's limit of 128) in unknown and
    /// known fields (authors, tags, body, corrections, keywords, about, @graph, image...), objects
    /// keyed by the fields the parsers read and, in JSON-LD, carrying `@id`s at every level.
    Deep,
    /// One subtree `n` levels deep: far past serde_json's 128 levels, so the host decoder refuses
    /// the document (`ParseError::Json`); the browser's `JSON.parse` seam keeps it, with `null`
    /// below level 128. Either outcome is accepted; what matters is that it ends, and cheaply.
    TooDeep,
    /// `n` people who reference each other (colleague, image author, alumniOf, homeLocation...)
    /// with places, images, topics and corrections as separate `@graph` nodes (people and images
    /// also as `{"@id"}` stubs), the article node last; all but ten people nameless, so
    /// the parser walks every reference before it has its ten authors. Native: `n` authors (all
    /// but ten nameless), `n` corrections (all but fifty textless), `n` body blocks of every type,
    /// `n` tag objects.
    Entities,
    /// JSON-LD only: [`Entities`](Shape::Entities)'s `n` people at the bottom of `@graph`s nested
    /// [`GRAPH_CHAIN`] deep, every level a top node the `@id` index walks again (a bounded
    /// constant factor, measured).
    NestedGraph,
    /// `n` keywords/tags: punctuation-only names, blanks, entity- and markup-laden duplicates in
    /// assorted case, at most [`TAG_TOPICS`] distinct ones (so none is cut by the cap and every
    /// keyword is read).
    Tags,
    /// `n`-character strings with no whitespace: headline, URLs, id, tags, names, bio, body,
    /// caption, publisher; a description of `&`s and `<`s that open nothing; a section with an
    /// unterminated tag.
    Long,
    /// A body of `n` `<style>`/`<script>` pairs (assorted case, attributes, `<` inside scripts)
    /// with entities between them and a `<p>` every [`PAIRS_PER_PARAGRAPH`] pairs; the same in an
    /// author's biography.
    Markup,
    /// `n` items in each of an author's lists: the capped ones (education, languages, expertise,
    /// recent posts, the byline) and the uncapped `sameAs` and long biography.
    Lists,
}

impl Shape {
    /// Every shape.
    pub const ALL: [Shape; 8] = [
        Shape::Deep,
        Shape::TooDeep,
        Shape::Entities,
        Shape::NestedGraph,
        Shape::Tags,
        Shape::Long,
        Shape::Markup,
        Shape::Lists,
    ];

    /// The shape's name in reports (and for `--only`).
    pub fn name(self) -> &'static str {
        match self {
            Shape::Deep => "deep",
            Shape::TooDeep => "too-deep",
            Shape::Entities => "entities",
            Shape::NestedGraph => "nested-graph",
            Shape::Tags => "tags",
            Shape::Long => "long",
            Shape::Markup => "markup",
            Shape::Lists => "lists",
        }
    }

    /// What `n` counts.
    pub fn unit(self) -> &'static str {
        match self {
            Shape::Deep => "subtree",
            Shape::TooDeep => "level",
            Shape::Entities | Shape::NestedGraph => "entity",
            Shape::Tags => "keyword",
            Shape::Long => "char",
            Shape::Markup => "pair",
            Shape::Lists => "item",
        }
    }

    /// Whether the shape exists in `format`.
    pub fn has(self, format: Format) -> bool {
        !(self == Shape::NestedGraph && format == Format::Native)
    }

    /// The document of this shape at size `n`.
    pub fn build(self, format: Format, n: usize) -> Doc {
        match self {
            Shape::Deep => deep(format, n, DEEP),
            Shape::TooDeep => too_deep(format, n),
            Shape::Entities => entities(format, n, 0),
            Shape::NestedGraph => entities(Format::JsonLd, n, GRAPH_CHAIN),
            Shape::Tags => tags(format, n, TAG_TOPICS),
            Shape::Long => long(format, n),
            Shape::Markup => markup(format, n),
            Shape::Lists => lists(format, n),
        }
    }
}

/// Nesting of [`Shape::Deep`]'s subtrees: with the few levels around them, just under the 128
/// that serde_json accepts.
pub const DEEP: usize = 120;
/// `@graph` levels in [`Shape::NestedGraph`] (the parser's node index stops at 24).
pub const GRAPH_CHAIN: usize = 22;
/// Distinct topics in [`Shape::Tags`].
pub const TAG_TOPICS: usize = 60;
/// Pairs per paragraph in [`Shape::Markup`].
pub const PAIRS_PER_PARAGRAPH: usize = 50;

/// A generated document and what a parser must make of it.
pub struct Doc {
    /// The document's JSON text.
    pub json: String,
    /// The headline the parser must produce.
    pub headline: String,
    /// The same as it must appear in rendered HTML (text-escaped).
    pub headline_html: String,
    /// What the parse must give.
    pub expect: Expect,
}

/// The expected parse, beyond the caps every document must respect.
#[derive(Default)]
pub struct Expect {
    /// The host decoder may refuse the document as JSON (too deep); any other error is a failure.
    pub may_reject: bool,
    /// How many topic tags the article keeps.
    pub tags: usize,
    /// How many authors it keeps.
    pub authors: usize,
    /// The first author's name, when it is worth checking.
    pub first_author: Option<String>,
    /// How many published corrections it keeps.
    pub corrections: usize,
    /// Body blocks.
    pub blocks: usize,
    /// The paragraphs' texts, when they are worth checking (in order, runs joined).
    pub paragraphs: Option<Vec<String>>,
    /// The standfirst, when it is worth checking.
    pub description: Option<String>,
}

/// A headline with markup, entities and a script to strip, plus `tail` (which needs no escaping).
fn headline(shape: Shape, format: Format, n: usize, tail: &str) -> (String, String, String) {
    let label = format!("{} {} n={n}", shape.name(), format.name());
    (
        format!("Growth {label} <b>bold</b> &amp; &lt;i&gt; <script>alert(1)</script>end{tail}"),
        format!("Growth {label} bold & <i> end{tail}"),
        format!("Growth {label} bold &amp; &lt;i&gt; end{tail}"),
    )
}

/// A JSON string literal.
pub fn q(s: &str) -> String {
    serde_json::to_string(s).expect("a string serialises")
}

/// `len` characters without whitespace, commas, `<` or `&` (some non-ASCII, URL-safe enough).
pub fn unbroken(len: usize) -> String {
    "ab-cd_é.1/".chars().cycle().take(len).collect()
}

const OBJECT_KEYS: &[&str] = &[
    "author",
    "image",
    "about",
    "name",
    "url",
    "keywords",
    "@graph",
    "publisher",
    "address",
    "x",
];

/// Writes a subtree `depth` levels deep, alternating arrays and objects (from `start_object`),
/// the objects keyed by fields the parsers read; with `ids`, every object has an `@id`
/// (`{ids}-{level}`) and a `@type`. The leaf is `null`, so nothing in it is ever a value.
fn nest(out: &mut String, depth: usize, start_object: bool, ids: Option<&str>) {
    let mut closers = Vec::with_capacity(depth);
    for level in 0..depth {
        if (level % 2 == 0) != start_object {
            out.push('[');
            closers.push(']');
        } else {
            out.push('{');
            if let Some(prefix) = ids {
                let _ = write!(out, "\"@id\":\"{prefix}-{level}\",\"@type\":\"Thing\",");
            }
            let _ = write!(out, "\"{}\":", OBJECT_KEYS[level % OBJECT_KEYS.len()]);
            closers.push('}');
        }
    }
    out.push_str("null");
    out.extend(closers.iter().rev());
}

/// Comma-separated items, each written by `item`.
fn items(
    out: &mut String,
    range: std::ops::Range<usize>,
    mut item: impl FnMut(&mut String, usize),
) {
    for (k, i) in range.enumerate() {
        if k > 0 {
            out.push(',');
        }
        item(out, i);
    }
}

fn doc(
    json: String,
    (_, headline, headline_html): (String, String, String),
    expect: Expect,
) -> Doc {
    Doc {
        json,
        headline,
        headline_html,
        expect,
    }
}

/// [`Shape::Deep`] with subtrees `depth` levels deep (the test varies it).
pub fn deep(format: Format, n: usize, depth: usize) -> Doc {
    let h = headline(Shape::Deep, format, n, "");
    let mut j = String::new();
    // Subtree i goes to slot i % SLOTS; each slot also holds one real value.
    const SLOTS: usize = 6;
    let slot = |s: usize| (0..n).filter(move |i| i % SLOTS == s);
    match format {
        Format::Native => {
            let _ = write!(j, "{{\"version\":1,\"headline\":{},", q(&h.0));
            j.push_str("\"authors\":[{\"name\":\"Deep Author\",\"x\":null}");
            for i in slot(0) {
                j.push(',');
                nest(&mut j, depth, i % 4 < 2, None);
            }
            j.push_str("],\"tags\":[\"Deep tag\"");
            for i in slot(1) {
                j.push(',');
                nest(&mut j, depth, i % 4 < 2, None);
            }
            j.push_str("],\"body\":[\"Deep body\"");
            for i in slot(2) {
                j.push(',');
                nest(&mut j, depth, i % 4 < 2, None);
            }
            for _ in slot(3) {
                j.push_str(",{\"type\":\"paragraph\",\"content\":");
                nest(&mut j, depth.saturating_sub(3), false, None);
                j.push('}');
            }
            j.push_str("],\"corrections\":[{\"text\":\"Deep fix\"}");
            for i in slot(4) {
                j.push(',');
                nest(&mut j, depth, i % 4 < 2, None);
            }
            j.push_str("],\"image\":{\"url\":\"https://e.example/i.jpg\",\"alt\":");
            nest(&mut j, depth.saturating_sub(2), true, None);
            j.push_str("},\"trust\":{\"publisher\":");
            nest(&mut j, depth.saturating_sub(2), true, None);
            j.push_str("},\"x\":[");
            items(&mut j, 0..slot(5).count(), |j, i| {
                nest(j, depth, i % 2 == 0, None)
            });
            j.push_str("]}");
        }
        Format::JsonLd => {
            let _ = write!(
                j,
                "{{\"@context\":\"https://schema.org\",\"@graph\":[{{\"@type\":\"NewsArticle\",\
                 \"@id\":\"#article\",\"headline\":{},\"articleBody\":\"Deep body\",\
                 \"author\":[{{\"@id\":\"#p0\"}}",
                q(&h.0)
            );
            for i in slot(0) {
                j.push(',');
                nest(&mut j, depth, i % 4 < 2, Some(&format!("#a{i}")));
            }
            j.push_str("],\"keywords\":[\"Deep tag\"");
            for i in slot(1) {
                j.push(',');
                nest(&mut j, depth, i % 4 < 2, None);
            }
            j.push_str("],\"about\":[");
            items(&mut j, 0..slot(2).count(), |j, i| {
                nest(j, depth, i % 2 == 0, Some(&format!("#t{i}")))
            });
            j.push_str("],\"correction\":[\"Deep fix\"");
            for i in slot(3) {
                j.push(',');
                nest(&mut j, depth, i % 4 < 2, Some(&format!("#c{i}")));
            }
            j.push_str("],\"image\":");
            nest(&mut j, depth.saturating_sub(2), true, Some("#img"));
            j.push_str(",\"publisher\":");
            nest(&mut j, depth.saturating_sub(2), true, Some("#pub"));
            j.push_str(",\"mentions\":[");
            items(&mut j, 0..slot(4).count(), |j, i| {
                nest(j, depth, i % 2 == 0, None)
            });
            j.push_str("]},{\"@type\":\"Person\",\"@id\":\"#p0\",\"name\":\"Deep Author\"}");
            // Top-level members: nested arrays (read for nodes down to the index's depth) and
            // objects with ids at every level.
            for i in slot(5) {
                j.push(',');
                nest(
                    &mut j,
                    depth.saturating_sub(2),
                    i % 4 < 2,
                    Some(&format!("#g{i}")),
                );
            }
            j.push_str("]}");
        }
    }
    doc(
        j,
        h,
        Expect {
            tags: 1,
            authors: 1,
            first_author: Some("Deep Author".into()),
            corrections: 1,
            blocks: 1,
            paragraphs: Some(vec!["Deep body".into()]),
            ..Expect::default()
        },
    )
}

/// [`Shape::TooDeep`].
pub fn too_deep(format: Format, n: usize) -> Doc {
    let h = headline(Shape::TooDeep, format, n, "");
    let mut j = match format {
        Format::Native => format!("{{\"version\":1,\"headline\":{},\"x\":", q(&h.0)),
        Format::JsonLd => format!(
            "{{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\"headline\":{},\
             \"author\":",
            q(&h.0)
        ),
    };
    nest(&mut j, n, false, (format == Format::JsonLd).then_some("#d"));
    j.push('}');
    doc(
        j,
        h,
        Expect {
            may_reject: true,
            ..Expect::default()
        },
    )
}

/// A tag name for topic `k` in one of five spellings (`i` picks it); `None` for the punctuation
/// and blank ones. Returns (raw, key of the clean name).
fn topic(i: usize, k: usize) -> (String, Option<usize>) {
    match i % 5 {
        0 => ("&mdash;;.!?&nbsp;".into(), None),
        1 => (format!("TOPIC &amp; <b>{k}</b>"), Some(k)),
        2 => (format!("topic & {k}"), Some(k)),
        3 => (format!("&nbsp;Topic&#32;&amp;&#x20;{k}&nbsp;"), Some(k)),
        _ => ("  ".into(), None),
    }
}

/// [`Shape::Entities`] (`chain == 0`) and [`Shape::NestedGraph`] (`chain` nested `@graph`s).
pub fn entities(format: Format, n: usize, chain: usize) -> Doc {
    let shape = if chain == 0 {
        Shape::Entities
    } else {
        Shape::NestedGraph
    };
    let h = headline(shape, format, n, "");
    let named = n.min(MAX_AUTHORS);
    let fixed = n.min(MAX_CORRECTIONS);
    let mut topics = HashSet::new();
    let mut j = String::new();
    let expect = match format {
        Format::Native => {
            let _ = write!(j, "{{\"version\":1,\"headline\":{},\"authors\":[", q(&h.0));
            // The named ones last: every nameless one is read first.
            items(&mut j, 0..n, |j, i| {
                if i >= n - named {
                    let _ = write!(
                        j,
                        "{{\"name\":\"Author {i}\",\"url\":\"/a/{i}\",\"jobTitle\":\"Reporter\",\
                         \"education\":[\"School {i}\"],\"recent\":[{{\"headline\":\"R {i}\",\
                         \"url\":\"/r/{i}\",\"date\":\"2026-01-0{}\"}}],\"sameAs\":[\"https://s.example/{i}\"]}}",
                        1 + i % 9
                    );
                } else {
                    let _ = write!(
                        j,
                        "{{\"url\":\"/a/{i}\",\"education\":[\"School {i}\"],\"recent\":[{{\"headline\":\"R\"}}]}}"
                    );
                }
            });
            j.push_str("],\"corrections\":[");
            items(&mut j, 0..n, |j, i| {
                if i >= n - fixed {
                    let _ = write!(j, "{{\"date\":\"2026-02-01\",\"text\":\"Fix {i}\"}}");
                } else {
                    j.push_str("{\"date\":\"2026-02-01\"}");
                }
            });
            j.push_str("],\"body\":[");
            items(&mut j, 0..n, |j, i| {
                let _ = match i % 6 {
                    0 => write!(j, "\"Para {i} &amp; more\""),
                    1 => write!(j, "{{\"type\":\"heading\",\"text\":\"H {i}\"}}"),
                    2 => write!(j, "{{\"type\":\"quote\",\"text\":\"Q {i}\",\"cite\":\"C {i}\"}}"),
                    3 => write!(j, "{{\"type\":\"image\",\"url\":\"/i/{i}.jpg\",\"alt\":\"A {i}\",\"width\":4,\"height\":3}}"),
                    4 => write!(j, "{{\"type\":\"related\",\"headline\":\"Rel {i}\",\"url\":\"/rel/{i}\",\"image\":\"/i/{i}.jpg\"}}"),
                    _ => write!(j, "{{\"type\":\"paragraph\",\"content\":[\"a \",{{\"text\":\"b {i}\",\"em\":true,\"href\":\"/l/{i}\"}}]}}"),
                };
            });
            j.push_str("],\"tags\":[");
            items(&mut j, 0..n, |j, i| {
                let (name, key) = topic(i, i % TAG_TOPICS);
                topics.extend(key);
                let _ = write!(
                    j,
                    "{{\"name\":{},\"slug\":\"t-{i}\",\"url\":\"/t/{i}\"}}",
                    q(&name)
                );
            });
            j.push_str("]}");
            Expect {
                tags: topics.len().min(MAX_TAGS),
                authors: named,
                first_author: (n > 0).then(|| format!("Author {}", n - named)),
                corrections: fixed,
                blocks: n,
                ..Expect::default()
            }
        }
        Format::JsonLd => {
            j.push_str("{\"@context\":\"https://schema.org\",\"@graph\":[");
            let mut article = String::new();
            let _ = write!(
                article,
                "{{\"@type\":\"NewsArticle\",\"@id\":\"#article\",\"headline\":{},\
                 \"articleBody\":\"Body\",\"image\":{{\"@id\":\"#img0\"}},\
                 \"publisher\":{{\"@id\":\"#org0\"}},\"author\":[",
                q(&h.0)
            );
            // In reverse: the named people (the first ten) come last.
            items(&mut article, 0..n, |a, i| {
                let _ = write!(a, "{{\"@id\":\"#p{}\"}}", n - 1 - i);
            });
            article.push_str("],\"about\":[");
            items(&mut article, 0..n, |a, i| {
                let _ = write!(a, "{{\"@id\":\"#t{i}\"}}");
            });
            article.push_str("],\"correction\":[");
            items(&mut article, 0..n, |a, i| {
                let _ = write!(a, "{{\"@id\":\"#c{i}\"}}");
            });
            article.push_str("]}");
            if chain > 0 {
                // The article at the top; the people at the bottom of the chain.
                j.push_str(&article);
                j.push(',');
                for level in 0..chain {
                    let _ = write!(j, "{{\"@id\":\"#chain{level}\",\"@graph\":");
                }
                j.push('[');
            }
            items(&mut j, 0..n, |j, i| {
                let name = if i < named {
                    format!("\"name\":\"Person {i}\",")
                } else {
                    String::new()
                };
                let _ = write!(
                    j,
                    "{{\"@type\":[\"Person\",\"Thing\"],\"@id\":\"#p{i}\",{name}\
                     \"colleague\":[{{\"@id\":\"#p{}\"}},{{\"@id\":\"#p{}\"}}],\
                     \"knowsAbout\":[{{\"@id\":\"#t{i}\"}}],\"alumniOf\":{{\"@id\":\"#org{}\"}},\
                     \"homeLocation\":{{\"@id\":\"#pl{i}\"}},\"image\":{{\"@id\":\"#img{i}\"}},\
                     \"knowsLanguage\":[{{\"@id\":\"#lang{}\"}}],\"hasCredential\":[{{\"@id\":\"#cred{i}\"}}],\
                     \"sameAs\":\"https://s.example/p{i}\"}},",
                    (i + 1) % n,
                    (i + n - 1) % n,
                    i % 7,
                    i % 5
                );
                let (name, key) = topic(i, i % TAG_TOPICS);
                topics.extend(key);
                let text = if i >= n - fixed {
                    format!(",\"text\":\"Fix {i}\"")
                } else {
                    String::new()
                };
                let _ = write!(
                    j,
                    "{{\"@type\":\"Place\",\"@id\":\"#pl{i}\",\"address\":{{\"@type\":\"PostalAddress\",\
                     \"addressLocality\":\"Town {i}\",\"addressCountry\":{{\"name\":\"Land\"}}}}}},\
                     {{\"@type\":\"ImageObject\",\"@id\":\"#img{i}\",\"url\":\"/img/{i}.jpg\",\
                     \"author\":{{\"@id\":\"#p{i}\"}},\"copyrightHolder\":{{\"@id\":\"#org{}\"}}}},\
                     {{\"@type\":\"Thing\",\"@id\":\"#t{i}\",\"name\":{}}},\
                     {{\"@type\":\"EducationalOccupationalCredential\",\"@id\":\"#cred{i}\",\
                     \"credentialCategory\":{{\"name\":\"Degree {i}\"}}}},\
                     {{\"@type\":\"CorrectionComment\",\"@id\":\"#c{i}\",\"datePublished\":\"2026-02-01\"{text}}},\
                     {{\"@id\":\"#p{i}\"}},{{\"@id\":\"#img{i}\",\"url\":\"/stub.jpg\"}}",
                    i % 7,
                    q(&name)
                );
            });
            for k in 0..7.min(n) {
                let _ = write!(
                    j,
                    ",{{\"@type\":\"Organization\",\"@id\":\"#org{k}\",\"name\":\"Org {k}\",\
                     \"publishingPrinciples\":{{\"@id\":\"#policy\"}}}}"
                );
            }
            for k in 0..5.min(n) {
                let _ = write!(
                    j,
                    ",{{\"@type\":\"Language\",\"@id\":\"#lang{k}\",\"name\":\"L{k}\",\"alternateName\":\"l{k}\"}}"
                );
            }
            if chain > 0 {
                j.push(']');
                j.extend(std::iter::repeat_n('}', chain));
            } else {
                // The article node last: the search for it reads every node's types first.
                if n > 0 {
                    j.push(',');
                }
                j.push_str(&article);
            }
            j.push_str("]}");
            Expect {
                tags: topics.len().min(MAX_TAGS),
                authors: named,
                first_author: (n > 0).then(|| format!("Person {}", named - 1)),
                corrections: fixed,
                blocks: 1,
                paragraphs: Some(vec!["Body".into()]),
                ..Expect::default()
            }
        }
    };
    doc(j, h, expect)
}

/// [`Shape::Tags`] with at most `distinct` topics (the test varies it, also past the cap).
pub fn tags(format: Format, n: usize, distinct: usize) -> Doc {
    let h = headline(Shape::Tags, format, n, "");
    let mut topics = HashSet::new();
    let mut j = String::new();
    match format {
        Format::Native => {
            // Nothing a tag can be made of first, then the n tags.
            let _ = write!(
                j,
                "{{\"version\":1,\"headline\":{},\"tags\":[17,null,{{\"slug\":\"no-name\"}}",
                q(&h.0)
            );
            for i in 0..n {
                let (name, key) = topic(i, (i / 5) % distinct.max(1));
                if topics.len() < MAX_TAGS {
                    topics.extend(key);
                }
                j.push(',');
                let _ = match i % 3 {
                    0 => write!(j, "{}", q(&name)),
                    1 => write!(
                        j,
                        "{{\"name\":{},\"slug\":\"s{i}\",\"url\":\"/t/{i}\"}}",
                        q(&name)
                    ),
                    _ => write!(
                        j,
                        "{{\"name\":{},\"url\":\"javascript:alert(1)\"}}",
                        q(&name)
                    ),
                };
            }
            j.push_str("]}");
        }
        Format::JsonLd => {
            // Chunks of comma-separated keywords, with now and then a named thing.
            let _ = write!(
                j,
                "{{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\"headline\":{},\
                 \"keywords\":[",
                q(&h.0)
            );
            let mut first_in_chunk = true;
            j.push('"');
            for i in 0..n {
                let (name, key) = topic(i, (i / 5) % distinct.max(1));
                if topics.len() < MAX_TAGS {
                    topics.extend(key);
                }
                if i % 1000 == 999 {
                    let _ = write!(j, "\",{{\"@type\":\"Thing\",\"name\":{}}},\"", q(&name));
                    first_in_chunk = true;
                    continue;
                }
                if !first_in_chunk {
                    j.push(',');
                }
                first_in_chunk = false;
                let lit = q(&name);
                j.push_str(&lit[1..lit.len() - 1]);
            }
            j.push_str("\"]}");
        }
    }
    doc(
        j,
        h,
        Expect {
            tags: topics.len().min(MAX_TAGS),
            ..Expect::default()
        },
    )
}

/// [`Shape::Long`].
pub fn long(format: Format, n: usize) -> Doc {
    long_strings(format, n, true)
}

/// [`Shape::Long`]; unless `everywhere`, only the headline, the article's URL, its image's and
/// one tag are `n` characters long (the three; the test's largest document stays small).
pub fn long_strings(format: Format, n: usize, everywhere: bool) -> Doc {
    // At least one character: an empty tag or paragraph would vanish.
    let n = n.max(1);
    let u = unbroken(n);
    let (v, m) = if everywhere {
        (u.clone(), n)
    } else {
        ("v".to_owned(), 1)
    };
    let h = headline(Shape::Long, format, n, &u);
    let half = m / 2;
    let description = format!("{}x{}1", "&".repeat(half), "<".repeat(m - half));
    let section = format!("S<b{}", "a".repeat(m));
    let (hl, desc, sec) = (q(&h.0), q(&description), q(&section));
    let j = match format {
        Format::Native => format!(
            "{{\"version\":1,\"headline\":{hl},\"id\":\"{v}\",\"url\":\"https://e.example/{u}\",\
             \"description\":{desc},\"section\":{sec},\
             \"image\":{{\"url\":\"https://e.example/{u}\",\"alt\":\"{v}\",\"caption\":\"{v}\",\"credit\":\"{v}\"}},\
             \"authors\":[{{\"name\":\"Long {v}\",\"url\":\"/a/{v}\",\"bio\":\"{v}\",\"jobTitle\":\"{v}\",\
             \"sameAs\":[\"https://s.example/{v}\"],\"recent\":[{{\"headline\":\"{v}\",\"url\":\"/{v}\"}}]}}],\
             \"tags\":[\"{u}\",\"t{v}\",{{\"name\":\"x\",\"slug\":\"{v}\",\"url\":\"/t/{v}\"}}],\
             \"body\":[\"{v}\",{{\"type\":\"paragraph\",\"content\":[{{\"text\":\"{v}\",\"href\":\"https://e.example/{v}\"}}]}}],\
             \"corrections\":[\"{v}\"],\"trust\":{{\"publisher\":\"{v}\",\"standardsUrl\":\"/s/{v}\"}}}}"
        ),
        Format::JsonLd => format!(
            "{{\"@context\":\"https://schema.org\",\"@graph\":[{{\"@type\":\"NewsArticle\",\
             \"@id\":\"#{v}\",\"headline\":{hl},\"url\":\"https://e.example/{u}\",\"description\":{desc},\
             \"articleSection\":{sec},\"keywords\":\"{u}\",\"about\":{{\"name\":\"t{v}\"}},\
             \"articleBody\":\"{v}\",\"author\":{{\"@id\":\"#p{v}\"}},\"image\":{{\"@type\":\"ImageObject\",\
             \"url\":\"https://e.example/{u}\",\"caption\":\"{v}\",\"creditText\":\"{v}\"}},\
             \"publisher\":{{\"@type\":\"Organization\",\"name\":\"{v}\",\"publishingPrinciples\":\"/p/{v}\"}},\
             \"correction\":\"{v}\"}},{{\"@type\":\"Person\",\"@id\":\"#p{v}\",\"name\":\"Long {v}\",\
             \"url\":\"/a/{v}\",\"description\":\"{v}\",\"jobTitle\":\"{v}\",\"knowsAbout\":\"{v}\",\
             \"sameAs\":\"https://s.example/{v}\"}}]}}"
        ),
    };
    let paragraphs = match format {
        Format::Native => vec![v.clone(), v.clone()],
        Format::JsonLd => vec![v.clone()],
    };
    doc(
        j,
        h,
        Expect {
            tags: if format == Format::Native { 3 } else { 2 },
            authors: 1,
            first_author: Some(format!("Long {v}")),
            corrections: 1,
            blocks: paragraphs.len(),
            paragraphs: Some(paragraphs),
            description: Some(description),
            ..Expect::default()
        },
    )
}

/// Script and style pairs in assorted case, whose contents must vanish.
const PAIRS: &[&str] = &[
    "<style></style>",
    "<script>alert(1)</script>",
    "<STYLE media=\"x\">p{color:red}</Style>",
    "<script type=\"x\">if (a < b && c > d) go('</p>')</SCRIPT >",
    "<sCrIpT>alert(1)</script\n>",
];

/// The raw paragraphs of [`Shape::Markup`]'s body (without their `<p>`) and the texts they
/// must come out as.
fn marked_up(n: usize) -> (Vec<String>, Vec<String>) {
    let (mut raw, mut clean) = (Vec::new(), Vec::new());
    let mut i = 0;
    while i < n || raw.is_empty() {
        let k = raw.len();
        let mut r = format!("P{k}");
        let mut c = format!("P{k}");
        for _ in 0..PAIRS_PER_PARAGRAPH.min(n - i.min(n)) {
            r.push_str(PAIRS[i % PAIRS.len()]);
            r.push_str("x&amp;y&#8217;");
            c.push_str(" x&y’");
            i += 1;
        }
        raw.push(r);
        clean.push(c);
        if n == 0 {
            break;
        }
    }
    (raw, clean)
}

/// [`Shape::Markup`].
pub fn markup(format: Format, n: usize) -> Doc {
    let h = headline(Shape::Markup, format, n, "");
    let (raw, clean) = marked_up(n);
    let html: String = raw.iter().map(|r| format!("<p>{r}</p>")).collect();
    let bio = q(&html);
    let mut j = String::new();
    match format {
        Format::Native => {
            let _ = write!(j, "{{\"version\":1,\"headline\":{},\"body\":[", q(&h.0));
            items(&mut j, 0..raw.len(), |j, k| {
                // A text block (in <p>), or a paragraph of one run (whose edge spaces would stay).
                let _ = if k % 2 == 0 {
                    write!(j, "{}", q(&format!("<p>{}</p>", raw[k])))
                } else {
                    write!(j, "{{\"type\":\"paragraph\",\"content\":[{}]}}", q(&raw[k]))
                };
            });
            let _ = write!(
                j,
                "],\"authors\":[{{\"name\":\"<style>x</style>Ann<script>alert(1)</script>\",\
                 \"longBio\":{bio},\"bio\":{bio}}}],\"tags\":[{}]}}",
                q("<script>alert(1)</script>Tag<style>p{color:red}</style>")
            );
        }
        Format::JsonLd => {
            let _ = write!(
                j,
                "{{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\"headline\":{},\
                 \"articleBody\":{},\"author\":{{\"@type\":\"Person\",\
                 \"name\":\"<style>x</style>Ann<script>alert(1)</script>\",\"description\":{bio}}},\
                 \"keywords\":{}}}",
                q(&h.0),
                q(&html),
                q("<script>alert(1)</script>Tag<style>p{color:red}</style>")
            );
        }
    }
    doc(
        j,
        h,
        Expect {
            tags: 1,
            authors: 1,
            first_author: Some("Ann".into()),
            blocks: clean.len(),
            // JSON-LD's `articleBody` is HTML here, read as a browser shows it (issue 29): a
            // script or style between two words is nothing, so they join. The widget's own
            // body strings are text, where a stripped tag still separates.
            paragraphs: Some(match format {
                Format::Native => clean,
                Format::JsonLd => clean.iter().map(|c| c.replace(" x&y’", "x&y’")).collect(),
            }),
            ..Expect::default()
        },
    )
}

/// [`Shape::Lists`].
pub fn lists(format: Format, n: usize) -> Doc {
    let h = headline(Shape::Lists, format, n, "");
    let mut j = String::new();
    let strings = |j: &mut String, prefix: &str| {
        j.push('[');
        items(j, 0..n, |j, i| {
            let _ = write!(j, "\"{prefix} {i}\"");
        });
        j.push(']');
    };
    match format {
        Format::Native => {
            let _ = write!(
                j,
                "{{\"version\":1,\"headline\":{},\"authors\":[{{\"name\":\"Listy\",\"education\":",
                q(&h.0)
            );
            strings(&mut j, "School");
            j.push_str(",\"languages\":");
            strings(&mut j, "Lang");
            j.push_str(",\"expertise\":");
            strings(&mut j, "Topic");
            j.push_str(",\"longBio\":");
            strings(&mut j, "Bio paragraph");
            j.push_str(",\"sameAs\":[");
            items(&mut j, 0..n, |j, i| {
                let _ = write!(j, "\"https://s{i}.example/listy\"");
            });
            j.push_str("],\"recent\":[");
            items(&mut j, 0..n, |j, i| {
                let _ = write!(
                    j,
                    "{{\"headline\":\"R {i}\",\"url\":\"/r/{i}\",\"date\":\"2026-01-01\"}}"
                );
            });
            j.push_str("]}");
            for i in 0..n {
                let _ = write!(j, ",\"Author {i}\"");
            }
            j.push_str("]}");
        }
        Format::JsonLd => {
            let _ = write!(
                j,
                "{{\"@context\":\"https://schema.org\",\"@graph\":[{{\"@type\":\"NewsArticle\",\
                 \"headline\":{},\"author\":[{{\"@id\":\"#listy\"}}",
                q(&h.0)
            );
            for i in 0..n {
                let _ = write!(j, ",\"Author {i}\"");
            }
            j.push_str(
                "]},{\"@type\":\"Person\",\"@id\":\"#listy\",\"name\":\"Listy\",\"alumniOf\":",
            );
            strings(&mut j, "School");
            j.push_str(",\"hasCredential\":");
            strings(&mut j, "Degree");
            j.push_str(",\"knowsLanguage\":");
            strings(&mut j, "Lang");
            let _ = write!(
                j,
                ",\"knowsAbout\":\"{}\",\"description\":\"{}\",\"sameAs\":[",
                (0..n)
                    .map(|i| format!("Topic {i}"))
                    .collect::<Vec<_>>()
                    .join(", "),
                (0..n)
                    .map(|i| format!("<p>Bio paragraph {i}.</p>"))
                    .collect::<String>()
            );
            items(&mut j, 0..n, |j, i| {
                let _ = write!(j, "\"https://s{i}.example/listy\"");
            });
            j.push_str("]}]}");
        }
    }
    doc(
        j,
        h,
        Expect {
            authors: (n + 1).min(MAX_AUTHORS),
            first_author: Some("Listy".into()),
            ..Expect::default()
        },
    )
}

/// The texts of the body's paragraphs (runs joined); other blocks as `None`.
pub fn paragraph_texts(a: &Article) -> Vec<Option<String>> {
    a.body
        .iter()
        .map(|b| match b {
            Block::Paragraph(runs) => Some(runs.iter().map(|r| r.text.as_str()).collect()),
            _ => None,
        })
        .collect()
}

macro_rules! ensure {
    ($cond:expr, $($msg:tt)+) => {
        if !$cond {
            return Err(format!($($msg)+));
        }
    };
}

/// Text that must never survive into the article: script and style contents, markup.
fn clean_text(what: &str, s: &str) -> Result<(), String> {
    for bad in ["alert(1)", "color:red", "go(", "<script", "<style", "<b>"] {
        ensure!(!s.contains(bad), "{what} keeps {bad:?}");
    }
    Ok(())
}

/// Checks a parse result against the document's expectations and the model's caps.
pub fn check(doc: &Doc, got: &Result<Article, ParseError>) -> Result<(), String> {
    let e = &doc.expect;
    let a = match got {
        Ok(a) => a,
        Err(ParseError::Json(_)) if e.may_reject => return Ok(()),
        Err(err) => return Err(format!("parse failed: {err}")),
    };
    ensure!(
        a.headline == doc.headline,
        "headline {:.80?}… is not {:.80?}…",
        a.headline,
        doc.headline
    );
    // The caps, whatever the document.
    ensure!(a.tags.len() <= MAX_TAGS, "{} tags", a.tags.len());
    ensure!(
        a.authors.len() <= MAX_AUTHORS,
        "{} authors",
        a.authors.len()
    );
    ensure!(
        a.corrections.len() <= MAX_CORRECTIONS,
        "{} corrections",
        a.corrections.len()
    );
    for p in &a.authors {
        ensure!(
            p.recent.len() <= MAX_RECENT_POSTS,
            "{} recent posts",
            p.recent.len()
        );
        for (what, list) in [
            ("education", &p.education),
            ("languages", &p.languages),
            ("expertise", &p.expertise),
        ] {
            ensure!(list.len() <= MAX_LIST_ITEMS, "{} {what} items", list.len());
        }
        clean_text("an author's name", &p.name)?;
        for t in p.bio.iter().chain(&p.long_bio) {
            clean_text("a biography", t)?;
        }
    }
    // Tags: clean, sluggable, no case-insensitive duplicates.
    let mut seen = HashSet::new();
    for t in &a.tags {
        clean_text("a tag", &t.name)?;
        ensure!(!t.slug.is_empty(), "tag {:?} without a slug", t.name);
        ensure!(
            seen.insert(t.name.to_lowercase()),
            "duplicate tag {:?}",
            t.name
        );
        ensure!(
            t.url
                .as_ref()
                .is_none_or(|u| !u.href.starts_with("javascript")),
            "tag {:?} links to script",
            t.name
        );
    }
    for t in paragraph_texts(a).iter().flatten() {
        clean_text("the body", t)?;
    }
    // This document's own expectations.
    ensure!(
        a.tags.len() == e.tags,
        "{} tags, expected {}",
        a.tags.len(),
        e.tags
    );
    ensure!(
        a.authors.len() == e.authors,
        "{} authors, expected {}",
        a.authors.len(),
        e.authors
    );
    if let Some(name) = &e.first_author {
        let got = a.authors.first().map(|p| p.name.as_str());
        ensure!(
            got == Some(name.as_str()),
            "first author {got:.60?}, expected {name:.60?}"
        );
    }
    ensure!(
        a.corrections.len() == e.corrections,
        "{} corrections, expected {}",
        a.corrections.len(),
        e.corrections
    );
    ensure!(
        a.body.len() == e.blocks,
        "{} body blocks, expected {}",
        a.body.len(),
        e.blocks
    );
    if let Some(want) = &e.paragraphs {
        let got: Vec<String> = paragraph_texts(a).into_iter().flatten().collect();
        ensure!(
            &got == want,
            "paragraphs {:.200?} are not {:.200?}",
            got,
            want
        );
    }
    if let Some(want) = &e.description {
        ensure!(
            a.description.as_ref() == Some(want),
            "description {:.80?} is not {want:.80?}",
            a.description
        );
    }
    Ok(())
}
