//! Helpers the host render tests share: reading tags out of rendered HTML.

/// The real tags in rendered HTML. Yew escapes `<` in text, so every literal `<` opens a tag.
pub fn tags(html: &str) -> impl Iterator<Item = &str> {
    html.split('<')
        .skip(1)
        .map(|t| t.split('>').next().unwrap_or(t))
}

/// Whether some `<name …>` tag carries all of `attrs` (in any order).
pub fn has_tag(html: &str, name: &str, attrs: &[&str]) -> bool {
    tags(html)
        .any(|t| t.split_whitespace().next() == Some(name) && attrs.iter().all(|a| t.contains(a)))
}
