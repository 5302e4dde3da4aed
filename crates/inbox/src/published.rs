//! `GET /articles/{id}/corrections`: an article's published corrections as schema.org JSON-LD,
//! which the widget reads (`data-corrections-src`) and a publisher can embed in the page:
//!
//! ```json
//! {"@context":"https://schema.org","@type":"Article","identifier":"a-1",
//!  "headline":"Flood barrier holds","url":"https://news.example/a-1",
//!  "correction":[{"@type":"CorrectionComment","datePublished":"2026-11-30","text":"…"}]}
//! ```
//!
//! Public and cacheable (`Cache-Control`, `ETag`, `If-None-Match` → 304), readable from any
//! origin without credentials. `{id}` is the widget's `articleId`, percent-encoded.

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::error::AppError;
use crate::intake::hex;
use crate::state::AppState;
use crate::store::Published;

/// Browsers revalidate on every view (a cheap 304 with the `ETag`; no stale-while-revalidate,
/// which would show the old list once more), so a reader who reloads
/// sees a correction as soon as it is published; shared caches (a CDN) may keep it a minute.
pub const CACHE_CONTROL: &str = "public, max-age=0, must-revalidate, s-maxage=60";

/// The handler.
pub async fn corrections(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let found = match state.store.published(&id).await {
        Ok(list) => state.store.article(&id).await.map(|record| (list, record)),
        Err(e) => Err(e),
    };
    let (list, record) = match found {
        Ok(found) => found,
        Err(e) => {
            return AppError::Unavailable(e).into_response();
        }
    };
    let record = record.unwrap_or_default();
    let body = inline_safe(&document(&id, &record.headline, &record.url, &list));
    let etag = format!("\"{}\"", &hex(&Sha256::digest(body.as_bytes()))[..32]);
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    let mut reply = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        (
            [(header::CONTENT_TYPE, "application/ld+json; charset=utf-8")],
            body,
        )
            .into_response()
    };
    let h = reply.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(CACHE_CONTROL),
    );
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    reply
}

/// `value` as JSON that is safe to put inside an HTML `<script type="application/ld+json">`:
/// `<`, `>` and `&` (and the two line separators old JavaScript parsers choke on) are written as
/// `\uXXXX` escapes. They can only occur inside JSON strings, where the escape means the same
/// character, so the document is unchanged for a JSON reader; and no `</script>` or `<!--` can
/// end or alter the element it is pasted into.
pub fn inline_safe(value: &Value) -> String {
    let mut out = String::new();
    for c in value.to_string().chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// The JSON-LD document for article `id`. Its headline and URL are the ones an editor
/// confirmed when accepting a correction (never what a reader's page sent); until then the
/// headline is the ID, so that it is a whole schema.org Article, which the widget reads with its
/// article parser.
pub fn document(id: &str, headline: &str, url: &str, list: &[Published]) -> Value {
    let mut doc = json!({
        "@context": "https://schema.org",
        "@type": "Article",
        "identifier": id,
        "headline": if headline.is_empty() { id } else { headline },
        "correction": list.iter().map(|p| json!({
            "@type": "CorrectionComment",
            "datePublished": p.date,
            "text": p.text,
        })).collect::<Vec<_>>(),
    });
    if aw_core::correction::draft::is_http_url(url) {
        doc["url"] = json!(url);
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_document_is_safe_to_inline() {
        let doc = document(
            "a-1",
            "</script><script>alert(document.domain)</script> & <!-- \u{2028}",
            "https://news.example/a-1",
            &[],
        );
        let text = inline_safe(&doc);
        for bad in ['<', '>', '&', '\u{2028}'] {
            assert!(!text.contains(bad), "{bad:?} in {text}");
        }
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, doc, "the same document to a JSON reader");
    }
}
