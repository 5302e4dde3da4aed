//! Strings decided once, by the server that prerendered a widget, and reused by the browser that
//! hydrates it: formatted dates, numbers and language names. The server's formatter (the host
//! fallbacks in [`crate::seams`]) and the browser's `Intl` may word the same date differently, and
//! hydration must find exactly the tree the server wrote, so the browser takes the server's
//! words for every value the server formatted and asks `Intl` only for the rest.
//!
//! Off unless a render is being recorded ([`record`], on the server) or a table was installed
//! ([`install`], in the browser): a plain client-side render never stores anything. Only the
//! builds that need it (feature `decided`: prerendering and the hydrating bundle) route
//! [`crate::intl`] through here, so the client-only bundle pays nothing for it.

use std::cell::RefCell;
use std::collections::BTreeMap;

use crate::error::ParseError;

thread_local! {
    static TABLE: RefCell<Option<BTreeMap<String, String>>> = const { RefCell::new(None) };
}

/// What kind of value a decision is about (the first part of its key).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A date or date-time ([`crate::intl::format_date`]).
    Date,
    /// A whole number ([`crate::intl::format_number`]).
    Number,
    /// A language name ([`crate::intl::language_name`]).
    Language,
}

impl Kind {
    fn tag(self) -> char {
        match self {
            Kind::Date => 'd',
            Kind::Number => 'n',
            Kind::Language => 'l',
        }
    }
}

/// The decided string for `input` in `locale`, else `compute`'s (stored, while a table is on).
pub fn decide(kind: Kind, locale: &str, input: &str, compute: impl FnOnce() -> String) -> String {
    let key = format!("{}|{locale}|{input}", kind.tag());
    if let Some(found) = TABLE.with(|t| t.borrow().as_ref().and_then(|t| t.get(&key).cloned())) {
        return found;
    }
    let value = compute();
    TABLE.with(|t| {
        if let Some(table) = t.borrow_mut().as_mut() {
            table.insert(key, value.clone());
        }
    });
    value
}

/// Runs `render` with a fresh table and returns its result and every decision it made, as the
/// JSON object [`install`] reads. The table is off again afterwards (a render server renders
/// many articles on one thread; nothing carries over from one to the next).
pub fn record<R>(render: impl FnOnce() -> R) -> (R, String) {
    TABLE.with(|t| *t.borrow_mut() = Some(BTreeMap::new()));
    let result = render();
    let table = TABLE.with(|t| t.borrow_mut().take()).unwrap_or_default();
    let mut json = String::from("{");
    crate::json::members(
        &mut json,
        table.iter().map(|(k, v)| (k.as_str(), v.as_str())),
    );
    json.push('}');
    (result, json)
}

/// Adds a prerendered widget's decisions (the JSON [`record`] wrote) to this page's table.
pub fn install(json: &str) -> Result<(), ParseError> {
    let value = crate::json::decode(json)?;
    let Some(object) = value.as_object() else {
        return Err(ParseError::Json("not an object".into()));
    };
    TABLE.with(|t| {
        let mut t = t.borrow_mut();
        let table = t.get_or_insert_with(BTreeMap::new);
        for (key, value) in object {
            if let Some(value) = value.as_str() {
                table.insert(key.clone(), value.to_owned());
            }
        }
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn off_until_recording_and_nothing_carries_over() {
        let calls = std::cell::Cell::new(0);
        let format = || {
            calls.set(calls.get() + 1);
            "from the formatter".to_owned()
        };
        decide(Kind::Date, "en", "2026-03-14", format);
        let ((), json) = record(|| {
            decide(Kind::Date, "es", "2026-03-14", format);
            decide(Kind::Date, "es", "2026-03-14", format);
            decide(Kind::Language, "es", "ar", || "árabe".to_owned());
        });
        assert_eq!(
            calls.get(),
            2,
            "stored while recording, so asked once for es"
        );
        assert_eq!(
            json,
            r#"{"d|es|2026-03-14":"from the formatter","l|es|ar":"árabe"}"#
        );
        let ((), again) = record(|| ());
        assert_eq!(again, "{}");
    }

    #[test]
    fn installed_decisions_win_over_the_formatter() {
        install(r#"{"d|ar|2026-03-14":"١٤ مارس ٢٠٢٦","n|ar|4":"٤"}"#).unwrap();
        assert_eq!(
            decide(Kind::Date, "ar", "2026-03-14", || "14 March 2026".into()),
            "١٤ مارس ٢٠٢٦"
        );
        assert_eq!(decide(Kind::Number, "ar", "4", || "4".into()), "٤");
        // Not decided by the server: the formatter's.
        assert_eq!(decide(Kind::Number, "ar", "5", || "5".into()), "5");
        assert!(install("[1]").is_err());
        TABLE.with(|t| *t.borrow_mut() = None);
    }
}
