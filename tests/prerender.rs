//! The prerendered embed (`article_widget::prerender`, the `aw-render` command): a snapshot of
//! the minimal fixture's (insta: tests/snapshots/), structural checks for every fixture and the
//! demo in three locales and both themes.
#![cfg(feature = "ssr")]

mod common;

use article_widget::prerender::{prerender, PrerenderError};

fn fixtures() -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = std::fs::read_dir("tests/fixtures")
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    all.push((
        "demo/article.json".into(),
        std::fs::read_to_string("demo/article.json").unwrap(),
    ));
    all.sort();
    all
}

fn opts(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// The embed for the minimal fixture, whole: a snapshot (tests/snapshots/). After an intended
/// change, `INSTA_UPDATE=always cargo test --features ssr --test prerender` rewrites it (or
/// `cargo insta review`), and the diff is read before committing.
#[test]
fn the_minimal_embed_is_its_snapshot() {
    let json = std::fs::read_to_string("tests/fixtures/minimal.json").unwrap();
    let html = prerender(
        &json,
        &opts(&[("locale", "en"), ("correction-endpoint", "/corrections")]),
    )
    .unwrap();
    // The markup version is a hash of the sources: it changes with any component, so the
    // snapshot holds a placeholder.
    let html = html.replace(article_widget::MARKUP_VERSION, "{MARKUP_VERSION}");
    insta::assert_snapshot!("prerender-minimal", html);
}

#[test]
fn every_fixture_prerenders_to_a_complete_embed() {
    for (name, json) in fixtures() {
        for (locale, theme) in [("en", "light"), ("es", "dark"), ("ar", "auto")] {
            let html = prerender(&json, &opts(&[("locale", locale), ("theme", theme)]))
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            let ctx = format!("{name} {locale} {theme}");
            assert!(html.starts_with(&format!(r#"<div data-article-widget data-locale="{locale}" data-theme="{theme}"><template shadowrootmode="open"><style>"#)), "{ctx}");
            assert!(html.ends_with("</script></div>"), "{ctx}");
            let (shadow, data) = html.split_once("</template>").unwrap();
            assert_eq!(shadow.matches("<template").count(), 1, "{ctx}");
            // The shadow root: the styles and the whole widget, no script of any kind.
            assert!(
                !shadow.contains("<script"),
                "{ctx}: no script in the markup"
            );
            for part in [
                "class=\"aw-headline\"",
                "class=\"aw-trust\"",
                "class=\"aw-frame\"",
            ] {
                assert!(shadow.contains(part), "{ctx}: {part}");
            }
            assert!(
                common::has_tag(
                    shadow,
                    "div",
                    &["class=\"aw\"", &format!("lang=\"{locale}\"")]
                ),
                "{ctx}"
            );
            if locale == "ar" {
                assert!(shadow.contains(r#"dir="rtl""#), "{ctx}: right to left");
            }
            // The data the widget starts from: the same document, unable to close its script.
            let inline = data
                .strip_prefix(r#"<script type="application/json">"#)
                .and_then(|d| d.strip_suffix("</script></div>"))
                .unwrap_or_else(|| panic!("{ctx}: inline data"));
            assert!(!inline.contains('<'), "{ctx}");
            let back: serde_json::Value = serde_json::from_str(inline).unwrap();
            assert_eq!(
                back,
                serde_json::from_str::<serde_json::Value>(&json).unwrap(),
                "{ctx}"
            );
        }
    }
}

#[test]
fn markup_in_the_data_stays_text_and_attributes_stay_attributes() {
    let json = r#"{"version":1,"headline":"Real news </template><script>alert(1)</script>","body":[{"type":"paragraph","text":"<img src=x onerror=alert(2)>"}]}"#;
    let html = prerender(
        json,
        &opts(&[("correction-consent", "\"><script>alert(3)</script>")]),
    )
    .unwrap();
    assert_eq!(html.matches("</template>").count(), 1);
    assert_eq!(
        html.matches("<script").count(),
        1,
        "only the data script: {html:.300}"
    );
    assert!(html
        .contains(r#"data-correction-consent="&quot;&gt;&lt;script&gt;alert(3)&lt;/script&gt;""#));
    assert!(!html.contains("<img src=x"));
}

#[test]
fn unknown_or_invalid_options_and_bad_data_are_errors() {
    let json = std::fs::read_to_string("demo/article.json").unwrap();
    assert!(matches!(
        prerender(&json, &opts(&[("colour", "red")])),
        Err(PrerenderError::UnknownOption(_))
    ));
    assert!(matches!(
        prerender(&json, &opts(&[("heading-level", "9")])),
        Err(PrerenderError::InvalidOption(_))
    ));
    assert!(matches!(
        prerender(&json, &opts(&[("article-src", "/a.json")])),
        Err(PrerenderError::Source)
    ));
    assert!(matches!(
        prerender(r#"{"version":1}"#, &[]),
        Err(PrerenderError::Article(_))
    ));
    assert!(matches!(
        prerender("nope", &[]),
        Err(PrerenderError::Article(_))
    ));
}

#[test]
fn the_command_prints_the_embed_and_fails_clearly() {
    let bin = env!("CARGO_BIN_EXE_aw-render");
    let ok = std::process::Command::new(bin)
        .args([
            "tests/fixtures/minimal.json",
            "--locale",
            "es",
            "--heading-level=2",
        ])
        .output()
        .unwrap();
    assert!(ok.status.success());
    let out = String::from_utf8(ok.stdout).unwrap();
    assert!(out.starts_with(r#"<div data-article-widget data-locale="es" data-heading-level="2"><template shadowrootmode="open">"#));
    let bad = std::process::Command::new(bin)
        .args(["tests/fixtures/minimal.json", "--theme", "purple"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("must be light, dark or auto"));
}

#[test]
fn the_style_hash_allows_exactly_the_embeds_stylesheet() {
    use article_widget::prerender::{style_hash, stylesheet};
    let hash = style_hash();
    let sources: Vec<&str> = hash.split(' ').collect();
    assert_eq!(
        sources.len(),
        2,
        "the stylesheet and the no-script rule: {hash}"
    );
    assert!(
        sources
            .iter()
            .all(|s| s.starts_with("'sha256-") && s.ends_with("='")),
        "{hash}"
    );
    let json = std::fs::read_to_string("tests/fixtures/minimal.json").unwrap();
    let html = prerender(&json, &[]).unwrap();
    assert!(
        html.contains(&format!("<style>{}</style>", stylesheet())),
        "the hashed text is the embed's"
    );
}

#[test]
fn the_embed_carries_what_hydration_needs() {
    let json = std::fs::read_to_string("tests/fixtures/reference-shape.json").unwrap();
    let es = prerender(
        &json,
        &opts(&[("locale", "es"), ("hydrate", "interaction")]),
    )
    .unwrap();
    // Hydration markers around components, the version the hydrating bundle checks, the locale
    // the browser must use, and the loader's option passed through.
    assert!(es.contains("<!--<["), "hydration markers");
    assert!(es.contains(&format!(
        "data-aw-prerendered=\"{}\"",
        article_widget::MARKUP_VERSION
    )));
    assert!(es.contains(r#"data-locale="es""#) && es.contains(r#"data-hydrate="interaction""#));
    // The server's formatted strings: every date in the markup is in the table, in its words.
    let decided = es
        .split("data-aw-decided=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    let table: serde_json::Value = serde_json::from_str(&decided).unwrap();
    let table = table.as_object().unwrap();
    assert!(
        table
            .iter()
            .any(|(k, v)| k.starts_with("d|es|") && v.as_str().unwrap().contains(" de ")),
        "dates in Spanish: {table:?}"
    );
    for value in table.values() {
        assert!(
            es.contains(value.as_str().unwrap()),
            "{value} is what the markup says"
        );
    }
    // Same input, same bytes (the render route's ETag relies on it).
    assert_eq!(
        es,
        prerender(
            &json,
            &opts(&[("locale", "es"), ("hydrate", "interaction")])
        )
        .unwrap()
    );
    // Without a locale option the embed still says which it was rendered in.
    let plain = prerender(&json, &[]).unwrap();
    assert!(plain.contains(r#"data-locale="en""#));
    // The loader's option is checked like the widget's.
    let bad = prerender(&json, &opts(&[("hydrate", "later")])).unwrap_err();
    assert!(
        bad.to_string()
            .contains("must be idle, visible, interaction or eager"),
        "{bad}"
    );
}

/// The text between `start` and the end of the element it opens (`</tag>` of the same name,
/// non-nested elements only).
fn element<'a>(html: &'a str, start: &str, tag: &str) -> &'a str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("{start} in the embed"));
    let end = html[from..]
        .find(&format!("</{tag}>"))
        .unwrap_or_else(|| panic!("</{tag}> after {start}"));
    &html[from..from + end]
}

/// The value of the hidden input `name` in `form`.
fn hidden<'a>(form: &'a str, name: &str) -> Option<&'a str> {
    form.split("<input ").find_map(|tag| {
        let tag = tag.split('>').next()?;
        (tag.contains("type=\"hidden\"") && tag.contains(&format!("name=\"{name}\"")))
            .then(|| tag.split("value=\"").nth(1)?.split('"').next())
            .flatten()
    })
}

/// The reference-shaped article prerendered in Spanish with a correction endpoint, a required
/// email and the publisher's consent text (with markup in it): its JSON and the embed.
/// Prerendering takes `parts` (and `article-body`) like every option: the embed holds only those
/// parts, the form among them, and records the options for hydration.
#[test]
fn parts_prerender_beside_the_publishers_article() {
    let json = std::fs::read_to_string("tests/fixtures/reference-shape.json").unwrap();
    let html = prerender(
        &json,
        &opts(&[
            ("parts", "author trust"),
            ("article-body", ".entry-content"),
            ("correction-endpoint", "/corrections"),
        ]),
    )
    .unwrap();
    assert!(html.contains(r#" data-parts="author trust""#), "{html}");
    assert!(html.contains(r#" data-article-body=".entry-content""#));
    let markup = &html[html.find("data-aw-prerendered").unwrap()..];
    assert!(!markup.contains("aw-headline") && !markup.contains("aw-body"));
    assert!(markup.contains("aw-author__name") && markup.contains("<form"));
    assert!(html.contains("&quot;data-parts&quot;:&quot;author trust&quot;"));
    match prerender(&json, &opts(&[("parts", "sidebar")])) {
        Err(PrerenderError::InvalidOption(w)) => assert_eq!(w.attribute, "data-parts"),
        other => panic!("{other:?}"),
    }
}

fn reference_form_embed() -> (String, String) {
    let json = std::fs::read_to_string("tests/fixtures/reference-shape.json").unwrap();
    let html = prerender(
        &json,
        &opts(&[
            ("locale", "es"),
            ("correction-endpoint", "https://inbox.example/corrections"),
            ("correction-require-email", "true"),
            ("correction-consent", "Acepto <b>las</b> normas"),
        ]),
    )
    .unwrap();
    (json, html)
}

#[test]
fn the_correction_form_is_the_browsers_own_in_the_embed() {
    let (json, html) = reference_form_embed();
    // In the trust box's form container, closed, outside the hydration tree (no markers in it).
    let container = element(&html, "class=\"aw-trust__form\"", "details");
    assert!(
        container.contains("<slot name=\"aw-thanks\"></slot><details class=\"aw-native\">"),
        "{container}"
    );
    let native = element(&html, "<details class=\"aw-native\">", "details");
    assert!(!native.contains("<!--"), "no hydration markers: {native}");
    assert!(!native.contains(" open"), "closed until the reader asks");
    // The summary is the button, in the reader's language.
    let summary = element(native, "<summary", "summary");
    assert!(summary.ends_with(">Enviar una corrección"), "{summary}");
    let form = element(native, "<form", "form");
    assert!(form.contains(
        "method=\"post\" action=\"https://inbox.example/corrections\" accept-charset=\"utf-8\""
    ));
    // Every field the wasm form has, by the payload's names, each with its label.
    for name in ["quote", "correction", "sourceUrl", "name", "email"] {
        let id = format!("aw1-nf-{name}");
        assert!(form.contains(&format!("name=\"{name}\"")), "{name}");
        assert!(form.contains(&format!("for=\"{id}\"")), "label for {name}");
        assert!(form.contains(&format!("id=\"{id}\"")), "control {name}");
    }
    assert!(form.contains("name=\"consent\""), "the publisher's consent");
    assert!(
        form.contains("Acepto &lt;b&gt;las&lt;/b&gt; normas"),
        "the consent text is text"
    );
    assert!(form.contains("name=\"website\""), "the honeypot");
    // The envelope aw-server needs to file and to send the reader back.
    for name in ["articleId", "articleUrl", "headline", "returnTo", "thanks"] {
        assert!(
            hidden(form, name).is_some_and(|v| !v.is_empty()),
            "{name}: {form}"
        );
    }
    assert_eq!(hidden(form, "locale"), Some("es"));
    assert!(form.contains("type=\"submit\""));
    // The thank-you the 303 points at is in the page's own DOM (a fragment finds it there),
    // slotted into the trust box, hidden until it is the target.
    let thanks = hidden(form, "thanks").unwrap();
    assert!(thanks.starts_with("aw-thanks-"), "{thanks}");
    let after_shadow = html.split("</template>").nth(1).unwrap();
    assert!(
        after_shadow.contains(&format!(
            "<p id=\"{thanks}\" slot=\"aw-thanks\" class=\"aw-thanks\" hidden>"
        )),
        "{after_shadow}"
    );

    // No endpoint: no form to post and no thank-you.
    let none = prerender(&json, &opts(&[("locale", "es")])).unwrap();
    assert!(
        !none.contains("<details class=\"aw-native\"") && !none.contains("class=\"aw-thanks\"")
    );
}

#[test]
fn the_native_forms_hidden_fields_keep_the_data_as_data() {
    let json = r#"{"id":"a\"1","headline":"\"><script>alert(1)</script>","url":"https://news.example/a?x=1&y=2"}"#;
    let html = prerender(json, &opts(&[("correction-endpoint", "/corrections")])).unwrap();
    let form = element(&html, "<form", "form");
    assert!(!form.contains("<script"), "{form}");
    assert_eq!(hidden(form, "articleId"), Some("a&quot;1"));
    assert_eq!(
        hidden(form, "articleUrl"),
        Some("https://news.example/a?x=1&amp;y=2")
    );
}

/// The value of attribute `attr` on the element whose `id` is `id`, in `html`.
fn attribute<'a>(html: &'a str, id: &str, attr: &str) -> Option<&'a str> {
    let at = html.find(&format!("id=\"{id}\""))?;
    let start = html[..at].rfind('<')?;
    let tag = &html[start..start + html[start..].find('>')?];
    tag.split(&format!(" {attr}=\"")).nth(1)?.split('"').next()
}

#[test]
fn the_native_form_carries_cores_rules_and_words_for_the_page_check() {
    use article_widget::correction::draft::Field;
    use article_widget::i18n::form_strings_for;
    let (_, html) = reference_form_embed();
    // Each field's limits are core's.
    for field in Field::TEXT {
        let id = format!("aw1-nf-{}", field.key());
        let (min, max) = field.limits();
        let attr = |a| attribute(&html, &id, a);
        assert_eq!(
            attr("data-max"),
            Some(max.to_string().as_str()),
            "{field:?}"
        );
        let min = (min > 0).then(|| min.to_string());
        assert_eq!(attr("data-min"), min.as_deref(), "{field:?}");
        let required = matches!(field, Field::Correction | Field::Email);
        assert_eq!(attr("required").is_some(), required, "{field:?}");
    }
    // The words are core's, in Spanish, once on the form; the status line they go to is polite.
    let s = form_strings_for("es");
    let form = element(&html, "<form", "form");
    for (attr, words) in [
        ("data-msg-required", s.err_required),
        ("data-msg-short", s.err_short),
        ("data-msg-long", s.err_long),
        ("data-msg-url", s.err_url),
        ("data-msg-email", s.err_email),
        ("data-msg-consent", s.err_consent),
        ("data-msg-sending", s.sending),
        ("data-msg-retrying", s.retrying),
    ] {
        let escaped = words.replace('"', "&quot;");
        assert!(
            form.contains(&format!("{attr}=\"{escaped}\"")),
            "{attr}: {form}"
        );
    }
    assert!(s.err_short.contains("{n}"), "the limit goes into the words");
    assert!(form.contains("data-msg-failed=\"Su corrección no se envió. Su texto sigue aquí."));
    assert!(form.contains("<p role=\"status\" class=\"aw-form__status\"></p>"));
    assert!(form.contains("data-legacy-draft=\"article-widget:draft:"));
}

/// The loader's scheduler (embed/article-widget-prerendered.js) puts the correction form back
/// once Yew has adopted the widget's tree, which it sees by Yew's component markers being gone:
/// the one place the shipped JavaScript depends on Yew's markup (`YEW_MARKER`). Yew writes one
/// such comment before each component it server-renders; if a Yew upgrade changes their form,
/// this fails here, not on a reader's page (the form would come back before hydration, or never).
#[test]
fn yews_component_markers_are_what_the_scheduler_waits_for() {
    let js = std::fs::read_to_string("embed/article-widget-prerendered.js").unwrap();
    let line = js
        .lines()
        .find(|l| l.starts_with("const YEW_MARKER = \""))
        .expect("embed/article-widget-prerendered.js declares YEW_MARKER");
    let marker = line
        .trim_start_matches("const YEW_MARKER = \"")
        .trim_end_matches("\";");
    assert_eq!(
        js.matches("YEW_MARKER").count(),
        2,
        "declared once, used once"
    );
    let json = std::fs::read_to_string("tests/fixtures/reference-shape.json").unwrap();
    let html = prerender(&json, &opts(&[("locale", "en")])).unwrap();
    let comments: Vec<&str> = html
        .split("<!--")
        .skip(1)
        .map(|c| c.split("-->").next().unwrap())
        .collect();
    let opening: Vec<&&str> = comments.iter().filter(|c| c.starts_with(marker)).collect();
    assert!(
        opening.len() >= 3,
        "Yew's opening markers start with {marker:?}: {:?}",
        &comments[..comments.len().min(5)]
    );
    // Each opening marker names a component and has its closing twin.
    for open in &opening {
        assert!(open.ends_with("]>"), "{open}");
        let name = &open[marker.len()..open.len() - 2];
        assert!(
            comments.contains(&format!("</[{name}]>").as_str()),
            "the closing marker of {name}"
        );
    }
}
