//! Host render tests (Yew `ssr`): the HTML the widget produces for given data, asserted on what a
//! reader (or a screen reader) would get.
#![cfg(not(target_arch = "wasm32"))]

use std::rc::Rc;

use article_widget::components::{App, AppProps};
use article_widget::config::{ArticleSource, WidgetConfig};
use yew::LocalServerRenderer;

mod common;
use common::{has_tag, tags};

const DEMO: &str = include_str!("../demo/article.json");

fn render_with(source: ArticleSource, config: WidgetConfig) -> String {
    let props = AppProps {
        config: Rc::new(config),
        source,
        events: Default::default(),
        native_form: true,
    };
    futures::executor::block_on(
        LocalServerRenderer::<App>::with_props(props)
            .hydratable(false)
            .render(),
    )
}

fn render(json: &str) -> String {
    render_with(ArticleSource::Inline(json.into()), WidgetConfig::default())
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

#[test]
fn full_demo_article() {
    let html = render_with(
        ArticleSource::Inline(DEMO.into()),
        WidgetConfig {
            tag_url: "https://northshore-ledger.example/topic/{slug}".into(),
            ..WidgetConfig::default()
        },
    );
    // Semantic skeleton: one article, one h1, labelled regions.
    assert_eq!(count(&html, "<article"), 1);
    assert_eq!(count(&html, "<h1"), 1);
    assert!(has_tag(
        &html,
        "h1",
        &[r#"id="aw0-headline""#, r#"class="aw-headline""#]
    ));
    assert!(html.contains(
        ">Tidal Barrier Holds Through Its First Winter Storm, but the Repair Bill Has Doubled</h1>"
    ));
    assert!(html.contains("<p class=\"aw-kicker\">Coast &amp; Climate</p>"));
    // Byline: both authors; the first links to the card.
    assert!(
        html.contains(r##"<a href="#aw0-author" class="aw-byline__name">Marisol Quenneville</a>"##)
    );
    assert!(html.contains(r#"href="https://northshore-ledger.example/staff/tomasz-wisniewski" rel="noopener noreferrer""#));
    assert!(html.contains(r#"<time datetime="2026-02-03T07:30:00-04:00">"#));
    assert!(html.contains(r#"<time datetime="2026-02-04T16:05:00-04:00">"#));
    assert!(html.contains("2 min read"));
    // Lead image with reserved size, caption and credit.
    assert!(
        html.contains(r#"src="img/harbour.svg""#) && html.contains(r#"width="1200" height="675""#)
    );
    assert!(html.contains("Photo: Ines Barrowcliffe"));
    // Body: inline emphasis and links, subheadings one level down, quote, teaser.
    assert!(html.contains("<strong>1.9 metres</strong>"));
    assert!(html.contains("<em>no immediate risk</em>"));
    assert_eq!(count(&html, "class=\"aw-subheading\""), 2);
    assert!(html.contains(r#"<h2 class="aw-subheading">What the inspection found</h2>"#));
    assert!(html.contains("<blockquote>"));
    assert!(has_tag(
        &html,
        "aside",
        &[r#"class="aw-related""#, r#"aria-label="Related article""#]
    ));
    assert!(html.contains("Also on the coast"));
    // Trust box with links, button and the published correction.
    assert!(html.contains(">Truth and Accuracy</h2>"));
    assert!(html.contains(">Submit a correction</button>"));
    assert!(html.contains("Read our editorial standards"));
    assert!(html.contains(r#"<time datetime="2026-02-04">"#));
    assert!(html.contains("It was $212 million."));
    // Tags: four clean links from the template.
    assert!(has_tag(
        &html,
        "nav",
        &[r#"class="aw-tags""#, r#"aria-label="Topics""#]
    ));
    assert_eq!(count(&html, "class=\"aw-tag\""), 4);
    assert!(html.contains(r#"href="https://northshore-ledger.example/topic/coastal-engineering""#));
    // Author card: photo, title, bio, sections with content; none for the empty languages list.
    assert!(html.contains(r#"id="aw0-author""#));
    assert!(has_tag(
        &html,
        "img",
        &[
            r#"class="aw-avatar""#,
            r#"src="img/author.svg""#,
            r#"alt="""#
        ]
    ));
    assert!(html.contains("Senior environment reporter"));
    assert!(html.contains("<summary>Read full biography</summary>"));
    for heading in [
        "Education",
        "Location",
        "Topics of expertise",
        "Recently posted",
    ] {
        assert!(
            html.contains(&format!("<h3>{heading}</h3>")),
            "missing {heading}"
        );
    }
    assert!(
        !html.contains("Languages spoken"),
        "empty languages section must not render"
    );
    assert!(html.contains("Why the Harbour Flood Maps Were Redrawn This Year"));
}

#[test]
fn headings_follow_the_configured_level() {
    let html = render_with(
        ArticleSource::Inline(DEMO.into()),
        WidgetConfig {
            heading_level: 2,
            ..WidgetConfig::default()
        },
    );
    assert_eq!(count(&html, "<h1"), 0);
    assert!(has_tag(&html, "h2", &[r#"id="aw0-headline""#]));
    assert!(html.contains(r#"<h3 class="aw-subheading">"#));
    assert!(html.contains("<h4>Education</h4>"));
}

#[test]
fn sparse_author_renders_no_empty_headings() {
    let html = render(
        r#"{"headline":"Sparse","authors":[{"name":"Only Name","languages":[],"recent":[],"education":[" "],"expertise":[", ,"]}]}"#,
    );
    assert!(html.contains(r#"class="aw-avatar aw-avatar--initials">ON</span>"#));
    assert!(!html.contains("<img"), "no photo given");
    for heading in [
        "Education",
        "Location",
        "Languages spoken",
        "Topics of expertise",
        "Recently posted",
        "Elsewhere",
    ] {
        assert!(
            !html.contains(heading),
            "empty section {heading} rendered: {html}"
        );
    }
    // Every heading has text.
    for level in 1..=6 {
        assert!(!html.contains(&format!("<h{level}></h{level}>")));
    }
    assert!(!html.contains("min read"), "no body, no reading time");
}

#[test]
fn languages_show_as_names() {
    let html = render(include_str!("fixtures/yoast-graph.json"));
    assert!(html.contains("<h3>Languages spoken</h3>"));
    assert!(
        html.contains("<li>English</li><li>French</li><li>pa</li>"),
        "{html}"
    );
}

#[test]
fn seed_empty_tags_render_no_tag_list() {
    let html = render(
        r#"{"@context":"https://schema.org","@type":"NewsArticle","headline":"h","keywords":", , , ,"}"#,
    );
    assert!(!html.contains("aw-tags"));
    assert!(!html.contains("<nav"));
    assert!(!html.contains(", , "));
}

#[test]
fn xss_payloads_stay_text() {
    let payloads = [
        "<script>alert('s')</script>",
        "<img src=x onerror=alert('i')>",
        "&lt;script&gt;alert('e')&lt;/script&gt;",
        "&lt;img src=x onerror=alert('j')&gt;",
        "\"><svg onload=alert('q')>",
    ];
    for payload in payloads {
        let p = serde_json::to_string(payload).unwrap();
        let doc = format!(
            r#"{{"headline":{p},"description":{p},"section":{p},
                "image":{{"url":"/i.png","alt":{p},"caption":{p},"credit":{p}}},
                "authors":[{{"name":{p},"jobTitle":{p},"bio":{p},"longBio":{p},"education":[{p}],"location":{p},
                  "languages":[{p}],"expertise":[{p}],"recent":[{{"headline":{p},"url":"javascript:alert(1)"}}]}}],
                "body":[{p},{{"type":"heading","text":{p}}},{{"type":"quote","text":{p},"cite":{p}}},
                  {{"type":"paragraph","content":[{{"text":{p},"href":"javascript:alert(2)"}}]}},
                  {{"type":"related","headline":{p},"url":"/r","kicker":{p}}}],
                "tags":[{p}, "Fine"],"corrections":[{{"text":{p}}}],
                "trust":{{"statement":{p},"standardsUrl":"javascript:alert(3)"}}}}"#
        );
        let html = render_with(
            ArticleSource::Inline(doc.into()),
            WidgetConfig {
                tag_url: "javascript:alert('{slug}')".into(),
                ..WidgetConfig::default()
            },
        );
        for tag in tags(&html) {
            let tag = tag.to_lowercase();
            let name = tag.split_whitespace().next().unwrap_or("");
            assert!(
                !matches!(name, "script" | "svg" | "iframe"),
                "{payload}: <{tag}>"
            );
            // Attribute names sit outside quotes (Yew escapes quotes inside values).
            let outside_quotes: String = tag.split('"').step_by(2).collect::<Vec<_>>().join(" ");
            for attr in outside_quotes.split_whitespace().skip(1) {
                assert!(
                    !attr.starts_with("on"),
                    "{payload}: event handler in <{tag}>"
                );
            }
            assert!(!tag.contains("=\"javascript:"), "{payload}: <{tag}>");
        }
        assert!(
            !tags(&html).any(|t| t.starts_with("img src=x")),
            "{payload}"
        );
        if payload.starts_with("&lt;") {
            // Entity-encoded markup is the author's text: it shows, escaped.
            assert!(html.contains("&lt;"), "{payload}: {html}");
        }
    }
}

#[test]
fn errors_show_a_box_not_a_blank() {
    let html = render("{ this is not json");
    assert!(has_tag(
        &html,
        "div",
        &[r#"class="aw-error""#, r#"role="alert""#]
    ));
    assert!(html.contains("The article data on this page is incomplete or invalid."));

    let html = render(r#"{"version":1,"body":["no headline"]}"#);
    assert!(html.contains("aw-error"));

    let html = render_with(ArticleSource::Missing, WidgetConfig::default());
    assert!(html.contains("aw-error"));
}

#[test]
fn url_source_starts_with_a_skeleton() {
    let html = render_with(
        ArticleSource::Url("/a.json".into()),
        WidgetConfig::default(),
    );
    assert!(html.contains("aw-skeleton"));
    assert!(has_tag(&html, "p", &[r#"role="status""#]) && html.contains(">Loading article…</p>"));
}

#[test]
fn spanish_locale_translates_the_chrome() {
    let html = render_with(
        ArticleSource::Inline(DEMO.into()),
        WidgetConfig {
            locale: "es".into(),
            ..WidgetConfig::default()
        },
    );
    assert!(has_tag(&html, "div", &[r#"class="aw""#, r#"lang="es""#]));
    assert!(html.contains("Veracidad y precisión"));
    assert!(html.contains("Enviar una corrección"));
    assert!(html.contains("2 min de lectura"));
}

#[test]
fn arabic_is_right_to_left_and_themes_reach_the_root() {
    let html = render_with(
        ArticleSource::Inline(DEMO.into()),
        WidgetConfig {
            locale: "ar".into(),
            theme: article_widget::config::Theme::Dark,
            ..WidgetConfig::default()
        },
    );
    assert!(has_tag(
        &html,
        "div",
        &[
            r#"class="aw""#,
            r#"lang="ar""#,
            r#"dir="rtl""#,
            r#"data-theme="dark""#,
            r#"part="root""#
        ]
    ));
    assert!(html.contains("الحقيقة والدقة"));
    assert!(html.contains("أرسل تصحيحًا"));
}

#[test]
fn main_blocks_are_exposed_as_parts() {
    let html = render(DEMO);
    for part in [
        "root",
        "article",
        "body",
        "related",
        "trust-box",
        "button",
        "tags",
        "author-card",
    ] {
        assert!(
            html.contains(&format!(r#"part="{part}""#)),
            "no ::part({part})"
        );
    }
}

#[test]
fn the_articles_own_language_marks_its_text_not_the_chrome() {
    let html = render_with(
        ArticleSource::Inline(
            r#"{"@type":"NewsArticle","headline":"Hello","inLanguage":"en-GB","articleBody":"Body text."}"#.into(),
        ),
        WidgetConfig {
            locale: "ar".into(),
            ..WidgetConfig::default()
        },
    );
    assert!(has_tag(
        &html,
        "div",
        &[r#"class="aw""#, r#"lang="ar""#, r#"dir="rtl""#]
    ));
    assert!(has_tag(
        &html,
        "header",
        &[r#"lang="en-GB""#, r#"dir="ltr""#]
    ));
    assert!(has_tag(
        &html,
        "div",
        &[r#"class="aw-content""#, r#"lang="en-GB""#, r#"dir="ltr""#]
    ));
    assert!(
        !has_tag(&html, "section", &[r#"lang="en-GB""#]),
        "the trust box stays in the UI language"
    );
}

/// Issue 10: tags whose names differ only in punctuation share a slug (`c`, `flood-defence`) but
/// are still distinct list items (keyed and reported by position), each link with its own name.
#[test]
fn punctuation_twin_tags_render_as_distinct_links() {
    let html = render(r#"{"headline":"h","tags":["C++","C#","Flood-defence","Flood defence"]}"#);
    assert_eq!(count(&html, "class=\"aw-tag\""), 4);
    for name in ["C++", "C#", "Flood-defence", "Flood defence"] {
        assert_eq!(count(&html, &format!(">{name}</a>")), 1, "{name}: {html}");
    }
    assert!(has_tag(
        &html,
        "li",
        &[r#"data-slug="c""#, r#"data-index="0""#]
    ));
    assert!(has_tag(
        &html,
        "li",
        &[r#"data-slug="c""#, r#"data-index="1""#]
    ));
    let items: Vec<&str> = tags(&html).filter(|t| t.starts_with("li ")).collect();
    assert_eq!(items.len(), 4);
    let distinct: std::collections::HashSet<_> = items.iter().collect();
    assert_eq!(distinct.len(), 4, "{items:?}");
}

/// Every block kind (tests/fixtures/rich-blocks.json) as a reader and a screen reader get it.
#[test]
fn every_block_kind_renders_in_its_shape() {
    let html = render(include_str!("fixtures/rich-blocks.json"));
    // Lists: bulleted, numbered, nested two deep.
    assert_eq!(count(&html, "<ul class=\"aw-list\">"), 2, "{html}");
    assert_eq!(count(&html, "<ol class=\"aw-list\">"), 1);
    assert!(html.contains("<li>The sea wall</li>"), "{html}");
    // The table: in a focusable region named by its caption; header cells with their scope.
    assert!(
        html.contains(
            "role=\"region\" tabindex=\"0\" aria-labelledby=\"aw-table-1\" class=\"aw-table\""
        ),
        "{html}"
    );
    assert!(html.contains("<caption id=\"aw-table-1\">Votes on the levy, 30 November</caption>"));
    assert_eq!(count(&html, "scope=\"col\""), 3);
    assert_eq!(count(&html, "scope=\"row\""), 3);
    assert!(html.contains("colspan=\"2\""));
    // The gallery keeps each image's size (no layout shift) and loads it lazily.
    assert_eq!(
        count(&html, "width=\"1200\" height=\"675\" loading=\"lazy\""),
        2,
        "{html}"
    );
    // The embed: a facade with a link, no frame, the button hidden until scripts run.
    assert!(!html.contains("<iframe"));
    assert!(html.contains("href=\"https://www.youtube.com/watch?v=ledger0001\""));
    assert!(html.contains("Open on YouTube"));
    assert!(
        html.contains("hidden=\"hidden\" class=\"aw-embed__load\""),
        "{html}"
    );
    // Code keeps its lines; the separator; the footnote and its reference link each other.
    assert!(
        html.contains("levy = rateable value × 0.004\nexempt if staff &lt; 10"),
        "{html}"
    );
    assert!(html.contains("<hr class=\"aw-separator\">"));
    assert!(
        html.contains("<a id=\"aw-ref-1\" href=\"#aw-note-1\" class=\"aw-note-link\">1</a>"),
        "{html}"
    );
    assert!(html.contains("<li id=\"aw-note-1\" value=\"1\">"));
    // Inline semantics, struck and added text announced.
    assert!(html.contains("<sub>10</sub>"));
    assert!(
        html.contains("<del><span class=\"aw-visually-hidden\">deleted: </span>0.5</del>"),
        "{html}"
    );
    assert!(html.contains("<ins><span class=\"aw-visually-hidden\">inserted: </span>0.4</ins>"));
    assert!(html.contains("<abbr title=\"Local Government Act\">LGA</abbr>"));
    assert!(html.contains("<br>"));
    // Headings at three levels under the headline (h1): h2, h3, h4.
    for h in [
        "<h2 class=\"aw-subheading\">What we know",
        "<h3 class=\"aw-subheading\">The vote",
        "<h4 class=\"aw-subheading\">How the levy",
    ] {
        assert!(html.contains(h), "{h}");
    }
}

/// `data-parts`: a publisher who keeps their own article shows only the widget's trust box,
/// tags and author card — no second headline, byline or body — and with only the article the
/// byline does not point at a card that is not there.
#[test]
fn parts_render_only_what_the_page_asked_for() {
    use article_widget::config::Parts;
    let beside = render_with(
        ArticleSource::Inline(DEMO.into()),
        WidgetConfig {
            parts: Parts::parse("trust tags author").unwrap(),
            correction_endpoint: Some("/corrections".into()),
            article_body: Some("article .entry-content".into()),
            ..WidgetConfig::default()
        },
    );
    assert_eq!(count(&beside, "<article"), 0, "no second article landmark");
    assert_eq!(count(&beside, "<h1"), 0, "no second headline");
    assert!(
        !beside.contains(">Tidal Barrier Holds"),
        "the headline is the page's"
    );
    assert!(!beside.contains("aw-byline") && !beside.contains("aw-body"));
    assert!(beside.contains("aw-trust__heading"), "{beside}");
    assert!(beside.contains("class=\"aw-tags"), "the tags");
    assert!(beside.contains("aw-author__name"), "the author card");
    // The trust box's heading follows the page's headline (h1): h2.
    assert!(has_tag(&beside, "h2", &[r#"class="aw-trust__heading""#]));

    let trust_only = render_with(
        ArticleSource::Inline(DEMO.into()),
        WidgetConfig {
            parts: Parts::TRUST,
            ..WidgetConfig::default()
        },
    );
    assert!(trust_only.contains("aw-trust__heading"));
    assert!(!trust_only.contains("class=\"aw-tags") && !trust_only.contains("aw-author__name"));

    let article_only = render_with(
        ArticleSource::Inline(DEMO.into()),
        WidgetConfig {
            parts: Parts::ARTICLE,
            ..WidgetConfig::default()
        },
    );
    assert_eq!(count(&article_only, "<h1"), 1);
    assert!(!article_only.contains("<footer") && !article_only.contains("aw-trust"));
    assert!(
        !article_only.contains("href=\"#aw0-author\""),
        "the byline links to no missing card"
    );
    assert!(article_only.contains("aw-byline__name"));
}
