//! The correction POST: one attempt, with the idempotency key, the encoding's headers, the
//! credentials mode, a per-attempt timeout and an abort handle for unmounting. Retrying is the
//! form's state machine's business, not this function's.

use crate::correction::payload::Encoding;
use crate::correction::retry::TIMEOUT_MS;
use crate::error::SendError;

/// What the endpoint answered (any status: the form decides what it means).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    /// HTTP status.
    pub status: u16,
    /// Response body text (empty if unreadable).
    pub body: String,
    /// The `Retry-After` header (cross-origin endpoints must list it in
    /// `Access-Control-Expose-Headers`).
    pub retry_after: Option<String>,
}

/// One submission attempt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Submission {
    /// The endpoint URL.
    pub endpoint: String,
    /// The encoded body.
    pub body: String,
    /// How it is encoded.
    pub encoding: Encoding,
    /// `Idempotency-Key`: the same for every attempt of one draft.
    pub key: String,
    /// Send cookies (`credentials: "include"`) instead of none.
    pub include_credentials: bool,
}

/// POSTs `submission`; `controller` aborts it (the widget unmounted). Times out after
/// [`TIMEOUT_MS`](crate::correction::retry::TIMEOUT_MS).
pub async fn post(
    submission: &Submission,
    controller: &web_sys::AbortController,
) -> Result<Reply, SendError> {
    use std::cell::Cell;
    use std::rc::Rc;

    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;

    use crate::services::timer::Timeout;

    let timed_out = Rc::new(Cell::new(false));
    let _timer = {
        let (timed_out, controller) = (timed_out.clone(), controller.clone());
        Timeout::new(TIMEOUT_MS as f64, move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let signal = controller.signal();
    let fail = |e: JsValue| {
        if timed_out.get() {
            SendError::Timeout(TIMEOUT_MS / 1_000)
        } else if signal.aborted() {
            SendError::Aborted
        } else {
            SendError::Network(super::js::error_text(&e, "fetch failed"))
        }
    };
    let window = web_sys::window().ok_or_else(|| SendError::Network("no window".into()))?;
    let headers = web_sys::Headers::new().map_err(fail)?;
    headers
        .set("Content-Type", submission.encoding.content_type())
        .map_err(fail)?;
    headers.set("Accept", "application/json").map_err(fail)?;
    headers
        .set("Idempotency-Key", &submission.key)
        .map_err(fail)?;
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_headers(&headers);
    init.set_body(&JsValue::from_str(&submission.body));
    init.set_signal(Some(&signal));
    init.set_credentials(if submission.include_credentials {
        web_sys::RequestCredentials::Include
    } else {
        web_sys::RequestCredentials::Omit
    });
    let response: web_sys::Response =
        JsFuture::from(window.fetch_with_str_and_init(&submission.endpoint, &init))
            .await
            .map_err(fail)?
            .dyn_into()
            .map_err(fail)?;
    let retry_after = response.headers().get("Retry-After").ok().flatten();
    let body = match response.text() {
        Ok(promise) => JsFuture::from(promise)
            .await
            .map_err(fail)?
            .as_string()
            .unwrap_or_default(),
        Err(_) => String::new(),
    };
    Ok(Reply {
        status: response.status(),
        body,
        retry_after,
    })
}
