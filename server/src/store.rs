//! The database: corrections, editors' notes, editors and sessions, in SQLite (a file, created
//! on first start) or PostgreSQL (a `postgres://` URL), through one set of queries.
//!
//! sqlx's `Any` driver picks the backend from the URL at run time, so every query below is
//! written once, in the SQL both databases accept (`$1` parameters, `RETURNING`,
//! `ON CONFLICT … DO NOTHING`); only the migrations differ (`migrations/sqlite`,
//! `migrations/postgres`: the identity column). Times are Unix milliseconds in `BIGINT`s.

use std::str::FromStr;
use std::time::{SystemTime, UNIX_EPOCH};

use aw_core::correction::payload::Payload;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, Executor, Row};

/// What can go wrong talking to the database.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The URL names neither SQLite nor PostgreSQL (held without its password: errors are
    /// printed).
    #[error("unsupported database URL (use sqlite://FILE or postgres://…): {0}")]
    Url(String),
    /// The database refused or failed.
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
    /// A migration failed.
    #[error("migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

/// Which database is behind the URL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// A SQLite file (WAL, `synchronous=FULL`: a commit is on disk before the answer).
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

/// Where a correction is in the editors' triage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Not looked at yet.
    New,
    /// An editor is checking it.
    InReview,
    /// Right: a correction was published.
    Accepted,
    /// Not a mistake.
    Rejected,
    /// Already reported.
    Duplicate,
}

impl Status {
    /// Every status, in triage order.
    pub const ALL: [Status; 5] = [
        Status::New,
        Status::InReview,
        Status::Accepted,
        Status::Rejected,
        Status::Duplicate,
    ];

    /// The stored (and URL) spelling.
    pub fn key(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::InReview => "in_review",
            Status::Accepted => "accepted",
            Status::Rejected => "rejected",
            Status::Duplicate => "duplicate",
        }
    }

    /// The label editors read.
    pub fn label(self) -> &'static str {
        match self {
            Status::New => "New",
            Status::InReview => "In review",
            Status::Accepted => "Accepted",
            Status::Rejected => "Rejected",
            Status::Duplicate => "Duplicate",
        }
    }

    /// The status stored as `key`.
    pub fn from_key(key: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// A stored correction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Correction {
    /// The row id (`C-<id>` to readers and editors).
    pub id: i64,
    /// What the reader sent.
    pub sub: Payload,
    /// When the server stored it.
    pub received_at: i64,
    /// Triage status.
    pub status: Status,
    /// The correction as published (accepted only).
    pub published_text: Option<String>,
    /// Its date, `YYYY-MM-DD`.
    pub published_on: Option<String>,
    /// The correction this one repeats.
    pub duplicate_of: Option<i64>,
}

/// An editor's internal note (or a recorded status change).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// Who wrote it.
    pub editor: String,
    /// What they wrote.
    pub body: String,
    /// When.
    pub created_at: i64,
}

/// An editor account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Editor {
    /// Row id.
    pub id: i64,
    /// Login.
    pub email: String,
    /// Display name.
    pub name: String,
    /// Argon2id PHC string.
    pub password_hash: String,
}

/// The inbox's filters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only this status.
    pub status: Option<Status>,
    /// Only this article (its `articleId`).
    pub article: Option<String>,
    /// Received at or after (Unix ms).
    pub from_ms: Option<i64>,
    /// Received before (Unix ms).
    pub to_ms: Option<i64>,
    /// Words in the headline, quote, correction, name, email or article ID (case-insensitive in
    /// every script: [`fold`]).
    pub search: Option<String>,
}

/// The outcome of storing a submission under an idempotency key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stored {
    /// Stored now, with this id.
    Created(i64),
    /// The same key and the same body were stored before, with this id.
    Replayed(i64),
    /// The key was used before for a different body.
    KeyReused,
}

/// A published correction, for readers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Published {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// The text as the editor published it.
    pub text: String,
}

/// What the published-corrections document says of an article: what an editor confirmed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArticleRecord {
    /// The headline as confirmed (empty: none confirmed yet).
    pub headline: String,
    /// The article's URL as confirmed (may be empty).
    pub url: String,
}

/// An accepted correction as it is published, with the article's record as the editor
/// confirmed it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Publication<'a> {
    /// The correction's published text.
    pub text: &'a str,
    /// Its date, `YYYY-MM-DD`.
    pub date: &'a str,
    /// The article's headline.
    pub headline: &'a str,
    /// The article's URL (empty: none).
    pub url: &'a str,
}

/// `url` with any password replaced by `***` (for messages and logs).
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.chars().take(64).collect();
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => {
            let user = userinfo.split(':').next().unwrap_or("");
            format!("{scheme}://{user}:***@{host}{path}")
        }
        None => url.to_owned(),
    }
}

/// The text search matches: lower-cased in every script (Rust's Unicode case mapping), the
/// same on both databases.
pub fn fold(text: &str) -> String {
    text.to_lowercase()
}

fn search_text(sub: &Payload) -> String {
    fold(
        &[
            sub.headline.as_str(),
            &sub.quote,
            &sub.correction,
            &sub.name,
            &sub.email,
            &sub.article_id,
        ]
        .join(" "),
    )
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// The database, shared by every request (a connection pool).
#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
}

const CORRECTION_COLUMNS: &str = "id, article_id, article_url, headline, quote, correction, \
    source_url, name, email, locale, submitted_at, page_url, received_at, status, \
    published_text, published_on, duplicate_of";

impl Store {
    /// Opens `url` (`sqlite://FILE`, created if missing, or `postgres://…`) and applies the
    /// migrations that have not run yet.
    pub async fn open(url: &str) -> Result<Store, StoreError> {
        sqlx::any::install_default_drivers();
        let (backend, url) = if let Some(path) = url.strip_prefix("sqlite://") {
            let sep = if path.contains('?') { '&' } else { '?' };
            let url = if path.contains("mode=") {
                url.to_owned()
            } else {
                format!("{url}{sep}mode=rwc")
            };
            (Backend::Sqlite, url)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            (Backend::Postgres, url.to_owned())
        } else {
            return Err(StoreError::Url(redact(url)));
        };
        let options = AnyConnectOptions::from_str(&url)?;
        let pool = AnyPoolOptions::new()
            .max_connections(if backend == Backend::Sqlite { 4 } else { 16 })
            // A database that is down is answered with a 503 in seconds, inside the widget's
            // 15 s wait (sqlx waits 30 s by default), so its retry can follow `Retry-After`.
            .acquire_timeout(std::time::Duration::from_secs(5))
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL lets readers work while one writer commits; FULL makes each
                        // commit durable before the server answers 201; the busy timeout
                        // queues writers instead of failing them.
                        conn.execute(
                            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
                             PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;",
                        )
                        .await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        match backend {
            Backend::Sqlite => sqlx::migrate!("./migrations/sqlite").run(&pool).await?,
            Backend::Postgres => sqlx::migrate!("./migrations/postgres").run(&pool).await?,
        }
        let store = Store { pool, backend };
        store.fill_search_text().await?;
        Ok(store)
    }

    /// Fills `search_text` for rows stored before it existed (a correction is never empty, so
    /// an empty one has not been filled).
    async fn fill_search_text(&self) -> Result<(), StoreError> {
        loop {
            let sql = format!(
                "SELECT {CORRECTION_COLUMNS} FROM corrections WHERE search_text = '' LIMIT 500"
            );
            let rows = sqlx::query(&sql).fetch_all(&self.pool).await?;
            if rows.is_empty() {
                return Ok(());
            }
            let mut tx = self.pool.begin().await?;
            for row in &rows {
                let c = correction(row)?;
                sqlx::query("UPDATE corrections SET search_text = $1 WHERE id = $2")
                    // Never empty again (a blank row would be picked up forever).
                    .bind(format!("{} ", search_text(&c.sub)))
                    .bind(c.id)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
        }
    }

    /// The connection pool (the shared request limits use it).
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Which database this is.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Stores `sub` unless its idempotency key was seen: then it is the first answer again (same
    /// body) or a refusal (different body). One statement, so concurrent repeats of one key
    /// store it once on either database.
    pub async fn insert(
        &self,
        sub: &Payload,
        key: Option<&str>,
        body_hash: &str,
    ) -> Result<Stored, StoreError> {
        let now = now_ms();
        let row = sqlx::query(
            "INSERT INTO corrections (idempotency_key, body_hash, article_id, article_url, \
             headline, quote, correction, source_url, name, email, locale, submitted_at, \
             page_url, received_at, updated_at, search_text) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, $15) \
             ON CONFLICT (idempotency_key) DO NOTHING RETURNING id",
        )
        .bind(key)
        .bind(body_hash)
        .bind(&sub.article_id)
        .bind(&sub.article_url)
        .bind(&sub.headline)
        .bind(&sub.quote)
        .bind(&sub.correction)
        .bind(&sub.source_url)
        .bind(&sub.name)
        .bind(&sub.email)
        .bind(&sub.locale)
        .bind(&sub.submitted_at)
        .bind(&sub.page_url)
        .bind(now)
        .bind(search_text(sub))
        .fetch_optional(&self.pool)
        .await?;
        if let Some(row) = row {
            return Ok(Stored::Created(row.try_get(0)?));
        }
        let first = sqlx::query("SELECT id, body_hash FROM corrections WHERE idempotency_key = $1")
            .bind(key)
            .fetch_one(&self.pool)
            .await?;
        let hash: String = first.try_get(1)?;
        Ok(if hash == body_hash {
            Stored::Replayed(first.try_get(0)?)
        } else {
            Stored::KeyReused
        })
    }

    /// The id and body hash stored under an idempotency key.
    pub async fn find_key(&self, key: &str) -> Result<Option<(i64, String)>, StoreError> {
        let row = sqlx::query("SELECT id, body_hash FROM corrections WHERE idempotency_key = $1")
            .bind(key)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).transpose()
    }

    /// One correction.
    pub async fn get(&self, id: i64) -> Result<Option<Correction>, StoreError> {
        let sql = format!("SELECT {CORRECTION_COLUMNS} FROM corrections WHERE id = $1");
        let row = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| correction(&r)).transpose()
    }

    /// Corrections matching `filter`, newest first, and how many match in all.
    pub async fn list(
        &self,
        filter: &Filter,
        limit: i64,
        offset: i64,
    ) -> Result<(Vec<Correction>, i64), StoreError> {
        let (clause, binds) = where_clause(filter);
        let count_sql = format!("SELECT COUNT(*) FROM corrections{clause}");
        let mut count = sqlx::query(&count_sql);
        for b in &binds {
            count = bind(count, b);
        }
        let total: i64 = count.fetch_one(&self.pool).await?.try_get(0)?;
        let n = binds.len();
        let sql = format!(
            "SELECT {CORRECTION_COLUMNS} FROM corrections{clause} \
             ORDER BY received_at DESC, id DESC LIMIT ${} OFFSET ${}",
            n + 1,
            n + 2
        );
        let mut query = sqlx::query(&sql);
        for b in &binds {
            query = bind(query, b);
        }
        let rows = query.bind(limit).bind(offset).fetch_all(&self.pool).await?;
        let list = rows.iter().map(correction).collect::<Result<_, _>>()?;
        Ok((list, total))
    }

    /// How many corrections each status has.
    pub async fn counts(&self) -> Result<Vec<(Status, i64)>, StoreError> {
        let rows = sqlx::query("SELECT status, COUNT(*) FROM corrections GROUP BY status")
            .fetch_all(&self.pool)
            .await?;
        let mut counts: Vec<(Status, i64)> = Status::ALL.iter().map(|s| (*s, 0)).collect();
        for row in rows {
            let key: String = row.try_get(0)?;
            if let Some(slot) = counts.iter_mut().find(|(s, _)| s.key() == key) {
                slot.1 = row.try_get(1)?;
            }
        }
        Ok(counts)
    }

    /// Moves a correction to `status`, recording who did it as a note. `published` is stored
    /// with `Accepted`, and its headline and URL become the article's public record;
    /// `duplicate_of` is stored with `Duplicate`.
    pub async fn set_status(
        &self,
        id: i64,
        status: Status,
        published: Option<Publication<'_>>,
        duplicate_of: Option<i64>,
        editor: i64,
    ) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await?;
        let done = sqlx::query(
            "UPDATE corrections SET status = $1, published_text = $2, published_on = $3, \
             duplicate_of = $4, updated_at = $5 WHERE id = $6",
        )
        .bind(status.key())
        .bind(published.map(|p| p.text))
        .bind(published.map(|p| p.date))
        .bind(duplicate_of)
        .bind(now_ms())
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if done {
            if let Some(p) = published {
                // INSERT … SELECT … ON CONFLICT: the SELECT's WHERE keeps SQLite's parser from
                // reading ON CONFLICT as a join constraint.
                sqlx::query(
                    "INSERT INTO articles (article_id, headline, url, confirmed_by, confirmed_at) \
                     SELECT article_id, $1, $2, $3, $4 FROM corrections WHERE id = $5 \
                     ON CONFLICT (article_id) DO UPDATE SET headline = excluded.headline, \
                     url = excluded.url, confirmed_by = excluded.confirmed_by, \
                     confirmed_at = excluded.confirmed_at",
                )
                .bind(p.headline)
                .bind(p.url)
                .bind(editor)
                .bind(now_ms())
                .bind(id)
                .execute(&mut *tx)
                .await?;
            }
            let note = match (status, published, duplicate_of) {
                (Status::Accepted, Some(p), _) => {
                    format!(
                        "Status: {}. Published on {}: {}",
                        status.label(),
                        p.date,
                        p.text
                    )
                }
                (Status::Duplicate, _, Some(of)) => {
                    format!("Status: {} of C-{of}.", status.label())
                }
                _ => format!("Status: {}.", status.label()),
            };
            add_note(&mut tx, id, editor, &note).await?;
        }
        tx.commit().await?;
        Ok(done)
    }

    /// Adds an internal note.
    pub async fn add_note(&self, id: i64, editor: i64, body: &str) -> Result<(), StoreError> {
        let mut conn = self.pool.acquire().await?;
        add_note(&mut conn, id, editor, body).await
    }

    /// A correction's notes, oldest first.
    pub async fn notes(&self, id: i64) -> Result<Vec<Note>, StoreError> {
        let rows = sqlx::query(
            "SELECT e.name, n.body, n.created_at FROM notes n JOIN editors e \
             ON e.id = n.editor_id WHERE n.correction_id = $1 ORDER BY n.created_at, n.id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Note {
                    editor: r.try_get(0)?,
                    body: r.try_get(1)?,
                    created_at: r.try_get(2)?,
                })
            })
            .collect()
    }

    /// The article's published corrections, oldest first.
    pub async fn published(&self, article_id: &str) -> Result<Vec<Published>, StoreError> {
        let rows = sqlx::query(
            "SELECT published_on, published_text FROM corrections \
             WHERE article_id = $1 AND status = 'accepted' AND published_text IS NOT NULL \
             ORDER BY published_on, id",
        )
        .bind(article_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Published {
                    date: r.try_get::<Option<String>, _>(0)?.unwrap_or_default(),
                    text: r.try_get(1)?,
                })
            })
            .collect()
    }

    /// The article's headline and URL as an editor confirmed them (`None`: no editor has
    /// yet). Never what a reader's page sent.
    pub async fn article(&self, article_id: &str) -> Result<Option<ArticleRecord>, StoreError> {
        let row = sqlx::query("SELECT headline, url FROM articles WHERE article_id = $1")
            .bind(article_id)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| {
            Ok(ArticleRecord {
                headline: r.try_get("headline")?,
                url: r.try_get("url")?,
            })
        })
        .transpose()
    }

    /// Creates an editor, or replaces the name and password of an existing one (restoring a
    /// removed one). A new password ends every session the editor had.
    pub async fn upsert_editor(
        &self,
        email: &str,
        name: &str,
        password_hash: &str,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "INSERT INTO editors (email, name, password_hash, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (email) DO UPDATE SET name = excluded.name, \
             password_hash = excluded.password_hash, removed_at = NULL",
        )
        .bind(email)
        .bind(name)
        .bind(password_hash)
        .bind(now_ms())
        .execute(&mut *tx)
        .await?;
        end_sessions_of(&mut tx, email).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Removes an editor: their sessions end and they cannot log in; their notes keep their
    /// name. `false`: no such editor.
    pub async fn remove_editor(&self, email: &str) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await?;
        let done = sqlx::query(
            "UPDATE editors SET removed_at = $1, password_hash = '' \
             WHERE email = $2 AND removed_at IS NULL",
        )
        .bind(now_ms())
        .bind(email)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        end_sessions_of(&mut tx, email).await?;
        tx.commit().await?;
        Ok(done)
    }

    /// The editor who logs in as `email`.
    pub async fn editor_by_email(&self, email: &str) -> Result<Option<Editor>, StoreError> {
        let row = sqlx::query(
            "SELECT id, email, name, password_hash FROM editors \
                 WHERE email = $1 AND removed_at IS NULL",
        )
        .bind(email)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| editor(&r, 0)).transpose()
    }

    /// Starts a session (the token is stored hashed).
    pub async fn create_session(
        &self,
        token_hash: &str,
        editor: i64,
        csrf: &str,
        expires_at: i64,
    ) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM sessions WHERE expires_at < $1")
            .bind(now_ms())
            .execute(&self.pool)
            .await?;
        sqlx::query(
            "INSERT INTO sessions (token_hash, editor_id, csrf, expires_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(token_hash)
        .bind(editor)
        .bind(csrf)
        .bind(expires_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The live session with this token hash: its editor and CSRF token.
    pub async fn session(&self, token_hash: &str) -> Result<Option<(Editor, String)>, StoreError> {
        let row = sqlx::query(
            "SELECT s.csrf, e.id, e.email, e.name, e.password_hash FROM sessions s \
             JOIN editors e ON e.id = s.editor_id \
             WHERE s.token_hash = $1 AND s.expires_at > $2 AND e.removed_at IS NULL",
        )
        .bind(token_hash)
        .bind(now_ms())
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| Ok((editor(&r, 1)?, r.try_get(0)?))).transpose()
    }

    /// Ends a session.
    pub async fn end_session(&self, token_hash: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// How many corrections are stored (tests and the load benchmark).
    pub async fn count(&self) -> Result<i64, StoreError> {
        Ok(sqlx::query("SELECT COUNT(*) FROM corrections")
            .fetch_one(&self.pool)
            .await?
            .try_get(0)?)
    }
}

async fn end_sessions_of(conn: &mut sqlx::AnyConnection, email: &str) -> Result<(), StoreError> {
    sqlx::query(
        "DELETE FROM sessions WHERE editor_id IN (SELECT id FROM editors WHERE email = $1)",
    )
    .bind(email)
    .execute(conn)
    .await?;
    Ok(())
}

async fn add_note(
    conn: &mut sqlx::AnyConnection,
    id: i64,
    editor: i64,
    body: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO notes (correction_id, editor_id, body, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(id)
    .bind(editor)
    .bind(body)
    .bind(now_ms())
    .execute(conn)
    .await?;
    Ok(())
}

enum Bind {
    Text(String),
    Int(i64),
}

type AnyQuery<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

fn bind<'q>(query: AnyQuery<'q>, value: &Bind) -> AnyQuery<'q> {
    match value {
        Bind::Text(s) => query.bind(s.clone()),
        Bind::Int(n) => query.bind(*n),
    }
}

/// ` WHERE …` for `filter` and its parameters, numbered from `$1`.
fn where_clause(filter: &Filter) -> (String, Vec<Bind>) {
    let mut parts = Vec::new();
    let mut binds = Vec::new();
    let mut push = |sql: &str, value: Bind| {
        binds.push(value);
        parts.push(sql.replace('?', &format!("${}", binds.len())));
    };
    if let Some(status) = filter.status {
        push("status = ?", Bind::Text(status.key().into()));
    }
    if let Some(article) = &filter.article {
        push("article_id = ?", Bind::Text(article.clone()));
    }
    if let Some(from) = filter.from_ms {
        push("received_at >= ?", Bind::Int(from));
    }
    if let Some(to) = filter.to_ms {
        push("received_at < ?", Bind::Int(to));
    }
    if let Some(words) = &filter.search {
        for word in words.split_whitespace().take(8) {
            let escaped = word
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            push(
                "search_text LIKE ? ESCAPE '\\'",
                Bind::Text(format!("%{}%", fold(&escaped))),
            );
        }
    }
    if parts.is_empty() {
        (String::new(), binds)
    } else {
        (format!(" WHERE {}", parts.join(" AND ")), binds)
    }
}

fn correction(r: &AnyRow) -> Result<Correction, StoreError> {
    let status: String = r.try_get(13)?;
    Ok(Correction {
        id: r.try_get(0)?,
        sub: Payload {
            article_id: r.try_get(1)?,
            article_url: r.try_get(2)?,
            headline: r.try_get(3)?,
            quote: r.try_get(4)?,
            correction: r.try_get(5)?,
            source_url: r.try_get(6)?,
            name: r.try_get(7)?,
            email: r.try_get(8)?,
            locale: r.try_get(9)?,
            submitted_at: r.try_get(10)?,
            page_url: r.try_get(11)?,
        },
        received_at: r.try_get(12)?,
        status: Status::from_key(&status).unwrap_or(Status::New),
        published_text: r.try_get(14)?,
        published_on: r.try_get(15)?,
        duplicate_of: r.try_get(16)?,
    })
}

fn editor(r: &AnyRow, from: usize) -> Result<Editor, StoreError> {
    Ok(Editor {
        id: r.try_get(from)?,
        email: r.try_get(from + 1)?,
        name: r.try_get(from + 2)?,
        password_hash: r.try_get(from + 3)?,
    })
}

#[cfg(test)]
mod tests {
    /// The two migrations say the same thing: PostgreSQL's is SQLite's with its identity
    /// columns spelled the PostgreSQL way (and its header naming the other file).
    #[test]
    fn later_migrations_are_the_same_on_both() {
        assert_eq!(
            include_str!("../migrations/sqlite/0002_public_record.sql"),
            include_str!("../migrations/postgres/0002_public_record.sql"),
        );
        assert_eq!(
            include_str!("../migrations/sqlite/0003_limits.sql"),
            include_str!("../migrations/postgres/0003_limits.sql"),
        );
    }

    #[test]
    fn passwords_never_reach_a_message() {
        assert_eq!(
            super::redact("mysql://aw:s3cret@db.example:3306/aw?x=1"),
            "mysql://aw:***@db.example:3306/aw?x=1"
        );
        assert_eq!(
            super::redact("mysql://db.example/aw"),
            "mysql://db.example/aw"
        );
        let e = super::StoreError::Url(super::redact("mongodb://u:hunter2@h/d"));
        assert!(!e.to_string().contains("hunter2"), "{e}");
    }

    #[test]
    fn the_two_schemas_stay_in_step() {
        let sqlite = include_str!("../migrations/sqlite/0001_corrections.sql");
        let postgres = include_str!("../migrations/postgres/0001_corrections.sql");
        let body = |sql: &str| sql.lines().skip(2).collect::<Vec<_>>().join("\n");
        assert_eq!(
            body(postgres),
            body(sqlite).replace(
                "INTEGER PRIMARY KEY AUTOINCREMENT",
                "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"
            )
        );
    }
}
