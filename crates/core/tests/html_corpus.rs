//! The corpus of real article bodies (tests/fixtures/articles: 27 articles from public sources,
//! each with its source and licence in manifest.json). Every word a reader sees in the
//! publisher's HTML is in the widget's blocks, and lists, table cells and captions keep their
//! shape. The reference is taken from the same HTML by a different road (scraper's own tree and
//! text, not the converter), so a converter that drops a passage fails here.

use std::collections::HashMap;
use std::path::Path;

use aw_core::html::{body_from_html, fingerprint};
use aw_core::model::{Block, Inline};
use scraper::{ElementRef, Html, Node};

const HIDDEN: &[&str] = &[
    "script", "style", "template", "noscript", "form", "button", "select", "textarea", "svg",
    "math", "head", "title", "option", "canvas", "object",
];

fn visible(e: &ElementRef) -> bool {
    let v = e.value();
    !(HIDDEN.contains(&v.name())
        || v.attr("hidden").is_some()
        || v.attr("aria-hidden") == Some("true")
        || v.attr("style").is_some_and(|s| {
            let s: String = s
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase();
            s.contains("display:none") || s.contains("visibility:hidden")
        }))
}

/// The reference: visible words, list items, cells and figure captions of the source.
#[derive(Default, Debug)]
struct Seen {
    text: String,
    items: usize,
    cells: usize,
    captions: usize,
    code: usize,
    in_cell: usize,
}

fn walk(e: ElementRef, seen: &mut Seen) {
    if !visible(&e) {
        return;
    }
    let name = e.value().name();
    match name {
        // A cell holding code is a highlighter's layout (its code is counted as code).
        "td" | "th"
            if !e
                .descendants()
                .any(|n| n.value().as_element().is_some_and(|el| el.name() == "pre")) =>
        {
            seen.cells += 1
        }
        "pre" => seen.code += 1,
        "figcaption" => seen.captions += 1,
        _ => {}
    }
    let before = seen.text.len();
    if matches!(name, "td" | "th") {
        seen.in_cell += 1;
    }
    let block = !INLINE.contains(&e.value().name());
    if block {
        seen.text.push(' ');
    }
    for child in e.children() {
        match child.value() {
            Node::Text(t) => seen.text.push_str(t),
            Node::Element(_) => walk(ElementRef::wrap(child).expect("element"), seen),
            _ => {}
        }
    }
    if block {
        seen.text.push(' ');
    }
    if matches!(name, "td" | "th") {
        seen.in_cell -= 1;
    }
    // A list item a reader sees: one with text, not inside a table cell (a cell holds text
    // only: a list there reads as lines).
    if name == "li" && seen.in_cell == 0 && !seen.text[before..].trim().is_empty() {
        seen.items += 1;
    }
}

/// Elements whose text runs on into their neighbours' (words may be split across them).
const INLINE: &[&str] = &[
    "a", "span", "em", "i", "strong", "b", "code", "kbd", "samp", "tt", "sub", "sup", "mark",
    "small", "del", "s", "strike", "ins", "u", "abbr", "acronym", "cite", "dfn", "var", "q",
    "time", "font", "bdi", "bdo", "data", "label", "big",
];

#[derive(Default, Debug)]
struct Got {
    text: String,
    items: usize,
    cells: usize,
    captions: usize,
    code: usize,
}

/// A block's runs, joined as the reader reads them (a footnote number runs on from its word,
/// as in the source).
fn runs(r: &[Inline], got: &mut Got) {
    got.text.push(' ');
    for run in r {
        got.text
            .push_str(if run.is_break() { " " } else { &run.text });
    }
    got.text.push(' ');
}

fn collect(blocks: &[Block], got: &mut Got) {
    for b in blocks {
        match b {
            Block::Paragraph(r) => runs(r, got),
            Block::Heading { text, .. } => {
                got.text.push(' ');
                got.text.push_str(text);
            }
            Block::Code { text, .. } => {
                got.code += 1;
                got.text.push(' ');
                got.text.push_str(text);
            }
            Block::Quote { text, cite } => {
                got.text.push(' ');
                got.text.push_str(text);
                if let Some(c) = cite {
                    got.text.push(' ');
                    got.text.push_str(c);
                }
            }
            Block::List(l) => {
                got.items += l.items.len();
                for item in &l.items {
                    collect(item, got);
                }
            }
            Block::Table(t) => {
                if let Some(c) = &t.caption {
                    runs(c, got);
                }
                for cell in t.head.iter().chain(&t.body).flatten() {
                    got.cells += 1;
                    runs(&cell.content, got);
                }
            }
            Block::Image(i) => {
                for t in [&i.caption, &i.credit].into_iter().flatten() {
                    got.text.push(' ');
                    got.text.push_str(t);
                }
                got.captions += usize::from(i.caption.is_some() || i.credit.is_some());
            }
            Block::Gallery { images, caption } => {
                collect(
                    &images.iter().cloned().map(Block::Image).collect::<Vec<_>>(),
                    got,
                );
                if let Some(c) = caption {
                    got.captions += 1;
                    got.text.push(' ');
                    got.text.push_str(c);
                }
            }
            Block::Embed(e) => {
                if let Some(t) = &e.title {
                    got.captions += 1;
                    got.text.push(' ');
                    got.text.push_str(t);
                }
            }
            Block::Footnotes(notes) => {
                got.items += notes.len();
                for n in notes {
                    got.text.push_str(&format!(" {}", n.number));
                    runs(&n.content, got);
                }
            }
            Block::Related(_) | Block::Separator => {}
        }
    }
}

/// Words with their punctuation trimmed, counted.
fn bag(words: impl Iterator<Item = String>) -> HashMap<String, usize> {
    let mut bag = HashMap::new();
    for w in words {
        let w: String = w.chars().filter(|c| c.is_alphanumeric()).collect();
        if !w.is_empty() {
            *bag.entry(w).or_default() += 1;
        }
    }
    bag
}

/// Words the count cannot match although nothing is lost, per article: (file, words, list
/// items). A footnote's own number joins its first word in the source ("23If") and stands apart
/// in the widget (the note's number); a caption's "Foto:" becomes the credit, shown after the
/// widget's own "Photo:". Anything else lost fails.
const KNOWN_GAPS: &[(&str, usize, usize)] = &[
    ("11-google-sre-monitoring.html", 4, 0),
    ("17-globalvoices-nicaragua-protests.html", 1, 0),
    ("18-netzpolitik-cider-connection.html", 1, 0),
    ("23-hertha-blog-alte-dame.html", 1, 0),
];

/// The corpus's folder and its articles, in name order.
fn corpus() -> (std::path::PathBuf, Vec<std::path::PathBuf>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/articles");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("the corpus")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    files.sort();
    (dir, files)
}

#[test]
fn every_passage_and_shape_of_the_corpus_survives() {
    let (_, files) = corpus();
    assert!(files.len() >= 20, "the corpus has {} articles", files.len());
    let mut problems = Vec::new();
    let (mut with_lists, mut with_tables, mut with_captions) = (0, 0, 0);
    for path in &files {
        let html = std::fs::read_to_string(path).expect("read");
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let doc = Html::parse_fragment(&html);
        let mut seen = Seen::default();
        walk(doc.root_element(), &mut seen);
        let blocks = body_from_html(&html);
        let mut got = Got::default();
        collect(&blocks, &mut got);
        let want = bag(seen.text.split_whitespace().map(str::to_owned));
        let have = bag(got.text.split_whitespace().map(str::to_owned));
        let total: usize = want.values().sum();
        let missing: Vec<String> = want
            .iter()
            .filter(|(w, n)| have.get(*w).copied().unwrap_or(0) < **n)
            .map(|(w, n)| format!("{w}×{}", n - have.get(w).copied().unwrap_or(0)))
            .collect();
        let lost: usize = want
            .iter()
            .map(|(w, n)| n.saturating_sub(have.get(w).copied().unwrap_or(0)))
            .sum();
        with_lists += usize::from(seen.items > 0);
        with_tables += usize::from(seen.cells > 0);
        with_captions += usize::from(seen.captions > 0);
        println!(
            "{name}: words {}/{total}, list items {}/{}, cells {}/{}, captions {}/{}, code {}/{}",
            total - lost,
            got.items,
            seen.items,
            got.cells,
            seen.cells,
            got.captions,
            seen.captions,
            got.code,
            seen.code
        );
        let (words_ok, items_ok) = KNOWN_GAPS
            .iter()
            .find(|(f, _, _)| *f == name)
            .map_or((0, 0), |&(_, w, i)| (w, i));
        if lost > words_ok {
            problems.push(format!(
                "{name}: {lost} of {total} words lost: {}",
                missing
                    .iter()
                    .take(12)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(" ")
            ));
        }
        if got.items + items_ok < seen.items {
            problems.push(format!(
                "{name}: {} of {} list items",
                got.items, seen.items
            ));
        }
        if got.cells < seen.cells {
            problems.push(format!(
                "{name}: {} of {} table cells",
                got.cells, seen.cells
            ));
        }
        if got.code < seen.code {
            problems.push(format!("{name}: {} of {} code blocks", got.code, seen.code));
        }
        if got.captions < seen.captions {
            problems.push(format!(
                "{name}: {} of {} captions",
                got.captions, seen.captions
            ));
        }
    }
    println!("articles with lists {with_lists}, tables {with_tables}, captions {with_captions}");
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The host's conversion of every corpus article, fingerprinted into parity.txt, which the
/// browser tier (tests/browser.rs) holds the DOMParser conversion to. A change to the converter
/// changes them: `AW_BLESS=1 cargo test -p aw-core --test html_corpus` writes them anew (and the
/// browser tier then checks the browser agrees).
#[test]
fn parity_fingerprints_are_current() {
    let (dir, files) = corpus();
    let mut now = String::from(
        "# fingerprint of each corpus article's blocks (crates/core/tests/html_corpus.rs writes it)\n",
    );
    for path in &files {
        let html = std::fs::read_to_string(path).expect("read");
        let blocks = body_from_html(&html);
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        now.push_str(&format!("{name} {}\n", fingerprint(&blocks)));
    }
    let golden = dir.join("parity.txt");
    if std::env::var_os("AW_BLESS").is_some() {
        std::fs::write(&golden, &now).expect("write parity.txt");
    }
    let kept = std::fs::read_to_string(&golden).unwrap_or_default();
    assert_eq!(
        kept, now,
        "parity.txt is stale: run AW_BLESS=1 cargo test -p aw-core --test html_corpus"
    );
}
