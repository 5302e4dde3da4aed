//! schema.org JSON-LD as publishers already emit it: a single object, an array of objects, or an
//! `@graph` whose nodes point at each other by `@id` (the Yoast/WordPress shape). Reads the
//! article node and follows its `author`, `image` and `publisher` references through the graph.

use std::collections::HashMap;
use std::rc::Rc;

use serde_json::{Map, Value};

use super::fields::{date, dedup_texts, line, list, name_or_line, uint, url, urls};
use crate::error::ParseError;
use crate::model::{
    Article, Author, Block, Correction, Image, Inline, Trust, MAX_AUTHORS, MAX_CORRECTIONS,
};
use crate::tags::{clean_tags, split_keywords, RawTag};
use crate::text;
use crate::urls::SafeUrl;

/// Deepest nesting the node index walks (real graphs are 3–4 deep; this bounds hostile input).
const MAX_DEPTH: usize = 24;
/// A description longer than this is split into a short bio (first sentence) and a full one.
const SHORT_BIO_CHARS: usize = 160;

type Obj = Map<String, Value>;

/// Parses JSON-LD into an article.
pub fn parse(root: &Value) -> Result<Article, ParseError> {
    let graph = Graph::new(root);
    let node = graph.article().ok_or(ParseError::NoArticle)?;
    graph.article_from(node)
}

/// The nodes of a JSON-LD document and an index of everything that has an `@id`.
struct Graph<'a> {
    top: Vec<&'a Obj>,
    /// Every node with an `@id`, in document order.
    identified: Vec<&'a Obj>,
    /// The same by id; for a repeated id the fullest node is kept (the reference `{"@id": …}`
    /// itself must not shadow the node it points at).
    by_id: HashMap<&'a str, &'a Obj>,
}

impl<'a> Graph<'a> {
    fn new(root: &'a Value) -> Self {
        let mut graph = Graph {
            top: Vec::new(),
            identified: Vec::new(),
            by_id: HashMap::new(),
        };
        graph.collect_top(root, 0);
        for node in graph.top.clone() {
            graph.index(node, 0);
        }
        graph
    }

    /// Top-level nodes: the root object(s) and the members of any `@graph`.
    fn collect_top(&mut self, v: &'a Value, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        match v {
            Value::Array(items) => items.iter().for_each(|i| self.collect_top(i, depth + 1)),
            Value::Object(o) => {
                self.top.push(o);
                if let Some(g) = o.get("@graph") {
                    self.collect_top(g, depth + 1);
                }
            }
            _ => {}
        }
    }

    /// Indexes every object with an `@id`.
    fn index(&mut self, o: &'a Obj, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        if let Some(id) = o.get("@id").and_then(Value::as_str) {
            self.identified.push(o);
            if self.by_id.get(id).is_none_or(|old| old.len() < o.len()) {
                self.by_id.insert(id, o);
            }
        }
        for v in o.values() {
            for item in list(Some(v)) {
                if let Value::Object(child) = item {
                    self.index(child, depth + 1);
                }
            }
        }
    }

    /// Follows an `{"@id": …}` reference to its node; any other object is returned as it is.
    fn resolve(&self, v: &'a Value) -> Option<&'a Obj> {
        let o = v.as_object()?;
        let target = o
            .get("@id")
            .and_then(Value::as_str)
            .and_then(|id| self.by_id.get(id).copied());
        Some(match target {
            Some(node) if node.len() > o.len() => node,
            _ => o,
        })
    }

    /// The article node: the first node of an article type, else the first node with a headline.
    fn article(&self) -> Option<&'a Obj> {
        let nodes = || self.top.iter().chain(&self.identified).copied();
        nodes()
            .find(|o| types(o).any(is_article_type))
            .or_else(|| nodes().find(|o| o.contains_key("headline")))
    }

    fn article_from(&self, o: &'a Obj) -> Result<Article, ParseError> {
        let headline = line(o.get("headline"))
            .or_else(|| line(o.get("name")))
            .or_else(|| line(o.get("alternativeHeadline")))
            .ok_or(ParseError::MissingHeadline)?;
        let page = o.get("mainEntityOfPage");
        let page_url = page.and_then(|p| match p {
            Value::String(_) => url(Some(p)),
            Value::Object(_) => self
                .resolve(p)
                .and_then(|p| url(p.get("url")).or_else(|| url(p.get("@id")))),
            _ => None,
        });
        let article_url = url(o.get("url")).or(page_url);
        let id = o
            .get("@id")
            .and_then(Value::as_str)
            .map(str::to_owned)
            .or_else(|| line(o.get("identifier")))
            .or_else(|| article_url.as_ref().map(|u| u.href.clone()));

        let authors_v = o.get("author").or_else(|| o.get("creator"));
        let authors = list(authors_v)
            .filter_map(|a| self.author(a))
            .take(MAX_AUTHORS)
            .map(Rc::new)
            .collect();

        let body = o
            .get("articleBody")
            .and_then(Value::as_str)
            .map(|b| {
                if crate::html::looks_like_html(b) {
                    return crate::html::body_from_html(b);
                }
                text::paragraphs(b)
                    .into_iter()
                    .map(|p| Block::Paragraph(vec![Inline::plain(p)]))
                    .collect()
            })
            .unwrap_or_default();

        let mut raw_tags: Vec<RawTag> = Vec::new();
        for k in list(o.get("keywords")) {
            match k {
                Value::String(s) => raw_tags.extend(split_keywords(s)),
                other => {
                    raw_tags.extend(name_or_line(Some(other)).map(|n| RawTag::from(n.as_str())))
                }
            }
        }
        for about in list(o.get("about")) {
            let name = match self.resolve(about) {
                Some(thing) => line(thing.get("name")),
                None => line(Some(about)),
            };
            raw_tags.extend(name.map(|n| RawTag::from(n.as_str())));
        }

        let publisher = o.get("publisher").and_then(|p| self.resolve(p));
        Ok(Article {
            id,
            url: article_url,
            headline,
            description: line(o.get("description")),
            section: list(o.get("articleSection")).find_map(|s| line(Some(s))),
            date_published: date(o.get("datePublished")),
            date_modified: date(o.get("dateModified")),
            image: list(o.get("image")).find_map(|i| self.image(i)),
            authors,
            body,
            tags: clean_tags(raw_tags),
            corrections: list(o.get("correction"))
                .filter_map(|c| self.correction(c))
                .take(MAX_CORRECTIONS)
                .collect(),
            trust: self.trust(o, publisher),
            word_count_hint: uint(o.get("wordCount")).map(|n| n as usize),
            // `inLanguage` is a BCP 47 code or a Language object.
            language: list(o.get("inLanguage"))
                .find_map(|l| match l {
                    Value::Object(_) => self
                        .resolve(l)
                        .and_then(|o| line(o.get("alternateName")).or_else(|| line(o.get("name")))),
                    other => line(Some(other)),
                })
                .filter(|l| crate::locale::is_locale(l)),
        })
    }

    fn image(&self, v: &'a Value) -> Option<Image> {
        if v.is_string() {
            return Some(Image {
                src: url(Some(v))?,
                ..Image::default()
            });
        }
        let o = self.resolve(v)?;
        let credit = line(o.get("creditText"))
            .or_else(|| o.get("copyrightHolder").and_then(|h| self.name_of(h)))
            .or_else(|| o.get("author").and_then(|h| self.name_of(h)));
        Some(Image {
            src: url(o.get("url")).or_else(|| url(o.get("contentUrl")))?,
            alt: line(o.get("name"))
                .or_else(|| line(o.get("description")))
                .unwrap_or_default(),
            caption: line(o.get("caption")),
            credit,
            width: uint(o.get("width")),
            height: uint(o.get("height")),
        })
    }

    fn name_of(&self, v: &'a Value) -> Option<String> {
        match v {
            Value::Object(_) => self.resolve(v).and_then(|o| line(o.get("name"))),
            _ => line(Some(v)),
        }
    }

    fn author(&self, v: &'a Value) -> Option<Author> {
        if v.is_string() {
            return Some(Author {
                name: line(Some(v))?,
                ..Author::default()
            });
        }
        let p = self.resolve(v)?;
        let name = line(p.get("name")).or_else(|| {
            let full = [p.get("givenName"), p.get("familyName")]
                .into_iter()
                .filter_map(line)
                .collect::<Vec<_>>()
                .join(" ");
            (!full.is_empty()).then_some(full)
        })?;
        let description = p
            .get("description")
            .and_then(Value::as_str)
            .map(text::paragraphs)
            .unwrap_or_default();
        let (bio, long_bio) = split_bio(description);
        let credentials = list(p.get("hasCredential")).filter_map(|c| match c {
            Value::Object(_) => self.resolve(c).and_then(|c| {
                line(c.get("name")).or_else(|| name_or_line(c.get("credentialCategory")))
            }),
            other => line(Some(other)),
        });
        let schools = list(p.get("alumniOf")).filter_map(|s| self.name_of(s));
        let education = dedup_texts(credentials.chain(schools));
        Some(Author {
            name,
            url: url(p.get("url")),
            image: list(p.get("image"))
                .find_map(|i| self.image(i))
                .map(|i| i.src),
            job_title: list(p.get("jobTitle")).find_map(|j| name_or_line(Some(j))),
            bio,
            long_bio,
            education,
            location: list(p.get("homeLocation")).find_map(|l| self.place(l)),
            languages: dedup_texts(list(p.get("knowsLanguage")).filter_map(|l| {
                match l {
                    Value::Object(_) => self
                        .resolve(l)
                        .and_then(|o| line(o.get("alternateName")).or_else(|| line(o.get("name")))),
                    other => line(Some(other)),
                }
            })),
            expertise: dedup_texts(list(p.get("knowsAbout")).flat_map(|k| match k {
                Value::String(s) => s.split(',').map(text::clean_line).collect(),
                other => self.name_of(other).into_iter().collect::<Vec<_>>(),
            })),
            recent: Vec::new(),
            same_as: urls(p.get("sameAs")),
        })
    }

    /// `"Phoenix, Arizona"`, a `Place` with a name, or a `PostalAddress`.
    fn place(&self, v: &'a Value) -> Option<String> {
        if !v.is_object() {
            return line(Some(v));
        }
        let place = self.resolve(v)?;
        line(place.get("name")).or_else(|| {
            let addr = place.get("address").unwrap_or(v);
            if addr.is_string() {
                return line(Some(addr));
            }
            let addr = self.resolve(addr)?;
            let parts: Vec<String> = ["addressLocality", "addressRegion", "addressCountry"]
                .into_iter()
                .filter_map(|k| name_or_line(addr.get(k)))
                .collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        })
    }

    fn correction(&self, v: &'a Value) -> Option<Correction> {
        if !v.is_object() {
            return Some(Correction {
                date: None,
                text: line(Some(v))?,
            });
        }
        let c = self.resolve(v)?;
        Some(Correction {
            date: date(c.get("datePublished")).or_else(|| date(c.get("dateCreated"))),
            text: line(c.get("text")).or_else(|| line(c.get("description")))?,
        })
    }

    /// A policy link: a URL string or a CreativeWork with a `url`.
    fn policy(&self, v: Option<&'a Value>) -> Option<SafeUrl> {
        list(v).find_map(|p| match p {
            Value::Object(_) => self
                .resolve(p)
                .and_then(|o| url(o.get("url")).or_else(|| url(o.get("@id")))),
            other => url(Some(other)),
        })
    }

    fn trust(&self, article: &'a Obj, publisher: Option<&'a Obj>) -> Trust {
        let either = |key: &str| {
            self.policy(article.get(key))
                .or_else(|| publisher.and_then(|p| self.policy(p.get(key))))
        };
        Trust {
            publisher: publisher.and_then(|p| line(p.get("name"))),
            statement: None,
            standards_url: either("publishingPrinciples"),
            corrections_policy_url: either("correctionsPolicy"),
            ethics_policy_url: either("ethicsPolicy"),
        }
    }
}

/// The `@type`s of a node, without `schema:`/`https://schema.org/` prefixes.
fn types(o: &Obj) -> impl Iterator<Item = &str> {
    list(o.get("@type"))
        .filter_map(Value::as_str)
        .map(|t| t.rsplit(['/', ':', '#']).next().unwrap_or(t))
}

/// NewsArticle, ReportageNewsArticle, BlogPosting, LiveBlogPosting, Report…
fn is_article_type(t: &str) -> bool {
    t.ends_with("Article")
        || t.ends_with("BlogPosting")
        || matches!(t, "Report" | "SocialMediaPosting")
}

/// A long description becomes a short bio (its first sentence) plus the full text; a short one is
/// the bio alone.
fn split_bio(paragraphs: Vec<String>) -> (Option<String>, Vec<String>) {
    let total: usize = paragraphs.iter().map(|p| p.chars().count()).sum();
    match paragraphs.first() {
        None => (None, Vec::new()),
        Some(first) if total <= SHORT_BIO_CHARS && paragraphs.len() == 1 => {
            (Some(first.clone()), Vec::new())
        }
        Some(first) => {
            let short = first_sentence(first);
            (Some(short), paragraphs)
        }
    }
}

fn first_sentence(p: &str) -> String {
    let mut end = None;
    for (i, c) in p.char_indices() {
        if matches!(c, '.' | '!' | '?') && p[i + c.len_utf8()..].starts_with(' ') && i > 20 {
            end = Some(i + c.len_utf8());
            break;
        }
    }
    match end {
        Some(e) if e <= SHORT_BIO_CHARS * 2 => p[..e].to_owned(),
        _ => p.to_owned(),
    }
}
