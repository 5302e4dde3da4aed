//! Growth with hostile input (issue 10), rendered: every adversarial shape of
//! `core/tests/growth/shapes.rs`, in both formats, through the widget's server renderer on a
//! thread with a normal 2 MiB stack. The render must finish, show the headline escaped, and list
//! no more tags or byline names than the caps allow. Nothing here is timed (see
//! `scripts/bench-growth.sh`).
#![cfg(not(target_arch = "wasm32"))]

use std::rc::Rc;

use article_widget::components::{App, AppProps};
use article_widget::config::{ArticleSource, WidgetConfig};
use article_widget::model::{MAX_AUTHORS, MAX_TAGS};
use yew::LocalServerRenderer;

#[path = "../core/tests/growth/shapes.rs"]
mod shapes;

use shapes::{Doc, Format, Shape};

const STACK: usize = 2 * 1024 * 1024;

fn render(json: &str) -> String {
    let props = AppProps {
        config: Rc::new(WidgetConfig::default()),
        source: ArticleSource::Inline(json.into()),
        events: Default::default(),
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
            shapes::long_strings(format, 300_000, false)
        });
    }
}
