//! The one error type of the server's handlers. It *is* the answer: each variant knows its
//! status, its headers and its body (JSON for the widget's routes, a page for the inbox's), and
//! writes the cause to the log — never to the client.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Json;
use serde_json::json;

use crate::inbox::views;
use crate::store::StoreError;

/// What went wrong, as the answer it becomes.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The database failed under a widget route: `503` + `Retry-After` (the widget retries).
    #[error("database: {0}")]
    Unavailable(#[source] StoreError),
    /// The database failed under an inbox page: `503`, a page saying so.
    #[error("database: {0}")]
    PageUnavailable(#[source] StoreError),
    /// No such correction (an inbox page): `404`.
    #[error("not found")]
    NotFound,
    /// No session: a page redirects to the login, anything else is `401`.
    #[error("no session")]
    NoSession {
        /// A page (GET) rather than a change.
        page: bool,
    },
    /// A change that did not come from the inbox's own page with the session's token: `403`.
    #[error("forged")]
    Forged,
    /// A login posted from another site: `403`.
    #[error("login from another site")]
    ForeignLogin,
    /// A form body too large for the inbox: `413`.
    #[error("form too large")]
    TooLarge,
    /// The group is full: `503` + `Retry-After`.
    #[error("busy")]
    Busy,
    /// Something that cannot fail did (writing a CSV into memory): `500`, cause logged.
    #[error("internal: {0}")]
    Internal(String),
}

impl AppError {
    /// For `?` in inbox handlers: a database error as the inbox's page.
    pub fn page(e: StoreError) -> AppError {
        AppError::PageUnavailable(e)
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> AppError {
        AppError::Unavailable(e)
    }
}

fn page(status: StatusCode, title: &str, text: &str) -> Response {
    (status, Html(views::message(title, text).into_string())).into_response()
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match self {
            AppError::Unavailable(e) => {
                tracing::error!(error = %e, "the database failed");
                let mut reply = (
                    StatusCode::SERVICE_UNAVAILABLE,
                    Json(json!({ "message": "The corrections inbox is unavailable; please try again." })),
                )
                    .into_response();
                reply
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
                reply
            }
            AppError::PageUnavailable(e) => {
                tracing::error!(error = %e, "the database failed (inbox)");
                page(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "Unavailable",
                    "The database did not answer. Try again.",
                )
            }
            AppError::NotFound => page(StatusCode::NOT_FOUND, "Not found", "There is no such correction."),
            AppError::NoSession { page: true } => Redirect::to("/inbox/login").into_response(),
            AppError::NoSession { page: false } => {
                (StatusCode::UNAUTHORIZED, "Log in first.").into_response()
            }
            AppError::Forged => page(
                StatusCode::FORBIDDEN,
                "Refused",
                "This change did not come from the inbox's own page. Reload the page and try again.",
            ),
            AppError::ForeignLogin => {
                page(StatusCode::FORBIDDEN, "Refused", "Log in from the inbox's own page.")
            }
            AppError::Internal(cause) => {
                tracing::error!(%cause, "internal error");
                page(StatusCode::INTERNAL_SERVER_ERROR, "Internal error", "Something went wrong. Try again.")
            }
            AppError::Busy => aw_http::busy(),
            AppError::TooLarge => page(
                StatusCode::PAYLOAD_TOO_LARGE,
                "Too large",
                "That form is larger than the inbox accepts.",
            ),
        }
    }
}

/// `{"message": …}` with `status`: the JSON answers of the intake and its origin check.
pub fn message_reply(status: StatusCode, message: &str) -> Response {
    (status, Json(json!({ "message": message }))).into_response()
}
