//! Hooks: configuration from context, the article's loading state, and the correction form's
//! effects.

mod use_article;
mod use_config;
mod use_correction;

pub use use_article::{use_article, ArticleState};
pub use use_config::{use_config, use_strings, ConfigContext};
pub use use_correction::{article_key, last_sent_ms, use_correction, CorrectionForm};
