//! Topic tags: clean-up (blank, punctuation-only and duplicate tags dropped) and link building
//! from the publisher's URL template.

use crate::model::{Tag, MAX_TAGS};
use crate::text;
use crate::urls::{self, SafeUrl};

/// The default `data-tag-url`: WordPress's own tag archive path, so a WordPress site needs no
/// configuration.
pub const DEFAULT_TAG_URL: &str = "/tag/{slug}/";

/// A tag as a source gave it, before clean-up.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RawTag {
    /// The name as given (may hold entities, markup, blanks).
    pub name: String,
    /// An explicit slug, if the source had one.
    pub slug: Option<String>,
    /// An explicit URL, if the source had one.
    pub url: Option<String>,
}

impl From<&str> for RawTag {
    fn from(name: &str) -> Self {
        RawTag {
            name: name.to_owned(),
            ..RawTag::default()
        }
    }
}

/// Cleans a tag list: decodes and trims names, drops tags with no letters or digits (the seed
/// page's `", , , ,"`), drops case-insensitive duplicates (first one wins), derives missing slugs.
/// Keeps at most [`MAX_TAGS`] and stops reading there.
///
/// Two tags may share a slug ("C++" and "C#" are both `c`): the slug is only for the URL, never an
/// identity — the widget keys and reports tags by their position in the list.
pub fn clean_tags(raw: impl IntoIterator<Item = RawTag>) -> Vec<Tag> {
    // A Vec, not a HashSet: it never holds more than MAX_TAGS names, so each check is bounded and
    // the whole pass stays linear, without a hash table's code in the bundle (~0.5 KB brotli).
    let mut seen: Vec<String> = Vec::new();
    let mut tags = Vec::new();
    for raw in raw {
        if tags.len() == MAX_TAGS {
            break;
        }
        let name = text::clean_line(&raw.name);
        let derived = text::slugify(&name);
        if derived.is_empty() {
            continue;
        }
        let key = text::lowercase(&name);
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        let slug = raw
            .slug
            .map(|s| text::slugify(&s))
            .filter(|s| !s.is_empty())
            .unwrap_or(derived);
        tags.push(Tag {
            name,
            slug,
            url: raw.url.as_deref().and_then(urls::safe_url),
        });
    }
    tags
}

/// Splits a comma-separated keyword string (`"Politics, Faith, , "`) into raw tags.
pub fn split_keywords(s: &str) -> impl Iterator<Item = RawTag> + '_ {
    s.split(',').map(RawTag::from)
}

/// The link for a tag: its own URL if it has one, else the template with `{slug}` (and `{name}`)
/// filled in, percent-encoded. `None` if the result is not a safe URL (the tag renders as text).
pub fn tag_href(template: &str, tag: &Tag) -> Option<SafeUrl> {
    if let Some(url) = &tag.url {
        return Some(url.clone());
    }
    let href = template
        .replace("{slug}", &urls::percent_encode(&tag.slug))
        .replace("{name}", &urls::percent_encode(&tag.name));
    urls::safe_url(&href)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_empty_tags_vanish() {
        assert!(clean_tags(split_keywords(", , , ,")).is_empty());
        assert!(clean_tags(["", "   ", "&nbsp;", "—"].map(RawTag::from)).is_empty());
    }

    #[test]
    fn duplicates_and_slugs() {
        let tags = clean_tags(split_keywords(
            "Politics, politics , Faith &amp; Life, POLITICS",
        ));
        let names: Vec<_> = tags.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["Politics", "Faith & Life"]);
        assert_eq!(tags[1].slug, "faith-life");
    }

    fn href(template: &str, tag: &Tag) -> String {
        tag_href(template, tag).map(|u| u.href).unwrap_or_default()
    }

    #[test]
    fn href_from_template_or_own_url() {
        let tag = clean_tags([RawTag::from("Sea Ice")]).remove(0);
        assert_eq!(
            href("https://ex.com/topic/{slug}", &tag),
            "https://ex.com/topic/sea-ice"
        );
        assert_eq!(href("/search?q={name}", &tag), "/search?q=Sea%20Ice");
        assert!(tag_href("javascript:go('{slug}')", &tag).is_none());
        let own = clean_tags([RawTag {
            name: "X".into(),
            slug: None,
            url: Some("https://ex.com/x".into()),
        }])
        .remove(0);
        assert_eq!(href(DEFAULT_TAG_URL, &own), "https://ex.com/x");
        let evil = clean_tags([RawTag {
            name: "X".into(),
            slug: None,
            url: Some("javascript:alert(1)".into()),
        }])
        .remove(0);
        assert_eq!(href(DEFAULT_TAG_URL, &evil), "/tag/x/");
    }

    #[test]
    fn at_most_max_tags_first_ones_kept() {
        let many: String = (0..100_000).map(|i| format!("t{i},")).collect();
        let tags = clean_tags(split_keywords(&many));
        assert_eq!(tags.len(), MAX_TAGS);
        assert_eq!(tags[0].name, "t0");
        assert_eq!(tags[MAX_TAGS - 1].name, format!("t{}", MAX_TAGS - 1));
        // Duplicates do not count towards the cap.
        let dups = "a, A, a, b".repeat(50_000);
        let names: Vec<_> = clean_tags(split_keywords(&dups))
            .into_iter()
            .map(|t| t.name)
            .collect();
        assert_eq!(names, ["a", "ba", "b"]);
    }

    /// Issue 10: tags that differ only in punctuation share a slug but stay two tags, each with its
    /// own name and its own link (the widget keys them by position, not slug).
    #[test]
    fn punctuation_twins_stay_distinct() {
        let tags = clean_tags(split_keywords("C++, C#, Flood-defence, Flood defence"));
        let names: Vec<_> = tags.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["C++", "C#", "Flood-defence", "Flood defence"]);
        assert_eq!(tags[0].slug, tags[1].slug);
        assert_eq!(tags[2].slug, tags[3].slug);
        let by_name: Vec<_> = tags.iter().map(|t| href("/search?q={name}", t)).collect();
        assert_eq!(
            by_name,
            [
                "/search?q=C%2B%2B",
                "/search?q=C%23",
                "/search?q=Flood-defence",
                "/search?q=Flood%20defence"
            ]
        );
    }
}
