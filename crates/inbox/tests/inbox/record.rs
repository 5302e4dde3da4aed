//! The public record (issue 19): other origins store nothing, what editors published is what
//! readers get, replays across reloads, and the same answers on both databases.

use super::*;

fn post(content_type: Option<&str>, origin: Option<&str>, body: &str) -> Request<Body> {
    let mut req = Request::post("/corrections");
    if let Some(t) = content_type {
        req = req.header(header::CONTENT_TYPE, t);
    }
    if let Some(o) = origin {
        req = req.header(header::ORIGIN, o);
    }
    req.body(Body::from(body.to_owned())).unwrap()
}

pub async fn browser_pages_on_other_origins_store_nothing(url: &str) {
    let a = app(url, |c| c.per_client_per_minute = 0).await;
    let form = "articleId=a-1&correction=The+cost+was+%24212+million%2C+not+%24221+million.";
    // Every body a page can send without a preflight, and JSON (which needs one) too.
    let bodies = [
        (Some("application/x-www-form-urlencoded"), form),
        (Some("text/plain;charset=UTF-8"), GOOD),
        (Some("multipart/form-data; boundary=x"), GOOD),
        (Some("application/json"), GOOD),
        (None, GOOD),
    ];
    for origin in [
        "https://evil.example",
        "null",
        "https://news.example.evil.example",
        "http://news.example",
    ] {
        for (content_type, body) in bodies {
            let r = a.send(post(content_type, Some(origin), body)).await;
            assert_eq!(
                r.status,
                StatusCode::FORBIDDEN,
                "{origin} {content_type:?}: {}",
                r.body
            );
        }
    }
    assert_eq!(a.store.count().await.unwrap(), 0, "nothing stored");
    // The publisher's pages (the origin compared without case), and servers or curl
    // (no Origin at all), may post.
    for origin in [Some(PUBLISHER), Some("HTTPS://NEWS.EXAMPLE"), None] {
        let r = a
            .send(post(
                Some("application/x-www-form-urlencoded"),
                origin,
                form,
            ))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{origin:?}: {}", r.body);
    }
    assert_eq!(a.store.count().await.unwrap(), 3);
}

pub async fn the_public_record_is_what_editors_published(url: &str) {
    let a = app(url, |c| c.per_client_per_minute = 0).await;
    let spoof = |correction: &str| {
        serde_json::json!({
            "articleId": "a-1",
            "headline": "</script><script>alert(document.domain)</script>",
            "articleUrl": "https://evil.example/phish",
            "correction": correction,
        })
        .to_string()
    };
    let r = a
        .post_json(&spoof("The cost was $212 million, not $221 million."), None)
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let feed = a.get("/articles/a-1/corrections", None).await;
    assert_eq!(
        feed.json()["headline"],
        "a-1",
        "an unreviewed headline never reaches the feed"
    );
    assert!(
        feed.json().get("url").is_none(),
        "nor an unreviewed URL: {}",
        feed.body
    );
    assert!(!feed.body.contains("evil.example") && !feed.body.contains('<'));

    // The editor accepts it, confirming the headline and URL (the form proposes the
    // reader's, as text, and says they must be checked).
    let (cookie, csrf) = a.login().await;
    let page = a.get("/inbox/corrections/1", Some(&cookie)).await;
    assert!(
        page.body.contains("anyone can spoof"),
        "the editor is told to check them"
    );
    assert!(page.body.contains("value=\"https://evil.example/phish\""));
    let headline = "Flood barrier holds <for now> & costs less";
    let accept = |text: &str| {
        format!(
            "csrf={csrf}&status=accepted&published_on=2026-11-30&published_text={}&headline={}&article_url={}",
            enc(text),
            enc(headline),
            enc("https://news.example/a-1")
        )
    };
    let ok = a
        .post_form(
            "/inbox/corrections/1/status",
            Some(&cookie),
            Some(ORIGIN),
            &accept("It cost $212 million."),
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    // A bad URL is refused.
    a.post_json(
        &spoof("The bridge opened in 1932, not in 1923 as written."),
        None,
    )
    .await;
    let bad = a
        .post_form(
            "/inbox/corrections/2/status",
            Some(&cookie),
            Some(ORIGIN),
            &format!("csrf={csrf}&status=accepted&published_on=2026-11-30&published_text=x&headline=h&article_url={}", enc("javascript:alert(1)")),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let no_headline = a
        .post_form(
            "/inbox/corrections/2/status",
            Some(&cookie),
            Some(ORIGIN),
            &format!(
                "csrf={csrf}&status=accepted&published_on=2026-11-30&published_text=x&headline=+"
            ),
        )
        .await;
    assert_eq!(no_headline.status, StatusCode::UNPROCESSABLE_ENTITY);
    // The second correction's page proposes the confirmed record, not the reader's.
    let page = a.get("/inbox/corrections/2", Some(&cookie)).await;
    assert!(
        page.body.contains("value=\"https://news.example/a-1\""),
        "the confirmed URL is proposed"
    );

    let feed = a.get("/articles/a-1/corrections", None).await;
    let doc = feed.json();
    assert_eq!(doc["headline"], headline, "the editor's headline");
    assert_eq!(doc["url"], "https://news.example/a-1", "the editor's URL");
    assert!(
        !feed.body.contains('<') && !feed.body.contains('>') && !feed.body.contains('&'),
        "safe to inline in a <script>: {}",
        feed.body
    );
    assert!(
        feed.body.contains("\\u003cfor now\\u003e \\u0026"),
        "{}",
        feed.body
    );
    // Later spoofed submissions change nothing the public reads.
    a.post_json(
        &spoof("The river is the Tees, not the Wear, as written."),
        None,
    )
    .await;
    let again = a.get("/articles/a-1/corrections", None).await;
    assert_eq!(again.body, feed.body);
    assert_eq!(again.header("x-content-type-options"), "nosniff");
}

pub async fn a_correction_resent_after_a_reload_is_a_replay(url: &str) {
    let a = app(url, |_| {}).await;
    let sent = |submitted_at: &str, page: &str, headline: &str, correction: &str| {
        serde_json::json!({
            "articleId": "a-1", "articleUrl": "https://news.example/a-1", "headline": headline,
            "quote": "cost $221 million", "correction": correction, "name": "R. Reader",
            "locale": "en-GB", "submittedAt": submitted_at, "pageUrl": page,
        })
        .to_string()
    };
    let text = "The cost was $212 million, not $221 million.";
    let first = a
        .post_json(
            &sent(
                "2026-11-28T09:41:07.512Z",
                "https://news.example/a-1",
                "Flood barrier holds",
                text,
            ),
            Some("k-reload"),
        )
        .await;
    assert_eq!(first.status, StatusCode::CREATED);
    // The answer was lost; the reader reloads (a new clock reading, the page reached from
    // another link, the headline since edited) and sends the restored draft again.
    let again = a
        .post_json(
            &sent(
                "2026-11-28T09:52:00.000Z",
                "https://news.example/amp/a-1",
                "Flood barrier holds, for now",
                text,
            ),
            Some("k-reload"),
        )
        .await;
    assert_eq!(
        again.status,
        StatusCode::CREATED,
        "a replay, not a refusal: {}",
        again.body
    );
    assert_eq!(again.json(), first.json(), "the first id");
    assert_eq!(again.header("idempotent-replayed"), "true");
    // What the reader wrote is the correction: changed, the key is refused.
    let changed = a
        .post_json(
            &sent(
                "2026-11-28T09:41:07.512Z",
                "https://news.example/a-1",
                "Flood barrier holds",
                "The cost was $213 million, not $221 million.",
            ),
            Some("k-reload"),
        )
        .await;
    assert_eq!(changed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(a.store.count().await.unwrap(), 1);
}

pub async fn fields_are_capped_and_nul_free_on_both_databases(url: &str) {
    let a = app(url, |c| c.per_client_per_minute = 0).await;
    let long_id = "x".repeat(3000);
    let cases: Vec<(String, &str)> = vec![
        (serde_json::json!({"articleId": long_id, "correction": "The cost was $212 million, really."}).to_string(), "articleId"),
        (serde_json::json!({"articleId": "a\u{0}1", "correction": "The cost was $212 million, really."}).to_string(), "articleId"),
        (serde_json::json!({"articleId": "a-1", "correction": "The cost was \u{0} $212 million, really."}).to_string(), "correction"),
        (serde_json::json!({"articleId": "a-1", "headline": "h".repeat(1001), "correction": "The cost was $212 million, really."}).to_string(), "headline"),
        (serde_json::json!({"articleId": "a-1", "locale": "en-".repeat(20), "correction": "The cost was $212 million, really."}).to_string(), "locale"),
        (serde_json::json!({"articleId": "a-1", "pageUrl": format!("https://n.example/{}", "p".repeat(2000)), "correction": "The cost was $212 million, really."}).to_string(), "pageUrl"),
        (serde_json::json!({"articleId": "a-1", "name": "n\u{0}", "correction": "The cost was $212 million, really."}).to_string(), "name"),
    ];
    for (body, field) in &cases {
        let r = a.post_json(body, None).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field}: {}",
            r.body
        );
        assert!(
            r.json()["errors"][field][0].is_string(),
            "{field}: {}",
            r.body
        );
    }
    // Form-encoded, as a page's <form> sends it.
    let r = a
        .send(post(
            Some("application/x-www-form-urlencoded"),
            None,
            "articleId=a%001&correction=The+cost+was+%24212+million%2C+really.",
        ))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(a.store.count().await.unwrap(), 0);
    // At the caps exactly: stored.
    let at_caps = serde_json::json!({"articleId": "i".repeat(2000), "headline": "h".repeat(1000), "locale": "l".repeat(35), "correction": "c".repeat(3000)}).to_string();
    let r = a.post_json(&at_caps, None).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
}

/// A NUL, in any spelling, at every door that is not the intake's fields (those are above):
/// the feed's path, the form's idempotency key, the login, the filters, a note; and lengths in
/// bytes. Each was a 503 and a log line on PostgreSQL.
pub async fn nul_and_length_are_refused_at_every_door(url: &str) {
    let a = app(url, |c| c.per_client_per_minute = 0).await;
    let feed = a.get("/articles/a%001/corrections", None).await;
    assert_eq!(feed.status, StatusCode::BAD_REQUEST, "{}", feed.body);
    let long = a
        .get(&format!("/articles/{}/corrections", "x".repeat(5000)), None)
        .await;
    assert_eq!(long.status, StatusCode::URI_TOO_LONG);
    // The page form's own idempotency key with a NUL is no key: one is derived, and it stores.
    let r = a
        .send(
            Request::post("/corrections")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::ACCEPT, "text/html")
                .header(header::ORIGIN, PUBLISHER)
                .body(Body::from(
                    "articleId=a-1&idempotencyKey=k%00&correction=The+cost+was+%24212+million%2C+really.",
                ))
                .unwrap(),
        )
        .await;
    // (No page to go back to: the thank-you page.)
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("C-1"), "{}", r.body);
    assert_eq!(a.store.count().await.unwrap(), 1);
    let login = a
        .post_form(
            "/inbox/login",
            None,
            Some(ORIGIN),
            &format!("email=ed%00%40example.org&password={}", enc(PASSWORD)),
        )
        .await;
    assert_eq!(login.status, StatusCode::BAD_REQUEST, "{}", login.body);
    let (cookie, csrf) = a.login().await;
    for path in [
        "/inbox?article=a%001",
        "/inbox?q=%00",
        "/inbox/export.csv?status=%00",
    ] {
        let r = a.get(path, Some(&cookie)).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{path}: {}", r.body);
    }
    let id = a.get("/inbox", Some(&cookie)).await.body;
    let id = id
        .split("/inbox/corrections/")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_owned();
    let note = a
        .post_form(
            &format!("/inbox/corrections/{id}/notes"),
            Some(&cookie),
            Some(ORIGIN),
            &format!("csrf={csrf}&note=a%00b"),
        )
        .await;
    assert_eq!(note.status, StatusCode::BAD_REQUEST, "{}", note.body);
    // 2,000 characters of three bytes each: over the byte cap (an index entry's limit).
    let wide = serde_json::json!({"articleId": "€".repeat(2000), "correction": "The cost was $212 million, really."}).to_string();
    let r = a.post_json(&wide, None).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.json()["errors"]["articleId"][0].is_string());
}

pub async fn search_folds_case_in_every_language(url: &str) {
    let a = app(url, |c| c.per_client_per_minute = 0).await;
    for text in [
        "L'École publique ouvre en septembre, pas en octobre.",
        "Der Ärger begann im März, nicht im Mai, wie berichtet.",
        "Встреча прошла в Москве, а не в Казани, как написано.",
        "The bridge opened in 1932, not in 1923 as written.",
    ] {
        let body = serde_json::json!({ "articleId": "a-1", "correction": text }).to_string();
        assert_eq!(a.post_json(&body, None).await.status, StatusCode::CREATED);
    }
    let (cookie, _) = a.login().await;
    let count = |body: &str| body.split("<li class=\"card\">").count() - 1;
    for (q, n) in [
        ("école", 1),
        ("ÉCOLE", 1),
        ("ärger MÄRZ", 1),
        ("МОСКВЕ", 1),
        ("москве", 1),
        ("BRIDGE", 1),
        ("ecole", 0),
    ] {
        let page = a.get(&format!("/inbox?q={}", enc(q)), Some(&cookie)).await;
        assert_eq!(count(&page.body), n, "search {q:?}");
    }
}

pub async fn page_numbers_are_bounded(url: &str) {
    let a = app(url, |_| {}).await;
    a.post_json(GOOD, None).await;
    let (cookie, _) = a.login().await;
    for page in [
        "99999999999999999999999",
        "9223372036854775807",
        "-9223372036854775808",
        "0",
        "abc",
        "1",
    ] {
        let r = a.get(&format!("/inbox?page={page}"), Some(&cookie)).await;
        assert_eq!(r.status, StatusCode::OK, "page={page}: {}", r.body);
    }
    let last = a
        .get("/inbox?page=9223372036854775807", Some(&cookie))
        .await;
    assert!(
        !last.body.contains("href=\"/inbox/corrections/1\""),
        "past the last page: no rows"
    );
    let first = a.get("/inbox?page=-3", Some(&cookie)).await;
    assert!(
        first.body.contains("C-1"),
        "below the first page is the first page"
    );
}

pub async fn a_new_password_or_a_removal_ends_sessions(url: &str) {
    let a = app(url, |_| {}).await;
    let (cookie, _) = a.login().await;
    assert_eq!(a.get("/inbox", Some(&cookie)).await.status, StatusCode::OK);
    // add-editor with a new password (the command line's store call).
    a.store
        .upsert_editor(
            "ed@example.org",
            "Ed Itor",
            &hash_password(PASSWORD).unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(
        a.get("/inbox", Some(&cookie)).await.status,
        StatusCode::SEE_OTHER,
        "the old session ended"
    );
    let (cookie, _) = a.login().await;
    assert!(a.store.remove_editor("ed@example.org").await.unwrap());
    assert!(!a.store.remove_editor("nobody@example.org").await.unwrap());
    assert_eq!(
        a.get("/inbox", Some(&cookie)).await.status,
        StatusCode::SEE_OTHER,
        "removed: the session ended"
    );
    let r = a
        .post_form(
            "/inbox/login",
            None,
            Some(ORIGIN),
            &format!("email=ed%40example.org&password={}", enc(PASSWORD)),
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::UNAUTHORIZED,
        "a removed editor cannot log in"
    );
    // Restored by add-editor.
    a.store
        .upsert_editor(
            "ed@example.org",
            "Ed Itor",
            &hash_password(PASSWORD).unwrap(),
        )
        .await
        .unwrap();
    a.login().await;
}

pub async fn every_answer_says_nosniff(url: &str) {
    let a = app(url, |_| {}).await;
    let created = a.post_json(GOOD, None).await;
    let refused = a.post_json("{", None).await;
    for (what, r) in [
        ("201", created),
        ("400", refused),
        ("feed", a.get("/articles/a-1/corrections", None).await),
        ("healthz", a.get("/healthz", None).await),
        ("login", a.get("/inbox/login", None).await),
        ("404", a.get("/nothing-here", None).await),
    ] {
        assert_eq!(r.header("x-content-type-options"), "nosniff", "{what}");
    }
}
