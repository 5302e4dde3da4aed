//! The article an instance shows, from whichever source it was given. Inline JSON is parsed
//! during the first render (no flash of a loading state); a URL is fetched in an effect and the
//! request aborted if the widget goes away first. Failures are logged once with their cause.

use std::rc::Rc;

use yew::prelude::*;

use crate::config::ArticleSource;
use crate::error::LoadError;
use crate::model::Article;
use crate::parse;
use crate::services::console;

/// What the widget can show right now.
#[derive(Clone, Debug, PartialEq)]
pub enum ArticleState {
    /// Waiting for `data-article-src`.
    Loading,
    /// Ready to render.
    Ready(Rc<Article>),
    /// Nothing to render; the error says why.
    Failed(LoadError),
}

/// Loads the article for `source`.
#[hook]
pub fn use_article(source: &ArticleSource) -> ArticleState {
    let parsed = use_memo(source.clone(), |source| match source {
        ArticleSource::Inline(json) => {
            Some(parse::parse_str(json).map(Rc::new).map_err(LoadError::from))
        }
        ArticleSource::Article(article) => Some(Ok(article.clone())),
        ArticleSource::Missing => Some(Err(LoadError::NoSource)),
        ArticleSource::Url(_) | ArticleSource::Deferred => None,
    });
    // The fetched result, remembered together with the URL it belongs to.
    let fetched = use_state(|| None::<(String, Result<Rc<Article>, LoadError>)>);

    {
        let fetched = fetched.clone();
        use_effect_with(source.clone(), move |source| {
            let controller = web_sys::AbortController::new().ok();
            // Set when the widget goes away (or the source changes): the service aborts the
            // request itself on a timeout or an oversized answer, and those must still be shown.
            let gone = Rc::new(std::cell::Cell::new(false));
            if let (ArticleSource::Url(url), Some(controller)) = (source, &controller) {
                let (url, controller, gone) = (url.clone(), controller.clone(), gone.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    let result =
                        crate::services::article_source::fetch_article(&url, &controller).await;
                    if !gone.get() {
                        fetched.set(Some((url, result.map(Rc::new))));
                    }
                });
            }
            move || {
                gone.set(true);
                if let Some(controller) = controller {
                    controller.abort();
                }
            }
        });
    }

    let result = match (source, &*parsed) {
        (_, Some(result)) => Some(result.clone()),
        (ArticleSource::Url(url), None) => fetched
            .as_ref()
            .filter(|(for_url, _)| for_url == url)
            .map(|(_, result)| result.clone()),
        _ => None,
    };
    let state = match result {
        None => ArticleState::Loading,
        Some(Ok(article)) => ArticleState::Ready(article),
        Some(Err(error)) => ArticleState::Failed(error),
    };

    let error = match &state {
        ArticleState::Failed(e) => Some(e.clone()),
        _ => None,
    };
    use_effect_with(error, |error| {
        if let Some(error) = error {
            console::error(&error.to_string());
        }
    });
    state
}
