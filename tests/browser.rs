//! Browser tests in headless Chromium (wasm-bindgen-test): mounting from inline JSON and from
//! `data-article-src` served by the local dev server, the photo fallback, error states, several
//! instances, and `Intl` formatting. Run by scripts/test.sh, which starts the server and passes
//! its origin in `AW_FIXTURE_ORIGIN` at compile time.
#![cfg(target_arch = "wasm32")]

use article_widget::mount::mount;
use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Element, MutationObserver, MutationObserverInit};

wasm_bindgen_test_configure!(run_in_browser);

/// The dev server the test script started (serves the repository root with CORS).
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

fn text_of(root: &Element, selector: &str) -> Option<String> {
    root.query_selector(selector)
        .unwrap()
        .and_then(|e| e.text_content())
}

fn count(root: &Element, selector: &str) -> u32 {
    root.query_selector_all(selector).unwrap().length()
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

/// Resolves on the next DOM change under `root` (or after 10 s, so a broken test fails instead
/// of hanging). Event-driven: no fixed sleeps.
async fn next_mutation(root: &Element) {
    let root = root.clone();
    let promise = Promise::new(&mut |resolve: Function, _| {
        let observer = MutationObserver::new(&resolve).unwrap();
        let init = MutationObserverInit::new();
        init.set_child_list(true);
        init.set_subtree(true);
        init.set_attributes(true);
        init.set_character_data(true);
        observer.observe_with_options(&root, &init).unwrap();
        let _ = web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10_000);
    });
    JsFuture::from(promise).await.unwrap();
}

/// Waits until `selector` matches inside `root`.
async fn wait_for(root: &Element, selector: &str) {
    for _ in 0..50 {
        yew::scheduler::flush().await;
        if root.query_selector(selector).unwrap().is_some() {
            return;
        }
        next_mutation(root).await;
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
    mount(&el, 101);
    yew::scheduler::flush().await;

    assert_eq!(
        text_of(&el, "h1#aw101-headline").as_deref(),
        Some("Tidal Barrier Holds Through Its First Winter Storm, but the Repair Bill Has Doubled")
    );
    assert_eq!(count(&el, "nav[aria-label='Topics'] a"), 4);
    assert_eq!(
        el.query_selector("nav a")
            .unwrap()
            .unwrap()
            .get_attribute("href")
            .as_deref(),
        Some("/topics/coastal-engineering")
    );
    assert!(text_of(&el, "#aw101-author")
        .unwrap()
        .contains("Senior environment reporter"));
    assert!(text_of(&el, ".aw-trust")
        .unwrap()
        .contains("Truth and Accuracy"));
    // Dates go through Intl: a readable, localised date, not the ISO string.
    let published = el.query_selector("time").unwrap().unwrap();
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
    mount(&el, 102);
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
    let src = format!("{ORIGIN}/demo/article.json");
    let el = widget(&[("data-article-src", &src)], None);
    mount(&el, 103);
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
    mount(&el, 104);
    wait_for(&el, ".aw-error").await;
    let alert = el
        .query_selector("[role='alert']")
        .unwrap()
        .expect("error is announced");
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
    mount(&el, 106);
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
    let href = el
        .query_selector("nav a")
        .unwrap()
        .unwrap()
        .get_attribute("href")
        .unwrap();
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
    mount(&el, 105);
    wait_for(&el, ".aw-error").await;
    assert!(text_of(&el, ".aw-error")
        .unwrap()
        .contains("could not be loaded"));
    el.remove();
}

#[wasm_bindgen_test]
async fn malformed_and_headless_documents_show_the_error_box() {
    for (i, json) in [
        "{ \"headline\": ",
        r#"{"version":1,"body":["text"]}"#,
        r#"{"@type":"WebSite"}"#,
    ]
    .into_iter()
    .enumerate()
    {
        let el = widget(&[], Some(("application/json", json)));
        mount(&el, 110 + i as u32);
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
    mount(&el, 119);
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
    mount(&el, 120);
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
    mount(&a, 131);
    mount(&b, 132);
    yew::scheduler::flush().await;
    assert_eq!(text_of(&b, "h1#aw132-headline").as_deref(), Some("Segundo"));
    assert!(a.query_selector("#aw131-headline").unwrap().is_some());
    assert!(text_of(&a, ".aw-trust h2")
        .unwrap()
        .contains("Truth and Accuracy"));
    assert!(text_of(&b, ".aw-trust h2").unwrap().contains("Veracidad"));
    // Ids never collide across instances.
    let ids = document().query_selector_all("[id]").unwrap();
    let mut seen = std::collections::HashSet::new();
    for i in 0..ids.length() {
        let id = ids.item(i).unwrap().dyn_into::<Element>().unwrap().id();
        assert!(seen.insert(id.clone()), "duplicate id {id}");
    }
    a.remove();
    b.remove();
}

#[wasm_bindgen_test]
async fn markup_in_data_never_becomes_elements() {
    let json = r#"{"headline":"&lt;img src=x onerror=window.__pwned=1&gt;",
        "body":["&lt;script&gt;window.__pwned=1&lt;/script&gt;",{"type":"paragraph","content":[{"text":"x","href":"javascript:window.__pwned=1"}]}]}"#;
    let el = widget(&[], Some(("application/json", json)));
    mount(&el, 140);
    yew::scheduler::flush().await;
    assert_eq!(
        text_of(&el, "h1").as_deref(),
        Some("<img src=x onerror=window.__pwned=1>")
    );
    assert_eq!(count(&el, ".aw-article img, .aw-article script"), 0);
    assert!(el
        .query_selector("a[href^='javascript']")
        .unwrap()
        .is_none());
    el.remove();
}
