//! The render route: `POST /render` with the article (widget JSON or JSON-LD) as the body and
//! the widget's options as query parameters (`?locale=es&theme=dark`, the `data-*` names without
//! `data-`) answers the prerendered embed (`article_widget::prerender`). Errors are JSON
//! `{"error": …}`: 400 for a body that is not a JSON document, an unknown option or a value the
//! widget would ignore; 422 for a document without an article or headline; 413 over the body
//! limit (1 MiB by default); 415 for another content type; 503 + `Retry-After` when every render
//! slot is taken or a render ran out of time.
//!
//! Safe to expose: it fetches nothing on anyone's behalf (`data-article-src` is refused: the
//! article comes in the body); a body is capped at [`Limits::max_body`] (a long real article's
//! JSON is a few hundred KB) and must arrive within [`Limits::deadline`]; at most
//! [`Limits::max_renders`] renders run at once, off the async threads, each within
//! [`Limits::render_time`], and a request over that is answered `503` at once instead of
//! queueing — so memory stays bounded under any burst; answers are cacheable (`ETag` from the
//! output, `If-None-Match` → 304, `Cache-Control`) so a CDN or an edge-side include can keep
//! them.

use std::sync::Arc;
use std::time::Duration;

use article_widget::error::ParseError;
use article_widget::model::MAX_ARTICLE_BYTES;
use article_widget::prerender::{prerender, PrerenderError};
use aw_http::{busy, deadline, harden, shed};
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, RawQuery};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use sha2::{Digest, Sha256};
use tokio::sync::Semaphore;

/// How long caches may keep a rendering (the same input always renders the same output).
pub const CACHE_CONTROL: &str = "public, max-age=300";

/// The route's limits.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Largest article body, in bytes (never more than the widget's own 5 MiB).
    pub max_body: usize,
    /// Renders in progress at once (one per core: rendering is CPU work). Requests reading their
    /// body count too, up to twice this; more are answered 503 at once.
    pub max_renders: usize,
    /// The longest one render may take before the request is answered 503.
    pub render_time: Duration,
    /// The longest a whole request may take, body included (408 after).
    pub deadline: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_body: 1024 * 1024,
            max_renders: std::thread::available_parallelism().map_or(2, |n| n.get()),
            render_time: Duration::from_secs(5),
            deadline: Duration::from_secs(15),
        }
    }
}

/// The route, with the default limits.
pub fn router() -> Router {
    router_with(Limits::default())
}

/// The route with `limits`.
pub fn router_with(limits: Limits) -> Router {
    let renders = Arc::new(Semaphore::new(limits.max_renders));
    let render_route = Router::new()
        .route(
            "/render",
            post(move |query, headers, body| render(renders.clone(), limits, query, headers, body)),
        )
        .layer(DefaultBodyLimit::max(
            limits.max_body.min(MAX_ARTICLE_BYTES),
        ));
    let render_route = shed(
        deadline(render_route, limits.deadline),
        limits.max_renders * 2,
    );
    harden(
        Router::new()
            .merge(render_route)
            .route("/healthz", axum::routing::get(|| async { "ok" })),
    )
}

fn error(status: StatusCode, message: &str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        serde_json::json!({ "error": message }).to_string(),
    )
        .into_response()
}

async fn render(
    renders: Arc<Semaphore>,
    limits: Limits,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
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
    // A render slot, or 503 at once (the group's limit lets twice as many read their bodies).
    let Ok(slot) = renders.try_acquire_owned() else {
        return busy();
    };
    // Yew's server renderer is single-threaded (!Send): a blocking thread of its own, which
    // holds the slot until it is done, even when the answer went out at the time limit.
    let job = tokio::task::spawn_blocking(move || {
        let html = prerender(&json, &options);
        drop(slot);
        html
    });
    let rendered = match tokio::time::timeout(limits.render_time, job).await {
        Ok(done) => done,
        Err(_) => {
            tracing::warn!("a render took longer than {:?}: 503", limits.render_time);
            return busy();
        }
    };
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
