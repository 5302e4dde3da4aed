//! Host tests: schema.org JSON-LD in the shapes real publisher pages emit.
#![cfg(not(target_arch = "wasm32"))]

use aw_core::error::ParseError;
use aw_core::model::{Article, Block};
use aw_core::parse::parse_str;

fn parse(json: &str) -> Article {
    parse_str(json).unwrap_or_else(|e| panic!("{e}: {json}"))
}

#[test]
fn single_object_with_string_author_image_and_keywords() {
    let a = parse(
        r#"{"@context":"https://schema.org","@type":"NewsArticle","headline":"Storm &amp; surge",
            "author":"Jo Bloggs","image":"https://img.example/a.jpg","keywords":"Weather, Coast, , ",
            "datePublished":"2026-01-02","articleBody":"First para.\n\nSecond para.\nThird para."}"#,
    );
    assert_eq!(a.headline, "Storm & surge");
    assert_eq!(a.authors[0].name, "Jo Bloggs");
    assert_eq!(a.image.unwrap().src.href, "https://img.example/a.jpg");
    let tags: Vec<_> = a.tags.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(tags, ["Weather", "Coast"]);
    assert_eq!(a.body.len(), 3);
    assert_eq!(a.date_published.as_deref(), Some("2026-01-02"));
}

#[test]
fn top_level_array_picks_the_article_node() {
    let a = parse(
        r#"[{"@context":"https://schema.org","@type":"WebSite","name":"Site","headline":"Not me"},
            {"@context":"https://schema.org","@type":"BlogPosting","headline":"Me",
             "author":{"@type":"Person","name":"Ann Author","jobTitle":{"@type":"DefinedTerm","name":"Editor"}},
             "image":{"@type":"ImageObject","url":"/a.jpg","caption":"Cap","width":"800","height":450,
                      "creditText":"Photo Desk"}}]"#,
    );
    assert_eq!(a.headline, "Me");
    assert_eq!(a.authors[0].job_title.as_deref(), Some("Editor"));
    let img = a.image.unwrap();
    assert_eq!((img.width, img.height), (Some(800), Some(450)));
    assert_eq!(img.caption.as_deref(), Some("Cap"));
    assert_eq!(img.credit.as_deref(), Some("Photo Desk"));
}

#[test]
fn article_types_are_recognised() {
    for t in [
        r#""NewsArticle""#,
        r#""Article""#,
        r#""BlogPosting""#,
        r#""ReportageNewsArticle""#,
        r#""AnalysisNewsArticle""#,
        r#""OpinionNewsArticle""#,
        r#""LiveBlogPosting""#,
        r#""schema:NewsArticle""#,
        r#""https://schema.org/Article""#,
        r#"["Thing","NewsArticle"]"#,
    ] {
        let doc = format!(
            r#"[{{"@type":"Organization","name":"O","headline":"Wrong"}},{{"@type":{t},"headline":"Right"}}]"#
        );
        assert_eq!(parse(&doc).headline, "Right", "type {t}");
    }
}

#[test]
fn yoast_graph_follows_id_references() {
    let a = parse(include_str!("../../../tests/fixtures/yoast-graph.json"));
    assert_eq!(
        a.headline,
        "Harbour Ferry Returns to a Full Timetable After a Two\u{2011}Year Refit"
    );
    assert_eq!(
        a.description.as_deref(),
        Some("The Cormorant is back on the 20-minute crossing & commuters are already noticing.")
    );
    assert_eq!(a.section.as_deref(), Some("Coast & Climate"));
    assert_eq!(a.language.as_deref(), Some("en-CA"));
    assert_eq!(
        a.url.as_ref().map(|u| u.href.as_str()),
        Some("https://northshore-ledger.example/coast/ferry-full-timetable/")
    );
    // Author {"@id"} → the Person node elsewhere in the graph.
    let p = &a.authors[0];
    assert_eq!(p.name, "Priya Elwood");
    assert_eq!(p.job_title.as_deref(), Some("Transport correspondent"));
    assert_eq!(p.bio.as_deref(), Some("Priya Elwood writes about how people in the region get around — by road, rail and water."));
    assert_eq!(p.languages, ["en", "fr", "pa"]);
    assert_eq!(p.expertise, ["Public transport", "Ferries", "Road safety"]);
    assert_eq!(p.education, ["Lakeshore School of Journalism"]);
    assert_eq!(p.location.as_deref(), Some("Port Ardley, Nova Scotia"));
    assert_eq!(p.image, None);
    // Image {"@id"} → ImageObject; publisher {"@id"} → Organization with its policies.
    let img = a.image.as_ref().unwrap();
    assert_eq!(img.src.href, "img/harbour.svg");
    assert_eq!(img.width, Some(1200));
    assert_eq!(a.trust.publisher.as_deref(), Some("The Northshore Ledger"));
    assert!(a
        .trust
        .standards_url
        .as_ref()
        .unwrap()
        .href
        .ends_with("/about/standards"));
    assert!(a
        .trust
        .corrections_policy_url
        .as_ref()
        .unwrap()
        .href
        .ends_with("/about/corrections"));
    assert!(a
        .trust
        .ethics_policy_url
        .as_ref()
        .unwrap()
        .href
        .ends_with("/about/ethics"));
    let tags: Vec<_> = a.tags.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(tags, ["Transport", "Ferries"]);
    assert_eq!(a.body.len(), 4);
    let Block::Paragraph(runs) = &a.body[2] else {
        panic!()
    };
    assert!(runs[0].text.contains("“I got my mornings back,”"));
}

#[test]
fn authors_as_string_object_or_mixed_array() {
    let a = parse(
        r#"{"@type":"NewsArticle","headline":"h","author":["Solo Name",
            {"@type":"Person","givenName":"Given","familyName":"Family"},
            {"@type":"Organization","name":"Wire Desk"}, 17, {"@type":"Person"}]}"#,
    );
    let names: Vec<_> = a.authors.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Solo Name", "Given Family", "Wire Desk"]);
}

#[test]
fn images_as_array_take_the_first_usable() {
    let a = parse(
        r#"{"@type":"Article","headline":"h","image":[{"@type":"ImageObject"},"javascript:x","https://i.example/1.jpg","https://i.example/2.jpg"]}"#,
    );
    assert_eq!(a.image.unwrap().src.href, "https://i.example/1.jpg");
}

#[test]
fn keywords_array_and_about() {
    let a = parse(
        r#"{"@type":"Article","headline":"h","keywords":["Politics","Faith, Life",""],
            "about":[{"@type":"Thing","name":"Economy"},"politics","Trade"]}"#,
    );
    let tags: Vec<_> = a.tags.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(tags, ["Politics", "Faith", "Life", "Economy", "Trade"]);
}

#[test]
fn seed_page_empty_keywords_give_no_tags() {
    let a = parse(r#"{"@type":"NewsArticle","headline":"h","keywords":", , , ,"}"#);
    assert!(a.tags.is_empty());
}

#[test]
fn wrong_types_are_dropped_individually() {
    let a = parse(
        r#"{"@type":"NewsArticle","headline":"Kept","author":42,"image":true,"keywords":{"x":1},
            "datePublished":20260101,"articleBody":["not","a","string"],"publisher":"Just a name",
            "correction":[null,false],"wordCount":"lots","description":["x"]}"#,
    );
    assert_eq!(a.headline, "Kept");
    assert!(a.authors.is_empty() && a.image.is_none() && a.tags.is_empty());
    assert!(a.date_published.is_none() && a.body.is_empty() && a.corrections.is_empty());
    assert_eq!(a.word_count_hint, None);
    assert_eq!(a.description, None);
}

#[test]
fn entities_and_markup_in_strings_become_text() {
    let a = parse(
        r#"{"@type":"NewsArticle","headline":"Kim&#8217;s <b>tearful</b> video &ndash; a &quot;signal&quot;?",
            "author":{"@type":"Person","name":"Rebekah &amp; Co","description":"<p>Editor.</p><script>alert(1)</script>"}}"#,
    );
    assert_eq!(a.headline, "Kim’s tearful video – a \"signal\"?");
    assert_eq!(a.authors[0].name, "Rebekah & Co");
    assert_eq!(a.authors[0].bio.as_deref(), Some("Editor."));
}

#[test]
fn person_details() {
    let a = parse(
        r#"{"@type":"NewsArticle","headline":"h","author":{"@type":"Person","name":"R B",
            "image":{"@type":"ImageObject","url":"https://i.example/rb.jpg"},
            "url":"https://news.example/author/rb",
            "description":"R B is the former deputy managing editor of The Example Journal. She graduated from Example College with a Bachelor of Arts in Political Science. She has written hundreds of articles on topics like free speech.",
            "hasCredential":{"@type":"EducationalOccupationalCredential","name":"Bachelor of Arts in Political Science"},
            "alumniOf":[{"@type":"CollegeOrUniversity","name":"Example College"}],
            "homeLocation":"Phoenix, Arizona",
            "knowsLanguage":[{"@type":"Language","name":"Spanish"}],
            "knowsAbout":[{"@type":"Thing","name":"Politics"},"Faith"],
            "sameAs":["https://social.example/rb","javascript:void(0)"]}}"#,
    );
    let p = &a.authors[0];
    assert_eq!(p.image.as_ref().unwrap().href, "https://i.example/rb.jpg");
    assert_eq!(
        p.bio.as_deref(),
        Some("R B is the former deputy managing editor of The Example Journal.")
    );
    assert_eq!(p.long_bio.len(), 1);
    assert!(p.long_bio[0].ends_with("free speech."));
    assert_eq!(
        p.education,
        ["Bachelor of Arts in Political Science", "Example College"]
    );
    assert_eq!(p.location.as_deref(), Some("Phoenix, Arizona"));
    assert_eq!(p.languages, ["Spanish"]);
    assert_eq!(p.expertise, ["Politics", "Faith"]);
    assert_eq!(p.same_as.len(), 1);
}

#[test]
fn corrections_as_comment_or_text() {
    let a = parse(
        r#"{"@type":"NewsArticle","headline":"h","correction":[
            {"@type":"CorrectionComment","text":"Fixed the date.","datePublished":"2026-02-01"},
            "Fixed a name."]}"#,
    );
    assert_eq!(a.corrections.len(), 2);
    assert_eq!(a.corrections[0].date.as_deref(), Some("2026-02-01"));
    assert_eq!(a.corrections[1].text, "Fixed a name.");
}

#[test]
fn errors() {
    assert_eq!(
        parse_str(r#"{"@context":"https://schema.org","@type":"WebSite","name":"x"}"#),
        Err(ParseError::NoArticle)
    );
    assert_eq!(
        parse_str(r#"{"@type":"NewsArticle","headline":""}"#),
        Err(ParseError::MissingHeadline)
    );
    assert_eq!(parse_str("[]"), Err(ParseError::NoArticle));
    // A name stands in for a missing headline.
    assert_eq!(
        parse(r#"{"@type":"Article","name":"Named"}"#).headline,
        "Named"
    );
}

#[test]
fn self_referencing_graph_terminates() {
    let a = parse(
        r##"{"@graph":[{"@id":"#a","@type":"NewsArticle","headline":"Loop","author":{"@id":"#p"},"isPartOf":{"@id":"#a"}},
             {"@id":"#p","@type":"Person","name":"P","worksFor":{"@id":"#p"},"knowsAbout":{"@id":"#p"}}]}"##,
    );
    assert_eq!(a.authors[0].name, "P");
}

#[test]
fn a_top_level_array_with_entities_markup_and_empty_fields() {
    let a = parse(include_str!("../../../tests/fixtures/jsonld-array.json"));
    assert_eq!(
        a.headline,
        "Ferry Fares Rise by 8% as the Operator\u{2019}s Fuel Bill Climbs"
    );
    assert_eq!(
        a.description, None,
        "an empty description is absent, not blank"
    );
    let names: Vec<&str> = a.authors.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Tomasz Ellery"], "the nameless author is dropped");
    let tags: Vec<&str> = a.tags.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(tags, ["Transport", "Ferries"]);
    let text = format!("{:?}", a.body);
    assert!(text.contains("Single fares") && text.contains("review the subsidy"));
    assert!(
        !text.contains("trackView") && !text.contains("<p>"),
        "{text}"
    );
}
