//! All browser I/O: fetching article data, events to the host page and the console. Components and hooks call
//! these; nothing else builds a request.

pub mod article_source;
pub mod console;
pub mod events;
