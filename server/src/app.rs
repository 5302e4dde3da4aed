//! The whole application: every route, with its limits and CORS (the shared state is state.rs).

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue, Method};
use axum::routing::{get, post};
use axum::Router;
use tower_http::cors::{Any, CorsLayer};

use crate::cors::PublisherOrigins;
use crate::state::AppState;
use crate::{cors, dev, inbox, intake, published};

/// The whole application.
pub fn router(state: AppState) -> Router {
    let config = state.config.clone();
    // The intake: the configured publisher origins only (plus this machine's in --dev); a
    // browser page on any other origin is refused before anything is stored.
    let origins = PublisherOrigins::new(&config.allowed_origins, config.dev);
    let intake = Router::new()
        .route("/corrections", post(intake::submit))
        .layer(DefaultBodyLimit::max(config.max_body))
        .layer(axum::middleware::from_fn_with_state(
            origins.clone(),
            cors::publisher_only,
        ))
        .layer(origins.cors());
    // Published corrections are public: any page may read them, without credentials.
    let public = Router::new()
        .route("/articles/{id}/corrections", get(published::corrections))
        .layer(
            CorsLayer::new()
                .allow_origin(Any)
                .allow_methods([Method::GET])
                .expose_headers([header::ETAG]),
        );
    let mut app = Router::new()
        .merge(intake)
        .merge(public)
        .nest("/inbox", inbox::router())
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
    if config.dev {
        app = app
            .merge(dev::router())
            .layer(axum::middleware::from_fn_with_state(
                state.clone(),
                dev::record,
            ));
    }
    // Requests in progress at once, all routes together (a hung client holds one); more wait.
    // Header sizes and counts are hyper's limits (100 headers, ~400 KB).
    app.layer(tower::limit::GlobalConcurrencyLimitLayer::new(
        MAX_IN_FLIGHT,
    ))
    // Every answer, public or not, is read as what it says it is.
    .layer(
        tower_http::set_header::SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
    )
    .with_state(state)
}

/// Most requests the server works on at once.
pub const MAX_IN_FLIGHT: usize = 1024;
