//! The database: corrections, editors' notes, articles' public record, editors and sessions, in SQLite (a file, created
//! on first start) or PostgreSQL (a `postgres://` URL), through one set of queries.
//!
//! sqlx's `Any` driver picks the backend from the URL at run time, so every query below is
//! written once, in the SQL both databases accept (`$1` parameters, `RETURNING`,
//! `ON CONFLICT … DO NOTHING`); only the migrations differ (`migrations/sqlite`,
//! `migrations/postgres`: the identity column). Times are Unix milliseconds in `BIGINT`s.

//!
//! One file a table: [`corrections`] (intake, triage, the inbox's list), [`notes`], [`articles`]
//! (the public record) and [`editors`] (accounts and sessions). Columns are read by name.

use std::str::FromStr;
use std::time::{SystemTime, UNIX_EPOCH};

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};

pub mod articles;
pub mod corrections;
pub mod editors;
pub mod filter;
pub mod notes;
pub mod record;
pub mod status;

pub use articles::{ArticleRecord, Publication, Published};
pub use corrections::{Correction, Stored};
pub use editors::Editor;
pub use filter::Filter;
pub use notes::Note;
pub use record::{Kind, RecordEntry, RecordQuery};
pub use status::Status;

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

    /// The connection pool (the shared request limits use it).
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Which database this is.
    pub fn backend(&self) -> Backend {
        self.backend
    }
}

#[cfg(test)]
mod tests {
    /// The two migrations say the same thing: PostgreSQL's is SQLite's with its identity
    /// columns spelled the PostgreSQL way (and its header naming the other file).
    #[test]
    fn later_migrations_are_the_same_on_both() {
        assert_eq!(
            include_str!("../../migrations/sqlite/0002_public_record.sql"),
            include_str!("../../migrations/postgres/0002_public_record.sql"),
        );
        assert_eq!(
            include_str!("../../migrations/sqlite/0003_limits.sql"),
            include_str!("../../migrations/postgres/0003_limits.sql"),
        );
        assert_eq!(
            include_str!("../../migrations/sqlite/0004_record.sql"),
            include_str!("../../migrations/postgres/0004_record.sql"),
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
        let sqlite = include_str!("../../migrations/sqlite/0001_corrections.sql");
        let postgres = include_str!("../../migrations/postgres/0001_corrections.sql");
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
