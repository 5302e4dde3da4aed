//! The data layer's typed errors (the widget's I/O errors live in its own `error` module). They are `Clone + PartialEq` so a component can take them as
//! props; `Display` is the developer-facing cause (logged with `console.error`), while the reader
//! sees a short translated message chosen from [`LoadError::reader_message`].

use thiserror::Error;

use crate::i18n::Strings;

/// Why a document could not be turned into an [`crate::model::Article`].
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum ParseError {
    /// Not JSON at all (syntax error, truncated file, HTML error page…).
    #[error("the article data is not valid JSON: {0}")]
    Json(String),
    /// JSON, but a string, number or `null` at the top level.
    #[error("the article data must be a JSON object or array")]
    NotADocument,
    /// JSON-LD without any node of an article type.
    #[error("no article in the JSON-LD (looked for NewsArticle, Article, BlogPosting and similar types)")]
    NoArticle,
    /// The one required field is missing or blank.
    #[error("the article has no headline")]
    MissingHeadline,
    /// A widget document from a newer (or bogus) format version.
    #[error("unsupported article document version {0}; this widget reads version 1")]
    UnsupportedVersion(u64),
}

/// Why the widget has no article to show.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum LoadError {
    /// The data was fetched or found but could not be parsed.
    #[error(transparent)]
    Parse(#[from] ParseError),
    /// The request never got an HTTP answer (offline, DNS, CORS, aborted).
    #[error("could not fetch {url}: {reason}")]
    Network {
        /// What was requested.
        url: String,
        /// The browser's reason.
        reason: String,
    },
    /// The server answered with a non-2xx status.
    #[error("fetching {url} failed with HTTP status {status}")]
    Http {
        /// What was requested.
        url: String,
        /// The status code.
        status: u16,
    },
    /// Neither inline data nor `data-article-src` was given.
    #[error("no article data: add a <script type=\"application/json\"> child or a data-article-src attribute")]
    NoSource,
}

impl LoadError {
    /// The short message a reader sees (the cause goes to the console).
    pub fn reader_message(&self, s: &Strings) -> &'static str {
        match self {
            LoadError::Network { .. } | LoadError::Http { .. } => s.error_unavailable,
            LoadError::Parse(_) | LoadError::NoSource => s.error_invalid,
        }
    }
}
