//! A document fetched from a URL keeps its relative URLs relative to that URL (issue 10): the
//! widget resolves them against where the JSON came from, not against the host page.

use aw_core::parse::parse_str;
use aw_core::urls::{safe_url, with_base};

const FEED: &str = "https://feeds.example/a/1.json";

#[test]
fn every_url_field_resolves_against_the_documents_url() {
    let doc = r#"{
        "version": 1,
        "headline": "Relative everything",
        "url": "/news/1",
        "image": {"url": "img/1.jpg", "alt": "A harbour"},
        "authors": [{"name": "Ada Byline", "url": "../people/ada", "image": "//cdn.example/ada.jpg"}],
        "tags": [{"name": "Harbours", "url": "tags/harbours"}],
        "body": [{"type": "paragraph", "text": "See the source."}]
    }"#;
    let a = with_base(FEED, || parse_str(doc)).unwrap();
    assert_eq!(a.url.as_ref().unwrap().href, "https://feeds.example/news/1");
    assert_eq!(
        a.image.as_ref().unwrap().src.href,
        "https://feeds.example/a/img/1.jpg"
    );
    let author = &a.authors[0];
    assert_eq!(
        author.url.as_ref().unwrap().href,
        "https://feeds.example/people/ada"
    );
    assert_eq!(
        author.image.as_ref().unwrap().href,
        "https://cdn.example/ada.jpg"
    );
    assert_eq!(
        a.tags[0].url.as_ref().unwrap().href,
        "https://feeds.example/a/tags/harbours"
    );
    assert!(
        a.image.as_ref().unwrap().src.external,
        "it is another site's file now"
    );
}

#[test]
fn without_a_base_relative_urls_stay_relative_to_the_page() {
    let u = safe_url("img/1.jpg").unwrap();
    assert_eq!((u.href.as_str(), u.external), ("img/1.jpg", false));
    // And the base does not outlive the parse it was given for.
    with_base(FEED, || ());
    assert_eq!(safe_url("img/1.jpg").unwrap().href, "img/1.jpg");
}

#[test]
fn resolving_never_lets_a_refused_scheme_through() {
    with_base(FEED, || {
        assert_eq!(safe_url("javascript:alert(1)"), None);
        assert_eq!(safe_url("java\tscript:alert(1)"), None);
        assert_eq!(safe_url("data:text/html,x"), None);
        // Backslashes read as browsers read them, then resolved: another host, marked external.
        let u = safe_url("\\\\evil.example/x").unwrap();
        assert_eq!(u.href, "https://evil.example/x");
        assert!(u.external);
    });
}
