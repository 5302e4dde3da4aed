//! The JS API for single-page apps: `ArticleWidget.mount(element, config)` returns a handle with
//! `update(article)`, `setTheme(theme)`, `setLocale(locale)` and `destroy()`.
//!
//! `config` takes the `data-*` options in camelCase (`articleSrc`, `tagUrl`, `locale`, `theme`,
//! `headingLevel`, `correctionEndpoint`) plus `article`: the article itself, as an object in
//! either data format or as a JSON string. Values in `config` win over the element's attributes.

use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

use super::{mount_element, SharedInstance};
use crate::config::{js_key, ArticleSource, Theme};
use crate::services::console;

/// A mounted widget, as the page's script sees it.
#[wasm_bindgen]
pub struct WidgetHandle {
    instance: Option<SharedInstance>,
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Shows another article (an object in either format, or a JSON string).
    pub fn update(&self, article: JsValue) {
        let Some(json) = json_text(&article) else {
            console::error("ArticleWidget: update() needs an article object or a JSON string");
            return;
        };
        self.with(move |i| i.update(ArticleSource::Inline(json.into())));
    }

    /// `"light"`, `"dark"` or `"auto"`.
    #[wasm_bindgen(js_name = setTheme)]
    pub fn set_theme(&self, theme: &str) {
        match Theme::parse(theme) {
            Some(theme) => self.with(move |i| i.set_theme(theme)),
            None => console::warn(&format!(
                "article-widget: ignoring setTheme(\"{theme}\"): must be light, dark or auto"
            )),
        }
    }

    /// A BCP 47 locale, e.g. `"es"` or `"ar"`.
    #[wasm_bindgen(js_name = setLocale)]
    pub fn set_locale(&self, locale: &str) {
        if crate::locale::is_locale(locale) {
            let locale = locale.to_owned();
            self.with(move |i| i.set_locale(locale));
        } else {
            console::warn(&format!(
                "article-widget: ignoring setLocale(\"{locale}\"): not a BCP 47 language tag"
            ));
        }
    }

    /// Removes the widget and everything it set up. The handle does nothing afterwards.
    pub fn destroy(&mut self) {
        if let Some(instance) = self.instance.take() {
            run_when_free(instance, |i| i.destroy());
        }
    }
}

impl WidgetHandle {
    fn with(&self, f: impl FnOnce(&mut super::Instance) + 'static) {
        if let Some(instance) = &self.instance {
            run_when_free(instance.clone(), f);
        }
    }
}

/// Runs `f` on the instance now, or — when called from inside the widget's own event dispatch,
/// while the instance is busy — right after it.
fn run_when_free(instance: SharedInstance, f: impl FnOnce(&mut super::Instance) + 'static) {
    if let Ok(mut i) = instance.try_borrow_mut() {
        if !i.is_destroyed() {
            f(&mut i);
        }
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        if let Ok(mut i) = instance.try_borrow_mut() {
            if !i.is_destroyed() {
                f(&mut i);
            }
        }
    });
}

fn json_text(value: &JsValue) -> Option<String> {
    if let Some(s) = value.as_string() {
        return Some(s);
    }
    if value.is_object() {
        return js_sys::JSON::stringify(value)
            .ok()
            .and_then(|s| s.as_string());
    }
    None
}

/// `ArticleWidget.mount(element, config)`.
pub fn mount(element: Element, config: JsValue) -> WidgetHandle {
    let document = element
        .owner_document()
        .or_else(|| web_sys::window().and_then(|w| w.document()));
    let Some(document) = document else {
        return WidgetHandle { instance: None };
    };
    // An element the page's observer already mounted is taken over by this handle.
    if element.has_attribute(super::MOUNTED_ATTR) {
        console::warn("article-widget: element is already mounted; remount it by removing data-article-widget or call destroy() first");
        return WidgetHandle { instance: None };
    }
    let article = if config.is_object() {
        js_sys::Reflect::get(&config, &JsValue::from_str("article"))
            .ok()
            .and_then(|a| json_text(&a))
    } else {
        None
    };
    let article = article.map(|json| ArticleSource::Inline(Rc::from(json)));
    let instance = mount_element(
        &document,
        &element,
        &|name| crate::services::js::text_of(&config, &js_key(name)),
        article,
        false,
    );
    WidgetHandle { instance }
}

/// Defines `window.ArticleWidget` (replacing the loader script's queueing stand-in).
pub fn expose() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let api = js_sys::Object::new();
    let mount_fn = Closure::<dyn Fn(Element, JsValue) -> WidgetHandle>::new(mount).into_js_value();
    let _ = js_sys::Reflect::set(&api, &"mount".into(), &mount_fn);
    let _ = js_sys::Reflect::set(&api, &"ready".into(), &js_sys::Promise::resolve(&api));
    // For the benchmark: the wasm linear memory in use, in bytes.
    let stats = Closure::<dyn Fn() -> f64>::new(|| {
        wasm_bindgen::memory()
            .unchecked_into::<js_sys::WebAssembly::Memory>()
            .buffer()
            .unchecked_into::<js_sys::ArrayBuffer>()
            .byte_length()
            .into()
    })
    .into_js_value();
    let _ = js_sys::Reflect::set(&api, &"wasmMemoryBytes".into(), &stats);
    let _ = js_sys::Reflect::set(&window, &"ArticleWidget".into(), &api);
}
