//! Typed errors. They are `Clone + PartialEq` so a component can take them as props; `Display`
//! is the developer-facing cause (logged with `console.error`), while the reader sees a short
//! translated message chosen from [`LoadError::reader_message`]. They come from the core crate
//! (the data layer's); the article fetch reports through [`LoadError`] too.

pub use aw_core::error::{LoadError, ParseError};
