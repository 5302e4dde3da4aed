//! The published schema (schema/article.v1.schema.json) is a contract: every document it accepts,
//! the widget parses. tests/schema.mjs checks that the same documents are schema-valid; here each
//! of them must parse to `Ok`. The edge documents live in tests/fixtures/schema/, one file each,
//! and both checks read that folder, so they cannot drift apart.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use std::path::Path;

use aw_core::error::ParseError;
use aw_core::model::{Article, Block};
use aw_core::parse::parse_str;

/// Every native-format ("version 1") document in the repository, with its headline.
const DOCUMENTS: &[(&str, &str, &str)] = &[
    (
        "demo/article.json",
        include_str!("../../../demo/article.json"),
        "Tidal Barrier Holds Through Its First Winter Storm, but the Repair Bill Has Doubled",
    ),
    (
        "tests/e2e/pages/article.json",
        include_str!("../../../tests/e2e/pages/article.json"),
        "Council Approves the Harbour Walk Extension",
    ),
    (
        "tests/fixtures/reference-shape.json",
        include_str!("../../../tests/fixtures/reference-shape.json"),
        "Report: Millbrook's 230-Year-Old Footbridge Shut After Flood Shifts Its Piers",
    ),
    (
        "tests/fixtures/minimal.json",
        include_str!("../../../tests/fixtures/minimal.json"),
        "New Bus Shelter Opens on Station Road",
    ),
];

/// The edge documents in tests/fixtures/schema/ (file name, text, headline as parsed).
const EDGES: &[(&str, &str, &str)] = &[
    (
        "blanks-in-lists.json",
        include_str!("../../../tests/fixtures/schema/blanks-in-lists.json"),
        "Blank Items in Lists Are Dropped, Not Refused",
    ),
    (
        "every-field.json",
        include_str!("../../../tests/fixtures/schema/every-field.json"),
        "Every Optional Field, Present Once",
    ),
    (
        "headline-markup.json",
        include_str!("../../../tests/fixtures/schema/headline-markup.json"),
        "Kim’s Economy & the Summit",
    ),
    (
        "minimal.json",
        include_str!("../../../tests/fixtures/schema/minimal.json"),
        "H",
    ),
    (
        "other-forms.json",
        include_str!("../../../tests/fixtures/schema/other-forms.json"),
        "The Other Forms the Widget Reads",
    ),
    (
        "unknown-fields.json",
        include_str!("../../../tests/fixtures/schema/unknown-fields.json"),
        "Fields the Widget Does Not Know Are Ignored",
    ),
    (
        "version-omitted.json",
        include_str!("../../../tests/fixtures/schema/version-omitted.json"),
        "A Document Without a Version Is Read as Version 1",
    ),
];

fn edge(name: &str) -> Article {
    let (_, json, _) = EDGES
        .iter()
        .find(|(file, _, _)| *file == name)
        .unwrap_or_else(|| panic!("{name} is not in EDGES"));
    parse_str(json).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn every_schema_valid_document_parses() {
    for (file, json, headline) in DOCUMENTS.iter().chain(EDGES) {
        match parse_str(json) {
            Ok(article) => assert_eq!(article.headline, *headline, "{file}"),
            Err(e) => panic!("{file} is schema-valid but does not parse: {e}"),
        }
    }
}

/// tests/schema.mjs validates every file in the folder; each must be listed (and so parsed) here.
#[test]
fn every_edge_document_is_parsed_here() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/schema");
    let on_disk: BTreeSet<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".json"))
        .collect();
    let listed: BTreeSet<String> = EDGES.iter().map(|(f, _, _)| (*f).to_owned()).collect();
    assert_eq!(
        on_disk, listed,
        "tests/fixtures/schema/ and EDGES must list the same files"
    );
}

/// The field names in the schema are the ones the parser reads: with every optional field present
/// once, every one of them arrives in the model.
#[test]
fn every_field_in_the_schema_is_read() {
    let a = edge("every-field.json");
    assert_eq!(a.id.as_deref(), Some("every-field-2026"));
    assert!(a.url.is_some());
    assert_eq!(a.description.as_deref(), Some("A standfirst."));
    assert_eq!(a.section.as_deref(), Some("Testing"));
    assert_eq!(a.language.as_deref(), Some("fr-CA"));
    assert_eq!(
        a.date_published.as_deref(),
        Some("2026-02-03T07:30:00-04:00")
    );
    assert_eq!(a.date_modified.as_deref(), Some("2026-02-04"));
    let image = a.image.as_ref().expect("lead image");
    assert_eq!(image.alt, "Lead image");
    assert!(image.caption.is_some() && image.credit.is_some());
    assert_eq!((image.width, image.height), (Some(1200), Some(675)));

    let names: Vec<_> = a.authors.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Ana Lima", "Bo Chen"], "`authors`, then `author`");
    let ana = &a.authors[0];
    assert!(ana.url.is_some() && ana.image.is_some());
    assert_eq!(ana.job_title.as_deref(), Some("Reporter"));
    assert!(ana.bio.is_some());
    assert_eq!(ana.long_bio.len(), 2);
    assert_eq!(ana.education.len(), 1);
    assert_eq!(ana.location.as_deref(), Some("Port Ardley"));
    assert_eq!(ana.languages, ["fr", "en"]);
    assert_eq!(ana.expertise.len(), 2);
    assert_eq!(ana.recent.len(), 1);
    assert!(ana.recent[0].url.is_some() && ana.recent[0].date.is_some());
    assert_eq!(ana.same_as.len(), 1);

    assert_eq!(a.body.len(), 7);
    let Block::Paragraph(runs) = &a.body[1] else {
        panic!("paragraph of runs expected")
    };
    assert!(runs.iter().any(|r| r.em));
    assert!(runs.iter().any(|r| r.strong));
    assert!(runs.iter().any(|r| r.href.is_some()));
    assert!(
        matches!(&a.body[2], Block::Paragraph(runs) if runs[0].text == "A paragraph given as text.")
    );
    assert!(matches!(&a.body[3], Block::Heading { .. }));
    assert!(matches!(&a.body[4], Block::Quote { cite: Some(_), .. }));
    let Block::Image(body_image) = &a.body[5] else {
        panic!("image block expected")
    };
    assert_eq!(
        (body_image.width, body_image.height),
        (Some(800), Some(600)),
        "numeric strings"
    );
    assert!(body_image.caption.is_some() && body_image.credit.is_some());
    let Block::Related(related) = &a.body[6] else {
        panic!("related block expected")
    };
    assert!(related.kicker.is_some() && related.image.is_some());

    assert_eq!(a.tags.len(), 2);
    assert_eq!(a.tags[1].slug, "budget");
    assert!(a.tags[1].url.is_some());
    assert_eq!(a.corrections.len(), 2);
    assert!(a.corrections[1].date.is_some());
    assert!(a.trust.publisher.is_some() && a.trust.statement.is_some());
    assert!(a.trust.standards_url.is_some());
    assert!(a.trust.corrections_policy_url.is_some());
    assert!(a.trust.ethics_policy_url.is_some());
}

/// The other forms the schema allows (single values for lists, `author`, `src`, `title`, objects
/// with a `name`, null and empty strings for "absent") are read as such.
#[test]
fn other_forms_in_the_schema_are_read() {
    let a = edge("other-forms.json");
    assert_eq!((a.id.as_deref(), a.url.as_ref()), (None, None));
    assert_eq!((a.section.as_deref(), a.language.as_deref()), (None, None));
    assert_eq!(a.date_published.as_deref(), Some("2026-02-03 07:30"));
    assert_eq!(
        a.image.as_ref().map(|i| i.src.href.as_str()),
        Some("//cdn.news.example/img/lead.jpg")
    );
    let ana = &a.authors[0];
    assert_eq!(ana.name, "Ana Lima");
    assert_eq!(
        ana.image.as_ref().map(|u| u.href.as_str()),
        Some("/img/ana.jpg")
    );
    assert_eq!(ana.long_bio, ["First paragraph.", "Second paragraph."]);
    assert_eq!(ana.education, ["University of the Coast"]);
    assert_eq!(ana.location.as_deref(), Some("Port Ardley"));
    assert_eq!(ana.languages, ["en"]);
    assert_eq!(ana.expertise, ["Harbours", "Budgets"]);
    assert_eq!(ana.recent[0].headline, "An Older Story");
    assert!(ana.recent[0].date.is_some());
    assert_eq!(ana.same_as.len(), 1);
    assert!(matches!(&a.body[..], [Block::Paragraph(_)]));
    assert_eq!(a.tags[0].name, "Harbours");
    assert_eq!(a.corrections.len(), 1);
}

#[test]
fn blanks_in_lists_are_dropped() {
    let a = edge("blanks-in-lists.json");
    let names: Vec<_> = a.authors.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Ana Lima", "Bo Chen"]);
    let bo = &a.authors[1];
    assert!(bo.education.is_empty() && bo.expertise.is_empty() && bo.same_as.is_empty());
    assert_eq!(bo.languages, ["en"]);
    assert_eq!(bo.long_bio, ["One paragraph."]);
    assert!(matches!(&a.body[0], Block::Paragraph(runs) if runs[0].text == "One paragraph."));
    let tags: Vec<_> = a.tags.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(tags, ["Harbour"]);
    assert!(a.corrections.is_empty());
}

/// What the schema requires is what the parser requires: these documents are invalid against the
/// schema (tests/schema.mjs) and refused here.
#[test]
fn what_the_schema_refuses_for_its_required_parts_the_parser_refuses() {
    for json in [
        r#"{"version":1,"description":"A standfirst without a headline."}"#,
        r#"{"version":1,"headline":"  \n\t\u00a0"}"#,
        r#"{"version":1,"headline":"<p></p><br/>&nbsp;&#32;<script>Hi</script>"}"#,
    ] {
        assert_eq!(parse_str(json), Err(ParseError::MissingHeadline), "{json}");
    }
    assert_eq!(
        parse_str(r#"{"version":2,"headline":"H"}"#),
        Err(ParseError::UnsupportedVersion(2))
    );
}
