//! Reading the page's JS objects. Shared by the widget's bundle (the JS API's config) and the
//! correction form's (its mount options).

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
