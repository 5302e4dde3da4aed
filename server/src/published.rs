//! `GET /articles/{id}/corrections`: an article's published corrections as schema.org JSON-LD,
//! which the widget reads (`data-corrections-src`) and a publisher can embed in the page:
//!
//! ```json
//! {"@context":"https://schema.org","@type":"Article","identifier":"a-1",
//!  "url":"https://news.example/a-1",
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

use crate::app::AppState;
use crate::intake::{hex, message_reply};
use crate::store::Published;

/// How long caches may keep the answer (an accepted correction shows within a minute).
pub const CACHE_CONTROL: &str = "public, max-age=60, stale-while-revalidate=600";

/// The handler.
pub async fn corrections(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let list = match state.store.published(&id).await {
        Ok(list) => list,
        Err(e) => {
            eprintln!("aw-server: published: {e}");
            return message_reply(StatusCode::SERVICE_UNAVAILABLE, "Try again shortly.");
        }
    };
    let body = document(&id, &list).to_string();
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
        header::CACHE_CONTROL,
        HeaderValue::from_static(CACHE_CONTROL),
    );
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    reply
}

/// The JSON-LD document for article `id`.
pub fn document(id: &str, list: &[Published]) -> Value {
    let mut doc = json!({
        "@context": "https://schema.org",
        "@type": "Article",
        "identifier": id,
        "correction": list.iter().map(|p| json!({
            "@type": "CorrectionComment",
            "datePublished": p.date,
            "text": p.text,
        })).collect::<Vec<_>>(),
    });
    if let Some(url) = list
        .iter()
        .rev()
        .map(|p| &p.article_url)
        .find(|u| !u.is_empty())
    {
        doc["url"] = json!(url);
    }
    doc
}
