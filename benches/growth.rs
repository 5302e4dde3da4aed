//! How parsing and host-side rendering grow with hostile input (issue 10), on divan: every
//! adversarial shape of `aw-testing` (the documents the growth tests check) at n, 2n, 4n and 8n
//! (n from `aw_testing::PLAN`), in both formats: the JSON decoder alone (serde_json on the host;
//! the browser's `JSON.parse` in the widget), `parse_str` (decoding included), and a whole server
//! render (parsing included, as `aw-render` does it). Linear growth doubles the time from one
//! size to the next; `tests/growth_render.rs` fails the test run when 4× the input takes more
//! than 12× the time.
//!
//! `scripts/bench-growth.sh [divan options]` (`--sample-count 5` is its default; `growth::parse`
//! or a shape's name filters).

use std::rc::Rc;

use article_widget::components::{App, AppProps};
use article_widget::config::{ArticleSource, WidgetConfig};
use article_widget::json::decode;
use article_widget::parse::parse_str;
use aw_testing::{Format, Shape, PLAN};
use divan::Bencher;
use yew::LocalServerRenderer;

fn main() {
    divan::main();
}

/// Every (shape, format, n) of the plan, as a divan argument.
#[derive(Clone, Copy)]
struct Case {
    shape: Shape,
    format: Format,
    n: usize,
}

impl std::fmt::Display for Case {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {} n={} ({})",
            self.shape.name(),
            self.format.name(),
            self.n,
            self.shape.unit()
        )
    }
}

fn cases() -> Vec<Case> {
    PLAN.iter()
        .flat_map(|&(shape, base)| {
            Format::BOTH
                .into_iter()
                .filter(move |&f| shape.has(f))
                .flat_map(move |format| {
                    (0..4).map(move |step| Case {
                        shape,
                        format,
                        n: base << step,
                    })
                })
        })
        .collect()
}

fn render(json: Rc<str>) -> String {
    let props = AppProps {
        config: Rc::new(WidgetConfig::default()),
        source: ArticleSource::Inline(json),
        events: Default::default(),
        native_form: true,
    };
    futures::executor::block_on(
        LocalServerRenderer::<App>::with_props(props)
            .hydratable(false)
            .render(),
    )
}

/// The JSON decoder alone.
#[divan::bench(args = cases(), sample_count = 5, sample_size = 1)]
fn decode_only(bencher: Bencher, case: Case) {
    let doc = case.shape.build(case.format, case.n);
    bencher
        .counter(divan::counter::BytesCount::new(doc.json.len()))
        .bench_local(|| decode(&doc.json).is_ok());
}

/// `parse_str`: the article from the document's text.
#[divan::bench(args = cases(), sample_count = 5, sample_size = 1)]
fn parse(bencher: Bencher, case: Case) {
    let doc = case.shape.build(case.format, case.n);
    bencher
        .counter(divan::counter::BytesCount::new(doc.json.len()))
        .bench_local(|| parse_str(&doc.json));
}

/// Parse and render to HTML, as the render route does.
#[divan::bench(args = cases(), sample_count = 5, sample_size = 1)]
fn parse_and_render(bencher: Bencher, case: Case) {
    let doc = case.shape.build(case.format, case.n);
    let json: Rc<str> = doc.json.as_str().into();
    bencher
        .counter(divan::counter::BytesCount::new(doc.json.len()))
        .bench_local(|| render(json.clone()));
}
