//! Events to the host page: `CustomEvent`s dispatched on the mount element, `bubbles` and
//! `composed` so a listener on the element, the document or a framework root hears them.
//! On the host (render tests) there is no element and emitting does nothing.

/// Where an instance's events go: its mount element.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HostEvents {
    target: Option<web_sys::Element>,
}

impl HostEvents {
    /// Events dispatched on `element`.
    pub fn on(element: web_sys::Element) -> Self {
        HostEvents {
            target: Some(element),
        }
    }

    /// Dispatches `article-widget:<name>` with a flat string `detail`. Returns `false` when a
    /// listener called `preventDefault()` on a cancelable event.
    pub fn emit(&self, name: &str, detail: &[(&str, &str)], cancelable: bool) -> bool {
        use wasm_bindgen::JsValue;
        let Some(target) = &self.target else {
            return true;
        };
        let object = js_sys::Object::new();
        for (key, value) in detail {
            let _ =
                js_sys::Reflect::set(&object, &JsValue::from_str(key), &JsValue::from_str(value));
        }
        let init = web_sys::CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_cancelable(cancelable);
        init.set_detail(&object);
        let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(
            &format!("article-widget:{name}"),
            &init,
        ) else {
            return true;
        };
        target.dispatch_event(&event).unwrap_or(true)
    }
}
