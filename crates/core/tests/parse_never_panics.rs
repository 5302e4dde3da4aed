//! Property test: whatever JSON a page carries, the parser answers `Ok` or a typed error.
#![cfg(not(target_arch = "wasm32"))]

use aw_core::parse::{parse_str, parse_value};
use proptest::prelude::*;
use serde_json::{Map, Value};

/// Keys the parsers look at, so generated documents reach deep into them.
const KEYS: &[&str] = &[
    "@context",
    "@type",
    "@graph",
    "@id",
    "version",
    "headline",
    "name",
    "author",
    "authors",
    "image",
    "url",
    "keywords",
    "about",
    "articleBody",
    "body",
    "type",
    "content",
    "text",
    "href",
    "tags",
    "publisher",
    "correction",
    "corrections",
    "knowsLanguage",
    "knowsAbout",
    "alumniOf",
    "hasCredential",
    "homeLocation",
    "address",
    "sameAs",
    "datePublished",
    "width",
    "description",
    "mainEntityOfPage",
    "trust",
    "languages",
    "recent",
    "longBio",
    "kicker",
    "x",
];
const STRINGS: &[&str] = &[
    "NewsArticle",
    "Person",
    "ImageObject",
    "#a",
    "#b",
    "paragraph",
    "heading",
    "quote",
    "image",
    "related",
    "https://e.example/x",
    "javascript:alert(1)",
    "&amp;&#8217;&#xZZ;&",
    "<b>x</b><script>",
    "2026-02-29",
    "2024-02-29T10:00:00Z",
    ", , ,",
    "",
    "Ünïcødé ✓",
    "a\u{0}b",
];

fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        prop::sample::select(STRINGS).prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(5, 96, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..8).prop_map(|pairs| {
                Value::Object(
                    pairs
                        .into_iter()
                        .map(|(k, v)| (k.to_owned(), v))
                        .collect::<Map<_, _>>(),
                )
            }),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_json_value_parses_or_errors(value in json()) {
        let _ = parse_value(&value);
    }

    #[test]
    fn any_text_parses_or_errors(text in ".{0,64}") {
        let _ = parse_str(&text);
    }

    #[test]
    fn any_value_as_jsonld_graph(nodes in prop::collection::vec(json(), 0..5)) {
        let doc = serde_json::json!({"@context": "https://schema.org", "@graph": nodes});
        let _ = parse_value(&doc);
    }
}
