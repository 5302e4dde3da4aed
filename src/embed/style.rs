//! The widget's stylesheet, compiled into the wasm and adopted by every shadow root as one
//! constructable stylesheet: no `<link>` to load, nothing inline for a strict CSP to block, and
//! one parsed copy however many widgets the page has.

use std::cell::OnceCell;

use wasm_bindgen::JsValue;
use web_sys::{CssStyleSheet, ShadowRoot};

/// `style/article-widget.css`, minified by `build.rs`.
pub const CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/article-widget.min.css"));

thread_local! {
    // The parsed sheet, shared read-only by every instance (created on first use).
    static SHEET: OnceCell<Option<CssStyleSheet>> = const { OnceCell::new() };
}

fn sheet() -> Option<CssStyleSheet> {
    SHEET.with(|cell| {
        cell.get_or_init(|| {
            let sheet = CssStyleSheet::new().ok()?;
            sheet.replace_sync(CSS).ok()?;
            Some(sheet)
        })
        .clone()
    })
}

/// Gives `root` the widget's styles: the shared constructable sheet, or a `<style>` element in
/// browsers without constructable stylesheets.
pub fn adopt(root: &ShadowRoot) {
    if let Some(sheet) = sheet() {
        let sheets = js_sys::Array::of1(&sheet);
        if js_sys::Reflect::set(root, &JsValue::from_str("adoptedStyleSheets"), &sheets)
            .unwrap_or(false)
        {
            return;
        }
    }
    let style = root
        .owner_document()
        .and_then(|d| d.create_element("style").ok());
    if let Some(style) = style {
        style.set_text_content(Some(CSS));
        let _ = root.append_child(&style);
    }
}

/// Removes the styles again (on destroy).
pub fn release(root: &ShadowRoot) {
    let _ = js_sys::Reflect::set(
        root,
        &JsValue::from_str("adoptedStyleSheets"),
        &js_sys::Array::new(),
    );
}
