//! Renders an article (widget JSON or JSON-LD) to the widget's HTML on the host, with Yew's
//! server renderer: the same markup the widget produces in the browser, as static HTML. The
//! benchmark uses it to build the widget's static twin.
//!
//! Usage: `cargo run --features ssr --bin aw-render -- ARTICLE.json [LOCALE] > article.html`

use std::rc::Rc;
use std::{env, fs, process};

use article_widget::components::{App, AppProps};
use article_widget::config::{ArticleSource, WidgetConfig};
use yew::LocalServerRenderer;

fn main() {
    let mut args = env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: aw-render ARTICLE.json [LOCALE]");
        process::exit(2);
    };
    let json = match fs::read_to_string(&path) {
        Ok(json) => json,
        Err(e) => {
            eprintln!("aw-render: cannot read {path}: {e}");
            process::exit(1);
        }
    };
    let config = WidgetConfig {
        locale: args.next().unwrap_or_else(|| "en".to_owned()),
        ..WidgetConfig::default()
    };
    let props = AppProps {
        config: Rc::new(config),
        source: ArticleSource::Inline(json.into()),
        events: Default::default(),
    };
    let html = futures::executor::block_on(
        LocalServerRenderer::<App>::with_props(props)
            .hydratable(false)
            .render(),
    );
    println!("{html}");
}
