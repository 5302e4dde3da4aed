//! The correction form: fields with labels, hints, limits and errors; an error summary that takes
//! focus after a failed submit; status announced through a live region while sending, retrying
//! or rate limited; the failure box with "Try again"; the thank-you view with the reference. It
//! renders the [`FormState`](crate::correction::state::FormState) it is given and dispatches
//! actions; sending and storage are the `use_correction` hook's.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::form_field::{form_field, Control, FieldChecks, FieldView};
use crate::components::heading;
use crate::correction::draft::{Field, FieldError, CORRECTION_MAX, HONEYPOT_KEY, QUOTE_MAX};
use crate::correction::messages::{field_error as error_message, field_text};
use crate::correction::state::{Action, Phase};
use crate::hooks::{last_sent_ms, use_config, FormReducerHandle};
use crate::i18n::{form_strings_for, FormStrings};
use crate::intl::format_number;
use crate::model::Article;
use crate::services::browser::{new_uuid, now_ms};

/// Props of [`CorrectionForm`].
#[derive(Properties, PartialEq, Clone)]
pub struct CorrectionFormProps {
    /// The form's state and dispatcher.
    pub form: FormReducerHandle,
    /// The article the correction is about.
    pub article: Rc<Article>,
}

/// The id of a field's control.
fn field_id(prefix: &str, field: Field) -> String {
    format!("{prefix}-cf-{}", field.key())
}

/// A summary entry names its field: "Your email: Enter an email address like …".
fn summary_text(field: Field, error: &FieldError, s: &FormStrings, locale: &str) -> String {
    match field_text(field, s).0 {
        "" => error_message(error, s, locale),
        label => format!("{label}: {}", error_message(error, s, locale)),
    }
}

/// Seconds from now until `at_ms`, rounded up, never negative.
fn seconds_until(at_ms: f64) -> usize {
    ((at_ms - now_ms()) / 1_000.0).ceil().max(0.0) as usize
}

/// A callback that dispatches `action`, whatever the event.
fn act<E: 'static>(form: &FormReducerHandle, action: Action) -> Callback<E> {
    let form = form.clone();
    Callback::from(move |_: E| form.dispatch(action.clone()))
}

/// Moves focus to the element with `id` inside `root` (the form's container).
fn focus(root: &NodeRef, id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = root
        .cast::<web_sys::Element>()
        .and_then(|r| r.query_selector(&format!("#{id}")).ok().flatten())
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// The text of the input an event came from.
fn input_value(e: &InputEvent) -> String {
    // `value` is read structurally: the same getter serves <input> and <textarea>.
    e.target_unchecked_into::<web_sys::HtmlInputElement>()
        .value()
}

/// The correction form (shown while the form is open).
#[component]
pub fn CorrectionForm(props: &CorrectionFormProps) -> Html {
    let config = use_config();
    let s = form_strings_for(&config.locale);
    let locale = &config.locale;
    let form = &props.form;
    let root = use_node_ref();
    let prefix = format!("{}-cf", config.id_prefix);
    let summary_id = format!("{prefix}-summary");
    let done_id = format!("{prefix}-done");

    // Opening moves focus into the form: to the passage, or past it when a selection filled it.
    {
        let (root, first) = (
            root.clone(),
            field_id(
                &config.id_prefix,
                if form.draft.quote.is_empty() {
                    Field::Quote
                } else {
                    Field::Correction
                },
            ),
        );
        use_effect_with(form.opens, move |_| focus(&root, &first));
    }
    // After a failed submit, focus goes to the error summary; after a 2xx, to the thank-you.
    {
        let root = root.clone();
        let target = match &form.phase {
            Phase::Sent { .. } => Some(done_id.clone()),
            Phase::Editing if form.summary => Some(summary_id.clone()),
            _ => None,
        };
        use_effect_with((form.submits, target), move |(_, target)| {
            if let Some(id) = target {
                focus(&root, id);
            }
        });
    }

    let onkeydown = {
        let form = form.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                form.dispatch(Action::Close);
            }
        })
    };
    let close = act(form, Action::Close);

    if let Phase::Sent { reference } = &form.phase {
        let another = {
            let form = form.clone();
            Callback::from(move |_: MouseEvent| {
                form.dispatch(Action::StartOver {
                    new_key: new_uuid(),
                })
            })
        };
        return html! {
            <div class="aw-form aw-form--done" ref={root} {onkeydown}>
                <div class="aw-form__done" id={done_id} tabindex="-1" role="status">
                    { heading(config.heading_level, 2, None, "aw-form__title", html! { s.thanks }) }
                    <p>{ s.thanks_text }</p>
                    if let Some(reference) = reference {
                        <p class="aw-form__reference">{ s.reference }{ " " }<strong>{ reference }</strong></p>
                    }
                </div>
                <div class="aw-form__actions">
                    <button type="button" class="aw-button" part="button" onclick={another}>{ s.another }</button>
                    <button type="button" class="aw-button aw-button--quiet" onclick={close}>{ s.close }</button>
                </div>
            </div>
        };
    }

    let busy = form.busy();
    let rules = &form.rules;
    let error_of = |field: Field| {
        form.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, e)| error_message(e, s, locale))
    };
    let count = |field: Field, max: usize| {
        let n = form.draft.get(field).chars().count();
        s.count
            .replace("{n}", &format_number(n, locale))
            .replace("{max}", &format_number(max, locale))
    };
    let edit = |field: Field| {
        let form = form.clone();
        Callback::from(move |e: InputEvent| {
            form.dispatch(Action::Edit {
                field,
                value: input_value(&e),
                now_ms: now_ms(),
            })
        })
    };
    let blur = |field: Field| act(form, Action::Blur(field));
    let field = |field: Field, required: bool, control: Control, limit: Option<usize>| {
        let (label, hint) = field_text(field, s);
        form_field(FieldView {
            id: field_id(&config.id_prefix, field),
            name: field.key(),
            label,
            marker: if required { s.required } else { s.optional },
            required,
            hint,
            control,
            value: form.draft.get(field).to_owned(),
            error: error_of(field),
            count: limit.map(|max| count(field, max)),
            readonly: busy,
            oninput: edit(field),
            onblur: blur(field),
            checks: FieldChecks::default(),
        })
    };

    let onsubmit = {
        let form = form.clone();
        let article = props.article.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            form.dispatch(Action::Submit {
                now_ms: now_ms(),
                last_sent_ms: last_sent_ms(&article),
                new_key: new_uuid(),
            });
        })
    };
    let discard = {
        let form = form.clone();
        Callback::from(move |_: MouseEvent| {
            form.dispatch(Action::Discard {
                new_key: new_uuid(),
            })
        })
    };
    // "Try again" brings a fresh key, used only if the reader changed the text since it was sent.
    let try_again = {
        let form = form.clone();
        Callback::from(move |_: MouseEvent| form.dispatch(Action::Retry(Some(new_uuid()))))
    };
    let status = match &form.phase {
        Phase::Sending { .. } => s.sending.to_owned(),
        Phase::Waiting {
            retry_at_ms,
            rate_limited,
            ..
        } => {
            let text = if *rate_limited { s.busy } else { s.retrying };
            text.replace("{n}", &format_number(seconds_until(*retry_at_ms), locale))
        }
        Phase::Throttled { until_ms } => s
            .throttled
            .replace("{n}", &format_number(seconds_until(*until_ms), locale)),
        Phase::Editing if form.held => s.held.to_owned(),
        _ => String::new(),
    };
    let title_id = format!("{prefix}-title");
    let consent_id = field_id(&config.id_prefix, Field::Consent);
    let consent_error = error_of(Field::Consent);
    let on_consent = {
        let form = form.clone();
        Callback::from(move |e: Event| {
            let on = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .checked();
            form.dispatch(Action::SetConsent(on))
        })
    };
    let honeypot_id = format!("{prefix}-{HONEYPOT_KEY}");
    let on_honeypot = {
        let form = form.clone();
        Callback::from(move |e: InputEvent| form.dispatch(Action::Trap(input_value(&e))))
    };

    html! {
        <div class="aw-form" ref={root.clone()}>
            <form novalidate=true aria-labelledby={title_id.clone()} {onsubmit} {onkeydown}>
                { heading(config.heading_level, 2, Some(title_id), "aw-form__title", html! { s.heading }) }
                <p class="aw-form__intro">{ s.intro }</p>
                if form.restored && !busy {
                    <p class="aw-form__restored">
                        { s.restored }{ " " }
                        <button type="button" class="aw-linkbutton" onclick={discard}>{ s.discard }</button>
                    </p>
                }
                if form.summary && !form.errors.is_empty() {
                    <div class="aw-summary" id={summary_id.clone()} tabindex="-1" role="group"
                        aria-labelledby={format!("{summary_id}-title")}>
                        <p class="aw-summary__title" id={format!("{summary_id}-title")}>{ s.summary }</p>
                        <ul>
                            for (f, e) in form.errors.iter() {
                                <li>{ summary_link(&root, &field_id(&config.id_prefix, *f), summary_text(*f, e, s, locale)) }</li>
                            }
                        </ul>
                    </div>
                }
                if let Phase::Failed { message } = &form.phase {
                    <div class="aw-form__failed" role="alert">
                        <p class="aw-form__failed-title">{ s.failed }</p>
                        if let Some(message) = message { <p>{ message }</p> }
                        <p>{ s.failed_hint }</p>
                        <button type="button" class="aw-button" onclick={try_again}>{ s.try_again }</button>
                    </div>
                }
                { field(Field::Quote, false, Control::TextArea(3), Some(QUOTE_MAX)) }
                { field(Field::Correction, true, Control::TextArea(6), Some(CORRECTION_MAX)) }
                { field(Field::SourceUrl, false, Control::Input("url", "url"), None) }
                { field(Field::Name, false, Control::Input("text", "name"), None) }
                { field(Field::Email, rules.require_email, Control::Input("email", "email"), None) }
                if let Some(text) = &rules.consent_text {
                    <div class={if consent_error.is_some() { "aw-field aw-field--check aw-field--invalid" } else { "aw-field aw-field--check" }}>
                        if let Some(error) = &consent_error {
                            <p class="aw-field__error" id={format!("{consent_id}-error")}>{ error }</p>
                        }
                        <input type="checkbox" id={consent_id.clone()} name="consent" checked={form.draft.consent}
                            aria-invalid={if consent_error.is_some() { "true" } else { "false" }}
                            aria-describedby={consent_error.as_ref().map(|_| format!("{consent_id}-error"))}
                            onchange={on_consent} onblur={blur(Field::Consent)} />
                        <label for={consent_id}>{ text }</label>
                    </div>
                }
                <div class="aw-hp" aria-hidden="true">
                    <label for={honeypot_id.clone()}>{ s.honeypot }</label>
                    <input type="text" id={honeypot_id} name={HONEYPOT_KEY} tabindex="-1" autocomplete="off"
                        value={form.draft.honeypot.clone()} oninput={on_honeypot} />
                </div>
                <p class="aw-form__status" role="status">{ status }</p>
                <div class="aw-form__actions">
                    <button type="submit" class="aw-button" part="button" aria-disabled={busy.then_some("true")}>
                        { if busy { s.sending } else { s.send } }
                    </button>
                    <button type="button" class="aw-button aw-button--quiet" onclick={close}>{ s.cancel }</button>
                </div>
            </form>
        </div>
    }
}

/// A summary entry: a link that moves focus to its field (fragment links do not reach into a
/// shadow root, so the click is handled here).
fn summary_link(root: &NodeRef, id: &str, text: String) -> Html {
    let onclick = {
        let (root, id) = (root.clone(), id.to_owned());
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            focus(&root, &id);
        })
    };
    html! { <a href={format!("#{id}")} {onclick}>{ text }</a> }
}
