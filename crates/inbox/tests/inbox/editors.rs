//! The editors' side: every inbox route behind a session and a CSRF token, slowed-down wrong
//! passwords, triage that publishes, filters and the CSV export.

use super::*;

/// Walks the inbox's own route table: every route refuses without a session (a page
/// redirects to the login, a change is 401), and every change refuses without the CSRF
/// token or from another site — so a route added later cannot be forgotten.
pub async fn every_inbox_route_refuses_without_a_session(url: &str) {
    let a = app(url, |_| {}).await;
    a.post_json(GOOD, None).await;
    let routes = aw_server::inbox::protected_routes();
    assert!(routes.len() >= 6, "the table lists the inbox's routes");
    let (cookie, csrf) = a.login().await;
    for (method, path, _) in routes {
        let path = format!("/inbox{}", path.replace("{id}", "1"));
        let path = path.trim_end_matches('/').to_owned();
        let request = |cookie: Option<&str>, origin: Option<&str>, body: String| {
            let mut req = Request::builder()
                .method(method.clone())
                .uri(&path)
                .header(header::HOST, HOST)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
            if let Some(c) = cookie {
                req = req.header(header::COOKIE, c);
            }
            if let Some(o) = origin {
                req = req.header(header::ORIGIN, o);
            }
            req.body(Body::from(body)).unwrap()
        };
        let body = "status=accepted&published_text=x&published_on=2026-11-30&headline=h&body=x";
        for cookie in [None, Some(format!("__Host-aw_session={}", "0".repeat(64)))] {
            let r = a
                .send(request(cookie.as_deref(), Some(ORIGIN), body.into()))
                .await;
            if method == Method::GET {
                assert_eq!(r.status, StatusCode::SEE_OTHER, "{method} {path}");
                assert_eq!(r.header("location"), "/inbox/login");
            } else {
                assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{method} {path}");
            }
            assert!(!r.body.contains("212 million"), "{path} shows nothing");
        }
        if method != Method::GET {
            let no_token = a
                .send(request(Some(&cookie), Some(ORIGIN), body.into()))
                .await;
            assert_eq!(
                no_token.status,
                StatusCode::FORBIDDEN,
                "{method} {path} without the token"
            );
            let wrong = a
                .send(request(
                    Some(&cookie),
                    Some(ORIGIN),
                    format!("{body}&csrf={}", "a".repeat(64)),
                ))
                .await;
            assert_eq!(
                wrong.status,
                StatusCode::FORBIDDEN,
                "{method} {path} with another token"
            );
            let cross = a
                .send(request(
                    Some(&cookie),
                    Some("https://evil.example"),
                    format!("{body}&csrf={csrf}"),
                ))
                .await;
            assert_eq!(
                cross.status,
                StatusCode::FORBIDDEN,
                "{method} {path} from another site"
            );
        }
    }
    assert_eq!(a.store.get(1).await.unwrap().unwrap().status.key(), "new");
    assert_eq!(
        a.get("/inbox", Some(&cookie)).await.status,
        StatusCode::OK,
        "still logged in"
    );
    let login = a.get("/inbox/login", None).await;
    assert_eq!(login.status, StatusCode::OK);
    assert!(login
        .header("content-security-policy")
        .contains("default-src 'none'"));
    assert_eq!(login.header("x-frame-options"), "DENY");
}

pub async fn forged_and_token_less_changes_are_refused(url: &str) {
    let a = app(url, |_| {}).await;
    a.post_json(GOOD, None).await;
    let (cookie, csrf) = a.login().await;
    let path = "/inbox/corrections/1/status";
    let no_token = a
        .post_form(path, Some(&cookie), Some(ORIGIN), "status=rejected")
        .await;
    assert_eq!(no_token.status, StatusCode::FORBIDDEN);
    let wrong = a
        .post_form(
            path,
            Some(&cookie),
            Some(ORIGIN),
            &format!("status=rejected&csrf={}", "a".repeat(64)),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    let cross_site = a
        .post_form(
            path,
            Some(&cookie),
            Some("https://evil.example"),
            &format!("status=rejected&csrf={csrf}"),
        )
        .await;
    assert_eq!(
        cross_site.status,
        StatusCode::FORBIDDEN,
        "a forged cross-site POST"
    );
    let login_elsewhere = a
        .post_form(
            "/inbox/login",
            None,
            Some("https://evil.example"),
            "email=ed%40example.org&password=x",
        )
        .await;
    assert_eq!(login_elsewhere.status, StatusCode::FORBIDDEN, "login CSRF");
    assert_eq!(a.store.get(1).await.unwrap().unwrap().status.key(), "new");
    let ok = a
        .post_form(
            path,
            Some(&cookie),
            Some(ORIGIN),
            &format!("status=rejected&csrf={csrf}"),
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    assert_eq!(
        a.store.get(1).await.unwrap().unwrap().status.key(),
        "rejected"
    );
    // Logging out ends the session on the server, not just in the browser.
    let out = a
        .post_form(
            "/inbox/logout",
            Some(&cookie),
            Some(ORIGIN),
            &format!("csrf={csrf}"),
        )
        .await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert_eq!(
        a.get("/inbox", Some(&cookie)).await.status,
        StatusCode::SEE_OTHER
    );
}

pub async fn wrong_passwords_are_slowed_down(url: &str) {
    let a = app(url, |_| {}).await;
    let a = &a;
    let attempt = |password: &str| {
        let form = format!("email=ed%40example.org&password={}", enc(password));
        async move { a.post_form("/inbox/login", None, Some(ORIGIN), &form).await }
    };
    let mut statuses = Vec::new();
    for _ in 0..10 {
        statuses.push(attempt("wrong password").await.status);
    }
    assert!(
        statuses[..5].iter().all(|s| *s == StatusCode::UNAUTHORIZED),
        "{statuses:?}"
    );
    assert!(
        statuses[5..].contains(&StatusCode::TOO_MANY_REQUESTS),
        "{statuses:?}"
    );
    let blocked = attempt(PASSWORD).await;
    assert_eq!(
        blocked.status,
        StatusCode::TOO_MANY_REQUESTS,
        "even the right password waits"
    );
    assert!(blocked.header("retry-after").parse::<u64>().unwrap() >= 1);
    assert!(blocked.header("set-cookie").is_empty());
    // An unknown account is refused exactly as a wrong password is (no hint which accounts
    // exist): from an address with no failures yet, so no wait decides the answer (on
    // PostgreSQL the throttle above is in the database, shared by any server on it).
    let b = app(url, |c| {
        c.proxies = aw_server::proxies::Proxies::new(&["192.0.2.1"]).unwrap()
    })
    .await;
    let fresh = |form: &'static str| {
        Request::post("/inbox/login")
            .header(header::HOST, HOST)
            .header(header::ORIGIN, ORIGIN)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header("x-forwarded-for", "198.51.100.222")
            .body(Body::from(form))
            .unwrap()
    };
    let wrong = b.send(fresh("email=ed%40example.org&password=x")).await;
    let unknown = b.send(fresh("email=nobody%40example.org&password=x")).await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        unknown.body.replace("nobody@example.org", "ed@example.org"),
        wrong.body,
        "the same page"
    );
}

pub async fn triage_publishes_corrections_back_to_readers(url: &str) {
    let a = app(url, |_| {}).await;
    a.post_json(GOOD, None).await;
    let (cookie, csrf) = a.login().await;
    let path = "/inbox/corrections/1/status";
    let review = a
        .post_form(
            path,
            Some(&cookie),
            Some(ORIGIN),
            &format!("csrf={csrf}&status=in_review"),
        )
        .await;
    assert_eq!(review.status, StatusCode::SEE_OTHER);
    let note = a
        .post_form(
            "/inbox/corrections/1/notes",
            Some(&cookie),
            Some(ORIGIN),
            &format!("csrf={csrf}&body=Checked+the+budget+papers."),
        )
        .await;
    assert_eq!(note.status, StatusCode::SEE_OTHER);
    // Accepting asks for the published text and date.
    let bare = a
        .post_form(
            path,
            Some(&cookie),
            Some(ORIGIN),
            &format!("csrf={csrf}&status=accepted&published_on=2026-11-30"),
        )
        .await;
    assert_eq!(bare.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bare.body.contains("role=\"alert\""));
    let text = "An earlier version gave the cost as $221 million. It is $212 million.";
    let ok = a
        .post_form(
            path,
            Some(&cookie),
            Some(ORIGIN),
            &format!(
                "csrf={csrf}&status=accepted&published_on=2026-11-30&published_text={}\
                 &headline=Flood+barrier+holds&article_url={}",
                enc(text),
                enc("https://news.example/a-1")
            ),
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let page = a.get("/inbox/corrections/1", Some(&cookie)).await;
    assert!(page.body.contains("Checked the budget papers.") && page.body.contains("Ed Itor"));
    assert!(
        page.body.contains("Status: Accepted"),
        "the change is on the record"
    );

    let public = a.get("/articles/a-1/corrections", None).await;
    assert_eq!(public.status, StatusCode::OK);
    assert!(public
        .header("content-type")
        .starts_with("application/ld+json"));
    assert!(
        public.header("cache-control").contains("max-age=0"),
        "browsers revalidate: a reload shows a new correction at once"
    );
    let doc = public.json();
    assert_eq!(doc["@context"], "https://schema.org");
    assert_eq!(doc["url"], "https://news.example/a-1");
    assert_eq!(doc["correction"][0]["@type"], "CorrectionComment");
    assert_eq!(doc["correction"][0]["text"], text);
    assert_eq!(doc["correction"][0]["datePublished"], "2026-11-30");
    // The widget reads it with its article parser (data-corrections-src).
    let parsed = aw_core::parse::parse_str(&public.body).unwrap();
    assert_eq!(parsed.corrections.len(), 1);
    assert_eq!(parsed.corrections[0].text, text);
    assert_eq!(parsed.corrections[0].date.as_deref(), Some("2026-11-30"));
    let etag = public.header("etag").to_owned();
    let cached = a
        .send(
            Request::get("/articles/a-1/corrections")
                .header(header::IF_NONE_MATCH, &etag)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(cached.status, StatusCode::NOT_MODIFIED);
    let none = a.get("/articles/other/corrections", None).await;
    assert_eq!(none.json()["correction"], serde_json::json!([]));
    let parsed = aw_core::parse::parse_str(&none.body).unwrap();
    assert!(
        parsed.corrections.is_empty(),
        "no correction yet still parses: no console error"
    );
    // Rejecting it again takes it off the public list.
    a.post_form(
        path,
        Some(&cookie),
        Some(ORIGIN),
        &format!("csrf={csrf}&status=rejected"),
    )
    .await;
    assert_eq!(
        a.get("/articles/a-1/corrections", None).await.json()["correction"],
        serde_json::json!([])
    );
}

pub async fn filters_and_export(url: &str) {
    let a = app(url, |c| c.per_client_per_minute = 0).await;
    for (article, text) in [
        ("a-1", "The cost was $212 million, not $221 million."),
        (
            "a-2",
            "=HYPERLINK(\"http://evil.example\") is what the mayor said",
        ),
        ("a-2", "The bridge opened in 1932, not in 1923 as written."),
    ] {
        let body = serde_json::json!({ "articleId": article, "correction": text }).to_string();
        assert_eq!(a.post_json(&body, None).await.status, StatusCode::CREATED);
    }
    let (cookie, csrf) = a.login().await;
    a.post_form(
        "/inbox/corrections/3/status",
        Some(&cookie),
        Some(ORIGIN),
        &format!("csrf={csrf}&status=duplicate&duplicate_of=C-2"),
    )
    .await;
    let count = |body: &str| body.split("<li class=\"card\">").count() - 1;
    let all = a.get("/inbox", Some(&cookie)).await;
    assert_eq!(count(&all.body), 3);
    assert!(
        all.body.find("C-3").unwrap() < all.body.find("C-1").unwrap(),
        "newest first"
    );
    assert_eq!(
        count(&a.get("/inbox?status=duplicate", Some(&cookie)).await.body),
        1
    );
    assert_eq!(
        count(&a.get("/inbox?article=a-2", Some(&cookie)).await.body),
        2
    );
    assert_eq!(
        count(&a.get("/inbox?q=BRIDGE+1932", Some(&cookie)).await.body),
        1
    );
    assert_eq!(
        count(
            &a.get("/inbox?from=2000-01-01&to=2000-01-02", Some(&cookie))
                .await
                .body
        ),
        0
    );
    let today = aw_server::inbox::views::today();
    assert_eq!(
        count(
            &a.get(&format!("/inbox?from={today}&to={today}"), Some(&cookie))
                .await
                .body
        ),
        3
    );

    let csv = a.get("/inbox/export.csv?article=a-2", Some(&cookie)).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.header("content-type").starts_with("text/csv"));
    assert!(csv.header("content-disposition").contains("attachment"));
    let mut reader = csv::Reader::from_reader(csv.body.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    let correction_col = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "correction")
        .unwrap();
    assert!(
        rows.iter()
            .any(|r| r[correction_col].starts_with("'=HYPERLINK")),
        "no formula runs in a spreadsheet"
    );
    assert!(rows.iter().any(|r| &r[2] == "duplicate" && &r[14] == "C-2"));
}

/// `--public-origin`: a page on a rebinding domain (its name resolving to the inbox's address)
/// sends its own name as `Host` and `Origin`, which agree with each other, so comparing the two
/// lets it log in and act; with the public origin configured, only the inbox's exact origin
/// (scheme, host and port) and host are.
pub async fn a_rebinding_page_cannot_act_as_the_inbox(url: &str) {
    let a = app(url, |c| c.public_origin = Some("https://inbox.test".into())).await;
    let login = |host: &str, origin: &str| {
        Request::post("/inbox/login")
            .header(header::HOST, host)
            .header(header::ORIGIN, origin)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(format!(
                "email=ed%40example.org&password={}",
                enc(PASSWORD)
            )))
            .unwrap()
    };
    for (host, origin, why) in [
        (
            "attacker.example",
            "http://attacker.example",
            "a rebinding page",
        ),
        (
            "inbox.test",
            "http://inbox.test",
            "the right host over the wrong scheme",
        ),
        ("inbox.test", "https://inbox.test:8443", "another port"),
        ("attacker.example", "https://inbox.test", "another Host"),
    ] {
        let r = a.send(login(host, origin)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{why}: {}", r.body);
    }
    let ok = a.send(login("inbox.test", "https://inbox.test")).await;
    assert_eq!(
        ok.status,
        StatusCode::SEE_OTHER,
        "the inbox's own page: {}",
        ok.body
    );
}

/// The export streams page after page (500 rows a page): 1,234 corrections, several received in
/// the same millisecond, each exactly once, newest first, under one header line.
pub async fn the_export_streams_every_row_once(url: &str) {
    let a = app(url, |_| {}).await;
    let n = 1234;
    for i in 0..n {
        let text = format!("Row {i}: the cost was $212 million.");
        let payload = aw_core::correction::payload::Payload::from_keys(&|k: &str| match k {
            "articleId" => format!("a-{}", i % 7),
            "correction" => text.clone(),
            _ => String::new(),
        });
        a.store
            .insert(&payload, None, &format!("h{i}"))
            .await
            .unwrap();
    }
    let (cookie, _) = a.login().await;
    let csv = a.get("/inbox/export.csv", Some(&cookie)).await;
    assert_eq!(csv.status, StatusCode::OK);
    let mut reader = csv::Reader::from_reader(csv.body.as_bytes());
    let ids: Vec<i64> = reader
        .records()
        .map(|r| r.unwrap()[0].trim_start_matches("C-").parse().unwrap())
        .collect();
    assert_eq!(ids.len(), n, "every row");
    let mut sorted = ids.clone();
    sorted.sort_unstable_by(|x, y| y.cmp(x));
    sorted.dedup();
    assert_eq!(ids, sorted, "each once, newest first");
    assert_eq!(csv.body.matches("id,received,status").count(), 1);
    // A filter holds across pages too.
    let one = a.get("/inbox/export.csv?article=a-3", Some(&cookie)).await;
    assert_eq!(
        one.body.lines().count(),
        1 + (0..n).filter(|i| i % 7 == 3).count()
    );
}
