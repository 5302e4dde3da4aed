//! The request body: a flat object, JSON by default or `application/x-www-form-urlencoded` for
//! form back-ends (the form's script encodes it: embed/article-widget-native.js). Its keys, how a
//! server reads it back, what makes it *this* correction, and the envelope's limits.

use super::draft::Field;
use crate::json;

/// How the body is encoded (`data-correction-encoding`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Encoding {
    /// `application/json` (default).
    #[default]
    Json,
    /// `application/x-www-form-urlencoded`.
    Form,
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

/// Longest `articleId` (an article's key may be its URL), in bytes: a PostgreSQL index entry
/// holds at most about 2,700 bytes, and 2,000 non-ASCII characters can be three times that.
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
    /// Longer than `max` bytes (UTF-8).
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
    /// [`super::draft::validate`]'s): `articleId` required, every field's length capped in
    /// bytes (what a database index holds; ASCII is a byte a character), and no
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
            } else if value.len() > max {
                errors.push((key, EnvelopeError::TooLong { max }));
            }
        }
        errors
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
        // Bytes, not characters: 700 three-byte characters are 2,100 bytes.
        let mut wide = Payload::from_keys(&|k| {
            if k == "articleId" {
                "€".repeat(700)
            } else {
                String::new()
            }
        });
        assert_eq!(
            wide.envelope_errors(),
            vec![("articleId", EnvelopeError::TooLong { max: ID_MAX })]
        );
        wide.article_id = "€".repeat(666);
        assert!(wide.envelope_errors().is_empty());
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
    }

    #[test]
    fn from_keys_reads_every_field_from_its_own_key() {
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
        let fields: Vec<_> = Payload::KEYS.into_iter().zip(p.values()).collect();
        let back = Payload::from_keys(&|k: &str| {
            let v = fields
                .iter()
                .find(|(key, _)| *key == k)
                .map_or("", |f| f.1.as_str());
            format!("  {v} ")
        });
        assert_eq!(back, p, "trimmed on the way in, every key in its own slot");
    }
}
