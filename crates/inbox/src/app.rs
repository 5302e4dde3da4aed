//! The whole application: every route, with its limits and CORS (the shared state is state.rs).

use std::time::Duration;

use aw_http::{deadline, harden, shed};
use axum::extract::DefaultBodyLimit;
use axum::http::{header, Method};
use axum::routing::{get, post};
use axum::Router;
use tower_http::cors::{Any, CorsLayer};

use crate::cors::PublisherOrigins;
use crate::state::AppState;
use crate::{cors, inbox, intake, published, record};

/// Requests in progress at once on the intake (each holds a body of at most 64 KiB); more are
/// answered 503 + `Retry-After` at once.
pub const INTAKE_MAX: usize = 256;
/// … on the published corrections (cheap reads; a CDN usually stands in front).
pub const FEED_MAX: usize = 256;
/// Requests in progress at once from one client (an address, an IPv6 /64, or the client its
/// trusted proxy names) on the intake and the inbox; more are answered 503 at once. A crowd
/// of slow bodies from one address holds no more than this.
pub const PER_CLIENT_MAX: usize = 16;
/// The longest a request may take, body included, on the intake and the inbox (a body
/// trickled a byte at a time holds its slot no longer than this).
pub const REQUEST_DEADLINE: Duration = Duration::from_secs(15);
/// … on the published corrections.
pub const FEED_DEADLINE: Duration = Duration::from_secs(10);

/// One client's share: at most [`PER_CLIENT_MAX`] of its requests in progress at once.
async fn fair_share(
    axum::extract::State(state): axum::extract::State<AppState>,
    peer: axum::extract::ConnectInfo<std::net::SocketAddr>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let client = state.client(Some(&peer), request.headers());
    match crate::state::InFlight::enter(&state.in_flight, &client, PER_CLIENT_MAX) {
        Some(_slot) => next.run(request).await,
        None => aw_http::busy(),
    }
}

/// The whole application. Each group — the intake, the published corrections, the inbox —
/// has its own concurrency limit and deadline, so a flood or a crowd of slow clients on one
/// cannot starve the others; `/healthz` has none.
pub fn router(state: AppState) -> Router {
    let config = state.config.clone();
    // The intake: the configured publisher origins only (plus this machine's in --dev); a
    // browser page on any other origin is refused before anything is stored.
    let origins = PublisherOrigins::new(&config.allowed_origins, config.dev);
    let intake = Router::new()
        // The corrections log is read beside the intake's POST, under the intake's CORS (the
        // configured publishers; a page reached by a link sends no Origin) — its fragment, JSON
        // and feeds are in the public group below, readable from anywhere.
        .route("/corrections", post(intake::submit).get(record::page))
        .route_layer(crate::edge::layer(config.max_body, false))
        .layer(DefaultBodyLimit::max(config.max_body))
        .layer(axum::middleware::from_fn_with_state(
            origins.clone(),
            cors::publisher_only,
        ));
    // CORS outermost: a 503 or 408 still carries it, so the widget can read `Retry-After`.
    // Each client's share outside the group (one client's crowd takes no places in it).
    let fair = || axum::middleware::from_fn_with_state(state.clone(), fair_share);
    let intake = shed(deadline(intake, REQUEST_DEADLINE), INTAKE_MAX)
        .layer(fair())
        .layer(origins.cors());
    // Published corrections are public: any page may read them, without credentials.
    let public = Router::new()
        .route("/articles/{id}/corrections", get(published::corrections))
        // The public record: the log's fragment and JSON, and the feeds.
        .route("/corrections/fragment", get(record::fragment))
        .route("/corrections.json", get(record::json))
        .route("/corrections.atom", get(record::site_feed))
        .route(
            "/articles/{id}/corrections.atom",
            get(record::article_feed_route),
        )
        .route_layer(crate::edge::layer(0, false));
    let public = shed(deadline(public, FEED_DEADLINE), FEED_MAX).layer(
        CorsLayer::new()
            .allow_origin(Any)
            .allow_methods([Method::GET])
            .expose_headers([header::ETAG, header::LAST_MODIFIED, header::RETRY_AFTER]),
    );
    let inbox = deadline(inbox::router(state.clone()), REQUEST_DEADLINE);
    let inbox = inbox.layer(fair());
    #[allow(unused_mut)]
    let mut app = Router::new()
        .merge(intake)
        .merge(public)
        .nest("/inbox", inbox)
        .route(
            "/inbox/",
            get(|| async { axum::response::Redirect::permanent("/inbox") }),
        )
        .route("/healthz", get(|| async { "ok" }))
        // Browsers ask for it on every inbox page; no icon, and no 404 in the editor's console.
        .route(
            "/favicon.ico",
            get(|| async { axum::http::StatusCode::NO_CONTENT }),
        );
    #[cfg(feature = "dev")]
    if config.dev {
        app = app
            .merge(crate::dev::router())
            .layer(axum::middleware::from_fn_with_state(
                state.clone(),
                crate::dev::record,
            ));
    }
    // Every answer: a panic is that request's 500, nosniff, a request span. Header sizes and
    // counts are hyper's limits (100 headers, ~400 KB); the header read timeout and the cap on
    // open connections are aw_http::serve's.
    harden(app).with_state(state)
}
