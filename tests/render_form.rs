//! Host render tests (Yew `ssr`) for the correction form: the markup each state of its state
//! machine produces, asserted on what a keyboard or screen-reader user depends on — labels tied
//! to controls, errors tied to fields, the summary, the live status, the inert send button, the
//! thank-you with its reference.
#![cfg(not(target_arch = "wasm32"))]

use std::rc::Rc;

use article_widget::components::{CorrectionForm, TrustBox};
use article_widget::config::WidgetConfig;
use article_widget::correction::draft::{Draft, Field, FieldError, Rules};
use article_widget::correction::state::{FormState, Phase};
use article_widget::hooks::{ConfigContext, FormLoad, FormPort, FormReducer};
use article_widget::model::Article;
use yew::prelude::*;
use yew::LocalServerRenderer;

mod common;
use common::has_tag;

#[derive(Properties, PartialEq, Clone)]
struct HarnessProps {
    state: FormState,
    config: Rc<WidgetConfig>,
}

/// Renders the form in a given state (a reducer seeded with it).
#[component]
fn Harness(props: &HarnessProps) -> Html {
    let form = use_reducer({
        let state = props.state.clone();
        move || FormReducer(state)
    });
    let article = Rc::new(Article {
        id: Some("a-1".into()),
        headline: "Headline".into(),
        ..Article::default()
    });
    html! {
        <ContextProvider<ConfigContext> context={props.config.clone()}>
            <CorrectionForm {form} {article} />
        </ContextProvider<ConfigContext>>
    }
}

fn render(state: FormState, config: WidgetConfig) -> String {
    let props = HarnessProps {
        state,
        config: Rc::new(config),
    };
    futures::executor::block_on(
        LocalServerRenderer::<Harness>::with_props(props)
            .hydratable(false)
            .render(),
    )
}

fn config() -> WidgetConfig {
    WidgetConfig {
        id_prefix: "aw1".into(),
        correction_endpoint: Some("https://example.com/corrections".into()),
        ..WidgetConfig::default()
    }
}

fn state(phase: Phase) -> FormState {
    let mut s = FormState::new(Rules::default(), "k".into());
    s.phase = phase;
    s
}

#[test]
fn open_form_labels_hints_and_limits() {
    let html = render(state(Phase::Editing), config());
    for (id, label) in [
        ("aw1-cf-quote", "The passage in question"),
        ("aw1-cf-correction", "What is wrong, and what is right?"),
        ("aw1-cf-sourceUrl", "Supporting source"),
        ("aw1-cf-name", "Your name"),
        ("aw1-cf-email", "Your email"),
    ] {
        assert!(
            has_tag(&html, "label", &[&format!(r#"for="{id}""#)]),
            "{id}"
        );
        assert!(html.contains(label), "{label}");
        assert!(html.contains(&format!(r#"id="{id}-hint""#)), "{id} hint");
    }
    assert!(has_tag(
        &html,
        "textarea",
        &[
            r#"id="aw1-cf-correction""#,
            r#"aria-describedby="aw1-cf-correction-hint aw1-cf-correction-count""#,
            r#"aria-required="true""#,
            r#"aria-invalid="false""#
        ]
    ));
    assert!(html.contains("0 of 3000 characters") && html.contains("0 of 1000 characters"));
    assert!(has_tag(
        &html,
        "input",
        &[r#"type="email""#, r#"autocomplete="email""#]
    ));
    assert!(has_tag(&html, "input", &[r#"type="url""#]));
    // The honeypot is out of the tab order and hidden from assistive technology.
    assert!(has_tag(
        &html,
        "div",
        &[r#"class="aw-hp""#, r#"aria-hidden="true""#]
    ));
    assert!(has_tag(
        &html,
        "input",
        &[r#"name="website""#, r#"tabindex="-1""#]
    ));
    assert!(has_tag(&html, "form", &["novalidate"]));
    assert!(has_tag(&html, "p", &[r#"role="status""#]));
    assert!(!html.contains("aw-summary") && !html.contains(r#"role="alert""#));
}

#[test]
fn field_errors_and_the_summary() {
    let mut s = state(Phase::Editing);
    s.errors = vec![
        (Field::Correction, FieldError::TooShort { min: 20 }),
        (Field::Email, FieldError::Server("is invalid".into())),
    ];
    s.summary = true;
    let html = render(s, config());
    assert!(has_tag(
        &html,
        "textarea",
        &[
            r#"id="aw1-cf-correction""#,
            r#"aria-invalid="true""#,
            "aw1-cf-correction-error"
        ]
    ));
    assert!(has_tag(&html, "p", &[r#"id="aw1-cf-correction-error""#]));
    assert!(html.contains("Write at least 20 characters."));
    assert!(has_tag(
        &html,
        "input",
        &[r#"id="aw1-cf-email""#, r#"aria-invalid="true""#]
    ));
    assert!(html.contains("is invalid"));
    // The summary can take focus and links to each field, in form order.
    assert!(has_tag(
        &html,
        "div",
        &[r#"id="aw1-cf-summary""#, r#"tabindex="-1""#]
    ));
    let a = html
        .find(r##"href="#aw1-cf-correction""##)
        .expect("link to correction");
    let b = html
        .find(r##"href="#aw1-cf-email""##)
        .expect("link to email");
    assert!(a < b);
}

#[test]
fn sending_is_announced_and_inert() {
    let html = render(state(Phase::Sending { attempt: 1 }), config());
    assert!(has_tag(
        &html,
        "button",
        &[r#"type="submit""#, r#"aria-disabled="true""#]
    ));
    assert!(html.contains("Sending…"));
    assert!(has_tag(
        &html,
        "textarea",
        &[r#"id="aw1-cf-correction""#, "readonly"]
    ));
}

#[test]
fn failure_keeps_the_text_and_offers_try_again() {
    let mut s = state(Phase::Failed {
        message: Some("The newsroom is closed today.".into()),
    });
    s.draft = Draft {
        correction: "My careful, five-minute correction text.".into(),
        ..Draft::default()
    };
    let html = render(s, config());
    assert!(has_tag(&html, "div", &[r#"role="alert""#]));
    assert!(html.contains("Your correction was not sent"));
    assert!(html.contains("The newsroom is closed today."));
    assert!(html.contains("Try again"));
    assert!(html.contains("My careful, five-minute correction text."));
}

#[test]
fn thank_you_shows_the_reference() {
    let html = render(
        state(Phase::Sent {
            reference: Some("C-0042".into()),
        }),
        config(),
    );
    assert!(has_tag(
        &html,
        "div",
        &[r#"id="aw1-cf-done""#, r#"tabindex="-1""#]
    ));
    assert!(html.contains("Thank you") && html.contains("C-0042"));
    assert!(!html.contains("<form"));
}

#[test]
fn consent_checkbox_required_email_and_spanish() {
    let rules = Rules {
        require_email: true,
        consent_text: Some("Acepto que me contacten.".into()),
    };
    let mut s = FormState::new(rules, "k".into());
    s.phase = Phase::Editing;
    let html = render(
        s,
        WidgetConfig {
            locale: "es".into(),
            ..config()
        },
    );
    assert!(has_tag(
        &html,
        "input",
        &[r#"type="checkbox""#, r#"id="aw1-cf-consent""#]
    ));
    assert!(has_tag(&html, "label", &[r#"for="aw1-cf-consent""#]));
    assert!(html.contains("Acepto que me contacten."));
    assert!(has_tag(
        &html,
        "input",
        &[r#"id="aw1-cf-email""#, r#"aria-required="true""#]
    ));
    assert!(html.contains("Sugerir una corrección") && html.contains("Enviar corrección"));
}

#[derive(Properties, PartialEq, Clone)]
struct BoxProps {
    config: Rc<WidgetConfig>,
    load: FormLoad,
    has_draft: bool,
}

#[component]
fn BoxHarness(props: &BoxProps) -> Html {
    let port = FormPort {
        open: false,
        has_draft: props.has_draft,
        load: props.load,
        container: NodeRef::default(),
        request: Callback::noop(),
        close: Callback::noop(),
    };
    html! {
        <ContextProvider<ConfigContext> context={props.config.clone()}>
            <TrustBox article={Rc::new(Article::default())} {port} />
        </ContextProvider<ConfigContext>>
    }
}

fn render_box(config: WidgetConfig, load: FormLoad) -> String {
    render_box_with(config, load, false)
}

fn render_box_with(config: WidgetConfig, load: FormLoad, has_draft: bool) -> String {
    futures::executor::block_on(
        LocalServerRenderer::<BoxHarness>::with_props(BoxProps {
            config: Rc::new(config),
            load,
            has_draft,
        })
        .hydratable(false)
        .render(),
    )
}

#[test]
fn trust_box_button_is_a_disclosure_only_with_an_endpoint() {
    let html = render_box(config(), FormLoad::Idle);
    assert!(has_tag(
        &html,
        "button",
        &[r#"aria-expanded="false""#, r#"aria-controls="aw1-cf""#]
    ));
    assert!(has_tag(&html, "div", &[r#"id="aw1-cf""#]));
    let loading = render_box(config(), FormLoad::Loading);
    assert!(has_tag(&loading, "button", &[r#"aria-busy="true""#]));
    assert!(loading.contains("Loading the correction form…"));
    let failed = render_box(config(), FormLoad::Failed);
    assert!(failed.contains("could not be loaded"));
    let none = render_box(
        WidgetConfig {
            correction_endpoint: None,
            ..config()
        },
        FormLoad::Idle,
    );
    assert!(!none.contains("aria-expanded") && !none.contains(r#"id="aw1-cf""#));
    assert!(!html.contains("unsent correction"));
    let kept = render_box_with(config(), FormLoad::Idle, true);
    assert!(kept.contains("Your unsent correction is saved."));
}
