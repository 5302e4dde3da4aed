//! Server rendering as a product (feature `ssr`): an article, with the options a page would give
//! as `data-*` attributes, to the complete embed — the `<div data-article-widget …>` element with
//! a declarative shadow root (`<template shadowrootmode="open">`) holding the widget's styles and
//! markup, and the article data as an inline `<script type="application/json">` child (a source
//! the widget already reads). Pasted into any page, it shows the whole widget, styled, before
//! any script runs and without JavaScript; with the loader on the page the widget then starts
//! from the inline data.
//!
//! Used by the `aw-render` command and the render route (`render-server/`).

use std::fmt::Write;
use std::rc::Rc;

use yew::LocalServerRenderer;

use crate::components::{App, AppProps};
use crate::config::{ArticleSource, ConfigWarning, WidgetConfig, OPTIONS};
use crate::error::ParseError;

/// The widget's stylesheet (minified by build.rs, the same the wasm carries).
const CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/article-widget.min.css"));

/// Only in the prerendered markup: without JavaScript the correction button could do nothing,
/// so it is not shown (the trust box keeps its statement and policy links). The widget, once
/// running, replaces this stylesheet with its own.
const WITHOUT_SCRIPT_CSS: &str = ".aw-trust>.aw-button{display:none}";

/// The embed's one inline stylesheet, exactly as written into every prerendered embed.
pub fn stylesheet() -> String {
    format!("{CSS}{WITHOUT_SCRIPT_CSS}")
}

/// The `style-src` source that allows the embed's stylesheet under a strict Content Security
/// Policy (`style-src 'sha256-…'`): the same for every article and option, it changes only
/// with the widget's CSS.
pub fn style_hash() -> String {
    use base64::Engine;
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(stylesheet().as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// Why an article could not be prerendered.
#[derive(Debug, thiserror::Error)]
pub enum PrerenderError {
    /// The article data is not usable (invalid JSON, no headline …).
    #[error(transparent)]
    Article(#[from] ParseError),
    /// An option the widget does not have.
    #[error("unknown option {0} (see README, Configuration)")]
    UnknownOption(String),
    /// An option with a value the widget would ignore.
    #[error("{0}")]
    InvalidOption(ConfigWarning),
    /// `data-article-src`: prerendering takes the article itself.
    #[error("data-article-src cannot be prerendered: give the article data itself")]
    Source,
}

/// Prerenders `json` (the widget's JSON document or schema.org JSON-LD) with `options`, each an
/// attribute name (`data-locale`, or `locale`) and its value.
pub fn prerender(json: &str, options: &[(String, String)]) -> Result<String, PrerenderError> {
    let mut attributes: Vec<(&'static str, &str)> = Vec::new();
    for (name, value) in options {
        let attribute = if name.starts_with("data-") {
            name.clone()
        } else {
            format!("data-{name}")
        };
        let option = OPTIONS
            .iter()
            .find(|o| o.attribute == attribute)
            .ok_or_else(|| PrerenderError::UnknownOption(name.clone()))?;
        if option.attribute == "data-article-src" {
            return Err(PrerenderError::Source);
        }
        attributes.push((option.attribute, value.as_str()));
    }
    let lookup = |name: &str| {
        attributes
            .iter()
            .rev()
            .find(|(a, _)| *a == name)
            .map(|(_, v)| (*v).to_owned())
    };
    let (config, warnings) = WidgetConfig::from_attributes(&lookup, "en", 1);
    if let Some(warning) = warnings.into_iter().next() {
        return Err(PrerenderError::InvalidOption(warning));
    }
    let article = crate::parse::parse_str(json)?;
    let markup = render(config, ArticleSource::Article(Rc::new(article)));

    let mut out = String::from("<div data-article-widget");
    for (name, value) in &attributes {
        let _ = write!(out, " {name}=\"{}\"", escape_attribute(value));
    }
    let _ = write!(
        out,
        "><template shadowrootmode=\"open\"><style>{}</style>\
         <div class=\"aw-frame\">{markup}</div></template>\
         <script type=\"application/json\">{}</script></div>",
        stylesheet(),
        script_safe(json.trim())
    );
    Ok(out)
}

/// The widget's markup alone for `source` (what the shadow root holds).
pub fn render(config: WidgetConfig, source: ArticleSource) -> String {
    let props = AppProps {
        config: Rc::new(config),
        source,
        events: Default::default(),
    };
    futures::executor::block_on(
        LocalServerRenderer::<App>::with_props(props)
            .hydratable(false)
            .render(),
    )
}

fn escape_attribute(value: &str) -> String {
    value
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// JSON that cannot end its `<script>` element: every `<` (only ever inside a JSON string in
/// valid JSON) written as `\u003c`, which JSON reads back as the same character.
fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_safe_json_reads_back_the_same() {
        let json = r#"{"headline":"</script><script>alert(1)</script><!--"}"#;
        let safe = script_safe(json);
        assert!(!safe.contains('<'));
        let a: serde_json::Value = serde_json::from_str(json).unwrap();
        let b: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(a, b);
    }
}
