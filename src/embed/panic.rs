//! What a panic shows in the widget's bundle: every widget's error box in place of its frame (the
//! page keeps its own content). The hook itself, shared with the hydrating bundle, is
//! [`crate::bundle::install_panic_hook`].

use wasm_bindgen::JsCast;
use web_sys::Element;

use super::instance::MOUNTED_ATTR;
use crate::i18n::strings_for;

/// Replaces every mounted widget's frame with its error box.
pub fn show_crash_boxes() {
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
