//! The developer-facing log: causes of errors and configuration warnings go to the browser
//! console, prefixed so a publisher can find them. A no-op on the host.

use super::IN_BROWSER;

/// `console.error` (the widget shows the reader a short message; the cause goes here).
pub fn error(message: &str) {
    if IN_BROWSER {
        web_sys::console::error_1(&format!("article-widget: {message}").into());
    }
}

/// `console.warn` (ignored configuration values).
pub fn warn(message: &str) {
    if IN_BROWSER {
        web_sys::console::warn_1(&message.into());
    }
}
