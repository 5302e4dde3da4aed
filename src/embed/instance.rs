//! One mounted widget: its shadow root, the Yew app inside it, and what it needs to be torn down
//! completely — after [`Instance::destroy`] no listener, observer or request of its remains.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    Element, IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit, ShadowRoot,
};
use yew::AppHandle;

use super::style;
use crate::components::{App, AppProps};
use crate::config::{ArticleSource, Theme, WidgetConfig};
use crate::services::console;
use crate::services::events::HostEvents;

/// Marks a mounted element (its value is the instance's locale, read by the panic hook).
pub const MOUNTED_ATTR: &str = "data-aw-mounted";
/// Below-the-fold widgets render once they come this close to the viewport (px). An integer:
/// formatting an f64 would pull Rust's float formatter (~5 KB brotli) into the bundle.
const LAZY_MARGIN_PX: i32 = 800;

type LazyCallback = Closure<dyn FnMut(js_sys::Array, IntersectionObserver)>;

/// A live widget.
pub struct Instance {
    element: Element,
    shadow: Option<ShadowRoot>,
    frame: Element,
    app: Option<AppHandle<App>>,
    props: AppProps,
    /// The article source, held back until the widget is near the viewport.
    deferred: Option<ArticleSource>,
    lazy: Option<(IntersectionObserver, LazyCallback)>,
}

/// Instances are shared between the page's observer, the JS handle and the lazy callback.
pub type SharedInstance = Rc<RefCell<Instance>>;

impl Instance {
    /// Mounts a widget into `element`: a shadow root with the widget's styles, and the Yew app
    /// inside it. With `lazy`, the article is parsed and rendered only when the element nears
    /// the viewport; until then the skeleton holds its place.
    pub fn mount(
        element: &Element,
        config: WidgetConfig,
        source: ArticleSource,
        lazy: bool,
    ) -> Option<SharedInstance> {
        let document = element.owner_document()?;
        let shadow = match element.shadow_root() {
            Some(existing) => Some(existing),
            None => element
                .attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))
                .ok(),
        };
        // A prerendered widget rendered anew (its options changed since, or another release
        // wrote it): its form is the server's, which the page's script keeps and puts back.
        let prerendered = shadow.as_ref().is_some_and(|root| {
            root.query_selector(".aw-frame[data-aw-prerendered]")
                .ok()
                .flatten()
                .is_some()
        });
        let frame = document.create_element("div").ok()?;
        frame.set_class_name("aw-frame");
        match &shadow {
            Some(root) => {
                // A pre-render placeholder (from the loader script) or an earlier mount goes.
                while let Some(child) = root.first_child() {
                    let _ = root.remove_child(&child);
                }
                style::adopt(root);
                root.append_child(&frame).ok()?;
            }
            None => {
                console::warn(&format!(
                    "article-widget: <{}> cannot host a shadow root; rendering without style isolation (use a <div>)",
                    element.tag_name().to_ascii_lowercase()
                ));
                element.append_child(&frame).ok()?;
            }
        }
        let _ = element.set_attribute(MOUNTED_ATTR, &config.locale);

        let observer_supported =
            js_sys::Reflect::has(&js_sys::global(), &"IntersectionObserver".into())
                .unwrap_or(false);
        // Already near the viewport: render now rather than a frame later through the observer.
        let lazy = lazy && observer_supported && !near_viewport(element);
        let props = AppProps {
            config: Rc::new(config),
            source: if lazy {
                ArticleSource::Deferred
            } else {
                source.clone()
            },
            events: HostEvents::on(element.clone()),
            native_form: !prerendered,
        };
        let app = yew::Renderer::<App>::with_root_and_props(frame.clone(), props.clone()).render();
        let instance = Rc::new(RefCell::new(Instance {
            element: element.clone(),
            shadow,
            frame,
            app: Some(app),
            props,
            deferred: lazy.then_some(source),
            lazy: None,
        }));
        if lazy {
            Instance::watch_viewport(&instance);
        }
        Some(instance)
    }

    /// Hydrates a prerendered widget: Yew adopts the server's DOM in `frame` (no node of the
    /// article is replaced) and attaches the widget's behaviour to it. The server's stylesheet
    /// stays; nothing is adopted over it.
    #[cfg(feature = "hydration")]
    pub fn hydrate(
        element: &Element,
        frame: Element,
        config: WidgetConfig,
        source: ArticleSource,
    ) -> Option<SharedInstance> {
        let _ = element.set_attribute(MOUNTED_ATTR, &config.locale);
        let props = AppProps {
            config: Rc::new(config),
            source,
            events: HostEvents::on(element.clone()),
            native_form: false,
        };
        let app = yew::Renderer::<App>::with_root_and_props(frame.clone(), props.clone()).hydrate();
        Some(Rc::new(RefCell::new(Instance {
            element: element.clone(),
            shadow: element.shadow_root(),
            frame,
            app: Some(app),
            props,
            deferred: None,
            lazy: None,
        })))
    }

    fn watch_viewport(shared: &SharedInstance) {
        // (The observer reports on its first frame; widgets already in view skip it, see mount.)
        let weak = Rc::downgrade(shared);
        let callback: LazyCallback =
            Closure::new(move |entries: js_sys::Array, _: IntersectionObserver| {
                let near = entries.iter().any(|e| {
                    e.dyn_into::<IntersectionObserverEntry>()
                        .map(|e| e.is_intersecting())
                        .unwrap_or(false)
                });
                if let (true, Some(shared)) = (near, weak.upgrade()) {
                    shared.borrow_mut().reveal();
                }
            });
        let init = IntersectionObserverInit::new();
        init.set_root_margin(&format!("{LAZY_MARGIN_PX}px 0px"));
        let Ok(observer) =
            IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &init)
        else {
            shared.borrow_mut().reveal();
            return;
        };
        let mut instance = shared.borrow_mut();
        observer.observe(&instance.element);
        instance.lazy = Some((observer, callback));
    }

    /// Renders the held-back article (the widget came near the viewport).
    fn reveal(&mut self) {
        if let Some((observer, callback)) = self.lazy.take() {
            observer.disconnect();
            // The closure is being called right now; dropping it here would free it mid-call, so
            // it is handed to the JS garbage collector instead.
            let _ = callback.into_js_value();
        }
        if let Some(source) = self.deferred.take() {
            self.props.source = source;
            self.push_props();
        }
    }

    fn push_props(&mut self) {
        if let Some(app) = &mut self.app {
            app.update(self.props.clone());
        }
    }

    /// The mount element.
    pub fn element(&self) -> &Element {
        &self.element
    }

    /// Shows another article.
    pub fn update(&mut self, source: ArticleSource) {
        if self.deferred.is_some() {
            self.deferred = Some(source);
        } else {
            self.props.source = source;
            self.push_props();
        }
    }

    /// Switches the colour scheme.
    pub fn set_theme(&mut self, theme: Theme) {
        let mut config = (*self.props.config).clone();
        config.theme = theme;
        self.props.config = Rc::new(config);
        self.push_props();
    }

    /// Switches the language of the widget's own strings, dates and language names.
    pub fn set_locale(&mut self, locale: String) {
        let mut config = (*self.props.config).clone();
        let _ = self.element.set_attribute(MOUNTED_ATTR, &locale);
        config.locale = locale;
        self.props.config = Rc::new(config);
        self.push_props();
    }

    /// Tears the widget down: unmounts the app (its effects abort in-flight requests), stops
    /// the viewport observer, empties the shadow root and unmarks the element.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        if let Some((observer, callback)) = self.lazy.take() {
            observer.disconnect();
            drop(callback);
        }
        self.deferred = None;
        self.frame.remove();
        if let Some(root) = &self.shadow {
            style::release(root);
        }
        let _ = self.element.remove_attribute(MOUNTED_ATTR);
    }

    /// Whether [`Instance::destroy`] has run.
    pub fn is_destroyed(&self) -> bool {
        self.app.is_none()
    }
}

/// Whether the element is within the lazy-rendering margin of the viewport right now. An element
/// with no height yet (no reserved space) cannot tell: the observer decides after the skeleton
/// has given it one.
fn near_viewport(element: &Element) -> bool {
    let Some(height) = web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64())
    else {
        return true;
    };
    let rect = element.get_bounding_client_rect();
    rect.height() > 0.0
        && rect.top() < height + f64::from(LAZY_MARGIN_PX)
        && rect.bottom() > -f64::from(LAZY_MARGIN_PX)
}
