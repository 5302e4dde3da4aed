//! The core crate's browser seams: the only place it reaches into the JavaScript engine, and
//! only on `wasm32` (through `js-sys`; never `web-sys`, never Yew). Each seam has a host
//! fallback, so every module above it runs and is tested on the host with no feature flags:
//!
//! | seam | in the browser | on the host |
//! |---|---|---|
//! | [`decode_json`] | `JSON.parse` (native speed; serde_json's parser stays out of the bundle) | serde_json, errors with line and column |
//! | [`resolve_url`] | `new URL(url, base)` | the `url` crate (the same WHATWG rules) |
//! | [`lowercase`] | `String.prototype.toLowerCase` (keeps Rust's case tables, ~4 KB brotli, out) | `str::to_lowercase` (the same Unicode mapping) |
//! | [`format_date`], [`format_number`], [`language_name`] | `Intl` (no date or locale crate in the bundle), through `Reflect` so a bad locale's `RangeError` never throws into the page | the widget's UI languages (English, Spanish, Arabic) for what prerendering shows; otherwise `None`, and callers fall back to plain English |

pub use imp::*;

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

    /// A date in `locale` (`Intl.DateTimeFormat`, long style), or `None`.
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

    /// A whole number in `locale` (`Intl.NumberFormat`), or `None`.
    pub fn format_number(n: usize, locale: &str) -> Option<String> {
        let formatter = construct("NumberFormat", locale, &Object::new())?;
        // Whole minutes: exact as an f64.
        call_method(&formatter, "format", &JsValue::from_f64(n as f64))?.as_string()
    }

    /// A language's name in `locale` (`Intl.DisplayNames`), or `None`.
    pub fn language_name(code: &str, locale: &str) -> Option<String> {
        let names = construct("DisplayNames", locale, &options(&[("type", "language")]))?;
        call_method(&names, "of", &code.into())?
            .as_string()
            .filter(|name| name != code)
    }

    /// JSON text to a value through the browser's `JSON.parse`.
    pub fn decode_json(json: &str) -> Result<serde_json::Value, String> {
        let parsed = js_sys::JSON::parse(json).map_err(|e| {
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_else(|| "syntax error".to_owned())
        })?;
        Ok(from_js(&parsed, 0))
    }

    /// Converts what `JSON.parse` returned into a serde_json value (depth-limited like
    /// serde_json).
    fn from_js(v: &JsValue, depth: usize) -> serde_json::Value {
        use serde_json::Value;
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
        if let Some(array) = v.dyn_ref::<Array>() {
            return Value::Array(array.iter().map(|item| from_js(&item, depth + 1)).collect());
        }
        if let Some(object) = v.dyn_ref::<Object>() {
            let mut map = serde_json::Map::new();
            for entry in Object::entries(object).iter() {
                let pair: Array = entry.unchecked_into();
                if let Some(key) = pair.get(0).as_string() {
                    map.insert(key, from_js(&pair.get(1), depth + 1));
                }
            }
            return Value::Object(map);
        }
        Value::Null
    }

    /// `url` resolved against the absolute `base` (`new URL(url, base).href`), or `None`.
    /// Through `Reflect`, like `Intl`: no new import in the glue.
    pub fn resolve_url(url: &str, base: &str) -> Option<String> {
        let ctor: Function = Reflect::get(&js_sys::global(), &"URL".into())
            .ok()?
            .dyn_into()
            .ok()?;
        let parsed = Reflect::construct(&ctor, &Array::of2(&url.into(), &base.into())).ok()?;
        Reflect::get(&parsed, &"href".into()).ok()?.as_string()
    }

    /// Unicode lower case through the engine's `toLowerCase`.
    pub fn lowercase(s: &str) -> String {
        String::from(js_sys::JsString::from(s).to_lower_case())
    }

    /// HTML parsed by the browser's own inert parser (`DOMParser`: nothing runs, nothing
    /// loads), walked into the capped tree both platforms share.
    pub fn parse_html(html: &str) -> crate::dom::Dom {
        let mut builder = crate::dom::DomBuilder::default();
        let _ = walk_html(html, &mut builder);
        builder.finish()
    }

    fn walk_html(html: &str, builder: &mut crate::dom::DomBuilder) -> Option<()> {
        let get = |target: &JsValue, key: &str| Reflect::get(target, &key.into()).ok();
        let ctor: Function = get(&js_sys::global(), "DOMParser")?.dyn_into().ok()?;
        let parser = Reflect::construct(&ctor, &Array::new()).ok()?;
        let parse: Function = get(&parser, "parseFromString")?.dyn_into().ok()?;
        let doc = parse
            .call2(&parser, &html.into(), &"text/html".into())
            .ok()?;
        let body = get(&doc, "body")?;
        // Iterative (a million nested elements cannot overflow the stack): down to the first
        // child, else along to the next sibling, else back up and along.
        let mut node = get(&body, "firstChild")?;
        let mut depth = 0usize;
        while !node.is_null() && !node.is_undefined() {
            let kind = get(&node, "nodeType")?.as_f64().unwrap_or(0.0) as u32;
            let mut descend = false;
            if kind == 1 {
                let name = get(&node, "localName")?.as_string().unwrap_or_default();
                let mut attrs: Vec<(String, String)> = Vec::new();
                if builder.wants_element() {
                    let get_attr: Function = get(&node, "getAttribute")?.dyn_into().ok()?;
                    for &attr in crate::dom::KEPT_ATTRIBUTES {
                        if let Some(v) = get_attr
                            .call1(&node, &attr.into())
                            .ok()
                            .and_then(|v| v.as_string())
                        {
                            attrs.push((attr.to_owned(), v));
                        }
                    }
                }
                builder.open(&name, attrs.iter().map(|(n, v)| (n.as_str(), v.as_str())));
                // A template's content is not its children (and never shown).
                let first = get(&node, "firstChild")?;
                if first.is_null() {
                    builder.close();
                } else {
                    descend = true;
                    depth += 1;
                    node = first;
                }
            } else if kind == 3 {
                builder.text(&get(&node, "data")?.as_string().unwrap_or_default());
            }
            if descend {
                continue;
            }
            loop {
                let next = get(&node, "nextSibling")?;
                if !next.is_null() {
                    node = next;
                    break;
                }
                if depth == 0 {
                    return Some(());
                }
                depth -= 1;
                builder.close();
                node = get(&node, "parentNode")?;
            }
        }
        Some(())
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use crate::dates::IsoDate;

    /// `url` resolved against the absolute `base` (the `url` crate: the same WHATWG rules).
    pub fn resolve_url(url: &str, base: &str) -> Option<String> {
        url::Url::parse(base)
            .and_then(|b| b.join(url))
            .ok()
            .map(String::from)
    }

    /// The widget's own UI languages other than English (its string tables, `i18n`), which the
    /// host formats itself; other locales fall back to plain English.
    fn primary(locale: &str) -> String {
        locale
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase()
    }

    /// Arabic-Indic digits, as `Intl` writes numbers for `ar`.
    fn arabic_digits(s: &str) -> String {
        s.chars()
            .map(|c| match c.to_digit(10) {
                Some(d) => char::from_u32(0x0660 + d).unwrap_or(c),
                None => c,
            })
            .collect()
    }

    /// A date in `locale`, long style, for the widget's UI languages (the server formats what a
    /// prerendered widget shows; the browser reuses its words), else `None`.
    pub fn format_date(_iso: &str, d: IsoDate, locale: &str) -> Option<String> {
        const ES: [&str; 12] = [
            "enero",
            "febrero",
            "marzo",
            "abril",
            "mayo",
            "junio",
            "julio",
            "agosto",
            "septiembre",
            "octubre",
            "noviembre",
            "diciembre",
        ];
        const AR: [&str; 12] = [
            "يناير",
            "فبراير",
            "مارس",
            "أبريل",
            "مايو",
            "يونيو",
            "يوليو",
            "أغسطس",
            "سبتمبر",
            "أكتوبر",
            "نوفمبر",
            "ديسمبر",
        ];
        let month = usize::from(d.month.checked_sub(1)?);
        match primary(locale).as_str() {
            "es" => Some(format!("{} de {} de {}", d.day, ES.get(month)?, d.year)),
            "ar" => Some(arabic_digits(&format!(
                "{} {} {}",
                d.day,
                AR.get(month)?,
                d.year
            ))),
            _ => None,
        }
    }

    /// A whole number in `locale`: Arabic-Indic digits for Arabic, else `None` (plain digits).
    pub fn format_number(n: usize, locale: &str) -> Option<String> {
        (primary(locale) == "ar").then(|| arabic_digits(&n.to_string()))
    }

    /// A language's name in `locale` (English, Spanish or Arabic names of common languages),
    /// or `None`.
    pub fn language_name(code: &str, locale: &str) -> Option<String> {
        const NAMES: [(&str, [&str; 3]); 12] = [
            ("ar", ["Arabic", "árabe", "العربية"]),
            ("de", ["German", "alemán", "الألمانية"]),
            ("en", ["English", "inglés", "الإنجليزية"]),
            ("es", ["Spanish", "español", "الإسبانية"]),
            ("fr", ["French", "francés", "الفرنسية"]),
            ("hi", ["Hindi", "hindi", "الهندية"]),
            ("it", ["Italian", "italiano", "الإيطالية"]),
            ("ja", ["Japanese", "japonés", "اليابانية"]),
            ("ko", ["Korean", "coreano", "الكورية"]),
            ("pt", ["Portuguese", "portugués", "البرتغالية"]),
            ("ru", ["Russian", "ruso", "الروسية"]),
            ("zh", ["Chinese", "chino", "الصينية"]),
        ];
        let wanted = code.split('-').next()?;
        let names = NAMES.iter().find(|(c, _)| *c == wanted)?.1;
        let column = match primary(locale).as_str() {
            "es" => 1,
            "ar" => 2,
            _ => 0,
        };
        Some(names[column].to_owned())
    }

    /// JSON text to a value with serde_json. Position only: "line 3, column 14" is what a
    /// publisher needs to find the mistake.
    pub fn decode_json(json: &str) -> Result<serde_json::Value, String> {
        serde_json::from_str(json).map_err(|e| {
            let kind = if e.is_eof() {
                "unexpected end"
            } else {
                "syntax error"
            };
            format!("{kind} at line {}, column {}", e.line(), e.column())
        })
    }

    /// Unicode lower case.
    pub fn lowercase(s: &str) -> String {
        s.to_lowercase()
    }

    /// HTML parsed by html5ever (through `scraper`: the WHATWG parsing algorithm, as browsers
    /// run it), walked into the capped tree both platforms share.
    pub fn parse_html(html: &str) -> crate::dom::Dom {
        use html5ever::tendril::TendrilSink;
        use html5ever::{local_name, ns, tree_builder::TreeBuilderOpts, ParseOpts, QualName};
        use scraper::node::Node;
        // Scripting off, as in a DOMParser document: `<noscript>` holds elements, not text.
        let opts = ParseOpts {
            tree_builder: TreeBuilderOpts {
                scripting_enabled: false,
                ..TreeBuilderOpts::default()
            },
            ..ParseOpts::default()
        };
        let fragment = html5ever::driver::parse_fragment(
            scraper::HtmlTreeSink::new(scraper::Html::new_fragment()),
            opts,
            QualName::new(None, ns!(html), local_name!("body")),
            Vec::new(),
            false,
        )
        .one(html);
        let mut builder = crate::dom::DomBuilder::default();
        // Iterative: a million nested elements cannot overflow the stack.
        let root = fragment.tree.root();
        let mut stack = vec![(root, false)];
        while let Some((node, closing)) = stack.pop() {
            if closing {
                builder.close();
                continue;
            }
            let descend = match node.value() {
                Node::Element(e) => {
                    let name = e.name();
                    // The fragment's own wrapper (`<html>`) is the tree's root, not content.
                    if name == "html" && node.parent().is_some_and(|p| p.parent().is_none()) {
                        true
                    } else {
                        builder.open(name, e.attrs());
                        stack.push((node, true));
                        true
                    }
                }
                Node::Text(t) => {
                    builder.text(t);
                    false
                }
                Node::Fragment | Node::Document => true,
                _ => false,
            };
            if descend {
                let children: Vec<_> = node.children().collect();
                stack.extend(children.into_iter().rev().map(|c| (c, false)));
            }
        }
        builder.finish()
    }
}
