//! What a reader sees when there is no article to show: a short, translated message in the
//! widget's own styled box. The cause is in the console (see `use_article`).

use yew::prelude::*;

use crate::error::LoadError;
use crate::hooks::use_strings;

/// Props of [`ErrorBox`].
#[derive(Properties, PartialEq, Clone)]
pub struct ErrorBoxProps {
    /// What went wrong.
    pub error: LoadError,
}

/// The error state.
#[component]
pub fn ErrorBox(props: &ErrorBoxProps) -> Html {
    let s = use_strings();
    html! {
        <div class="aw-error" part="error" role="alert">
            <p class="aw-error__title">{ s.error_heading }</p>
            <p class="aw-error__message">{ props.error.reader_message(s) }</p>
        </div>
    }
}
