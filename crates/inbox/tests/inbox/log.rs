//! The public record (issue 33): the corrections log and the Atom feeds, read as their readers
//! read them — the log's page as HTML, the feeds by a feed parser nobody here wrote (Debian's
//! python3-feedparser, `tests/feeds/read-feed.py`).

use super::*;

/// What the independent feed parser understood of `body` (the JSON `read-feed.py` prints), or
/// `None` where it is not installed: then the test says it was skipped, and fails under CI.
fn read_feed(body: &str) -> Option<Value> {
    let python = "/usr/bin/python3";
    let have = std::process::Command::new(python)
        .args(["-c", "import feedparser"])
        .status()
        .is_ok_and(|s| s.success());
    if !have {
        assert!(
            std::env::var_os("CI").is_none(),
            "python3-feedparser is missing: scripts/setup.sh installs it"
        );
        eprintln!("SKIPPED: the feeds' check by feedparser (install python3-feedparser)");
        return None;
    }
    let dir = tempfile_dir();
    let path = dir.join("feed.xml");
    std::fs::write(&path, body).unwrap();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/feeds/read-feed.py");
    let out = std::process::Command::new(python)
        .arg(script)
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(serde_json::from_slice(&out.stdout).unwrap())
}

fn tempfile_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "aw-feed-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

async fn get_with(a: &App, path: &str, headers: &[(&str, &str)]) -> Reply {
    let mut req = Request::get(path).header(header::HOST, HOST);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    a.send(req.body(Body::empty()).unwrap()).await
}

/// Sends a reader's correction of `article` and has the editor publish it as `kind`.
async fn publish(a: &App, auth: &(String, String), id: i64, article: &str, kind: &str, text: &str) {
    let body = serde_json::json!({
        "articleId": article,
        "articleUrl": format!("https://news.example/{article}"),
        "headline": "what the reader's page said",
        "correction": format!("Correction {id}: the figure in the third paragraph is wrong."),
    });
    let r = a.post_json(&body.to_string(), None).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    set_status(a, auth, id, "accepted", kind, text, article).await;
}

async fn set_status(
    a: &App,
    (cookie, csrf): &(String, String),
    id: i64,
    status: &str,
    kind: &str,
    text: &str,
    article: &str,
) {
    let form = format!(
        "csrf={csrf}&status={status}&kind={kind}&published_on=2026-12-0{}&published_text={}&headline={}&article_url={}",
        1 + id % 8,
        enc(text),
        enc(&format!("Flood barrier <{article}> & the bill")),
        enc(&format!("https://news.example/{article}"))
    );
    let r = a
        .post_form(
            &format!("/inbox/corrections/{id}/status"),
            Some(cookie),
            Some(ORIGIN),
            &form,
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
}

pub async fn the_log_and_the_feeds_keep_the_public_record(url: &str) {
    let a = app(url, |c| {
        c.per_client_per_minute = 0;
        c.per_article_per_minute = 0;
    })
    .await;
    let auth = a.login().await;
    // Nothing published yet: an empty log and a valid, empty feed.
    let empty = a.get("/corrections", None).await;
    assert_eq!(empty.status, StatusCode::OK);
    assert!(empty
        .body
        .contains("No corrections have been published yet."));
    publish(
        &a,
        &auth,
        1,
        "a-1",
        "correction",
        "It cost $212 million, not $221 million.",
    )
    .await;
    publish(
        &a,
        &auth,
        2,
        "a-2",
        "clarification",
        "The vote was on <Tuesday> & not Monday.",
    )
    .await;
    // A correction received and not published is in no public list.
    let unpublished =
        serde_json::json!({"articleId": "a-3", "correction": "Not yet reviewed by anyone at all."});
    a.post_json(&unpublished.to_string(), None).await;

    // The log: newest first, kinds named, text as text, both feeds announced.
    let log = a.get("/corrections", None).await;
    assert_eq!(log.status, StatusCode::OK);
    assert!(log.header("content-type").starts_with("text/html"));
    let b = &log.body;
    let (c1, c2) = (b.find("id=\"C-1\"").unwrap(), b.find("id=\"C-2\"").unwrap());
    assert!(c2 < c1, "newest first: {b}");
    assert!(!b.contains("C-3"), "nothing unpublished: {b}");
    assert!(b.contains("Clarification") && b.contains("Correction"));
    assert!(
        b.contains("The vote was on &lt;Tuesday&gt; &amp; not Monday."),
        "{b}"
    );
    assert!(
        b.contains(
            "<a href=\"https://news.example/a-1\">Flood barrier &lt;a-1&gt; &amp; the bill</a>"
        ),
        "{b}"
    );
    assert!(
        b.contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Corrections (Atom)\" href=\"http://inbox.test/corrections.atom\">"),
        "{b}"
    );
    assert!(
        b.contains("href=\"http://inbox.test/articles/a-1/corrections.atom\""),
        "{b}"
    );
    assert!(!b.contains("<script"), "no script: {b}");
    let one = a.get("/corrections?article=a-1", None).await;
    assert!(one.body.contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"This article's corrections (Atom)\""));
    // Filtered by kind.
    let clar = a.get("/corrections?kind=clarification", None).await;
    assert!(
        clar.body.contains("id=\"C-2\"") && !clar.body.contains("id=\"C-1\""),
        "{}",
        clar.body
    );
    // The fragment and the JSON.
    let frag = a.get("/corrections/fragment", None).await;
    assert!(
        frag.body.starts_with("<section class=\"aw-record-log\">") && !frag.body.contains("<html")
    );
    let json = a.get("/corrections.json", None).await.json();
    assert_eq!(json["entries"][0]["id"], "C-2");
    assert_eq!(json["entries"][0]["kind"], "clarification");
    assert_eq!(
        json["entries"][1]["text"],
        "It cost $212 million, not $221 million."
    );
    assert_eq!(json["feed"], "http://inbox.test/corrections.atom");

    // The site's feed, read by feedparser.
    let feed = a.get("/corrections.atom", None).await;
    assert_eq!(feed.status, StatusCode::OK);
    assert!(feed
        .header("content-type")
        .starts_with("application/atom+xml"));
    let first = read_feed(&feed.body);
    if let Some(f) = &first {
        assert_eq!(f["bozo"], false, "{f}");
        assert_eq!(f["version"], "atom10");
        let entries = f["entries"].as_array().unwrap();
        assert_eq!(entries.len(), 2, "{f}");
        assert_eq!(entries[0]["id"], "tag:inbox.test,2026:C-2");
        assert_eq!(entries[0]["categories"][0], "clarification");
        assert_eq!(
            entries[0]["content"],
            "Clarification (2026-12-03): The vote was on <Tuesday> & not Monday."
        );
        assert_eq!(
            entries[0]["in_reply_to"][0]["ref"],
            "https://news.example/a-2"
        );
        assert!(f["links"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["rel"] == "self"));
    }
    // Conditional requests: the same feed is a 304, by ETag or by date.
    let etag = feed.header("etag").to_owned();
    let modified = feed.header("last-modified").to_owned();
    assert!(!etag.is_empty() && modified.ends_with(" GMT"), "{modified}");
    let again = get_with(&a, "/corrections.atom", &[("if-none-match", &etag)]).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    let again = get_with(&a, "/corrections.atom", &[("if-modified-since", &modified)]).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);

    // An edit updates its entry (same id); a withdrawal marks it, and the widget's list drops it.
    set_status(
        &a,
        &auth,
        1,
        "accepted",
        "correction",
        "It cost $212.5 million.",
        "a-1",
    )
    .await;
    set_status(&a, &auth, 2, "rejected", "clarification", "", "a-2").await;
    let feed = a.get("/corrections.atom", None).await;
    assert_ne!(feed.header("etag"), etag, "a changed feed has a new ETag");
    if let Some(f) = read_feed(&feed.body) {
        assert_eq!(f["bozo"], false, "{f}");
        let entries = f["entries"].as_array().unwrap();
        assert_eq!(entries.len(), 2, "a withdrawn entry is never dropped: {f}");
        let c1 = entries
            .iter()
            .find(|e| e["id"] == "tag:inbox.test,2026:C-1")
            .unwrap();
        assert!(
            c1["content"]
                .as_str()
                .unwrap()
                .ends_with("It cost $212.5 million."),
            "{c1}"
        );
        let c2 = entries
            .iter()
            .find(|e| e["id"] == "tag:inbox.test,2026:C-2")
            .unwrap();
        assert!(
            c2["title"].as_str().unwrap().starts_with("Withdrawn:"),
            "{c2}"
        );
        assert!(c2["categories"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t == "withdrawn"));
    }
    let log = a.get("/corrections", None).await;
    assert!(log.body.contains("Withdrawn on"), "{}", log.body);
    let widget = a.get("/articles/a-2/corrections", None).await.json();
    assert!(
        widget
            .get("correction")
            .is_none_or(|c| c.as_array().is_some_and(Vec::is_empty)),
        "{widget}"
    );

    // One article's feed: that article's entries only.
    let a1 = a.get("/articles/a-1/corrections.atom", None).await;
    assert_eq!(a1.status, StatusCode::OK);
    if let Some(f) = read_feed(&a1.body) {
        assert_eq!(f["bozo"], false, "{f}");
        let ids: Vec<_> = f["entries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].clone())
            .collect();
        assert_eq!(ids, [Value::from("tag:inbox.test,2026:C-1")], "{f}");
    }
}

pub async fn the_log_pages_through_every_entry_once(url: &str) {
    let a = app(url, |c| {
        c.per_client_per_minute = 0;
        c.per_article_per_minute = 0;
    })
    .await;
    let auth = a.login().await;
    for id in 1..=27 {
        publish(
            &a,
            &auth,
            id,
            &format!("p-{id}"),
            "update",
            &format!("Update number {id}."),
        )
        .await;
    }
    let mut seen = Vec::new();
    let mut next = Some("/corrections.json".to_owned());
    while let Some(path) = next.take() {
        let path = path.trim_start_matches("http://inbox.test").to_owned();
        let page = a.get(&path, None).await.json();
        for e in page["entries"].as_array().unwrap() {
            seen.push(e["id"].as_str().unwrap().to_owned());
        }
        next = page["next"].as_str().map(str::to_owned);
        assert!(seen.len() <= 27, "no page repeats: {seen:?}");
    }
    let expected: Vec<_> = (1..=27).rev().map(|i| format!("C-{i}")).collect();
    assert_eq!(seen, expected);
    let html = a.get("/corrections", None).await;
    assert!(
        html.body.contains("rel=\"next\""),
        "the page links the older ones"
    );
}
