//! Prerendered widgets (the hydrating bundle only): the loader marks each one it schedules with
//! [`DEFERRED_ATTR`] (`data-hydrate`: idle, visible, interaction or eager) and calls [`hydrate`]
//! when it is due; the page's start leaves marked ones alone until then.

use wasm_bindgen::prelude::*;
use web_sys::Element;

use crate::config::{ArticleSource, WidgetConfig};

/// Set by the loader on a prerendered widget it will hydrate later.
pub const DEFERRED_ATTR: &str = crate::names::DEFERRED;

/// Hydrates a prerendered widget the loader scheduled, now that it is due (markup from another
/// release of the widget is rendered anew instead).
#[wasm_bindgen]
pub fn hydrate(element: Element) {
    let _ = element.remove_attribute(DEFERRED_ATTR);
    if let Some(document) = element.owner_document() {
        let mounted = super::MOUNTED.with(std::rc::Rc::clone);
        super::mount_within(&document, Some(&element), &mounted);
    }
}

/// The prerendered frame in `element`'s (declarative) shadow root, if a server rendered one.
pub fn prerendered_frame(element: &Element) -> Option<Element> {
    element
        .shadow_root()?
        .query_selector(".aw-frame[data-aw-prerendered]")
        .ok()
        .flatten()
}

/// Whether this bundle can hydrate `frame` as `config` would render it: markup of its own
/// version, with the article inline (the data the server rendered), rendered with the options the
/// element has now. If so, the server's decided strings are installed. Otherwise (a page script
/// changed an option after the server rendered, or another release rendered it) the widget is
/// rendered anew: hydrating a different tree would fail.
pub fn hydratable(frame: &Element, config: &WidgetConfig, source: &ArticleSource) -> bool {
    let same = frame.get_attribute("data-aw-prerendered").as_deref() == Some(crate::MARKUP_VERSION);
    if !(same && matches!(source, ArticleSource::Inline(_))) {
        return false;
    }
    let Some(options) = frame
        .get_attribute("data-aw-options")
        .and_then(|json| crate::json::decode(&json).ok())
    else {
        return false;
    };
    let lookup = |name: &str| options.get(name)?.as_str().map(str::to_owned);
    if WidgetConfig::from_attributes(&lookup, "en", 1).0 != *config {
        return false;
    }
    if let Some(decided) = frame.get_attribute("data-aw-decided") {
        let _ = aw_core::decided::install(&decided);
    }
    true
}
