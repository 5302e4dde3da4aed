//! The corrections inbox through its HTTP routes, on a real SQLite file and, when
//! `AW_TEST_POSTGRES_URL` names a server (scripts/test.sh starts one), on PostgreSQL: every case
//! runs on each database, on a fresh database of its own.

use std::net::SocketAddr;

use aw_server::inbox::auth::hash_password;
use aw_server::store::Store;
use aw_server::{router, AppState, Config};
use axum::body::Body;
use axum::extract::connect_info::MockConnectInfo;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use serde_json::Value;
use sqlx::Connection;
use tower::ServiceExt;

const HOST: &str = "inbox.test";
const ORIGIN: &str = "http://inbox.test";
const PUBLISHER: &str = "https://news.example";
const GOOD: &str = r#"{"articleId":"a-1","articleUrl":"https://news.example/a-1","headline":"Flood barrier holds","correction":"The cost was $212 million, not $221 million."}"#;
const PASSWORD: &str = "correct horse battery staple";

/// A fresh database URL per case: a SQLite file, and a new PostgreSQL database when a server
/// is given.
async fn databases() -> Vec<String> {
    // Unique per case: the process, a counter within it, and the clock (two cases in one
    // process once drew the same nanosecond timestamp on a fresh machine).
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let seq = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let n = format!("{}_{seq}_{nanos}", std::process::id());
    let dir = std::env::temp_dir().join(format!("aw-inbox-test-{n}"));
    std::fs::create_dir_all(&dir).unwrap();
    let mut urls = vec![format!("sqlite://{}/c.db", dir.display())];
    match std::env::var("AW_TEST_POSTGRES_URL") {
        Ok(base) => {
            let name = format!("aw_t{n}");
            let mut conn = sqlx::PgConnection::connect(&base)
                .await
                .expect("PostgreSQL");
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&mut conn)
                .await
                .unwrap();
            let (prefix, _) = base.rsplit_once('/').unwrap();
            urls.push(format!("{prefix}/{name}"));
        }
        Err(_) => eprintln!("AW_TEST_POSTGRES_URL unset: SQLite only"),
    }
    urls
}

struct App {
    router: Router,
    store: Store,
}

async fn app(url: &str, tune: impl FnOnce(&mut Config)) -> App {
    let store = Store::open(url).await.unwrap();
    store
        .upsert_editor(
            "ed@example.org",
            "Ed Itor",
            &hash_password(PASSWORD).unwrap(),
        )
        .await
        .unwrap();
    let mut config = Config {
        allowed_origins: vec![PUBLISHER.into()],
        ..Config::default()
    };
    tune(&mut config);
    let router = router(AppState::new(store.clone(), config))
        .layer(MockConnectInfo(SocketAddr::from(([192, 0, 2, 1], 4000))));
    App { router, store }
}

struct Reply {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or(Value::Null)
    }
    fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

impl App {
    async fn send(&self, req: Request<Body>) -> Reply {
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    async fn post_json(&self, body: &str, key: Option<&str>) -> Reply {
        let mut req = Request::post("/corrections")
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::ORIGIN, PUBLISHER);
        if let Some(k) = key {
            req = req.header("idempotency-key", k);
        }
        self.send(req.body(Body::from(body.to_owned())).unwrap())
            .await
    }

    async fn get(&self, path: &str, cookie: Option<&str>) -> Reply {
        let mut req = Request::get(path).header(header::HOST, HOST);
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::empty()).unwrap()).await
    }

    async fn post_form(
        &self,
        path: &str,
        cookie: Option<&str>,
        origin: Option<&str>,
        form: &str,
    ) -> Reply {
        let mut req = Request::post(path)
            .header(header::HOST, HOST)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        if let Some(o) = origin {
            req = req.header(header::ORIGIN, o);
        }
        self.send(req.body(Body::from(form.to_owned())).unwrap())
            .await
    }

    /// Logs in; the session cookie and the CSRF token from the inbox page.
    async fn login(&self) -> (String, String) {
        let r = self
            .post_form(
                "/inbox/login",
                None,
                Some(ORIGIN),
                &format!("email=ED%40example.org&password={}", enc(PASSWORD)),
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let set = r.header("set-cookie").to_owned();
        assert!(set.starts_with("__Host-aw_session="), "{set}");
        for attr in ["HttpOnly", "SameSite=Strict", "Secure", "Path=/;"] {
            assert!(set.contains(attr), "session cookie has {attr}: {set}");
        }
        assert!(
            !set.contains("Domain"),
            "a __Host- cookie names no Domain: {set}"
        );
        let cookie = set.split(';').next().unwrap().to_owned();
        let page = self.get("/inbox", Some(&cookie)).await;
        assert_eq!(page.status, StatusCode::OK);
        let csrf = page
            .body
            .split("name=\"csrf\" value=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap()
            .to_owned();
        (cookie, csrf)
    }
}

fn enc(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

macro_rules! on_every_database {
    ($module:ident => $($name:ident),* $(,)?) => {$(
        #[tokio::test]
        async fn $name() {
            for url in databases().await {
                eprintln!("{} on {}", stringify!($name), url.split(':').next().unwrap());
                $module::$name(&url).await;
            }
        }
    )*};
}

on_every_database!(cases =>
    intake_keeps_the_widgets_contract,
    idempotency_and_rate_limits,
    cors_allows_the_configured_publishers_only,
    every_inbox_route_refuses_without_a_session,
    forged_and_token_less_changes_are_refused,
    markup_and_sql_are_stored_and_shown_as_text,
    wrong_passwords_are_slowed_down,
    triage_publishes_corrections_back_to_readers,
    filters_and_export,
    published_corrections_reach_an_article_keyed_by_its_url,
);

on_every_database!(record =>
    browser_pages_on_other_origins_store_nothing,
    the_public_record_is_what_editors_published,
    a_correction_resent_after_a_reload_is_a_replay,
    fields_are_capped_and_nul_free_on_both_databases,
    search_folds_case_in_every_language,
    page_numbers_are_bounded,
    a_new_password_or_a_removal_ends_sessions,
    every_answer_says_nosniff,
);

on_every_database!(nojs =>
    a_form_without_javascript_comes_back_to_the_article,
    a_form_with_errors_comes_back_with_the_readers_text,
);

on_every_database!(abuse =>
    a_burst_of_wrong_logins_is_checked_five_times,
    a_strangers_failures_never_lock_the_editor_out,
    a_flood_spends_no_one_elses_budget,
    ipv6_clients_are_counted_by_their_64,
    two_servers_on_one_database_count_once,
    a_panic_is_one_requests_500,
);

mod cases {
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

    pub async fn markup_and_sql_are_stored_and_shown_as_text(url: &str) {
        let a = app(url, |_| {}).await;
        let evil =
            "<script>alert(1)</script><img src=x onerror=alert(2)>'; DROP TABLE corrections; --";
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
        // An unknown account is refused the same way (no hint which accounts exist).
        let unknown = a
            .post_form(
                "/inbox/login",
                None,
                Some(ORIGIN),
                "email=nobody%40example.org&password=x",
            )
            .await;
        assert!(
            unknown.status == StatusCode::UNAUTHORIZED
                || unknown.status == StatusCode::TOO_MANY_REQUESTS
        );
        assert!(
            unknown.body.contains("Wrong email or password") || unknown.body.contains("Too many")
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

    /// A Yoast-shaped article (tests/fixtures/yoast-graph.json) has no `id`: the widget keys it
    /// by its URL. The key the form sends and the path `data-corrections-src` builds from it
    /// (percent-encoded) must meet at the same stored article.
    pub async fn published_corrections_reach_an_article_keyed_by_its_url(url: &str) {
        let a = app(url, |_| {}).await;
        let fixture = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/fixtures/yoast-graph.json"
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
}

/// The cases of issue 19: the public record belongs to the newsroom.
mod record {
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
                &format!("csrf={csrf}&status=accepted&published_on=2026-11-30&published_text=x&headline=+"),
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
}

/// The cases of issue 18: abuse.
mod abuse {
    use super::*;

    fn from(client: &str, req: axum::http::request::Builder) -> axum::http::request::Builder {
        req.header("x-forwarded-for", client)
    }

    async fn login_from(a: &App, client: &str, password: &str) -> Reply {
        let req = from(client, Request::post("/inbox/login"))
            .header(header::HOST, HOST)
            .header(header::ORIGIN, ORIGIN)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(format!(
                "email=ed%40example.org&password={}",
                enc(password)
            )))
            .unwrap();
        a.send(req).await
    }

    async fn correction_from(a: &App, client: &str, article: &str, n: usize) -> Reply {
        let body = serde_json::json!({
            "articleId": article,
            "correction": format!("Correction number {n}: the cost was $212 million."),
        })
        .to_string();
        let req = from(client, Request::post("/corrections"))
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::ORIGIN, PUBLISHER)
            .body(Body::from(body))
            .unwrap();
        a.send(req).await
    }

    pub async fn a_burst_of_wrong_logins_is_checked_five_times(url: &str) {
        let a = app(url, |c| c.trust_forwarded_for = true).await;
        let replies = futures::future::join_all(
            (0..200).map(|_| login_from(&a, "198.51.100.7", "wrong password")),
        )
        .await;
        let checked = replies
            .iter()
            .filter(|r| r.status == StatusCode::UNAUTHORIZED)
            .count();
        let refused = replies
            .iter()
            .filter(|r| {
                r.status == StatusCode::TOO_MANY_REQUESTS
                    || r.status == StatusCode::SERVICE_UNAVAILABLE
            })
            .count();
        assert_eq!(
            checked, 5,
            "the four free failures and the one that starts the wait"
        );
        assert_eq!(checked + refused, 200);
    }

    pub async fn a_strangers_failures_never_lock_the_editor_out(url: &str) {
        let a = app(url, |c| c.trust_forwarded_for = true).await;
        for _ in 0..20 {
            login_from(&a, "203.0.113.9", "guessing").await;
        }
        let stranger = login_from(&a, "203.0.113.9", PASSWORD).await;
        assert_eq!(
            stranger.status,
            StatusCode::TOO_MANY_REQUESTS,
            "the stranger's address waits"
        );
        let editor = login_from(&a, "192.0.2.50", PASSWORD).await;
        assert_eq!(
            editor.status,
            StatusCode::SEE_OTHER,
            "the editor logs in from their own address"
        );
        // And the editor's own mistakes do not lock out their colleague behind the same proxy
        // address for long: a right password forgives the reservation.
        let again = login_from(&a, "192.0.2.50", PASSWORD).await;
        assert_eq!(again.status, StatusCode::SEE_OTHER);
    }

    pub async fn a_flood_spends_no_one_elses_budget(url: &str) {
        let a = app(url, |c| {
            c.trust_forwarded_for = true;
            c.per_client_per_minute = 10;
            c.per_article_per_minute = 60;
        })
        .await;
        let mut created = 0;
        for n in 0..70 {
            if correction_from(&a, "198.51.100.20", "a-1", n).await.status == StatusCode::CREATED {
                created += 1;
            }
        }
        assert_eq!(created, 10, "the flooding client gets its own budget");
        let other = correction_from(&a, "198.51.100.21", "a-1", 99).await;
        assert_eq!(
            other.status,
            StatusCode::CREATED,
            "another reader of the article is heard"
        );
        // The per-article limit still holds for many clients.
        let b = app(url, |c| {
            c.trust_forwarded_for = true;
            c.per_article_per_minute = 3;
        })
        .await;
        let statuses: Vec<StatusCode> = {
            let mut v = Vec::new();
            for n in 0..4 {
                v.push(
                    correction_from(&b, &format!("198.51.100.{}", 30 + n), "a-busy", n)
                        .await
                        .status,
                );
            }
            v
        };
        assert_eq!(statuses[3], StatusCode::TOO_MANY_REQUESTS, "{statuses:?}");
    }

    pub async fn ipv6_clients_are_counted_by_their_64(url: &str) {
        let a = app(url, |c| {
            c.trust_forwarded_for = true;
            c.per_client_per_minute = 1;
        })
        .await;
        assert_eq!(
            correction_from(&a, "2001:db8:5:6::1", "a-1", 1)
                .await
                .status,
            StatusCode::CREATED
        );
        assert_eq!(
            correction_from(&a, "2001:db8:5:6:ffff::2", "a-2", 2)
                .await
                .status,
            StatusCode::TOO_MANY_REQUESTS,
            "another address in the same /64 is the same client"
        );
        assert_eq!(
            correction_from(&a, "2001:db8:5:7::1", "a-3", 3)
                .await
                .status,
            StatusCode::CREATED
        );
    }

    /// Two servers (their own state, their own memory) on one database: with PostgreSQL they
    /// share the limits, so a client gets one budget, not two. (SQLite is served by one process.)
    pub async fn two_servers_on_one_database_count_once(url: &str) {
        if !url.starts_with("postgres") {
            return;
        }
        let tune = |c: &mut Config| {
            c.trust_forwarded_for = true;
            c.per_client_per_minute = 3;
        };
        let one = app(url, tune).await;
        let two = app(url, tune).await;
        let mut created = 0;
        for n in 0..8 {
            let server = if n % 2 == 0 { &one } else { &two };
            if correction_from(server, "198.51.100.40", &format!("a-{n}"), n)
                .await
                .status
                == StatusCode::CREATED
            {
                created += 1;
            }
        }
        assert_eq!(created, 3, "one budget across both servers");
        let mut checked = 0;
        for n in 0..12 {
            let server = if n % 2 == 0 { &one } else { &two };
            if login_from(server, "198.51.100.41", "wrong").await.status == StatusCode::UNAUTHORIZED
            {
                checked += 1;
            }
        }
        assert_eq!(checked, 5, "one login throttle across both servers");
    }

    pub async fn a_panic_is_one_requests_500(url: &str) {
        if !cfg!(feature = "dev") {
            return;
        }
        let a = app(url, |c| c.dev = true).await;
        let boom = a.get("/__panic", None).await;
        assert_eq!(boom.status, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(
            a.get("/healthz", None).await.status,
            StatusCode::OK,
            "the next request is served"
        );
        assert_eq!(a.post_json(GOOD, None).await.status, StatusCode::CREATED);
    }
}

/// A browser's own form submission, JavaScript off (issue 20's receiving end).
mod nojs {
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
            ("locale", "en"),
            ("correction", "The cost was $212 million, not $221 million."),
            ("website", ""),
        ]);
        let r = submit(&a, PUBLISHER, None, &good).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert_eq!(
            r.header("location"),
            "https://news.example/a-1?utm=x#aw-correction=C-1"
        );
        // A double click, or the browser resending the POST: the same correction, once.
        let again = submit(&a, PUBLISHER, None, &good).await;
        assert_eq!(
            again.header("location"),
            "https://news.example/a-1?utm=x#aw-correction=C-1"
        );
        assert_eq!(a.store.count().await.unwrap(), 1);
        // The prerendered embed's form names its thank-you: the way back points at it (an
        // element of the article page, shown by :target without any script); an id that is not
        // plain is not echoed into the Location.
        for (thanks, fragment) in [
            ("aw-thanks-0123456789abcdef", "#aw-thanks-0123456789abcdef"),
            ("x\"><script>", "#aw-correction=C-2"),
        ] {
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
        // The honeypot: a bot is sent back like a person, nothing stored.
        let bot = form(&[
            ("articleId", "a-1"),
            ("returnTo", "https://news.example/a-1"),
            (
                "correction",
                "Buy cheap watches at our shop, best prices online.",
            ),
            ("website", "http://spam.example"),
        ]);
        let r = submit(&a, PUBLISHER, None, &bot).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(a.store.count().await.unwrap(), 3);
        // A page on another origin: refused, nothing stored.
        let r = submit(
            &a,
            "https://evil.example",
            None,
            &good.replace("212", "213"),
        )
        .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert_eq!(a.store.count().await.unwrap(), 3);
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
            ("locale", "es"),
            ("quote", "costó 221 millones"),
            ("correction", "Costó <i>212</i>."),
            ("email", "no-es-un-correo"),
            ("name", "Lectora"),
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
        assert!(b.contains("Escriba al menos"), "the error in Spanish: {b}");
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
            "https://news.example/a-1#aw-correction=C-1"
        );
        assert_eq!(a.store.count().await.unwrap(), 1);
        // Over the client's limit: the form again with the text and when to try, never lost.
        // (Another client than above: with PostgreSQL both servers share the counters.)
        let b2 = app(url, |c| {
            c.per_client_per_minute = 1;
            c.trust_forwarded_for = true;
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
}
