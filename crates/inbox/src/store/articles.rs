//! The `articles` table (the headline and URL an editor confirmed: the public record) and the
//! published corrections readers see.

use sqlx::Row;

use super::{Store, StoreError};

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
    /// What kind of notice it is.
    pub kind: super::Kind,
}

impl Store {
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
                    date: r
                        .try_get::<Option<String>, _>("published_on")?
                        .unwrap_or_default(),
                    text: r.try_get("published_text")?,
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
}
