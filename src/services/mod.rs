//! All browser I/O: fetching article data, posting corrections, storage, timers, events to the
//! host page and the console. Components and hooks call these; nothing else builds a request.

pub mod article_source;
pub mod browser;
pub mod console;
pub mod corrections;
#[cfg(all(target_arch = "wasm32", feature = "form"))]
pub mod event_boundary;
pub mod events;
#[cfg(target_arch = "wasm32")]
pub mod form_chunk;
#[cfg(target_arch = "wasm32")]
pub mod js;
pub mod storage;
pub mod timer;
