//! Who may call the widget's routes from a browser: CORS for the answers a page may read, and
//! the guard that keeps a page on another origin from *storing* anything.
//!
//! CORS alone does not protect the intake: a `text/plain` or form-encoded POST is a "simple"
//! request that a browser sends without a preflight from any page, and only *reading* the answer
//! is refused. So the intake also refuses (403, nothing stored) every request whose `Origin`
//! header names an origin that is not allowed — whatever its content type. `Origin: null` (a
//! sandboxed frame, a `data:` page) is an origin nobody allowed. Requests without `Origin` are
//! not from a browser page (browsers send it on every POST): servers and `curl` may post. This
//! server's own origin may post too (the form page shown again to a reader without JavaScript).

use std::net::IpAddr;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::error::message_reply;

/// The publisher origins whose pages may post corrections (`--allow-origin`), and, in
/// development, this machine's.
#[derive(Clone, Debug)]
pub struct PublisherOrigins {
    allowed: Arc<Vec<String>>,
    loopback: bool,
}

impl PublisherOrigins {
    /// `allowed` as configured (a trailing `/` is ignored); `loopback` also allows this
    /// machine's origins (`--dev`).
    pub fn new(allowed: &[String], loopback: bool) -> PublisherOrigins {
        PublisherOrigins {
            allowed: Arc::new(
                allowed
                    .iter()
                    .map(|o| o.trim().trim_end_matches('/').to_ascii_lowercase())
                    .filter(|o| !o.is_empty())
                    .collect(),
            ),
            loopback,
        }
    }

    /// Whether a page on `origin` (an `Origin` header's bytes) may post.
    pub fn allows(&self, origin: &[u8]) -> bool {
        let Ok(origin) = std::str::from_utf8(origin) else {
            return false;
        };
        let origin = origin.to_ascii_lowercase();
        self.allowed.contains(&origin) || (self.loopback && is_loopback_origin(origin.as_bytes()))
    }

    /// The allowed origins as CSP sources (`form-action` of the form page).
    pub fn csp_sources(&self) -> String {
        let mut sources: Vec<String> = self
            .allowed
            .iter()
            .filter(|o| {
                o.bytes()
                    .all(|b| b.is_ascii_graphic() && b != b';' && b != b',')
            })
            .cloned()
            .collect();
        if self.loopback {
            sources.extend(
                ["http://127.0.0.1:*", "http://localhost:*", "http://[::1]:*"].map(String::from),
            );
        }
        sources.join(" ")
    }

    /// CORS for the intake: these origins, POST.
    pub fn cors(&self) -> CorsLayer {
        let me = self.clone();
        widget_cors(move |origin| me.allows(origin.as_bytes()), &[Method::POST])
    }
}

/// Middleware: a request from a browser page on an origin that is not allowed is refused
/// before its body is read; preflights are left to CORS.
pub async fn publisher_only(
    State(origins): State<PublisherOrigins>,
    request: Request,
    next: Next,
) -> Response {
    if request.method() != Method::OPTIONS {
        if let Some(origin) = request.headers().get(header::ORIGIN) {
            // This server's own pages (the form shown again without JavaScript) post here too.
            let own = request
                .headers()
                .get(header::HOST)
                .is_some_and(|host| same_host(origin.as_bytes(), host.as_bytes()));
            if !own && !origins.allows(origin.as_bytes()) {
                return message_reply(
                    StatusCode::FORBIDDEN,
                    "This page's origin may not send corrections here.",
                );
            }
        }
    }
    next.run(request).await
}

/// Whether `origin` (`scheme://host[:port]`) names the host `host` (a `Host` header).
fn same_host(origin: &[u8], host: &[u8]) -> bool {
    let Ok(origin) = std::str::from_utf8(origin) else {
        return false;
    };
    let rest = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"));
    !host.is_empty() && rest.is_some_and(|r| r.as_bytes().eq_ignore_ascii_case(host))
}

/// Whether `origin` is this machine (`http://127.0.0.1:…`, `http://localhost:…`, `[::1]`).
pub fn is_loopback_origin(origin: &[u8]) -> bool {
    let Ok(origin) = std::str::from_utf8(origin) else {
        return false;
    };
    let Some(rest) = origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"))
    else {
        return false;
    };
    let host = if rest.starts_with('[') {
        rest.split(']').next().map(|h| &h[1..]).unwrap_or("")
    } else {
        rest.split(':').next().unwrap_or("")
    };
    host == "localhost" || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// CORS for what the widget sends from readers' pages: origins that `allow` accepts, with the
/// widget's request headers (`Idempotency-Key` among them), `Retry-After` readable, and
/// credentials (`data-correction-credentials`).
pub fn widget_cors(
    allow: impl Fn(&HeaderValue) -> bool + Clone + Send + Sync + 'static,
    methods: &[Method],
) -> CorsLayer {
    CorsLayer::new()
        .allow_origin(AllowOrigin::predicate(move |origin, _| allow(origin)))
        .allow_methods(methods.to_vec())
        .allow_headers([
            header::CONTENT_TYPE,
            header::ACCEPT,
            header::HeaderName::from_static("idempotency-key"),
        ])
        .expose_headers([header::RETRY_AFTER])
        .allow_credentials(true)
        .max_age(std::time::Duration::from_secs(600))
}
