//! The root of one widget instance: provides its configuration and shows the article, a loading
//! skeleton or an error box — never an empty box.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::{ArticleView, ErrorBox, Skeleton};
use crate::config::{ArticleSource, WidgetConfig};
use crate::hooks::{use_article, ArticleState, ConfigContext};

/// Props of [`App`].
#[derive(Properties, PartialEq, Clone)]
pub struct AppProps {
    /// This instance's configuration.
    pub config: Rc<WidgetConfig>,
    /// Where its article comes from.
    pub source: ArticleSource,
}

/// One widget instance.
#[component]
pub fn App(props: &AppProps) -> Html {
    let state = use_article(&props.source);
    let body = match state {
        ArticleState::Loading => html! { <Skeleton /> },
        ArticleState::Ready(article) => html! { <ArticleView {article} /> },
        ArticleState::Failed(error) => html! { <ErrorBox {error} /> },
    };
    html! {
        <ContextProvider<ConfigContext> context={props.config.clone()}>
            <div class="aw" lang={props.config.locale.clone()}>{ body }</div>
        </ContextProvider<ConfigContext>>
    }
}
