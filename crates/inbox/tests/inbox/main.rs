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
        // In CI a case that silently ran on one database would pass without its subject.
        Err(_) if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("CI=true but AW_TEST_POSTGRES_URL is unset: the PostgreSQL cases cannot run")
        }
        Err(_) => eprintln!("skipped: PostgreSQL (AW_TEST_POSTGRES_URL unset), SQLite only"),
    }
    urls
}

struct App {
    router: Router,
    store: Store,
    state: AppState,
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
    let state = AppState::new(store.clone(), config);
    let router =
        router(state.clone()).layer(MockConnectInfo(SocketAddr::from(([192, 0, 2, 1], 4000))));
    App {
        router,
        store,
        state,
    }
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
        // Several threads: a "concurrent" case runs concurrently.
        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn $name() {
            for url in databases().await {
                eprintln!("{} on {}", stringify!($name), url.split(':').next().unwrap());
                $module::$name(&url).await;
            }
        }
    )*};
}

on_every_database!(intake =>
    intake_keeps_the_widgets_contract,
    idempotency_and_rate_limits,
    cors_allows_the_configured_publishers_only,
    markup_and_sql_are_stored_and_shown_as_text,
    published_corrections_reach_an_article_keyed_by_its_url,
);

on_every_database!(editors =>
    every_inbox_route_refuses_without_a_session,
    forged_and_token_less_changes_are_refused,
    wrong_passwords_are_slowed_down,
    triage_publishes_corrections_back_to_readers,
    filters_and_export,
    the_export_streams_every_row_once,
    a_rebinding_page_cannot_act_as_the_inbox,
);

on_every_database!(record =>
    browser_pages_on_other_origins_store_nothing,
    the_public_record_is_what_editors_published,
    a_correction_resent_after_a_reload_is_a_replay,
    fields_are_capped_and_nul_free_on_both_databases,
    nul_and_length_are_refused_at_every_door,
    search_folds_case_in_every_language,
    page_numbers_are_bounded,
    a_new_password_or_a_removal_ends_sessions,
    every_answer_says_nosniff,
);

on_every_database!(log =>
    the_log_and_the_feeds_keep_the_public_record,
    the_log_pages_through_every_entry_once,
);

on_every_database!(nojs =>
    a_form_without_javascript_comes_back_to_the_article,
    a_form_with_errors_comes_back_with_the_readers_text,
    the_native_form_sent_in_place_gets_json_in_its_language,
);

on_every_database!(abuse =>
    a_burst_of_wrong_logins_is_checked_five_times,
    a_login_burst_over_tcp_is_checked_five_times,
    a_strangers_failures_never_lock_the_editor_out,
    a_flood_spends_no_one_elses_budget,
    ipv6_clients_are_counted_by_their_64,
    two_servers_on_one_database_count_once,
    a_panic_is_one_requests_500,
    a_forged_forwarded_line_is_not_the_client,
    busy_is_not_a_failed_password,
    a_large_login_body_is_refused_unread,
    trickling_logins_leave_the_editors_pages_served,
    one_addresses_slow_bodies_leave_other_readers_served,
    one_client_cannot_use_up_an_articles_budget,
);

mod abuse;
mod editors;
mod intake;
mod log;
mod nojs;
mod record;
