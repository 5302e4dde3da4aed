//! `localStorage`, with typed errors: it is missing in sandboxed frames, throws when disabled or
//! blocked, and refuses writes when full. Callers log the error once and go on without it.

use crate::error::StorageError;

fn storage() -> Result<web_sys::Storage, StorageError> {
    if !super::IN_BROWSER {
        return Err(StorageError::Unavailable("not in a browser".into()));
    }
    let reason = |e: wasm_bindgen::JsValue| StorageError::Unavailable(js_message(&e));
    web_sys::window()
        .ok_or_else(|| StorageError::Unavailable("no window".into()))?
        .local_storage()
        .map_err(reason)?
        .ok_or_else(|| StorageError::Unavailable("no localStorage".into()))
}

fn js_message(e: &wasm_bindgen::JsValue) -> String {
    super::js::error_text(e, "blocked")
}

/// The value under `key`, if any.
pub fn get(key: &str) -> Result<Option<String>, StorageError> {
    storage()?
        .get_item(key)
        .map_err(|e| StorageError::Unavailable(js_message(&e)))
}

/// Stores `value` under `key`.
pub fn set(key: &str, value: &str) -> Result<(), StorageError> {
    storage()?
        .set_item(key, value)
        .map_err(|e| StorageError::Refused(js_message(&e)))
}

/// Removes `key`.
pub fn remove(key: &str) -> Result<(), StorageError> {
    storage()?
        .remove_item(key)
        .map_err(|e| StorageError::Unavailable(js_message(&e)))
}

/// Every key under `prefix`, with its value.
pub fn entries_with_prefix(prefix: &str) -> Result<Vec<(String, String)>, StorageError> {
    let storage = storage()?;
    let n = storage
        .length()
        .map_err(|e| StorageError::Unavailable(js_message(&e)))?;
    let mut out = Vec::new();
    for i in 0..n {
        if let Ok(Some(key)) = storage.key(i) {
            if key.starts_with(prefix) {
                if let Ok(Some(value)) = storage.get_item(&key) {
                    out.push((key, value));
                }
            }
        }
    }
    Ok(out)
}

/// The start-up sweep of saved correction drafts (see [`crate::correction::stored::sweep`]):
/// once per page, when the widget starts. Storage that is missing or blocked is left alone.
pub fn sweep_drafts(now_ms: f64) {
    use crate::correction::stored::{self, Sweep};
    let Ok(entries) = entries_with_prefix(stored::DRAFT_PREFIX) else {
        return;
    };
    for step in stored::sweep(&entries, now_ms) {
        match step {
            Sweep::Remove(key) => {
                let _ = remove(&key);
            }
            Sweep::Move { from, to } => {
                if let Some((_, value)) = entries.iter().find(|(k, _)| *k == from) {
                    if set(&to, value).is_ok() {
                        let _ = remove(&from);
                    }
                }
            }
        }
    }
}
