//! The public record: every correction an editor published, newest first, with its kind, its
//! article as the editors confirmed it, and whether it was withdrawn since — what the
//! corrections log and the Atom feeds show (`crate::record`).

use sqlx::Row;

use super::{Store, StoreError};

/// What kind of notice an editor published.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Kind {
    /// Something published was wrong (schema.org `CorrectionComment`).
    #[default]
    Correction,
    /// Something published was unclear or could mislead.
    Clarification,
    /// Something changed since publication.
    Update,
    /// The newsroom's note on the article.
    EditorsNote,
}

impl Kind {
    /// Every kind, in the order the inbox offers them.
    pub const ALL: [Kind; 4] = [
        Kind::Correction,
        Kind::Clarification,
        Kind::Update,
        Kind::EditorsNote,
    ];

    /// The stored (and URL) spelling.
    pub fn key(self) -> &'static str {
        match self {
            Kind::Correction => "correction",
            Kind::Clarification => "clarification",
            Kind::Update => "update",
            Kind::EditorsNote => "editors-note",
        }
    }

    /// The label readers and editors read.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Correction => "Correction",
            Kind::Clarification => "Clarification",
            Kind::Update => "Update",
            Kind::EditorsNote => "Editor's note",
        }
    }

    /// The kind stored as `key` (an unknown key: none).
    pub fn from_key(key: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.key() == key)
    }
}

/// One published correction in the public record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordEntry {
    /// The correction's id (`C-<id>`): the entry's stable identity.
    pub id: i64,
    /// The widget's `articleId`.
    pub article_id: String,
    /// The article's headline as an editor confirmed it (empty: none).
    pub headline: String,
    /// The article's URL as an editor confirmed it (empty: none).
    pub url: String,
    /// What kind of notice.
    pub kind: Kind,
    /// The text as published.
    pub text: String,
    /// The date it carries, `YYYY-MM-DD`.
    pub date: String,
    /// When it was first published (ms).
    pub published_at: i64,
    /// When its public entry last changed (ms): an edit, a withdrawal.
    pub updated_at: i64,
    /// When it was withdrawn (ms), if it was.
    pub withdrawn_at: Option<i64>,
}

/// Which part of the record.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RecordQuery {
    /// Only this article's.
    pub article: Option<String>,
    /// Only this kind.
    pub kind: Option<Kind>,
    /// Only entries older than this one (the log's next page): `(published_at, id)`.
    pub before: Option<(i64, i64)>,
    /// At most this many.
    pub limit: i64,
}

/// What a published correction is: the condition both the log and the feeds use.
const PUBLISHED: &str = "c.published_text IS NOT NULL AND c.first_published_at IS NOT NULL";

impl Store {
    /// The record's entries under `query`, newest first (by first publication, then id).
    pub async fn record(&self, query: &RecordQuery) -> Result<Vec<RecordEntry>, StoreError> {
        let mut clause = format!(" WHERE {PUBLISHED}");
        let mut n = 0;
        let mut next = || {
            n += 1;
            format!("${n}")
        };
        if query.article.is_some() {
            clause += &format!(" AND c.article_id = {}", next());
        }
        if query.kind.is_some() {
            clause += &format!(" AND c.published_kind = {}", next());
        }
        if query.before.is_some() {
            let (a, b, c) = (next(), next(), next());
            clause += &format!(
                " AND (c.first_published_at < {a} OR (c.first_published_at = {b} AND c.id < {c}))"
            );
        }
        let limit = next();
        let sql = format!(
            "SELECT c.id, c.article_id, COALESCE(a.headline, '') AS headline, \
             COALESCE(a.url, '') AS url, c.published_kind, c.published_text, \
             COALESCE(c.published_on, '') AS published_on, c.first_published_at, \
             COALESCE(c.record_updated_at, c.first_published_at) AS record_updated_at, \
             c.withdrawn_at \
             FROM corrections c LEFT JOIN articles a ON a.article_id = c.article_id{clause} \
             ORDER BY c.first_published_at DESC, c.id DESC LIMIT {limit}"
        );
        let mut q = sqlx::query(&sql);
        if let Some(article) = &query.article {
            q = q.bind(article.clone());
        }
        if let Some(kind) = query.kind {
            q = q.bind(kind.key());
        }
        if let Some((at, id)) = query.before {
            q = q.bind(at).bind(at).bind(id);
        }
        let rows = q.bind(query.limit).fetch_all(&self.pool).await?;
        rows.iter()
            .map(|r| {
                Ok(RecordEntry {
                    id: r.try_get("id")?,
                    article_id: r.try_get("article_id")?,
                    headline: r.try_get("headline")?,
                    url: r.try_get("url")?,
                    kind: Kind::from_key(&r.try_get::<String, _>("published_kind")?)
                        .unwrap_or_default(),
                    text: r.try_get("published_text")?,
                    date: r.try_get("published_on")?,
                    published_at: r.try_get("first_published_at")?,
                    updated_at: r.try_get("record_updated_at")?,
                    withdrawn_at: r.try_get("withdrawn_at")?,
                })
            })
            .collect()
    }

    /// When the record (or one article's part of it) last changed (ms), and how many entries
    /// it has: what `Last-Modified` and the `ETag` of the feeds and the log stand on.
    pub async fn record_version(&self, article: Option<&str>) -> Result<(i64, i64), StoreError> {
        let sql = format!(
            "SELECT COALESCE(MAX(COALESCE(c.record_updated_at, c.first_published_at)), 0) AS at, \
             COUNT(*) AS n FROM corrections c WHERE {PUBLISHED}{}",
            if article.is_some() {
                " AND c.article_id = $1"
            } else {
                ""
            }
        );
        let mut q = sqlx::query(&sql);
        if let Some(article) = article {
            q = q.bind(article.to_owned());
        }
        let row = q.fetch_one(&self.pool).await?;
        Ok((row.try_get("at")?, row.try_get("n")?))
    }
}
