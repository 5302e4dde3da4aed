//! The request body: a flat object, JSON by default or `application/x-www-form-urlencoded` for
//! form back-ends. Empty optional fields are left out. Hand-written encoders: both are a few lines
//! and keep a serializer out of the bundle.

use super::draft::{Draft, Field};
use crate::json;
use crate::model::{article_key, Article};
use crate::urls::percent_encode;

/// How the body is encoded (`data-correction-encoding`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Encoding {
    /// `application/json` (default).
    #[default]
    Json,
    /// `application/x-www-form-urlencoded`.
    Form,
}

impl Encoding {
    /// The `Content-Type` header.
    pub fn content_type(self) -> &'static str {
        match self {
            Encoding::Json => "application/json",
            Encoding::Form => "application/x-www-form-urlencoded",
        }
    }
}

/// What is sent, field by field, in this order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Payload {
    /// `articleId`.
    pub article_id: String,
    /// `articleUrl`.
    pub article_url: String,
    /// `headline`.
    pub headline: String,
    /// `quote`.
    pub quote: String,
    /// `correction`.
    pub correction: String,
    /// `sourceUrl`.
    pub source_url: String,
    /// `name`.
    pub name: String,
    /// `email`.
    pub email: String,
    /// `locale`.
    pub locale: String,
    /// `submittedAt`, ISO 8601.
    pub submitted_at: String,
    /// `pageUrl`.
    pub page_url: String,
}

/// Longest `articleId` (an article's key may be its URL).
pub const ID_MAX: usize = 2_000;
/// Longest `articleUrl` and `pageUrl`.
pub const URL_MAX: usize = super::draft::URL_MAX;
/// Longest `headline`.
pub const HEADLINE_MAX: usize = 1_000;
/// Longest `locale` (a BCP 47 tag).
pub const LOCALE_MAX: usize = 35;
/// Longest `submittedAt`.
pub const TIME_MAX: usize = 64;

/// What is wrong with an envelope field ([`Payload::envelope_errors`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EnvelopeError {
    /// Missing (`articleId`).
    Required,
    /// Longer than `max` characters.
    TooLong {
        /// The most allowed.
        max: usize,
    },
    /// Holds a NUL character.
    Nul,
}

/// `url` without its query string and fragment (tracking parameters and tokens live there).
pub fn page_only(url: &str) -> &str {
    url.find(['?', '#']).map_or(url, |i| &url[..i])
}

impl Payload {
    /// The keys, in the order they are sent: the one spelling for the widget and the servers.
    pub const KEYS: [&'static str; 11] = [
        "articleId",
        "articleUrl",
        "headline",
        Field::Quote.key(),
        Field::Correction.key(),
        Field::SourceUrl.key(),
        Field::Name.key(),
        Field::Email.key(),
        "locale",
        "submittedAt",
        "pageUrl",
    ];

    /// What is sent for `draft` about `article`: the article's key, URL and headline, the
    /// reader's fields, and where and when it was written.
    pub fn from_draft(
        article: &Article,
        draft: &Draft,
        locale: &str,
        submitted_at: String,
        page_url: String,
    ) -> Payload {
        Payload {
            article_id: article_key(article),
            article_url: article
                .url
                .as_ref()
                .map(|u| u.href.clone())
                .unwrap_or_default(),
            headline: article.headline.clone(),
            quote: draft.quote.clone(),
            correction: draft.correction.clone(),
            source_url: draft.source_url.clone(),
            name: draft.name.clone(),
            email: draft.email.clone(),
            locale: locale.to_owned(),
            submitted_at,
            page_url: page_only(&page_url).to_owned(),
        }
    }

    /// Every field's value, in [`Payload::KEYS`] order.
    fn values(&self) -> [&String; 11] {
        [
            &self.article_id,
            &self.article_url,
            &self.headline,
            &self.quote,
            &self.correction,
            &self.source_url,
            &self.name,
            &self.email,
            &self.locale,
            &self.submitted_at,
            &self.page_url,
        ]
    }

    /// A payload from a flat object's fields by their keys (what a server received).
    pub fn from_keys(text: &dyn Fn(&str) -> String) -> Payload {
        let mut p = Payload::default();
        let slots = [
            &mut p.article_id,
            &mut p.article_url,
            &mut p.headline,
            &mut p.quote,
            &mut p.correction,
            &mut p.source_url,
            &mut p.name,
            &mut p.email,
            &mut p.locale,
            &mut p.submitted_at,
            &mut p.page_url,
        ];
        for (slot, key) in slots.into_iter().zip(Payload::KEYS) {
            *slot = text(key).trim().to_owned();
        }
        p
    }

    /// The non-empty fields as `(key, value)`, values trimmed.
    pub fn fields(&self) -> Vec<(&'static str, &str)> {
        Payload::KEYS
            .into_iter()
            .zip(self.values())
            .map(|(k, v)| (k, v.trim()))
            .filter(|(_, v)| !v.is_empty())
            .collect()
    }

    /// What the reader wrote, and about which article: the part of a submission that makes it
    /// *this* correction. A server keys idempotency on it (a hash of this string), so the same
    /// correction resent under its key after a reload — with a new `submittedAt`, another
    /// `pageUrl` or a page whose headline changed — is a replay, never a conflict.
    pub fn identity(&self) -> String {
        let mut out = String::from("{");
        json::members(
            &mut out,
            [
                ("articleId", self.article_id.trim()),
                (Field::Quote.key(), self.quote.trim()),
                (Field::Correction.key(), self.correction.trim()),
                (Field::SourceUrl.key(), self.source_url.trim()),
                (Field::Name.key(), self.name.trim()),
                (Field::Email.key(), self.email.trim()),
            ],
        );
        out.push('}');
        out
    }

    /// The envelope's limits (the fields the page fills in, not the reader: the reader's are
    /// [`super::draft::validate`]'s): `articleId` required, every field's length capped, and no
    /// field may hold a NUL character (which PostgreSQL cannot store). One rule set, so a server
    /// on either database gives the same answer.
    pub fn envelope_errors(&self) -> Vec<(&'static str, EnvelopeError)> {
        let caps = [
            ID_MAX,
            URL_MAX,
            HEADLINE_MAX,
            usize::MAX,
            usize::MAX,
            usize::MAX,
            usize::MAX,
            usize::MAX,
            LOCALE_MAX,
            TIME_MAX,
            URL_MAX,
        ];
        let mut errors = Vec::new();
        for ((key, value), max) in Payload::KEYS.into_iter().zip(self.values()).zip(caps) {
            if value.contains('\0') {
                errors.push((key, EnvelopeError::Nul));
            } else if key == "articleId" && value.trim().is_empty() {
                errors.push((key, EnvelopeError::Required));
            } else if value.chars().count() > max {
                errors.push((key, EnvelopeError::TooLong { max }));
            }
        }
        errors
    }

    /// The body in `encoding`.
    pub fn encode(&self, encoding: Encoding) -> String {
        match encoding {
            Encoding::Json => self.to_json(),
            Encoding::Form => self.to_form(),
        }
    }

    /// `{"articleId":"…",…}`.
    pub fn to_json(&self) -> String {
        let mut out = String::from("{");
        json::members(&mut out, self.fields());
        out.push('}');
        out
    }

    /// `articleId=…&correction=…` (spaces as `+`, as HTML forms send them).
    pub fn to_form(&self) -> String {
        self.fields()
            .into_iter()
            .map(|(k, v)| format!("{k}={}", percent_encode(v).replace("%20", "+")))
            .collect::<Vec<_>>()
            .join("&")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Payload {
        Payload {
            article_id: "a-1".into(),
            headline: "Barrier \"holds\"".into(),
            correction: "It was $212m,\nnot $221m & more".into(),
            email: "  ".into(),
            locale: "en-GB".into(),
            submitted_at: "2026-02-04T10:00:00Z".into(),
            ..Payload::default()
        }
    }

    #[test]
    fn json_leaves_out_empty_fields_and_escapes() {
        let json = sample().to_json();
        assert_eq!(
            json,
            r#"{"articleId":"a-1","headline":"Barrier \"holds\"","correction":"It was $212m,\nnot $221m & more","locale":"en-GB","submittedAt":"2026-02-04T10:00:00Z"}"#
        );
        let parsed: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
        assert_eq!(parsed["correction"], "It was $212m,\nnot $221m & more");
        assert!(parsed.get("email").is_none());
        let tricky = Payload {
            correction: "\u{1}\u{2028}\\".into(),
            ..Payload::default()
        }
        .to_json();
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&tricky).unwrap()["correction"],
            "\u{1}\u{2028}\\"
        );
    }

    #[test]
    fn from_draft_takes_the_articles_key_and_the_readers_fields() {
        let article = Article {
            headline: "H".into(),
            url: crate::urls::safe_url("https://example.com/a"),
            ..Article::default()
        };
        let draft = Draft {
            correction: "It was 212, not 221.".into(),
            honeypot: "never sent".into(),
            ..Draft::default()
        };
        let p = Payload::from_draft(
            &article,
            &draft,
            "es",
            "2026-01-01T00:00:00Z".into(),
            "https://example.com/p".into(),
        );
        assert_eq!(
            p.article_id, "https://example.com/a",
            "no id: the URL is the key"
        );
        assert_eq!(p.article_url, "https://example.com/a");
        assert_eq!(p.correction, "It was 212, not 221.");
        assert!(!p.to_json().contains("never sent"));
        assert_eq!(
            (p.locale.as_str(), p.page_url.as_str()),
            ("es", "https://example.com/p")
        );
    }

    #[test]
    fn identity_is_what_the_reader_wrote() {
        let a = sample();
        let mut b = sample();
        b.submitted_at = "2026-02-05T11:00:00Z".into();
        b.page_url = "https://news.example/other".into();
        b.headline = "Changed".into();
        b.locale = "fr".into();
        b.article_url = "https://news.example/moved".into();
        assert_eq!(
            a.identity(),
            b.identity(),
            "the envelope is not the correction"
        );
        b.correction.push('!');
        assert_ne!(a.identity(), b.identity());
        let mut c = sample();
        c.article_id = "a-2".into();
        assert_ne!(
            a.identity(),
            c.identity(),
            "another article, another correction"
        );
    }

    #[test]
    fn the_envelope_is_capped_and_nul_free() {
        assert!(sample().envelope_errors().is_empty());
        let mut p = sample();
        p.article_id = "x".repeat(ID_MAX + 1);
        p.headline = "a\0b".into();
        p.correction = "nul \0 here".into();
        p.locale = "l".repeat(LOCALE_MAX + 1);
        assert_eq!(
            p.envelope_errors(),
            vec![
                ("articleId", EnvelopeError::TooLong { max: ID_MAX }),
                ("headline", EnvelopeError::Nul),
                ("correction", EnvelopeError::Nul),
                ("locale", EnvelopeError::TooLong { max: LOCALE_MAX }),
            ]
        );
        p = sample();
        p.article_id = "  ".into();
        assert_eq!(
            p.envelope_errors(),
            vec![("articleId", EnvelopeError::Required)]
        );
    }

    #[test]
    fn form_encoding() {
        assert_eq!(
            sample().to_form(),
            "articleId=a-1&headline=Barrier+%22holds%22&correction=It+was+%24212m%2C%0Anot+%24221m+%26+more&locale=en-GB&submittedAt=2026-02-04T10%3A00%3A00Z"
        );
        assert_eq!(
            Encoding::Form.content_type(),
            "application/x-www-form-urlencoded"
        );
    }

    #[test]
    fn the_page_url_is_sent_without_query_or_fragment() {
        assert_eq!(
            page_only("https://news.example/a/story?utm_source=x&token=secret#comments"),
            "https://news.example/a/story"
        );
        assert_eq!(
            page_only("https://news.example/a#x?y"),
            "https://news.example/a"
        );
        assert_eq!(
            page_only("https://news.example/a"),
            "https://news.example/a"
        );
        let p = Payload::from_draft(
            &Article::default(),
            &Draft::default(),
            "en",
            String::new(),
            "https://news.example/a?session=abc".into(),
        );
        assert_eq!(p.page_url, "https://news.example/a");
    }

    #[test]
    fn from_keys_reads_back_every_field_fields_writes() {
        let mut p = Payload::default();
        // A distinct value per field, so a slot read from the wrong key shows.
        let p = {
            p.article_id = "a".into();
            p.article_url = "https://e.example/a".into();
            p.headline = "h".into();
            p.quote = "q".into();
            p.correction = "c".into();
            p.source_url = "https://s.example".into();
            p.name = "n".into();
            p.email = "e@x.example".into();
            p.locale = "en".into();
            p.submitted_at = "t".into();
            p.page_url = "https://p.example".into();
            p
        };
        let fields = p.fields();
        assert_eq!(fields.len(), Payload::KEYS.len());
        let back = Payload::from_keys(&|k: &str| {
            let v = fields.iter().find(|(key, _)| *key == k).map_or("", |f| f.1);
            format!("  {v} ")
        });
        assert_eq!(back, p, "trimmed on the way in, every key in its own slot");
    }
}
