//! One labelled field of the native correction form, drawn from aw-core's description of it
//! (`aw_core::correction::form::FieldSpec`): label (with "required"/"optional"), hint, and the
//! control, uncontrolled (the browser keeps what the reader types; the page's script ties an
//! error to it by `aria-describedby` and `aria-invalid` when there is one). aw-server's page for
//! readers without JavaScript draws the same description (`form_page.rs`). A plain render
//! function, like the helpers in `markup.rs`.

use yew::prelude::*;

use crate::correction::form::{Control, FieldSpec};

/// Renders `spec` with the element id `{prefix}-{name}`.
pub fn form_field(spec: &FieldSpec, prefix: &str) -> Html {
    let id = spec.id(prefix);
    let hint_id = format!("{id}-hint");
    let (min, max) = (
        spec.min.map(|n| n.to_string()),
        spec.max.map(|n| n.to_string()),
    );
    let required = spec.required;
    let name = spec.name;
    let control = match spec.control {
        Control::TextArea { rows } => html! {
            <textarea id={id.clone()} {name} rows={rows.to_string()}
                aria-describedby={hint_id.clone()} aria-invalid="false" aria-required={required.then_some("true")}
                {required}
                data-min={min} data-max={max} />
        },
        Control::Input { kind, autocomplete } => html! {
            <input id={id.clone()} {name} type={kind} {autocomplete}
                aria-describedby={hint_id.clone()} aria-invalid="false" aria-required={required.then_some("true")}
                spellcheck={(kind != "text").then_some("false")}
                {required}
                data-min={min} data-max={max} />
        },
        // The publisher's consent box: its text is the label.
        Control::Checkbox => {
            return html! {
                <div class="aw-field aw-field--check">
                    <input type="checkbox" id={id.clone()} {name} value="true" {required} />
                    <label for={id}>{ spec.label.to_owned() }</label>
                </div>
            }
        }
    };
    html! {
        // `names::FIELD`, written out: a literal keeps the element's attributes static in the
        // bundle (tests/names.rs holds it to the table).
        <div class="aw-field">
            <label class="aw-field__label" for={id}>
                { spec.label.to_owned() }
                if let Some(marker) = spec.marker {
                    <span class="aw-field__marker">{ format!(" ({marker})") }</span>
                }
            </label>
            <p class="aw-field__hint" id={hint_id}>{ spec.hint }</p>
            { control }
        </div>
    }
}
