//! Growth with hostile input (issue 10), rendered: every adversarial shape of
//! `aw-testing` (`crates/test-support/src/lib.rs`), in both formats, through the widget's server renderer on a
//! thread with a normal 2 MiB stack. The render must finish, show the headline escaped, and list
//! no more tags or byline names than the caps allow. Nothing here is timed (see
//! `scripts/bench-growth.sh`).
#![cfg(not(target_arch = "wasm32"))]

use std::rc::Rc;

use article_widget::components::{App, AppProps};
use article_widget::config::{ArticleSource, WidgetConfig};
use article_widget::model::{MAX_AUTHORS, MAX_TAGS};
use yew::LocalServerRenderer;

use aw_testing::{Doc, Format, Shape};

const STACK: usize = 2 * 1024 * 1024;

fn render(json: &str) -> String {
    let props = AppProps {
        config: Rc::new(WidgetConfig::default()),
        source: ArticleSource::Inline(json.into()),
        events: Default::default(),
        native_form: true,
    };
    futures::executor::block_on(
        LocalServerRenderer::<App>::with_props(props)
            .hydratable(false)
            .render(),
    )
}

/// Builds and renders on a small stack; panics with the document's label on a wrong render.
fn renders(label: String, build: impl FnOnce() -> Doc + Send + 'static) {
    let outcome = std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(move || {
            let doc = build();
            let html = render(&doc.json);
            check(&doc, &html)
        })
        .expect("a thread starts")
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
    if let Err(e) = outcome {
        panic!("{label}: {e}");
    }
}

fn check(doc: &Doc, html: &str) -> Result<(), String> {
    for bad in ["alert(1)", "color:red", "<script", "<style", "javascript:"] {
        if html.contains(bad) {
            return Err(format!("the HTML keeps {bad:?}"));
        }
    }
    if !html.contains("<article") {
        return if doc.expect.may_reject && html.contains("class=\"aw-error\"") {
            Ok(())
        } else {
            Err("no article and no error box".into())
        };
    }
    // The headline in the h1, escaped (its raw text has markup, entities and "<i>" to escape).
    let h1 = html
        .split("<h1")
        .nth(1)
        .and_then(|h| h.split("</h1>").next())
        .ok_or("no h1")?;
    if !h1.ends_with(&format!(">{}", doc.headline_html)) {
        return Err(format!("the h1 {h1:.120?}… lacks the escaped headline"));
    }
    let tags = html.matches("class=\"aw-tag\"").count();
    let names = html.matches("class=\"aw-byline__name\"").count();
    if tags > MAX_TAGS || tags != doc.expect.tags {
        return Err(format!("{tags} tags, expected {}", doc.expect.tags));
    }
    if names > MAX_AUTHORS || names != doc.expect.authors {
        return Err(format!(
            "{names} names in the byline, expected {}",
            doc.expect.authors
        ));
    }
    Ok(())
}

#[test]
fn every_shape_renders_within_the_caps() {
    for (shape, n) in [
        (Shape::Deep, 30),
        (Shape::TooDeep, 1_000),
        (Shape::Entities, 300),
        (Shape::NestedGraph, 100),
        (Shape::Tags, 3_000),
        (Shape::Long, 10_000),
        (Shape::Markup, 1_000),
        (Shape::Lists, 200),
    ] {
        for format in Format::BOTH.into_iter().filter(|&f| shape.has(f)) {
            for n in [0, n] {
                let label = format!("{} {} n={n}", shape.name(), format.name());
                renders(label, move || shape.build(format, n));
            }
        }
    }
}

/// The 300,000-character headline, tag and URL, rendered.
#[test]
fn a_300k_character_headline_renders_escaped() {
    for format in Format::BOTH {
        renders(format!("300k {}", format.name()), move || {
            aw_testing::long_strings(format, 300_000, false)
        });
    }
}

/// The shortest of `reps` timed runs of `f` (the least disturbed by the other tests running on
/// the same cores).
fn fastest(reps: usize, mut f: impl FnMut()) -> std::time::Duration {
    (0..reps)
        .map(|_| {
            let start = std::time::Instant::now();
            f();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// Parse time, and parse + render time, per unit of hostile input may not grow more than 3×
/// when the input grows 4× (total time: at most 12×; linear work gives about 4×, quadratic 16×).
/// Each shape is timed at n and 4n, the fastest of a few runs each; a ratio over the line is
/// measured again (up to three times) before it fails, so a busy machine does not fail it but a
/// quadratic loop, which is over the line every time, does. The figures themselves are the
/// benchmark's (`scripts/bench-growth.sh`).
#[test]
fn parse_and_render_time_grow_linearly_with_hostile_input() {
    const LIMIT: f64 = 12.0;
    let outcome = std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(|| {
            let mut over = Vec::new();
            for (shape, n) in [
                (Shape::Deep, 20),
                (Shape::TooDeep, 1_000),
                (Shape::Entities, 200),
                (Shape::NestedGraph, 50),
                (Shape::Tags, 4_000),
                (Shape::Long, 5_000),
                (Shape::Markup, 500),
                (Shape::Lists, 200),
            ] {
                for format in Format::BOTH.into_iter().filter(|&f| shape.has(f)) {
                    let (small, big) = (shape.build(format, n), shape.build(format, 4 * n));
                    let time = |doc: &Doc| {
                        let parse = fastest(5, || {
                            let _ = article_widget::parse::parse_str(&doc.json);
                        });
                        let render = fastest(3, || {
                            render(&doc.json);
                        });
                        (parse, render)
                    };
                    let ratios = || {
                        let ((p1, r1), (p4, r4)) = (time(&small), time(&big));
                        let ratio = |a: std::time::Duration, b: std::time::Duration| {
                            b.as_secs_f64() / a.as_secs_f64().max(1e-6)
                        };
                        (ratio(p1, p4), ratio(r1, r4))
                    };
                    let mut last = ratios();
                    for _ in 0..2 {
                        if last.0 <= LIMIT && last.1 <= LIMIT {
                            break;
                        }
                        last = ratios();
                    }
                    let label = format!("{} {} n={n}→{}", shape.name(), format.name(), 4 * n);
                    eprintln!(
                        "{label}: parse ×{:.1}, parse + render ×{:.1}",
                        last.0, last.1
                    );
                    if last.0 > LIMIT || last.1 > LIMIT {
                        over.push(format!(
                            "{label}: parse ×{:.1}, parse + render ×{:.1}",
                            last.0, last.1
                        ));
                    }
                }
            }
            over
        })
        .expect("a thread starts")
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
    assert!(
        outcome.is_empty(),
        "4× the input took more than {LIMIT}× the time (3× per unit: quadratic?):\n{}",
        outcome.join("\n")
    );
}
