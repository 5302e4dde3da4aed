//! Logging in and out (`GET|POST /inbox/login`, `POST /inbox/logout`): Argon2 behind the login
//! limits, a session cookie, and the session's end.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;

use super::auth::{self, SameOrigin, Session};
use super::{failed, views};
use crate::limits::{Kind, Verdict};
use crate::state::AppState;

pub(super) async fn login_page() -> Response {
    Html(views::login(None, "").into_string()).into_response()
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct LoginInput {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

/// Longest email looked up (RFC 5321's path limit); a longer one is simply wrong.
const EMAIL_MAX: usize = 254;

pub(super) async fn login(
    State(state): State<AppState>,
    _: SameOrigin,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(input): Form<LoginInput>,
) -> Response {
    let email: String = input.email.trim().to_lowercase();
    let client = state.client(Some(&ConnectInfo::<SocketAddr>(peer)), &headers);
    let editor = if email.len() <= EMAIL_MAX {
        match state.store.editor_by_email(&email).await {
            Ok(e) => e,
            Err(e) => return failed(e),
        }
    } else {
        None
    };
    // Failures count per client and per (account, client): a stranger's failures never lock
    // the editor out of their own address. An editor's pair is kept in a table of its own,
    // which no flood of strangers' keys evicts. Reserved before the check, so a burst of
    // attempts gets the free ones and no more.
    let pair = match &editor {
        Some(editor) => (Kind::Editor, format!("{}|{client}", editor.id)),
        None => (Kind::Login, format!("pair:{client}|{email}")),
    };
    let keys = [(Kind::Login, format!("client:{client}")), pair];
    let too_many = |wait: u64| {
        let mut reply = (
            StatusCode::TOO_MANY_REQUESTS,
            Html(
                views::login(
                    Some(&format!("Too many failed attempts. Try again in {wait} s.")),
                    &email,
                )
                .into_string(),
            ),
        )
            .into_response();
        reply
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(wait));
        reply
    };
    let reserved_at = match state.limits.reserve_login(&keys).await {
        Ok((Verdict::Go, at)) => at,
        Ok((Verdict::Wait(wait), _)) => return too_many(wait),
        Err(e) => return failed(e),
    };
    let hash = editor
        .as_ref()
        .map_or(auth::decoy_hash(), |e| e.password_hash.as_str())
        .to_owned();
    // Argon2 is deliberately slow and takes 19 MiB: a bounded number at once (one per core),
    // off the async threads; a login that cannot get a turn soon is told to come back.
    let permit = match tokio::time::timeout(
        state.config.password_wait,
        state.password_checks.clone().acquire_owned(),
    )
    .await
    {
        Ok(Ok(permit)) => permit,
        _ => {
            // Busy is not a wrong password: the attempt was never checked.
            if let Err(e) = state.limits.refund(&keys, reserved_at).await {
                return failed(e);
            }
            return aw_http::busy();
        }
    };
    let password = input.password;
    let ok = tokio::task::spawn_blocking(move || {
        let ok = auth::verify_password(&password, &hash);
        drop(permit);
        ok
    })
    .await
    .unwrap_or(false);
    match editor {
        Some(editor) if ok => {
            if let Err(e) = state.limits.forgive(&keys[1]).await {
                return failed(e);
            }
            match auth::start(&state, &editor).await {
                Ok(cookie) => {
                    ([(header::SET_COOKIE, cookie)], Redirect::to("/inbox")).into_response()
                }
                Err(e) => failed(e),
            }
        }
        _ => (
            StatusCode::UNAUTHORIZED,
            Html(views::login(Some("Wrong email or password."), &email).into_string()),
        )
            .into_response(),
    }
}

pub(super) async fn logout(State(state): State<AppState>, session: Session) -> Response {
    if let Err(e) = state.store.end_session(&session.token_hash).await {
        return failed(e);
    }
    (
        [(
            header::SET_COOKIE,
            auth::cookie(None, state.config.secure_cookies),
        )],
        Redirect::to("/inbox/login"),
    )
        .into_response()
}
