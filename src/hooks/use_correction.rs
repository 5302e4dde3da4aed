//! The correction form's effects around its state machine ([`FormState`]): restoring and
//! saving the draft, sending (and re-sending) it, waiting out backoffs and `Retry-After`, and
//! telling the host page how it went. The reducer decides; this hook only does what the current
//! phase asks for. It lives in the form bundle's `FormPanel`, which stays mounted while the form
//! is closed, so closing the form never cancels a send.

use std::rc::Rc;

use yew::prelude::*;

use crate::correction::payload::Payload;
use crate::correction::state::{Action, FormState, Phase};
use crate::correction::stored::{self, Saved, Stored};
use crate::hooks::use_config;
use crate::model::article_key;
use crate::model::Article;
use crate::services::browser::{new_uuid, now_ms};
use crate::services::events::HostEvents;
use crate::services::{console, storage};

/// The form's state as Yew's reducer: the core crate's pure [`FormState`] (which knows nothing of
/// Yew), stepped by its own `apply`. Derefs to the state, so views read `form.phase`.
#[derive(Clone, Debug, PartialEq)]
pub struct FormReducer(pub FormState);

impl std::ops::Deref for FormReducer {
    type Target = FormState;

    fn deref(&self) -> &FormState {
        &self.0
    }
}

impl Reducible for FormReducer {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let next = self.0.apply(action);
        if next == self.0 {
            self
        } else {
            Rc::new(FormReducer(next))
        }
    }
}

/// The handle components dispatch to.
pub type FormReducerHandle = UseReducerHandle<FormReducer>;

/// When this browser last sent a correction for `article` (for the one-a-minute limit).
pub fn last_sent_ms(article: &Article) -> Option<f64> {
    storage::get(&stored::sent_key(&article_key(article)))
        .ok()
        .flatten()
        .and_then(|v| v.parse::<i64>().ok())
        .map(|v| v as f64)
}

/// The form's state and effects for `article`.
#[hook]
pub fn use_correction(article: &Rc<Article>) -> FormReducerHandle {
    let config = use_config();
    let events = use_context::<HostEvents>().unwrap_or_default();
    let form = use_reducer({
        let rules = config.correction_rules();
        move || FormReducer(FormState::new(rules, new_uuid()))
    });
    let key = stored::draft_key(&article_key(article));
    // What is waiting to be written (debounced), flushed on unmount and on `pagehide`.
    let pending = use_mut_ref(|| None::<(String, String)>);
    // Whether this draft has had text: a blank draft then means "the reader deleted it".
    let had_text = use_mut_ref(|| false);
    // `submittedAt` of the current draft's first attempt, kept across its retries.
    let submitted_at = use_mut_ref(|| None::<(String, String)>);

    // Restore a saved draft once per storage key.
    {
        let form = form.clone();
        use_effect_with(key.clone(), move |key| match storage::get(key) {
            Ok(Some(text)) => match stored::decode(&text, now_ms()) {
                Stored::Draft(saved) => form.dispatch(Action::Restore {
                    draft: saved.draft,
                    key: saved.key,
                    started_at_ms: saved.started_at_ms,
                    key_used: saved.key_used,
                }),
                // A newer release's draft: not ours to read or to delete.
                Stored::Newer => {}
                // Stale, blank or unreadable: drop it, so the trust box stops mentioning it.
                Stored::Stale => {
                    let _ = storage::remove(key);
                }
            },
            Ok(None) => {}
            Err(e) => console::warn(&format!("article-widget: drafts are not kept: {e}")),
        });
    }

    // Save as the reader types, debounced; remove when the reader empties it.
    {
        let (pending, had_text) = (pending.clone(), had_text.clone());
        let deps = (
            key.clone(),
            form.draft.clone(),
            form.idempotency_key.clone(),
            form.started_at_ms,
            form.sent.is_some(),
        );
        use_effect_with(
            deps,
            move |(key, draft, id_key, started_at_ms, key_used)| {
                let mut timer = None;
                if draft.is_blank() {
                    if std::mem::take(&mut *had_text.borrow_mut()) {
                        *pending.borrow_mut() = None;
                        let _ = storage::remove(key);
                    }
                } else {
                    *had_text.borrow_mut() = true;
                    let saved = Saved {
                        draft: draft.clone(),
                        key: id_key.clone(),
                        started_at_ms: started_at_ms.unwrap_or_else(now_ms),
                        key_used: *key_used,
                    };
                    *pending.borrow_mut() = Some((key.clone(), stored::encode(&saved, now_ms())));
                    {
                        let pending = pending.clone();
                        timer =
                            crate::services::timer::Timeout::new(400.0, move || flush(&pending));
                    }
                }
                move || {
                    drop(timer);
                }
            },
        );
    }

    // Flush on unmount and when the page goes away (reload, navigation, tab closed).
    {
        let pending = pending.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                let pending = pending.clone();
                crate::services::timer::Listener::new(&w, "pagehide", move |_| flush(&pending))
            });
            move || {
                drop(listener);
                flush(&pending);
            }
        });
    }

    // Do what the phase asks for.
    {
        let form = form.clone();
        let article = article.clone();
        let deps = (form.phase.clone(), form.idempotency_key.clone());
        use_effect_with(deps, move |(phase, id_key)| {
            let mut cleanup: Option<Box<dyn FnOnce()>> = None;
            let article_id = article_key(&article);
            match phase {
                Phase::Sending { .. } => {
                    let at = {
                        let mut at = submitted_at.borrow_mut();
                        match &*at {
                            Some((k, iso)) if k == id_key => iso.clone(),
                            _ => {
                                let iso = crate::services::browser::now_iso();
                                *at = Some((id_key.clone(), iso.clone()));
                                iso
                            }
                        }
                    };
                    // What was first sent under this key: retries send exactly that.
                    let draft = form.sent.clone().unwrap_or_else(|| form.draft.clone());
                    let payload = Payload::from_draft(
                        &article,
                        &draft,
                        &config.locale,
                        at,
                        crate::services::browser::page_url(),
                    );
                    {
                        cleanup = send(&form, &config, payload, id_key.clone());
                    }
                }
                Phase::Waiting { retry_at_ms, .. } => {
                    let form = form.clone();
                    let timer =
                        crate::services::timer::Timeout::new(retry_at_ms - now_ms(), move || {
                            form.dispatch(Action::Retry(None))
                        });
                    cleanup = Some(Box::new(move || drop(timer)));
                }
                Phase::Sent { reference } => {
                    *pending.borrow_mut() = None;
                    *had_text.borrow_mut() = false;
                    let _ = storage::remove(&key);
                    let now = (now_ms() as i64).to_string();
                    let _ = storage::set(&stored::sent_key(&article_id), &now);
                    events.emit(
                        "correction-submitted",
                        &[
                            ("articleId", &article_id),
                            ("referenceId", reference.as_deref().unwrap_or("")),
                        ],
                        false,
                    );
                }
                Phase::Failed { message } => {
                    let error = message
                        .as_deref()
                        .unwrap_or("the corrections endpoint did not accept the correction");
                    console::error(&format!("correction not sent: {error}"));
                    events.emit(
                        "correction-failed",
                        &[("articleId", &article_id), ("error", error)],
                        false,
                    );
                }
                Phase::Closed | Phase::Editing | Phase::Throttled { .. } => {}
            }
            move || {
                if let Some(cleanup) = cleanup {
                    cleanup();
                }
            }
        });
    }
    form
}

/// Writes the pending draft, if any.
fn flush(pending: &std::cell::RefCell<Option<(String, String)>>) {
    if let Some((key, text)) = pending.borrow_mut().take() {
        if let Err(e) = storage::set(&key, &text) {
            console::warn(&format!("article-widget: draft not saved: {e}"));
        }
    }
}

/// Starts one attempt; the returned cleanup aborts it.
fn send(
    form: &FormReducerHandle,
    config: &crate::config::WidgetConfig,
    payload: Payload,
    key: String,
) -> Option<Box<dyn FnOnce()>> {
    use crate::correction::response::classify;
    use crate::services::browser::random;
    use crate::services::corrections::{post, Submission};

    let endpoint = config.correction_endpoint.clone()?;
    let controller = web_sys::AbortController::new().ok()?;
    let submission = Submission {
        endpoint,
        body: payload.encode(config.correction_encoding),
        encoding: config.correction_encoding,
        key,
        include_credentials: config.correction_credentials,
    };
    let form = form.clone();
    let signal = controller.signal();
    let abort = controller.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let result = post(&submission, &controller).await;
        if signal.aborted() && !matches!(result, Err(crate::error::SendError::Timeout(_))) {
            return; // unmounted: nobody to tell
        }
        let now = now_ms();
        match result {
            Ok(reply) => {
                let outcome = classify(
                    reply.status,
                    &reply.body,
                    reply.retry_after.as_deref(),
                    (now / 1_000.0) as i64,
                );
                form.dispatch(Action::Answer {
                    outcome,
                    now_ms: now,
                    jitter: random(),
                });
            }
            Err(e) => {
                console::error(&e.to_string());
                form.dispatch(Action::NoAnswer {
                    now_ms: now,
                    jitter: random(),
                });
            }
        }
    });
    Some(Box::new(move || abort.abort()))
}
