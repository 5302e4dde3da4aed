//! How parsing and host-side rendering grow with hostile input (issue 10): every adversarial
//! shape of `core/tests/growth/shapes.rs` (the generators the growth test checks) at sizes n, 2n,
//! 4n and 8n, in both formats; the median of a few runs of the JSON decoder alone (serde_json on
//! the host, the browser's `JSON.parse` in the widget), of `parse_str` (decoding included), and of
//! a whole server render (parsing included, as `aw-render` does it). Prints a Markdown table with the time per unit
//! of input and the ratio between successive sizes: about 2 for linear growth, 4 for quadratic.
//!
//! Times are reported, never judged: the exit status is non-zero only when a document does not
//! parse to what its generator promised, or the render lacks the headline.
//!
//! Usage: `scripts/bench-growth.sh [--reps N] [--scale F] [--only SHAPE]`

use std::rc::Rc;
use std::time::{Duration, Instant};
use std::{env, process};

use article_widget::components::{App, AppProps};
use article_widget::config::{ArticleSource, WidgetConfig};
use article_widget::json::decode;
use article_widget::parse::parse_str;
use yew::LocalServerRenderer;

#[path = "../../core/tests/growth/shapes.rs"]
mod shapes;

use shapes::{check, Format, Shape};

/// The smallest size of each shape, chosen so that 8n parses and renders well under a second in a
/// release build on the 2-core build machine, in documents of at most about 5 MiB (the most the
/// widget fetches).
const PLAN: &[(Shape, usize)] = &[
    (Shape::Deep, 250),
    (Shape::TooDeep, 2_000),
    (Shape::Entities, 500),
    (Shape::NestedGraph, 500),
    (Shape::Tags, 12_500),
    (Shape::Long, 20_000),
    (Shape::Markup, 4_000),
    (Shape::Lists, 2_000),
];

/// Sizes per shape: n, 2n, 4n, 8n.
const STEPS: u32 = 4;
/// The benchmark's thread gets the same normal stack the growth test parses on.
const STACK: usize = 2 * 1024 * 1024;

struct Options {
    reps: usize,
    scale: f64,
    only: Option<String>,
}

fn options() -> Options {
    let mut o = Options {
        reps: 5,
        scale: 1.0,
        only: None,
    };
    let mut args = env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next();
        match (arg.as_str(), value) {
            ("--reps", Some(v)) if v.parse::<usize>().is_ok_and(|r| r > 0) => {
                o.reps = v.parse().unwrap_or(5)
            }
            ("--scale", Some(v)) if v.parse::<f64>().is_ok_and(|s| s > 0.0) => {
                o.scale = v.parse().unwrap_or(1.0)
            }
            ("--only", Some(v)) => o.only = Some(v),
            _ => {
                eprintln!("usage: aw-growth [--reps N] [--scale F] [--only SHAPE]");
                process::exit(2);
            }
        }
    }
    o
}

fn render(json: Rc<str>) -> String {
    let props = AppProps {
        config: Rc::new(WidgetConfig::default()),
        source: ArticleSource::Inline(json),
        events: Default::default(),
    };
    futures::executor::block_on(
        LocalServerRenderer::<App>::with_props(props)
            .hydratable(false)
            .render(),
    )
}

/// The median of `reps` timed runs of `f` (after one untimed run), and that run's result.
fn median<T>(reps: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut out = f();
    let mut times: Vec<Duration> = (0..reps)
        .map(|_| {
            let start = Instant::now();
            out = f();
            start.elapsed()
        })
        .collect();
    times.sort();
    (times[times.len() / 2], out)
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

fn per_unit(d: Duration, n: usize) -> String {
    let ns = d.as_secs_f64() * 1e9 / n.max(1) as f64;
    if ns >= 100.0 {
        format!("{ns:.0} ns")
    } else {
        format!("{ns:.1} ns")
    }
}

fn ratio(now: Duration, before: Option<Duration>) -> String {
    before.map_or("—".into(), |b| {
        format!("{:.2}", now.as_secs_f64() / b.as_secs_f64().max(1e-9))
    })
}

fn kb(bytes: usize) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MiB", bytes as f64 / (1 << 20) as f64)
    } else {
        format!("{:.0} KiB", (bytes as f64 / 1024.0).max(1.0))
    }
}

fn run(o: Options) -> Result<(), String> {
    println!(
        "Median of {} runs after one untimed run; per unit = median / n; ×prev = this size's \
         median over the previous size's (2 linear, 4 quadratic).",
        o.reps
    );
    println!();
    println!(
        "| shape (n counts) | format | n | input | decode | ×prev | parse | per unit | ×prev | parse + render | per unit | ×prev | HTML |"
    );
    println!("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let mut summary = Vec::new();
    for &(shape, base) in PLAN {
        if o.only.as_deref().is_some_and(|s| s != shape.name()) {
            continue;
        }
        let base = ((base as f64 * o.scale).round() as usize).max(1);
        for format in Format::BOTH.into_iter().filter(|&f| shape.has(f)) {
            let (mut decode_prev, mut parse_prev, mut render_prev) = (None, None, None);
            let mut first = None;
            for step in 0..STEPS {
                let n = base << step;
                let doc = shape.build(format, n);
                let label = format!("{} {} n={n}", shape.name(), format.name());
                let (decode_t, _) = median(o.reps, || decode(&doc.json).is_ok());
                let (parse_t, parsed) = median(o.reps, || parse_str(&doc.json));
                check(&doc, &parsed).map_err(|e| format!("{label}: {e}"))?;
                let json: Rc<str> = doc.json.as_str().into();
                let (render_t, html) = median(o.reps, || render(json.clone()));
                let shown = html.contains(&doc.headline_html);
                if !(shown || doc.expect.may_reject && html.contains("aw-error")) {
                    return Err(format!("{label}: the rendered HTML lacks the headline"));
                }
                println!(
                    "| {} ({}) | {} | {n} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                    shape.name(),
                    shape.unit(),
                    format.name(),
                    kb(doc.json.len()),
                    ms(decode_t),
                    ratio(decode_t, decode_prev),
                    ms(parse_t),
                    per_unit(parse_t, n),
                    ratio(parse_t, parse_prev),
                    ms(render_t),
                    per_unit(render_t, n),
                    ratio(render_t, render_prev),
                    kb(html.len()),
                );
                let first = *first.get_or_insert((decode_t, parse_t, render_t));
                if step == STEPS - 1 {
                    let growth = |now: Duration, then: Duration| {
                        now.as_secs_f64() / then.as_secs_f64().max(1e-9)
                    };
                    summary.push(format!(
                        "{} {}: 8× the input, decode ×{:.1}, parse ×{:.1}, parse + render ×{:.1}",
                        shape.name(),
                        format.name(),
                        growth(decode_t, first.0),
                        growth(parse_t, first.1),
                        growth(render_t, first.2),
                    ));
                }
                decode_prev = Some(decode_t);
                parse_prev = Some(parse_t);
                render_prev = Some(render_t);
            }
        }
    }
    println!();
    for line in summary {
        println!("- {line}");
    }
    Ok(())
}

fn main() {
    let o = options();
    let outcome = std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(move || run(o))
        .expect("a thread starts")
        .join();
    match outcome {
        Ok(Ok(())) => {}
        Ok(Err(e)) => {
            eprintln!("aw-growth: {e}");
            process::exit(1);
        }
        Err(_) => process::exit(101),
    }
}
