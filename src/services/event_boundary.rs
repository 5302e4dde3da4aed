//! Keeps the widget's Yew and the correction form's Yew out of each other's events.
//!
//! Why this exists: the widget and its on-demand correction form are two wasm instances, each
//! with its own copy of Yew, and the form is mounted inside the widget's DOM (a container in the
//! trust box). Yew delegates events: every app listens in the capture phase on its root element,
//! marks the elements it rendered, and caches on the event which app handles it — in JS
//! properties whose names (`__yew_subtree_id`, `__yew_subtree_cache_key`, `__yew_listener_id`)
//! and numbering (apps and listeners counted from 1) are the same in both instances. So the
//! widget's Yew saw every event inside the form first, read the form's marks as its own, and ran
//! *its own* handler that happened to have the same number. Which handler that was depended on
//! how many listeners the article needed: on the demo article a harmless one, on an article
//! shaped like the reference page the trust box's toggle — a click on "Send correction" closed
//! the form before the browser could submit it ("Form submission canceled because the form is
//! not connected"). On a page whose first widget is not the one with the form, the widget's mark
//! made the form's own Yew ignore its events instead.
//!
//! The boundary: an event that starts inside the form's container is marked "handled by no app"
//! on its way down at the widget's root node (which the event passes before the widget's Yew
//! root, whatever order the listeners were added in), and the mark is removed again at the
//! container, so the form's Yew, below it, decides for itself. Events outside the form are not
//! touched. Checked end to end by the correction-form tests on several article shapes
//! (tests/e2e/flows.mjs); the property names are Yew 0.23's (Cargo.toml pins the minor version).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, Event, EventTarget, Node};

/// Yew's event cache: the responsible app's id (0 = none) and the composed path's length it was
/// computed for.
const SUBTREE_ID: &str = "__yew_subtree_id";
const CACHE_KEY: &str = "__yew_subtree_cache_key";

/// Every event type either bundle can listen to through `html!` (Yew registers a root listener
/// per type on first use, so the list covers the types, not just today's handlers).
const EVENTS: &[&str] = &[
    "click",
    "dblclick",
    "auxclick",
    "contextmenu",
    "mousedown",
    "mouseup",
    "mousemove",
    "mouseover",
    "mouseout",
    "mouseenter",
    "mouseleave",
    "pointerdown",
    "pointerup",
    "pointermove",
    "pointerover",
    "pointerout",
    "pointerenter",
    "pointerleave",
    "pointercancel",
    "touchstart",
    "touchend",
    "touchmove",
    "touchcancel",
    "keydown",
    "keyup",
    "keypress",
    "focus",
    "blur",
    "focusin",
    "focusout",
    "input",
    "beforeinput",
    "change",
    "submit",
    "reset",
    "invalid",
    "select",
    "wheel",
    "scroll",
    "copy",
    "cut",
    "paste",
    "compositionstart",
    "compositionupdate",
    "compositionend",
    "dragstart",
    "drag",
    "dragend",
    "dragenter",
    "dragleave",
    "dragover",
    "drop",
    "toggle",
    "load",
    "error",
    "animationend",
    "transitionend",
];

type Handler = Closure<dyn Fn(Event)>;

/// The two capture listeners of one mounted form; removed on drop.
pub struct EventBoundary {
    outer: EventTarget,
    container: Element,
    claim: Handler,
    release: Handler,
}

impl EventBoundary {
    /// Installs the boundary around `container`. Call before the form's Yew app renders into
    /// it: listeners on one node run in the order they were added, and the release must come
    /// before the form's own root listener.
    pub fn new(container: &Element) -> EventBoundary {
        let outer: EventTarget = container.get_root_node().into();
        let claim = {
            let container = container.clone();
            Handler::new(move |event: Event| {
                let path = event.composed_path();
                let inside = path.get(0).dyn_into::<Node>().is_ok_and(|target| {
                    let own: &Node = &container;
                    target != *own && container.contains(Some(&target))
                });
                if inside {
                    set(&event, SUBTREE_ID, &JsValue::from(0u32));
                    set(&event, CACHE_KEY, &JsValue::from(path.length()));
                }
            })
        };
        let release = Handler::new(|event: Event| {
            let _ = js_sys::Reflect::delete_property(&event, &SUBTREE_ID.into());
            let _ = js_sys::Reflect::delete_property(&event, &CACHE_KEY.into());
        });
        for kind in EVENTS {
            let _ = outer.add_event_listener_with_callback_and_bool(
                kind,
                claim.as_ref().unchecked_ref(),
                true,
            );
            let _ = container.add_event_listener_with_callback_and_bool(
                kind,
                release.as_ref().unchecked_ref(),
                true,
            );
        }
        EventBoundary {
            outer,
            container: container.clone(),
            claim,
            release,
        }
    }
}

fn set(event: &Event, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(event, &JsValue::from_str(key), value);
}

impl Drop for EventBoundary {
    fn drop(&mut self) {
        for kind in EVENTS {
            let _ = self.outer.remove_event_listener_with_callback_and_bool(
                kind,
                self.claim.as_ref().unchecked_ref(),
                true,
            );
            let _ = self.container.remove_event_listener_with_callback_and_bool(
                kind,
                self.release.as_ref().unchecked_ref(),
                true,
            );
        }
    }
}
