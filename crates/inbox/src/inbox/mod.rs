//! `/inbox`: the editors' triage pages. Every route but the login's sits behind
//! [`auth::require_session`], a layer on the protected router (see [`protected_routes`]): no
//! session, no answer; every change is a POST carrying the session's CSRF token from a page of
//! this origin.
//!
//! - `GET /inbox` lists corrections, newest first, filtered by status, article, received date
//!   and words; `GET /inbox/export.csv` exports the same selection;
//! - `GET /inbox/corrections/{id}` shows one; `POST …/status` moves it (new → in review →
//!   accepted / rejected / duplicate; accepting needs the published text and date);
//!   `POST …/notes` adds an internal note;
//! - `GET|POST /inbox/login`, `POST /inbox/logout`.

pub mod auth;
pub mod session;
pub mod views;

mod list;
mod login;
mod triage;

use axum::http::{header, HeaderValue, Method};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, MethodRouter};
use axum::Router;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::error::AppError;
use crate::state::AppState;
use crate::store::StoreError;
use list::{export, list};
pub use list::{ListQuery, MAX_PAGE};
use login::{login, login_page, logout};
use triage::{add_note, detail, set_status};

/// Every route behind the login, as (method, path, handler): the protected router is built
/// from this table, and the tests walk it (every one refuses without a session, every change
/// without the CSRF token).
pub fn protected_routes() -> Vec<(Method, &'static str, MethodRouter<AppState>)> {
    vec![
        (Method::GET, "/", get(list)),
        (Method::GET, "/export.csv", get(export)),
        (Method::GET, "/corrections/{id}", get(detail)),
        (Method::POST, "/corrections/{id}/status", post(set_status)),
        (Method::POST, "/corrections/{id}/notes", post(add_note)),
        (Method::POST, "/logout", post(logout)),
    ]
}

/// The pages, with their security headers: the protected router (the session layer over every
/// route in it) and the public one (the login and the stylesheet).
pub fn router(state: AppState) -> Router<AppState> {
    let headers = [
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; \
             frame-ancestors 'none'; base-uri 'none'",
        ),
        (header::X_FRAME_OPTIONS, "DENY"),
        // Not `no-referrer`: under it browsers send `Origin: null` even on the inbox's own form
        // posts. Other sites still learn nothing (a reader's source link gets no referrer).
        (header::REFERRER_POLICY, "same-origin"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::CACHE_CONTROL, "no-store"),
    ];
    let protected = protected_routes()
        .into_iter()
        .fold(Router::new(), |router, (_, path, handler)| {
            router.route(path, handler)
        })
        .route_layer(axum::middleware::from_fn_with_state(
            state,
            auth::require_session,
        ))
        .route_layer(crate::edge::layer(auth::FORM_MAX, true));
    // The login: a small body, read within a short deadline. No group cap: a cap strangers
    // could fill would lock the editor out (64 trickling logins did); reading 4 KiB bodies is
    // bounded by the connection caps and each client's share, and the costly part, the
    // password check, by its own slots (login.rs). The editors' pages have their own group
    // (auth::require_session).
    let public = Router::new()
        .route("/login", get(login_page).post(login))
        .route("/inbox.css", get(css))
        .layer(axum::extract::DefaultBodyLimit::max(LOGIN_BODY_MAX))
        .route_layer(crate::edge::layer(LOGIN_BODY_MAX, true));
    let public = aw_http::deadline(public, LOGIN_DEADLINE);
    let mut router = protected.merge(public);
    for (name, value) in headers {
        router = router.layer(SetResponseHeaderLayer::if_not_present(
            name,
            HeaderValue::from_static(value),
        ));
    }
    router
}

/// Largest login form (an address and a password).
pub const LOGIN_BODY_MAX: usize = 4 * 1024;
/// The longest a login may take, body included.
pub const LOGIN_DEADLINE: std::time::Duration = std::time::Duration::from_secs(5);

pub(super) fn failed(e: StoreError) -> Response {
    AppError::page(e).into_response()
}

async fn css() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("inbox.css"),
    )
        .into_response()
}
