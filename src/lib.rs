//! article-widget: an embeddable article page — article, author card, topic tags and a "Truth and
//! Accuracy" box — rendered client-side by Yew from publisher data.
//!
//! Layout: pure, host-testable logic ([`model`], [`parse`], [`text`], [`tags`], [`dates`],
//! [`i18n`], [`config`]) sits under the view layer ([`components`], [`hooks`]); browser I/O is in
//! [`services`] and the page glue (mounting, shadow roots, the JS API) in `embed` (wasm only); the correction form's on-demand bundle is `form_chunk`. `src/main.rs` is the trunk entry.
#![deny(missing_docs)]

pub mod components;
pub mod config;
pub mod correction;
pub mod dates;
pub mod error;
pub mod hooks;
pub mod i18n;
pub mod intl;
pub mod model;
pub mod parse;
pub mod services;
pub mod tags;
pub mod text;

#[cfg(all(target_arch = "wasm32", feature = "embed"))]
pub mod embed;
#[cfg(all(target_arch = "wasm32", feature = "form"))]
pub mod form_chunk;
