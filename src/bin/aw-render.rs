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
//! The options are generated from the one table of options (`config::OPTIONS`): each `data-*`
//! attribute without `data-` (`--locale es`, `--theme dark`, `--correction-endpoint URL` …; the
//! attribute itself, `--data-locale`, works too), plus `--hydrate`. `aw-render --help` lists
//! them with what each accepts. An unknown option or a value the widget would ignore is an error
//! (exit 2), as is article data without a headline (exit 1).

use std::fs;
use std::io::{Read, Write};
use std::process;

use article_widget::config::{ArticleSource, WidgetConfig, OPTIONS};
use article_widget::prerender::{PrerenderError, HYDRATE_ATTR, HYDRATE_MODES};
use clap::{Arg, ArgAction, Command};

/// The command line: fixed arguments, then one flag per widget option.
fn command() -> Command {
    let mut command = Command::new("aw-render")
        .about("Prerenders an article (the widget's JSON or schema.org JSON-LD) into the complete embed: <div data-article-widget> with a declarative shadow root")
        .after_help("Options: docs/embedding.md (Configuration); prerendering: docs/prerendering.md.")
        .args_override_self(true)
        .arg(
            Arg::new("article")
                .value_name("ARTICLE.json")
                .help("The article data; - or none: standard input"),
        )
        .arg(
            Arg::new("markup")
                .long("markup")
                .value_name("LOCALE")
                .num_args(0..=1)
                .default_missing_value("en")
                .help("Print the widget's markup alone (no embed, no options), in LOCALE"),
        )
        .arg(
            Arg::new("style-hash")
                .long("style-hash")
                .action(ArgAction::SetTrue)
                .exclusive(true)
                .help("Print the embed stylesheet's CSP source ('sha256-…', for style-src)"),
        )
        .arg(
            Arg::new(HYDRATE_ATTR)
                .long(HYDRATE_ATTR.trim_start_matches("data-"))
                .alias(HYDRATE_ATTR)
                .value_name("WHEN")
                .value_parser(HYDRATE_MODES)
                .help(format!("When the loader hydrates it (default: {})", HYDRATE_MODES[0])),
        );
    for option in OPTIONS.iter().filter(|o| o.attribute != "data-article-src") {
        // The table words what a value must be as a warning says it ("must be json or form",
        // "not a BCP 47 language tag").
        let accepts = match option.accepts {
            "" => String::new(),
            not if not.starts_with("not ") => format!("refused if {not}; "),
            rule => format!("{rule}; "),
        };
        let default = match option.default {
            "" => "the page's",
            default => default,
        };
        command = command.arg(
            Arg::new(option.attribute)
                .long(option.attribute.trim_start_matches("data-"))
                .alias(option.attribute)
                .value_name("VALUE")
                .help(format!("{}: {accepts}default {default}", option.attribute)),
        );
    }
    command
}

/// Prints `text` and a newline (a closed pipe, `aw-render … | head`, is not an error).
fn print(text: &str) {
    let _ = writeln!(std::io::stdout().lock(), "{text}");
}

fn fail(code: i32, message: &str) -> ! {
    eprintln!("aw-render: {message}");
    process::exit(code);
}

fn main() {
    let matches = command().get_matches();
    if matches.get_flag("style-hash") {
        print(&article_widget::prerender::style_hash());
        return;
    }
    let json = match matches.get_one::<String>("article").map(String::as_str) {
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
    if let Some(locale) = matches.get_one::<String>("markup") {
        let config = WidgetConfig {
            locale: locale.clone(),
            ..WidgetConfig::default()
        };
        print(&article_widget::prerender::render(
            config,
            ArticleSource::Inline(json.into()),
        ));
        return;
    }
    // The options in the order given (the prerenderer keeps the last of each).
    let mut options: Vec<(usize, String, String)> = Vec::new();
    let names = OPTIONS
        .iter()
        .map(|o| o.attribute)
        .filter(|a| *a != "data-article-src")
        .chain([HYDRATE_ATTR]);
    for name in names {
        if let (Some(values), Some(indices)) =
            (matches.get_many::<String>(name), matches.indices_of(name))
        {
            for (value, index) in values.zip(indices) {
                options.push((index, name.to_owned(), value.clone()));
            }
        }
    }
    options.sort_by_key(|(index, _, _)| *index);
    let options: Vec<(String, String)> = options.into_iter().map(|(_, n, v)| (n, v)).collect();
    match article_widget::prerender(&json, &options) {
        Ok(html) => print(&html),
        Err(e @ PrerenderError::Article(_)) => fail(1, &e.to_string()),
        Err(e) => fail(2, &e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    /// clap's own consistency checks (no two flags with one name, valid defaults).
    #[test]
    fn the_command_line_is_well_formed() {
        super::command().debug_assert();
    }

    /// Every widget option but the source is a flag, named like its attribute.
    #[test]
    fn every_option_is_a_flag() {
        let command = super::command();
        for option in super::OPTIONS
            .iter()
            .filter(|o| o.attribute != "data-article-src")
        {
            let long = option.attribute.trim_start_matches("data-");
            assert!(
                command.get_arguments().any(|a| a.get_long() == Some(long)),
                "--{long}"
            );
        }
    }
}
