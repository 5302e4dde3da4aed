//! The root of the correction form's bundle: provides the widget's configuration and event
//! target to [`FormPanel`], and passes the core widget's open/close requests on.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::FormPanel;
use crate::config::WidgetConfig;
use crate::hooks::ConfigContext;
use crate::model::Article;
use crate::services::events::HostEvents;

/// Props of [`FormRoot`].
#[derive(Properties, PartialEq, Clone)]
pub struct FormRootProps {
    /// The widget's configuration.
    pub config: Rc<WidgetConfig>,
    /// The article (id, URL and headline are what the form sends).
    pub article: Rc<Article>,
    /// The widget's mount element, for events.
    pub events: HostEvents,
    /// Open requests: a counter (each new value opens) and the selected passage.
    pub request: (u32, Option<String>),
    /// Close requests: each new value closes.
    pub close: u32,
    /// Told when the form opens (`true`) or closes (`false`).
    pub on_change: Callback<bool>,
}

/// The form bundle's root.
#[component]
pub fn FormRoot(props: &FormRootProps) -> Html {
    html! {
        <ContextProvider<ConfigContext> context={props.config.clone()}>
            <ContextProvider<HostEvents> context={props.events.clone()}>
                <FormPanel article={props.article.clone()} request={props.request.clone()}
                    close={props.close} on_change={props.on_change.clone()} />
            </ContextProvider<HostEvents>>
        </ContextProvider<ConfigContext>>
    }
}
