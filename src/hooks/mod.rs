//! Hooks: configuration from context, the article's loading state (and its published
//! corrections'), and the correction form's effects.

mod use_article;
mod use_config;
mod use_correction;
mod use_form_port;

pub use use_article::{use_article, ArticleState};
pub use use_config::{use_config, use_strings, ConfigContext};
pub use use_correction::{last_sent_ms, use_correction, FormReducer, FormReducerHandle};
pub use use_form_port::{prefetch_form, use_form_port, FormLoad, FormPort};
