//! The article's own HTML into typed blocks (aw_core::html): shapes kept, nothing unsafe kept,
//! bounded on hostile input.

use std::time::Instant;

use aw_core::html::body_from_html;
use aw_core::model::{Block, Provider, Scope};

fn texts(runs: &[aw_core::model::Inline]) -> String {
    runs.iter()
        .map(|r| if r.is_break() { "\n" } else { r.text.as_str() })
        .collect()
}

#[test]
fn lists_keep_their_order_start_and_nesting() {
    let body = body_from_html(
        "<p>What we know:</p><ul><li>First <em>point</em></li><li>Second<ul><li>Nested</li></ul></li></ul>\
         <ol start=\"3\"><li>Three</li><li>Four</li></ol>",
    );
    assert!(matches!(&body[0], Block::Paragraph(r) if texts(r) == "What we know:"));
    let Block::List(ul) = &body[1] else {
        panic!("{body:?}")
    };
    assert!(!ul.ordered);
    assert_eq!(ul.items.len(), 2);
    assert!(matches!(&ul.items[0][0], Block::Paragraph(r) if texts(r) == "First point" && r[1].em));
    assert!(matches!(&ul.items[1][1], Block::List(inner) if inner.items.len() == 1));
    let Block::List(ol) = &body[2] else {
        panic!("{body:?}")
    };
    assert!(ol.ordered);
    assert_eq!(ol.start, Some(3));
}

#[test]
fn a_results_table_keeps_caption_headers_cells_and_spans() {
    let body = body_from_html(
        "<figure class=\"wp-block-table\"><table><thead><tr><th scope=\"col\">Candidate</th><th>Votes</th></tr></thead>\
         <tbody><tr><th scope=\"row\">Ana</th><td>1,204</td></tr><tr><td colspan=\"99\">Turnout 61%</td></tr></tbody></table>\
         <figcaption>Results, ward 3</figcaption></figure>",
    );
    let Block::Table(t) = &body[0] else {
        panic!("{body:?}")
    };
    assert_eq!(
        t.caption.as_deref().map(texts).as_deref(),
        Some("Results, ward 3")
    );
    assert_eq!(t.head.len(), 1);
    assert_eq!(t.head[0][0].scope, Some(Scope::Col));
    assert_eq!(texts(&t.body[0][1].content), "1,204");
    assert!(t.body[0][0].header);
    assert_eq!(t.body[1][0].colspan, 64, "spans are capped");
}

#[test]
fn figures_galleries_captions_and_credits() {
    let body = body_from_html(
        "<figure><img src=\"https://img.example/a.jpg\" alt=\"The pier\" width=\"800\" height=\"600\">\
         <figcaption>The pier at dawn. Photo: Jo Ng</figcaption></figure>\
         <div class=\"wp-caption\"><img src=\"/b.jpg\" alt=\"\"><p class=\"wp-caption-text\">Classic caption</p></div>\
         <figure class=\"wp-block-gallery\"><figure><img src=\"/1.jpg\"></figure><figure><img src=\"/2.jpg\"></figure><figcaption>Two</figcaption></figure>",
    );
    let Block::Image(a) = &body[0] else {
        panic!("{body:?}")
    };
    assert_eq!((a.width, a.height), (Some(800), Some(600)));
    assert_eq!(a.caption.as_deref(), Some("The pier at dawn."));
    assert_eq!(a.credit.as_deref(), Some("Jo Ng"));
    assert!(matches!(&body[1], Block::Image(b) if b.caption.as_deref() == Some("Classic caption")));
    assert!(
        matches!(&body[2], Block::Gallery { images, caption } if images.len() == 2 && caption.as_deref() == Some("Two"))
    );
}

#[test]
fn code_separators_headings_and_inline_semantics() {
    let body = body_from_html(
        "<h2>Top</h2><h3>Mid</h3><h4>Low</h4><pre><code class=\"language-python\">def f():\n    return 1\n</code></pre><hr>\
         <p>H<sub>2</sub>O, x<sup>2</sup>, <code>ls</code>, <mark>hot</mark>, <small>fine</small>, <del>old</del><ins>new</ins>, \
         <abbr title=\"World Health Organization\">WHO</abbr><br>next line</p>",
    );
    assert!(matches!(&body[0], Block::Heading { level: 1, text } if text == "Top"));
    assert!(matches!(&body[1], Block::Heading { level: 2, .. }));
    assert!(matches!(&body[2], Block::Heading { level: 3, .. }));
    assert!(
        matches!(&body[3], Block::Code { text, language: Some(l) } if text == "def f():\n    return 1" && l == "python")
    );
    assert!(matches!(&body[4], Block::Separator));
    let Block::Paragraph(runs) = &body[5] else {
        panic!("{body:?}")
    };
    assert!(runs.iter().any(|r| r.marks.sub && r.text == "2"));
    assert!(runs.iter().any(|r| r.marks.sup && r.text == "2"));
    assert!(runs.iter().any(|r| r.marks.code && r.text == "ls"));
    assert!(runs.iter().any(|r| r.marks.mark));
    assert!(runs.iter().any(|r| r.marks.small));
    assert!(runs.iter().any(|r| r.marks.del && r.text == "old"));
    assert!(runs.iter().any(|r| r.marks.ins && r.text == "new"));
    assert!(runs
        .iter()
        .any(|r| r.marks.abbr.as_deref() == Some("World Health Organization")));
    assert!(runs.iter().any(|r| r.is_break()));
}

#[test]
fn embeds_become_facades_and_hostile_markup_goes() {
    let body = body_from_html(
        "<figure><iframe src=\"https://www.youtube.com/embed/abc_123?rel=0\" title=\"Council meeting\" width=\"560\" height=\"315\"></iframe></figure>\
         <blockquote class=\"twitter-tweet\"><p>Posted words</p>&mdash; Someone <a href=\"https://twitter.com/x/status/1\">May 1</a></blockquote>\
         <iframe src=\"javascript:alert(1)\"></iframe><iframe src=\"http://plain.example/\"></iframe>\
         <script>alert(1)</script><style>p{}</style><form><input value=x><button>Go</button></form><!-- secret -->\
         <p onclick=\"alert(1)\">Kept <a href=\"javascript:alert(1)\">text</a><img src=x onerror=alert(1)></p>\
         <div hidden>hidden</div><span style=\"display: none\">gone</span><p aria-hidden=\"true\">gone too</p><custom-el>Unknown keeps text</custom-el>",
    );
    let Block::Embed(v) = &body[0] else {
        panic!("{body:?}")
    };
    assert_eq!(v.provider, Provider::YouTube);
    assert_eq!(v.url.href, "https://www.youtube.com/watch?v=abc_123");
    assert_eq!(v.title.as_deref(), Some("Council meeting"));
    assert!(v.frame.is_some());
    assert!(matches!(&body[1], Block::Embed(x) if x.provider == Provider::X && x.frame.is_none()));
    let all = format!("{body:?}");
    for gone in [
        "alert",
        "secret",
        "hidden",
        "gone",
        "Go\"",
        "plain.example",
        "p{}",
    ] {
        assert!(!all.contains(gone), "{gone} left in {all}");
    }
    assert!(all.contains("Kept text"), "{all}");
    assert!(all.contains("Unknown keeps text"), "{all}");
}

#[test]
fn footnotes_and_their_references() {
    let body = body_from_html(
        "<p>Claim<sup><a href=\"#fn1\">1</a></sup>.</p><ol class=\"footnotes\"><li id=\"fn1\">The source.</li></ol>",
    );
    let Block::Paragraph(runs) = &body[0] else {
        panic!("{body:?}")
    };
    assert!(runs.iter().any(|r| r.marks.note == Some(1)));
    assert!(matches!(&body[1], Block::Footnotes(notes) if notes.len() == 1));
}

/// Hostile shapes finish fast and bounded (each well under a second on the host; the
/// figures are printed by the growth benchmark, not asserted as times here beyond a sanity
/// cap that only a quadratic blow-up would reach).
#[test]
fn hostile_input_is_bounded() {
    let n: usize = std::env::var("AW_HOSTILE_N")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000);
    let cases: Vec<(&str, String)> = vec![
        ("a million nested elements", "<div>".repeat(n)),
        ("a million nested inline elements", "<b>".repeat(n)),
        (
            "a million attributes",
            format!("<p {}>x</p>", "a=1 ".repeat(n)),
        ),
        (
            "unclosed tags",
            "<p><ul><li><table><tr><td><figure>".repeat(n / 10),
        ),
        ("5 MiB of text", "word ".repeat(1_048_576)),
        ("nested lists", "<ul><li>x".repeat(n / 20)),
    ];
    for (name, html) in cases {
        let at = Instant::now();
        let body = body_from_html(&html);
        let took = at.elapsed();
        println!(
            "{name}: {} bytes -> {} blocks in {took:?}",
            html.len(),
            body.len()
        );
        assert!(body.len() <= aw_core::model::MAX_BLOCKS, "{name}");
        assert!(took.as_secs() < 20, "{name}: {took:?}");
    }
}

/// The XSS vectors the browser tier mounts (tests/fixtures/xss-vectors.html): on the host too,
/// nothing of them is kept but text, and no URL but a safe one.
#[test]
fn xss_vectors_keep_nothing_but_text() {
    let html = include_str!("../../../tests/fixtures/xss-vectors.html");
    let body = body_from_html(html);
    let all = format!("{body:?}");
    for bad in ["__xss", "javascript", "data:text", "onerror", "srcdoc"] {
        assert!(!all.contains(bad), "{bad} kept: {all}");
    }
    assert!(all.contains("Text before the vectors."), "{all}");
    assert!(all.contains("Text after the vectors."), "{all}");
    assert!(all.contains("a link that must lose its href"), "{all}");
}

#[test]
fn heading_levels_never_skip() {
    let body = body_from_html("<h2>A</h2><h4>B</h4><h6>C</h6><h2>D</h2><h3>E</h3>");
    let levels: Vec<u8> = body
        .iter()
        .filter_map(|b| match b {
            Block::Heading { level, .. } => Some(*level),
            _ => None,
        })
        .collect();
    assert_eq!(levels, [1, 2, 3, 1, 2]);
}

#[test]
fn a_no_break_space_stays_one() {
    let body = body_from_html("<p>10&nbsp;km  from\n the\u{a0}coast </p>");
    let Block::Paragraph(runs) = &body[0] else {
        panic!("{body:?}")
    };
    assert_eq!(texts(runs), "10\u{a0}km from the\u{a0}coast");
}

/// A syntax highlighter's layout table (WP-Syntax, as on Mozilla Hacks; GeSHi; Pygments with line
/// numbers) is a code block, its line breaks kept and its gutter of line numbers left out; a data
/// table with a `<pre>` in one cell and words in others stays a table.
#[test]
fn a_highlighters_layout_table_is_code() {
    let body = body_from_html(
        "<div class=\"wp_syntax\"><table><tbody><tr><td class=\"line_numbers\"><pre>1\n2</pre></td>\
         <td class=\"code\"><pre class=\"javascript\">fetch(<span style=\"color:red\">\"/a\"</span>)\n  .then(r =&gt; r.json());</pre></td></tr></tbody></table></div>\
         <table class=\"highlighttable\"><tr><td class=\"linenos\"><div class=\"linenodiv\"><pre>1</pre></div></td>\
         <td class=\"code\"><div class=\"highlight\"><pre><code class=\"language-rust\">let x = 1;</code></pre></div></td></tr></table>\
         <table><tr><th>Flag</th><th>Example</th></tr><tr><td>--quiet</td><td><pre>aw --quiet</pre></td></tr></table>",
    );
    assert!(
        matches!(&body[0], Block::Code { text, .. } if text == "fetch(\"/a\")\n  .then(r => r.json());"),
        "{body:?}"
    );
    assert!(
        matches!(&body[1], Block::Code { text, language } if text == "let x = 1;" && language.as_deref() == Some("rust")),
        "{body:?}"
    );
    assert!(
        matches!(&body[2], Block::Table(t) if t.head.len() + t.body.len() == 2),
        "{body:?}"
    );
    assert_eq!(body.len(), 3, "{body:?}");
}

/// A related-article teaser in the article's HTML: "Related:" and one link, or an element of
/// class `related` that is one link; anything more stays a paragraph, every word kept.
#[test]
fn related_teasers_from_the_articles_html() {
    let body = body_from_html(
        "<p>Related: <a href=\"https://news.example/a\">County Adds Two Bus Routes</a></p>\
         <p class=\"wp-block-paragraph related\"><a href=\"/b\">Library Extends Hours</a></p>\
         <aside class=\"related-story\">READ MORE: <a href=\"https://news.example/c\">Bridge Closed</a></aside>\
         <p>Related: <a href=\"https://news.example/d\">One</a> and <a href=\"https://news.example/e\">two</a></p>\
         <p class=\"related\">See the <a href=\"https://news.example/f\">timeline</a> and the map.</p>\
         <p>Related: <a href=\"javascript:alert(1)\">Bad</a></p>",
    );
    let teasers: Vec<(&str, Option<&str>)> = body
        .iter()
        .filter_map(|b| match b {
            Block::Related(r) => Some((r.headline.as_str(), r.kicker.as_deref())),
            _ => None,
        })
        .collect();
    assert_eq!(
        teasers,
        [
            ("County Adds Two Bus Routes", Some("Related")),
            ("Library Extends Hours", None),
            ("Bridge Closed", Some("READ MORE")),
        ],
        "{body:?}"
    );
    assert_eq!(body.len(), 6, "the other three stay paragraphs: {body:?}");
}
