//! The render route's answers for good and bad input: status, headers, body.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use tower::ServiceExt;

const ARTICLE: &str = include_str!("../../demo/article.json");

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
