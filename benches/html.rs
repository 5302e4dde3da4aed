//! The article's own HTML into body blocks (issue 29), on the host (html5ever; the widget uses
//! the browser's DOMParser and the same converter): the largest article of the corpus
//! (tests/fixtures/articles/) and hostile shapes at n, 2n, 4n and 8n. Linear growth doubles the
//! time from one size to the next. `scripts/bench-html.sh [divan options]`.

use aw_core::html::body_from_html;
use divan::Bencher;

fn main() {
    divan::main();
}

/// The corpus's largest article (bytes), converted.
#[divan::bench]
fn largest_corpus_article(bencher: Bencher) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/articles");
    let largest = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .max_by_key(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0));
    let html = largest
        .and_then(|p| std::fs::read_to_string(p).ok())
        .unwrap_or_default();
    bencher.bench(|| body_from_html(divan::black_box(&html)).len());
}

/// Hostile shapes: n nested elements, n attributes on one element, n paragraphs, n nested
/// lists, n unclosed table cells.
#[divan::bench(args = [12_500, 25_000, 50_000, 100_000])]
fn nested_elements(bencher: Bencher, n: usize) {
    let html = "<div>".repeat(n);
    bencher.bench(|| body_from_html(divan::black_box(&html)).len());
}

#[divan::bench(args = [12_500, 25_000, 50_000, 100_000])]
fn attributes(bencher: Bencher, n: usize) {
    let html = format!("<p {}>x</p>", "a=1 ".repeat(n));
    bencher.bench(|| body_from_html(divan::black_box(&html)).len());
}

#[divan::bench(args = [1_250, 2_500, 5_000, 10_000])]
fn paragraphs(bencher: Bencher, n: usize) {
    let html = "<p>Some <em>words</em> and a <a href=\"/x\">link</a>.</p>".repeat(n);
    bencher.bench(|| body_from_html(divan::black_box(&html)).len());
}

#[divan::bench(args = [1_250, 2_500, 5_000, 10_000])]
fn nested_lists(bencher: Bencher, n: usize) {
    let html = "<ul><li>x".repeat(n);
    bencher.bench(|| body_from_html(divan::black_box(&html)).len());
}

#[divan::bench(args = [1_250, 2_500, 5_000, 10_000])]
fn unclosed_cells(bencher: Bencher, n: usize) {
    let html = "<table><tr><td>x".repeat(n);
    bencher.bench(|| body_from_html(divan::black_box(&html)).len());
}
