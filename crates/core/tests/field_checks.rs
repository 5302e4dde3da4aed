//! The field checks the native form applies in the page (embed/article-widget-native.js) are
//! core's own: one table (`tests/fixtures/checks/field-checks.json`), read here against
//! `validate_field` and by `tests/native-form.test.mjs` against the page's `check`. A case the
//! two would answer differently fails one of them.

use aw_core::correction::draft::{validate_field, Draft, Field, FieldError, Rules};
use serde_json::Value;

fn value(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Object(o) => o["repeat"]
            .as_str()
            .expect("repeat is a string")
            .repeat(o["times"].as_u64().expect("times is a number") as usize),
        other => panic!("a case's value is a string or a repeat, not {other}"),
    }
}

fn kind(error: Option<FieldError>) -> Option<&'static str> {
    error.map(|e| match e {
        FieldError::Required => "required",
        FieldError::TooShort { .. } => "short",
        FieldError::TooLong { .. } => "long",
        FieldError::InvalidUrl => "url",
        FieldError::InvalidEmail => "email",
        other => panic!("not a text field's error: {other:?}"),
    })
}

#[test]
fn core_answers_every_case_of_the_shared_table() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/checks/field-checks.json"
    );
    let table: Value = serde_json::from_str(&std::fs::read_to_string(path).expect("the table"))
        .expect("the table is JSON");
    let cases = table["cases"].as_array().expect("cases");
    assert!(cases.len() >= 40, "the table lost its cases");
    let mut wrong = Vec::new();
    for case in cases {
        let key = case["field"].as_str().expect("field");
        let field = Field::from_key(key).expect("a known field");
        let text = value(&case["value"]);
        let mut draft = Draft::default();
        draft.set(field, text.clone());
        let rules = Rules {
            require_email: case["requireEmail"].as_bool().unwrap_or(false),
            consent_text: None,
        };
        let got = kind(validate_field(&draft, field, &rules));
        let expected = case["expect"].as_str();
        if got != expected {
            wrong.push(format!(
                "{key} {:?}…: core says {got:?}, the table {expected:?}",
                text.chars().take(30).collect::<String>()
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_limits_are_what_validation_applies() {
    let rules = Rules::default();
    for field in Field::TEXT {
        let (min, max) = field.limits();
        let check = |n: usize| {
            let mut draft = Draft::default();
            draft.set(field, "a".repeat(n));
            validate_field(&draft, field, &rules)
        };
        assert_eq!(
            check(max + 1),
            Some(FieldError::TooLong { max }),
            "{field:?}"
        );
        assert_ne!(check(max), Some(FieldError::TooLong { max }), "{field:?}");
        if min > 0 {
            assert_eq!(
                check(min - 1),
                Some(FieldError::TooShort { min }),
                "{field:?}"
            );
            assert_ne!(check(min), Some(FieldError::TooShort { min }), "{field:?}");
        }
    }
}
