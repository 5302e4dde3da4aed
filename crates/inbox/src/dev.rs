//! Development mode (`--dev`, used by `scripts/serve.sh` and the test scripts, never in a
//! deployment): the demo's static files and the scripted routes the tests drive.
//!
//! - any loopback origin may call every route (CORS with credentials); no other origin may;
//! - `GET /…` serves files from `--static DIR` (no dot-files, no `..`), `{{KEY}}` in HTML
//!   replaced by `--var KEY=VALUE` (the end-to-end pages point at the bundle's origin with it);
//! - `GET /__status/<code>` answers that status; `GET /__hang` never answers; `GET /__panic`
//!   panics (answered 500; the server goes on);
//! - `POST /__script/<plan>[/<label>]/corrections` answers from `<plan>`, a comma-separated list
//!   of answers per attempt of one `Idempotency-Key`: a status (`500`, `201`: `201`/`200` store
//!   the correction for real), `429` (`Retry-After: 3`), `429date` (the same as an HTTP date),
//!   `422map` / `422list` (field errors in either shape) or `hang`; the last step repeats once
//!   the list runs out;
//! - `GET /__requests` lists every POST received (path, key, content type, accept, body, status).

use std::net::SocketAddr;
use std::path::{Component, Path as FsPath, PathBuf};

use axum::body::{to_bytes, Body, Bytes};
use axum::extract::{ConnectInfo, Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::cors::{is_loopback_origin, widget_cors};
use crate::intake;
use crate::state::AppState;

/// The development routes (merged into the app with `--dev`).
pub fn router() -> Router<AppState> {
    let cors = widget_cors(
        |origin| is_loopback_origin(origin.as_bytes()),
        &[Method::GET, Method::POST, Method::HEAD],
    );
    Router::new()
        .route("/__status/{code}", get(status))
        .route("/__hang", get(hang))
        .route("/__panic", get(panic))
        .route("/__requests", get(requests))
        .route("/__script/{plan}/corrections", post(scripted))
        .route(
            "/__script/{plan}/{label}/corrections",
            post(scripted_labelled),
        )
        .fallback(static_file)
        .layer(cors)
}

/// Records every POST to `/corrections` and the scripted routes (added around the whole app
/// in development mode); nothing else, so no login form's password is ever in the log.
pub async fn record(State(state): State<AppState>, req: Request, next: Next) -> Response {
    // Corrections only: an editor's login form (its password) never goes into the log.
    if req.method() != Method::POST || !req.uri().path().ends_with("/corrections") {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let bytes = to_bytes(body, 1 << 20).await.unwrap_or_default();
    let h = |name: &str| {
        parts
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let mut entry = json!({
        "path": parts.uri.path(),
        "key": h("idempotency-key"),
        "contentType": h("content-type").unwrap_or_default(),
        "accept": h("accept").unwrap_or_default(),
        "body": String::from_utf8_lossy(&bytes),
        "status": Value::Null,
    });
    let index = {
        let mut log = state.dev.log.lock().unwrap_or_else(|e| e.into_inner());
        log.push(entry.clone());
        log.len() - 1
    };
    let reply = next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await;
    entry["status"] = json!(reply.status().as_u16());
    if let Some(slot) = state
        .dev
        .log
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .get_mut(index)
    {
        *slot = entry;
    }
    reply
}

async fn status(Path(code): Path<String>) -> Response {
    let code = code
        .parse()
        .ok()
        .and_then(|c| StatusCode::from_u16(c).ok())
        .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (code, Json(json!({ "status": code.as_u16() }))).into_response()
}

/// A handler that panics (the tests check it is that request's 500, and the next is served).
async fn panic() -> Response {
    panic!("a panic injected by GET /__panic")
}

async fn hang() -> Response {
    std::future::pending::<()>().await;
    StatusCode::NO_CONTENT.into_response()
}

async fn requests(State(state): State<AppState>) -> Response {
    let log = state
        .dev
        .log
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    let mut reply = Json(Value::Array(log)).into_response();
    reply
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    reply
}

async fn scripted(
    state: State<AppState>,
    Path(plan): Path<String>,
    peer: ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    run_plan(state, plan, peer, headers, body).await
}

async fn scripted_labelled(
    state: State<AppState>,
    Path((plan, _label)): Path<(String, String)>,
    peer: ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    run_plan(state, plan, peer, headers, body).await
}

async fn run_plan(
    State(state): State<AppState>,
    plan: String,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let step = {
        let mut attempts = state.dev.attempts.lock().unwrap_or_else(|e| e.into_inner());
        let attempt = attempts.entry(format!("{plan}\n{key}")).or_insert(0);
        let steps: Vec<&str> = plan.split(',').collect();
        let step = steps[(*attempt).min(steps.len() - 1)].to_owned();
        *attempt += 1;
        step
    };
    let client = peer.ip().to_string();
    match step.as_str() {
        "201" | "200" => intake::accept(&state, &client, &headers, &body, false).await,
        "hang" => hang().await,
        "429" => intake::too_many(3),
        "429date" => {
            // Retry-After as an HTTP date (what a proxy or another back-end may send), 3 s on.
            let mut reply = intake::too_many(3);
            let at = time::OffsetDateTime::now_utc() + time::Duration::seconds(3);
            let date = at
                .format(time::macros::format_description!(
                    "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
                ))
                .unwrap_or_default();
            if let Ok(value) = HeaderValue::from_str(&date) {
                reply.headers_mut().insert(header::RETRY_AFTER, value);
            }
            reply
        }
        "422map" => (
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(json!({ "errors": { "email": ["is invalid"] } })),
        )
            .into_response(),
        "422list" => (
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(json!({ "errors": [{ "field": "correction", "message": "Please say what is wrong." }] })),
        )
            .into_response(),
        code => {
            let code = code
                .parse()
                .ok()
                .and_then(|c| StatusCode::from_u16(c).ok())
                .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (code, Json(json!({ "message": "Scripted failure." }))).into_response()
        }
    }
}

async fn static_file(State(state): State<AppState>, req: Request) -> Response {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return (StatusCode::METHOD_NOT_ALLOWED, "method not allowed").into_response();
    }
    let Some(root) = &state.config.static_root else {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    };
    let Some(file) = resolve(root, req.uri().path()) else {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    };
    let mime = mime(&file);
    // A precompressed twin (`file.br`, as a CDN would serve): the benchmark's site has them, so
    // its transfer sizes are a real deploy's.
    let accepts_br = req
        .headers()
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|e| e.trim().starts_with("br")));
    let compressed = {
        let mut name = file.clone().into_os_string();
        name.push(".br");
        PathBuf::from(name)
    };
    if accepts_br && state.config.vars.is_empty() && compressed.is_file() {
        if let Ok(body) = tokio::fs::read(&compressed).await {
            let body = if req.method() == Method::HEAD {
                Vec::new()
            } else {
                body
            };
            return (
                [
                    (header::CONTENT_TYPE, mime),
                    (header::CONTENT_ENCODING, "br"),
                    (header::VARY, "accept-encoding"),
                    (header::CACHE_CONTROL, "no-store"),
                    (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
                ],
                body,
            )
                .into_response();
        }
    }
    let Ok(mut body) = tokio::fs::read(&file).await else {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    };
    if mime.starts_with("text/html") && !state.config.vars.is_empty() {
        let mut text = String::from_utf8_lossy(&body).into_owned();
        for (key, value) in &state.config.vars {
            text = text.replace(&format!("{{{{{key}}}}}"), value);
        }
        body = text.into_bytes();
    }
    let body = if req.method() == Method::HEAD {
        Vec::new()
    } else {
        body
    };
    (
        [
            (header::CONTENT_TYPE, mime),
            (header::CACHE_CONTROL, "no-store"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        body,
    )
        .into_response()
}

/// Maps a URL path into `root`: percent-decoded, `..` and dot-files (`.git`, `.env`) refused,
/// a folder served as its `index.html`.
pub fn resolve(root: &FsPath, url_path: &str) -> Option<PathBuf> {
    let decoded = percent_encoding::percent_decode_str(url_path)
        .decode_utf8()
        .ok()?;
    let mut path = root.to_path_buf();
    for component in FsPath::new(decoded.trim_start_matches('/')).components() {
        match component {
            Component::Normal(part) if !part.to_string_lossy().starts_with('.') => path.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if path.is_dir() {
        path.push("index.html");
    }
    path.is_file().then_some(path)
}

fn mime(path: &FsPath) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "jsonld" => "application/ld+json",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolve_refuses_dot_files_and_parents() {
        let root = std::env::temp_dir().join(format!("aw-dev-{}", std::process::id()));
        std::fs::create_dir_all(root.join(".git")).unwrap();
        std::fs::write(root.join(".git/config"), "secret").unwrap();
        std::fs::write(root.join("index.html"), "hi").unwrap();
        assert_eq!(resolve(&root, "/"), Some(root.join("index.html")));
        assert_eq!(resolve(&root, "/.git/config"), None);
        assert_eq!(resolve(&root, "/%2egit/config"), None);
        assert_eq!(resolve(&root, "/../etc/passwd"), None);
        assert_eq!(resolve(&root, "/a/%2e%2e/%2e%2e/etc/passwd"), None);
        assert_eq!(
            resolve(&root, "/%\u{20ac}"),
            None,
            "never panics on a bad escape"
        );
    }
}
