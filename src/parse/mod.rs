//! Turns article data into an [`Article`]. Two input formats, detected from the document itself:
//! the widget's own versioned JSON document ([`native`]) and schema.org JSON-LD as publishers
//! already emit it ([`jsonld`]).
//!
//! Both parsers are lenient field by field: an unknown field is ignored and a field of the wrong
//! type is dropped, but the document survives. Only a missing headline (or no article at all) is an
//! error.

mod fields;
pub mod jsonld;
pub mod native;

use serde_json::Value;

use crate::error::ParseError;
use crate::model::Article;

/// Parses a JSON text in either format.
pub fn parse_str(json: &str) -> Result<Article, ParseError> {
    parse_value(&decode_json(json)?)
}

/// JSON text to a value (articles, and the correction endpoint's answers). In the browser this
/// is the engine's own `JSON.parse` (native speed, and serde_json's parser stays out of the
/// bundle); on the host, serde_json.
#[cfg(not(target_arch = "wasm32"))]
pub fn decode_json(json: &str) -> Result<Value, ParseError> {
    // Position only: "line 3, column 14" is what a publisher needs to find the mistake.
    serde_json::from_str(json).map_err(|e| {
        let kind = if e.is_eof() {
            "unexpected end"
        } else {
            "syntax error"
        };
        ParseError::Json(format!(
            "{kind} at line {}, column {}",
            e.line(),
            e.column()
        ))
    })
}

/// JSON text to a value through the browser's `JSON.parse`.
#[cfg(target_arch = "wasm32")]
pub fn decode_json(json: &str) -> Result<Value, ParseError> {
    let parsed = js_sys::JSON::parse(json).map_err(|e| {
        let message = wasm_bindgen::JsCast::dyn_ref::<js_sys::Error>(&e)
            .map(|e| String::from(e.message()))
            .unwrap_or_else(|| "syntax error".to_owned());
        ParseError::Json(message)
    })?;
    Ok(from_js(&parsed, 0))
}

/// Converts what `JSON.parse` returned into a serde_json value (depth-limited like serde_json).
#[cfg(target_arch = "wasm32")]
fn from_js(v: &wasm_bindgen::JsValue, depth: usize) -> Value {
    use wasm_bindgen::JsCast;
    if depth > 128 {
        return Value::Null;
    }
    if let Some(s) = v.as_string() {
        return Value::String(s);
    }
    if let Some(n) = v.as_f64() {
        return if n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0 {
            Value::from(n as i64)
        } else {
            serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number)
        };
    }
    if let Some(b) = v.as_bool() {
        return Value::Bool(b);
    }
    if let Some(array) = v.dyn_ref::<js_sys::Array>() {
        return Value::Array(array.iter().map(|item| from_js(&item, depth + 1)).collect());
    }
    if let Some(object) = v.dyn_ref::<js_sys::Object>() {
        let mut map = serde_json::Map::new();
        for entry in js_sys::Object::entries(object).iter() {
            let pair: js_sys::Array = entry.unchecked_into();
            if let Some(key) = pair.get(0).as_string() {
                map.insert(key, from_js(&pair.get(1), depth + 1));
            }
        }
        return Value::Object(map);
    }
    Value::Null
}

/// Parses an already-decoded JSON value in either format.
pub fn parse_value(value: &Value) -> Result<Article, ParseError> {
    match value {
        Value::Array(_) => jsonld::parse(value),
        Value::Object(map)
            if map.contains_key("@context")
                || map.contains_key("@type")
                || map.contains_key("@graph") =>
        {
            jsonld::parse(value)
        }
        Value::Object(_) => native::parse(value),
        _ => Err(ParseError::NotADocument),
    }
}
