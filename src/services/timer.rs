//! One-shot timers and event listeners that clean up after themselves: dropping a [`Timeout`]
//! cancels it, dropping a [`Listener`] removes it, so an effect's cleanup is just a drop.

use wasm_bindgen::{closure::Closure, JsCast};

/// A `setTimeout` cancelled on drop. The handle is kept as the page returned it (not an `i32`):
/// a page or a test harness that patches `setTimeout` may hand out ids beyond `i32`, or objects.
/// The callback is the same closure type as [`Listener`]'s (its unused argument is `undefined`):
/// one closure shim in the bundle instead of two.
pub struct Timeout {
    id: wasm_bindgen::JsValue,
    _callback: Closure<dyn FnMut(web_sys::Event)>,
}

fn global_fn(name: &str) -> Option<js_sys::Function> {
    js_sys::Reflect::get(&js_sys::global(), &name.into())
        .ok()?
        .dyn_into()
        .ok()
}

impl Timeout {
    /// Runs `f` once after `ms` milliseconds (at once for negative values).
    pub fn new(ms: f64, f: impl FnOnce() + 'static) -> Option<Timeout> {
        let mut f = Some(f);
        let callback = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            if let Some(f) = f.take() {
                f();
            }
        });
        let id = global_fn("setTimeout")?
            .call2(
                &js_sys::global(),
                callback.as_ref(),
                &ms.clamp(0.0, 2_147_483_647.0).into(),
            )
            .ok()?;
        Some(Timeout {
            id,
            _callback: callback,
        })
    }
}

impl Drop for Timeout {
    fn drop(&mut self) {
        if let Some(clear) = global_fn("clearTimeout") {
            let _ = clear.call1(&js_sys::global(), &self.id);
        }
    }
}

/// An event listener removed on drop.
pub struct Listener {
    target: web_sys::EventTarget,
    event: &'static str,
    callback: Closure<dyn FnMut(web_sys::Event)>,
}

impl Listener {
    /// Listens for `event` on `target`.
    pub fn new(
        target: &web_sys::EventTarget,
        event: &'static str,
        f: impl FnMut(web_sys::Event) + 'static,
    ) -> Listener {
        let callback = Closure::<dyn FnMut(web_sys::Event)>::new(f);
        let _ = target.add_event_listener_with_callback(event, callback.as_ref().unchecked_ref());
        Listener {
            target: target.clone(),
            event,
            callback,
        }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.target.remove_event_listener_with_callback(
            self.event,
            self.callback.as_ref().unchecked_ref(),
        );
    }
}
