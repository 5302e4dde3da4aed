//! `POST /corrections`: the widget's contract, unchanged. A flat object, JSON (or `text/plain`
//! JSON, as `sendBeacon` sends it) or `application/x-www-form-urlencoded`, with the keys of
//! `aw_core::correction::payload::Payload::KEYS`, validated by the widget's own rules.
//!
//! | Answer | When |
//! |---|---|
//! | `201 {"id":"C-12"}` | stored (durably: the commit is on disk first) |
//! | `201` again, `Idempotent-Replayed: true` | the same `Idempotency-Key` and correction again |
//! | `422 {"errors":{"correction":["…"]}}` | field errors, keyed as the widget names fields |
//! | `422 {"message":…}` | an `Idempotency-Key` reused for a different correction |
//! | `403` | a browser page on an origin not allowed (`Origin` header); nothing stored |
//! | `429` + `Retry-After` | too many from this client or for this article |
//! | `413`, `415`, `400` | too large, not JSON or form, not an object |
//! | `503` + `Retry-After` | the database is unavailable (the widget retries) |

use std::net::SocketAddr;

use aw_core::correction::draft::{validate, Draft, Field, FieldError, HONEYPOT_KEY};
use aw_core::correction::payload::{EnvelopeError, Payload};
use axum::body::Bytes;
use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

use crate::error::AppError;
use crate::limits::Verdict;
use crate::state::AppState;
use crate::store::Stored;

/// The handler.
pub async fn submit(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let client = state.client(Some(&ConnectInfo(peer)), &headers);
    accept(&state, &client, &headers, &body, true).await
}

/// Validates and stores one submission. `limited` applies the rate limits (the development
/// server's scripted routes turn them off).
pub async fn accept(
    state: &AppState,
    client: &str,
    headers: &HeaderMap,
    body: &[u8],
    limited: bool,
) -> Response {
    let fields = match fields(headers, body) {
        Ok(fields) => fields,
        Err(reply) => return reply,
    };
    let text = |k: &str| {
        fields
            .get(k)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned()
    };
    if !text(HONEYPOT_KEY).trim().is_empty() {
        // A bot: it hears what a person would, and nothing is stored.
        return (StatusCode::CREATED, Json(json!({ "id": "received" }))).into_response();
    }
    let payload = Payload::from_keys(&text);
    let mut errors = Map::new();
    for (key, error) in payload.envelope_errors() {
        errors.insert(key.into(), json!([envelope_message(key, error)]));
    }
    for (field, error) in validate(&Draft::from_keys(&text), &state.config.rules) {
        errors
            .entry(field.key())
            .or_insert_with(|| json!([message(field, &error)]));
    }
    if !errors.is_empty() {
        return (
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(json!({ "errors": errors })),
        )
            .into_response();
    }
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|k| !k.is_empty() && k.len() <= 200);
    // The key stands for what the reader wrote (Payload::identity), not for the envelope: the
    // same correction resent after a reload, with another submittedAt, is a replay.
    let hash = hex(&Sha256::digest(payload.identity().as_bytes()));
    // A repeat of a stored key is answered whatever the limits say: it stores nothing.
    let known = match key {
        Some(k) => state.store.find_key(k).await,
        None => Ok(None),
    };
    let known = match known {
        Ok(known) => known,
        Err(e) => return unavailable(e),
    };
    if let Some((id, first_hash)) = known {
        return if first_hash == hash {
            created(id, true)
        } else {
            key_reused()
        };
    }
    if limited {
        // The client's limit first: only a request it lets through counts for the article, so
        // one client's flood spends nobody else's budget.
        let config = &state.config;
        let checks = [
            (format!("client:{client}"), config.per_client_per_minute),
            (
                format!("article:{}", payload.article_id),
                config.per_article_per_minute,
            ),
        ];
        for (key, per_minute) in checks {
            match state.limits.hit(&key, per_minute, 60_000).await {
                Ok(Verdict::Go) => {}
                Ok(Verdict::Wait(wait)) => return too_many(wait),
                Err(e) => return unavailable(e),
            }
        }
    }
    match state.store.insert(&payload, key, &hash).await {
        Ok(Stored::Created(id)) => created(id, false),
        Ok(Stored::Replayed(id)) => created(id, true),
        Ok(Stored::KeyReused) => key_reused(),
        Err(e) => unavailable(e),
    }
}

/// The body's fields, or the answer for a body that has none.
#[allow(clippy::result_large_err)] // The error is the answer itself, made once per request.
fn fields(headers: &HeaderMap, body: &[u8]) -> Result<Map<String, Value>, Response> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    if content_type.starts_with("application/x-www-form-urlencoded") {
        return Ok(form_urlencoded::parse(body)
            .map(|(k, v)| (k.into_owned(), Value::String(v.into_owned())))
            .collect());
    }
    if !(content_type.starts_with("application/json")
        || content_type.starts_with("text/plain")
        || content_type.is_empty())
    {
        return Err(message_reply(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Send application/json or application/x-www-form-urlencoded.",
        ));
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(message_reply(
            StatusCode::BAD_REQUEST,
            "The body must be a JSON object.",
        )),
    }
}

/// The English message for a validation error.
pub fn message(field: Field, error: &FieldError) -> String {
    match error {
        FieldError::Required => format!("{} is required", field.key()),
        FieldError::TooShort { min } => format!("must be at least {min} characters"),
        FieldError::TooLong { max } => format!("must be at most {max} characters"),
        FieldError::InvalidUrl => "must be an http(s) URL".into(),
        FieldError::InvalidEmail => "is not an email address".into(),
        FieldError::ConsentRequired => "must be accepted".into(),
        FieldError::Server(m) => m.clone(),
    }
}

/// The English message for an envelope error.
fn envelope_message(key: &str, error: EnvelopeError) -> String {
    match error {
        EnvelopeError::Required => format!("{key} is required"),
        EnvelopeError::TooLong { max } => format!("must be at most {max} characters"),
        EnvelopeError::Nul => "must not contain NUL characters".into(),
    }
}

/// Lower-case hexadecimal.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn created(id: i64, replayed: bool) -> Response {
    let mut reply = (
        StatusCode::CREATED,
        Json(json!({ "id": format!("C-{id}") })),
    )
        .into_response();
    if replayed {
        reply
            .headers_mut()
            .insert("idempotent-replayed", HeaderValue::from_static("true"));
    }
    reply
}

fn key_reused() -> Response {
    message_reply(
        StatusCode::UNPROCESSABLE_ENTITY,
        "This Idempotency-Key was already used for a different correction.",
    )
}

/// `429` with `Retry-After`.
pub fn too_many(wait_s: u64) -> Response {
    let mut reply = message_reply(
        StatusCode::TOO_MANY_REQUESTS,
        "Too many corrections at once; please try again shortly.",
    );
    reply
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(wait_s));
    reply
}

fn unavailable(e: crate::store::StoreError) -> Response {
    AppError::Unavailable(e).into_response()
}

/// `{"message": …}` with `status`.
pub fn message_reply(status: StatusCode, message: &str) -> Response {
    (status, Json(json!({ "message": message }))).into_response()
}
