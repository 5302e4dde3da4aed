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

use crate::cors::PublisherOrigins;
use crate::error::{message_reply, AppError};
use crate::form_page;
use crate::limits::{Kind, Verdict};
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

/// What became of a submission, before it is written as an answer (JSON for the widget and
/// other clients, a page for a browser's own form submission: [`crate::form_page`]).
#[derive(Debug)]
pub enum Outcome {
    /// Stored now (or before, under the same key and words: `replayed`).
    Stored {
        /// The row id.
        id: i64,
        /// A repeat of a stored correction.
        replayed: bool,
    },
    /// The honeypot was filled: answered as stored, nothing stored.
    Bot,
    /// Field errors: (key, message), in the form's order.
    Invalid(Vec<(String, String)>),
    /// The key was used for other words.
    KeyReused,
    /// Over a limit: wait this many seconds.
    TooMany(u64),
    /// The database failed.
    Unavailable(crate::store::StoreError),
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
    if form_page::wants_page(headers) {
        // A browser's own form: no Idempotency-Key header; the form's key, else one derived
        // from the client and the words (a double click stores one correction).
        let text = |k: &str| field(&fields, k);
        let sent = text("idempotencyKey");
        let key = if valid_key(&sent) {
            sent
        } else {
            let identity = Payload::from_keys(&text).identity();
            let digest = Sha256::digest(format!("{client}\n{identity}").as_bytes());
            format!("form-{}", &hex(&digest)[..40])
        };
        let outcome = decide(state, client, &fields, Some(&key), limited).await;
        return page_answer(state, outcome, &fields, &key);
    }
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|k| valid_key(k));
    // The widget's form shows a server's field errors as they come: in the form's language
    // when the body names one (`locale`), in English for other clients.
    json_answer(decide(state, client, &fields, key, limited).await)
}

/// A field's text ("" when absent or not a string).
fn field(fields: &Map<String, Value>, key: &str) -> String {
    fields
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned()
}

/// An idempotency key: 1 to 200 bytes, no control character (a NUL would reach the database).
fn valid_key(k: &str) -> bool {
    !k.trim().is_empty() && k.len() <= 200 && !k.contains(char::is_control)
}

/// The outcome of `fields` under `key`. Field errors are in the form's language when the body
/// names one (`locale`), else in English.
pub async fn decide(
    state: &AppState,
    client: &str,
    fields: &Map<String, Value>,
    key: Option<&str>,
    limited: bool,
) -> Outcome {
    let text = |k: &str| field(fields, k);
    if !text(HONEYPOT_KEY).trim().is_empty() {
        // A bot: it hears what a person would, and nothing is stored.
        return Outcome::Bot;
    }
    let payload = Payload::from_keys(&text);
    let mut errors: Vec<(String, String)> = Vec::new();
    for (key, error) in payload.envelope_errors() {
        errors.push((key.into(), envelope_message(key, error)));
    }
    let locale = text("locale");
    let locale = (!locale.is_empty()).then_some(locale.as_str());
    for (field, error) in validate(&Draft::from_keys(&text), &state.config.rules) {
        if !errors.iter().any(|(k, _)| k == field.key()) {
            errors.push((field.key().into(), message(field, &error, locale)));
        }
    }
    if !errors.is_empty() {
        return Outcome::Invalid(errors);
    }
    // The key stands for what the reader wrote (Payload::identity), not for the envelope: the
    // same correction resent after a reload, with another submittedAt, is a replay.
    let hash = hex(&Sha256::digest(payload.identity().as_bytes()));
    // A repeat of a stored key is answered whatever the limits say: it stores nothing.
    if let Some(k) = key {
        match state.store.find_key(k).await {
            Ok(Some((id, first_hash))) if first_hash == hash => {
                return Outcome::Stored { id, replayed: true }
            }
            Ok(Some(_)) => return Outcome::KeyReused,
            Ok(None) => {}
            Err(e) => return Outcome::Unavailable(e),
        }
    }
    if limited {
        // The client's limit first: only a request it lets through counts for the article, so
        // one client's flood spends nobody else's budget.
        let config = &state.config;
        let checks = [
            (
                Kind::Client,
                client.to_owned(),
                config.per_client_per_minute,
            ),
            // One client may use at most a quarter of an article's budget: its flood leaves
            // the article's other readers the rest.
            (
                Kind::Article,
                format!("{}|{client}", payload.article_id),
                config.per_article_per_minute.div_ceil(4),
            ),
            (
                Kind::Article,
                payload.article_id.clone(),
                config.per_article_per_minute,
            ),
        ];
        for (kind, key, per_minute) in checks {
            match state.limits.hit(kind, &key, per_minute, 60_000).await {
                Ok(Verdict::Go) => {}
                Ok(Verdict::Wait(wait)) => return Outcome::TooMany(wait),
                Err(e) => return Outcome::Unavailable(e),
            }
        }
    }
    match state.store.insert(&payload, key, &hash).await {
        Ok(Stored::Created(id)) => Outcome::Stored {
            id,
            replayed: false,
        },
        Ok(Stored::Replayed(id)) => Outcome::Stored { id, replayed: true },
        Ok(Stored::KeyReused) => Outcome::KeyReused,
        Err(e) => Outcome::Unavailable(e),
    }
}

/// The widget's contract: JSON.
pub fn json_answer(outcome: Outcome) -> Response {
    match outcome {
        Outcome::Stored { id, replayed } => created(id, replayed),
        Outcome::Bot => (StatusCode::CREATED, Json(json!({ "id": "received" }))).into_response(),
        Outcome::Invalid(errors) => {
            let errors: Map<String, Value> =
                errors.into_iter().map(|(k, m)| (k, json!([m]))).collect();
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                Json(json!({ "errors": errors })),
            )
                .into_response()
        }
        Outcome::KeyReused => key_reused(),
        Outcome::TooMany(wait) => too_many(wait),
        Outcome::Unavailable(e) => unavailable(e),
    }
}

/// A browser's own form submission: back to the article, or the form again with the text.
fn page_answer(
    state: &AppState,
    outcome: Outcome,
    fields: &Map<String, Value>,
    key: &str,
) -> Response {
    let config = &state.config;
    let origins = PublisherOrigins::new(&config.allowed_origins, config.dev);
    let locale = fields.get("locale").and_then(Value::as_str).unwrap_or("");
    let s = aw_core::i18n::form_strings_for(locale);
    let page = aw_core::i18n::page_strings_for(locale);
    let again = |status, errors: &[(String, String)], notice: Option<&str>| {
        form_page::form_again(status, fields, &config.rules, errors, notice, key, &origins)
    };
    match outcome {
        Outcome::Stored { id, .. } => form_page::stored(&format!("C-{id}"), fields, &origins),
        Outcome::Bot => form_page::stored("received", fields, &origins),
        Outcome::Invalid(errors) => again(StatusCode::UNPROCESSABLE_ENTITY, &errors, None),
        Outcome::KeyReused => again(StatusCode::UNPROCESSABLE_ENTITY, &[], Some(page.held)),
        Outcome::TooMany(wait) => {
            let notice = page.throttled.replace("{n}", &wait.to_string());
            let mut reply = again(StatusCode::TOO_MANY_REQUESTS, &[], Some(&notice));
            reply
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(wait));
            reply
        }
        Outcome::Unavailable(e) => {
            tracing::error!(error = %e, "intake (form page): the database failed");
            let notice = format!("{}. {}", s.failed, s.failed_hint);
            let mut reply = again(StatusCode::SERVICE_UNAVAILABLE, &[], Some(&notice));
            reply
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
            reply
        }
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

/// The message for a validation error: in the form's language when the submission names one
/// (`locale`: the widget's form always does), else in English for other clients.
pub fn message(field: Field, error: &FieldError, locale: Option<&str>) -> String {
    match locale {
        Some(locale) => {
            let s = aw_core::i18n::form_strings_for(locale);
            aw_core::correction::messages::field_error(error, s, locale)
        }
        None => english(field, error),
    }
}

fn english(field: Field, error: &FieldError) -> String {
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
        EnvelopeError::TooLong { max } => format!("must be at most {max} bytes"),
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
