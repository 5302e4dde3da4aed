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
    parse_value(&crate::json::decode(json)?)
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
