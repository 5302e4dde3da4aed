//! "Truth and Accuracy": the publisher's corrections statement, its policy links, the button that
//! opens the correction form, and the corrections already published for this article.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::{date_time, heading, link};
use crate::hooks::{use_config, use_strings};
use crate::model::Article;

/// Props of [`TrustBox`].
#[derive(Properties, PartialEq, Clone)]
pub struct TrustBoxProps {
    /// The article: its trust data and published corrections (shared, not copied per render).
    pub article: Rc<Article>,
}

/// The trust box.
#[component]
pub fn TrustBox(props: &TrustBoxProps) -> Html {
    let config = use_config();
    let s = use_strings();
    // The correction form arrives with its own issue; until then the button says so plainly
    // instead of doing nothing.
    let notice = use_state(|| false);
    let onclick = {
        let notice = notice.clone();
        Callback::from(move |_: MouseEvent| notice.set(true))
    };
    let heading_id = format!("{}-trust", config.id_prefix);
    let trust = &props.article.trust;
    let corrections = &props.article.corrections;
    let links = [
        (&trust.standards_url, s.trust_standards),
        (&trust.corrections_policy_url, s.trust_corrections_policy),
        (&trust.ethics_policy_url, s.trust_ethics),
    ];
    html! {
        <section class="aw-trust" part="trust-box" aria-labelledby={heading_id.clone()}>
            { heading(config.heading_level, 1, Some(heading_id), "aw-trust__heading", html! { s.trust_heading }) }
            <p class="aw-trust__statement">{ trust.statement.as_deref().unwrap_or(s.trust_statement) }</p>
            if links.iter().any(|(url, _)| url.is_some()) {
                <ul class="aw-trust__links">
                    for (url, label) in links {
                        if let Some(url) = url {
                            <li>{ link(url, "", html! { label }) }</li>
                        }
                    }
                </ul>
            }
            <button type="button" class="aw-button" part="button" {onclick}>{ s.submit_correction }</button>
            <p class="aw-trust__notice" role="status">
                if *notice { { s.corrections_unavailable } }
            </p>
            if !corrections.is_empty() {
                { heading(config.heading_level, 2, None, "aw-trust__subheading", html! { s.corrections_heading }) }
                <ul class="aw-corrections">
                    for correction in corrections.iter() {
                        <li>
                            if let Some(date) = &correction.date {
                                { date_time(date, &config.locale) }{ ": " }
                            }
                            { &correction.text }
                        </li>
                    }
                </ul>
            }
        </section>
    }
}
