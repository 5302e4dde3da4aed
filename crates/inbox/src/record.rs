//! The public record of corrections (issue 33): every correction an editor published, newest
//! first, as
//!
//! | Route | What |
//! |---|---|
//! | `GET /corrections` | the corrections log: a page, readable without JavaScript |
//! | `GET /corrections/fragment` | the same list as an HTML fragment, for a publisher's own page |
//! | `GET /corrections.json` | the same list as JSON |
//! | `GET /corrections.atom` | the site's Atom feed (RFC 4287) |
//! | `GET /articles/{id}/corrections.atom` | one article's Atom feed |
//!
//! The log takes `kind` (correction, clarification, update, editors-note), `article` (one
//! article's) and `before` (the next page: the cursor the previous page links to), 25 entries a
//! page. Each entry names its kind, its date, the article (a link to it) and its words; one
//! withdrawn since is kept and marked withdrawn, never dropped. In the feeds an entry's `<id>` is
//! the correction's own (`tag:…:C-12`): an edited correction updates its entry (`<updated>`), a
//! withdrawn one says so; `thr:in-reply-to` (RFC 4685) points at the article. Every answer has an
//! `ETag` and a `Last-Modified` (`If-None-Match`/`If-Modified-Since` → 304), and is public and
//! readable from any origin (the routes sit in the published corrections' group).
//!
//! Absolute URLs are made from `--public-origin` (else the request's `Host`).

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::{html, Markup, DOCTYPE};
use serde::Deserialize;
use serde_json::json;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::error::AppError;
use crate::intake::hex;
use crate::state::AppState;
use crate::store::{Kind, RecordEntry, RecordQuery};

/// Entries on a page of the log (and in a feed).
pub const PAGE: i64 = 25;

/// Entries in a feed.
pub const FEED: i64 = 50;

/// What the log's address may ask.
#[derive(Debug, Default, Deserialize)]
pub struct LogQuery {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    article: String,
    #[serde(default)]
    before: String,
}

impl LogQuery {
    fn record(&self, limit: i64) -> RecordQuery {
        let before = self
            .before
            .split_once('.')
            .and_then(|(at, id)| Some((at.parse::<i64>().ok()?, id.parse::<i64>().ok()?)));
        RecordQuery {
            article: (!self.article.is_empty()).then(|| self.article.clone()),
            kind: Kind::from_key(&self.kind),
            before,
            limit,
        }
    }

    /// This query's address with `before` set to `cursor` (the next page).
    fn next(&self, path: &str, cursor: &str) -> String {
        let mut q = form_urlencoded::Serializer::new(String::new());
        if let Some(kind) = Kind::from_key(&self.kind) {
            q.append_pair("kind", kind.key());
        }
        if !self.article.is_empty() {
            q.append_pair("article", &self.article);
        }
        q.append_pair("before", cursor);
        format!("{path}?{}", q.finish())
    }
}

/// One page of entries and the cursor of the next, if there is one.
async fn entries(
    state: &AppState,
    query: &RecordQuery,
) -> Result<(Vec<RecordEntry>, Option<String>), Response> {
    let mut one_more = query.clone();
    one_more.limit = query.limit + 1;
    let mut list = state
        .store
        .record(&one_more)
        .await
        .map_err(|e| AppError::Unavailable(e).into_response())?;
    let next = (list.len() as i64 > query.limit).then(|| {
        list.truncate(query.limit as usize);
        let last = list.last().expect("a full page");
        format!("{}.{}", last.published_at, last.id)
    });
    Ok((list, next))
}

fn origin(state: &AppState, headers: &HeaderMap) -> String {
    if let Some(origin) = &state.config.public_origin {
        return origin.trim_end_matches('/').to_owned();
    }
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-.:[]".contains(&b))
        })
        .unwrap_or("localhost");
    format!("http://{host}")
}

fn time_of(ms: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000)).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

/// RFC 3339, in UTC, to the second (Atom's dates).
pub fn rfc3339(ms: i64) -> String {
    let t = time_of(ms);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// An HTTP date (IMF-fixdate: `Tue, 08 Dec 2026 03:12:36 GMT`).
pub fn http_date(ms: i64) -> String {
    let t = time_of(ms);
    let day = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        [t.weekday().number_days_from_monday() as usize];
    let month = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ][u8::from(t.month()) as usize - 1];
    format!(
        "{day}, {:02} {month} {:04} {:02}:{:02}:{:02} GMT",
        t.day(),
        t.year(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// The seconds of an HTTP date (`If-Modified-Since`), if it is one.
fn parse_http_date(text: &str) -> Option<i64> {
    let format = time::macros::format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );
    let t = time::PrimitiveDateTime::parse(text.trim(), &format).ok()?;
    Some(t.assume_utc().unix_timestamp())
}

/// The answer: `body` as `content_type`, with its `ETag` (a hash of the body) and
/// `Last-Modified` (`modified`, ms; none for an empty record), or `304` when the client has it.
fn answer(
    headers: &HeaderMap,
    content_type: &'static str,
    body: String,
    modified: i64,
) -> Response {
    let etag = format!("\"{}\"", &hex(&Sha256::digest(body.as_bytes()))[..32]);
    let if_none_match = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok());
    let fresh = match if_none_match {
        Some(v) => v.split(',').any(|t| t.trim() == etag || t.trim() == "*"),
        // If-Modified-Since only without If-None-Match (RFC 9110, 13.1.3).
        None => headers
            .get(header::IF_MODIFIED_SINCE)
            .and_then(|v| v.to_str().ok())
            .and_then(parse_http_date)
            .is_some_and(|since| modified > 0 && modified.div_euclid(1000) <= since),
    };
    let mut reply = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        ([(header::CONTENT_TYPE, content_type)], body).into_response()
    };
    let h = reply.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(crate::published::CACHE_CONTROL),
    );
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    if modified > 0 {
        if let Ok(v) = HeaderValue::from_str(&http_date(modified)) {
            h.insert(header::LAST_MODIFIED, v);
        }
    }
    reply
}

/// When the part of the record `article` names last changed (ms; 0: empty).
async fn modified(state: &AppState, article: Option<&str>) -> Result<i64, Response> {
    state
        .store
        .record_version(article)
        .await
        .map(|(at, _)| at)
        .map_err(|e| AppError::Unavailable(e).into_response())
}

/// The article feed's address.
fn article_feed(origin: &str, article: &str) -> String {
    // Unreserved characters (RFC 3986) stay as they are.
    const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    let id: String = percent_encoding::utf8_percent_encode(article, SEGMENT).collect();
    format!("{origin}/articles/{id}/corrections.atom")
}

/// The list, as the log page and the fragment show it.
fn list_markup(list: &[RecordEntry], origin: &str, next: Option<&str>) -> Markup {
    html! {
        @if list.is_empty() {
            p.aw-record__empty { "No corrections have been published yet." }
        }
        ol.aw-record reversed {
            @for e in list {
                li.aw-record__entry #{ "C-" (e.id) } data-kind=(e.kind.key()) {
                    p.aw-record__meta {
                        strong.aw-record__kind { (e.kind.label()) }
                        " · "
                        time datetime=(e.date) { (e.date) }
                        @if let Some(at) = e.withdrawn_at {
                            " · "
                            strong.aw-record__withdrawn { "Withdrawn on " time datetime=(&rfc3339(at)[..10]) { (&rfc3339(at)[..10]) } }
                        }
                    }
                    p.aw-record__article {
                        @let title = if e.headline.is_empty() { e.article_id.as_str() } else { e.headline.as_str() };
                        @if aw_core::correction::draft::is_http_url(&e.url) {
                            a href=(e.url) { (title) }
                        } @else {
                            (title)
                        }
                        " "
                        a.aw-record__feed href=(article_feed(origin, &e.article_id)) type="application/atom+xml" {
                            "(feed)"
                        }
                    }
                    @if e.withdrawn_at.is_some() {
                        p.aw-record__text { del { (e.text) } }
                    } @else {
                        p.aw-record__text { (e.text) }
                    }
                }
            }
        }
        @if let Some(next) = next {
            p.aw-record__next { a href=(next) rel="next" { "Older corrections" } }
        }
    }
}

/// `GET /corrections`: the log, a page.
pub async fn page(
    State(state): State<AppState>,
    Query(q): Query<LogQuery>,
    headers: HeaderMap,
) -> Response {
    let query = q.record(PAGE);
    let (list, next) = match entries(&state, &query).await {
        Ok(found) => found,
        Err(reply) => return reply,
    };
    let at = match modified(&state, query.article.as_deref()).await {
        Ok(at) => at,
        Err(reply) => return reply,
    };
    let origin = origin(&state, &headers);
    let next = next.map(|cursor| q.next("/corrections", &cursor));
    let title = match query.kind {
        Some(kind) => format!("Corrections log: {}s", kind.label().to_lowercase()),
        None => "Corrections log".to_owned(),
    };
    let markup = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                link rel="alternate" type="application/atom+xml" title="Corrections (Atom)" href={ (origin) "/corrections.atom" };
                @if let Some(article) = &query.article {
                    link rel="alternate" type="application/atom+xml" title="This article's corrections (Atom)" href=(article_feed(&origin, article));
                }
                link rel="stylesheet" href="/inbox/inbox.css";
            }
            body {
                main #main {
                    h1 { (title) }
                    p { "Every correction, clarification, update and editor's note the newsroom has published, newest first. A correction withdrawn since is kept here, marked." }
                    nav aria-label="Kinds" {
                        ul.aw-record__kinds {
                            li { a href="/corrections" aria-current=[query.kind.is_none().then_some("page")] { "All" } }
                            @for kind in Kind::ALL {
                                li { a href={ "/corrections?kind=" (kind.key()) } aria-current=[(query.kind == Some(kind)).then_some("page")] { (kind.label()) } }
                            }
                        }
                    }
                    p { a href={ (origin) "/corrections.atom" } type="application/atom+xml" { "Follow the corrections (Atom feed)" } }
                    (list_markup(&list, &origin, next.as_deref()))
                }
            }
        }
    };
    let mut reply = answer(
        &headers,
        "text/html; charset=utf-8",
        markup.into_string(),
        at,
    );
    if let Ok(v) = HeaderValue::from_str(
        "default-src 'none'; style-src 'self'; frame-ancestors *; base-uri 'none'",
    ) {
        reply
            .headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, v);
    }
    reply
}

/// `GET /corrections/fragment`: the list alone, for a publisher's own page (server-side
/// include, or fetched: it is readable from any origin).
pub async fn fragment(
    State(state): State<AppState>,
    Query(q): Query<LogQuery>,
    headers: HeaderMap,
) -> Response {
    let query = q.record(PAGE);
    let (list, next) = match entries(&state, &query).await {
        Ok(found) => found,
        Err(reply) => return reply,
    };
    let at = match modified(&state, query.article.as_deref()).await {
        Ok(at) => at,
        Err(reply) => return reply,
    };
    let origin = origin(&state, &headers);
    let next = next.map(|cursor| format!("{origin}{}", q.next("/corrections", &cursor)));
    let markup = html! { section.aw-record-log { (list_markup(&list, &origin, next.as_deref())) } };
    answer(
        &headers,
        "text/html; charset=utf-8",
        markup.into_string(),
        at,
    )
}

/// `GET /corrections.json`.
pub async fn json(
    State(state): State<AppState>,
    Query(q): Query<LogQuery>,
    headers: HeaderMap,
) -> Response {
    let query = q.record(PAGE);
    let (list, next) = match entries(&state, &query).await {
        Ok(found) => found,
        Err(reply) => return reply,
    };
    let at = match modified(&state, query.article.as_deref()).await {
        Ok(at) => at,
        Err(reply) => return reply,
    };
    let origin = origin(&state, &headers);
    let entries: Vec<_> = list
        .iter()
        .map(|e| {
            json!({
                "id": format!("C-{}", e.id),
                "kind": e.kind.key(),
                "date": e.date,
                "text": e.text,
                "articleId": e.article_id,
                "headline": e.headline,
                "url": e.url,
                "published": rfc3339(e.published_at),
                "updated": rfc3339(e.updated_at),
                "withdrawn": e.withdrawn_at.map(rfc3339),
            })
        })
        .collect();
    let body = json!({
        "entries": entries,
        "next": next.map(|cursor| format!("{origin}{}", q.next("/corrections.json", &cursor))),
        "feed": format!("{origin}/corrections.atom"),
    });
    answer(&headers, "application/json", body.to_string(), at)
}

/// XML text: `&`, `<`, `>`, `"` and `'` escaped; characters XML 1.0 forbids dropped.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// The tag URI authority for entry ids: the public origin's host.
fn authority(origin: &str) -> String {
    origin
        .split("://")
        .nth(1)
        .unwrap_or(origin)
        .split([':', '/'])
        .next()
        .unwrap_or("localhost")
        .to_owned()
}

/// An Atom feed of `list`.
fn feed(origin: &str, self_url: &str, title: &str, list: &[RecordEntry], modified: i64) -> String {
    let host = authority(origin);
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:thr=\"http://purl.org/syndication/thread/1.0\">\n",
    );
    out.push_str(&format!("  <id>{}</id>\n", xml(self_url)));
    out.push_str(&format!("  <title>{}</title>\n", xml(title)));
    out.push_str(&format!("  <updated>{}</updated>\n", rfc3339(modified)));
    out.push_str(&format!("  <author><name>{}</name></author>\n", xml(&host)));
    out.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        xml(self_url)
    ));
    out.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}/corrections\"/>\n",
        xml(origin)
    ));
    for e in list {
        let about = if e.headline.is_empty() {
            &e.article_id
        } else {
            &e.headline
        };
        let withdrawn = e.withdrawn_at.map(|at| rfc3339(at)[..10].to_owned());
        let title = match &withdrawn {
            Some(_) => format!("Withdrawn: {} on “{about}”", e.kind.label()),
            None => format!("{} on “{about}”", e.kind.label()),
        };
        let content = match &withdrawn {
            Some(on) => format!("Withdrawn on {on}. It said ({}): {}", e.date, e.text),
            None => format!("{} ({}): {}", e.kind.label(), e.date, e.text),
        };
        // The article: its confirmed URL, else a tag of its id.
        let article_ref = if aw_core::correction::draft::is_http_url(&e.url) {
            e.url.clone()
        } else {
            format!("tag:{host},2026:article:{}", e.article_id)
        };
        out.push_str("  <entry>\n");
        out.push_str(&format!(
            "    <id>tag:{},2026:C-{}</id>\n",
            xml(&host),
            e.id
        ));
        out.push_str(&format!("    <title>{}</title>\n", xml(&title)));
        out.push_str(&format!(
            "    <published>{}</published>\n",
            rfc3339(e.published_at)
        ));
        out.push_str(&format!(
            "    <updated>{}</updated>\n",
            rfc3339(e.updated_at)
        ));
        out.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}/corrections#C-{}\"/>\n",
            xml(origin),
            e.id
        ));
        out.push_str(&format!(
            "    <category term=\"{}\" label=\"{}\"/>\n",
            e.kind.key(),
            xml(e.kind.label())
        ));
        if withdrawn.is_some() {
            out.push_str("    <category term=\"withdrawn\" label=\"Withdrawn\"/>\n");
        }
        if aw_core::correction::draft::is_http_url(&e.url) {
            out.push_str(&format!(
                "    <thr:in-reply-to ref=\"{}\" href=\"{}\" type=\"text/html\"/>\n",
                xml(&article_ref),
                xml(&e.url)
            ));
        } else {
            out.push_str(&format!(
                "    <thr:in-reply-to ref=\"{}\"/>\n",
                xml(&article_ref)
            ));
        }
        out.push_str(&format!(
            "    <content type=\"text\">{}</content>\n",
            xml(&content)
        ));
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

/// `GET /corrections.atom`: the site's feed.
pub async fn site_feed(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let query = RecordQuery {
        limit: FEED,
        ..RecordQuery::default()
    };
    atom(&state, &headers, query, "Corrections").await
}

/// `GET /articles/{id}/corrections.atom`: one article's feed.
pub async fn article_feed_route(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let query = RecordQuery {
        article: Some(id),
        limit: FEED,
        ..RecordQuery::default()
    };
    atom(&state, &headers, query, "Corrections to one article").await
}

async fn atom(state: &AppState, headers: &HeaderMap, query: RecordQuery, title: &str) -> Response {
    let (list, _) = match entries(state, &query).await {
        Ok(found) => found,
        Err(reply) => return reply,
    };
    let at = match modified(state, query.article.as_deref()).await {
        Ok(at) => at,
        Err(reply) => return reply,
    };
    let origin = origin(state, headers);
    let (self_url, title) = match &query.article {
        Some(article) => {
            let about = list
                .first()
                .map(|e| e.headline.clone())
                .filter(|h| !h.is_empty());
            (
                article_feed(&origin, article),
                format!("{title}: {}", about.as_deref().unwrap_or(article)),
            )
        }
        None => (format!("{origin}/corrections.atom"), title.to_owned()),
    };
    let body = feed(&origin, &self_url, &title, &list, at);
    answer(headers, "application/atom+xml; charset=utf-8", body, at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_rfc3339_and_http_dates() {
        // 2026-12-08T03:12:36Z
        let ms = 1_796_699_556_000;
        assert_eq!(rfc3339(ms), "2026-12-08T03:12:36Z");
        assert_eq!(http_date(ms), "Tue, 08 Dec 2026 03:12:36 GMT");
        assert_eq!(
            parse_http_date("Tue, 08 Dec 2026 03:12:36 GMT"),
            Some(ms / 1000)
        );
        assert_eq!(parse_http_date("yesterday"), None);
    }

    #[test]
    fn xml_text_is_escaped_and_clean() {
        assert_eq!(xml("a<b>&\"'\u{1}c"), "a&lt;b&gt;&amp;&quot;&apos;c");
    }
}
