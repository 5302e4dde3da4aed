//! Loading the correction form's bundle on demand. The loader script (article-widget.js) puts an
//! import function on `window[Symbol.for("article-widget.form")]` that resolves the bundle next to
//! itself and caches the promise; this module calls it, then mounts and drives the form through
//! the bundle's exports (`mount_form`, and the handle's `open`/`close`/`destroy`).

use wasm_bindgen::{JsCast, JsValue};

use crate::error::FormLoadError;

fn loader() -> Result<js_sys::Function, FormLoadError> {
    let window = web_sys::window().ok_or(FormLoadError::NoLoader)?;
    js_sys::Reflect::get(&window, &js_sys::Symbol::for_("article-widget.form"))
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or(FormLoadError::NoLoader)
}

fn message(e: &JsValue) -> String {
    super::js::error_text(e, "unknown error")
}

/// Starts downloading the bundle (hover, focus, a selection): opening is then instant.
pub fn prefetch() {
    if let Ok(load) = loader() {
        let _ = load.call1(&JsValue::NULL, &JsValue::TRUE);
    }
}

/// The bundle's module, loaded and started.
pub async fn load() -> Result<JsValue, FormLoadError> {
    let promise: js_sys::Promise = loader()?
        .call0(&JsValue::NULL)
        .map_err(|e| FormLoadError::Failed(message(&e)))?
        .dyn_into()
        .map_err(|_| FormLoadError::Failed("the loader did not return a promise".into()))?;
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map_err(|e| FormLoadError::Failed(message(&e)))
}

/// Calls `target.name(args…)`.
pub fn call(target: &JsValue, name: &str, args: &[JsValue]) -> Result<JsValue, FormLoadError> {
    let f: js_sys::Function = js_sys::Reflect::get(target, &JsValue::from_str(name))
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or_else(|| FormLoadError::Failed(format!("the form bundle has no {name}")))?;
    f.apply(target, &args.iter().collect::<js_sys::Array>())
        .map_err(|e| FormLoadError::Failed(message(&e)))
}
