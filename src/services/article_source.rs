//! Fetching article data from `data-article-src`. A non-2xx status is an error; the request is
//! cancellable through an `AbortSignal` so an unmounted widget leaves nothing in flight. Uses the
//! browser's `fetch` directly (web-sys): a wrapper crate cost more bundle than the 30 lines here.

use crate::error::LoadError;
use crate::model::Article;

/// GETs and parses the article at `url`.
pub async fn fetch_article(url: &str, signal: &web_sys::AbortSignal) -> Result<Article, LoadError> {
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;

    let network = |e: JsValue| LoadError::Network {
        url: url.to_owned(),
        reason: super::js::error_text(&e, "fetch failed"),
    };
    let window = web_sys::window().ok_or_else(|| network(JsValue::from_str("no window")))?;
    let init = web_sys::RequestInit::new();
    init.set_method("GET");
    init.set_signal(Some(signal));
    let headers = web_sys::Headers::new().map_err(network)?;
    headers
        .set("Accept", "application/json, application/ld+json")
        .map_err(network)?;
    init.set_headers(&headers);

    let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .map_err(network)?
        .dyn_into()
        .map_err(network)?;
    if !response.ok() {
        return Err(LoadError::Http {
            url: url.to_owned(),
            status: response.status(),
        });
    }
    let body = JsFuture::from(response.text().map_err(network)?)
        .await
        .map_err(network)?
        .as_string()
        .unwrap_or_default();
    Ok(crate::parse::parse_str(&body)?)
}
