//! Hooks: configuration from context, the article's loading state (and its published
//! corrections'), and the native correction form's container.

mod use_article;
mod use_config;
mod use_native_form;

pub use use_article::{use_article, ArticleState};
pub use use_config::{use_config, use_strings, ConfigContext};
pub use use_native_form::{use_native_form, NativeFormPort};
