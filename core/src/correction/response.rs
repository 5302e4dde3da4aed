//! Reading the endpoint's answer: success with a reference id, field errors in either of the two
//! shapes real back-ends use, a general rejection, rate limiting, or something worth retrying.

use serde_json::Value;

use super::draft::Field;
use super::retry::parse_retry_after;

/// What an answer means for the form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// 2xx: thank the reader, show the reference when there is one.
    Accepted {
        /// `id` or `referenceId` from the JSON body.
        reference: Option<String>,
    },
    /// 400/422 naming fields: shown on those fields.
    FieldErrors(Vec<(Field, String)>),
    /// Any other 4xx: a general error, with the server's message if it sent one.
    Rejected {
        /// `message`/`error` from the body.
        message: Option<String>,
    },
    /// 429: wait, then retry.
    RateLimited {
        /// Seconds from `Retry-After`, when given.
        retry_after_s: Option<u64>,
    },
    /// 5xx (or no answer at all): retry with backoff.
    Retryable {
        /// The status, when there was an answer.
        status: Option<u16>,
    },
}

/// Classifies an HTTP answer. `body` is the response text; `retry_after` the header.
pub fn classify(status: u16, body: &str, retry_after: Option<&str>, now_unix: i64) -> Outcome {
    let json: Option<Value> = crate::json::decode(body).ok();
    let text = |key: &str| {
        json.as_ref()
            .and_then(|j| j.get(key))
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    match status {
        200..=299 => Outcome::Accepted {
            reference: text("id").or_else(|| text("referenceId")).or_else(|| {
                // A numeric id is an id too.
                json.as_ref()
                    .and_then(|j| j.get("id"))
                    .and_then(Value::as_u64)
                    .map(|n| n.to_string())
            }),
        },
        429 => Outcome::RateLimited {
            retry_after_s: retry_after.and_then(|v| parse_retry_after(v, now_unix)),
        },
        400 | 422 => {
            let errors = json.as_ref().map(field_errors).unwrap_or_default();
            if errors.is_empty() {
                Outcome::Rejected {
                    message: text("message").or_else(|| text("error")),
                }
            } else {
                Outcome::FieldErrors(errors)
            }
        }
        500..=599 | 408 => Outcome::Retryable {
            status: Some(status),
        },
        _ => Outcome::Rejected {
            message: text("message").or_else(|| text("error")),
        },
    }
}

/// `{"errors": {"email": ["is invalid"]}}` or `{"errors": [{"field": "email", "message": "…"}]}`.
fn field_errors(json: &Value) -> Vec<(Field, String)> {
    let mut out = Vec::new();
    match json.get("errors") {
        Some(Value::Object(map)) => {
            for (key, messages) in map {
                let message = match messages {
                    Value::String(s) => Some(s.clone()),
                    Value::Array(items) => {
                        let all: Vec<&str> = items.iter().filter_map(Value::as_str).collect();
                        (!all.is_empty()).then(|| all.join(" "))
                    }
                    _ => None,
                };
                if let (Some(field), Some(message)) = (Field::from_key(key), message) {
                    out.push((field, message));
                }
            }
        }
        Some(Value::Array(items)) => {
            for item in items {
                let field = item
                    .get("field")
                    .and_then(Value::as_str)
                    .and_then(Field::from_key);
                let message = item.get("message").and_then(Value::as_str);
                if let (Some(field), Some(message)) = (field, message) {
                    out.push((field, message.to_owned()));
                }
            }
        }
        _ => {}
    }
    Field::in_form_order(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn success_with_either_reference_key() {
        assert_eq!(
            classify(201, r#"{"id":"C-1042"}"#, None, 0),
            Outcome::Accepted {
                reference: Some("C-1042".into())
            }
        );
        assert_eq!(
            classify(200, r#"{"referenceId":"R9"}"#, None, 0),
            Outcome::Accepted {
                reference: Some("R9".into())
            }
        );
        assert_eq!(
            classify(200, r#"{"id":77}"#, None, 0),
            Outcome::Accepted {
                reference: Some("77".into())
            }
        );
        assert_eq!(
            classify(204, "", None, 0),
            Outcome::Accepted { reference: None }
        );
    }

    #[test]
    fn both_field_error_shapes() {
        let map = classify(
            422,
            r#"{"errors":{"email":["is invalid","is too long"],"unknown":["x"]}}"#,
            None,
            0,
        );
        assert_eq!(
            map,
            Outcome::FieldErrors(vec![(Field::Email, "is invalid is too long".into())])
        );
        let list = classify(
            400,
            r#"{"errors":[{"field":"correction","message":"Too vague"},{"field":"source_url","message":"Unreachable"}]}"#,
            None,
            0,
        );
        assert_eq!(
            list,
            Outcome::FieldErrors(vec![
                (Field::Correction, "Too vague".into()),
                (Field::SourceUrl, "Unreachable".into())
            ])
        );
    }

    #[test]
    fn other_answers() {
        assert_eq!(
            classify(400, r#"{"message":"Article is closed"}"#, None, 0),
            Outcome::Rejected {
                message: Some("Article is closed".into())
            }
        );
        assert_eq!(
            classify(403, "<html>Forbidden</html>", None, 0),
            Outcome::Rejected { message: None }
        );
        assert_eq!(
            classify(429, "", Some("30"), 0),
            Outcome::RateLimited {
                retry_after_s: Some(30)
            }
        );
        assert_eq!(
            classify(503, "", None, 0),
            Outcome::Retryable { status: Some(503) }
        );
    }
}
