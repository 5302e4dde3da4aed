//! The correction form's own bundle (`article-widget-form.js` + `_bg.wasm`), loaded only when a
//! reader opens the form: the widget every page view pays for stays small, and the form, its
//! state machine, storage and sending arrive on demand. When started, the bundle puts its API on
//! `window[Symbol.for("article-widget.form-api")]` (as the core puts `window.ArticleWidget`); the
//! core widget mounts the form into a container inside its shadow root (so the widget's
//! stylesheet styles it) through [`mount_form`], and drives it through the returned [`FormHandle`].

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::AppHandle;

use crate::bundle::{install_panic_hook, Stylesheet};
use crate::components::{FormRoot, FormRootProps};
use crate::config::{js_key, WidgetConfig};
use crate::model::Article;
use crate::services::event_boundary::EventBoundary;
use crate::services::events::HostEvents;
use crate::services::js::text_of;
use crate::urls::safe_url;

/// A mounted correction form.
#[wasm_bindgen]
pub struct FormHandle {
    app: Option<AppHandle<FormRoot>>,
    /// Keeps the widget's Yew out of the form's events (see `services::event_boundary`).
    boundary: Option<EventBoundary>,
    props: FormRootProps,
    container: Element,
}

/// `style/correction-form.css`, minified by `build.rs`.
const CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/correction-form.min.css"));

thread_local! {
    // The form's stylesheet, adopted next to the widget's by every form's shadow root.
    static SHEET: Stylesheet = const { Stylesheet::new(CSS) };
    // Mounted forms (container, locale), for the panic message.
    static MOUNTED: RefCell<Vec<(Element, String)>> = const { RefCell::new(Vec::new()) };
}

/// What a panic in the form shows (its wasm instance traps; the widget's own bundle is
/// unaffected): in each form's place, that the reader's text is kept (the draft was saved as
/// they typed).
fn show_crashed() {
    MOUNTED.with(|m| {
        for (container, locale) in m.borrow().iter() {
            let s = crate::i18n::form_strings_for(locale);
            let Some(p) = container
                .owner_document()
                .and_then(|d| d.create_element("p").ok())
            else {
                continue;
            };
            p.set_class_name("aw-form__failed");
            let _ = p.set_attribute("role", "alert");
            p.set_text_content(Some(s.crashed));
            container.set_text_content(None);
            let _ = container.append_child(&p);
        }
    });
}

/// Starts the bundle: publishes `{ mount_form }` for the core widget.
pub fn start() {
    let Some(window) = web_sys::window() else {
        return;
    };
    install_panic_hook("the correction form", show_crashed);
    let api = js_sys::Object::new();
    let mount =
        Closure::<dyn Fn(Element, Element, JsValue) -> FormHandle>::new(mount_form).into_js_value();
    let _ = js_sys::Reflect::set(&api, &"mount_form".into(), &mount);
    let _ = js_sys::Reflect::set(
        &window,
        &js_sys::Symbol::for_("article-widget.form-api"),
        &api,
    );
}

/// Mounts the form into `container` (inside the widget's shadow root). `host` is the widget's
/// mount element (events are dispatched on it); `options` carries the widget's configuration in
/// the JS API's camelCase keys plus `idPrefix`, `articleId`, `articleUrl`, `headline` and
/// `onChange` (called with `true`/`false` as the form opens and closes).
pub fn mount_form(container: Element, host: Element, options: JsValue) -> FormHandle {
    let (mut config, _) =
        WidgetConfig::from_attributes(&|name| text_of(&options, &js_key(name)), "en", 0);
    if let Some(prefix) = text_of(&options, "idPrefix") {
        config.id_prefix = prefix;
    }
    let article = Article {
        id: text_of(&options, "articleId"),
        url: text_of(&options, "articleUrl").and_then(|u| safe_url(&u)),
        headline: text_of(&options, "headline").unwrap_or_default(),
        ..Article::default()
    };
    let on_change = js_sys::Reflect::get(&options, &"onChange".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    // Next to the widget's sheet in the shadow root `container` is in (a `<style>` before the
    // container where constructable stylesheets are missing).
    SHEET.with(|sheet| {
        sheet.adopt(&container.get_root_node(), true, |style| {
            let _ = container.before_with_node_1(style);
        })
    });
    MOUNTED.with(|m| {
        m.borrow_mut()
            .push((container.clone(), config.locale.clone()))
    });
    let props = FormRootProps {
        config: Rc::new(config),
        article: Rc::new(article),
        events: HostEvents::on(host),
        request: (0, None),
        close: 0,
        on_change: yew::Callback::from(move |open: bool| {
            if let Some(f) = &on_change {
                let _ = f.call1(&JsValue::NULL, &JsValue::from_bool(open));
            }
        }),
    };
    // Before the app renders: the boundary's listener on the container must run before Yew's.
    let boundary = EventBoundary::new(&container);
    let app =
        yew::Renderer::<FormRoot>::with_root_and_props(container.clone(), props.clone()).render();
    FormHandle {
        app: Some(app),
        boundary: Some(boundary),
        props,
        container,
    }
}

#[wasm_bindgen]
impl FormHandle {
    /// Opens the form, with the reader's selection as the passage when given.
    pub fn open(&mut self, prefill: Option<String>) {
        self.props.request = (self.props.request.0.wrapping_add(1), prefill);
        self.push();
    }

    /// Closes the form (the draft stays).
    pub fn close(&mut self) {
        self.props.close = self.props.close.wrapping_add(1);
        self.push();
    }

    /// Unmounts the form; a request in flight is aborted.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            MOUNTED.with(|m| m.borrow_mut().retain(|(c, _)| c != &self.container));
            app.destroy();
        }
        self.boundary = None;
    }

    fn push(&mut self) {
        if let Some(app) = &mut self.app {
            app.update(self.props.clone());
        }
    }
}
