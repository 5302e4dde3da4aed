//! All browser I/O: fetching article data and writing to the console. Components and hooks call
//! these; nothing else builds a request.

pub mod article_source;
pub mod console;
