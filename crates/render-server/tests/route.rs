//! The render route's answers for good and bad input: status, headers, body.

use axum::body::{Body, Bytes};
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use tower::ServiceExt;

const ARTICLE: &str = include_str!("../../../demo/article.json");

async fn post(
    query: &str,
    content_type: &str,
    body: &str,
    etag: Option<&str>,
) -> (StatusCode, axum::http::HeaderMap, String) {
    let mut req =
        Request::post(format!("/render{query}")).header(header::CONTENT_TYPE, content_type);
    if let Some(e) = etag {
        req = req.header(header::IF_NONE_MATCH, e);
    }
    let res = aw_render_server::router()
        .oneshot(req.body(Body::from(body.to_owned())).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        headers,
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

#[tokio::test]
async fn renders_the_embed_with_cache_headers() {
    let (status, headers, body) = post(
        "?locale=es&theme=dark&heading-level=2&hydrate=visible",
        "application/json",
        ARTICLE,
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert!(headers[header::CACHE_CONTROL]
        .to_str()
        .unwrap()
        .contains("max-age"));
    assert!(body.starts_with(r#"<div data-article-widget data-locale="es" data-theme="dark" data-heading-level="2" data-hydrate="visible"><template shadowrootmode="open">"#));
    assert!(body.contains("Tidal Barrier Holds"));
    assert!(body.contains(r#"lang="es""#), "the Spanish chrome");
    let etag = headers[header::ETAG].to_str().unwrap().to_owned();
    let (again, _, empty) = post(
        "?locale=es&theme=dark&heading-level=2&hydrate=visible",
        "application/json",
        ARTICLE,
        Some(&etag),
    )
    .await;
    assert_eq!(again, StatusCode::NOT_MODIFIED);
    assert!(empty.is_empty());
    let (_, other, _) = post("?locale=en", "application/json", ARTICLE, None).await;
    assert_ne!(
        other[header::ETAG],
        etag.as_str(),
        "other options, another rendering"
    );
}

#[tokio::test]
async fn bad_input_is_a_clear_json_4xx() {
    for (query, content_type, body, want, says) in [
        (
            "",
            "application/json",
            "{not json",
            StatusCode::BAD_REQUEST,
            "not valid JSON",
        ),
        (
            "",
            "application/json",
            r#"{"version":1,"body":[]}"#,
            StatusCode::UNPROCESSABLE_ENTITY,
            "headline",
        ),
        (
            "?colour=red",
            "application/json",
            ARTICLE,
            StatusCode::BAD_REQUEST,
            "unknown option colour",
        ),
        (
            "?theme=purple",
            "application/json",
            ARTICLE,
            StatusCode::BAD_REQUEST,
            "must be light, dark or auto",
        ),
        (
            "?hydrate=later",
            "application/json",
            ARTICLE,
            StatusCode::BAD_REQUEST,
            "must be idle, visible, interaction or eager",
        ),
        (
            "?article-src=https://evil.example/a.json",
            "application/json",
            ARTICLE,
            StatusCode::BAD_REQUEST,
            "cannot be prerendered",
        ),
        (
            "",
            "text/html",
            ARTICLE,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "application/json",
        ),
    ] {
        let (status, headers, reply) = post(query, content_type, body, None).await;
        assert_eq!(status, want, "{query} {body:.20}: {reply}");
        assert_eq!(headers[header::CONTENT_TYPE], "application/json");
        let v: serde_json::Value = serde_json::from_str(&reply).unwrap();
        assert!(v["error"].as_str().unwrap().contains(says), "{reply}");
    }
    let huge = format!(
        r#"{{"version":1,"headline":"h","body":[{{"type":"paragraph","text":"{}"}}]}}"#,
        "x".repeat(6 << 20)
    );
    let (status, _, _) = post("", "application/json", &huge, None).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
}

/// A burst larger than the render slots: every request is answered (200, or 503 with
/// `Retry-After` at once, never a queue), and the route serves a normal request right after.
/// The 503 is seen for certain: requests whose bodies never come hold every place first.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_is_answered_and_the_route_recovers() {
    let limits = aw_render_server::Limits {
        max_renders: 2,
        ..aw_render_server::Limits::default()
    };
    let app = aw_render_server::router_with(limits);
    let call = || {
        let app = app.clone();
        async move {
            let req = Request::post("/render")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(ARTICLE))
                .unwrap();
            app.oneshot(req).await.unwrap()
        }
    };
    let replies = futures_util::future::join_all((0..24).map(|_| tokio::spawn(call()))).await;
    let statuses: Vec<StatusCode> = replies.into_iter().map(|r| r.unwrap().status()).collect();
    assert!(
        statuses
            .iter()
            .all(|s| *s == StatusCode::OK || *s == StatusCode::SERVICE_UNAVAILABLE),
        "{statuses:?}"
    );
    assert!(statuses.contains(&StatusCode::OK), "{statuses:?}");
    // Eight requests whose bodies never come, and nothing else: four take the route's four
    // places (twice the render slots) and hold them; the other four are answered 503 at once.
    let holders: Vec<_> = (0..8)
        .map(|_| {
            let app = app.clone();
            tokio::spawn(async move {
                let pending = futures_util::stream::pending::<Result<Bytes, std::io::Error>>();
                let req = Request::post("/render")
                    .header(header::CONTENT_TYPE, "application/json")
                    .body(Body::from_stream(pending))
                    .unwrap();
                app.oneshot(req).await.unwrap()
            })
        })
        .collect();
    let give_up = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while holders.iter().filter(|h| h.is_finished()).count() < 4 {
        assert!(std::time::Instant::now() < give_up, "never answered 503");
        tokio::time::sleep(std::time::Duration::from_millis(2)).await;
    }
    let (answered, held): (Vec<_>, Vec<_>) = holders.into_iter().partition(|h| h.is_finished());
    assert_eq!(held.len(), 4, "four hold their places");
    for h in answered {
        let busy = h.await.unwrap();
        assert_eq!(busy.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(
            busy.headers()
                .get(header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok()),
            Some("1"),
            "503 with Retry-After"
        );
    }
    for h in held {
        h.abort();
        let _ = h.await;
    }
    let after = call().await;
    assert_eq!(
        after.status(),
        StatusCode::OK,
        "the route answers right after"
    );
}

/// Real articles fit; a body over the limit (1 MiB by default) is 413 before it is read.
#[tokio::test]
async fn the_body_limit_is_sized_to_real_articles() {
    let limits = aw_render_server::Limits::default();
    assert!(limits.max_body >= 512 * 1024 && limits.max_body <= 2 * 1024 * 1024);
    let long_body: Vec<String> = (0..400)
        .map(|i| format!("Paragraph {i} of a long report, with a sentence or two of text in it."))
        .collect();
    let long = serde_json::json!({"version": 1, "headline": "A long report", "body": long_body})
        .to_string();
    let (status, _, body) = post("", "application/json", &long, None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let huge = format!(
        r#"{{"version":1,"headline":"H","body":["{}"]}}"#,
        "x".repeat(limits.max_body + 1)
    );
    let (status, _, _) = post("", "application/json", &huge, None).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
}
