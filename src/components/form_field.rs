//! One labelled field of the native correction form: label (with "required"/"optional"), hint,
//! and the control, uncontrolled (the browser keeps what the reader types; the page's script
//! ties an error to it by `aria-describedby` and `aria-invalid` when there is one). A plain
//! render function, like the helpers in `markup.rs`.

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
    /// The control's id (the hint and the error derive theirs from it).
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
    /// The field's rules and messages, carried in the markup for the page's own check.
    pub checks: FieldChecks,
}

/// What the native form writes on a control for the check the page applies as the reader types
/// (`data-min`, `data-max`; embed/article-widget-native.js): aw-core's limits. (The messages
/// are the form's, once: `data-msg-*` on the `<form>`.)
#[derive(Default)]
pub struct FieldChecks {
    /// The least characters (when above zero).
    pub min: Option<String>,
    /// The most characters.
    pub max: Option<String>,
}

/// Renders a field.
pub fn form_field(f: FieldView<'_>) -> Html {
    let hint_id = format!("{}-hint", f.id);
    let FieldChecks { min, max } = f.checks;
    let control = match f.control {
        Control::TextArea(rows) => html! {
            <textarea id={f.id.clone()} name={f.name} rows={rows.to_string()}
                aria-describedby={hint_id.clone()} aria-invalid="false" aria-required={f.required.then_some("true")}
                required={f.required}
                data-min={min} data-max={max} />
        },
        Control::Input(kind, autocomplete) => html! {
            <input id={f.id.clone()} name={f.name} type={kind} {autocomplete}
                aria-describedby={hint_id.clone()} aria-invalid="false" aria-required={f.required.then_some("true")}
                spellcheck={(kind != "text").then_some("false")}
                required={f.required}
                data-min={min} data-max={max} />
        },
    };
    html! {
        <div class="aw-field">
            <label class="aw-field__label" for={f.id}>
                { f.label }<span class="aw-field__marker">{ format!(" ({})", f.marker) }</span>
            </label>
            <p class="aw-field__hint" id={hint_id}>{ f.hint }</p>
            { control }
        </div>
    }
}
