//! A logged-in editor: what the session layer ([`super::auth::require_session`]) found and hands
//! to the handlers (and the pages, which show who is logged in and put the CSRF token in every
//! form). Data only, so the pages and the error answers can name it without the login's code.

use crate::store::Editor;

/// A logged-in editor (the extractor every inbox page but the login uses).
#[derive(Clone, Debug)]
pub struct Session {
    /// Who.
    pub editor: Editor,
    /// The session's CSRF token (in every form).
    pub csrf: String,
    /// The stored hash of the cookie's token.
    pub token_hash: String,
}
