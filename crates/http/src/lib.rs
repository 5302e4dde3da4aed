//! How article-widget's servers meet the internet. Both `aw-server` (the corrections inbox) and
//! `aw-render-server` (the render route) are built from these pieces, so each protection is
//! written once:
//!
//! - [`serve`]: the connection loop. A client gets [`Limits::header_timeout`] to send a request's
//!   headers (a slow-loris client is cut off), at most [`Limits::max_connections`] connections
//!   are open at once and at most [`Limits::max_connections_per_client`] from one client (an
//!   address, an IPv6 /64; not a trusted proxy): more are closed at once. SIGTERM / Ctrl-C
//!   drain the connections in flight for up to ten seconds.
//! - [`shed`]: a route group's own concurrency limit. Over it, a request is answered `503` with
//!   `Retry-After` at once instead of waiting in a queue, and a full group cannot starve another.
//! - [`deadline`]: a time limit for a whole request, body included (a body trickled one byte at
//!   a time holds its slot no longer than this).
//! - [`harden`]: what every answer gets: a panic in a handler becomes that request's `500`
//!   (with `panic = "unwind"`, the servers' profile; the next request is served as usual),
//!   `X-Content-Type-Options: nosniff`, and a request span for `tracing`.

use std::collections::HashMap;
use std::io;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Body;
use axum::error_handling::HandleErrorLayer;
use axum::extract::{ConnectInfo, Request};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{BoxError, Router};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceBuilder;
use tower::ServiceExt;

mod cidr;
pub use cidr::{canonical, group, Cidr};

/// The connection loop's limits.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Connections open at once; more are closed as they arrive.
    pub max_connections: usize,
    /// Connections open at once from one client ([`group`]); more are closed as they arrive.
    pub max_connections_per_client: usize,
    /// Proxies whose connections carry many clients: no per-client cap on them.
    pub trusted: Vec<Cidr>,
    /// Time a client has to send a request's headers (and, between requests on a kept-alive
    /// connection, to start the next one).
    pub header_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_connections: 4096,
            max_connections_per_client: 256,
            trusted: Vec::new(),
            header_timeout: Duration::from_secs(10),
        }
    }
}

/// Seconds a client told "full" is asked to wait.
pub const RETRY_AFTER_S: u64 = 1;

/// Serves `app` on `listener` until SIGTERM or Ctrl-C, within `limits`. Handlers see the
/// peer's address as `ConnectInfo<SocketAddr>`.
pub async fn serve(listener: TcpListener, app: Router, limits: Limits) -> io::Result<()> {
    let open = Arc::new(Semaphore::new(limits.max_connections));
    let per_client: OpenPerClient = Arc::default();
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let stop = shutdown_signal();
    tokio::pin!(stop);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(e) => {
                    // Out of file descriptors or a connection reset before it was accepted:
                    // the loop goes on (a pause, so that a full table does not spin).
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut stop => break,
        };
        let Ok(permit) = open.clone().try_acquire_owned() else {
            tracing::warn!(%peer, "connection refused: {} open", limits.max_connections);
            drop(stream);
            continue;
        };
        let Some(client) = Client::enter(&per_client, peer, &limits) else {
            tracing::debug!(%peer, "connection refused: {} open from this client", limits.max_connections_per_client);
            drop(stream);
            continue;
        };
        let _ = stream.set_nodelay(true);
        let app = app.clone();
        let service =
            hyper::service::service_fn(move |mut request: Request<hyper::body::Incoming>| {
                request.extensions_mut().insert(ConnectInfo(peer));
                app.clone().oneshot(request.map(Body::new))
            });
        let connection = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(limits.header_timeout)
            .serve_connection(TokioIo::new(stream), service);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            let _ = connection.await;
            drop(client);
            drop(permit);
        });
    }
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(Duration::from_secs(10)) => {
            tracing::warn!("connections still open after 10 s: closing them");
        }
    }
    Ok(())
}

/// Connections open per client group.
type OpenPerClient = Arc<Mutex<HashMap<u128, usize>>>;

/// A connection counted for its client until it ends.
struct Client {
    table: Option<(OpenPerClient, u128)>,
}

impl Client {
    fn enter(
        table: &Arc<Mutex<HashMap<u128, usize>>>,
        peer: SocketAddr,
        limits: &Limits,
    ) -> Option<Client> {
        if limits.trusted.iter().any(|c| c.contains(peer.ip())) {
            return Some(Client { table: None });
        }
        let key = group(peer.ip());
        let mut open = table.lock().unwrap_or_else(|e| e.into_inner());
        let n = open.entry(key).or_insert(0);
        if *n >= limits.max_connections_per_client {
            return None;
        }
        *n += 1;
        Some(Client {
            table: Some((table.clone(), key)),
        })
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        if let Some((table, key)) = &self.table {
            let mut open = table.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(n) = open.get_mut(key) {
                *n -= 1;
                if *n == 0 {
                    open.remove(key);
                }
            }
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    tokio::select! {
        _ = ctrl_c => {}
        () = async {
            match term.as_mut() {
                Some(t) => { t.recv().await; }
                None => std::future::pending().await,
            }
        } => {}
    }
}

/// `503` + `Retry-After`: the answer of a full group (and of anything else that is only busy).
pub fn busy() -> Response {
    let mut reply = (
        StatusCode::SERVICE_UNAVAILABLE,
        [(header::CONTENT_TYPE, "application/json")],
        r#"{"message":"Busy; please try again shortly."}"#,
    )
        .into_response();
    reply
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(RETRY_AFTER_S));
    reply
}

async fn overloaded(error: BoxError) -> Response {
    if error.is::<tower::load_shed::error::Overloaded>() {
        tracing::debug!("group full: 503");
    } else {
        tracing::warn!(%error, "middleware error");
    }
    busy()
}

/// `router`'s routes share one limit of `max` requests in progress; over it, `503` +
/// `Retry-After` at once. Each group has its own, so one full group leaves the others served.
pub fn shed<S: Clone + Send + Sync + 'static>(router: Router<S>, max: usize) -> Router<S> {
    router.layer(
        ServiceBuilder::new()
            .layer(HandleErrorLayer::new(overloaded))
            .layer(tower::load_shed::LoadShedLayer::new())
            .layer(tower::limit::GlobalConcurrencyLimitLayer::new(max)),
    )
}

/// `router`'s requests, body included, end after `limit`: `408 Request Timeout`.
pub fn deadline<S: Clone + Send + Sync + 'static>(router: Router<S>, limit: Duration) -> Router<S> {
    router.layer(tower_http::timeout::TimeoutLayer::with_status_code(
        StatusCode::REQUEST_TIMEOUT,
        limit,
    ))
}

/// Every answer of `router`: a panic is that request's `500`, `nosniff`, a request span.
pub fn harden<S: Clone + Send + Sync + 'static>(router: Router<S>) -> Router<S> {
    router
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(panicked))
        .layer(tower_http::set_header::SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(
            tower_http::trace::TraceLayer::new_for_http()
                .make_span_with(|request: &Request| {
                    let peer = request
                        .extensions()
                        .get::<ConnectInfo<SocketAddr>>()
                        .map(|c| c.0.ip().to_string())
                        .unwrap_or_default();
                    // The path only: a query string may hold what a reader typed.
                    tracing::info_span!("request", method = %request.method(), path = %request.uri().path(), %peer)
                })
                .on_request(())
                .on_body_chunk(())
                .on_eos(()),
        )
}

fn panicked(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("a handler panicked; answered 500");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [(header::CONTENT_TYPE, "application/json")],
        r#"{"message":"Internal error."}"#,
    )
        .into_response()
}

/// Raises this process's open-file limit to its hard limit (each connection is a file: the
/// default soft limit of 1,024 would refuse connections long before [`Limits::max_connections`]).
pub fn raise_open_files_limit() {
    match rlimit::increase_nofile_limit(u64::MAX) {
        Ok(n) => tracing::debug!(limit = n, "open files"),
        Err(e) => tracing::warn!(error = %e, "open-file limit unchanged"),
    }
}

/// Logs to standard error at `AW_LOG` (`error`, `warn`, `info` — the default — or `debug`).
pub fn init_tracing() {
    let level = match std::env::var("AW_LOG").as_deref() {
        Ok("error") => tracing::Level::ERROR,
        Ok("warn") => tracing::Level::WARN,
        Ok("debug") => tracing::Level::DEBUG,
        Ok("trace") => tracing::Level::TRACE,
        _ => tracing::Level::INFO,
    };
    let _ = tracing_subscriber::fmt()
        .with_max_level(level)
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .try_init();
}

/// Whether this build catches panics per request (`panic = "unwind"`). The release profile
/// aborts (it is the wasm's); the servers are built with `--profile server`.
pub const CATCHES_PANICS: bool = cfg!(panic = "unwind");

/// Warns when this binary was built to abort on a panic.
pub fn warn_if_panics_abort(name: &str) {
    if !CATCHES_PANICS {
        tracing::warn!(
            "{name} was built with panic = \"abort\" (the release profile is the widget's): a panic ends the process. Build it with `cargo build --profile server -p {name}`."
        );
    }
}
