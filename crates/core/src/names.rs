// The names the widget's markup (written in Rust) and its shipped JavaScript (embed/*.js) share:
// one table. build.rs writes it out as embed/article-widget-names.js, the module the scripts
// import (the release build inlines it: scripts/inline-names.mjs), so renaming a name here
// renames it in the scripts; a script naming a key that is gone fails `tsc`; and
// tests/names.rs fails when the markup no longer carries a name of the table. (No inner doc
// comments: build.rs `include!`s this file.)

/// The element a publisher marks for a widget (`<div data-article-widget>`).
pub const WIDGET: &str = "data-article-widget";
/// Where a widget's article document is (`data-article-src`).
pub const ARTICLE_SRC: &str = "data-article-src";
/// When a prerendered widget hydrates (`data-hydrate`: load, visible, idle, interaction).
pub const HYDRATE: &str = "data-hydrate";
/// The prerendered frame's markup version (`data-aw-prerendered`).
pub const PRERENDERED: &str = "data-aw-prerendered";
/// Set on a prerendered widget whose hydration waits (`data-aw-deferred`).
pub const DEFERRED: &str = "data-aw-deferred";
/// Set on the native form while it is held aside during hydration (`data-aw-aside`).
pub const ASIDE: &str = "data-aw-aside";
/// A control's least characters (`data-min`).
pub const MIN: &str = "data-min";
/// A control's most characters (`data-max`).
pub const MAX: &str = "data-max";
/// The form's draft key of earlier releases (`data-legacy-draft`).
pub const LEGACY_DRAFT: &str = "data-legacy-draft";
/// How the form sends (`data-encoding="form"`; JSON otherwise).
pub const ENCODING: &str = "data-encoding";
/// Whether the form sends credentials (`data-credentials="include"`).
pub const CREDENTIALS: &str = "data-credentials";

/// The widget's frame (the element under the shadow root).
pub const FRAME: &str = "aw-frame";
/// The native correction form's `<details>`.
pub const NATIVE: &str = "aw-native";
/// The trust box's form container.
pub const TRUST_FORM: &str = "aw-trust__form";
/// One labelled field of the form.
pub const FIELD: &str = "aw-field";
/// A field's error line (written by the page's script).
pub const FIELD_ERROR: &str = "aw-field__error";
/// A field with an error.
pub const FIELD_INVALID: &str = "aw-field--invalid";
/// The form's status line.
pub const FORM_STATUS: &str = "aw-form__status";
/// The thank-you shown in place (without a fragment).
pub const THANKS_SHOWN: &str = "aw-thanks--shown";

/// The `data-` attributes of the table: (the scripts' key, the attribute).
pub const ATTRIBUTES: [(&str, &str); 11] = [
    ("widget", WIDGET),
    ("articleSrc", ARTICLE_SRC),
    ("hydrate", HYDRATE),
    ("prerendered", PRERENDERED),
    ("deferred", DEFERRED),
    ("aside", ASIDE),
    ("min", MIN),
    ("max", MAX),
    ("legacyDraft", LEGACY_DRAFT),
    ("encoding", ENCODING),
    ("credentials", CREDENTIALS),
];

/// The class names of the table: (the scripts' key, the class).
pub const CLASSES: [(&str, &str); 8] = [
    ("frame", FRAME),
    ("native", NATIVE),
    ("trustForm", TRUST_FORM),
    ("field", FIELD),
    ("fieldError", FIELD_ERROR),
    ("fieldInvalid", FIELD_INVALID),
    ("formStatus", FORM_STATUS),
    ("thanksShown", THANKS_SHOWN),
];
