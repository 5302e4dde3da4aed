//! The draft as saved in `localStorage`: a small JSON object with a format version, the
//! idempotency key (a retry after a reload must reuse it) and when it was saved. Drafts older than
//! [`MAX_AGE_MS`] are not restored: a month-old half-sentence is clutter, not a kept promise.

use serde_json::Value;

use super::draft::Draft;
use super::payload::json_members;
use crate::model::Article;

/// Saved drafts expire after 30 days.
pub const MAX_AGE_MS: f64 = 30.0 * 24.0 * 3_600_000.0;

/// The article's key for storage and events: its id, else its URL, else its headline.
pub fn article_key(article: &Article) -> String {
    article
        .id
        .clone()
        .or_else(|| article.url.as_ref().map(|u| u.href.clone()))
        .unwrap_or_else(|| article.headline.clone())
}

/// The storage key of an instance's draft for an article. `instance` tells two widgets on one
/// page apart; `article` is the article's id (or URL, or headline).
pub fn draft_key(instance: &str, article: &str) -> String {
    format!("article-widget:draft:{instance}:{article}")
}

/// The storage key of when this browser last sent a correction for an article (all widgets
/// share it: the one-a-minute limit is per article).
pub fn sent_key(article: &str) -> String {
    format!("article-widget:sent:{article}")
}

/// `{"v":1,"key":"…","savedAt":…,"quote":"…",…}`.
pub fn encode(draft: &Draft, key: &str, saved_at_ms: f64) -> String {
    let mut out = String::from("{\"v\":1,\"savedAt\":");
    // Integer milliseconds: no float formatting in the bundle.
    out.push_str(&(saved_at_ms as i64).to_string());
    out.push(',');
    json_members(
        &mut out,
        [
            ("key", key),
            ("quote", &draft.quote),
            ("correction", &draft.correction),
            ("sourceUrl", &draft.source_url),
            ("name", &draft.name),
            ("email", &draft.email),
        ],
    );
    out.push('}');
    out
}

/// The draft and key saved in `text`, unless it is unreadable, of another version, blank or
/// older than [`MAX_AGE_MS`].
pub fn decode(text: &str, now_ms: f64) -> Option<(Draft, String)> {
    let json = crate::parse::decode_json(text).ok()?;
    if json.get("v").and_then(Value::as_u64) != Some(1) {
        return None;
    }
    let saved_at = json.get("savedAt").and_then(Value::as_f64)?;
    if now_ms - saved_at > MAX_AGE_MS {
        return None;
    }
    let text = |k: &str| json.get(k).and_then(Value::as_str).unwrap_or("").to_owned();
    let draft = Draft::from_keys(&text);
    (!draft.is_blank()).then(|| (draft, text("key")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_keeps_text_and_key() {
        let draft = Draft {
            quote: "The \"barrier\" cost $221m".into(),
            correction: "It was $212m.\nSee the council minutes.".into(),
            email: "r@example.org".into(),
            honeypot: "never saved".into(),
            ..Draft::default()
        };
        let text = encode(&draft, "k-1", 1_000.0);
        let (back, key) = decode(&text, 2_000.0).expect("restored");
        assert_eq!(key, "k-1");
        assert_eq!(back.quote, draft.quote);
        assert_eq!(back.correction, draft.correction);
        assert_eq!(back.email, draft.email);
        assert!(back.honeypot.is_empty(), "the spam trap is not restored");
    }

    #[test]
    fn stale_blank_foreign_and_broken_drafts_are_not_restored() {
        let draft = Draft {
            correction: "something worth keeping".into(),
            ..Draft::default()
        };
        let text = encode(&draft, "k", 0.0);
        assert!(decode(&text, MAX_AGE_MS + 1.0).is_none());
        assert!(decode(&encode(&Draft::default(), "k", 0.0), 1.0).is_none());
        assert!(decode(&text.replace("\"v\":1", "\"v\":2"), 1.0).is_none());
        assert!(decode("{not json", 1.0).is_none());
        assert!(decode("null", 1.0).is_none());
    }

    #[test]
    fn article_key_prefers_id_then_url_then_headline() {
        let mut a = Article {
            headline: "H".into(),
            url: crate::text::safe_url("https://example.com/a"),
            ..Article::default()
        };
        assert_eq!(article_key(&a), "https://example.com/a");
        a.id = Some("a-1".into());
        assert_eq!(article_key(&a), "a-1");
        a.id = None;
        a.url = None;
        assert_eq!(article_key(&a), "H");
    }

    #[test]
    fn keys_are_namespaced() {
        assert_eq!(draft_key("aw1", "a-1"), "article-widget:draft:aw1:a-1");
        assert_eq!(sent_key("a-1"), "article-widget:sent:a-1");
    }
}
