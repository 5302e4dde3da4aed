//! Locale-aware formatting through the browser's `Intl` (no date or locale crate in the bundle).
//! On the host (render tests) the same functions fall back to plain English so output is never
//! empty. Every `Intl` call goes through `Reflect`, which catches the `RangeError` a bad locale or
//! code throws, so formatting can never throw into the page.

use crate::dates;
use crate::decided::Kind;
use crate::seams as imp;

/// Through the prerendering server's decisions where a build carries them (see
/// [`crate::decided`]); the client-only bundle calls the formatter directly.
fn decide(kind: Kind, locale: &str, input: &str, compute: impl FnOnce() -> String) -> String {
    #[cfg(feature = "decided")]
    return crate::decided::decide(kind, locale, input, compute);
    #[cfg(not(feature = "decided"))]
    {
        let _ = (kind, locale, input);
        compute()
    }
}

/// "March 14, 2026" (or "March 14, 2026 at 9:30 AM" when the string carries a time), in the
/// reader's locale. Date-only values are formatted in UTC so they never shift a day.
pub fn format_date(iso: &str, locale: &str) -> String {
    let Some(date) = dates::parse(iso) else {
        return iso.to_owned();
    };
    decide(Kind::Date, locale, iso, || {
        imp::format_date(iso, date, locale).unwrap_or_else(|| dates::fallback_format(iso))
    })
}

/// A whole number in the reader's locale (`Intl.NumberFormat`: "٤" in Arabic where that is the
/// locale's default digit set).
pub fn format_number(n: usize, locale: &str) -> String {
    decide(Kind::Number, locale, &n.to_string(), || {
        imp::format_number(n, locale).unwrap_or_else(|| n.to_string())
    })
}

/// A language's name in the reader's locale when given a BCP 47 code ("es" → "Spanish"); a name
/// that is not a code is returned as it is.
pub fn language_name(code_or_name: &str, locale: &str) -> String {
    if !looks_like_code(code_or_name) {
        return code_or_name.to_owned();
    }
    decide(Kind::Language, locale, code_or_name, || {
        imp::language_name(code_or_name, locale).unwrap_or_else(|| code_or_name.to_owned())
    })
}

/// `es`, `pt-BR`, `zh-Hant`: a lower-case 2–3 letter primary subtag (so "Ewe" stays a name).
fn looks_like_code(s: &str) -> bool {
    let mut parts = s.split('-');
    let primary_ok = parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_lowercase()));
    primary_ok
        && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_versus_names() {
        assert_eq!(language_name("es", "en"), "Spanish");
        assert_eq!(language_name("pt-BR", "en"), "Portuguese");
        assert_eq!(language_name("Ewe", "en"), "Ewe");
        assert_eq!(language_name("Tagalog", "en"), "Tagalog");
        assert_eq!(format_date("2026-03-14", "en"), "14 March 2026");
        assert_eq!(format_date("soon", "en"), "soon");
    }
}
