//! The reader's draft and the validation rules the form (and the development endpoint) apply.

/// A form field, in the order the form shows them (and the error summary lists them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// The passage in question.
    Quote,
    /// What is wrong and what is right.
    Correction,
    /// A supporting source.
    SourceUrl,
    /// The reader's name.
    Name,
    /// The reader's email.
    Email,
    /// The publisher's consent/acknowledgement checkbox.
    Consent,
}

/// The `name` of the form's hidden honeypot field (never sent by the widget; a server that
/// receives it filled knows a bot sent the form).
pub const HONEYPOT_KEY: &str = "website";

impl Field {
    /// The text fields (all but the consent box), in form order: what is saved and sent.
    pub const TEXT: [Field; 5] = [
        Field::Quote,
        Field::Correction,
        Field::SourceUrl,
        Field::Name,
        Field::Email,
    ];

    /// Every field, in form order.
    pub const ALL: [Field; 6] = [
        Field::Quote,
        Field::Correction,
        Field::SourceUrl,
        Field::Name,
        Field::Email,
        Field::Consent,
    ];

    /// The field's one key: in the payload, in the saved draft, in the form's `name` attributes
    /// and element ids, and what a server names in its field errors.
    pub const fn key(self) -> &'static str {
        match self {
            Field::Quote => "quote",
            Field::Correction => "correction",
            Field::SourceUrl => "sourceUrl",
            Field::Name => "name",
            Field::Email => "email",
            Field::Consent => "consent",
        }
    }

    /// The field's length limits in characters (Unicode scalar values, counted after trimming
    /// white space at both ends): `(min, max)`. One statement of them: [`validate_field`]
    /// applies them, and the native form carries them (`data-min`/`data-max`) for the check the
    /// page applies as the reader types.
    pub const fn limits(self) -> (usize, usize) {
        match self {
            Field::Quote => (0, QUOTE_MAX),
            Field::Correction => (CORRECTION_MIN, CORRECTION_MAX),
            Field::SourceUrl => (0, URL_MAX),
            Field::Name => (0, NAME_MAX),
            Field::Email => (0, EMAIL_MAX),
            Field::Consent => (0, usize::MAX),
        }
    }

    /// Whether the field must be filled under `rules` (the correction always; the email when
    /// the publisher asks for it; the consent box when there is one).
    pub fn required(self, rules: &Rules) -> bool {
        match self {
            Field::Correction => true,
            Field::Email => rules.require_email,
            Field::Consent => rules.consent_text.is_some(),
            _ => false,
        }
    }

    /// The field a server's error key names (`email`, `sourceUrl`, `source_url`…).
    pub fn from_key(key: &str) -> Option<Field> {
        let k: String = key
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        Field::ALL
            .into_iter()
            .find(|f| f.key().to_ascii_lowercase() == k)
    }
}

/// Limits, in characters.
pub const QUOTE_MAX: usize = 1_000;
/// Minimum length of the correction.
pub const CORRECTION_MIN: usize = 20;
/// Maximum length of the correction.
pub const CORRECTION_MAX: usize = 3_000;
/// Maximum length of a name.
pub const NAME_MAX: usize = 200;
/// Maximum length of an email address (RFC 5321 path limit).
pub const EMAIL_MAX: usize = 254;
/// Maximum length of the source URL.
pub const URL_MAX: usize = 2_000;

/// What the reader typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    /// The passage in question (pre-filled from a selection).
    pub quote: String,
    /// What is wrong and what is right.
    pub correction: String,
    /// Supporting source, http(s).
    pub source_url: String,
    /// Optional name.
    pub name: String,
    /// Optional (or required) email.
    pub email: String,
    /// The consent box, when the publisher shows one.
    pub consent: bool,
    /// The hidden honeypot: people never fill it.
    pub honeypot: String,
}

impl Draft {
    /// The text of a text field.
    pub fn get(&self, field: Field) -> &str {
        match field {
            Field::Quote => &self.quote,
            Field::Correction => &self.correction,
            Field::SourceUrl => &self.source_url,
            Field::Name => &self.name,
            Field::Email => &self.email,
            Field::Consent => "",
        }
    }

    /// Sets a text field.
    pub fn set(&mut self, field: Field, value: String) {
        match field {
            Field::Quote => self.quote = value,
            Field::Correction => self.correction = value,
            Field::SourceUrl => self.source_url = value,
            Field::Name => self.name = value,
            Field::Email => self.email = value,
            Field::Consent => self.consent = !value.is_empty(),
        }
    }

    /// A draft from a flat object's text fields, by their payload keys (`quote`, `correction`,
    /// `sourceUrl`, `name`, `email`): a saved draft, or a submission the endpoint received.
    pub fn from_keys(text: &dyn Fn(&str) -> String) -> Draft {
        let mut draft = Draft::default();
        for field in Field::TEXT {
            draft.set(field, text(field.key()));
        }
        draft
    }
}

/// What the publisher configured for the form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rules {
    /// `data-correction-require-email`.
    pub require_email: bool,
    /// The consent checkbox's text, when the publisher supplies one (then it must be ticked).
    pub consent_text: Option<String>,
}

/// Why a field is not acceptable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldError {
    /// Must be filled in.
    Required,
    /// Fewer characters than `min`.
    TooShort {
        /// The minimum.
        min: usize,
    },
    /// More characters than `max`.
    TooLong {
        /// The maximum.
        max: usize,
    },
    /// Not an http(s) URL.
    InvalidUrl,
    /// Not an email address.
    InvalidEmail,
    /// The consent box is not ticked.
    ConsentRequired,
    /// The server's own message for this field.
    Server(String),
}

/// Checks one field.
pub fn validate_field(draft: &Draft, field: Field, rules: &Rules) -> Option<FieldError> {
    if field == Field::Consent {
        return (rules.consent_text.is_some() && !draft.consent)
            .then_some(FieldError::ConsentRequired);
    }
    let text = draft.get(field).trim();
    let (min, max) = field.limits();
    match text.chars().count() {
        0 => field.required(rules).then_some(FieldError::Required),
        n if n < min => Some(FieldError::TooShort { min }),
        n if n > max => Some(FieldError::TooLong { max }),
        _ => match field {
            Field::SourceUrl => (!is_http_url(text)).then_some(FieldError::InvalidUrl),
            Field::Email => (!is_email(text)).then_some(FieldError::InvalidEmail),
            _ => None,
        },
    }
}

/// Checks every field; errors come in form order.
pub fn validate(draft: &Draft, rules: &Rules) -> Vec<(Field, FieldError)> {
    Field::ALL
        .into_iter()
        .filter_map(|f| validate_field(draft, f, rules).map(|e| (f, e)))
        .collect()
}

/// An absolute `http:`/`https:` URL with a host.
pub fn is_http_url(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    rest.is_some_and(|r| {
        let host = r.split(['/', '?', '#']).next().unwrap_or("");
        !host.is_empty() && !s.chars().any(char::is_whitespace)
    })
}

/// A plausible address: one `@`, a local part, a dotted domain, no spaces. (The server decides
/// what is deliverable.)
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.chars().any(|c| c.is_whitespace() || c.is_control())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(correction: &str) -> Draft {
        Draft {
            correction: correction.into(),
            ..Draft::default()
        }
    }

    #[test]
    fn form_order_is_declaration_order() {
        for (i, f) in Field::ALL.into_iter().enumerate() {
            assert_eq!(
                f as usize, i,
                "Field::ALL must list the fields in declaration order"
            );
        }
    }

    #[test]
    fn correction_is_required_and_bounded() {
        let rules = Rules::default();
        assert_eq!(
            validate(&draft(""), &rules),
            vec![(Field::Correction, FieldError::Required)]
        );
        assert_eq!(
            validate_field(&draft("too short"), Field::Correction, &rules),
            Some(FieldError::TooShort { min: 20 })
        );
        assert_eq!(
            validate_field(&draft(&"x".repeat(20)), Field::Correction, &rules),
            None
        );
        // Characters, not bytes: 3,000 accented letters are fine.
        assert_eq!(
            validate_field(&draft(&"é".repeat(3000)), Field::Correction, &rules),
            None
        );
        assert_eq!(
            validate_field(&draft(&"é".repeat(3001)), Field::Correction, &rules),
            Some(FieldError::TooLong { max: 3000 })
        );
    }

    #[test]
    fn optional_fields_validate_only_when_filled() {
        let rules = Rules::default();
        let mut d = draft("The cost was 212 million, not 221.");
        assert!(validate(&d, &rules).is_empty());
        d.source_url = "javascript:alert(1)".into();
        d.email = "not an email".into();
        d.quote = "q".repeat(1001);
        let errors = validate(&d, &rules);
        assert_eq!(
            errors,
            vec![
                (Field::Quote, FieldError::TooLong { max: 1000 }),
                (Field::SourceUrl, FieldError::InvalidUrl),
                (Field::Email, FieldError::InvalidEmail),
            ]
        );
    }

    #[test]
    fn publisher_rules() {
        let rules = Rules {
            require_email: true,
            consent_text: Some("I agree to be contacted.".into()),
        };
        let d = draft("The cost was 212 million, not 221.");
        assert_eq!(
            validate(&d, &rules),
            vec![
                (Field::Email, FieldError::Required),
                (Field::Consent, FieldError::ConsentRequired)
            ]
        );
    }

    #[test]
    fn urls_and_emails() {
        assert!(is_http_url("https://example.com/report.pdf"));
        assert!(is_http_url("HTTP://example.com"));
        assert!(!is_http_url("ftp://example.com"));
        assert!(!is_http_url("https://"));
        assert!(!is_http_url("https://exa mple.com"));
        assert!(is_email("reader@example.co.uk"));
        assert!(!is_email("reader@localhost"));
        assert!(!is_email("a@b@c.com"));
        assert!(!is_email("@example.com"));
        assert!(!is_email("reader @example.com"));
    }

    #[test]
    fn server_keys_map_to_fields() {
        assert_eq!(Field::from_key("email"), Some(Field::Email));
        assert_eq!(Field::from_key("source_url"), Some(Field::SourceUrl));
        assert_eq!(Field::from_key("sourceUrl"), Some(Field::SourceUrl));
        assert_eq!(Field::from_key("color"), None);
    }
}
