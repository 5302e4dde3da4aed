//! `aw-render`: prerenders an article into the complete embed (see `article_widget::prerender`).
//!
//! ```text
//! aw-render [ARTICLE.json | -] [--OPTION VALUE]...   the embed: <div data-article-widget …>
//!                                                   with a declarative shadow root
//! aw-render ARTICLE.json --markup [LOCALE]          the widget's markup alone (the benchmark's
//!                                                   static twin)
//! aw-render --style-hash                            the embed stylesheet's CSP source
//!                                                   ('sha256-…', for style-src)
//! ```
//!
//! Options are the widget's `data-*` attributes without `data-`: `--locale es`, `--theme dark`,
//! `--tag-url '/topics/{slug}/'`, `--heading-level 2`, `--correction-endpoint URL`,
//! `--corrections-src URL` … (docs/embedding.md, Configuration). An unknown option or a value the widget
//! would ignore is an error (exit 2), as is article data without a headline (exit 1).

use std::io::Read;
use std::{env, fs, process};

use article_widget::config::{ArticleSource, WidgetConfig};

fn fail(code: i32, message: &str) -> ! {
    eprintln!("aw-render: {message}");
    process::exit(code);
}

fn main() {
    let mut path: Option<String> = None;
    let mut options: Vec<(String, String)> = Vec::new();
    let mut markup = false;
    let mut rest: Vec<String> = Vec::new();
    let mut args = env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--markup" {
            markup = true;
        } else if arg == "--style-hash" {
            // For a strict Content-Security-Policy: style-src <this>.
            println!("{}", article_widget::prerender::style_hash());
            return;
        } else if arg == "--help" || arg == "-h" {
            println!("usage: aw-render [ARTICLE.json | -] [--OPTION VALUE]...   (options: docs/embedding.md, Configuration)");
            return;
        } else if let Some(name) = arg.strip_prefix("--") {
            let (name, value) = match name.split_once('=') {
                Some((n, v)) => (n.to_owned(), v.to_owned()),
                None => match args.next() {
                    Some(v) => (name.to_owned(), v),
                    None => fail(2, &format!("--{name} needs a value")),
                },
            };
            options.push((name, value));
        } else if path.is_none() {
            path = Some(arg);
        } else {
            rest.push(arg);
        }
    }
    let json = match path.as_deref() {
        None | Some("-") => {
            let mut text = String::new();
            if let Err(e) = std::io::stdin().read_to_string(&mut text) {
                fail(1, &format!("cannot read standard input: {e}"));
            }
            text
        }
        Some(p) => {
            fs::read_to_string(p).unwrap_or_else(|e| fail(1, &format!("cannot read {p}: {e}")))
        }
    };
    if markup {
        let config = WidgetConfig {
            locale: rest.first().cloned().unwrap_or_else(|| "en".to_owned()),
            ..WidgetConfig::default()
        };
        println!(
            "{}",
            article_widget::prerender::render(config, ArticleSource::Inline(json.into()))
        );
        return;
    }
    match article_widget::prerender(&json, &options) {
        Ok(html) => println!("{html}"),
        Err(e @ article_widget::prerender::PrerenderError::Article(_)) => fail(1, &e.to_string()),
        Err(e) => fail(2, &e.to_string()),
    }
}
