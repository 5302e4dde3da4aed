//! The reader-facing words for the form's fields and their errors, in the reader's language:
//! one implementation for the widget's form and for aw-server's form page without JavaScript.

use super::draft::{Field, FieldError};
use crate::i18n::FormStrings;
use crate::intl::format_number;

/// The reader-facing message for a field error.
pub fn field_error(error: &FieldError, s: &FormStrings, locale: &str) -> String {
    match error {
        FieldError::Required => s.err_required.to_owned(),
        FieldError::TooShort { min } => s.err_short.replace("{n}", &format_number(*min, locale)),
        FieldError::TooLong { max } => s.err_long.replace("{n}", &format_number(*max, locale)),
        FieldError::InvalidUrl => s.err_url.to_owned(),
        FieldError::InvalidEmail => s.err_email.to_owned(),
        FieldError::ConsentRequired => s.err_consent.to_owned(),
        FieldError::Server(message) => message.clone(),
    }
}

/// A field's label and hint.
pub fn field_text(field: Field, s: &FormStrings) -> (&'static str, &'static str) {
    match field {
        Field::Quote => (s.quote_label, s.quote_hint),
        Field::Correction => (s.correction_label, s.correction_hint),
        Field::SourceUrl => (s.source_label, s.source_hint),
        Field::Name => (s.name_label, s.name_hint),
        Field::Email => (s.email_label, s.email_hint),
        // The consent box is labelled by the publisher's own text.
        Field::Consent => ("", ""),
    }
}
