//! A browser's own form, without JavaScript (issue 20): back to the article, or the form again
//! with the reader's text and the errors.

use super::*;

const HTML: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

async fn submit(a: &App, origin: &str, host: Option<&str>, form: &str) -> Reply {
    let mut req = Request::post("/corrections")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, HTML)
        .header(header::ORIGIN, origin);
    if let Some(h) = host {
        req = req.header(header::HOST, h);
    }
    a.send(req.body(Body::from(form.to_owned())).unwrap()).await
}

fn form(pairs: &[(&str, &str)]) -> String {
    let mut out = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        out.append_pair(k, v);
    }
    out.finish()
}

pub async fn a_form_without_javascript_comes_back_to_the_article(url: &str) {
    let a = app(url, |_| {}).await;
    let good = form(&[
        ("articleId", "a-1"),
        ("returnTo", "https://news.example/a-1?utm=x#top"),
        ("thanks", "aw-thanks-1"),
        ("locale", "en"),
        ("correction", "The cost was $212 million, not $221 million."),
        ("website", ""),
    ]);
    let r = submit(&a, PUBLISHER, None, &good).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        r.header("location"),
        "https://news.example/a-1?utm=x#aw-thanks-1"
    );
    // A double click, or the browser resending the POST: the same correction, once.
    let again = submit(&a, PUBLISHER, None, &good).await;
    assert_eq!(
        again.header("location"),
        "https://news.example/a-1?utm=x#aw-thanks-1"
    );
    assert_eq!(a.store.count().await.unwrap(), 1);
    // The widget's form names its thank-you: the way back points at it (an element of the
    // article page, shown by :target without any script).
    for (thanks, fragment) in [("aw-thanks-0123456789abcdef", "#aw-thanks-0123456789abcdef")] {
        let r = submit(
            &a,
            PUBLISHER,
            None,
            &form(&[
                ("articleId", "a-2"),
                ("returnTo", "https://news.example/a-2"),
                ("thanks", thanks),
                ("correction", "The vote was 7 to 2, not 9 to 0 as reported."),
            ]),
        )
        .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert_eq!(
            r.header("location"),
            format!("https://news.example/a-2{fragment}")
        );
    }
    // A form that names no plain thank-you (a publisher's own form, or an id that is not plain,
    // never echoed): this server's thank-you page, with the reference and the way back, not a
    // return to a page that would not say the correction arrived.
    let r = submit(
        &a,
        PUBLISHER,
        None,
        &form(&[
            ("articleId", "a-2"),
            ("returnTo", "https://news.example/a-2"),
            ("thanks", "x\"><script>"),
            ("correction", "The vote was 7 to 2, not 9 to 0 as reported."),
        ]),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("C-2"), "the reference: {}", r.body);
    assert!(
        r.body
            .contains("<a href=\"https://news.example/a-2\">Back to the article</a>"),
        "the way back, in words: {}",
        r.body
    );
    assert!(!r.body.contains("<script>"), "{}", r.body);
    assert_eq!(
        a.store.count().await.unwrap(),
        2,
        "the same words twice: one row"
    );
    // Never an open redirect: another site's URL gets a thank-you page here instead.
    let elsewhere = form(&[
        ("articleId", "a-1"),
        ("returnTo", "https://evil.example/phish"),
        (
            "correction",
            "The bridge opened in 1932, not in 1923 as written.",
        ),
    ]);
    let r = submit(&a, PUBLISHER, None, &elsewhere).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.header("location").is_empty());
    assert!(
        r.body.contains("Thank you") && r.body.contains("C-3"),
        "{}",
        r.body
    );
    assert!(!r.body.contains("evil.example"));
    // Nor a link there from the thank-you page.
    let phish = form(&[
        ("articleId", "a-1"),
        ("returnTo", "javascript:alert(1)"),
        ("pageUrl", "https://evil.example/login"),
        ("correction", "The school reopened in 2020, not in 2018."),
    ]);
    let r = submit(&a, PUBLISHER, None, &phish).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(!r.body.contains("evil.example"), "{}", r.body);
    // A way back with a control character in it is no way back: stored, and thanked here (it
    // was answered 500 after the store, the reader left not knowing).
    let control = form(&[
        ("articleId", "a-3"),
        ("returnTo", "https://news.example/a-3\u{1}x"),
        ("correction", "The mayor took office in 2019, not in 2021."),
    ]);
    let r = submit(&a, PUBLISHER, None, &control).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("Thank you"), "{}", r.body);
    assert_eq!(a.store.count().await.unwrap(), 5);
    // Non-ASCII in the way back is percent-encoded into the Location.
    let accents = form(&[
        ("articleId", "a-4"),
        ("returnTo", "https://news.example/café"),
        ("thanks", "aw-thanks-4"),
        ("correction", "The café opened in May, not in June."),
    ]);
    let r = submit(&a, PUBLISHER, None, &accents).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        r.header("location"),
        "https://news.example/caf%C3%A9#aw-thanks-4"
    );
    // The honeypot: a bot is sent back like a person, nothing stored.
    let bot = form(&[
        ("articleId", "a-1"),
        ("returnTo", "https://news.example/a-1"),
        ("thanks", "aw-thanks-1"),
        (
            "correction",
            "Buy cheap watches at our shop, best prices online.",
        ),
        ("website", "http://spam.example"),
    ]);
    let r = submit(&a, PUBLISHER, None, &bot).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(a.store.count().await.unwrap(), 6);
    // A page on another origin: refused, nothing stored.
    let r = submit(
        &a,
        "https://evil.example",
        None,
        &good.replace("212", "213"),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(a.store.count().await.unwrap(), 6);
    // The widget's fetch (Accept: application/json) keeps the JSON answers.
    assert_eq!(
        a.post_json(GOOD, Some("k")).await.status,
        StatusCode::CREATED
    );
}

pub async fn a_form_with_errors_comes_back_with_the_readers_text(url: &str) {
    let a = app(url, |_| {}).await;
    let short = form(&[
        ("articleId", "a-1"),
        ("headline", "Barrera <b>contra</b> inundaciones"),
        ("returnTo", "https://news.example/a-1"),
        ("thanks", "aw-thanks-es"),
        ("locale", "es"),
        ("quote", "costó 221 millones"),
        ("correction", "Costó <i>212</i>."),
        ("email", "no-es-un-correo"),
        ("name", "Lectora"),
        ("consentText", "Acepto que el diario me cite."),
        ("consent", "true"),
    ]);
    let r = submit(&a, PUBLISHER, None, &short).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.header("content-type").starts_with("text/html"));
    assert_eq!(a.store.count().await.unwrap(), 0);
    let b = &r.body;
    assert!(b.contains("lang=\"es\""), "in the reader's language");
    assert!(
        b.contains("Costó &lt;i&gt;212&lt;/i&gt;.</textarea>"),
        "the reader's text, as text: {b}"
    );
    assert!(b.contains("value=\"Lectora\"") && b.contains("costó 221 millones"));
    assert!(
        b.contains("name=\"thanks\" value=\"aw-thanks-es\""),
        "the page's thank-you id, carried for the way back: {b}"
    );
    assert!(b.contains("Escriba al menos"), "the error in Spanish: {b}");
    // The widget's consent box comes back with the publisher's words, as the reader left it.
    assert!(
        b.contains("type=\"checkbox\" name=\"consent\" value=\"true\" required checked")
            && b.contains("Acepto que el diario me cite."),
        "the consent box, ticked: {b}"
    );
    assert!(b.contains("aria-invalid=\"true\""));
    assert!(b.contains("role=\"alert\""), "a summary first");
    assert!(b.contains("name=\"articleId\" value=\"a-1\"") && b.contains("name=\"returnTo\""));
    assert!(!b.contains("<b>contra</b>"), "the envelope is escaped too");
    assert!(r
        .header("content-security-policy")
        .contains("form-action 'self' https://news.example"));
    // Fixed and sent again from that page (this server's own origin): stored, and back.
    let key = b
        .split("name=\"idempotencyKey\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_owned();
    let fixed = form(&[
        ("articleId", "a-1"),
        ("returnTo", "https://news.example/a-1"),
        ("thanks", "aw-thanks-es"),
        ("locale", "es"),
        ("idempotencyKey", &key),
        (
            "correction",
            "Costó 212 millones de dólares, no 221 millones.",
        ),
        ("email", "lectora@example.org"),
    ]);
    let r = submit(&a, ORIGIN, Some(HOST), &fixed).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        r.header("location"),
        "https://news.example/a-1#aw-thanks-es"
    );
    assert_eq!(a.store.count().await.unwrap(), 1);
    // Over the client's limit: the form again with the text and when to try, never lost.
    // (Another client than above: with PostgreSQL both servers share the counters.)
    let b2 = app(url, |c| {
        c.per_client_per_minute = 1;
        c.proxies = aw_server::proxies::Proxies::new(&["192.0.2.1"]).unwrap();
    })
    .await;
    let from_other = |body: String| {
        Request::post("/corrections")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, HTML)
            .header(header::ORIGIN, PUBLISHER)
            .header("x-forwarded-for", "198.51.100.77")
            .body(Body::from(body))
            .unwrap()
    };
    let first = form(&[
        ("articleId", "a-2"),
        ("correction", "The river is the Tees, not the Wear."),
    ]);
    assert_eq!(b2.send(from_other(first)).await.status, StatusCode::OK);
    let second = form(&[
        ("articleId", "a-3"),
        ("correction", "The mayor is Ann Lee, not Anne Leigh."),
    ]);
    let r = b2.send(from_other(second)).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(r
        .body
        .contains("The mayor is Ann Lee, not Anne Leigh.</textarea>"));
    assert!(!r.header("retry-after").is_empty());
}

/// The native form sent in place by the page's script (embed/article-widget-native.js): the
/// same form-encoded fields, `Accept: application/json` and an `Idempotency-Key`: JSON answers,
/// field errors in the form's language, a resend under the key a replay.
pub async fn the_native_form_sent_in_place_gets_json_in_its_language(url: &str) {
    let a = app(url, |_| {}).await;
    let post = |body: String, key: &str| {
        Request::post("/corrections")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            .header(header::ORIGIN, PUBLISHER)
            .header("idempotency-key", key)
            .body(Body::from(body))
            .unwrap()
    };
    let short = form(&[
        ("articleId", "a-1"),
        ("locale", "es"),
        ("correction", "Costó 212."),
        ("email", "no-es-un-correo"),
    ]);
    let r = a.send(post(short, "k-1")).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.header("content-type").starts_with("application/json"));
    let errors: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    let said = |k: &str| errors["errors"][k][0].as_str().unwrap_or("").to_owned();
    assert!(
        said("correction").starts_with("Escriba al menos"),
        "{}",
        r.body
    );
    assert!(!said("email").is_empty() && !said("email").contains("email address"));
    assert_eq!(a.store.count().await.unwrap(), 0);
    let good = form(&[
        ("articleId", "a-1"),
        ("locale", "es"),
        ("thanks", "aw-thanks-0123456789abcdef"),
        ("website", ""),
        (
            "correction",
            "Costó 212 millones de dólares, no 221 millones.",
        ),
    ]);
    let first = a.send(post(good.clone(), "k-2")).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
    assert!(first.body.contains("\"C-1\""), "{}", first.body);
    // The answer was lost and the reader pressed Send again (or reloaded): the same row.
    let again = a.send(post(good, "k-2")).await;
    assert_eq!(again.status, StatusCode::CREATED);
    assert_eq!(again.header("idempotent-replayed"), "true");
    assert_eq!(a.store.count().await.unwrap(), 1);
}
