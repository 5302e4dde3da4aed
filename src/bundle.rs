//! What both browser bundles (the widget's and the hydrating one) do the same way: the panic hook
//! and the stylesheet. Each bundle is its own wasm instance, with its own hook, poisoned flag and
//! parsed sheet (a page loads one of them).

use std::cell::OnceCell;
use std::sync::atomic::{AtomicBool, Ordering};

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CssStyleSheet, Element, Node};

use crate::services::console;

/// Set once this bundle panicked: its wasm instance can no longer be trusted.
static POISONED: AtomicBool = AtomicBool::new(false);

/// Installs the bundle's panic hook (once; later calls do nothing). Panics cannot unwind in
/// wasm: the instance traps. The hook logs the cause (`internal error, {what} has stopped: …`),
/// then `show` puts the bundle's message in place of its UI (the page keeps its own content),
/// and a window `error` listener keeps the resulting `WebAssembly.RuntimeError` from surfacing
/// as the host page's unhandled error.
pub fn install_panic_hook(what: &'static str, show: fn()) {
    static INSTALLED: AtomicBool = AtomicBool::new(false);
    if INSTALLED.swap(true, Ordering::SeqCst) {
        return;
    }
    // Through Yew, or its renderer replaces the hook with its own on the first render.
    yew::set_custom_panic_hook(Box::new(move |info| {
        POISONED.store(true, Ordering::SeqCst);
        console::error(&format!("internal error, {what} has stopped: {info}"));
        show();
    }));
    let listener =
        Closure::<dyn Fn(web_sys::ErrorEvent)>::new(move |event: web_sys::ErrorEvent| {
            if POISONED.load(Ordering::SeqCst)
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
    // Lives as long as the page.
    listener.forget();
}

/// A bundle's stylesheet (its minified CSS, compiled into the wasm), parsed on first use into
/// one constructable stylesheet that every shadow root showing the bundle's UI adopts: no
/// `<link>` to load, nothing inline for a strict CSP to block, and one parsed copy however many
/// widgets the page has. Held in a `thread_local!` by its bundle.
pub struct Stylesheet {
    css: &'static str,
    parsed: OnceCell<Option<CssStyleSheet>>,
}

impl Stylesheet {
    /// The sheet for `css` (parsed when first adopted).
    pub const fn new(css: &'static str) -> Self {
        Stylesheet {
            css,
            parsed: OnceCell::new(),
        }
    }

    /// Makes the sheet `root`'s only adopted stylesheet (`root` is a shadow root, or the document
    /// for a widget that could not have one). Where constructable stylesheets are missing, a
    /// `<style>` element with the CSS goes where `place` puts it.
    pub fn adopt(&self, root: &Node, place: impl FnOnce(&Element)) {
        let key = JsValue::from_str("adoptedStyleSheets");
        let parsed = self.parsed.get_or_init(|| {
            let sheet = CssStyleSheet::new().ok()?;
            sheet.replace_sync(self.css).ok()?;
            Some(sheet)
        });
        if let Some(sheet) = parsed {
            let sheets = js_sys::Array::of1(sheet);
            if js_sys::Reflect::set(root, &key, &sheets).unwrap_or(false) {
                return;
            }
        }
        let style = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.create_element("style").ok());
        if let Some(style) = style {
            style.set_text_content(Some(self.css));
            place(&style);
        }
    }
}

/// Removes every adopted stylesheet from `root` again (a widget's teardown).
pub fn release(root: &Node) {
    let _ = js_sys::Reflect::set(
        root,
        &JsValue::from_str("adoptedStyleSheets"),
        &js_sys::Array::new(),
    );
}
