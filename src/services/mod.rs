//! All browser I/O: fetching article data, timers, events to the host page and the
//! console. (The correction form posts itself: embed/article-widget-native.js.) Components and
//! hooks call these; nothing else builds a request.

pub mod article_source;
pub mod console;
pub mod events;
pub mod js;
pub mod timer;

/// Whether this build runs in a browser: the `csr` feature (trunk's bundles, the browser tests).
/// Without it — the server renderer, the host render tests — the services answer with stand-ins
/// (a fixed clock, no storage, no console) instead of calling into a JavaScript engine that is
/// not there. This is the widget's one switch between server and browser for I/O; components
/// and hooks have none (the server renderer never runs their effects or callbacks).
pub const IN_BROWSER: bool = cfg!(feature = "csr");
