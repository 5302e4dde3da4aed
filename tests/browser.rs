//! Browser tests in headless Chromium (wasm-bindgen-test): mounting from inline JSON and from
//! `data-article-src` served by the local dev server, the photo fallback, error states, several
//! instances, `Intl` formatting, and the correction form in a client-rendered widget. Run by scripts/test.sh, which
//! starts the server and passes its origin in `AW_FIXTURE_ORIGIN` at compile time.
#![cfg(target_arch = "wasm32")]

use article_widget::embed::{mount_element, SharedInstance};
use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Element, MutationObserver, MutationObserverInit, Node, ShadowRoot};

wasm_bindgen_test_configure!(run_in_browser);

/// The dev server the test script started (`aw-server --dev` serving `demo/`, CORS for loopback).
const ORIGIN: &str = match option_env!("AW_FIXTURE_ORIGIN") {
    Some(origin) => origin,
    None => "http://127.0.0.1:8791",
};
const DEMO: &str = include_str!("../demo/article.json");

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh `[data-article-widget]` element in the page, with attributes and optional inline data.
fn widget(attrs: &[(&str, &str)], inline: Option<(&str, &str)>) -> Element {
    let doc = document();
    let el = doc.create_element("div").unwrap();
    el.set_attribute("data-article-widget", "").unwrap();
    for (k, v) in attrs {
        el.set_attribute(k, v).unwrap();
    }
    if let Some((kind, json)) = inline {
        let script = doc.create_element("script").unwrap();
        script.set_attribute("type", kind).unwrap();
        script.set_text_content(Some(json));
        el.append_child(&script).unwrap();
    }
    doc.body().unwrap().append_child(&el).unwrap();
    el
}

/// Mounts `el` as the page's observer would (but not lazily).
fn mount(el: &Element) -> SharedInstance {
    mount_element(&document(), el, &|_| None, None, false).expect("mounted")
}

/// The widget renders inside the element's shadow root.
fn shadow(el: &Element) -> ShadowRoot {
    el.shadow_root().expect("the widget attached a shadow root")
}

fn find(el: &Element, selector: &str) -> Option<Element> {
    shadow(el).query_selector(selector).unwrap()
}

fn text_of(el: &Element, selector: &str) -> Option<String> {
    find(el, selector).and_then(|e| e.text_content())
}

fn count(el: &Element, selector: &str) -> u32 {
    shadow(el).query_selector_all(selector).unwrap().length()
}

/// Starts recording `console.error` and `console.warn` messages (as well as printing them).
fn record_console() {
    Function::new_no_args(
        "window.__awLog = [];
         for (const level of ['error', 'warn']) {
           const original = console[level].bind(console);
           console[level] = (...args) => { window.__awLog.push(level + ': ' + args.join(' ')); original(...args); };
         }",
    )
    .call0(&JsValue::NULL)
    .unwrap();
}

/// What was recorded since [`record_console`].
fn console_log() -> Vec<String> {
    let log = js_sys::Reflect::get(&web_sys::window().unwrap(), &"__awLog".into()).unwrap();
    js_sys::Array::from(&log)
        .iter()
        .filter_map(|v| v.as_string())
        .collect()
}

/// Resolves on the next DOM change under `root` or the next animation frame, whichever comes
/// first: the caller re-checks its condition each time, so waits end as soon as the DOM is
/// ready, with no fixed sleeps.
async fn next_tick(root: &Node) {
    let root = root.clone();
    let promise = Promise::new(&mut |resolve: Function, _| {
        let observer = MutationObserver::new(&resolve).unwrap();
        let init = MutationObserverInit::new();
        init.set_child_list(true);
        init.set_subtree(true);
        init.set_attributes(true);
        init.set_character_data(true);
        observer.observe_with_options(&root, &init).unwrap();
        let _ = web_sys::window().unwrap().request_animation_frame(&resolve);
    });
    JsFuture::from(promise).await.unwrap();
}

/// Waits until `selector` matches inside the widget (at most ~10 s of frames, then fails).
async fn wait_for(el: &Element, selector: &str) {
    let root = shadow(el);
    for _ in 0..600 {
        yew::scheduler::flush().await;
        if root.query_selector(selector).unwrap().is_some() {
            return;
        }
        next_tick(&root).await;
    }
    panic!(
        "{selector} never appeared; widget HTML: {}",
        root.inner_html()
    );
}

#[wasm_bindgen_test]
async fn mounts_from_inline_json() {
    let el = widget(
        &[("data-tag-url", "/topics/{slug}")],
        Some(("application/json", DEMO)),
    );
    let _instance_el = mount(&el);
    yew::scheduler::flush().await;

    assert_eq!(
        text_of(&el, "h1[id$='-headline']").as_deref(),
        Some("Tidal Barrier Holds Through Its First Winter Storm, but the Repair Bill Has Doubled")
    );
    assert_eq!(count(&el, "nav[aria-label='Topics'] a"), 4);
    assert_eq!(
        find(&el, "nav a").unwrap().get_attribute("href").as_deref(),
        Some("/topics/coastal-engineering")
    );
    assert!(text_of(&el, "section.aw-author")
        .unwrap()
        .contains("Senior environment reporter"));
    assert!(text_of(&el, ".aw-trust")
        .unwrap()
        .contains("Truth and Accuracy"));
    // Dates go through Intl: a readable, localised date, not the ISO string.
    let published = find(&el, "time").unwrap();
    assert_eq!(
        published.get_attribute("datetime").as_deref(),
        Some("2026-02-03T07:30:00-04:00")
    );
    let shown = published.text_content().unwrap();
    assert!(
        shown.contains("February") && shown.contains("2026"),
        "{shown}"
    );
    el.remove();
}

#[wasm_bindgen_test]
async fn mounts_from_json_ld_with_intl_language_names() {
    let el = widget(
        &[("data-locale", "es")],
        Some((
            "application/ld+json",
            include_str!("fixtures/yoast-graph.json"),
        )),
    );
    let _instance_el = mount(&el);
    yew::scheduler::flush().await;
    assert_eq!(
        text_of(&el, "h1").as_deref(),
        Some("Harbour Ferry Returns to a Full Timetable After a Two\u{2011}Year Refit")
    );
    // "en", "fr", "pa" as Spanish language names through Intl.DisplayNames.
    let card = text_of(&el, ".aw-author").unwrap();
    assert!(
        card.contains("inglés") && card.contains("francés") && card.contains("punyabí"),
        "{card}"
    );
    assert!(text_of(&el, ".aw-trust")
        .unwrap()
        .contains("Veracidad y precisión"));
    el.remove();
}

#[wasm_bindgen_test]
async fn mounts_from_data_article_src() {
    let src = format!("{ORIGIN}/article.json");
    let el = widget(&[("data-article-src", &src)], None);
    let _instance_el = mount(&el);
    yew::scheduler::flush().await;
    // The skeleton holds the place while the request is in flight...
    assert_eq!(count(&el, ".aw-skeleton"), 1);
    // ...and the article replaces it.
    wait_for(&el, "h1").await;
    assert!(text_of(&el, "h1")
        .unwrap()
        .starts_with("Tidal Barrier Holds"));
    assert_eq!(count(&el, ".aw-skeleton"), 0);
    assert_eq!(count(&el, ".aw-author"), 1);
    el.remove();
}

#[wasm_bindgen_test]
async fn http_404_shows_the_error_box_and_logs_the_cause() {
    record_console();
    let src = format!("{ORIGIN}/__status/404");
    let el = widget(&[("data-article-src", &src)], None);
    let _instance_el = mount(&el);
    wait_for(&el, ".aw-error").await;
    let alert = find(&el, "[role='alert']").expect("error is announced");
    assert!(alert
        .text_content()
        .unwrap()
        .contains("could not be loaded"));
    assert_eq!(count(&el, "h1"), 0);
    // The reader gets a short message; the publisher gets the cause in the console.
    let log = console_log();
    assert!(
        log.iter().any(|l| l.starts_with("error: article-widget:")
            && l.contains("404")
            && l.contains(&src)),
        "{log:?}"
    );
    el.remove();
}

#[wasm_bindgen_test]
async fn invalid_attributes_warn_and_fall_back() {
    record_console();
    let el = widget(
        &[
            ("data-tag-url", "javascript:alert('{slug}')"),
            ("data-locale", "??"),
        ],
        Some(("application/json", DEMO)),
    );
    let _instance_el = mount(&el);
    yew::scheduler::flush().await;
    let log = console_log();
    assert!(
        log.iter().any(|l| l.starts_with("warn:")
            && l.contains("data-tag-url")
            && l.contains("/tag/{slug}/")),
        "{log:?}"
    );
    assert!(
        log.iter()
            .any(|l| l.starts_with("warn:") && l.contains("data-locale")),
        "{log:?}"
    );
    // The default template is used, so tags still link somewhere safe.
    let href = find(&el, "nav a").unwrap().get_attribute("href").unwrap();
    assert_eq!(href, "/tag/coastal-engineering/");
    el.remove();
}

#[wasm_bindgen_test]
async fn network_failure_shows_the_error_box() {
    // Port 9 (discard) is closed on the test machine: the fetch is refused.
    let el = widget(
        &[("data-article-src", "http://127.0.0.1:9/article.json")],
        None,
    );
    let _instance_el = mount(&el);
    wait_for(&el, ".aw-error").await;
    assert!(text_of(&el, ".aw-error")
        .unwrap()
        .contains("could not be loaded"));
    el.remove();
}

#[wasm_bindgen_test]
async fn malformed_and_headless_documents_show_the_error_box() {
    for json in [
        "{ \"headline\": ",
        r#"{"version":1,"body":["text"]}"#,
        r#"{"@type":"WebSite"}"#,
    ] {
        let el = widget(&[], Some(("application/json", json)));
        let _instance = mount(&el);
        yew::scheduler::flush().await;
        assert!(
            text_of(&el, ".aw-error")
                .unwrap()
                .contains("incomplete or invalid"),
            "{json}"
        );
        el.remove();
    }
    let el = widget(&[], None);
    let _instance_el = mount(&el);
    yew::scheduler::flush().await;
    assert_eq!(count(&el, ".aw-error"), 1, "no source at all");
    el.remove();
}

#[wasm_bindgen_test]
async fn broken_author_photo_falls_back_to_initials() {
    let json = format!(
        r#"{{"headline":"Photo test","authors":[{{"name":"Wren Okafor","image":"{ORIGIN}/__status/404"}}]}}"#
    );
    let el = widget(&[], Some(("application/json", &json)));
    let _instance_el = mount(&el);
    yew::scheduler::flush().await;
    assert_eq!(count(&el, "img.aw-avatar"), 1, "the photo is tried first");
    wait_for(&el, ".aw-avatar--initials").await;
    assert_eq!(text_of(&el, ".aw-avatar--initials").as_deref(), Some("WO"));
    assert_eq!(count(&el, "img.aw-avatar"), 0);
    el.remove();
}

#[wasm_bindgen_test]
async fn instances_are_independent() {
    let a = widget(&[("data-locale", "en")], Some(("application/json", DEMO)));
    let b = widget(
        &[("data-locale", "es")],
        Some(("application/json", r#"{"headline":"Segundo"}"#)),
    );
    let _instance_a = mount(&a);
    let _instance_b = mount(&b);
    yew::scheduler::flush().await;
    assert_eq!(
        text_of(&b, "h1[id$='-headline']").as_deref(),
        Some("Segundo")
    );
    // Each widget has its own shadow root, so its ids are its own; they are numbered anyway.
    let id_a = find(&a, "h1").unwrap().id();
    let id_b = find(&b, "h1").unwrap().id();
    assert!(id_a.ends_with("-headline") && id_b.ends_with("-headline") && id_a != id_b);
    // The host page's styles and ids are untouched: nothing of the widget is in the light DOM.
    assert!(a.query_selector("h1, .aw").unwrap().is_none());
    assert!(text_of(&a, ".aw-trust h2")
        .unwrap()
        .contains("Truth and Accuracy"));
    assert!(text_of(&b, ".aw-trust h2").unwrap().contains("Veracidad"));
    a.remove();
    b.remove();
}

#[wasm_bindgen_test]
async fn markup_in_data_never_becomes_elements() {
    let json = r#"{"headline":"&lt;img src=x onerror=window.__pwned=1&gt;",
        "body":["&lt;script&gt;window.__pwned=1&lt;/script&gt;",{"type":"paragraph","content":[{"text":"x","href":"javascript:window.__pwned=1"}]}]}"#;
    let el = widget(&[], Some(("application/json", json)));
    let _instance_el = mount(&el);
    yew::scheduler::flush().await;
    assert_eq!(
        text_of(&el, "h1").as_deref(),
        Some("<img src=x onerror=window.__pwned=1>")
    );
    assert_eq!(count(&el, ".aw-article img, .aw-article script"), 0);
    assert!(find(&el, "a[href^='javascript']").is_none());
    el.remove();
}

#[wasm_bindgen_test]
async fn the_correction_form_is_the_browsers_own_in_a_client_rendered_widget() {
    let el = widget(
        &[
            ("data-locale", "es"),
            (
                "data-correction-endpoint",
                "https://inbox.example/corrections",
            ),
        ],
        Some(("application/json", DEMO)),
    );
    let _instance = mount(&el);
    wait_for(&el, ".aw-native").await;
    // One form, the native one: its summary is the button (no second, script-only button).
    assert_eq!(count(&el, ".aw-trust form"), 1);
    assert_eq!(count(&el, ".aw-trust > button"), 0);
    let form = find(&el, ".aw-native form").unwrap();
    assert_eq!(
        form.get_attribute("action").as_deref(),
        Some("https://inbox.example/corrections")
    );
    assert_eq!(form.get_attribute("method").as_deref(), Some("post"));
    assert!(text_of(&el, ".aw-native > summary")
        .unwrap()
        .contains("corrección"));
    assert!(find(&el, ".aw-native")
        .unwrap()
        .get_attribute("open")
        .is_none());
    // The press is the browser's own: it opens with no script of ours.
    find(&el, ".aw-native > summary")
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
    assert!(find(&el, ".aw-native")
        .unwrap()
        .get_attribute("open")
        .is_some());
    let field = find(&el, ".aw-native [name=correction]").unwrap();
    assert_eq!(field.get_attribute("data-min").as_deref(), Some("20"));
    // The widget's own thank-you, hidden until the form is sent.
    let thanks = find(&el, ".aw-thanks").unwrap();
    assert!(thanks.id().starts_with("aw-thanks-"));
    let shown = web_sys::window()
        .unwrap()
        .get_computed_style(&thanks)
        .unwrap()
        .unwrap()
        .get_property_value("display")
        .unwrap();
    assert_eq!(shown, "none");
    el.remove();
}

/// The corpus of real articles (tests/fixtures/articles), as the host tier reads it.
const CORPUS: &[(&str, &str)] = &[
    (
        "01-govuk-drug-driving-limits.html",
        include_str!("fixtures/articles/01-govuk-drug-driving-limits.html"),
    ),
    (
        "02-govuk-mhra-transwarmer-alert.html",
        include_str!("fixtures/articles/02-govuk-mhra-transwarmer-alert.html"),
    ),
    (
        "03-govuk-onshore-wind-guidance.html",
        include_str!("fixtures/articles/03-govuk-onshore-wind-guidance.html"),
    ),
    (
        "04-govuk-uk-investment-arabic.html",
        include_str!("fixtures/articles/04-govuk-uk-investment-arabic.html"),
    ),
    (
        "05-govuk-proof-of-identity-checklist.html",
        include_str!("fixtures/articles/05-govuk-proof-of-identity-checklist.html"),
    ),
    (
        "06-whitehouse-digital-transition.html",
        include_str!("fixtures/articles/06-whitehouse-digital-transition.html"),
    ),
    (
        "07-whitehouse-weekly-address.html",
        include_str!("fixtures/articles/07-whitehouse-weekly-address.html"),
    ),
    (
        "08-mozilla-hacks-fetch-api.html",
        include_str!("fixtures/articles/08-mozilla-hacks-fetch-api.html"),
    ),
    (
        "09-firefox-nightly-issue-85.html",
        include_str!("fixtures/articles/09-firefox-nightly-issue-85.html"),
    ),
    (
        "10-v8-standalone-wasm.html",
        include_str!("fixtures/articles/10-v8-standalone-wasm.html"),
    ),
    (
        "11-google-sre-monitoring.html",
        include_str!("fixtures/articles/11-google-sre-monitoring.html"),
    ),
    (
        "12-wikipedia-t-sne.html",
        include_str!("fixtures/articles/12-wikipedia-t-sne.html"),
    ),
    (
        "13-perriault-frontend-code-coverage.html",
        include_str!("fixtures/articles/13-perriault-frontend-code-coverage.html"),
    ),
    (
        "14-ebb-recent-controversial-events.html",
        include_str!("fixtures/articles/14-ebb-recent-controversial-events.html"),
    ),
    (
        "15-gitlab-devsecops-survey-2024.html",
        include_str!("fixtures/articles/15-gitlab-devsecops-survey-2024.html"),
    ),
    (
        "16-wikimedia-turkey-access-restored.html",
        include_str!("fixtures/articles/16-wikimedia-turkey-access-restored.html"),
    ),
    (
        "17-globalvoices-nicaragua-protests.html",
        include_str!("fixtures/articles/17-globalvoices-nicaragua-protests.html"),
    ),
    (
        "18-netzpolitik-cider-connection.html",
        include_str!("fixtures/articles/18-netzpolitik-cider-connection.html"),
    ),
    (
        "19-anchor-sri-lanka.html",
        include_str!("fixtures/articles/19-anchor-sri-lanka.html"),
    ),
    (
        "20-jan-grosser-xum1541.html",
        include_str!("fixtures/articles/20-jan-grosser-xum1541.html"),
    ),
    (
        "21-klaenge-des-verschweigens-film.html",
        include_str!("fixtures/articles/21-klaenge-des-verschweigens-film.html"),
    ),
    (
        "22-ritinardo-bundesregierung-2017.html",
        include_str!("fixtures/articles/22-ritinardo-bundesregierung-2017.html"),
    ),
    (
        "23-hertha-blog-alte-dame.html",
        include_str!("fixtures/articles/23-hertha-blog-alte-dame.html"),
    ),
    (
        "24-doschu-solopreneur-linkedin.html",
        include_str!("fixtures/articles/24-doschu-solopreneur-linkedin.html"),
    ),
    (
        "25-tafelblog-welches-europa.html",
        include_str!("fixtures/articles/25-tafelblog-welches-europa.html"),
    ),
    (
        "26-govuk-mhra-sglt2-drug-safety-update.html",
        include_str!("fixtures/articles/26-govuk-mhra-sglt2-drug-safety-update.html"),
    ),
    (
        "27-govuk-school-funding-written-statement.html",
        include_str!("fixtures/articles/27-govuk-school-funding-written-statement.html"),
    ),
];

/// The browser's inert parser (DOMParser) gives the same blocks as html5ever on the host for
/// every article of the corpus: the fingerprints of both conversions, the host's written by
/// crates/core/tests/html_corpus.rs into parity.txt.
#[wasm_bindgen_test]
fn the_browsers_parser_gives_the_hosts_blocks_for_every_corpus_article() {
    let golden = include_str!("fixtures/articles/parity.txt");
    let mut differ = Vec::new();
    for (name, html) in CORPUS {
        let blocks = aw_core::html::body_from_html(html);
        let mine = aw_core::html::fingerprint(&blocks);
        let host = golden
            .lines()
            .find_map(|l| l.strip_prefix(name).map(str::trim))
            .unwrap_or("(none)");
        if mine != host {
            differ.push(format!("{name}: browser {mine}, host {host}"));
        }
    }
    assert!(
        differ.is_empty(),
        "{} of {} differ:\n{}",
        differ.len(),
        CORPUS.len(),
        differ.join("\n")
    );
}

/// A maintained sanitizer's XSS vectors (DOMPurify's test suite, the classic OWASP cheat-sheet
/// entries) as an article's own HTML: nothing runs, no handler, frame, script or form reaches
/// the widget's shadow root, and the text stays.
#[wasm_bindgen_test]
async fn hostile_article_html_runs_nothing() {
    let vectors = include_str!("fixtures/xss-vectors.html");
    let doc =
        serde_json::json!({"version": 1, "headline": "Hostile", "bodyHtml": vectors}).to_string();
    let el = widget(&[], Some(("application/json", &doc)));
    let _instance = mount(&el);
    wait_for(&el, ".aw-body").await;
    // Every vector that could run sets window.__xss; give the page a turn to run anything.
    next_tick(&shadow(&el).into()).await;
    let ran = js_sys::Reflect::get(&web_sys::window().unwrap(), &"__xss".into()).unwrap();
    assert!(ran.is_undefined(), "a vector ran: {ran:?}");
    for selector in [
        "script",
        "iframe",
        "object",
        "embed",
        "form",
        "[onerror]",
        "[onload]",
        "[onclick]",
        "[onmouseover]",
        "[srcdoc]",
        "a[href^='javascript']",
        "img[src^='javascript']",
        "svg",
        "math",
    ] {
        assert_eq!(
            count(&el, &format!(".aw-body {selector}")),
            0,
            "{selector} in the body"
        );
    }
    assert!(text_of(&el, ".aw-body")
        .unwrap_or_default()
        .contains("Text after the vectors"));
    el.remove();
}
