//! The root of one widget instance: provides its configuration and event target, shows the
//! article, a loading skeleton or an error box — never an empty box — and tells the host page
//! when the article is ready or could not be shown.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::{ArticleView, ErrorBox, Skeleton};
use crate::config::{ArticleSource, WidgetConfig};
use crate::hooks::{use_article, ArticleState, ConfigContext};
use crate::i18n::strings_for;
use crate::services::events::HostEvents;

/// Props of [`App`].
#[derive(Properties, PartialEq, Clone)]
pub struct AppProps {
    /// This instance's configuration.
    pub config: Rc<WidgetConfig>,
    /// Where its article comes from.
    pub source: ArticleSource,
    /// Where its events go (nowhere in host-side renders).
    #[prop_or_default]
    pub events: HostEvents,
    /// Whether the widget renders its correction form itself: not for a prerendered widget,
    /// whose form the server wrote (hydrated, or rendered anew from it), nor when prerendering.
    #[prop_or(true)]
    pub native_form: bool,
}

/// One widget instance.
#[component]
pub fn App(props: &AppProps) -> Html {
    let state = use_article(&props.source);
    {
        // `ready` once per article shown, `error` once per failure.
        let events = props.events.clone();
        let outcome = match &state {
            ArticleState::Loading => None,
            ArticleState::Ready(article) => Some(Ok(article.clone())),
            ArticleState::Failed(error) => Some(Err(error.clone())),
        };
        use_effect_with(outcome, move |outcome| match outcome {
            Some(Ok(article)) => {
                let id = article.id.as_deref().unwrap_or("");
                events.emit(
                    "ready",
                    &[("articleId", id), ("headline", &article.headline)],
                    false,
                );
            }
            Some(Err(error)) => {
                events.emit("error", &[("error", &error.to_string())], false);
            }
            None => {}
        });
    }
    let body = match state {
        ArticleState::Loading => html! { <Skeleton /> },
        ArticleState::Ready(article) => {
            html! { <ArticleView {article} native_form={props.native_form} /> }
        }
        ArticleState::Failed(error) => html! { <ErrorBox {error} /> },
    };
    let config = &props.config;
    html! {
        <ContextProvider<ConfigContext> context={config.clone()}>
            <ContextProvider<HostEvents> context={props.events.clone()}>
                <div class="aw" part="root" lang={config.locale.clone()} dir={strings_for(&config.locale).dir}
                    data-theme={config.theme.as_str()}>
                    { body }
                </div>
            </ContextProvider<HostEvents>>
        </ContextProvider<ConfigContext>>
    }
}
