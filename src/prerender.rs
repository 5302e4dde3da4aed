//! Server rendering as a product (feature `ssr`): an article, with the options a page would give
//! as `data-*` attributes, to the complete embed — the `<div data-article-widget …>` element with
//! a declarative shadow root (`<template shadowrootmode="open">`) holding the widget's styles and
//! markup, and the article data as an inline `<script type="application/json">` child (a source
//! the widget already reads). Pasted into any page, it shows the whole widget, styled, before
//! any script runs and without JavaScript; with the loader on the page the widget hydrates it in
//! place (markup with Yew's hydration markers, plus what hydration needs: the markup version, the
//! options it was rendered with and the strings the server decided, see `aw_core::decided`).
//!
//! Used by the `aw-render` command and the render route (`crates/render-server/`).

use std::fmt::Write;
use std::rc::Rc;

use yew::LocalServerRenderer;

use crate::components::native_form::{thanks_id, NativeForm, NativeFormProps, THANKS_SLOT};
use crate::components::{App, AppProps};
use crate::config::{ArticleSource, ConfigWarning, WidgetConfig, OPTIONS};
use crate::error::ParseError;
use crate::model::Article;
use crate::MARKUP_VERSION;

/// The embed's stylesheet: the widget's, the same the wasm carries (`style/article-widget.css`
/// and the correction form's `style/native-form.css`, minified by build.rs).
const CSS: &str = concat!(
    include_str!(concat!(env!("OUT_DIR"), "/article-widget.min.css")),
    include_str!(concat!(env!("OUT_DIR"), "/native-form.min.css")),
);

/// Only without JavaScript (inside `<noscript>`, which a browser running scripts reads as
/// text): the widget's own correction button could do nothing then, so it is not shown. With a
/// correction endpoint the native form's `<summary>` is the button anyway, with or without
/// scripts (see `components::native_form`); without one, the trust box keeps its statement and
/// policy links.
const WITHOUT_SCRIPT_CSS: &str = ".aw-trust>.aw-button{display:none}";

/// The embed's stylesheet, exactly as written into every prerendered embed.
pub fn stylesheet() -> &'static str {
    CSS
}

/// The `style-src` sources that allow the embed's two inline stylesheets under a strict Content
/// Security Policy (`style-src 'sha256-…' 'sha256-…'`): the stylesheet and the no-script rule.
/// The same for every article and option; they change only with the widget's CSS.
pub fn style_hash() -> String {
    use base64::Engine;
    use sha2::{Digest, Sha256};
    let hash = |css: &str| {
        let digest = Sha256::digest(css.as_bytes());
        format!(
            "'sha256-{}'",
            base64::engine::general_purpose::STANDARD.encode(digest)
        )
    };
    format!("{} {}", hash(CSS), hash(WITHOUT_SCRIPT_CSS))
}

/// When a prerendered widget hydrates (read by the loader's article-widget-prerendered.js).
pub const HYDRATE_ATTR: &str = crate::names::HYDRATE;
/// `data-hydrate`'s values, the default first.
pub const HYDRATE_MODES: [&str; 4] = ["idle", "visible", "interaction", "eager"];

/// Why an article could not be prerendered.
#[derive(Debug, thiserror::Error)]
pub enum PrerenderError {
    /// The article data is not usable (invalid JSON, no headline …).
    #[error(transparent)]
    Article(#[from] ParseError),
    /// An option the widget does not have.
    #[error("unknown option {0} (see docs/embedding.md, Configuration)")]
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
pub fn prerender<'a>(
    json: &str,
    options: &'a [(String, String)],
) -> Result<String, PrerenderError> {
    // One value per attribute, the last given (a browser keeps only an element's first).
    let mut attributes: Vec<(&'static str, &str)> = Vec::new();
    let mut set = |attribute: &'static str, value: &'a str| {
        attributes.retain(|(a, _)| *a != attribute);
        attributes.push((attribute, value));
    };
    for (name, value) in options {
        let attribute = if name.starts_with("data-") {
            name.clone()
        } else {
            format!("data-{name}")
        };
        if attribute == HYDRATE_ATTR {
            // The loader's option (when the widget hydrates), not the widget's.
            if !HYDRATE_MODES.contains(&value.as_str()) {
                return Err(PrerenderError::InvalidOption(ConfigWarning {
                    attribute: HYDRATE_ATTR,
                    value: value.clone(),
                    reason: "must be idle, visible, interaction or eager",
                    default: HYDRATE_MODES[0].to_owned(),
                }));
            }
            set(HYDRATE_ATTR, value.as_str());
            continue;
        }
        let option = OPTIONS
            .iter()
            .find(|o| o.attribute == attribute)
            .ok_or_else(|| PrerenderError::UnknownOption(name.clone()))?;
        if option.attribute == "data-article-src" {
            return Err(PrerenderError::Source);
        }
        set(option.attribute, value.as_str());
    }
    let lookup = |name: &str| {
        attributes
            .iter()
            .find(|(a, _)| *a == name)
            .map(|(_, v)| (*v).to_owned())
    };
    let (config, warnings) = WidgetConfig::from_attributes(&lookup, "en", 1);
    if let Some(warning) = warnings.into_iter().next() {
        return Err(PrerenderError::InvalidOption(warning));
    }
    let article = Rc::new(crate::parse::parse_str(json)?);
    // The locale is always written: the browser would otherwise take the page's, and hydration
    // needs the server's.
    if lookup("data-locale").is_none() {
        attributes.push(("data-locale", "en"));
    }
    // Dates, numbers and language names as the server wrote them: the hydrating browser reuses
    // these words rather than its own `Intl`'s, so it finds exactly this tree.
    let config = Rc::new(config);
    let (markup, decided) = aw_core::decided::record(|| {
        render_with(
            config.clone(),
            ArticleSource::Article(article.clone()),
            true,
        )
    });
    let markup = with_native_form(markup, &config, &article);

    // The options it was rendered with: the browser hydrates with exactly these (a page script
    // may have changed an attribute since; the widget applies the change after hydrating).
    let mut rendered_with = String::from("{");
    aw_core::json::members(
        &mut rendered_with,
        attributes
            .iter()
            .filter(|(a, _)| *a != HYDRATE_ATTR)
            .map(|(a, v)| (*a, *v)),
    );
    rendered_with.push('}');

    let mut out = String::from("<div data-article-widget");
    for (name, value) in &attributes {
        let _ = write!(out, " {name}=\"{}\"", escape_attribute(value));
    }
    let _ = write!(
        out,
        "><template shadowrootmode=\"open\"><style>{CSS}</style>\
         <noscript><style>{WITHOUT_SCRIPT_CSS}</style></noscript>\
         <div class=\"aw-frame\" data-aw-prerendered=\"{MARKUP_VERSION}\" data-aw-options=\"{}\" data-aw-decided=\"{}\">{markup}</div>\
         </template><script type=\"application/json\">{}</script>{}</div>",
        escape_attribute(&rendered_with),
        escape_attribute(&decided),
        script_safe(json.trim()),
        thanks(&config, &article),
    );
    Ok(out)
}

/// `markup` with the native correction form (and the slot of its thank-you) in the trust box's
/// form container, outside the components' tree: the hydrating widget takes the container's
/// children out before hydrating and puts the same nodes back (`embed::hydrate`).
fn with_native_form(markup: String, config: &Rc<WidgetConfig>, article: &Rc<Article>) -> String {
    if config.correction_endpoint.is_none() {
        return markup;
    }
    let container = format!("id=\"{}-cf\"", config.id_prefix);
    let Some(at) = markup
        .find(&container)
        .and_then(|i| markup[i..].find('>').map(|j| i + j + 1))
    else {
        return markup;
    };
    let form = futures::executor::block_on(
        LocalServerRenderer::<NativeForm>::with_props(NativeFormProps {
            config: config.clone(),
            article: article.clone(),
        })
        .hydratable(false)
        .render(),
    );
    format!(
        "{}<slot name=\"{THANKS_SLOT}\"></slot>{form}{}",
        &markup[..at],
        &markup[at..]
    )
}

/// The thank-you aw-server's `303` points at (`#aw-thanks-…`): in the page's own DOM, where a
/// fragment finds it, slotted into the trust box and shown by `:target` (no script needed).
fn thanks(config: &WidgetConfig, article: &Article) -> String {
    if config.correction_endpoint.is_none() {
        return String::new();
    }
    let s = crate::i18n::form_strings_for(&config.locale);
    format!(
        "<p id=\"{}\" slot=\"{THANKS_SLOT}\" class=\"aw-thanks\" hidden><strong>{}</strong><br>{}</p>",
        thanks_id(article),
        escape_text(s.thanks),
        escape_text(s.thanks_text)
    )
}

/// The widget's markup alone for `source` (what the shadow root holds), without hydration
/// markers: static HTML (the benchmark's static twin, the render tests).
pub fn render(config: WidgetConfig, source: ArticleSource) -> String {
    render_with(Rc::new(config), source, false)
}

fn render_with(config: Rc<WidgetConfig>, source: ArticleSource, hydratable: bool) -> String {
    let props = AppProps {
        config,
        source,
        events: Default::default(),
        native_form: false,
    };
    futures::executor::block_on(
        LocalServerRenderer::<App>::with_props(props)
            .hydratable(hydratable)
            .render(),
    )
}

fn escape_text(value: &str) -> String {
    value
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
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
