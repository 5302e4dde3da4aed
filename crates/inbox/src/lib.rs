//! aw-server: the receiving end of article-widget's correction form.
//!
//! - `POST /corrections`: the intake (the widget's contract, JSON or form-encoded), validated
//!   by the widget's own rules from `aw-core`, stored in SQLite or PostgreSQL before the 201.
//! - `/inbox`: the editors' triage pages, behind a login.
//! - `GET /articles/{id}/corrections`: the published corrections, as schema.org JSON-LD the
//!   widget reads (`data-corrections-src`) and a page can embed.
//! - `GET /corrections` (and `/corrections/fragment`, `/corrections.json`), `/corrections.atom`
//!   and `/articles/{id}/corrections.atom`: the public record, a log and Atom feeds.
//! - with `--dev` (only in a build with the `dev` feature, which the test and serve scripts turn
//!   on; a release build has none of it): static files, the scripted test routes and the request
//!   log (see `dev.rs`).
//!
//! It depends on the pure core crate only, never on Yew or the widget.

pub mod app;
pub mod cors;
#[cfg(feature = "dev")]
pub mod dev;
pub mod edge;
pub mod error;
pub mod form_page;
pub mod inbox;
pub mod intake;
pub mod limits;
pub mod proxies;
pub mod published;
pub mod record;
pub mod state;
pub mod store;

pub use app::router;
pub use state::{AppState, Config};
