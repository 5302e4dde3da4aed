//! The correction form's logic, pure and tested on the host: the reader's draft and its
//! validation (which aw-server applies, and whose limits and words the native form carries for
//! the page's own check), the reader-facing words, the request payload, and where earlier
//! releases kept drafts.

pub mod draft;
pub mod form;
pub mod messages;
pub mod payload;
pub mod stored;
