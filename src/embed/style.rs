//! The widget's stylesheet, adopted by every widget's shadow root as one constructable
//! stylesheet ([`crate::bundle::Stylesheet`]).

use web_sys::ShadowRoot;

use crate::bundle::Stylesheet;

/// `style/article-widget.css` and the correction form's `style/native-form.css`, minified by
/// `build.rs`.
pub const CSS: &str = concat!(
    include_str!(concat!(env!("OUT_DIR"), "/article-widget.min.css")),
    include_str!(concat!(env!("OUT_DIR"), "/native-form.min.css")),
);

thread_local! {
    // Shared read-only by every instance.
    static SHEET: Stylesheet = const { Stylesheet::new(CSS) };
}

/// Gives `root` the widget's styles, as its only adopted sheet (a `<style>` element appended to
/// it in browsers without constructable stylesheets).
pub fn adopt(root: &ShadowRoot) {
    SHEET.with(|sheet| {
        sheet.adopt(root, |style| {
            let _ = root.append_child(style);
        })
    });
}

/// Removes the styles again (on destroy).
pub fn release(root: &ShadowRoot) {
    crate::bundle::release(root);
}
