//! Panics cannot unwind in wasm: the instance traps. The hook logs the cause, replaces every
//! widget with its error box (the page keeps its own content), and `services::js::guard_page`
//! keeps the resulting `WebAssembly.RuntimeError` from surfacing as an unhandled error of the host
//! page.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Once;

use wasm_bindgen::JsCast;
use web_sys::Element;

use super::instance::MOUNTED_ATTR;
use crate::i18n::strings_for;
use crate::services::console;

/// Set once a panic happened: the wasm instance can no longer be trusted.
static POISONED: AtomicBool = AtomicBool::new(false);

/// Installs the hook and the listener (once).
pub fn install() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // Through Yew, or its renderer replaces the hook with its own on the first render.
        yew::set_custom_panic_hook(Box::new(|info| {
            POISONED.store(true, Ordering::SeqCst);
            console::error(&format!("internal error, the widget has stopped: {info}"));
            show_crash_boxes();
        }));
        crate::services::js::guard_page(&POISONED);
    });
}

fn show_crash_boxes() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(nodes) = document.query_selector_all(&format!("[{MOUNTED_ATTR}]")) else {
        return;
    };
    for i in 0..nodes.length() {
        let Some(element) = nodes.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let s = strings_for(&element.get_attribute(MOUNTED_ATTR).unwrap_or_default());
        let make = |tag: &str, class: &str, text: Option<&str>| {
            let el = document.create_element(tag).ok()?;
            el.set_class_name(class);
            el.set_text_content(text);
            Some(el)
        };
        let (Some(root), Some(alert), Some(title), Some(message)) = (
            make("div", "aw", None),
            make("div", "aw-error", None),
            make("p", "aw-error__title", Some(s.error_heading)),
            make("p", "aw-error__message", Some(s.error_invalid)),
        ) else {
            continue;
        };
        let _ = alert.set_attribute("role", "alert");
        let _ = alert.append_child(&title);
        let _ = alert.append_child(&message);
        let _ = root.append_child(&alert);
        let frame = match element.shadow_root() {
            Some(shadow) => shadow.query_selector(".aw-frame").ok().flatten(),
            None => element.query_selector(":scope > .aw-frame").ok().flatten(),
        };
        if let Some(frame) = frame {
            frame.set_text_content(None);
            let _ = frame.append_child(&root);
        }
    }
}
