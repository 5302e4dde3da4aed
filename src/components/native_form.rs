//! The correction form, as the browser's own HTML, in every widget: a `<details>` whose
//! `<summary>` is the "Submit a correction" button, holding a `<form>` that posts form-encoded to
//! the correction endpoint. It opens without any script (the press is the browser's), so a
//! reader on a slow phone types at once and a reader without JavaScript can send; aw-server
//! answers a browser's form with a `303` back to the article (its thank-you is [`thanks_id`]'s
//! element, shown by `:target`) or the form again with the reader's text and the errors. Where
//! scripts run, embed/article-widget.js and article-widget-native.js keep a draft, check the
//! fields as the reader types (by the limits and words this markup carries: [`checks`]), send it
//! in place and show the thank-you there.
//!
//! A client-rendered widget renders it in its trust box (`components::trust_box`). The
//! prerenderer puts it in the trust box's form container outside Yew's hydration tree: the
//! hydrating widget takes it out before hydrating and puts the same nodes back (see
//! `embed::hydrate`), so nothing the reader typed is replaced.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::form_field::form_field;
use crate::components::heading;
use crate::config::WidgetConfig;
use crate::correction::form::{describe, failed_message, CONSENT_TEXT_KEY};
use crate::correction::payload::Encoding;
use crate::correction::stored::draft_key;
use crate::i18n::strings_for;
use crate::model::{article_key, Article};

/// The class of the `<details>` (the loader and the hydrating widget find it by it).
pub const NATIVE_CLASS: &str = crate::names::NATIVE;

/// The slot the light-DOM thank-you is shown in (a fragment cannot reach into a shadow root, so
/// the thank-you the `303` points at lives in the page's own DOM, slotted into the trust box).
pub const THANKS_SLOT: &str = "aw-thanks";

/// The id of the thank-you element for `article` (unique per article on a page; the form sends
/// it as `thanks`, and aw-server redirects to `…#<id>`).
pub fn thanks_id(article: &Article) -> String {
    // FNV-1a: short, stable, and only ever [0-9a-f].
    let hash = article_key(article)
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
    format!("aw-thanks-{hash:016x}")
}

/// Props of [`NativeForm`].
#[derive(Properties, PartialEq, Clone)]
pub struct NativeFormProps {
    /// The widget's configuration (endpoint, locale, rules, id prefix, heading level).
    pub config: Rc<WidgetConfig>,
    /// The article the correction is about (its id, URL and headline travel as hidden fields).
    pub article: Rc<Article>,
}

/// The form (nothing when the widget has no correction endpoint).
#[component]
pub fn NativeForm(props: &NativeFormProps) -> Html {
    let config = &props.config;
    let Some(endpoint) = config.correction_endpoint.clone() else {
        return Html::default();
    };
    let locale = &config.locale;
    let w = strings_for(locale);
    let rules = config.correction_rules();
    let form = describe(locale, &rules);
    let s = form.strings;
    let article = &props.article;
    let prefix = format!("{}-nf", config.id_prefix);
    let title_id = format!("{prefix}-title");
    let hidden = |name: &'static str, value: Option<String>| {
        value.map(|value| html! { <input type="hidden" {name} {value} /> })
    };
    let article_url = article.url.as_ref().map(|u| u.href.clone());
    let (honeypot_name, honeypot_label) = form.honeypot;
    let honeypot_id = format!("{prefix}-{honeypot_name}");
    let fields: Html = form
        .fields()
        .map(|spec| form_field(&spec, &prefix))
        .collect();
    let form_node = html! {
                // What the page says while it sends and checks (article-widget-native.js), in
                // its language: `FormSpec::messages`, by name (tests/form_contract.rs).
                <form method="post" action={endpoint} accept-charset="utf-8" aria-labelledby={title_id.clone()}
                    data-msg-sending={s.sending} data-msg-retrying={s.retrying} data-msg-busy={s.busy}
                    data-msg-failed={failed_message(s)} data-msg-reference={s.reference}
                    data-msg-required={s.err_required} data-msg-short={s.err_short} data-msg-long={s.err_long}
                    data-msg-url={s.err_url} data-msg-email={s.err_email} data-msg-consent={s.err_consent}
                    data-legacy-draft={draft_key(&article_key(article))}
                    data-encoding={(config.correction_encoding == Encoding::Form).then_some("form")}
                    data-credentials={config.correction_credentials.then_some("include")}>
                    { heading(config.heading_level, 2, Some(title_id), "aw-form__title", html! { s.heading }) }
                    <p class="aw-form__intro">{ s.intro }</p>
                    { hidden("articleId", article.id.clone()) }
                    { hidden("articleUrl", article_url.clone()) }
                    { hidden("headline", Some(article.headline.clone())) }
                    { hidden("locale", Some(locale.clone())) }
                    // Where aw-server sends the reader back (the loader puts the page's own
                    // address here when scripts run), and the thank-you to show there.
                    { hidden("returnTo", article_url) }
                    { hidden("thanks", Some(thanks_id(article))) }
                    // The consent box's words, for aw-server's page should it show the form again.
                    { hidden(CONSENT_TEXT_KEY, rules.consent_text) }
                    { fields }
                    <div class="aw-hp" aria-hidden="true">
                        <label for={honeypot_id.clone()}>{ honeypot_label }</label>
                        <input type="text" id={honeypot_id} name={honeypot_name} tabindex="-1" autocomplete="off" />
                    </div>
                    <p class="aw-form__status" role="status"></p>
                    <div class="aw-form__actions">
                        <button type="submit" class="aw-button" part="button">{ s.send }</button>
                    </div>
                </form>
    };
    html! {
        <details class={NATIVE_CLASS}>
            <summary class="aw-button" part="button">{ w.submit_correction }</summary>
            <div class="aw-form">{ form_node }</div>
        </details>
    }
}
