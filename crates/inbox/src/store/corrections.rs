//! The `corrections` table: what readers sent (stored once per idempotency key), its triage
//! status, and the inbox's filtered list.

use aw_core::correction::payload::Payload;
use sqlx::any::AnyRow;
use sqlx::Row;

use super::filter::{bind, where_clause};
use super::notes::add_note;
use super::status::Status;
use super::{fold, now_ms, Filter, Publication, Store, StoreError};

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
    /// The correction as published (accepted; kept, marked withdrawn, when it leaves "accepted").
    pub published_text: Option<String>,
    /// Its date, `YYYY-MM-DD`.
    pub published_on: Option<String>,
    /// The correction this one repeats.
    pub duplicate_of: Option<i64>,
    /// What kind of notice it was published as (a correction until an editor says otherwise).
    pub kind: super::Kind,
    /// When a published correction was withdrawn (ms).
    pub withdrawn_at: Option<i64>,
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

const CORRECTION_COLUMNS: &str = "id, article_id, article_url, headline, quote, correction, \
    source_url, name, email, locale, submitted_at, page_url, received_at, status, \
    published_text, published_on, duplicate_of, published_kind, withdrawn_at";

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

impl Store {
    /// Fills `search_text` for rows stored before it existed (a correction is never empty, so
    /// an empty one has not been filled).
    pub(super) async fn fill_search_text(&self) -> Result<(), StoreError> {
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
            return Ok(Stored::Created(row.try_get("id")?));
        }
        let first = sqlx::query("SELECT id, body_hash FROM corrections WHERE idempotency_key = $1")
            .bind(key)
            .fetch_one(&self.pool)
            .await?;
        let hash: String = first.try_get("body_hash")?;
        Ok(if hash == body_hash {
            Stored::Replayed(first.try_get("id")?)
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
        row.map(|r| Ok((r.try_get("id")?, r.try_get("body_hash")?)))
            .transpose()
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
        let count_sql = format!("SELECT COUNT(*) AS n FROM corrections{clause}");
        let mut count = sqlx::query(&count_sql);
        for b in &binds {
            count = bind(count, b);
        }
        let total: i64 = count.fetch_one(&self.pool).await?.try_get("n")?;
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

    /// Up to `limit` corrections matching `filter`, newest first, without counting them all (a
    /// page of the export: [`Filter::after`] moves on).
    pub async fn page(&self, filter: &Filter, limit: i64) -> Result<Vec<Correction>, StoreError> {
        let (clause, binds) = where_clause(filter);
        let sql = format!(
            "SELECT {CORRECTION_COLUMNS} FROM corrections{clause} \
             ORDER BY received_at DESC, id DESC LIMIT ${}",
            binds.len() + 1
        );
        let mut query = sqlx::query(&sql);
        for b in &binds {
            query = bind(query, b);
        }
        let rows = query.bind(limit).fetch_all(&self.pool).await?;
        rows.iter().map(correction).collect()
    }

    /// How many corrections each status has.
    pub async fn counts(&self) -> Result<Vec<(Status, i64)>, StoreError> {
        let rows = sqlx::query("SELECT status, COUNT(*) AS n FROM corrections GROUP BY status")
            .fetch_all(&self.pool)
            .await?;
        let mut counts: Vec<(Status, i64)> = Status::ALL.iter().map(|s| (*s, 0)).collect();
        for row in rows {
            let key: String = row.try_get("status")?;
            if let Some(slot) = counts.iter_mut().find(|(s, _)| s.key() == key) {
                slot.1 = row.try_get("n")?;
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
        // The public record (store/record.rs): accepting publishes (first publication kept);
        // leaving "accepted" withdraws — the published words stay, marked withdrawn, so that the
        // log and the feeds never drop an entry silently. Every value of SET reads the row as it
        // was.
        let was_published = "(status = 'accepted' AND published_text IS NOT NULL)";
        let sql = format!(
            "UPDATE corrections SET status = $1, \
             published_text = CASE WHEN $2 THEN $3 ELSE published_text END, \
             published_on = CASE WHEN $2 THEN $4 ELSE published_on END, \
             published_kind = CASE WHEN $2 THEN $5 ELSE published_kind END, \
             first_published_at = CASE WHEN $2 THEN COALESCE(first_published_at, $6) \
               ELSE first_published_at END, \
             withdrawn_at = CASE WHEN $2 THEN NULL WHEN {was_published} THEN $6 \
               ELSE withdrawn_at END, \
             record_updated_at = CASE WHEN $2 OR {was_published} THEN $6 \
               ELSE record_updated_at END, \
             duplicate_of = $7, updated_at = $6 WHERE id = $8"
        );
        let done = sqlx::query(&sql)
            .bind(status.key())
            .bind(published.is_some())
            .bind(published.map(|p| p.text))
            .bind(published.map(|p| p.date))
            .bind(published.map_or("correction", |p| p.kind.key()))
            .bind(now_ms())
            .bind(duplicate_of)
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

    /// How many corrections are stored (tests and the load benchmark).
    pub async fn count(&self) -> Result<i64, StoreError> {
        Ok(sqlx::query("SELECT COUNT(*) AS n FROM corrections")
            .fetch_one(&self.pool)
            .await?
            .try_get("n")?)
    }
}

fn correction(r: &AnyRow) -> Result<Correction, StoreError> {
    let status: String = r.try_get("status")?;
    Ok(Correction {
        id: r.try_get("id")?,
        sub: Payload {
            article_id: r.try_get("article_id")?,
            article_url: r.try_get("article_url")?,
            headline: r.try_get("headline")?,
            quote: r.try_get("quote")?,
            correction: r.try_get("correction")?,
            source_url: r.try_get("source_url")?,
            name: r.try_get("name")?,
            email: r.try_get("email")?,
            locale: r.try_get("locale")?,
            submitted_at: r.try_get("submitted_at")?,
            page_url: r.try_get("page_url")?,
        },
        received_at: r.try_get("received_at")?,
        status: Status::from_key(&status).unwrap_or(Status::New),
        published_text: r.try_get("published_text")?,
        published_on: r.try_get("published_on")?,
        kind: super::Kind::from_key(&r.try_get::<String, _>("published_kind")?).unwrap_or_default(),
        withdrawn_at: r.try_get("withdrawn_at")?,
        duplicate_of: r.try_get("duplicate_of")?,
    })
}
