//! Hostile and oversized documents (issue 10): both parsers finish and keep the output within the
//! caps in `aw_core::model`. Shape only — nothing here measures time.
#![cfg(not(target_arch = "wasm32"))]

use aw_core::model::{Article, Block, MAX_AUTHORS, MAX_CORRECTIONS, MAX_RECENT_POSTS, MAX_TAGS};
use aw_core::parse::parse_str;
use proptest::prelude::*;
use serde_json::{json, Value};

/// `n` pairs of script/style elements in assorted cases, whose contents must vanish.
fn markup_pairs(n: usize) -> String {
    const PAIRS: &[&str] = &[
        "<style></style>",
        "<script>alert(1)</script>",
        "<STYLE>p{color:red}</Style>",
        "<script type=\"x\">if (a < b) go()</SCRIPT >",
    ];
    (0..n).map(|i| PAIRS[i % PAIRS.len()]).collect()
}

/// A string of `len` characters with no whitespace (a URL-ish run, some non-ASCII).
fn unbroken(len: usize) -> String {
    "ab-cd_é.1/".chars().cycle().take(len).collect()
}

/// Nests `inner` `depth` levels deep.
fn nested(depth: usize, inner: Value) -> Value {
    (0..depth).fold(
        inner,
        |v, i| json!({"@type": "Thing", "name": format!("n{i}"), "subjectOf": v}),
    )
}

fn paragraph_text(block: &Block) -> String {
    match block {
        Block::Paragraph(runs) => runs.iter().map(|r| r.text.as_str()).collect(),
        other => panic!("expected a paragraph, got {other:?}"),
    }
}

/// The shape every hostile document must come out with.
fn assert_shape(a: &Article, headline: &str, body: &str, distinct_tags: usize) {
    assert_eq!(a.headline, headline);
    assert_eq!(a.tags.len(), distinct_tags.min(MAX_TAGS));
    assert!(a.authors.len() <= MAX_AUTHORS);
    assert!(a.corrections.len() <= MAX_CORRECTIONS);
    assert!(a.authors.iter().all(|p| p.recent.len() <= MAX_RECENT_POSTS));
    let texts: Vec<String> = a.body.iter().map(paragraph_text).collect();
    assert_eq!(texts, [body]);
    for t in a.tags.iter().map(|t| &t.name).chain(&texts) {
        assert!(!t.contains('<') && !t.contains("alert") && !t.contains("color:red"));
    }
}

fn jsonld_doc(entities: usize, keywords: &str, depth: usize, raw_body: &str, head: &str) -> String {
    let mut graph: Vec<Value> = (0..entities)
        .map(|i| json!({"@type": "Person", "@id": format!("#p{i}"), "name": format!("P {i}")}))
        .collect();
    graph.push(json!({
        "@type": "NewsArticle",
        "@id": "#article",
        "headline": head,
        "articleBody": raw_body,
        "keywords": keywords,
        "author": (0..entities).map(|i| json!({"@id": format!("#p{i}")})).collect::<Vec<_>>(),
        "correction": (0..entities).map(|i| format!("Fixed {i}")).collect::<Vec<_>>(),
        // Deeper than the node index walks; not read as tags.
        "mentions": nested(depth, json!({"@id": "#p0"})),
    }));
    json!({"@context": "https://schema.org", "@graph": graph}).to_string()
}

fn native_doc(entities: usize, tags: &[String], raw_body: &str, head: &str) -> String {
    let recent: Vec<Value> = (0..entities)
        .map(|i| json!({"headline": format!("R {i}"), "url": format!("/r/{i}")}))
        .collect();
    json!({
        "version": 1,
        "headline": head,
        "body": [raw_body],
        "tags": tags,
        "authors": (0..entities.max(1))
            .map(|i| json!({"name": format!("A {i}"), "recent": recent}))
            .collect::<Vec<_>>(),
        "corrections": (0..entities).map(|i| json!({"text": format!("Fixed {i}")})).collect::<Vec<_>>(),
    })
    .to_string()
}

#[test]
fn caps_apply_in_both_formats() {
    let tags: Vec<String> = (0..500).map(|i| format!("Tag {i}")).collect();
    let native = parse_str(&native_doc(300, &tags, "Body", "H")).unwrap();
    assert_eq!(native.tags.len(), MAX_TAGS);
    assert_eq!(
        native.tags[MAX_TAGS - 1].name,
        format!("Tag {}", MAX_TAGS - 1)
    );
    assert_eq!(native.authors.len(), MAX_AUTHORS);
    assert_eq!(native.authors[0].recent.len(), MAX_RECENT_POSTS);
    assert_eq!(native.authors[0].recent[0].headline, "R 0");
    assert_eq!(native.corrections.len(), MAX_CORRECTIONS);

    let jsonld = parse_str(&jsonld_doc(300, &tags.join(","), 3, "Body", "H")).unwrap();
    assert_eq!(jsonld.tags.len(), MAX_TAGS);
    let names: Vec<_> = jsonld.authors.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names.len(), MAX_AUTHORS);
    assert_eq!(names[..2], ["P 0", "P 1"]);
    assert_eq!(jsonld.corrections.len(), MAX_CORRECTIONS);
}

#[test]
fn a_hundred_thousand_keywords_keep_a_hundred_tags() {
    let keywords: String = (0..100_000).map(|i| format!("kw{i}, ")).collect();
    let a = parse_str(&jsonld_doc(2, &keywords, 0, "x", "H")).unwrap();
    assert_eq!(a.tags.len(), MAX_TAGS);
    assert_eq!(a.tags[0].name, "kw0");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn hostile_documents_parse_into_bounded_clean_articles(
        entities in 0usize..400,
        keywords in 0usize..=100_000,
        distinct_mod in 1usize..5_000,
        long in 300usize..3_000,
        pairs in 0usize..20_000,
        depth in 0usize..60,
        native in any::<bool>(),
    ) {
        let word = unbroken(long);
        let head = format!("Big <b>story</b>&amp; {word}");
        let want_head = format!("Big story & {word}");
        let raw_body = format!("Lead{}<p>{word}</p>{}end", markup_pairs(pairs), markup_pairs(pairs / 2));
        // Keyword i is tag `k{i % distinct_mod}` with markup and a long tail.
        let distinct = keywords.min(distinct_mod);
        let tags: Vec<String> = (0..keywords)
            .map(|i| format!("<i>k{}</i>{}", i % distinct_mod, unbroken(20)))
            .collect();
        let a = if native {
            parse_str(&native_doc(entities, &tags, &raw_body, &head))
        } else {
            parse_str(&jsonld_doc(entities, &tags.join(","), depth, &raw_body, &head))
        };
        let a = a.expect("parses");
        if native {
            // A native text block is one paragraph: block tags are spaces there.
            assert_shape(&a, &want_head, &format!("Lead {word} end"), distinct);
        } else {
            // articleBody keeps paragraph breaks: the `<p>` splits it in three.
            let texts: Vec<String> = a.body.iter().map(paragraph_text).collect();
            prop_assert_eq!(texts, ["Lead".to_owned(), word.clone(), "end".to_owned()]);
            let mut one = a.clone();
            one.body.truncate(1);
            assert_shape(&one, &want_head, "Lead", distinct);
            prop_assert_eq!(a.authors.len(), entities.min(MAX_AUTHORS));
        }
    }
}

/// An author's links and long bio are lists too: capped like the others (issue 10; found by
/// the growth benchmark, which rendered 1.8 MiB of author card for 16,000 of each).
#[test]
fn author_links_and_long_bios_are_capped() {
    let links: Vec<String> = (0..500)
        .map(|i| format!("\"https://social.example/{i}\""))
        .collect();
    let bio: Vec<String> = (0..500).map(|i| format!("\"Paragraph {i}.\"")).collect();
    let doc = format!(
        r#"{{"version":1,"headline":"H","authors":[{{"name":"A","sameAs":[{}],"longBio":[{}]}}]}}"#,
        links.join(","),
        bio.join(",")
    );
    let a = aw_core::parse::parse_str(&doc).unwrap();
    let author = &a.authors[0];
    assert_eq!(author.same_as.len(), aw_core::model::MAX_LIST_ITEMS);
    assert_eq!(author.long_bio.len(), aw_core::model::MAX_LIST_ITEMS);
    assert_eq!(
        author.same_as[0].href, "https://social.example/0",
        "the first ones kept"
    );
    let ld = format!(
        r#"{{"@context":"https://schema.org","@type":"NewsArticle","headline":"H","author":{{"@type":"Person","name":"A","sameAs":[{}]}}}}"#,
        links.join(",")
    );
    let a = aw_core::parse::parse_str(&ld).unwrap();
    assert_eq!(a.authors[0].same_as.len(), aw_core::model::MAX_LIST_ITEMS);
}
