//! The `notes` table: editors' internal notes on a correction, and the recorded status changes.

use sqlx::Row;

use super::{now_ms, Store, StoreError};

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

impl Store {
    /// Adds an internal note.
    pub async fn add_note(&self, id: i64, editor: i64, body: &str) -> Result<(), StoreError> {
        let mut conn = self.pool.acquire().await?;
        add_note(&mut conn, id, editor, body).await
    }

    /// A correction's notes, oldest first.
    pub async fn notes(&self, id: i64) -> Result<Vec<Note>, StoreError> {
        let rows = sqlx::query(
            "SELECT e.name AS editor, n.body, n.created_at FROM notes n JOIN editors e \
             ON e.id = n.editor_id WHERE n.correction_id = $1 ORDER BY n.created_at, n.id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Note {
                    editor: r.try_get("editor")?,
                    body: r.try_get("body")?,
                    created_at: r.try_get("created_at")?,
                })
            })
            .collect()
    }
}

pub(super) async fn add_note(
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
