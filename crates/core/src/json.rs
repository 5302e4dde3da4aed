//! JSON in and out: decoding text into a value (the engine's `JSON.parse` in the browser, see
//! [`crate::seams`]) and writing flat objects without serde's serializer in the bundle.

use serde_json::Value;

use crate::error::ParseError;

/// JSON text to a value: article documents, saved drafts, the corrections endpoint's answers.
pub fn decode(json: &str) -> Result<Value, ParseError> {
    crate::seams::decode_json(json).map_err(ParseError::Json)
}

/// Appends `"key":"value"` members, comma-separated.
pub fn members<'a>(out: &mut String, members: impl IntoIterator<Item = (&'a str, &'a str)>) {
    for (i, (key, value)) in members.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        string(out, key);
        out.push(':');
        string(out, value);
    }
}

/// Appends `s` as a JSON string literal.
fn string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            // Also U+2028/2029, which break JSON embedded in JS.
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}
