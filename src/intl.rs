//! Locale-aware formatting through the browser's `Intl` (no date or locale crate in the bundle).
//! On the host (render tests) the same functions fall back to plain English so output is never
//! empty. Every `Intl` call goes through `Reflect`, which catches the `RangeError` a bad locale or
//! code throws, so formatting can never throw into the page.

use crate::dates;

/// "March 14, 2026" (or "March 14, 2026 at 9:30 AM" when the string carries a time), in the
/// reader's locale. Date-only values are formatted in UTC so they never shift a day.
pub fn format_date(iso: &str, locale: &str) -> String {
    let Some(date) = dates::parse(iso) else {
        return iso.to_owned();
    };
    imp::format_date(iso, date, locale).unwrap_or_else(|| dates::fallback_format(iso))
}

/// A whole number in the reader's locale (`Intl.NumberFormat`: "٤" in Arabic where that is the
/// locale's default digit set).
pub fn format_number(n: usize, locale: &str) -> String {
    imp::format_number(n, locale).unwrap_or_else(|| n.to_string())
}

/// A language's name in the reader's locale when given a BCP 47 code ("es" → "Spanish"); a name
/// that is not a code is returned as it is.
pub fn language_name(code_or_name: &str, locale: &str) -> String {
    if !looks_like_code(code_or_name) {
        return code_or_name.to_owned();
    }
    imp::language_name(code_or_name, locale).unwrap_or_else(|| code_or_name.to_owned())
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

#[cfg(target_arch = "wasm32")]
mod imp {
    use js_sys::{Array, Date, Function, Object, Reflect};
    use wasm_bindgen::{JsCast, JsValue};

    use crate::dates::IsoDate;

    fn intl_ctor(name: &str) -> Option<Function> {
        let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
        Reflect::get(&intl, &name.into()).ok()?.dyn_into().ok()
    }

    fn options(pairs: &[(&str, &str)]) -> Object {
        let o = Object::new();
        for (k, v) in pairs {
            let _ = Reflect::set(&o, &(*k).into(), &(*v).into());
        }
        o
    }

    fn construct(name: &str, locale: &str, opts: &Object) -> Option<JsValue> {
        let args = Array::of2(&Array::of1(&locale.into()), opts);
        Reflect::construct(&intl_ctor(name)?, &args).ok()
    }

    fn call_method(target: &JsValue, method: &str, arg: &JsValue) -> Option<JsValue> {
        let f: Function = Reflect::get(target, &method.into()).ok()?.dyn_into().ok()?;
        f.call1(target, arg).ok()
    }

    pub fn format_date(iso: &str, d: IsoDate, locale: &str) -> Option<String> {
        let (date, opts) = if d.has_time {
            let date = Date::new(&iso.into());
            (
                date,
                options(&[("dateStyle", "long"), ("timeStyle", "short")]),
            )
        } else {
            let ms = Date::utc(f64::from(d.year), f64::from(d.month) - 1.0)
                + (f64::from(d.day) - 1.0) * 86_400_000.0;
            (
                Date::new(&ms.into()),
                options(&[("dateStyle", "long"), ("timeZone", "UTC")]),
            )
        };
        if date.get_time().is_nan() {
            return None;
        }
        let formatter = construct("DateTimeFormat", locale, &opts)?;
        call_method(&formatter, "format", &date)?.as_string()
    }

    pub fn format_number(n: usize, locale: &str) -> Option<String> {
        let formatter = construct("NumberFormat", locale, &Object::new())?;
        // Whole minutes: exact as an f64.
        call_method(&formatter, "format", &JsValue::from_f64(n as f64))?.as_string()
    }

    pub fn language_name(code: &str, locale: &str) -> Option<String> {
        let names = construct("DisplayNames", locale, &options(&[("type", "language")]))?;
        call_method(&names, "of", &code.into())?
            .as_string()
            .filter(|name| name != code)
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use crate::dates::IsoDate;

    pub fn format_date(_iso: &str, _d: IsoDate, _locale: &str) -> Option<String> {
        None
    }

    pub fn format_number(_n: usize, _locale: &str) -> Option<String> {
        None
    }

    /// Enough English names for host-side renders to read naturally.
    pub fn language_name(code: &str, _locale: &str) -> Option<String> {
        let primary = code.split('-').next()?;
        let name = match primary {
            "ar" => "Arabic",
            "de" => "German",
            "en" => "English",
            "es" => "Spanish",
            "fr" => "French",
            "hi" => "Hindi",
            "it" => "Italian",
            "ja" => "Japanese",
            "ko" => "Korean",
            "pt" => "Portuguese",
            "ru" => "Russian",
            "zh" => "Chinese",
            _ => return None,
        };
        Some(name.to_owned())
    }
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
