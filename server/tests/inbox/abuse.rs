//! Abuse (issue 18): login floods, lock-outs, per-client and per-article budgets, IPv6 /64s,
//! two servers on one database, and a panic that is one request's 500.

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
            r.status == StatusCode::TOO_MANY_REQUESTS || r.status == StatusCode::SERVICE_UNAVAILABLE
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
        if login_from(server, "198.51.100.41", "wrong").await.status == StatusCode::UNAUTHORIZED {
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
