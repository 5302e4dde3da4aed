//! Locale tags: what counts as one (for the configuration, the article's language and the JS API).

/// A plausible BCP 47 tag: a 2–3 letter language, then alphanumeric subtags of 1–8.
pub fn is_locale(s: &str) -> bool {
    let mut parts = s.split(['-', '_']);
    let lang_ok = parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic()));
    lang_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}
