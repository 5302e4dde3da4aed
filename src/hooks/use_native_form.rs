//! The correction form's container in the trust box, and opening the form in it. The form is the
//! browser's own (`components::native_form`): rendered by the widget itself, or written by the
//! server into a prerendered widget and adopted as it is; either way opening it is the DOM's
//! `open` on its `<details>`, and the page's script (embed/article-widget.js,
//! article-widget-native.js) does the rest.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::native_form::NATIVE_CLASS;

/// What the trust box and the selection button share.
#[derive(Clone, PartialEq)]
pub struct NativeFormPort {
    /// The trust box's form container.
    pub container: NodeRef,
    /// Opens the form, with a selected passage as its quote.
    pub request: Callback<Option<String>>,
}

/// The port for one article view.
#[hook]
pub fn use_native_form() -> NativeFormPort {
    let container = use_node_ref();
    let request = {
        let container = container.clone();
        Callback::from(move |prefill: Option<String>| open(&container, prefill.as_deref()))
    };
    NativeFormPort { container, request }
}

/// Opens the form in `container`: the selected passage goes into an empty quote field, and
/// focus to the correction.
fn open(container: &NodeRef, prefill: Option<&str>) {
    let Some(native) = container
        .cast::<web_sys::Element>()
        .and_then(|c| c.query_selector(&format!(".{NATIVE_CLASS}")).ok().flatten())
    else {
        return;
    };
    let _ = native.set_attribute("open", "");
    let field = |name: &str| {
        native
            .query_selector(&format!("[name={name}]"))
            .ok()
            .flatten()
            .map(|e| e.unchecked_into::<web_sys::HtmlInputElement>())
    };
    if let (Some(text), Some(quote)) = (prefill, field("quote")) {
        if quote.value().trim().is_empty() {
            quote.set_value(text);
        }
    }
    if let Some(correction) = field("correction") {
        let _ = correction.focus();
    }
}
