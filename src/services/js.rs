//! Reading the page's JS objects and guarding the page from our traps. Shared by the widget's
//! bundle (the JS API's config) and the correction form's (its mount options, its panic hook).

use std::sync::atomic::{AtomicBool, Ordering};

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// What a thrown JS value says: an `Error`'s message, a thrown string as it is, else
/// `fallback`. The one reader of JS errors for every service's typed error.
pub fn error_text(e: &JsValue, fallback: &str) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| fallback.to_owned())
}

/// `object[key]` as text: strings as they are, booleans as `true`/`false`, numbers as JS prints
/// them (`headingLevel: 2` → `"2"`, without Rust's float formatter in the bundle).
pub fn text_of(object: &JsValue, key: &str) -> Option<String> {
    let value = js_sys::Reflect::get(object, &JsValue::from_str(key)).ok()?;
    value
        .as_string()
        .or_else(|| {
            value
                .as_bool()
                .map(|b| if b { "true" } else { "false" }.to_owned())
        })
        .or_else(|| {
            value.as_f64()?;
            js_sys::Number::from(value)
                .to_string_with_radix(10)
                .ok()
                .map(String::from)
        })
}

/// A panic traps the wasm instance, which surfaces as a `WebAssembly.RuntimeError` on the
/// page. Once `poisoned` is set (by the bundle's panic hook, after it has logged the cause and
/// told the reader), a window `error` listener keeps that error from becoming the host page's
/// unhandled error. Installed once per bundle; lives as long as the page.
pub fn guard_page(poisoned: &'static AtomicBool) {
    let listener =
        Closure::<dyn Fn(web_sys::ErrorEvent)>::new(move |event: web_sys::ErrorEvent| {
            if poisoned.load(Ordering::SeqCst)
                && event
                    .error()
                    .is_instance_of::<js_sys::WebAssembly::RuntimeError>()
            {
                event.prevent_default();
                event.stop_immediate_propagation();
            }
        });
    if let Some(window) = web_sys::window() {
        let _ = window.add_event_listener_with_callback("error", listener.as_ref().unchecked_ref());
    }
    listener.forget();
}
