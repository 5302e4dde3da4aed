//! The correction form without JavaScript: what a browser's own form submission to
//! `POST /corrections` gets back (a form-encoded POST whose `Accept` asks for HTML, not JSON —
//! the widget's `fetch` asks for JSON and keeps the JSON answers).
//!
//! - **Stored** (or a replay): `303 See Other` back to the article — the form's `returnTo`
//!   (else `pageUrl`, else `articleUrl`) with the form's `thanks` id as the fragment (the page's
//!   own thank-you, shown by `:target`) — but only to a page on an allowed origin
//!   (`--allow-origin`; never an open redirect), and only when the form names its thank-you.
//!   Otherwise a small thank-you page with the reference (and a link back to an allowed page).
//! - **Field errors, too many, unavailable**: the form again, on a page of this server, with
//!   everything the reader wrote in it, the errors on their fields and a summary first — the
//!   reader's text is never lost. It posts to this same endpoint (same rules, honeypot, limits).
//! - **Idempotency**: a native form sends no `Idempotency-Key` header. The form's
//!   `idempotencyKey` field is used when it has one; else the key is derived from the client and
//!   what the reader wrote, so a double click or a resubmitted POST stores one correction.
//!
//! The pages are in the reader's language (the form's `locale`: the widget's own strings from
//! `aw-core`), right-to-left where it is, and escaped throughout (maud).

use aw_core::correction::draft::{Field, Rules};
use aw_core::correction::form::{describe, Control, FieldSpec};
use aw_core::correction::payload::page_only;
use aw_core::i18n::{form_strings_for, is_rtl};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use maud::{html, Markup, DOCTYPE};
use serde_json::{Map, Value};

use crate::cors::PublisherOrigins;

fn header_text(headers: &HeaderMap, name: header::HeaderName) -> String {
    headers
        .get(name)
        .and_then(|v: &HeaderValue| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Whether the client wants a page: a form-encoded body and an `Accept` that names HTML and not
/// JSON (a browser's own form submission).
pub fn wants_page(headers: &HeaderMap) -> bool {
    let accept = header_text(headers, header::ACCEPT);
    header_text(headers, header::CONTENT_TYPE).starts_with("application/x-www-form-urlencoded")
        && accept.contains("text/html")
        && !accept.contains("application/json")
}

/// The fields the page form carries back unchanged (the envelope the embed filled in, and the
/// publisher's consent text when the widget's form had a consent box).
const CARRIED: [&str; 8] = [
    "articleId",
    "articleUrl",
    "headline",
    "locale",
    "pageUrl",
    "returnTo",
    "thanks",
    CONSENT_TEXT,
];

/// The hidden field that carries the publisher's consent text (the widget's form has it when
/// it shows a consent box), so that the form shown again asks for the same consent.
pub const CONSENT_TEXT: &str = aw_core::correction::form::CONSENT_TEXT_KEY;

/// The longest consent text the page shows again (a publisher's sentence, not an essay).
const CONSENT_TEXT_MAX: usize = 1_000;

fn text<'a>(fields: &'a Map<String, Value>, key: &str) -> &'a str {
    fields.get(key).and_then(Value::as_str).unwrap_or("")
}

/// Where to send the reader back: the first of `returnTo`, `pageUrl`, `articleUrl` that is an
/// http(s) URL on an allowed origin (without its fragment), written so that it is a valid
/// `Location` (non-ASCII percent-encoded). A URL with a control character or white space in it
/// is none: the reader gets the thank-you page, never a 500 after their correction is stored.
pub fn return_to(fields: &Map<String, Value>, origins: &PublisherOrigins) -> Option<String> {
    ["returnTo", "pageUrl", "articleUrl"]
        .into_iter()
        .map(|k| text(fields, k).trim())
        .find_map(|url| {
            if url.bytes().any(|b| b <= b' ' || b == 0x7f) {
                return None;
            }
            let origin = origin_of(url)?;
            origins
                .allows(origin.as_bytes())
                .then(|| location(url.split('#').next().unwrap_or(url)))
        })
}

/// `url` with every byte outside ASCII percent-encoded (a header value is ASCII).
fn location(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// `https://host[:port]` of an absolute http(s) URL.
fn origin_of(url: &str) -> Option<String> {
    let lower = url.to_ascii_lowercase();
    let (scheme, rest) = lower.split_once("://")?;
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next()?;
    if authority.is_empty() || authority.contains('@') || authority.contains('\\') {
        return None;
    }
    Some(format!("{scheme}://{authority}"))
}

/// The answer to a stored correction (`reference`: `C-12`, or `received` for a bot).
pub fn stored(
    reference: &str,
    fields: &Map<String, Value>,
    origins: &PublisherOrigins,
) -> Response {
    let back = return_to(fields, origins);
    match (&back, thanks_id(fields)) {
        (Some(url), Some(id)) => Redirect::to(&format!("{url}#{id}")).into_response(),
        _ => {
            let locale = text(fields, "locale");
            let s = form_strings_for(locale);
            page(
                StatusCode::OK,
                locale,
                s.thanks,
                html! {
                    h1 { (s.thanks) }
                    p role="status" { (s.thanks_text) " " (s.reference) " " strong { (reference) } }
                    @if let Some(back) = back.or_else(|| back_link(fields, origins)) {
                        p { a href=(back) { (aw_core::i18n::page_strings_for(locale).back) } }
                    }
                },
                origins,
            )
        }
    }
}

/// The fragment of the way back: the form's `thanks` (the id of the thank-you element the
/// widget's form has in the page, shown by `:target` without any script) when it is a plain id.
/// A form without one (a publisher's own) gets this server's thank-you page instead: a way back
/// to a page that would not say the correction arrived is no way back.
fn thanks_id(fields: &Map<String, Value>) -> Option<&str> {
    let thanks = text(fields, "thanks");
    let plain = (1..=64).contains(&thanks.len())
        && thanks
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    plain.then_some(thanks)
}

/// A link back to the page that sent the form, when it names one (never followed
/// automatically: only an allowed origin gets a redirect).
fn back_link(fields: &Map<String, Value>, origins: &PublisherOrigins) -> Option<String> {
    // Only to a publisher's page: never a link from the newsroom's own page to anywhere a
    // posted field names.
    let url = text(fields, "pageUrl").trim();
    if url.bytes().any(|b| b <= b' ' || b == 0x7f) {
        return None;
    }
    let origin = origin_of(url)?;
    origins
        .allows(origin.as_bytes())
        .then(|| location(page_only(url)))
}

/// The form again — aw-core's description of it ([`describe`]), as the widget draws it — with
/// what the reader wrote, `errors` (key, message) on their fields and `notice` (why it was not
/// stored, when it is not the fields' fault) at the top. `rules` are this server's (whether it
/// requires an email); the consent box is the widget form's, when it had one.
pub fn form_again(
    status: StatusCode,
    fields: &Map<String, Value>,
    rules: &Rules,
    errors: &[(String, String)],
    notice: Option<&str>,
    key: &str,
    origins: &PublisherOrigins,
) -> Response {
    let locale = text(fields, "locale");
    let s = form_strings_for(locale);
    let body = form_markup(fields, rules, errors, notice, key);
    page(status, locale, s.heading, body, origins)
}

/// The page's `<main>`: the heading, the error summary, the notice and the form (what the
/// contract test, `tests/form_contract.rs`, holds against the widget's form).
pub fn form_markup(
    fields: &Map<String, Value>,
    rules: &Rules,
    errors: &[(String, String)],
    notice: Option<&str>,
    key: &str,
) -> Markup {
    let locale = text(fields, "locale");
    let consent = text(fields, CONSENT_TEXT).trim();
    let rules = Rules {
        require_email: rules.require_email,
        consent_text: (!consent.is_empty() && consent.chars().count() <= CONSENT_TEXT_MAX)
            .then(|| consent.to_owned()),
    };
    let form = describe(locale, &rules);
    let s = form.strings;
    let error_of = |k: &str| {
        errors
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, m)| m.as_str())
    };
    html! {
        h1 #aw-form-title { (s.heading) }
        @if !errors.is_empty() {
            div.error-summary role="alert" aria-labelledby="aw-summary-title" tabindex="-1" {
                h2 #aw-summary-title { (aw_core::i18n::page_strings_for(locale).summary) }
                ul {
                    @for (k, m) in errors {
                        li {
                            @if Field::from_key(k).is_some() {
                                a href={ "#aw-" (k) } { (m) }
                            } @else {
                                (k) ": " (m)
                            }
                        }
                    }
                }
            }
        }
        @if let Some(n) = notice {
            p.error role="alert" { (n) }
        }
        form.stack method="post" action="/corrections" aria-labelledby="aw-form-title" {
            @for k in CARRIED {
                input type="hidden" name=(k) value=(text(fields, k));
            }
            input type="hidden" name="idempotencyKey" value=(key);
            @for spec in form.fields() {
                (field_markup(&spec, fields, error_of(spec.name)))
            }
            div.honeypot aria-hidden="true" {
                label for={ "aw-" (form.honeypot.0) } { (form.honeypot.1) }
                input id={ "aw-" (form.honeypot.0) } type="text" name=(form.honeypot.0) tabindex="-1" autocomplete="off" value="";
            }
            button type="submit" { (s.send) }
        }
    }
}

/// One field of [`describe`]'s form, with the reader's value and error.
fn field_markup(spec: &FieldSpec, fields: &Map<String, Value>, error: Option<&str>) -> Markup {
    let id = spec.id("aw");
    let value = text(fields, spec.name);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = match error {
        Some(_) => format!("{hint_id} {error_id}"),
        None => hint_id.clone(),
    };
    let (min, max) = (
        spec.min.map(|n| n.to_string()),
        spec.max.map(|n| n.to_string()),
    );
    let required = spec.required;
    if spec.control == Control::Checkbox {
        return html! {
            @if let Some(e) = error {
                p.error #(error_id) { (e) }
            }
            label.check {
                input #(id) type="checkbox" name=(spec.name) value="true" required[required]
                    checked[value == "true"] aria-describedby=[error.map(|_| &error_id)];
                " " (spec.label)
            }
        };
    }
    html! {
        label for=(id) {
            (spec.label)
            @if let Some(marker) = spec.marker { span.marker { " (" (marker) ")" } }
        }
        p.hint #(hint_id) { (spec.hint) }
        @if let Some(e) = error {
            p.error #(error_id) { (e) }
        }
        @match spec.control {
            Control::TextArea { rows } => {
                textarea #(id) name=(spec.name) rows=(rows) required[required]
                    aria-required=[required.then_some("true")]
                    aria-invalid=(if error.is_some() { "true" } else { "false" })
                    aria-describedby=(described) data-min=[min] data-max=[max] { (value) }
            }
            Control::Input { kind, autocomplete } => {
                input #(id) name=(spec.name) value=(value) type=(kind) autocomplete=(autocomplete)
                    required[required] aria-required=[required.then_some("true")]
                    aria-invalid=(if error.is_some() { "true" } else { "false" })
                    spellcheck=[(kind != "text").then_some("false")]
                    aria-describedby=(described) data-min=[min] data-max=[max];
            }
            Control::Checkbox => {}
        }
    }
}

fn page(
    status: StatusCode,
    locale: &str,
    title: &str,
    body: Markup,
    origins: &PublisherOrigins,
) -> Response {
    let lang = if locale.is_empty() { "en" } else { locale };
    let markup = html! {
        (DOCTYPE)
        html lang=(lang) dir=(if is_rtl(locale) { "rtl" } else { "ltr" }) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="robots" content="noindex, nofollow";
                title { (title) }
                link rel="stylesheet" href="/inbox/inbox.css";
            }
            body { main #main { (body) } }
        }
    };
    let mut reply = (status, Html(markup.into_string())).into_response();
    let h = reply.headers_mut();
    // form-action: this server, and the publisher pages a stored correction redirects to.
    let csp = format!(
        "default-src 'none'; style-src 'self'; form-action 'self' {}; frame-ancestors 'none'; \
         base-uri 'none'",
        origins.csp_sources()
    );
    if let Ok(v) = HeaderValue::from_str(&csp) {
        h.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    // Not `no-referrer`: under it a browser sends `Origin: null` with the form's own POST back to
    // this server, which the origin check refuses. `same-origin` tells other sites nothing.
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    reply
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(pairs: &[(&str, &str)]) -> Map<String, Value> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), Value::String((*v).to_owned())))
            .collect()
    }

    #[test]
    fn only_allowed_origins_are_returned_to() {
        let origins = PublisherOrigins::new(&["https://news.example".into()], false);
        let ok = fields(&[("returnTo", "https://news.example/a-1?x=1#top")]);
        assert_eq!(
            return_to(&ok, &origins).as_deref(),
            Some("https://news.example/a-1?x=1")
        );
        for evil in [
            "https://evil.example/a",
            "https://news.example.evil.example/",
            "https://news.example@evil.example/",
            "javascript:alert(1)",
            "//evil.example/",
            "https://news.example\\@evil.example",
            "https://news.example/a\u{1}b",
            "https://news.example/a b",
            "https://news.example/a\r\nSet-Cookie: x=1",
            "https://news.example/a\u{7f}",
        ] {
            let f = fields(&[("returnTo", evil)]);
            assert_eq!(return_to(&f, &origins), None, "{evil}");
        }
        let accents = fields(&[("returnTo", "https://news.example/café?q=ü")]);
        assert_eq!(
            return_to(&accents, &origins).as_deref(),
            Some("https://news.example/caf%C3%A9?q=%C3%BC")
        );
        let fallback = fields(&[
            ("returnTo", "https://evil.example/"),
            ("articleUrl", "https://news.example/a"),
        ]);
        assert_eq!(
            return_to(&fallback, &origins).as_deref(),
            Some("https://news.example/a")
        );
    }

    #[test]
    fn the_way_back_shows_the_pages_own_thank_you_and_nothing_else() {
        let thanks = fields(&[("thanks", "aw-thanks-00ff")]);
        assert_eq!(thanks_id(&thanks), Some("aw-thanks-00ff"));
        for odd in ["", "x\"><script>", "a b", "a#b", &"x".repeat(65)] {
            let f = fields(&[("thanks", odd)]);
            assert_eq!(thanks_id(&f), None, "{odd}");
        }
    }

    #[test]
    fn a_browser_form_wants_a_page_and_the_widget_does_not() {
        let mut h = HeaderMap::new();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/x-www-form-urlencoded"),
        );
        h.insert(
            header::ACCEPT,
            HeaderValue::from_static("text/html,application/xhtml+xml,*/*;q=0.8"),
        );
        assert!(wants_page(&h));
        h.insert(header::ACCEPT, HeaderValue::from_static("application/json"));
        assert!(!wants_page(&h), "the widget's fetch");
        h.remove(header::ACCEPT);
        assert!(!wants_page(&h), "curl");
    }
}
