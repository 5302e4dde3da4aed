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
pub struct FieldSpec<'a> {
    /// Which field.
    pub field: Field,
    /// Its `name` (the payload key) and the last part of its element id.
    pub name: &'static str,
    /// The visible label (for the consent box, the publisher's own text).
    pub label: &'a str,
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

impl FieldSpec<'_> {
    /// The element id under `prefix` (`{prefix}-{name}`); the hint's is `{id}-hint`, the
    /// error's `{id}-error`.
    pub fn id(&self, prefix: &str) -> String {
        format!("{prefix}-{}", self.name)
    }
}

/// The whole form in one language, under one publisher's rules.
#[derive(Clone, Copy, Debug)]
pub struct FormSpec<'a> {
    /// The words.
    pub strings: &'static FormStrings,
    /// The publisher's rules.
    pub rules: &'a Rules,
    /// The hidden spam trap's `name` and label.
    pub honeypot: (&'static str, &'static str),
}

impl<'a> FormSpec<'a> {
    /// The fields, in the order the form shows them (and the error summary lists them).
    pub fn fields(self) -> impl Iterator<Item = FieldSpec<'a>> {
        let (s, rules) = (self.strings, self.rules);
        Field::ALL.into_iter().filter_map(move |field| {
            let required = field.required(rules);
            let (min, max) = field.limits();
            let (label, hint, marker, max) = match field {
                Field::Consent => (rules.consent_text.as_deref()?, "", None, None),
                _ => {
                    let (label, hint) = field_text(field, s);
                    let marker = if required { s.required } else { s.optional };
                    (label, hint, Some(marker), Some(max))
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
    }

    /// The `data-msg-*` attributes (name, text) the `<form>` carries for the page's own check
    /// and its sending status (embed/article-widget-native.js reads them). The widget writes
    /// them by name (Yew's `html!` takes no computed attribute names); the contract test holds
    /// them to this list.
    pub fn messages(&self) -> [(&'static str, String); 11] {
        let s = self.strings;
        [
            ("data-msg-sending", s.sending.to_owned()),
            ("data-msg-retrying", s.retrying.to_owned()),
            ("data-msg-busy", s.busy.to_owned()),
            ("data-msg-failed", failed_message(s)),
            ("data-msg-reference", s.reference.to_owned()),
            ("data-msg-required", s.err_required.to_owned()),
            ("data-msg-short", s.err_short.to_owned()),
            ("data-msg-long", s.err_long.to_owned()),
            ("data-msg-url", s.err_url.to_owned()),
            ("data-msg-email", s.err_email.to_owned()),
            ("data-msg-consent", s.err_consent.to_owned()),
        ]
    }
}

/// What the page says when sending failed: the heading and the hint, one line.
pub fn failed_message(s: &FormStrings) -> String {
    format!("{}. {}", s.failed, s.failed_hint)
}

/// The form for `locale` under `rules`: the consent box only when the publisher gives its text.
pub fn describe<'a>(locale: &str, rules: &'a Rules) -> FormSpec<'a> {
    let s = form_strings_for(locale);
    FormSpec {
        strings: s,
        rules,
        honeypot: (HONEYPOT_KEY, s.honeypot),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rules_decide_the_required_fields_and_the_consent_box() {
        let rules = Rules::default();
        let plain = describe("en", &rules);
        let names: Vec<_> = plain.fields().map(|f| f.name).collect();
        assert_eq!(names, ["quote", "correction", "sourceUrl", "name", "email"]);
        let required: Vec<_> = plain
            .fields()
            .filter(|f| f.required)
            .map(|f| f.name)
            .collect();
        assert_eq!(required, ["correction"]);
        let rules = Rules {
            require_email: true,
            consent_text: Some("I agree".into()),
        };
        let strict = describe("en", &rules);
        let required: Vec<_> = strict
            .fields()
            .filter(|f| f.required)
            .map(|f| f.name)
            .collect();
        assert_eq!(required, ["correction", "email", "consent"]);
        let consent = strict.fields().last().unwrap();
        assert_eq!(
            (consent.label, consent.marker, consent.max),
            ("I agree", None, None)
        );
    }

    #[test]
    fn limits_are_the_validators() {
        let rules = Rules::default();
        let form = describe("de", &rules);
        for spec in form.fields() {
            let (min, max) = spec.field.limits();
            assert_eq!(spec.min.unwrap_or(0), min, "{}", spec.name);
            assert_eq!(spec.max, Some(max), "{}", spec.name);
        }
        assert_eq!(
            form.fields().nth(1).unwrap().min,
            Some(super::super::draft::CORRECTION_MIN)
        );
    }
}
