//! The developer-facing log: causes of errors and configuration warnings go to the browser
//! console, prefixed so a publisher can find them. A no-op on the host.

/// `console.error` (the widget shows the reader a short message; the cause goes here).
pub fn error(message: &str) {
    #[cfg(target_arch = "wasm32")]
    web_sys::console::error_1(&format!("article-widget: {message}").into());
    #[cfg(not(target_arch = "wasm32"))]
    let _ = message;
}

/// `console.warn` (ignored configuration values).
pub fn warn(message: &str) {
    #[cfg(target_arch = "wasm32")]
    web_sys::console::warn_1(&message.into());
    #[cfg(not(target_arch = "wasm32"))]
    let _ = message;
}
