//! Host tests: the widget's own JSON document (format version 1).
#![cfg(not(target_arch = "wasm32"))]

use aw_core::error::ParseError;
use aw_core::model::{Block, Inline};
use aw_core::parse::parse_str;

const DEMO: &str = include_str!("../../../demo/article.json");

#[test]
fn demo_article_parses_completely() {
    let a = parse_str(DEMO).expect("demo parses");
    assert_eq!(
        a.id.as_deref(),
        Some("northshore-ledger-2026-tidal-barrier")
    );
    assert!(a.headline.starts_with("Tidal Barrier Holds"));
    assert_eq!(a.section.as_deref(), Some("Coast & Climate"));
    assert_eq!(a.language.as_deref(), Some("en-CA"));
    assert_eq!(
        a.date_published.as_deref(),
        Some("2026-02-03T07:30:00-04:00")
    );
    let image = a.image.as_ref().expect("lead image");
    assert_eq!((image.width, image.height), (Some(1200), Some(675)));
    assert!(image.credit.as_deref().unwrap().contains("Barrowcliffe"));

    let names: Vec<_> = a.authors.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Marisol Quenneville", "Tomasz Wiśniewski"]);
    let first = &a.authors[0];
    assert!(
        first.languages.is_empty(),
        "the demo author speaks no listed languages"
    );
    assert_eq!(first.education.len(), 2);
    assert_eq!(first.recent.len(), 3);
    assert_eq!(first.long_bio.len(), 2);

    // ", , , ," and blanks vanish; "coastal engineering" is a duplicate of "Coastal engineering".
    let tags: Vec<_> = a.tags.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        tags,
        [
            "Coastal engineering",
            "Flood defence",
            "City budget",
            "Port Ardley"
        ]
    );
    assert_eq!(a.tags[0].slug, "coastal-engineering");

    let kinds: Vec<&str> = a
        .body
        .iter()
        .map(|b| match b {
            Block::Paragraph(_) => "p",
            Block::Heading { .. } => "h",
            Block::Quote { .. } => "quote",
            Block::Image(_) => "img",
            Block::Related(_) => "related",
            _ => "other",
        })
        .collect();
    assert_eq!(
        kinds,
        ["p", "p", "p", "related", "h", "p", "quote", "p", "h", "p", "p"]
    );
    assert_eq!(a.corrections.len(), 1);
    assert_eq!(a.corrections[0].date.as_deref(), Some("2026-02-04"));
    assert!(a.trust.standards_url.is_some());
    assert_eq!(a.reading_minutes(), Some(2));
}

#[test]
fn inline_runs_keep_emphasis_links_and_spacing() {
    let a = parse_str(DEMO).unwrap();
    let Block::Paragraph(runs) = &a.body[0] else {
        panic!("paragraph expected")
    };
    assert!(
        runs[0].text.ends_with("stood "),
        "trailing space kept: {:?}",
        runs[0].text
    );
    assert!(runs[1].strong && runs[1].text == "1.9 metres");
    assert!(runs[2].text.starts_with(" above"));
    let Block::Paragraph(runs) = &a.body[2] else {
        panic!()
    };
    assert!(runs[1].href.as_ref().unwrap().external);
}

#[test]
fn errors_are_typed() {
    assert!(matches!(parse_str("{ not json"), Err(ParseError::Json(_))));
    assert_eq!(parse_str("\"a string\""), Err(ParseError::NotADocument));
    assert_eq!(parse_str("null"), Err(ParseError::NotADocument));
    assert_eq!(
        parse_str(r#"{"version":1}"#),
        Err(ParseError::MissingHeadline)
    );
    assert_eq!(
        parse_str(r#"{"headline":"   "}"#),
        Err(ParseError::MissingHeadline)
    );
    assert_eq!(
        parse_str(r#"{"headline":"<b></b>&nbsp;"}"#),
        Err(ParseError::MissingHeadline)
    );
    assert_eq!(
        parse_str(r#"{"version":2,"headline":"x"}"#),
        Err(ParseError::UnsupportedVersion(2))
    );
}

#[test]
fn wrong_types_drop_the_field_not_the_document() {
    let a = parse_str(
        r#"{"version":"one","headline":"Kept","description":42,"section":{"x":1},"datePublished":"last Tuesday",
            "image":true,"authors":"Solo Writer","body":[7,null,"Plain paragraph",{"type":"video","src":"x"},
            {"type":"heading","text":["no"]}],"tags":{"a":1},"corrections":"Fixed a typo.","trust":[]}"#,
    )
    .unwrap();
    assert_eq!(a.headline, "Kept");
    assert_eq!(a.description.as_deref(), Some("42"));
    assert_eq!(a.section, None);
    assert_eq!(a.date_published, None);
    assert_eq!(a.image, None);
    assert_eq!(a.authors[0].name, "Solo Writer");
    assert_eq!(
        a.body,
        vec![Block::Paragraph(vec![Inline::plain("Plain paragraph")])]
    );
    assert!(a.tags.is_empty());
    assert_eq!(a.corrections[0].text, "Fixed a typo.");
}

#[test]
fn unsafe_urls_are_refused_everywhere() {
    let a = parse_str(
        r#"{"headline":"x","url":"javascript:alert(1)","image":"javascript:alert(2)",
            "authors":[{"name":"A","url":"javascript:alert(3)","image":"data:image/svg+xml,<svg onload=alert(4)>","sameAs":["vbscript:x","https://ok.example/a"]}],
            "body":[{"type":"paragraph","content":[{"text":"click","href":"JavaScript:alert(5)"}]},
                    {"type":"related","headline":"R","url":"javascript:alert(6)"},
                    {"type":"image","url":"java\tscript:alert(7)"}],
            "tags":[{"name":"t","url":"javascript:alert(8)"}],
            "trust":{"standardsUrl":"javascript:alert(9)"}}"#,
    )
    .unwrap();
    assert_eq!(a.url, None);
    assert_eq!(a.image, None);
    assert_eq!(a.authors[0].url, None);
    assert_eq!(a.authors[0].image, None);
    assert_eq!(a.authors[0].same_as.len(), 1);
    let Block::Paragraph(runs) = &a.body[0] else {
        panic!()
    };
    assert_eq!(runs[0].href, None);
    assert_eq!(
        a.body.len(),
        1,
        "related and image blocks without a safe URL are dropped"
    );
    assert_eq!(a.tags[0].url, None);
    assert_eq!(a.trust.standards_url, None);
}
