//! Fetching article data from `data-article-src`. Non-2xx answers are errors (gloo-net does not
//! treat them so by itself); the request is cancellable through an `AbortSignal` so an unmounted
//! widget leaves nothing in flight.

#[cfg(target_arch = "wasm32")]
use crate::error::LoadError;
#[cfg(target_arch = "wasm32")]
use crate::model::Article;

/// GETs and parses the article at `url`.
#[cfg(target_arch = "wasm32")]
pub async fn fetch_article(url: &str, signal: &web_sys::AbortSignal) -> Result<Article, LoadError> {
    use gloo_net::http::Request;

    let network = |e: gloo_net::Error| LoadError::Network {
        url: url.to_owned(),
        reason: e.to_string(),
    };
    let response = Request::get(url)
        .header("Accept", "application/json, application/ld+json")
        .abort_signal(Some(signal))
        .send()
        .await
        .map_err(network)?;
    if !response.ok() {
        return Err(LoadError::Http {
            url: url.to_owned(),
            status: response.status(),
        });
    }
    let body = response.text().await.map_err(network)?;
    Ok(crate::parse::parse_str(&body)?)
}
