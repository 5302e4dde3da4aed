//! Browser glue: finds the `[data-article-widget]` elements, reads each one's configuration and
//! article source, and starts an independent Yew app inside it. Also installs the panic hook that
//! keeps an internal bug from turning into an unhandled error on the publisher's page.

use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Once;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, ErrorEvent};

use crate::components::{App, AppProps};
use crate::config::{ArticleSource, WidgetConfig};
use crate::i18n::strings_for;
use crate::services::console;

/// Selects the mount points.
pub const SELECTOR: &str = "[data-article-widget]";
/// Set on a mount element once it is mounted (and read by the panic hook).
const MOUNTED_ATTR: &str = "data-aw-mounted";
/// The inline data a mount element may carry.
const INLINE_SELECTOR: &str =
    ":scope > script[type=\"application/json\"], :scope > script[type=\"application/ld+json\"]";

/// Set once a panic happened: the wasm instance can no longer be trusted.
static POISONED: AtomicBool = AtomicBool::new(false);

/// Mounts every widget on the page that is not mounted yet.
pub fn mount_all() {
    install_panic_hook();
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(nodes) = document.query_selector_all(SELECTOR) else {
        return;
    };
    let mut instance = 0u32;
    for i in 0..nodes.length() {
        let Some(element) = nodes.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        instance += 1;
        if !element.has_attribute(MOUNTED_ATTR) {
            mount(&element, instance);
        }
    }
}

/// Mounts one widget into `element`; `instance` makes its element ids unique on the page.
pub fn mount(element: &Element, instance: u32) {
    let (config, warnings) =
        WidgetConfig::from_attributes(|name| element.get_attribute(name), &page_locale(), instance);
    for warning in &warnings {
        console::warn(&warning.to_string());
    }
    let source = match inline_data(element) {
        Some(json) => ArticleSource::Inline(json.into()),
        None => match &config.src {
            Some(url) => ArticleSource::Url(url.clone()),
            None => ArticleSource::Missing,
        },
    };
    let _ = element.set_attribute(MOUNTED_ATTR, &config.locale);
    let Some(root) = element
        .owner_document()
        .and_then(|d| d.create_element("div").ok())
    else {
        return;
    };
    let _ = root.set_attribute("class", "aw-mount");
    if element.append_child(&root).is_err() {
        return;
    }
    let props = AppProps {
        config: Rc::new(config),
        source,
    };
    yew::Renderer::<App>::with_root_and_props(root, props).render();
}

fn inline_data(element: &Element) -> Option<String> {
    element
        .query_selector(INLINE_SELECTOR)
        .ok()
        .flatten()
        .and_then(|script| script.text_content())
        .filter(|text| !text.trim().is_empty())
}

/// The page's `<html lang>`, else the browser's language.
fn page_locale() -> String {
    let window = web_sys::window();
    let html_lang = window
        .as_ref()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.get_attribute("lang"))
        .filter(|l| !l.trim().is_empty());
    html_lang
        .or_else(|| window.and_then(|w| w.navigator().language()))
        .unwrap_or_else(|| "en".to_owned())
}

/// Panics cannot unwind in wasm: the instance traps. The hook logs the cause, replaces every
/// widget with its error box (the page keeps its own content), and a window `error` listener
/// swallows the resulting `WebAssembly.RuntimeError` so it does not surface as an unhandled error
/// of the host page.
fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // Through Yew, or its renderer replaces the hook with its own on the first render.
        yew::set_custom_panic_hook(Box::new(|info| {
            POISONED.store(true, Ordering::SeqCst);
            console::error(&format!("internal error, the widget has stopped: {info}"));
            show_crash_boxes();
        }));
        let listener = Closure::<dyn Fn(ErrorEvent)>::new(|event: ErrorEvent| {
            let ours = event
                .error()
                .is_instance_of::<js_sys::WebAssembly::RuntimeError>();
            if POISONED.load(Ordering::SeqCst) && ours {
                event.prevent_default();
                event.stop_immediate_propagation();
            }
        });
        if let Some(window) = web_sys::window() {
            let _ =
                window.add_event_listener_with_callback("error", listener.as_ref().unchecked_ref());
        }
        // The listener lives as long as the page.
        listener.forget();
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
        if let Ok(Some(mount)) = element.query_selector(":scope > .aw-mount") {
            mount.set_text_content(None);
            let _ = mount.append_child(&root);
        }
    }
}
