//! The names the widget's markup and its shipped JavaScript share (`aw_core::names`, one table;
//! build.rs writes it out as `embed/article-widget-names.js`, the module the scripts import):
//! each name is either carried by the markup the widget writes — read here from a prerendered
//! widget with its correction form, as the scripts find it — or written by the scripts
//! themselves and then styled by the widget's stylesheet. Renaming a name in the table and not in
//! the markup (where Yew's `html!` needs a literal attribute name), or adding one without saying
//! where it lives, fails here rather than on a reader's page.
#![cfg(not(target_arch = "wasm32"))]

use article_widget::names::{ATTRIBUTES, CLASSES};
use article_widget::prerender::prerender;

/// Names the scripts write and read themselves (never in the server's markup).
const WRITTEN_BY_SCRIPTS: [&str; 5] = [
    "data-aw-deferred",
    "data-aw-aside",
    "aw-field__error",
    "aw-field--invalid",
    "aw-thanks--shown",
];

fn embed() -> String {
    let json = std::fs::read_to_string("tests/fixtures/minimal.json").unwrap();
    let options: Vec<(String, String)> = [
        ("locale", "en"),
        ("correction-endpoint", "https://inbox.example/corrections"),
        ("correction-encoding", "form"),
        ("correction-credentials", "include"),
        ("hydrate", "visible"),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect();
    prerender(&json, &options).unwrap()
}

fn has_class(html: &str, class: &str) -> bool {
    html.split("class=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .any(|list| list.split_whitespace().any(|c| c == class))
}

fn has_attribute(html: &str, attribute: &str) -> bool {
    html.contains(&format!(" {attribute}="))
        || html.contains(&format!(" {attribute}>"))
        || html.contains(&format!(" {attribute} "))
}

#[test]
fn the_markup_carries_every_name_the_scripts_look_for() {
    let html = embed();
    let styles = concat!(
        include_str!("../style/article-widget.css"),
        include_str!("../style/native-form.css")
    );
    for (key, name) in ATTRIBUTES.iter().chain(CLASSES.iter()) {
        let in_markup = if name.starts_with("data-") {
            has_attribute(&html, name)
        } else {
            has_class(&html, name)
        };
        if *name == article_widget::names::ARTICLE_SRC {
            // The publisher writes it; a prerendered widget carries its data instead (below).
            continue;
        }
        if WRITTEN_BY_SCRIPTS.contains(name) {
            assert!(
                !in_markup,
                "{key} ({name}) is said to be the scripts' own, but the markup has it"
            );
            // A class the scripts set is there to be styled (the attributes they set are read
            // by the scripts and the widget: data-aw-deferred, data-aw-aside).
            assert!(
                name.starts_with("data-") || styles.contains(name),
                "{key} ({name}): written by the scripts, styled nowhere"
            );
        } else {
            assert!(
                in_markup,
                "{key} ({name}): the scripts look for it, and the widget's markup has none"
            );
        }
    }
}

#[test]
fn data_article_src_is_the_option_the_scripts_fetch() {
    // The one attribute of the table the prerendered embed cannot carry (it renders the data
    // itself): the widget's options table names it.
    let options: Vec<&str> = article_widget::config::OPTIONS
        .iter()
        .map(|o| o.attribute)
        .collect();
    assert!(options.contains(&article_widget::names::ARTICLE_SRC));
}

#[test]
fn the_scripts_module_is_the_table() {
    // build.rs writes it; a stale copy (a build.rs that stopped writing it) fails here.
    let module = std::fs::read_to_string("embed/article-widget-names.js").unwrap();
    for (key, name) in ATTRIBUTES.iter().chain(CLASSES.iter()) {
        assert!(
            module.contains(&format!("  {key}: \"{name}\",")),
            "{key}: {name}"
        );
    }
}
