//! Hooks: configuration from context, and the article's loading state.

mod use_article;
mod use_config;

pub use use_article::{use_article, ArticleState};
pub use use_config::{use_config, use_strings, ConfigContext};
