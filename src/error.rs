//! Typed errors, one enum per layer. They are `Clone + PartialEq` so a component can take them as
//! props; `Display` is the developer-facing cause (logged with `console.error`), while the reader
//! sees a short translated message chosen from [`LoadError::reader_message`]. The data layer's
//! ([`ParseError`], [`LoadError`]) come from the core crate; the I/O layer's are here.

use thiserror::Error;

pub use aw_core::error::{LoadError, ParseError};

/// Why a correction got no HTTP answer.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum SendError {
    /// The request failed before an answer: offline, DNS, refused connection, CORS.
    #[error("could not reach the corrections endpoint: {0}")]
    Network(String),
    /// No answer within the per-attempt timeout.
    #[error("the corrections endpoint did not answer within {0} s")]
    Timeout(u32),
    /// The widget went away (or the reader moved on) first.
    #[error("the request was cancelled")]
    Aborted,
}

/// Why `localStorage` could not be used (private mode, disabled storage, quota). The form works
/// on without persistence.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum StorageError {
    /// No storage in this context (disabled, sandboxed frame, blocked third-party storage).
    #[error("localStorage is not available: {0}")]
    Unavailable(String),
    /// A write was refused (quota exceeded).
    #[error("localStorage refused the write: {0}")]
    Refused(String),
}
