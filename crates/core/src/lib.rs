//! aw-core: article-widget's pure logic — the data model, the two parsers (the widget's JSON and
//! schema.org JSON-LD), configuration, the reader-facing strings, and the correction form's rules
//! (draft, payload, answers, retries, the state machine, the saved draft). It knows nothing of
//! Yew or the DOM: the widget crate renders and does I/O on top of it, and the servers use it
//! without pulling in either. Its few reaches into the JavaScript engine are in [`seams`], each
//! with a host fallback, so everything here is tested on the host with no feature flags.

pub mod config;
pub mod correction;
pub mod dates;
pub mod decided;
pub mod dom;
pub mod error;
pub mod html;
pub mod i18n;
pub mod intl;
pub mod json;
pub mod locale;
pub mod model;
/// The class names and `data-` attributes the widget's markup and its shipped JavaScript share,
/// in one table (written out for the scripts by build.rs as `embed/article-widget-names.js`).
pub mod names;
pub mod parse;
pub mod seams;
pub mod tags;
pub mod text;
pub mod urls;
