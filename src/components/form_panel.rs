//! Owns the correction form's state machine and effects (`use_correction`) and shows the form
//! while it is open; turns the core widget's requests into actions and reports open/closed back.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::CorrectionForm;
use crate::correction::state::{Action, Phase};
use crate::hooks::use_correction;
use crate::model::Article;
use crate::services::browser::now_ms;

/// Props of [`FormPanel`].
#[derive(Properties, PartialEq, Clone)]
pub struct FormPanelProps {
    /// The article.
    pub article: Rc<Article>,
    /// Open requests (counter, selected passage).
    pub request: (u32, Option<String>),
    /// Close requests (counter).
    pub close: u32,
    /// Told when the form opens or closes.
    pub on_change: Callback<bool>,
}

/// The form, open or closed.
#[component]
pub fn FormPanel(props: &FormPanelProps) -> Html {
    let form = use_correction(&props.article);
    {
        let form = form.clone();
        use_effect_with(props.request.clone(), move |(n, prefill)| {
            if *n > 0 {
                form.dispatch(Action::Open {
                    prefill: prefill.clone(),
                    now_ms: now_ms(),
                });
            }
        });
    }
    {
        let form = form.clone();
        use_effect_with(props.close, move |n| {
            if *n > 0 {
                form.dispatch(Action::Close);
            }
        });
    }
    let open = !matches!(form.phase, Phase::Closed);
    {
        let on_change = props.on_change.clone();
        use_effect_with(open, move |open| on_change.emit(*open));
    }
    html! {
        if open { <CorrectionForm {form} article={props.article.clone()} /> }
    }
}
