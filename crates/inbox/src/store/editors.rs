//! The `editors` and `sessions` tables: accounts (created, re-keyed, removed from the command
//! line) and the sessions their logins start.

use sqlx::any::AnyRow;
use sqlx::Row;

use super::{now_ms, Store, StoreError};

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

impl Store {
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
        row.map(|r| editor(&r)).transpose()
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
        row.map(|r| Ok((editor(&r)?, r.try_get("csrf")?)))
            .transpose()
    }

    /// Ends a session.
    pub async fn end_session(&self, token_hash: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
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

fn editor(r: &AnyRow) -> Result<Editor, StoreError> {
    Ok(Editor {
        id: r.try_get("id")?,
        email: r.try_get("email")?,
        name: r.try_get("name")?,
        password_hash: r.try_get("password_hash")?,
    })
}
