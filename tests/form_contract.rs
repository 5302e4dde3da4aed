//! The correction form's contract: the widget's form (Yew, `components::NativeForm`) and
//! aw-server's page for a reader without JavaScript (maud, `form_page::form_markup`) are two
//! drawings of one description (`aw_core::correction::form::describe`). This test reads both as
//! a browser would and fails when they differ in any field, attribute a browser or assistive
//! technology acts on, or word the reader reads — in every language and under every publisher
//! rule that changes the form — and when aw-server's error messages are not the words the
//! widget's own check shows.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;
use std::rc::Rc;

use article_widget::components::{NativeForm, NativeFormProps};
use article_widget::config::WidgetConfig;
use article_widget::model::Article;
use aw_core::correction::draft::{validate, Draft, Field, FieldError, Rules};
use aw_core::correction::form::describe;
use aw_core::correction::messages::field_error;
use aw_core::i18n::form_strings_for;
use scraper::{ElementRef, Html, Selector};
use serde_json::{Map, Value};
use yew::LocalServerRenderer;

/// One control as a reader's browser sees it.
type Control = BTreeMap<&'static str, String>;

fn widget_form(locale: &str, rules: &Rules) -> String {
    let config = WidgetConfig {
        locale: locale.to_owned(),
        correction_endpoint: Some("https://inbox.example/corrections".into()),
        correction_require_email: rules.require_email,
        correction_consent: rules.consent_text.clone(),
        ..WidgetConfig::default()
    };
    let article = Article {
        id: Some("a-1".into()),
        headline: "A headline".into(),
        ..Article::default()
    };
    let props = NativeFormProps {
        config: Rc::new(config),
        article: Rc::new(article),
    };
    futures::executor::block_on(
        LocalServerRenderer::<NativeForm>::with_props(props)
            .hydratable(false)
            .render(),
    )
}

/// The page aw-server shows when the widget's form comes back (as posted by the widget's own
/// form: its hidden fields included).
fn server_form(locale: &str, rules: &Rules, widget: &str) -> String {
    let doc = Html::parse_fragment(widget);
    let mut fields = Map::new();
    for input in doc.select(&sel("input[type=hidden]")) {
        let v = input.value();
        fields.insert(
            v.attr("name").unwrap_or("").to_owned(),
            Value::String(v.attr("value").unwrap_or("").to_owned()),
        );
    }
    assert_eq!(fields.get("locale").and_then(Value::as_str), Some(locale));
    let server_rules = Rules {
        require_email: rules.require_email,
        consent_text: None,
    };
    aw_server::form_page::form_markup(&fields, &server_rules, &[], None, "key").0
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("selector")
}

fn words(e: ElementRef<'_>) -> String {
    e.text()
        .collect::<Vec<_>>()
        .join("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The controls a reader fills, in order, each with its attributes and the words tied to it (its
/// label and its hint, found as a browser finds them: `for`/wrapping label, `aria-describedby`).
fn controls(html: &str) -> Vec<Control> {
    let doc = Html::parse_fragment(html);
    let mut out = Vec::new();
    for c in doc.select(&sel("form textarea, form input:not([type=hidden])")) {
        let v = c.value();
        let id = v.attr("id").expect("every control has an id");
        let mut m = Control::new();
        m.insert("tag", v.name().to_owned());
        for a in [
            "name",
            "type",
            "autocomplete",
            "spellcheck",
            "rows",
            "data-min",
            "data-max",
            "aria-required",
            "tabindex",
            "value",
        ] {
            if let Some(x) = v.attr(a) {
                if !(a == "value" && v.attr("type") != Some("checkbox")) {
                    m.insert(a, x.to_owned());
                }
            }
        }
        m.insert("required", v.attr("required").is_some().to_string());
        let label = doc
            .select(&sel("label"))
            .find(|l| {
                l.value().attr("for") == Some(id) || l.descendants().any(|d| d.id() == c.id())
            })
            .map(words)
            .expect("every control has a label");
        m.insert("label", label);
        if let Some(described) = v.attr("aria-describedby") {
            let hint: Vec<String> = described
                .split_whitespace()
                .filter_map(|id| doc.select(&sel(&format!("[id='{id}']"))).next())
                .map(words)
                .collect();
            m.insert("described by", hint.join(" | "));
        }
        out.push(m);
    }
    out
}

fn rules_cases() -> Vec<(&'static str, Rules)> {
    vec![
        ("the default form", Rules::default()),
        (
            "an email required",
            Rules {
                require_email: true,
                consent_text: None,
            },
        ),
        (
            "a consent box",
            Rules {
                require_email: false,
                consent_text: Some("I agree that the newsroom may quote me.".into()),
            },
        ),
    ]
}

#[test]
fn the_widgets_form_and_the_servers_page_are_one_form() {
    for locale in ["en", "es", "ar"] {
        for (case, rules) in rules_cases() {
            let widget = widget_form(locale, &rules);
            let server = server_form(locale, &rules, &widget);
            let (w, s) = (controls(&widget), controls(&server));
            // Every field of the description, on both, nothing else.
            let expected = describe(locale, &rules).fields().count() + 1; // + the honeypot
            assert_eq!(
                w.len(),
                expected,
                "{locale}, {case}: the widget's controls\n{widget}"
            );
            assert_eq!(
                w, s,
                "{locale}, {case}: widget (left) and server page (right) differ"
            );
        }
    }
}

#[test]
fn the_servers_page_carries_back_every_field_the_widgets_form_sends() {
    let rules = &rules_cases()[2].1;
    let widget = widget_form("en", rules);
    let server = server_form("en", rules, &widget);
    let names = |html: &str| -> Vec<(String, String)> {
        Html::parse_fragment(html)
            .select(&sel("input[type=hidden]"))
            .map(|e| {
                let v = e.value();
                (
                    v.attr("name").unwrap_or("").to_owned(),
                    v.attr("value").unwrap_or("").to_owned(),
                )
            })
            .collect()
    };
    let carried = names(&server);
    for field in names(&widget) {
        assert!(
            carried.contains(&field),
            "{field:?} is lost when the form comes back"
        );
    }
}

#[test]
fn the_servers_messages_are_the_words_of_the_widgets_check() {
    // The widget's check (embed/article-widget-native.js) reads its words from the form's
    // data-msg-* and puts the limit where `{n}` is; aw-server says the same when it refuses.
    for locale in ["en", "es", "ar"] {
        let widget = widget_form(
            locale,
            &Rules {
                require_email: true,
                consent_text: None,
            },
        );
        let doc = Html::parse_fragment(&widget);
        let form = doc.select(&sel("form")).next().expect("a form");
        let msg = |k: &str| {
            form.value()
                .attr(&format!("data-msg-{k}"))
                .unwrap_or_default()
                .to_owned()
        };
        let s = form_strings_for(locale);
        // Every message of the description, on the widget's form, word for word.
        let plain = Rules::default();
        let spec = describe(locale, &plain);
        for (name, text) in spec.messages() {
            assert_eq!(
                form.value().attr(name),
                Some(text.as_str()),
                "{locale}: {name}"
            );
        }
        let on_form = form
            .value()
            .attrs()
            .filter(|(n, _)| n.starts_with("data-msg-"))
            .count();
        assert_eq!(
            on_form,
            spec.messages().len(),
            "{locale}: a data-msg-* the description lacks"
        );
        let (min, max) = Field::Correction.limits();
        let cases = [
            (FieldError::Required, msg("required")),
            (FieldError::TooShort { min }, msg("short")),
            (FieldError::TooLong { max }, msg("long")),
            (FieldError::InvalidUrl, msg("url")),
            (FieldError::InvalidEmail, msg("email")),
            (FieldError::ConsentRequired, msg("consent")),
        ];
        for (error, template) in cases {
            assert!(
                !template.is_empty(),
                "{locale}: the widget's form carries {error:?}'s words"
            );
            let said = field_error(&error, s, locale);
            let n = match error {
                FieldError::TooShort { min } => Some(min),
                FieldError::TooLong { max } => Some(max),
                _ => None,
            };
            let expected = match n {
                Some(n) => template.replace("{n}", &aw_core::intl::format_number(n, locale)),
                None => template,
            };
            assert_eq!(said, expected, "{locale}: {error:?}");
        }
        // And the server's validation uses the limits the widget's form carries.
        let short = Draft {
            correction: "x".repeat(min - 1),
            ..Draft::default()
        };
        let errors = validate(&short, &Rules::default());
        assert!(errors.contains(&(Field::Correction, FieldError::TooShort { min })));
        let carried = doc
            .select(&sel("textarea[name=correction]"))
            .next()
            .and_then(|t| t.value().attr("data-min"))
            .map(str::to_owned);
        assert_eq!(carried, Some(min.to_string()));
    }
}
