//! The one check every request passes before any extractor reads it: no NUL character in its
//! path, query or body, in any spelling (a raw byte, `%00`, JSON's `\u0000`), and no URI
//! longer than [`URI_MAX`] bytes. PostgreSQL cannot store a NUL (a query with one fails, which
//! would be a 503 and a log line), and no field of ours has a use for one; a URI that long is
//! no link of ours. Lengths are counted in bytes, what an index holds.
//!
//! The intake's fields are checked by the widget's own rules (a NUL there is a field error the
//! reader sees, `aw_core::correction::payload`), so on `POST /corrections` only the URI is
//! checked here; every other route's body is.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Longest request URI (path and query), in bytes.
pub const URI_MAX: usize = 4 * 1024;

/// What [`refuse_nul`] reads: the largest body it buffers (larger is `413`), and whether it
/// reads bodies at all.
#[derive(Clone, Copy, Debug)]
pub struct Edge {
    /// Largest body read, in bytes.
    pub max_body: usize,
    /// Check bodies (not on the intake: its fields have their own messages).
    pub bodies: bool,
}

/// Whether `bytes` hold a NUL in any of its spellings.
pub fn has_nul(bytes: &[u8]) -> bool {
    bytes.contains(&0)
        || bytes.windows(3).any(|w| w == b"%00")
        || bytes
            .windows(6)
            .any(|w| w[0] == b'\\' && w[1].eq_ignore_ascii_case(&b'u') && &w[2..] == b"0000")
}

fn refused(status: StatusCode, message: &'static str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        format!(r#"{{"message":"{message}"}}"#),
    )
        .into_response()
}

/// The check's future, boxed so that [`layer`] can name its type.
type Checked = std::pin::Pin<Box<dyn std::future::Future<Output = Response> + Send>>;
/// The check as a function.
type Check = fn(State<Edge>, Request, Next) -> Checked;

/// The check as a layer: bodies of at most `max_body` bytes, read when `bodies`.
pub fn layer(
    max_body: usize,
    bodies: bool,
) -> axum::middleware::FromFnLayer<Check, Edge, (State<Edge>, Request)> {
    fn boxed(state: State<Edge>, request: Request, next: Next) -> Checked {
        Box::pin(refuse_nul(state, request, next))
    }
    axum::middleware::from_fn_with_state(Edge { max_body, bodies }, boxed as Check)
}

/// The check (with [`Edge`] as its state).
pub async fn refuse_nul(State(edge): State<Edge>, request: Request, next: Next) -> Response {
    let uri = request.uri().path_and_query().map_or("", |pq| pq.as_str());
    if uri.len() > URI_MAX {
        return refused(StatusCode::URI_TOO_LONG, "The address is too long.");
    }
    if has_nul(uri.as_bytes()) {
        return refused(StatusCode::BAD_REQUEST, "A NUL character is not accepted.");
    }
    if !edge.bodies
        || matches!(
            *request.method(),
            Method::GET | Method::HEAD | Method::OPTIONS
        )
    {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, edge.max_body).await else {
        return refused(StatusCode::PAYLOAD_TOO_LARGE, "The request is too large.");
    };
    if has_nul(&bytes) {
        return refused(StatusCode::BAD_REQUEST, "A NUL character is not accepted.");
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

#[cfg(test)]
mod tests {
    use super::has_nul;

    #[test]
    fn every_spelling_of_nul() {
        for nul in [
            &b"a\0b"[..],
            b"note=a%00b",
            br#"{"q":"a\u0000"}"#,
            br#"\U0000"#,
        ] {
            assert!(has_nul(nul), "{}", String::from_utf8_lossy(nul));
        }
        for clean in [&b"note=a%20b%0A"[..], br#"{"q":"\u00e9 100%"}"#, b"%0", b""] {
            assert!(!has_nul(clean), "{}", String::from_utf8_lossy(clean));
        }
    }
}
