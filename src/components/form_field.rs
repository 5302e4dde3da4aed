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
    let control = match f.control {
        Control::TextArea(rows) => html! {
            <textarea id={f.id.clone()} name={f.name} rows={rows.to_string()} value={f.value}
                aria-describedby={described} aria-invalid={invalid} aria-required={f.required.then_some("true")}
                required={f.required} readonly={f.readonly} oninput={f.oninput} onblur={f.onblur} />
        },
        Control::Input(kind, autocomplete) => html! {
            <input id={f.id.clone()} name={f.name} type={kind} {autocomplete} value={f.value}
                aria-describedby={described} aria-invalid={invalid} aria-required={f.required.then_some("true")}
                spellcheck={(kind != "text").then_some("false")}
                required={f.required} readonly={f.readonly} oninput={f.oninput} onblur={f.onblur} />
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
