//! Fetching article data from `data-article-src`. A non-2xx status is an error; so is no
//! complete answer within [`FETCH_TIMEOUT_MS`] (a hanging server must not leave the skeleton up
//! forever) and a document larger than [`MAX_ARTICLE_BYTES`] (refused by its `Content-Length`
//! before the download where the server says it, and by its length before parsing). The request
//! is aborted through its `AbortController` when the widget goes away, so an unmounted widget
//! leaves nothing in flight. Uses the
//! browser's `fetch` directly (web-sys): a wrapper crate cost more bundle than the 30 lines here.

use std::cell::Cell;
use std::rc::Rc;

use crate::error::LoadError;
use crate::model::{Article, FETCH_TIMEOUT_MS, MAX_ARTICLE_BYTES};

/// GETs and parses the article at `url`; `controller` aborts it (the widget went away).
pub async fn fetch_article(
    url: &str,
    controller: &web_sys::AbortController,
) -> Result<Article, LoadError> {
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;

    let timed_out = Rc::new(Cell::new(false));
    let _timer = {
        let (timed_out, controller) = (timed_out.clone(), controller.clone());
        super::timer::Timeout::new(f64::from(FETCH_TIMEOUT_MS), move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let signal = controller.signal();
    // Both limits are failures to fetch (the reader is told the article is unavailable; the
    // console and the `error` event say which limit), not new error kinds: each kind costs the
    // bundle its derived code.
    let failed = |reason: &str| LoadError::Network {
        url: url.to_owned(),
        reason: reason.to_owned(),
    };
    let network = |e: JsValue| {
        if timed_out.get() {
            failed("no complete answer within 30 s")
        } else {
            failed(&super::js::error_text(&e, "fetch failed"))
        }
    };
    let too_large = || failed("larger than the 5 MiB the widget reads");
    let window = web_sys::window().ok_or_else(|| network(JsValue::from_str("no window")))?;
    let init = web_sys::RequestInit::new();
    init.set_method("GET");
    init.set_signal(Some(&signal));
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
    // Sizes compared as JS numbers: no integer parser in the bundle for one header.
    let declared = response.headers().get("Content-Length").ok().flatten();
    if declared.is_some_and(|n| js_sys::parse_float(&n) > MAX_ARTICLE_BYTES as f64) {
        controller.abort();
        return Err(too_large());
    }
    // Measured while still a JS string (in UTF-16 units: the byte count for the ASCII that JSON
    // mostly is), so an oversized answer is never copied into the wasm memory.
    let body: js_sys::JsString = JsFuture::from(response.text().map_err(network)?)
        .await
        .map_err(network)?
        .unchecked_into();
    if body.length() as usize > MAX_ARTICLE_BYTES {
        return Err(too_large());
    }
    let body = String::from(body);
    // Its relative URLs are relative to where it was fetched from (after redirects), not to the
    // host page.
    let base = response.url();
    Ok(crate::urls::with_base(&base, || {
        crate::parse::parse_str(&body)
    })?)
}
