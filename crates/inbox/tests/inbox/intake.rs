//! The intake: the widget's contract, idempotency and rate limits, allowed origins, hostile
//! text stored and shown as text, and published corrections read back by article.

use super::*;

pub async fn intake_keeps_the_widgets_contract(url: &str) {
    let a = app(url, |_| {}).await;
    let r = a.post_json(GOOD, Some("k-1")).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id = r.json()["id"].as_str().unwrap().to_owned();
    assert!(id.starts_with("C-"));
    let stored = a
        .store
        .get(id[2..].parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        stored.sub.correction,
        "The cost was $212 million, not $221 million."
    );
    assert_eq!(stored.sub.article_url, "https://news.example/a-1");

    // Form-encoded, as an HTML form (or data-correction-encoding="form") sends it.
    let form = Request::post("/corrections")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(
            "articleId=a-2&correction=The+river+is+the+Tees%2C+not+the+Wear+%E2%82%AC.",
        ))
        .unwrap();
    let r = a.send(form).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let stored = a
        .store
        .get(r.json()["id"].as_str().unwrap()[2..].parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        stored.sub.correction,
        "The river is the Tees, not the Wear \u{20ac}."
    );

    // Field errors in the shape the widget reads, keyed as it names its fields.
    let r = a
        .post_json(r#"{"articleId":"a-1","correction":"short","email":"x","sourceUrl":"javascript:alert(1)"}"#, None)
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let errors = &r.json()["errors"];
    for key in ["correction", "email", "sourceUrl"] {
        assert!(errors[key][0].is_string(), "{key}: {}", r.body);
    }
    let r = a
        .post_json(
            r#"{"correction":"The cost was $212 million, not $221 million."}"#,
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.json()["errors"]["articleId"].is_array());

    // Bad bodies: a clear 4xx, nothing stored.
    assert_eq!(
        a.post_json("[1,2]", None).await.status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        a.post_json("{not json", None).await.status,
        StatusCode::BAD_REQUEST
    );
    let xml = Request::post("/corrections")
        .header(header::CONTENT_TYPE, "application/xml")
        .body(Body::from("<c/>"))
        .unwrap();
    assert_eq!(a.send(xml).await.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let huge = format!(
        r#"{{"articleId":"a","correction":"{}"}}"#,
        "x".repeat(70 * 1024)
    );
    assert_eq!(
        a.post_json(&huge, None).await.status,
        StatusCode::PAYLOAD_TOO_LARGE
    );

    // The honeypot: a bot hears "created", nothing is stored.
    let before = a.store.count().await.unwrap();
    let bot = GOOD.replacen('{', r#"{"website":"http://spam.example","#, 1);
    let r = a.post_json(&bot, None).await;
    assert_eq!(r.status, StatusCode::CREATED);
    assert_eq!(a.store.count().await.unwrap(), before);
    assert_eq!(before, 2);
}

pub async fn idempotency_and_rate_limits(url: &str) {
    let a = app(url, |c| c.per_client_per_minute = 3).await;
    let first = a.post_json(GOOD, Some("same")).await;
    assert_eq!(first.status, StatusCode::CREATED);
    let again = a.post_json(GOOD, Some("same")).await;
    assert_eq!(again.status, StatusCode::CREATED);
    assert_eq!(again.json(), first.json(), "the first answer again");
    assert_eq!(again.header("idempotent-replayed"), "true");
    let other = GOOD.replace("$212", "$213");
    let refused = a.post_json(&other, Some("same")).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.json()["message"]
        .as_str()
        .unwrap()
        .contains("Idempotency-Key"));
    assert_eq!(a.store.count().await.unwrap(), 1, "stored once");

    assert_eq!(
        a.post_json(&other, Some("k2")).await.status,
        StatusCode::CREATED
    );
    assert_eq!(
        a.post_json(&GOOD.replace("$212", "$214"), Some("k3"))
            .await
            .status,
        StatusCode::CREATED
    );
    let limited = a.post_json(&GOOD.replace("$212", "$215"), Some("k4")).await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = limited.header("retry-after").parse().unwrap();
    assert!((1..=60).contains(&wait));
    // A retry of a stored correction is still answered: it stores nothing.
    assert_eq!(
        a.post_json(GOOD, Some("same")).await.status,
        StatusCode::CREATED
    );
    assert_eq!(a.store.count().await.unwrap(), 3);
}

pub async fn cors_allows_the_configured_publishers_only(url: &str) {
    let a = app(url, |_| {}).await;
    let preflight = |origin: &str| {
        Request::builder()
            .method("OPTIONS")
            .uri("/corrections")
            .header(header::ORIGIN, origin)
            .header("access-control-request-method", "POST")
            .header(
                "access-control-request-headers",
                "content-type,idempotency-key",
            )
            .body(Body::empty())
            .unwrap()
    };
    let ok = a.send(preflight(PUBLISHER)).await;
    assert_eq!(ok.header("access-control-allow-origin"), PUBLISHER);
    assert!(ok
        .header("access-control-allow-headers")
        .contains("idempotency-key"));
    let evil = a.send(preflight("https://evil.example")).await;
    assert_eq!(evil.header("access-control-allow-origin"), "");
    let local = a.send(preflight("http://127.0.0.1:8080")).await;
    assert_eq!(
        local.header("access-control-allow-origin"),
        "",
        "loopback only with --dev"
    );
    // The development routes do not exist outside --dev.
    assert_eq!(
        a.get("/__requests", None).await.status,
        StatusCode::NOT_FOUND
    );
    // Published corrections are public.
    let public = a
        .send(
            Request::get("/articles/a-1/corrections")
                .header(header::ORIGIN, "https://any.example")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(public.header("access-control-allow-origin"), "*");
}

pub async fn markup_and_sql_are_stored_and_shown_as_text(url: &str) {
    let a = app(url, |_| {}).await;
    let evil = "<script>alert(1)</script><img src=x onerror=alert(2)>'; DROP TABLE corrections; --";
    let body = serde_json::json!({
        "articleId": format!("a-1' OR '1'='1{evil}"),
        "articleUrl": "javascript:alert(3)",
        "headline": evil,
        "quote": evil,
        "correction": format!("{evil} and the cost was $212 million."),
        "sourceUrl": "https://example.org/?q=<b>",
        "name": evil,
        "locale": "<i>en</i>",
    })
    .to_string();
    let r = a.post_json(&body, None).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let stored = a.store.get(1).await.unwrap().unwrap();
    assert_eq!(stored.sub.headline, evil, "stored exactly as sent");
    let (cookie, _) = a.login().await;
    for path in [
        "/inbox",
        "/inbox/corrections/1",
        &format!("/inbox?q={}", enc("DROP TABLE")),
    ] {
        let page = a.get(path, Some(&cookie)).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(
            !page.body.contains("<script>alert") && !page.body.contains("<img src=x"),
            "{path}"
        );
        assert!(
            page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{path} shows it as text"
        );
    }
    let detail = a.get("/inbox/corrections/1", Some(&cookie)).await;
    assert!(
        !detail.body.contains("href=\"javascript:"),
        "no script URL becomes a link"
    );
    let search = a
        .get(&format!("/inbox?q={}", enc("' OR 1=1 --")), Some(&cookie))
        .await;
    assert_eq!(search.status, StatusCode::OK);
    assert!(
        search.body.contains("0 corrections"),
        "a search is a search, not SQL"
    );
    let pct = a
        .get(&format!("/inbox?q={}", enc("%")), Some(&cookie))
        .await;
    assert!(
        pct.body.contains("0 corrections"),
        "% is a character, not a wildcard"
    );
    assert_eq!(
        a.store.count().await.unwrap(),
        1,
        "the table is still there"
    );
}

/// A Yoast-shaped article (tests/fixtures/yoast-graph.json) has no `id`: the widget keys it
/// by its URL. The key the form sends and the path `data-corrections-src` builds from it
/// (percent-encoded) must meet at the same stored article.
pub async fn published_corrections_reach_an_article_keyed_by_its_url(url: &str) {
    let a = app(url, |_| {}).await;
    let fixture = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/yoast-graph.json"
    ))
    .unwrap();
    let article = aw_core::parse::parse_str(&fixture).unwrap();
    let key = aw_core::model::article_key(&article);
    assert!(key.starts_with("http"), "keyed by its URL: {key}");
    let body = serde_json::json!({
        "articleId": key,
        "correction": "The barrier opened in 2019, not in 2018.",
    })
    .to_string();
    assert_eq!(a.post_json(&body, None).await.status, StatusCode::CREATED);
    let (cookie, csrf) = a.login().await;
    let text = "An earlier version gave the wrong opening year.";
    let ok = a
        .post_form(
            "/inbox/corrections/1/status",
            Some(&cookie),
            Some(ORIGIN),
            &format!(
                "csrf={csrf}&status=accepted&published_on=2026-11-30&published_text={}\
                 &headline={}",
                enc(text),
                enc(&article.headline)
            ),
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let path = article.corrections_src("/articles/{id}/corrections");
    let doc = a.get(&path, None).await;
    assert_eq!(doc.status, StatusCode::OK, "{path}");
    let parsed = aw_core::parse::parse_str(&doc.body).unwrap();
    let texts: Vec<&str> = parsed.corrections.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(texts, [text], "{path}");
}
