//! Editors' logins: Argon2id password hashes, sessions in an `HttpOnly; SameSite=Strict`
//! (and `Secure`) cookie whose token the database stores only hashed, a CSRF token per session
//! checked on every change together with the request's origin, and failed logins throttled per
//! client and per account.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::body::Body;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, Method};
use axum::middleware::Next;
use axum::response::Response;
use sha2::{Digest, Sha256};

pub use super::session::Session;
use crate::error::AppError;
use crate::intake::hex;
use crate::state::AppState;
use crate::store::{now_ms, Editor};

/// The session cookie's name over HTTPS: `__Host-` makes browsers accept it only from a secure
/// origin, for the whole host (`Path=/`) and no `Domain` — so no sibling subdomain and no
/// plain-HTTP page can set or shadow it.
pub const COOKIE: &str = "__Host-aw_session";
/// Its name with `--insecure-cookies` (plain HTTP, where browsers refuse `__Host-`).
pub const INSECURE_COOKIE: &str = "aw_session";

/// The cookie's name for `secure`.
pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        COOKIE
    } else {
        INSECURE_COOKIE
    }
}
/// How long a session lasts.
pub const SESSION_MS: i64 = 8 * 60 * 60 * 1000;

/// An Argon2id hash (the crate's defaults: 19 MiB, 2 passes) in PHC string form.
pub fn hash_password(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

/// Whether `password` matches `hash`.
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

/// A hash of a password nobody has, verified when the account does not exist, so a wrong
/// address costs the same time as a wrong password.
pub fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash_password("no account has this password").unwrap_or_default())
}

/// 32 random bytes, hex.
pub fn token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    hex(&bytes)
}

/// What the database keeps of a session token.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// The `Set-Cookie` value for a new session (`None`: one that ends it).
pub fn cookie(token: Option<&str>, secure: bool) -> String {
    let name = cookie_name(secure);
    let secure = if secure { "; Secure" } else { "" };
    match token {
        Some(t) => format!(
            "{name}={t}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{secure}",
            SESSION_MS / 1000
        ),
        None => format!("{name}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{secure}"),
    }
}

/// Largest form the inbox reads (a note or a published correction is at most a few KB).
pub const FORM_MAX: usize = 64 * 1024;

fn cookie_token(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value.to_owned())
        .filter(|t| t.len() == 64)
}

/// The layer on every inbox route but the login's: no session, no answer (a page redirects to
/// the login, anything else is `401`); and a request that changes anything (not GET or HEAD)
/// must come from the inbox's own page ([`same_origin`]) with the session's CSRF token in its
/// form, or it is `403`. A route added to the protected router is protected without its
/// handler doing anything.
pub async fn require_session(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Result<Response, AppError> {
    let page = matches!(*request.method(), Method::GET | Method::HEAD);
    let name = cookie_name(state.config.secure_cookies);
    let token = cookie_token(request.headers(), name).ok_or(AppError::NoSession { page })?;
    let hash = token_hash(&token);
    let (editor, csrf) = state
        .store
        .session(&hash)
        .await
        .map_err(AppError::page)?
        .ok_or(AppError::NoSession { page })?;
    let session = Session {
        editor,
        csrf,
        token_hash: hash,
    };
    // An editor's own slots: only a request with a live session takes one, so no crowd of
    // strangers (at the login, or with made-up cookies) can fill them.
    let _slot = state
        .editor_slots
        .clone()
        .try_acquire_owned()
        .map_err(|_| AppError::Busy)?;
    let mut request = if page {
        request
    } else {
        if !same_origin(request.headers(), state.config.public_origin.as_deref()) {
            return Err(AppError::Forged);
        }
        let (parts, body) = request.into_parts();
        let bytes = axum::body::to_bytes(body, FORM_MAX)
            .await
            .map_err(|_| AppError::TooLarge)?;
        let sent = form_urlencoded::parse(&bytes)
            .find(|(k, _)| k == "csrf")
            .map(|(_, v)| v.into_owned())
            .unwrap_or_default();
        if !csrf_ok(&session, &sent) {
            return Err(AppError::Forged);
        }
        Request::from_parts(parts, Body::from(bytes))
    };
    request.extensions_mut().insert(session);
    Ok(next.run(request).await)
}

impl<S: Send + Sync> FromRequestParts<S> for Session {
    type Rejection = AppError;

    /// The session [`require_session`] found (a handler outside the protected router has none).
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Session, AppError> {
        parts
            .extensions
            .get::<Session>()
            .cloned()
            .ok_or(AppError::NoSession {
                page: parts.method == Method::GET,
            })
    }
}

/// A request from this site's own pages ([`same_origin`]): the login's extractor (a login
/// posted from another site would log the reader into the attacker's account).
#[derive(Clone, Copy, Debug)]
pub struct SameOrigin;

impl FromRequestParts<AppState> for SameOrigin {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<SameOrigin, AppError> {
        if same_origin(&parts.headers, state.config.public_origin.as_deref()) {
            Ok(SameOrigin)
        } else {
            Err(AppError::ForeignLogin)
        }
    }
}

/// Whether a state-changing request comes from this site's own pages: its `Origin` (or, when
/// a browser sends none, `Sec-Fetch-Site`) must not name another site. With a configured
/// `public` origin, `Origin` must be exactly it (scheme, host and port) and `Host` its host: a
/// page on a rebinding domain sends its own name in both, and is refused; without one, `Origin`
/// is compared with `Host`.
pub fn same_origin(headers: &HeaderMap, public: Option<&str>) -> bool {
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if let Some(public) = public {
        let authority = public.split_once("://").map_or("", |(_, a)| a);
        if !host.eq_ignore_ascii_case(authority) {
            return false;
        }
        if let Some(origin) = headers
            .get(header::ORIGIN)
            .and_then(|v| v.to_str().ok())
            .filter(|o| *o != "null")
        {
            return origin.trim_end_matches('/').eq_ignore_ascii_case(public);
        }
    }
    // `Origin: null` (an opaque origin: a sandboxed frame, or a page with no referrer) names no
    // site; then `Sec-Fetch-Site` decides, as when there is no Origin.
    if let Some(origin) = headers
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .filter(|o| *o != "null")
    {
        let origin_host = origin
            .strip_prefix("https://")
            .or_else(|| origin.strip_prefix("http://"))
            .unwrap_or("");
        return !host.is_empty() && origin_host == host;
    }
    match headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        Some(site) => site == "same-origin" || site == "none",
        // No browser metadata at all (an old browser, a script): the CSRF token decides, but an
        // opaque origin never passes.
        None => headers.get(header::ORIGIN).is_none(),
    }
}

/// Whether a form's CSRF token is the session's (compared in constant time).
pub fn csrf_ok(session: &Session, sent: &str) -> bool {
    let a = session.csrf.as_bytes();
    let b = sent.as_bytes();
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Starts a session for `editor`: the `Set-Cookie` value.
pub async fn start(state: &AppState, editor: &Editor) -> Result<String, crate::store::StoreError> {
    let t = token();
    state
        .store
        .create_session(&token_hash(&t), editor.id, &token(), now_ms() + SESSION_MS)
        .await?;
    Ok(cookie(Some(&t), state.config.secure_cookies))
}
