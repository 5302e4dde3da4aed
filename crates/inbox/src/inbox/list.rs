//! The list of corrections (`GET /inbox`): its filters, its pages, and the same selection as CSV
//! (`GET /inbox/export.csv`).

use axum::body::{Body, Bytes};
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;

use super::auth::Session;
use super::{failed, views};
use crate::error::AppError;
use crate::state::AppState;
use crate::store::{Correction, Filter, Status, Store};

/// Corrections per page.
const PER_PAGE: i64 = 50;
/// Most rows in one CSV export.
const EXPORT_MAX: i64 = 100_000;

/// The list's filters, as the filter form sends them.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct ListQuery {
    /// A status key.
    pub status: Option<String>,
    /// An `articleId`.
    pub article: Option<String>,
    /// `YYYY-MM-DD`, inclusive.
    pub from: Option<String>,
    /// `YYYY-MM-DD`, inclusive.
    pub to: Option<String>,
    /// Words.
    pub q: Option<String>,
    /// 1-based page (anything that is not a number from 1 to [`MAX_PAGE`] is the nearest).
    pub page: Option<String>,
}

/// The last page number the list goes to (with 50 a page, 50 million corrections).
pub const MAX_PAGE: i64 = 1_000_000;

pub(super) fn day_ms(date: &str) -> Option<i64> {
    let d = time::Date::parse(
        date,
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .ok()?;
    Some(d.midnight().assume_utc().unix_timestamp() * 1000)
}

impl ListQuery {
    /// The store's filter.
    pub fn filter(&self) -> Filter {
        let text = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        Filter {
            status: self.status.as_deref().and_then(Status::from_key),
            article: text(&self.article),
            from_ms: self.from.as_deref().and_then(day_ms),
            to_ms: self
                .to
                .as_deref()
                .and_then(day_ms)
                .map(|ms| ms + 24 * 60 * 60 * 1000),
            search: text(&self.q),
            after: None,
        }
    }

    /// The page asked for, from 1 to [`MAX_PAGE`].
    pub fn page_no(&self) -> i64 {
        let page = self.page.as_deref().unwrap_or("").trim();
        match page.parse::<i64>() {
            Ok(n) => n.clamp(1, MAX_PAGE),
            // A number too large for an i64 is past the last page.
            Err(_) if !page.is_empty() && page.bytes().all(|b| b.is_ascii_digit()) => MAX_PAGE,
            Err(_) => 1,
        }
    }

    /// The filters as a query string (for links that keep them).
    pub fn query_string(&self, with_page: bool) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        for (k, v) in [
            ("status", &self.status),
            ("article", &self.article),
            ("from", &self.from),
            ("to", &self.to),
            ("q", &self.q),
        ] {
            if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
                out.append_pair(k, v);
            }
        }
        if with_page && self.page.is_some() {
            out.append_pair("page", &self.page_no().to_string());
        }
        out.finish()
    }
}
pub(super) async fn list(
    State(state): State<AppState>,
    session: Session,
    Query(q): Query<ListQuery>,
) -> Response {
    let page_no = q.page_no();
    let listed = state
        .store
        .list(&q.filter(), PER_PAGE, (page_no - 1) * PER_PAGE)
        .await;
    let counts = state.store.counts().await;
    match (listed, counts) {
        (Ok((items, total)), Ok(counts)) => {
            Html(views::list(&session, &q, &counts, &items, total, page_no, PER_PAGE).into_string())
                .into_response()
        }
        (Err(e), _) | (_, Err(e)) => failed(e),
    }
}

/// A CSV cell a spreadsheet will not run as a formula (OWASP's CSV injection list: a cell that
/// starts with `=`, `+`, `-`, `@`, a tab or a carriage return, plus a line feed, the full-width
/// `＝＋－＠` that spreadsheets also read as operators, and any of them after leading white space,
/// which spreadsheets skip): such a cell gets a leading `'`, so it reads as text.
fn cell(text: &str) -> String {
    let first =
        text.trim_start_matches(|c: char| c.is_whitespace() && !matches!(c, '\t' | '\r' | '\n'));
    let risky = text.starts_with(['\t', '\r', '\n'])
        || first.starts_with(['=', '+', '-', '@', '\t', '\r', '\n', '＝', '＋', '－', '＠']);
    if risky {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// The export's columns.
const HEAD: [&str; 15] = [
    "id",
    "received",
    "status",
    "articleId",
    "articleUrl",
    "headline",
    "quote",
    "correction",
    "sourceUrl",
    "name",
    "email",
    "locale",
    "publishedOn",
    "publishedText",
    "duplicateOf",
];

/// Rows read from the database at a time: the export holds one page in memory, however long.
const EXPORT_PAGE: i64 = 500;

fn record(c: &Correction) -> [String; 15] {
    let s = &c.sub;
    [
        format!("C-{}", c.id),
        views::when(c.received_at),
        c.status.key().into(),
        cell(&s.article_id),
        cell(&s.article_url),
        cell(&s.headline),
        cell(&s.quote),
        cell(&s.correction),
        cell(&s.source_url),
        cell(&s.name),
        cell(&s.email),
        cell(&s.locale),
        c.published_on.clone().unwrap_or_default(),
        cell(c.published_text.as_deref().unwrap_or("")),
        c.duplicate_of.map(|d| format!("C-{d}")).unwrap_or_default(),
    ]
}

/// `rows` (after the header, when `head`) as CSV.
fn csv_chunk(head: bool, rows: &[Correction]) -> std::io::Result<Bytes> {
    let mut out = csv::Writer::from_writer(Vec::new());
    if head {
        out.write_record(HEAD)?;
    }
    for c in rows {
        out.write_record(record(c))?;
    }
    out.into_inner()
        .map(Bytes::from)
        .map_err(|e| std::io::Error::other(e.to_string()))
}

/// Where the export is: the filter (its keyset moves on), rows sent, the page read ahead.
struct Cursor {
    store: Store,
    filter: Filter,
    sent: i64,
    ahead: Option<Vec<Correction>>,
}

/// The next chunk of the export: a page as CSV, or the database's error (which aborts the
/// transfer: the editor's browser reports a failed download, never a file silently cut short).
async fn next_chunk(mut at: Cursor) -> Option<(std::io::Result<Bytes>, Cursor)> {
    let rows = match at.ahead.take() {
        Some(rows) => rows,
        None => {
            if at.sent >= EXPORT_MAX {
                return None;
            }
            match at
                .store
                .page(&at.filter, EXPORT_PAGE.min(EXPORT_MAX - at.sent))
                .await
            {
                Ok(rows) if rows.is_empty() => return None,
                Ok(rows) => rows,
                Err(e) => {
                    tracing::warn!(error = %e, "export cut short");
                    at.sent = EXPORT_MAX;
                    return Some((Err(std::io::Error::other(e.to_string())), at));
                }
            }
        }
    };
    let head = at.sent == 0;
    at.sent += rows.len() as i64;
    if (rows.len() as i64) < EXPORT_PAGE {
        at.sent = EXPORT_MAX;
    }
    if let Some(last) = rows.last() {
        at.filter.after = Some((last.received_at, last.id));
    }
    Some((csv_chunk(head, &rows), at))
}

/// `GET /inbox/export.csv`: the list's selection (up to [`EXPORT_MAX`] rows), streamed page by
/// page in constant memory. The first page is read before the answer starts, so a database
/// that is down is a 503 page, not an empty file.
pub(super) async fn export(
    State(state): State<AppState>,
    _session: Session,
    Query(q): Query<ListQuery>,
) -> Response {
    let filter = q.filter();
    let first = match state.store.page(&filter, EXPORT_PAGE).await {
        Ok(rows) => rows,
        Err(e) => return failed(e),
    };
    let body = if first.is_empty() {
        match csv_chunk(true, &[]) {
            Ok(b) => Body::from(b),
            Err(e) => return AppError::Internal(e.to_string()).into_response(),
        }
    } else {
        let cursor = Cursor {
            store: state.store.clone(),
            filter,
            sent: 0,
            ahead: Some(first),
        };
        Body::from_stream(futures_util::stream::unfold(cursor, next_chunk))
    };
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"corrections-{}.csv\"",
                    views::today()
                ),
            ),
        ],
        body,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn no_cell_reads_as_a_formula() {
        for risky in [
            "=HYPERLINK(\"https://evil.example\")",
            "+1+1",
            "-2+3",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
            "\n=1",
            " =1+1",
            "\u{a0}\u{3000} +cmd|' /C calc'!A0",
            "＝1+1",
            "＋1",
            "－1",
            "＠SUM(A1)",
            "  ＝1",
        ] {
            assert!(cell(risky).starts_with('\''), "{risky:?}");
        }
        for plain in ["The cost was $5.", "a=b", "C-12", "", "2026-12-07"] {
            assert_eq!(cell(plain), plain);
        }
    }
}
