//! The pieces over real TCP (the connection loop) and through the router (groups, deadline,
//! panics). Upper bounds on waiting are generous: they catch a hang, never time a path.

use std::time::Duration;

use aw_http::{deadline, harden, serve, shed, Limits};
use axum::body::{Body, Bytes};
use axum::http::{Request, StatusCode};
use axum::routing::{get, post};
use axum::Router;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tower::ServiceExt;

async fn start(app: Router, limits: Limits) -> std::net::SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(serve(listener, app, limits));
    addr
}

/// Reads until the peer closes; `None` if it is still open after `within`.
async fn closed_within(stream: &mut TcpStream, within: Duration) -> Option<Vec<u8>> {
    let mut all = Vec::new();
    let mut buf = [0u8; 1024];
    tokio::time::timeout(within, async {
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => return all,
                Ok(n) => all.extend_from_slice(&buf[..n]),
            }
        }
    })
    .await
    .ok()
}

#[tokio::test]
async fn a_client_slow_to_send_its_headers_is_cut_off() {
    let app = Router::new().route("/healthz", get(|| async { "ok" }));
    let addr = start(
        app,
        Limits {
            header_timeout: Duration::from_millis(300),
            ..Limits::default()
        },
    )
    .await;
    let mut slow = TcpStream::connect(addr).await.unwrap();
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    // Never finishes its headers: the server closes the connection (hyper may say 408 first).
    let answer = closed_within(&mut slow, Duration::from_secs(10)).await;
    assert!(answer.is_some(), "the slow client's connection was closed");
    assert!(!String::from_utf8_lossy(&answer.unwrap()).contains("200 OK"));
    // A normal client is served.
    let mut ok = TcpStream::connect(addr).await.unwrap();
    ok.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let answer = closed_within(&mut ok, Duration::from_secs(10))
        .await
        .unwrap();
    assert!(String::from_utf8_lossy(&answer).starts_with("HTTP/1.1 200"));
}

#[tokio::test]
async fn connections_over_the_cap_are_closed_at_once() {
    let app = Router::new().route("/healthz", get(|| async { "ok" }));
    let addr = start(
        app,
        Limits {
            max_connections: 2,
            ..Limits::default()
        },
    )
    .await;
    let _a = TcpStream::connect(addr).await.unwrap();
    let _b = TcpStream::connect(addr).await.unwrap();
    // The two above are accepted (their permits held) before the third arrives: a request on
    // each proves it.
    for s in [&_a, &_b] {
        s.writable().await.unwrap();
    }
    let mut third = TcpStream::connect(addr).await.unwrap();
    let _ = third
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .await;
    let answer = closed_within(&mut third, Duration::from_secs(10)).await;
    assert_eq!(
        answer.as_deref(),
        Some(&b""[..]),
        "closed without an answer"
    );
}

/// A connection from `from` (any 127.0.0.0/8 address is this machine's) that has been served
/// one request on a kept-alive connection: proof the server accepted and counted it.
async fn served_from(addr: std::net::SocketAddr, from: [u8; 4]) -> Option<TcpStream> {
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind(std::net::SocketAddr::from((from, 0))).unwrap();
    let mut stream = socket.connect(addr).await.ok()?;
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .ok()?;
    let mut buf = [0u8; 256];
    let n = tokio::time::timeout(Duration::from_secs(10), stream.read(&mut buf))
        .await
        .ok()?
        .ok()?;
    String::from_utf8_lossy(&buf[..n])
        .starts_with("HTTP/1.1 200")
        .then_some(stream)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_client_cannot_hold_every_connection() {
    let app = Router::new().route("/healthz", get(|| async { "ok" }));
    let limits = Limits {
        max_connections_per_client: 2,
        ..Limits::default()
    };
    let addr = start(app.clone(), limits.clone()).await;
    let _a = served_from(addr, [127, 0, 0, 5]).await.expect("first");
    let _b = served_from(addr, [127, 0, 0, 5]).await.expect("second");
    assert!(
        served_from(addr, [127, 0, 0, 5]).await.is_none(),
        "a third from the same client is closed"
    );
    assert!(
        served_from(addr, [127, 0, 0, 6]).await.is_some(),
        "another client is served"
    );
    drop(_a);
    // The closed connection's place is given back (the server sees the close on its own time).
    let mut again = None;
    for _ in 0..100 {
        again = served_from(addr, [127, 0, 0, 5]).await;
        if again.is_some() {
            break;
        }
        tokio::task::yield_now().await;
    }
    assert!(
        again.is_some(),
        "a place is given back when a connection ends"
    );
    // A trusted proxy carries many clients: no per-client cap on it.
    let proxied = start(
        app,
        Limits {
            trusted: vec!["127.0.0.7".parse().unwrap()],
            ..limits
        },
    )
    .await;
    let mut held = Vec::new();
    for _ in 0..5 {
        held.push(served_from(proxied, [127, 0, 0, 7]).await.expect("proxy"));
    }
}

#[tokio::test]
async fn a_full_group_answers_503_at_once_and_starves_no_other() {
    let (hold_tx, hold_rx) = tokio::sync::watch::channel(false);
    // Each request that got a slot says so, then waits to be released.
    let (entered_tx, mut entered_rx) = tokio::sync::mpsc::unbounded_channel::<()>();
    let slow = shed(
        Router::new().route(
            "/slow",
            get(move || {
                let mut rx = hold_rx.clone();
                let entered = entered_tx.clone();
                async move {
                    let _ = entered.send(());
                    let _ = rx.wait_for(|released| *released).await;
                    "done"
                }
            }),
        ),
        2,
    );
    let other = shed(Router::new().route("/healthz", get(|| async { "ok" })), 2);
    let app = slow.merge(other);
    let call = |path: &'static str| {
        let app = app.clone();
        async move {
            app.oneshot(Request::get(path).body(Body::empty()).unwrap())
                .await
                .unwrap()
        }
    };
    let first = tokio::spawn(call("/slow"));
    let second = tokio::spawn(call("/slow"));
    // Both hold their slots once both have entered the handler.
    for _ in 0..2 {
        entered_rx.recv().await.unwrap();
    }
    let third = call("/slow").await;
    assert_eq!(third.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(third.headers()["retry-after"], "1");
    assert_eq!(
        call("/healthz").await.status(),
        StatusCode::OK,
        "another group is served"
    );
    hold_tx.send(true).unwrap();
    for h in [first, second] {
        assert_eq!(h.await.unwrap().status(), StatusCode::OK);
    }
    assert_eq!(
        call("/slow").await.status(),
        StatusCode::OK,
        "the slots are back"
    );
}

/// Time is the subject: the clock is paused (and advanced by the runtime when it idles), so a
/// loaded machine cannot make the trickle look faster or slower than it is.
#[tokio::test(start_paused = true)]
async fn a_trickled_body_meets_the_deadline() {
    let app = deadline(
        Router::new().route(
            "/post",
            post(|body: Bytes| async move { body.len().to_string() }),
        ),
        Duration::from_millis(300),
    );
    let (mut tx, body) = tokio::io::duplex(16);
    tokio::spawn(async move {
        loop {
            if tx.write_all(b"x").await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    });
    let stream = trickle(body);
    let r = app
        .oneshot(Request::post("/post").body(stream).unwrap())
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::REQUEST_TIMEOUT);
}

/// A body that arrives as fast as `io` is written to, a byte at a time.
fn trickle(io: tokio::io::DuplexStream) -> Body {
    Body::from_stream(futures_util::stream::unfold(io, |mut io| async move {
        let mut b = [0u8; 1];
        match io.read(&mut b).await {
            Ok(0) | Err(_) => None,
            Ok(_) => Some((Ok::<_, std::io::Error>(b.to_vec()), io)),
        }
    }))
}

#[tokio::test]
async fn a_panic_is_that_requests_500_and_the_next_is_served() {
    let app = harden(
        Router::new()
            .route("/boom", get(|| async { panic!("injected") as &str }))
            .route("/healthz", get(|| async { "ok" })),
    );
    let boom = app
        .clone()
        .oneshot(Request::get("/boom").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(boom.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(boom.headers()["x-content-type-options"], "nosniff");
    let next = app
        .oneshot(Request::get("/healthz").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(next.status(), StatusCode::OK);
}
