//! The render route: `POST /render` with the article (widget JSON or JSON-LD) as the body and
//! the widget's options as query parameters (`?locale=es&theme=dark`, the `data-*` names without
//! `data-`) answers the prerendered embed (`article_widget::prerender`). Errors are JSON
//! `{"error": …}`: 400 for a body that is not a JSON document, an unknown option or a value the
//! widget would ignore; 422 for a document without an article or headline; 413 over 5 MiB;
//! 415 for another content type.
//!
//! Safe to expose: it fetches nothing on anyone's behalf (`data-article-src` is refused: the
//! article comes in the body), bodies are capped at the widget's own 5 MiB, rendering runs off
//! the async threads, and answers are cacheable (`ETag` from the output, `If-None-Match` → 304,
//! `Cache-Control`) so a CDN or an edge-side include can keep them.
#![deny(missing_docs)]

use article_widget::error::ParseError;
use article_widget::model::MAX_ARTICLE_BYTES;
use article_widget::prerender::{prerender, PrerenderError};
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, RawQuery};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use sha2::{Digest, Sha256};

/// How long caches may keep a rendering (the same input always renders the same output).
pub const CACHE_CONTROL: &str = "public, max-age=300";

/// The route.
pub fn router() -> Router {
    Router::new()
        .route("/render", post(render))
        .route("/healthz", axum::routing::get(|| async { "ok" }))
        .layer(DefaultBodyLimit::max(MAX_ARTICLE_BYTES))
}

fn error(status: StatusCode, message: &str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        serde_json::json!({ "error": message }).to_string(),
    )
        .into_response()
}

async fn render(RawQuery(query): RawQuery, headers: HeaderMap, body: Bytes) -> Response {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !(content_type.is_empty()
        || content_type.starts_with("application/json")
        || content_type.starts_with("application/ld+json"))
    {
        return error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "send the article as application/json or application/ld+json",
        );
    }
    let Ok(json) = String::from_utf8(body.to_vec()) else {
        return error(StatusCode::BAD_REQUEST, "the body is not UTF-8");
    };
    let options: Vec<(String, String)> =
        form_urlencoded_pairs(query.as_deref().unwrap_or_default());
    // Yew's server renderer is single-threaded (!Send): a blocking thread of its own.
    let rendered = tokio::task::spawn_blocking(move || prerender(&json, &options)).await;
    let html = match rendered {
        Ok(Ok(html)) => html,
        Ok(Err(e @ PrerenderError::Article(ParseError::Json(_) | ParseError::NotADocument))) => {
            return error(StatusCode::BAD_REQUEST, &e.to_string())
        }
        Ok(Err(e @ PrerenderError::Article(_))) => {
            return error(StatusCode::UNPROCESSABLE_ENTITY, &e.to_string())
        }
        Ok(Err(e)) => return error(StatusCode::BAD_REQUEST, &e.to_string()),
        Err(_) => return error(StatusCode::INTERNAL_SERVER_ERROR, "the renderer failed"),
    };
    let digest = Sha256::digest(html.as_bytes());
    let etag = format!(
        "\"{}\"",
        digest[..16]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    );
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag));
    let mut reply = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response()
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

/// `a=1&b=two` → pairs (a maintained decoder: percent escapes, `+` as a space).
fn form_urlencoded_pairs(query: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}
