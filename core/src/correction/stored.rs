//! The draft as saved in `localStorage`: a small JSON object with a format version, the
//! idempotency key (a retry after a reload must reuse it) and when it was saved. Drafts older than
//! [`MAX_AGE_MS`] are not restored: a month-old half-sentence is clutter, not a kept promise.

use serde_json::Value;

use super::draft::{Draft, Field};
use crate::json;

/// Saved drafts expire after 30 days.
pub const MAX_AGE_MS: f64 = 30.0 * 24.0 * 3_600_000.0;

/// Every saved draft's key starts with this.
pub const DRAFT_PREFIX: &str = "article-widget:draft:";

/// The storage key of the draft for an article (by [`crate::model::article_key`]): the same wherever and
/// however often the article is shown — another mount order, a `destroy()` and `mount()` in a
/// single-page app, a reload.
pub fn draft_key(article: &str) -> String {
    format!("{DRAFT_PREFIX}{article}")
}

/// The key a draft saved by an earlier release (keyed by the widget's position on the page as
/// well, `article-widget:draft:aw2:<article>`) moves to, if `key` is one.
pub fn migrated_key(key: &str) -> Option<String> {
    let rest = key.strip_prefix(DRAFT_PREFIX)?.strip_prefix("aw")?;
    let (number, article) = rest.split_once(':')?;
    (!number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) && !article.is_empty())
        .then(|| draft_key(article))
}

/// The storage key of when this browser last sent a correction for an article (all widgets
/// share it: the one-a-minute limit is per article).
pub fn sent_key(article: &str) -> String {
    format!("article-widget:sent:{article}")
}

/// The format version this release writes and reads.
const VERSION: u64 = 1;

/// A saved draft and what travels with it.
#[derive(Clone, Debug, PartialEq)]
pub struct Saved {
    /// The reader's text.
    pub draft: Draft,
    /// Its idempotency key.
    pub key: String,
    /// When the draft was first edited (the spam guard's fill time starts there).
    pub started_at_ms: f64,
    /// A send had started under `key`.
    pub key_used: bool,
}

/// What a stored value turned out to be.
#[derive(Clone, Debug, PartialEq)]
pub enum Stored {
    /// A draft to restore.
    Draft(Saved),
    /// Written by a newer release: left alone (neither restored nor deleted).
    Newer,
    /// Older than [`MAX_AGE_MS`], blank or unreadable: removed.
    Stale,
}

/// `{"v":1,"savedAt":…,"startedAt":…,"keyUsed":true,"key":"…","quote":"…",…}`.
pub fn encode(saved: &Saved, saved_at_ms: f64) -> String {
    // Integer milliseconds: no float formatting in the bundle.
    let mut out = format!(
        "{{\"v\":{VERSION},\"savedAt\":{},\"startedAt\":{},\"keyUsed\":{},",
        saved_at_ms as i64, saved.started_at_ms as i64, saved.key_used
    );
    let draft = &saved.draft;
    json::members(
        &mut out,
        std::iter::once(("key", saved.key.as_str()))
            .chain(Field::TEXT.iter().map(|f| (f.key(), draft.get(*f)))),
    );
    out.push('}');
    out
}

/// Whether a stored value is a live draft, without building it (the start sweep, which runs on
/// every page view, needs only this: about 1.5 KB brotli less in the widget's bundle).
fn classify(json: &Value, now_ms: f64) -> Option<Stored> {
    match json.get("v").and_then(Value::as_u64) {
        Some(VERSION) => {}
        Some(v) if v > VERSION => return Some(Stored::Newer),
        _ => return Some(Stored::Stale),
    }
    let fresh = json
        .get("savedAt")
        .and_then(Value::as_f64)
        .is_some_and(|saved_at| now_ms - saved_at <= MAX_AGE_MS);
    let blank = Field::TEXT.iter().all(|f| {
        json.get(f.key())
            .and_then(Value::as_str)
            .is_none_or(|t| t.trim().is_empty())
    });
    (!fresh || blank).then_some(Stored::Stale)
}

/// What `text` (a stored value) is, at `now_ms`.
pub fn decode(text: &str, now_ms: f64) -> Stored {
    let Ok(json) = json::decode(text) else {
        return Stored::Stale;
    };
    if let Some(verdict) = classify(&json, now_ms) {
        return verdict;
    }
    let text = |k: &str| json.get(k).and_then(Value::as_str).unwrap_or("").to_owned();
    let saved_at = json
        .get("savedAt")
        .and_then(Value::as_f64)
        .unwrap_or(now_ms);
    Stored::Draft(Saved {
        draft: Draft::from_keys(&text),
        key: text("key"),
        // Saved before the start time was kept: at least as old as its saving.
        started_at_ms: json
            .get("startedAt")
            .and_then(Value::as_f64)
            .unwrap_or(saved_at),
        key_used: json.get("keyUsed").and_then(Value::as_bool) == Some(true),
    })
}

/// What to do with one stored entry when the widget starts.
#[derive(Clone, Debug, PartialEq)]
pub enum Sweep {
    /// Remove it: expired, blank or unreadable.
    Remove(String),
    /// Move an earlier release's draft to its article's key.
    Move {
        /// The old key.
        from: String,
        /// The article's key.
        to: String,
    },
}

/// The sweep of the stored drafts (`entries`: every key under [`DRAFT_PREFIX`] with its value)
/// at `now_ms`: expired and unusable drafts go, drafts of newer releases stay, and drafts an
/// earlier release keyed by the widget's position move to the article's key (unless one is
/// already there).
pub fn sweep(entries: &[(String, String)], now_ms: f64) -> Vec<Sweep> {
    // Vecs, not a HashSet: a browser holds a handful of drafts, and hashing costs bundle bytes.
    let mut moved: Vec<String> = Vec::new();
    let mut plan = Vec::new();
    for (key, value) in entries {
        let verdict =
            json::decode(value).map_or(Some(Stored::Stale), |json| classify(&json, now_ms));
        match verdict {
            Some(Stored::Stale) => plan.push(Sweep::Remove(key.clone())),
            Some(_) => {}
            None => {
                if let Some(to) = migrated_key(key) {
                    if !entries.iter().any(|(k, _)| *k == to) && !moved.contains(&to) {
                        moved.push(to.clone());
                        plan.push(Sweep::Move {
                            from: key.clone(),
                            to,
                        });
                    }
                }
            }
        }
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;

    fn saved(draft: Draft) -> Saved {
        Saved {
            draft,
            key: "k-1".into(),
            started_at_ms: 500.0,
            key_used: true,
        }
    }

    #[test]
    fn round_trip_keeps_text_key_start_and_whether_it_was_sent() {
        let draft = Draft {
            quote: "The \"barrier\" cost $221m".into(),
            correction: "It was $212m.\nSee the council minutes.".into(),
            email: "r@example.org".into(),
            honeypot: "never saved".into(),
            ..Draft::default()
        };
        let text = encode(&saved(draft.clone()), 1_000.0);
        let Stored::Draft(back) = decode(&text, 2_000.0) else {
            panic!("not restored: {text}");
        };
        assert_eq!(
            (back.key.as_str(), back.started_at_ms, back.key_used),
            ("k-1", 500.0, true)
        );
        assert_eq!(back.draft.quote, draft.quote);
        assert_eq!(back.draft.correction, draft.correction);
        assert_eq!(back.draft.email, draft.email);
        assert!(
            back.draft.honeypot.is_empty(),
            "the spam trap is not restored"
        );
    }

    #[test]
    fn stale_blank_and_broken_drafts_go_newer_ones_stay() {
        let draft = Draft {
            correction: "something worth keeping".into(),
            ..Draft::default()
        };
        let text = encode(&saved(draft), 0.0);
        assert_eq!(decode(&text, MAX_AGE_MS + 1.0), Stored::Stale);
        assert_eq!(
            decode(&encode(&saved(Draft::default()), 0.0), 1.0),
            Stored::Stale
        );
        assert_eq!(
            decode(&text.replace("\"v\":1", "\"v\":2"), 1.0),
            Stored::Newer
        );
        assert_eq!(
            decode(&text.replace("\"v\":1", "\"v\":0"), 1.0),
            Stored::Stale
        );
        assert_eq!(decode("{not json", 1.0), Stored::Stale);
        assert_eq!(decode("null", 1.0), Stored::Stale);
    }

    #[test]
    fn a_draft_saved_before_start_times_were_kept_counts_from_its_saving() {
        let old = r#"{"v":1,"savedAt":7000,"key":"k","correction":"an older release's draft"}"#;
        let Stored::Draft(back) = decode(old, 8_000.0) else {
            panic!("not restored");
        };
        assert_eq!((back.started_at_ms, back.key_used), (7_000.0, false));
    }

    #[test]
    fn drafts_are_keyed_by_the_article_alone() {
        assert_eq!(draft_key("a-1"), "article-widget:draft:a-1");
        assert_eq!(sent_key("a-1"), "article-widget:sent:a-1");
        // An earlier release's keys (with the widget's position) move to the article's key.
        assert_eq!(
            migrated_key("article-widget:draft:aw2:a-1").as_deref(),
            Some("article-widget:draft:a-1")
        );
        assert_eq!(
            migrated_key("article-widget:draft:aw13:https://e.example/a").as_deref(),
            Some("article-widget:draft:https://e.example/a")
        );
        assert_eq!(migrated_key("article-widget:draft:a-1"), None);
        assert_eq!(migrated_key("article-widget:draft:awx:a-1"), None);
        assert_eq!(migrated_key("article-widget:sent:aw1:a-1"), None);
    }

    #[test]
    fn the_start_sweep_removes_expired_keeps_newer_and_moves_old_keys() {
        let live = |at: f64| {
            encode(
                &saved(Draft {
                    correction: "a correction worth keeping".into(),
                    ..Draft::default()
                }),
                at,
            )
        };
        let now = MAX_AGE_MS + 10_000.0;
        let entries = vec![
            ("article-widget:draft:expired".to_owned(), live(0.0)),
            ("article-widget:draft:broken".to_owned(), "{".to_owned()),
            (
                "article-widget:draft:newer".to_owned(),
                live(now).replace("\"v\":1", "\"v\":3"),
            ),
            ("article-widget:draft:fresh".to_owned(), live(now)),
            ("article-widget:draft:aw2:moved".to_owned(), live(now)),
            ("article-widget:draft:aw1:fresh".to_owned(), live(now)),
            ("article-widget:draft:aw3:moved".to_owned(), live(now)),
        ];
        assert_eq!(
            sweep(&entries, now),
            vec![
                Sweep::Remove("article-widget:draft:expired".into()),
                Sweep::Remove("article-widget:draft:broken".into()),
                Sweep::Move {
                    from: "article-widget:draft:aw2:moved".into(),
                    to: "article-widget:draft:moved".into()
                },
            ]
        );
    }
}
