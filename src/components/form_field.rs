//! One labelled form field: label (with "required"/"optional"), hint, the error tied to the
//! control by `aria-describedby` and `aria-invalid`, and a live character count when the field
//! has a limit. A plain render function, like the helpers in `markup.rs`.

use yew::prelude::*;

/// What kind of control.
#[derive(Clone, Copy, PartialEq)]
pub enum Control {
    /// A multi-line `<textarea>` with this many rows.
    TextArea(u32),
    /// An `<input>` of this `type`, with this `autocomplete`.
    Input(&'static str, &'static str),
}

/// A field to render.
pub struct FieldView<'a> {
    /// The control's id (the hint, count and error derive theirs from it).
    pub id: String,
    /// The `name` (the payload key).
    pub name: &'static str,
    /// Visible label.
    pub label: &'a str,
    /// "required" or "optional", shown after the label.
    pub marker: &'a str,
    /// Whether the field must be filled.
    pub required: bool,
    /// Hint under the label.
    pub hint: &'a str,
    /// The control.
    pub control: Control,
    /// Current value.
    pub value: String,
    /// The error message, if the field is invalid.
    pub error: Option<String>,
    /// "12 of 3,000 characters", for fields with a limit.
    pub count: Option<String>,
    /// While a request is in flight the text is read-only (still focusable and readable).
    pub readonly: bool,
    /// Input handler.
    pub oninput: Callback<InputEvent>,
    /// Blur handler (validation).
    pub onblur: Callback<FocusEvent>,
    /// The field's rules and messages, carried in the markup for the page's own check (the
    /// native form's; see `embed/article-widget-native.js`). Default: none.
    pub checks: FieldChecks,
}

/// What the native form writes on a control for the check the page applies as the reader types
/// (`data-min`, `data-max`, `data-msg-*`): aw-core's limits and messages, in the page's language.
#[derive(Default)]
pub struct FieldChecks {
    /// The least characters (when above zero).
    pub min: Option<String>,
    /// The most characters.
    pub max: Option<String>,
    /// The message when the field is required and empty.
    pub required: Option<String>,
    /// The message when it is shorter than `min`.
    pub short: Option<String>,
    /// The message when it is longer than `max`.
    pub long: Option<String>,
    /// The message when it is not a web address or not an email address (by its `type`).
    pub kind: Option<String>,
}

/// Renders a field.
pub fn form_field(f: FieldView<'_>) -> Html {
    let hint_id = format!("{}-hint", f.id);
    let count_id = format!("{}-count", f.id);
    let error_id = format!("{}-error", f.id);
    let mut described = hint_id.clone();
    if f.count.is_some() {
        described.push(' ');
        described.push_str(&count_id);
    }
    if f.error.is_some() {
        described.push(' ');
        described.push_str(&error_id);
    }
    let invalid = if f.error.is_some() { "true" } else { "false" };
    let class = if f.error.is_some() {
        "aw-field aw-field--invalid"
    } else {
        "aw-field"
    };
    let FieldChecks {
        min,
        max,
        required,
        short,
        long,
        kind: wrong_kind,
    } = f.checks;
    let control = match f.control {
        Control::TextArea(rows) => html! {
            <textarea id={f.id.clone()} name={f.name} rows={rows.to_string()} value={f.value}
                aria-describedby={described} aria-invalid={invalid} aria-required={f.required.then_some("true")}
                required={f.required} readonly={f.readonly} oninput={f.oninput} onblur={f.onblur}
                data-min={min} data-max={max} data-msg-required={required} data-msg-short={short}
                data-msg-long={long} data-msg-type={wrong_kind} />
        },
        Control::Input(kind, autocomplete) => html! {
            <input id={f.id.clone()} name={f.name} type={kind} {autocomplete} value={f.value}
                aria-describedby={described} aria-invalid={invalid} aria-required={f.required.then_some("true")}
                spellcheck={(kind != "text").then_some("false")}
                required={f.required} readonly={f.readonly} oninput={f.oninput} onblur={f.onblur}
                data-min={min} data-max={max} data-msg-required={required} data-msg-short={short}
                data-msg-long={long} data-msg-type={wrong_kind} />
        },
    };
    html! {
        <div {class}>
            <label class="aw-field__label" for={f.id}>
                { f.label }<span class="aw-field__marker">{ format!(" ({})", f.marker) }</span>
            </label>
            <p class="aw-field__hint" id={hint_id}>{ f.hint }</p>
            if let Some(error) = f.error {
                <p class="aw-field__error" id={error_id}>{ error }</p>
            }
            { control }
            if let Some(count) = f.count {
                <p class="aw-field__count" id={count_id}>{ count }</p>
            }
        </div>
    }
}
