//! Lenient accessors shared by both parsers: each returns `None`/empty for a missing field or a
//! field of the wrong type, so one bad field never sinks a document.

use serde_json::Value;

use crate::dates;
use crate::model::MAX_LIST_ITEMS;
use crate::text;
use crate::urls::{self, SafeUrl};

/// A one-line text field: a non-blank string, cleaned. Numbers are accepted as text.
pub fn line(v: Option<&Value>) -> Option<String> {
    let s = match v? {
        Value::String(s) => text::clean_line(s),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    (!s.is_empty()).then_some(s)
}

/// A text field that may also be given as an object with a `name` (schema.org `Thing`).
pub fn name_or_line(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::Object(o) => line(o.get("name")),
        other => line(Some(other)),
    }
}

/// A multi-paragraph text field: a string (split on line breaks and block tags) or an array of
/// strings.
pub fn paragraphs(v: Option<&Value>) -> Vec<String> {
    list(v)
        .filter_map(|item| item.as_str())
        .flat_map(text::paragraphs)
        .take(MAX_LIST_ITEMS)
        .collect()
}

/// Links (an author's `sameAs`): those that pass the scheme filter, at most [`MAX_LIST_ITEMS`].
pub fn urls(v: Option<&Value>) -> Vec<SafeUrl> {
    list(v)
        .filter_map(|u| url(Some(u)))
        .take(MAX_LIST_ITEMS)
        .collect()
}

/// A link: a string that passes the scheme filter.
pub fn url(v: Option<&Value>) -> Option<SafeUrl> {
    urls::safe_url(v?.as_str()?)
}

/// An ISO 8601 date string.
pub fn date(v: Option<&Value>) -> Option<String> {
    dates::valid(v?.as_str()?)
}

/// A non-negative integer, given as a number or a numeric string ("1200" or "1200px" is not).
pub fn uint(v: Option<&Value>) -> Option<u32> {
    match v? {
        Value::Number(n) => n.as_u64().and_then(|n| u32::try_from(n).ok()),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A boolean flag; anything but `true` is false.
pub fn flag(v: Option<&Value>) -> bool {
    matches!(v, Some(Value::Bool(true)))
}

/// Treats a single value and an array alike; `null` and a missing field are empty.
pub fn list(v: Option<&Value>) -> impl Iterator<Item = &Value> {
    let items: &[Value] = match v {
        None | Some(Value::Null) => &[],
        Some(Value::Array(items)) => items,
        Some(one) => std::slice::from_ref(one),
    };
    items.iter()
}

/// A list of one-line texts (strings or named things). Items with no letters or digits (the
/// `", ,"` of a broken CMS field) and case-insensitive duplicates are dropped.
pub fn lines(v: Option<&Value>) -> Vec<String> {
    dedup_texts(list(v).filter_map(|item| name_or_line(Some(item))))
}

/// Keeps the first of each case-insensitive duplicate and drops texts with no letters or digits,
/// at most [`MAX_LIST_ITEMS`] of them. (A Vec of at most that many keys, not a HashSet: each
/// check is bounded, so the pass is linear, without a hash table's code in the bundle.)
pub fn dedup_texts(items: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    let mut out: Vec<String> = Vec::new();
    for s in items {
        if out.len() == MAX_LIST_ITEMS {
            break;
        }
        if !s.chars().any(char::is_alphanumeric) {
            continue;
        }
        let key = text::lowercase(&s);
        if !seen.contains(&key) {
            seen.push(key);
            out.push(s);
        }
    }
    out
}
