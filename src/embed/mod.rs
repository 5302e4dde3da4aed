//! Browser glue: mounts every `[data-article-widget]` on the page and any added later, tears an
//! instance down when its element leaves the page, exposes the `window.ArticleWidget` JS API, and
//! installs the panic hook. Each instance is independent; the only page-wide state is the
//! observer's list of the instances it mounted.

pub mod api;
#[cfg(feature = "hydration")]
mod hydrate;
mod instance;
mod panic;
mod style;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, MutationObserver, MutationObserverInit, MutationRecord};

pub use instance::{Instance, SharedInstance, MOUNTED_ATTR};

use crate::config::{ArticleSource, WidgetConfig};
use crate::parse;
use crate::services::console;

/// Selects the mount points.
pub const SELECTOR: &str = "[data-article-widget]";
/// The inline data a mount element may carry.
const INLINE_SELECTOR: &str =
    ":scope > script[type=\"application/json\"], :scope > script[type=\"application/ld+json\"]";

type Mounted = Rc<RefCell<Vec<SharedInstance>>>;

thread_local! {
    // Numbers instances for their element ids (an id generator, not instance state).
    static NEXT_INSTANCE: Cell<u32> = const { Cell::new(1) };
    // The instances the page's start and observer mounted (torn down when their element goes).
    static MOUNTED: Mounted = Mounted::default();
}

/// The next instance number.
pub fn next_instance() -> u32 {
    NEXT_INSTANCE.with(|n| n.replace(n.get() + 1))
}

/// Starts the widget on this page: the panic hook, the JS API, every widget present now and
/// every one added later.
pub fn start() {
    crate::bundle::install_panic_hook("the widget", panic::show_crash_boxes);
    api::expose();
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let mounted = MOUNTED.with(Rc::clone);
    mount_within(&document, document.document_element().as_ref(), &mounted);
    observe(&document, mounted);
}

/// Mounts the widgets at or under `root` that are not mounted yet.
fn mount_within(document: &Document, root: Option<&Element>, mounted: &Mounted) {
    let Some(root) = root else { return };
    let mut found = Vec::new();
    if root.matches(SELECTOR).unwrap_or(false) {
        found.push(root.clone());
    }
    if let Ok(nodes) = root.query_selector_all(SELECTOR) {
        for i in 0..nodes.length() {
            if let Some(el) = nodes.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                found.push(el);
            }
        }
    }
    for element in found {
        if element.has_attribute(MOUNTED_ATTR) {
            continue;
        }
        #[cfg(feature = "hydration")]
        if element.has_attribute(hydrate::DEFERRED_ATTR) {
            continue;
        }
        if let Some(instance) = mount_element(document, &element, &|_| None, None, true) {
            mounted.borrow_mut().push(instance);
        }
    }
}

/// Watches the page: new widgets are mounted, removed ones torn down.
fn observe(document: &Document, mounted: Mounted) {
    let doc = document.clone();
    let callback = Closure::<dyn FnMut(js_sys::Array, MutationObserver)>::new(
        move |records: js_sys::Array, _: MutationObserver| {
            let mut removed = false;
            for record in records
                .iter()
                .filter_map(|r| r.dyn_into::<MutationRecord>().ok())
            {
                removed |= record.removed_nodes().length() > 0;
                let added = record.added_nodes();
                for i in 0..added.length() {
                    if let Some(el) = added.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                        mount_within(&doc, Some(&el), &mounted);
                    }
                }
            }
            if removed {
                mounted.borrow_mut().retain(|instance| {
                    let Ok(mut instance) = instance.try_borrow_mut() else {
                        return true;
                    };
                    if instance.element().is_connected() {
                        return true;
                    }
                    instance.destroy();
                    false
                });
            }
        },
    );
    let Ok(observer) = MutationObserver::new(callback.as_ref().unchecked_ref()) else {
        return;
    };
    let init = MutationObserverInit::new();
    init.set_child_list(true);
    init.set_subtree(true);
    if let Some(root) = document.document_element() {
        let _ = observer.observe_with_options(&root, &init);
    }
    // Page-lifetime observer: it and its callback live as long as the document.
    callback.forget();
}

/// Reads an element's configuration (`override_attr` first: the JS API's config object) and its
/// article source (unless `article` is given), and mounts it. `lazy` defers rendering until the
/// element nears the viewport.
pub fn mount_element(
    document: &Document,
    element: &Element,
    override_attr: &dyn Fn(&str) -> Option<String>,
    article: Option<ArticleSource>,
    lazy: bool,
) -> Option<SharedInstance> {
    #[cfg(feature = "hydration")]
    let prerendered = hydrate::prerendered_frame(element);
    #[cfg(not(feature = "hydration"))]
    let prerendered = None::<Element>;
    let (config, warnings) = WidgetConfig::from_attributes(
        &|name| override_attr(name).or_else(|| element.get_attribute(name)),
        &page_locale(document),
        // A prerendered widget keeps the server's element ids (it always numbers its one widget 1;
        // each widget's ids live in its own shadow root).
        if prerendered.is_some() {
            1
        } else {
            next_instance()
        },
    );
    for warning in &warnings {
        console::warn(&warning.to_string());
    }
    let source = article.unwrap_or_else(|| source_for(document, element, &config));
    #[cfg(feature = "hydration")]
    if let Some(frame) = &prerendered {
        if hydrate::hydratable(frame, &config, &source) {
            return Instance::hydrate(element, frame.clone(), config, source);
        }
    }
    let lazy = lazy && !config.eager && prerendered.is_none();
    Instance::mount(element, config, source, lazy)
}

/// Inline child, else `data-article-src`, else the page's own JSON-LD article (zero-config on a
/// WordPress/Yoast page), else nothing.
fn source_for(document: &Document, element: &Element, config: &WidgetConfig) -> ArticleSource {
    if let Some(json) = inline_data(element) {
        return ArticleSource::Inline(json.into());
    }
    if let Some(url) = &config.src {
        return ArticleSource::Url(url.clone());
    }
    match page_article(document) {
        Some(article) => ArticleSource::Article(Rc::new(article)),
        None => ArticleSource::Missing,
    }
}

fn inline_data(element: &Element) -> Option<String> {
    element
        .query_selector(INLINE_SELECTOR)
        .ok()
        .flatten()
        .and_then(|script| script.text_content())
        .filter(|text| !text.trim().is_empty())
}

/// The first JSON-LD block on the page (outside any widget) that holds an article.
fn page_article(document: &Document) -> Option<crate::model::Article> {
    let scripts = document
        .query_selector_all("script[type=\"application/ld+json\"]")
        .ok()?;
    (0..scripts.length())
        .filter_map(|i| scripts.item(i).and_then(|n| n.dyn_into::<Element>().ok()))
        .filter(|s| s.closest(SELECTOR).ok().flatten().is_none())
        .filter_map(|s| s.text_content())
        .find_map(|json| parse::parse_str(&json).ok())
}

/// The page's `<html lang>`, else the browser's language.
fn page_locale(document: &Document) -> String {
    let html_lang = document
        .document_element()
        .and_then(|e| e.get_attribute("lang"))
        .filter(|l| !l.trim().is_empty());
    html_lang
        .or_else(|| web_sys::window().and_then(|w| w.navigator().language()))
        .unwrap_or_else(|| "en".to_owned())
}
