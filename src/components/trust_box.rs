//! "Truth and Accuracy": the publisher's corrections statement, its policy links, the button that
//! opens the correction form (or says plainly that corrections are not enabled on this page), the
//! container the form's on-demand bundle is mounted into, and the corrections already published
//! for this article.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::{date_time, heading, link};
use crate::config::ArticleSource;
use crate::hooks::{
    prefetch_form, use_article, use_config, use_strings, ArticleState, FormLoad, FormPort,
};
use crate::model::Article;

/// Props of [`TrustBox`].
#[derive(Properties, PartialEq, Clone)]
pub struct TrustBoxProps {
    /// The article: its trust data and published corrections (shared, not copied per render).
    pub article: Rc<Article>,
    /// The correction form (its bundle is loaded on first open).
    pub port: FormPort,
}

/// The trust box.
#[component]
pub fn TrustBox(props: &TrustBoxProps) -> Html {
    let config = use_config();
    let s = use_strings();
    let port = &props.port;
    let enabled = config.correction_endpoint.is_some();
    let open = enabled && port.open;
    let notice = use_state(|| false);
    let button = use_node_ref();
    // Closing the form (Cancel, Escape, Close) returns focus to the button that opened it.
    {
        let button = button.clone();
        let was_open = use_mut_ref(|| false);
        use_effect_with(open, move |open| {
            if std::mem::replace(&mut *was_open.borrow_mut(), *open) && !*open {
                if let Some(b) = button.cast::<web_sys::HtmlElement>() {
                    let _ = b.focus();
                }
            }
        });
    }
    let onclick = {
        let (notice, port) = (notice.clone(), port.clone());
        Callback::from(move |_: MouseEvent| {
            if !enabled {
                notice.set(true);
            } else if open {
                port.close.emit(());
            } else {
                port.request.emit(None);
            }
        })
    };
    // Hovering or focusing the button starts the form's download, so opening is instant.
    let warm_focus = enabled.then(|| Callback::from(|_: FocusEvent| prefetch_form()));
    let warm_pointer = enabled.then(|| Callback::from(|_: PointerEvent| prefetch_form()));
    let status = match port.load {
        FormLoad::Loading => s.form_loading,
        FormLoad::Failed => s.form_load_failed,
        FormLoad::Idle => "",
    };
    let heading_id = format!("{}-trust", config.id_prefix);
    let form_id = format!("{}-cf", config.id_prefix);
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
            <button type="button" class="aw-button" part="button" ref={button} {onclick}
                aria-expanded={enabled.then_some(if open { "true" } else { "false" })}
                aria-controls={enabled.then_some(form_id.clone())}
                aria-busy={(port.load == FormLoad::Loading).then_some("true")}
                onfocus={warm_focus} onpointerenter={warm_pointer}>
                { s.submit_correction }
            </button>
            if enabled {
                if port.has_draft && !open {
                    <p class="aw-trust__draft">{ s.draft_waiting }</p>
                }
                <p class="aw-trust__notice" role="status">{ status }</p>
                <div id={form_id} class="aw-trust__form" part="correction-form" ref={port.container.clone()}></div>
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
