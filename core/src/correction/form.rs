//! The correction form, described once: which fields it has, in which order, of which kind,
//! which of them are required, their limits, their `autocomplete`, and every word the reader
//! reads on it (labels, hints, markers, the messages the page's own check shows), in the reader's
//! language. Two renderers draw it — the widget's (Yew, `src/components/native_form.rs`) and
//! aw-server's page for a reader without JavaScript (maud, `form_page.rs`) — and aw-server
//! validates by the same [`Field::limits`] and [`Field::required`]; a contract test
//! (`tests/form_contract.rs`) fails when the two drawings differ in any field, attribute or word.

use super::draft::{Field, Rules, HONEYPOT_KEY};
use super::messages::field_text;
use crate::i18n::{form_strings_for, FormStrings};

/// The hidden field in which the widget's form carries the publisher's consent text (when it
/// has a consent box), so that aw-server's page asks for the same consent when it shows the form
/// again.
pub const CONSENT_TEXT_KEY: &str = "consentText";

/// What kind of control a field is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Control {
    /// A multi-line `<textarea>` with this many rows.
    TextArea {
        /// Its `rows`.
        rows: u32,
    },
    /// An `<input>` of this `type`, with this `autocomplete`.
    Input {
        /// Its `type`.
        kind: &'static str,
        /// Its `autocomplete` token.
        autocomplete: &'static str,
    },
    /// A checkbox that sends `value="true"` when ticked.
    Checkbox,
}

impl Field {
    /// The field's control.
    pub const fn control(self) -> Control {
        match self {
            Field::Quote => Control::TextArea { rows: 3 },
            Field::Correction => Control::TextArea { rows: 6 },
            Field::SourceUrl => Control::Input {
                kind: "url",
                autocomplete: "url",
            },
            Field::Name => Control::Input {
                kind: "text",
                autocomplete: "name",
            },
            Field::Email => Control::Input {
                kind: "email",
                autocomplete: "email",
            },
            Field::Consent => Control::Checkbox,
        }
    }
}

/// One field as the form shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldSpec {
    /// Which field.
    pub field: Field,
    /// Its `name` (the payload key) and the last part of its element id.
    pub name: &'static str,
    /// The visible label (for the consent box, the publisher's own text).
    pub label: String,
    /// The hint under the label (empty for the consent box).
    pub hint: &'static str,
    /// "required" or "optional", shown after the label (none on the consent box: its text is
    /// the publisher's, and it is always required).
    pub marker: Option<&'static str>,
    /// Whether the field must be filled (ticked).
    pub required: bool,
    /// The control.
    pub control: Control,
    /// The least characters, when above zero (`data-min`).
    pub min: Option<usize>,
    /// The most characters (`data-max`; none for the checkbox).
    pub max: Option<usize>,
}

impl FieldSpec {
    /// The element id under `prefix` (`{prefix}-{name}`); the hint's is `{id}-hint`, the
    /// error's `{id}-error`.
    pub fn id(&self, prefix: &str) -> String {
        format!("{prefix}-{}", self.name)
    }
}

/// The whole form in one language, under one publisher's rules.
#[derive(Clone, Debug)]
pub struct FormSpec {
    /// The words.
    pub strings: &'static FormStrings,
    /// The fields, in the order the form shows them (and the error summary lists them).
    pub fields: Vec<FieldSpec>,
    /// The `data-msg-*` attributes (name, text) the `<form>` carries for the page's own check
    /// and its sending status (embed/article-widget-native.js reads them).
    pub messages: Vec<(&'static str, String)>,
    /// The hidden spam trap's `name` and label.
    pub honeypot: (&'static str, &'static str),
}

/// The form for `locale` under `rules`: the consent box only when the publisher gives its text.
pub fn describe(locale: &str, rules: &Rules) -> FormSpec {
    let s = form_strings_for(locale);
    let fields = Field::ALL
        .into_iter()
        .filter_map(|field| {
            let required = field.required(rules);
            let (min, max) = field.limits();
            let (label, hint, marker, max) = match field {
                Field::Consent => (rules.consent_text.clone()?, "", None, None),
                _ => {
                    let (label, hint) = field_text(field, s);
                    let marker = if required { s.required } else { s.optional };
                    (label.to_owned(), hint, Some(marker), Some(max))
                }
            };
            Some(FieldSpec {
                field,
                name: field.key(),
                label,
                hint,
                marker,
                required,
                control: field.control(),
                min: (min > 0).then_some(min),
                max,
            })
        })
        .collect();
    let messages = vec![
        ("data-msg-sending", s.sending.to_owned()),
        ("data-msg-retrying", s.retrying.to_owned()),
        ("data-msg-busy", s.busy.to_owned()),
        (
            "data-msg-failed",
            format!("{}. {}", s.failed, s.failed_hint),
        ),
        ("data-msg-reference", s.reference.to_owned()),
        ("data-msg-required", s.err_required.to_owned()),
        ("data-msg-short", s.err_short.to_owned()),
        ("data-msg-long", s.err_long.to_owned()),
        ("data-msg-url", s.err_url.to_owned()),
        ("data-msg-email", s.err_email.to_owned()),
        ("data-msg-consent", s.err_consent.to_owned()),
    ];
    FormSpec {
        strings: s,
        fields,
        messages,
        honeypot: (HONEYPOT_KEY, s.honeypot),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rules_decide_the_required_fields_and_the_consent_box() {
        let plain = describe("en", &Rules::default());
        let names: Vec<_> = plain.fields.iter().map(|f| f.name).collect();
        assert_eq!(names, ["quote", "correction", "sourceUrl", "name", "email"]);
        let required: Vec<_> = plain
            .fields
            .iter()
            .filter(|f| f.required)
            .map(|f| f.name)
            .collect();
        assert_eq!(required, ["correction"]);
        let strict = describe(
            "en",
            &Rules {
                require_email: true,
                consent_text: Some("I agree".into()),
            },
        );
        let required: Vec<_> = strict
            .fields
            .iter()
            .filter(|f| f.required)
            .map(|f| f.name)
            .collect();
        assert_eq!(required, ["correction", "email", "consent"]);
        let consent = strict.fields.last().unwrap();
        assert_eq!(
            (consent.label.as_str(), consent.marker, consent.max),
            ("I agree", None, None)
        );
    }

    #[test]
    fn limits_are_the_validators() {
        let form = describe("de", &Rules::default());
        for spec in &form.fields {
            let (min, max) = spec.field.limits();
            assert_eq!(spec.min.unwrap_or(0), min, "{}", spec.name);
            assert_eq!(spec.max, Some(max), "{}", spec.name);
        }
        assert_eq!(
            form.fields[1].min,
            Some(super::super::draft::CORRECTION_MIN)
        );
    }
}
