//! The article's published corrections from `data-corrections-src` (a corrections service such
//! as aw-server's `/articles/{id}/corrections`), added to the trust box once the article shows.
//! The article never waits for them: a slow or failed answer leaves the article as it is and
//! says why in the console.

use std::cell::Cell;
use std::rc::Rc;

use yew::prelude::*;

use crate::hooks::ArticleState;
use crate::model::Article;
use crate::services::{article_source, console};

/// `state`, with the published corrections from `template` once they have arrived.
#[hook]
pub fn use_published(state: ArticleState, template: Option<String>) -> ArticleState {
    // The article the corrections were fetched for, and the article with them.
    let merged = use_state(|| None::<(Rc<Article>, Rc<Article>)>);
    let ready = match &state {
        ArticleState::Ready(article) => Some(article.clone()),
        _ => None,
    };
    {
        let merged = merged.clone();
        use_effect_with((ready, template), move |(ready, template)| {
            let controller = web_sys::AbortController::new().ok();
            let gone = Rc::new(Cell::new(false));
            if let (Some(article), Some(template), Some(controller)) =
                (ready, template, &controller)
            {
                let url = article.corrections_src(template);
                let (article, controller, gone) =
                    (article.clone(), controller.clone(), gone.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    let result = match article_source::fetch_text(&url, &controller).await {
                        Ok(text) => crate::parse::published_corrections(&text).map_err(Into::into),
                        Err(e) => Err(e),
                    };
                    match result {
                        _ if gone.get() => {}
                        Ok(list) => {
                            let with = Rc::new(article.with_published(list));
                            merged.set(Some((article, with)));
                        }
                        Err(e) => console::warn(&e.to_string()),
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
    match (state, &*merged) {
        (ArticleState::Ready(article), Some((fetched_for, with)))
            if Rc::ptr_eq(&article, fetched_for) =>
        {
            ArticleState::Ready(with.clone())
        }
        (state, _) => state,
    }
}
