//! The core widget's side of the correction form: the form lives in its own bundle, loaded the
//! first time a reader opens it (the trust box button or "Suggest a correction"), mounted into a
//! container in the trust box, and destroyed with the widget. This hook keeps that handle and
//! exposes what the trust box shows: open or not, loading, or failed to load.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::config::{js_key, OPTIONS};
use crate::correction::stored;
use crate::hooks::use_config;
use crate::model::Article;
use crate::services::events::HostEvents;
use crate::services::storage;

/// Where loading the form bundle stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormLoad {
    /// Not asked for yet, or loaded.
    Idle,
    /// Downloading.
    Loading,
    /// Could not be loaded (the button tries again).
    Failed,
}

/// What the trust box and the selection button need.
#[derive(Clone, PartialEq)]
pub struct FormPort {
    /// The form is open.
    pub open: bool,
    /// An unsent draft from an earlier visit is waiting (shown until the form is opened).
    pub has_draft: bool,
    /// Loading state of the bundle.
    pub load: FormLoad,
    /// The element the form is mounted into.
    pub container: NodeRef,
    /// Opens the form (with a selected passage).
    pub request: Callback<Option<String>>,
    /// Closes it.
    pub close: Callback<()>,
}

/// The mounted form's handle (a JS object from the form bundle) and the callback it reports to,
/// and which article (generation) a load in progress is for.
#[derive(Default)]
struct Mounted {
    /// Bumped when the widget shows another article or goes away: a bundle load that started
    /// before then mounts nothing (no form for the old article, nothing in a detached element).
    generation: u32,
    /// The generation a load is in progress for.
    loading: Option<u32>,
    handle: Option<wasm_bindgen::JsValue>,
    _on_change: Option<wasm_bindgen::closure::Closure<dyn Fn(bool)>>,
}

/// Starts downloading the form bundle early (hover, focus, a selection): opening is then
/// instant.
pub fn prefetch_form() {
    crate::services::form_loader::prefetch();
}

/// The form port for `article`.
#[hook]
pub fn use_form_port(article: &Rc<Article>) -> FormPort {
    let config = use_config();
    let events = use_context::<HostEvents>().unwrap_or_default();
    let open = use_state_eq(|| false);
    let load = use_state_eq(|| FormLoad::Idle);
    let container = use_node_ref();
    let mounted = use_mut_ref(Mounted::default);
    let has_draft = use_state_eq(|| false);

    // Per article: say when a draft from an earlier visit is kept (so the reader knows their
    // text is safe; the form bundle drops drafts it cannot restore), and destroy the form with
    // the widget (aborting a request in flight) or when the widget is updated to another
    // article, so the next open mounts a form that sends the new one's id.
    {
        let (mounted, open, load, has_draft) = (
            mounted.clone(),
            open.clone(),
            load.clone(),
            has_draft.clone(),
        );
        let key = stored::draft_key(&crate::model::article_key(article));
        use_effect_with(key, move |key| {
            has_draft.set(matches!(storage::get(key), Ok(Some(text)) if !text.is_empty()));
            move || {
                let mut m = mounted.borrow_mut();
                m.generation = m.generation.wrapping_add(1);
                m.loading = None;
                if let Some(handle) = m.handle.take() {
                    let _ = crate::services::form_loader::call(&handle, "destroy", &[]);
                }
                open.set(false);
                load.set(FormLoad::Idle);
            }
        });
    }

    // Plain callbacks, not use_callback: the view re-renders only when this port's state
    // changes, and every hook instantiation costs bundle bytes.
    let request = {
        let deps = (article.clone(), config.clone(), events);
        let (open, load, container, mounted, has_draft) = (
            open.clone(),
            load.clone(),
            container.clone(),
            mounted.clone(),
            has_draft.clone(),
        );
        Callback::from(move |prefill: Option<String>| {
            // Once the reader has opened the form they have seen their draft: no more note.
            has_draft.set(false);
            request_form(prefill, &deps, &open, &load, &container, &mounted)
        })
    };
    let close = {
        let mounted = mounted.clone();
        #[cfg(feature = "hydration")]
        let container = container.clone();
        Callback::from(move |_: ()| {
            #[cfg(feature = "hydration")]
            if let Some(native) = native_form(&container) {
                let _ = native.remove_attribute("open");
            }
            if let Some(handle) = &mounted.borrow().handle {
                let _ = crate::services::form_loader::call(handle, "close", &[]);
            }
        })
    };
    FormPort {
        open: *open,
        has_draft: *has_draft,
        load: *load,
        container,
        request,
        close,
    }
}

/// A prerendered widget's own form (`components::native_form`), when the server wrote one into
/// the container: it is the form then (no bundle to load; it posts as the browser's form).
#[cfg(feature = "hydration")]
fn native_form(container: &NodeRef) -> Option<web_sys::Element> {
    container
        .cast::<web_sys::Element>()?
        .query_selector(".aw-native")
        .ok()
        .flatten()
}

/// Opens the native form, if there is one: the selected passage goes into an empty quote
/// field, and focus to the correction.
#[cfg(feature = "hydration")]
fn open_native(container: &NodeRef, prefill: Option<&str>) -> bool {
    use wasm_bindgen::JsCast;
    let Some(native) = native_form(container) else {
        return false;
    };
    let _ = native.set_attribute("open", "");
    let field = |name: &str| {
        native
            .query_selector(&format!("[name={name}]"))
            .ok()
            .flatten()
            .map(|e| e.unchecked_into::<web_sys::HtmlInputElement>())
    };
    if let (Some(text), Some(quote)) = (prefill, field("quote")) {
        if quote.value().trim().is_empty() {
            quote.set_value(text);
        }
    }
    if let Some(correction) = field("correction") {
        let _ = correction.focus();
    }
    true
}

type Deps = (Rc<Article>, Rc<crate::config::WidgetConfig>, HostEvents);

fn request_form(
    prefill: Option<String>,
    deps: &Deps,
    open: &UseStateHandle<bool>,
    load: &UseStateHandle<FormLoad>,
    container: &NodeRef,
    mounted: &Rc<RefCell<Mounted>>,
) {
    use wasm_bindgen::JsValue;

    use crate::services::form_loader;

    #[cfg(feature = "hydration")]
    if open_native(container, prefill.as_deref()) {
        return;
    }
    let arg = prefill.map_or(JsValue::UNDEFINED, |p| JsValue::from_str(&p));
    let generation = {
        let mut m = mounted.borrow_mut();
        if let Some(handle) = &m.handle {
            let _ = form_loader::call(handle, "open", &[arg]);
            return;
        }
        if m.loading == Some(m.generation) {
            return;
        }
        m.loading = Some(m.generation);
        m.generation
    };
    load.set(FormLoad::Loading);
    let (article, config, events) = deps.clone();
    let (open, load, container, mounted) = (
        open.clone(),
        load.clone(),
        container.clone(),
        mounted.clone(),
    );
    wasm_bindgen_futures::spawn_local(async move {
        let module = form_loader::load().await;
        {
            let mut m = mounted.borrow_mut();
            if m.generation != generation {
                // Updated to another article or destroyed while loading: mount nothing.
                return;
            }
            m.loading = None;
        }
        let result = async {
            let module = module?;
            let element = container
                .cast::<web_sys::Element>()
                .filter(|e| e.is_connected())
                .ok_or_else(|| {
                    crate::error::FormLoadError::Failed("the widget went away".into())
                })?;
            let on_change =
                wasm_bindgen::closure::Closure::<dyn Fn(bool)>::new(move |o| open.set(o));
            let options = form_options(&article, &config, &on_change);
            let host = events.target().map_or(JsValue::NULL, |t| t.clone().into());
            let handle =
                form_loader::call(&module, "mount_form", &[element.into(), host, options])?;
            form_loader::call(&handle, "open", &[arg])?;
            let mut m = mounted.borrow_mut();
            m.handle = Some(handle);
            m._on_change = Some(on_change);
            Ok::<(), crate::error::FormLoadError>(())
        }
        .await;
        match result {
            Ok(()) => load.set(FormLoad::Idle),
            Err(e) => {
                crate::services::console::error(&e.to_string());
                load.set(FormLoad::Failed);
            }
        }
    });
}

/// The form bundle's options: the widget's correction settings in the JS API's keys, and what
/// the form sends about the article.
fn form_options(
    article: &Article,
    config: &crate::config::WidgetConfig,
    on_change: &wasm_bindgen::closure::Closure<dyn Fn(bool)>,
) -> wasm_bindgen::JsValue {
    use wasm_bindgen::JsValue;

    let object = js_sys::Object::new();
    let set = |key: &str, value: &JsValue| {
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(key), value);
    };
    let text = |key: &str, value: Option<&str>| {
        if let Some(v) = value {
            set(key, &JsValue::from_str(v));
        }
    };
    // The options the form needs, from the one table of options, under their JS API keys (the
    // form bundle reads them back with the same parser).
    for option in OPTIONS.iter().filter(|o| o.for_form) {
        text(
            &js_key(option.attribute),
            config.attribute_value(option.attribute).as_deref(),
        );
    }
    text("idPrefix", Some(&config.id_prefix));
    text("articleId", article.id.as_deref());
    text("articleUrl", article.url.as_ref().map(|u| u.href.as_str()));
    text("headline", Some(&article.headline));
    set("onChange", on_change.as_ref());
    object.into()
}
