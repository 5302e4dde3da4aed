//! article-widget: an embeddable article page — article, author card, topic tags and a "Truth and
//! Accuracy" box — rendered client-side by Yew from publisher data.
//!
//! Layout: pure, host-testable logic ([`model`], [`parse`], [`text`], [`tags`], [`dates`],
//! [`i18n`], [`config`]) sits under the view layer ([`components`], [`hooks`]); browser I/O is in
//! [`services`] and the page glue (mounting, shadow roots, the JS API) in `embed` (wasm only). `src/main.rs` is the trunk entry.

pub mod components;
pub mod error;
pub mod hooks;
pub mod services;

// The pure layer is the core crate (crates are a DAG: the widget and the servers on aw-core,
// never the other way); re-exported under the names the widget's modules use.
pub use aw_core::{
    config, correction, dates, i18n, intl, json, locale, model, names, parse, tags, text, urls,
};

#[cfg(feature = "csr")]
pub mod bundle;
#[cfg(feature = "embed")]
pub mod embed;

/// The version of the widget's markup (a hash of the sources that shape it, from build.rs): the
/// prerendering server writes it into every prerendered widget, and the hydrating bundle hydrates
/// only markup of its own version (another release's is rendered anew).
pub const MARKUP_VERSION: &str = env!("AW_MARKUP_VERSION");
#[cfg(feature = "ssr")]
pub mod prerender;
#[cfg(feature = "ssr")]
pub use prerender::prerender;
