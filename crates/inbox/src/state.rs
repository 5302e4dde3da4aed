//! What every handler shares: the operator's configuration, the application state (database,
//! limiters, the development routes' memory). The routes (app.rs and the route modules) stand on
//! this; it knows none of them.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use aw_core::correction::draft::Rules;
use axum::extract::ConnectInfo;
use axum::http::HeaderMap;

use crate::limits::{client_key, Limits};
use crate::proxies::Proxies;
use crate::store::{Backend, Store};

/// Everything the operator configures (command-line flags or `AW_*` environment variables).
#[derive(Clone, Debug)]
pub struct Config {
    /// Origins allowed to post corrections from a browser (`https://news.example`), exactly.
    pub allowed_origins: Vec<String>,
    /// The validation rules (`--require-email`).
    pub rules: Rules,
    /// Submissions per client address per minute (0: no limit).
    pub per_client_per_minute: u32,
    /// Submissions per article per minute (0: no limit).
    pub per_article_per_minute: u32,
    /// Largest request body accepted on `POST /corrections`, in bytes.
    pub max_body: usize,
    /// The proxies in front of the server (`--trusted-proxy`), whose forwarding header names
    /// the client ([`Proxies::client`]).
    pub proxies: Proxies,
    /// Mark the session cookie `Secure` (turn off only for plain-HTTP on a non-loopback host).
    pub secure_cookies: bool,
    /// `--public-origin`: the inbox's own origin as readers' and editors' browsers reach it
    /// (`https://inbox.example`, lowercase, no path). When set, a state-changing request must
    /// come from exactly this origin (scheme, host and port) and name its host in `Host`, which
    /// DNS rebinding cannot fake; unset, `Origin` is compared with `Host`.
    pub public_origin: Option<String>,
    /// How long a login waits for a free password check before it is answered 503 (and not
    /// counted as a failure).
    pub password_wait: std::time::Duration,
    /// Development mode: loopback origins allowed, scripted test routes, static files.
    pub dev: bool,
    /// With `dev`: the folder served at `/`.
    pub static_root: Option<PathBuf>,
    /// With `dev`: `{{KEY}}` → value in served HTML.
    pub vars: Vec<(String, String)>,
}

/// `value` as a public origin: `http(s)://host[:port]`, lowercased, without a trailing slash; an
/// error saying why otherwise.
pub fn public_origin(value: &str) -> Result<String, String> {
    let lower = value.trim().trim_end_matches('/').to_ascii_lowercase();
    let Some((scheme, authority)) = lower.split_once("://") else {
        return Err(format!("{value}: an origin is scheme://host[:port]"));
    };
    if scheme != "http" && scheme != "https" {
        return Err(format!("{value}: the scheme must be http or https"));
    }
    let bad =
        |c: char| matches!(c, '/' | '?' | '#' | '@' | '\\') || c.is_whitespace() || c.is_control();
    if authority.is_empty() || authority.contains(bad) {
        return Err(format!(
            "{value}: an origin has no path, query, user or spaces"
        ));
    }
    Ok(lower)
}

impl Default for Config {
    fn default() -> Config {
        Config {
            allowed_origins: Vec::new(),
            rules: Rules::default(),
            per_client_per_minute: 10,
            per_article_per_minute: 60,
            max_body: 64 * 1024,
            proxies: Proxies::default(),
            secure_cookies: true,
            public_origin: None,
            password_wait: std::time::Duration::from_secs(5),
            dev: false,
            static_root: None,
            vars: Vec::new(),
        }
    }
}

/// Requests in progress at once on the editors' pages, for requests with a live session only
/// (taken once the session is found: strangers cannot fill it).
pub const EDITORS_MAX: usize = 32;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub store: Store,
    /// The configuration.
    pub config: Arc<Config>,
    /// Submissions per client and per article, and failed logins (in the database with
    /// PostgreSQL, so every process shares them).
    pub limits: Arc<Limits>,
    /// Password checks in progress at once: at most one per core (Argon2 takes 19 MiB and a
    /// core's worth of time each; more would only queue in memory).
    pub password_checks: Arc<tokio::sync::Semaphore>,
    /// Editors' requests in progress at once ([`EDITORS_MAX`]): taken only with a
    /// live session, so strangers cannot fill it.
    pub editor_slots: Arc<tokio::sync::Semaphore>,
    /// Requests in progress per client ([`crate::app::PER_CLIENT_MAX`]).
    pub in_flight: Arc<InFlight>,
    /// Development routes' memory (with `--dev`).
    #[cfg(feature = "dev")]
    pub dev: Arc<DevState>,
}

/// Requests in progress per client: at most one entry per request in progress, removed when
/// its count is back to zero (so the table is bounded by the server's connections).
#[derive(Debug, Default)]
pub struct InFlight(std::sync::Mutex<std::collections::HashMap<String, usize>>);

/// A request counted for its client until it is dropped (answered, timed out or abandoned).
#[derive(Debug)]
pub struct Slot {
    table: Arc<InFlight>,
    client: String,
}

impl InFlight {
    /// Requests in progress in all.
    pub fn total(&self) -> usize {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .values()
            .sum()
    }

    /// A slot for `client` if it has fewer than `max` requests in progress.
    pub fn enter(table: &Arc<InFlight>, client: &str, max: usize) -> Option<Slot> {
        let mut open = table.0.lock().unwrap_or_else(|e| e.into_inner());
        let n = open.entry(client.to_owned()).or_insert(0);
        if *n >= max {
            return None;
        }
        *n += 1;
        Some(Slot {
            table: table.clone(),
            client: client.to_owned(),
        })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut open = self.table.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(n) = open.get_mut(&self.client) {
            *n -= 1;
            if *n == 0 {
                open.remove(&self.client);
            }
        }
    }
}

impl AppState {
    /// State over `store` with `config`.
    pub fn new(store: Store, config: Config) -> AppState {
        let limits = match store.backend() {
            Backend::Sqlite => Limits::memory(),
            Backend::Postgres => Limits::shared(store.pool().clone()),
        };
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        AppState {
            store,
            limits: Arc::new(limits),
            password_checks: Arc::new(tokio::sync::Semaphore::new(cores)),
            editor_slots: Arc::new(tokio::sync::Semaphore::new(EDITORS_MAX)),
            in_flight: Arc::default(),
            #[cfg(feature = "dev")]
            dev: Arc::new(DevState::default()),
            config: Arc::new(config),
        }
    }

    /// The client's key for limits: the peer's address, or the client its trusted proxies
    /// name ([`Proxies::client`]); IPv6 by its /64 ([`client_key`]).
    pub fn client(&self, peer: Option<&ConnectInfo<SocketAddr>>, headers: &HeaderMap) -> String {
        match peer {
            Some(peer) => client_key(self.config.proxies.client(peer.0.ip(), headers)),
            None => "unknown".into(),
        }
    }
}

/// The scripted routes' memory.
#[cfg(feature = "dev")]
#[derive(Debug, Default)]
pub struct DevState {
    /// Every POST received (`GET /__requests`).
    pub(crate) log: std::sync::Mutex<Vec<serde_json::Value>>,
    /// Attempts per scripted key.
    pub(crate) attempts: std::sync::Mutex<std::collections::HashMap<String, usize>>,
}
