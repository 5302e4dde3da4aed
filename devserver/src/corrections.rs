//! The development corrections endpoint: `POST /corrections` validates a submission with the
//! widget's own rules, honours `Idempotency-Key` (a repeat gets the first answer), returns
//! `{"id": …}` and appends each accepted correction to a JSON Lines file.
//!
//! `POST /__script/<plan>/corrections` answers from a script instead, for tests: `<plan>` is a
//! comma-separated list of answers per attempt of one Idempotency-Key — a status code (`500`,
//! `201`), `429` (with `Retry-After: 1`), `422map` / `422list` (field errors in either shape) or
//! `hang` — the last one repeating once the list runs out.

use std::collections::HashMap;
use std::fs::OpenOptions;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Mutex;

use aw_core::correction::draft::{validate, Draft, Field, FieldError, Rules};
use serde_json::{json, Map, Value};

/// What the endpoint answers.
#[derive(Clone, Debug, PartialEq)]
pub enum Reply {
    /// A status, a JSON body and extra headers.
    Json(u16, String, Vec<(&'static str, String)>),
    /// Never answer.
    Hang,
}

/// The endpoint's memory: first answers by idempotency key, attempts per scripted key, and the
/// file accepted corrections go to.
pub struct Endpoint {
    file: PathBuf,
    next_id: u64,
    answers: HashMap<String, Reply>,
    attempts: HashMap<String, usize>,
    log: Vec<Value>,
}

impl Endpoint {
    /// An endpoint appending to `file`.
    pub fn new(file: PathBuf) -> Mutex<Endpoint> {
        Mutex::new(Endpoint {
            file,
            next_id: 1,
            answers: HashMap::new(),
            attempts: HashMap::new(),
            log: Vec::new(),
        })
    }

    /// Every POST received so far, for tests (`GET /__requests`): path, `Idempotency-Key`,
    /// `Content-Type`, `Accept`, body and the status answered.
    pub fn requests(&self) -> String {
        Value::Array(self.log.clone()).to_string()
    }

    /// Handles one POST and records it. `script` is the `<plan>` of a scripted route.
    pub fn post(
        &mut self,
        path: &str,
        script: Option<&str>,
        headers: (&str, &str, Option<&str>),
        body: &str,
    ) -> Reply {
        let (content_type, accept, key) = headers;
        let reply = self.answer(script, content_type, key, body);
        self.log.push(json!({
            "path": path,
            "key": key,
            "contentType": content_type,
            "accept": accept,
            "body": body,
            "status": match &reply { Reply::Json(status, ..) => Some(*status), Reply::Hang => None },
        }));
        reply
    }

    fn answer(
        &mut self,
        script: Option<&str>,
        content_type: &str,
        key: Option<&str>,
        body: &str,
    ) -> Reply {
        if let Some(plan) = script {
            let attempt = self
                .attempts
                .entry(key.unwrap_or("").to_owned())
                .or_insert(0);
            let steps: Vec<&str> = plan.split(',').collect();
            let step = steps[(*attempt).min(steps.len() - 1)];
            *attempt += 1;
            if step != "201" && step != "200" {
                return scripted(step);
            }
        }
        if let Some(first) = key.and_then(|k| self.answers.get(k)) {
            return first.clone();
        }
        let reply = self.accept(content_type, body);
        if let Some(k) = key {
            self.answers.insert(k.to_owned(), reply.clone());
        }
        reply
    }

    fn accept(&mut self, content_type: &str, body: &str) -> Reply {
        let fields: Map<String, Value> = if content_type
            .starts_with("application/x-www-form-urlencoded")
        {
            form_fields(body)
        } else {
            match serde_json::from_str::<Value>(body) {
                Ok(Value::Object(map)) => map,
                _ => return error(400, json!({ "message": "The body must be a JSON object." })),
            }
        };
        let text = |k: &str| {
            fields
                .get(k)
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_owned()
        };
        let draft = Draft::from_keys(&text);
        let errors = validate(&draft, &Rules::default());
        if !errors.is_empty() {
            let map: Map<String, Value> = errors
                .iter()
                .map(|(field, error)| (field.key().to_owned(), json!([message(*field, error)])))
                .collect();
            return error(422, json!({ "errors": map }));
        }
        let id = format!("C-{:04}", self.next_id);
        self.next_id += 1;
        let mut record = fields;
        record.insert("id".into(), json!(id));
        let line = Value::Object(record).to_string();
        let written = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.file)
            .and_then(|mut f| writeln!(f, "{line}"));
        if let Err(e) = written {
            return error(
                500,
                json!({ "message": format!("could not record the correction: {e}") }),
            );
        }
        eprintln!(
            "aw-devserver: accepted correction {id} → {}",
            self.file.display()
        );
        Reply::Json(201, json!({ "id": id }).to_string(), Vec::new())
    }
}

fn scripted(step: &str) -> Reply {
    match step {
        "hang" => Reply::Hang,
        "429" => Reply::Json(
            429,
            json!({ "message": "Slow down." }).to_string(),
            vec![("Retry-After", "3".into())],
        ),
        "422map" => error(422, json!({ "errors": { "email": ["is invalid"] } })),
        "422list" => error(
            422,
            json!({ "errors": [{ "field": "correction", "message": "Please say what is wrong." }] }),
        ),
        code => error(
            code.parse().unwrap_or(500),
            json!({ "message": "Scripted failure." }),
        ),
    }
}

fn error(status: u16, body: Value) -> Reply {
    Reply::Json(status, body.to_string(), Vec::new())
}

/// The English message for a validation error.
fn message(field: Field, error: &FieldError) -> String {
    match error {
        FieldError::Required => format!("{} is required", field.key()),
        FieldError::TooShort { min } => format!("must be at least {min} characters"),
        FieldError::TooLong { max } => format!("must be at most {max} characters"),
        FieldError::InvalidUrl => "must be an http(s) URL".into(),
        FieldError::InvalidEmail => "is not an email address".into(),
        FieldError::ConsentRequired => "must be accepted".into(),
        FieldError::Server(m) => m.clone(),
    }
}

fn form_fields(body: &str) -> Map<String, Value> {
    form_urlencoded::parse(body.as_bytes())
        .map(|(k, v)| (k.into_owned(), Value::String(v.into_owned())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str =
        r#"{"articleId":"a1","correction":"The cost was $212 million, not $221 million."}"#;

    fn endpoint() -> (Mutex<Endpoint>, PathBuf) {
        let file = std::env::temp_dir().join(format!(
            "aw-corrections-{}-{:?}.jsonl",
            std::process::id(),
            std::thread::current().id()
        ));
        let _ = std::fs::remove_file(&file);
        (Endpoint::new(file.clone()), file)
    }

    #[test]
    fn form_bodies_decode_with_a_maintained_decoder_and_never_panic() {
        let fields = form_fields("correction=%\u{20ac}%zz&name=R.+Reader&email=r%40example.org");
        assert_eq!(fields["correction"], "%\u{20ac}%zz");
        assert_eq!(fields["name"], "R. Reader");
        assert_eq!(fields["email"], "r@example.org");
        assert_eq!(crate::percent_decode("/a%20b/%\u{20ac}"), "/a b/%\u{20ac}");
    }

    #[test]
    fn accepts_records_and_dedupes_by_key() {
        let (e, file) = endpoint();
        let mut e = e.lock().unwrap();
        let first = e.post(
            "/corrections",
            None,
            ("application/json", "application/json", Some("k1")),
            GOOD,
        );
        assert!(e.requests().contains(r#""key":"k1""#));
        assert_eq!(first, Reply::Json(201, r#"{"id":"C-0001"}"#.into(), vec![]));
        assert_eq!(
            e.answer(None, "application/json", Some("k1"), GOOD),
            first,
            "a repeat gets the first answer"
        );
        let lines = std::fs::read_to_string(&file).unwrap();
        assert_eq!(lines.lines().count(), 1, "exactly one accepted correction");
        assert!(lines.contains(r#""id":"C-0001""#) && lines.contains("212 million"));
    }

    #[test]
    fn validates_like_the_widget_in_both_encodings() {
        let (e, _) = endpoint();
        let mut e = e.lock().unwrap();
        let Reply::Json(status, body, _) = e.answer(
            None,
            "application/json",
            None,
            r#"{"correction":"short","email":"x"}"#,
        ) else {
            panic!()
        };
        assert_eq!(status, 422);
        let v: Value = serde_json::from_str(&body).unwrap();
        assert!(v["errors"]["correction"].is_array() && v["errors"]["email"].is_array());
        let form = "articleId=a1&correction=The+cost+was+%24212+million%2C+not+%24221+million.";
        assert!(matches!(
            e.answer(None, "application/x-www-form-urlencoded", None, form),
            Reply::Json(201, _, _)
        ));
    }

    #[test]
    fn scripted_plans() {
        let (e, file) = endpoint();
        let mut e = e.lock().unwrap();
        assert!(matches!(
            e.answer(Some("500,201"), "application/json", Some("k"), GOOD),
            Reply::Json(500, _, _)
        ));
        assert!(matches!(
            e.answer(Some("500,201"), "application/json", Some("k"), GOOD),
            Reply::Json(201, _, _)
        ));
        assert_eq!(std::fs::read_to_string(&file).unwrap().lines().count(), 1);
        let Reply::Json(429, _, headers) =
            e.answer(Some("429"), "application/json", Some("r"), GOOD)
        else {
            panic!()
        };
        assert_eq!(headers, vec![("Retry-After", "3".to_owned())]);
        assert_eq!(
            e.answer(Some("hang"), "application/json", Some("h"), GOOD),
            Reply::Hang
        );
        let Reply::Json(422, body, _) =
            e.answer(Some("422list"), "application/json", Some("l"), GOOD)
        else {
            panic!()
        };
        assert!(body.contains(r#""field":"correction""#));
    }
}
