//! "Truth and Accuracy": the publisher's corrections statement, its policy links, the
//! correction form (the browser's own, `components::native_form`: its `<summary>` is the
//! "Submit a correction" button), or, without a correction endpoint, a button that says plainly
//! that corrections are not enabled on this page; and the corrections already published for
//! this article.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::native_form::thanks_id;
use crate::components::{date_time, heading, link, NativeForm};
use crate::config::ArticleSource;
use crate::hooks::{use_article, use_config, use_strings, ArticleState};
use crate::i18n::form_strings_for;
use crate::model::Article;

/// Props of [`TrustBox`].
#[derive(Properties, PartialEq, Clone)]
pub struct TrustBoxProps {
    /// The article: its trust data and published corrections (shared, not copied per render).
    pub article: Rc<Article>,
    /// The form's container (the selection button opens the form in it).
    pub container: NodeRef,
    /// Whether the widget renders the form itself. A prerendered widget's form is the server's
    /// (written into the container outside the tree Yew hydrates, and kept by the page's script
    /// when the widget hydrates or renders anew): the container is rendered empty then.
    pub native_form: bool,
}

/// The trust box.
#[component]
pub fn TrustBox(props: &TrustBoxProps) -> Html {
    let config = use_config();
    let s = use_strings();
    let enabled = config.correction_endpoint.is_some();
    let notice = use_state(|| false);
    // Without an endpoint the button says so; with one it is the prerendered markup's (the
    // native form's <summary> stands in for it: the stylesheet hides it).
    let onclick = {
        let notice = notice.clone();
        Callback::from(move |_: MouseEvent| notice.set(!enabled))
    };
    let form_id = format!("{}-cf", config.id_prefix);
    let heading_id = format!("{}-trust", config.id_prefix);
    let own_form = enabled && props.native_form;
    let trust = &props.article.trust;
    // `data-corrections-src`: the article's published corrections from a corrections service,
    // fetched once the box shows (the article never waits for them). The answer is an article
    // document (aw-server's has a headline), read by the same hook and parser as the article:
    // a second fetch path cost the bundle 2 KB. Only its corrections are used.
    let published = use_article(
        &config
            .corrections_src
            .as_ref()
            .map_or(ArticleSource::Deferred, |template| {
                ArticleSource::Url(props.article.corrections_src(template))
            }),
    );
    let published = match &published {
        ArticleState::Ready(fetched) => &fetched.corrections[..],
        _ => &[],
    };
    let corrections = props.article.all_corrections(published);
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
            if !own_form {
                <button type="button" class="aw-button" part="button" {onclick}
                    aria-expanded={enabled.then_some("false")} aria-controls={enabled.then_some(form_id.clone())}>
                    { s.submit_correction }
                </button>
            }
            if enabled {
                <div id={form_id} class={crate::names::TRUST_FORM} part="correction-form" ref={props.container.clone()}>
                    if own_form {
                        // The thank-you the form's script shows once it is sent (and aw-server's
                        // `303` points at, when the browser posted it itself).
                        <p id={thanks_id(&props.article)} class="aw-thanks" tabindex="-1">
                            <strong>{ form_strings_for(&config.locale).thanks }</strong><br />
                            { form_strings_for(&config.locale).thanks_text }
                        </p>
                        <NativeForm config={config.clone()} article={props.article.clone()} />
                    }
                </div>
            } else {
                <p class="aw-trust__notice" role="status">
                    if *notice { { s.corrections_unavailable } }
                </p>
            }
            if !corrections.is_empty() {
                { heading(config.heading_level, 2, None, "aw-trust__subheading", html! { s.corrections_heading }) }
                <ul class="aw-corrections">
                    for correction in corrections {
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
