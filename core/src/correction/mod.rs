//! The correction form's logic, pure and tested on the host (issue #3): the reader's draft and its
//! validation, the request payload in both encodings, how a response is read, when to retry, and
//! the form's state machine. The components and the POST service build on these.

pub mod draft;
pub mod messages;
pub mod payload;
pub mod response;
pub mod retry;
pub mod state;
pub mod stored;
