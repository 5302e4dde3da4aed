//! Where the wasm correction form of earlier releases kept a reader's draft in `localStorage`:
//! `article-widget:draft:<article key>`, a flat JSON object (`{"v":1,"savedAt":…,"key":…,
//! "keyUsed":…,"quote":…,"correction":…,…}`). The native form names that key in its markup
//! (`data-legacy-draft`), and the page's script moves such a draft into its own the first time
//! the article is shown again (embed/article-widget.js): an upgrade loses no one's text.

/// The prefix of those keys.
pub const DRAFT_PREFIX: &str = "article-widget:draft:";

/// The storage key of the draft earlier releases kept for an article (by
/// [`crate::model::article_key`]).
pub fn draft_key(article: &str) -> String {
    format!("{DRAFT_PREFIX}{article}")
}
