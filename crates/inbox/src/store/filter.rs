//! The inbox's filters over the `corrections` table, as a `WHERE` clause with numbered
//! parameters (the same SQL on both databases).

use super::fold;
use super::status::Status;

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
    /// Only corrections listed after this one, newest first: its (received at, id). The export
    /// reads page after page with it (a keyset, so each page costs the same).
    pub after: Option<(i64, i64)>,
}

pub(super) enum Bind {
    Text(String),
    Int(i64),
}

pub(super) type AnyQuery<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

pub(super) fn bind<'q>(query: AnyQuery<'q>, value: &Bind) -> AnyQuery<'q> {
    match value {
        Bind::Text(s) => query.bind(s.clone()),
        Bind::Int(n) => query.bind(*n),
    }
}

/// ` WHERE …` for `filter` and its parameters, numbered from `$1`.
pub(super) fn where_clause(filter: &Filter) -> (String, Vec<Bind>) {
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
    if let Some((at, id)) = filter.after {
        binds.push(Bind::Int(at));
        let a = binds.len();
        binds.push(Bind::Int(id));
        let b = binds.len();
        parts.push(format!(
            "(received_at < ${a} OR (received_at = ${a} AND id < ${b}))"
        ));
    }
    if parts.is_empty() {
        (String::new(), binds)
    } else {
        (format!(" WHERE {}", parts.join(" AND ")), binds)
    }
}
