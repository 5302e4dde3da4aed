//! Request limits: a fixed-window counter per key (a client, an article) and a login throttle
//! that backs off after repeated failures.
//!
//! - **Bounded.** Clients are keyed by address, IPv6 by its /64 (one household or server has a
//!   whole /64: a per-address key would give it 2^64 budgets); keys longer than 64 bytes are
//!   stored as a hash. In memory at most [`MAX_KEYS`] keys are kept: expired ones are swept, and
//!   while the table is still full a new key is refused (fail closed: under a flood of new
//!   clients the intake and the login wait, the server's memory does not grow).
//! - **A refused request spends nothing.** A key over its limit is not counted further, and the
//!   intake asks the per-article limit only once the per-client one let the request through, so
//!   one client's flood does not use up an article's budget for everyone else.
//! - **Reserved before the work.** A login attempt is counted as a failure *before* its password
//!   is checked (and forgiven when it was right): a burst of simultaneous attempts cannot all get
//!   through before the first failure is recorded.
//! - **Shared by every process.** With PostgreSQL the counters live in the database (one atomic
//!   upsert per check), so N server processes behind a load balancer apply one limit, not N.
//!   With SQLite they live in the process: a SQLite file is served by one process.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};

use sha2::{Digest, Sha256};
use sqlx::{AnyPool, Row};

use crate::store::{now_ms, StoreError};

/// Most keys an in-memory table holds.
pub const MAX_KEYS: usize = 100_000;
/// Longest key kept as it is.
const KEY_MAX: usize = 64;

/// What a limit says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Go ahead (counted).
    Go,
    /// Over the limit: wait this many seconds.
    Wait(u64),
}

/// The key of a client at `ip`: IPv4 as it is, IPv6 by its /64 (IPv4-mapped as IPv4).
pub fn client_key(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

/// `key` as stored: itself up to 64 bytes, else `#` and a hash of it.
pub fn bounded(key: &str) -> String {
    if key.len() <= KEY_MAX {
        key.to_owned()
    } else {
        let digest = Sha256::digest(key.as_bytes());
        let hex: String = digest[..20].iter().map(|b| format!("{b:02x}")).collect();
        format!("#{hex}")
    }
}

/// The login throttle's schedule: after [`FREE`] failures each attempt waits twice as long as the
/// one before (1 s, 2 s, 4 s … [`MAX_WAIT_MS`]), right password or not, until the failures are
/// [`FORGET_MS`] old.
pub mod schedule {
    /// Failures that cost nothing.
    pub const FREE: i64 = 4;
    /// The longest wait.
    pub const MAX_WAIT_MS: i64 = 15 * 60 * 1000;
    /// Failures older than this are forgotten.
    pub const FORGET_MS: i64 = 60 * 60 * 1000;

    /// The wait before the attempt after `failures` failures.
    pub fn wait_ms(failures: i64) -> i64 {
        if failures <= FREE {
            return 0;
        }
        let doublings = (failures - FREE - 1).min(20);
        (1000i64 << doublings).min(MAX_WAIT_MS)
    }
}

fn seconds(ms: i64) -> u64 {
    (ms.max(0) as u64).div_ceil(1000).max(1)
}

/// Where the counters live.
#[derive(Debug)]
pub enum Limits {
    /// In this process (SQLite).
    Memory(Memory),
    /// In the database, shared by every process on it (PostgreSQL).
    Shared {
        /// The database.
        pool: AnyPool,
        /// Checks since the last sweep of expired rows.
        since_sweep: AtomicU64,
    },
}

/// In-process counters.
#[derive(Debug, Default)]
pub struct Memory {
    windows: Mutex<HashMap<String, (i64, i64)>>,
    logins: Mutex<HashMap<String, Failures>>,
}

#[derive(Clone, Copy, Debug)]
struct Failures {
    count: i64,
    last: i64,
    next: i64,
}

/// Sweep the database's expired rows every this many checks.
const SWEEP_EVERY: u64 = 256;

impl Limits {
    /// In-process counters.
    pub fn memory() -> Limits {
        Limits::Memory(Memory::default())
    }

    /// Counters in the database behind `pool`.
    pub fn shared(pool: AnyPool) -> Limits {
        Limits::Shared {
            pool,
            since_sweep: AtomicU64::new(0),
        }
    }

    /// Counts a hit for `key`, at most `per_window` in each `window_ms` (0: no limit). A key
    /// over its limit is not counted further.
    pub async fn hit(
        &self,
        key: &str,
        per_window: u32,
        window_ms: i64,
    ) -> Result<Verdict, StoreError> {
        if per_window == 0 {
            return Ok(Verdict::Go);
        }
        let key = bounded(key);
        let now = now_ms();
        match self {
            Limits::Memory(m) => Ok(m.hit_at(&key, per_window as i64, window_ms, now)),
            Limits::Shared { pool, since_sweep } => {
                self.sweep(pool, since_sweep, now).await?;
                // Over the limit the count stops at limit + 1: a refused request spends
                // nothing, and "admitted" is exactly "counted at or under the limit".
                let row = sqlx::query(
                    "INSERT INTO rate_limits (key, window_start, hits) VALUES ($1, $2, 1) \
                     ON CONFLICT (key) DO UPDATE SET \
                     hits = CASE WHEN rate_limits.window_start <= $3 THEN 1 \
                                 WHEN rate_limits.hits > $4 THEN rate_limits.hits \
                                 ELSE rate_limits.hits + 1 END, \
                     window_start = CASE WHEN rate_limits.window_start <= $3 THEN $2 \
                                         ELSE rate_limits.window_start END \
                     RETURNING hits, window_start",
                )
                .bind(&key)
                .bind(now)
                .bind(now - window_ms)
                .bind(per_window as i64)
                .fetch_one(pool)
                .await?;
                let hits: i64 = row.try_get("hits")?;
                let start: i64 = row.try_get("window_start")?;
                Ok(if hits <= per_window as i64 {
                    Verdict::Go
                } else {
                    Verdict::Wait(seconds(start + window_ms - now))
                })
            }
        }
    }

    /// Reserves a login attempt for every key (all or none): each counts as a failure until
    /// [`Limits::forgive`] says it was not one. `Wait` while any key must wait.
    pub async fn reserve_login(&self, keys: &[String]) -> Result<Verdict, StoreError> {
        let keys: Vec<String> = keys.iter().map(|k| bounded(k)).collect();
        let now = now_ms();
        match self {
            Limits::Memory(m) => Ok(m.reserve_at(&keys, now)),
            Limits::Shared { pool, since_sweep } => {
                self.sweep(pool, since_sweep, now).await?;
                let mut tx = pool.begin().await?;
                for key in &keys {
                    let reserved = sqlx::query(reserve_sql())
                        .bind(key)
                        .bind(now)
                        .bind(now - schedule::FORGET_MS)
                        .fetch_optional(&mut *tx)
                        .await?;
                    if reserved.is_none() {
                        let next: i64 =
                            sqlx::query("SELECT next_at FROM login_throttle WHERE key = $1")
                                .bind(key)
                                .fetch_one(&mut *tx)
                                .await?
                                .try_get(0)?;
                        tx.rollback().await?;
                        return Ok(Verdict::Wait(seconds(next - now)));
                    }
                }
                tx.commit().await?;
                Ok(Verdict::Go)
            }
        }
    }

    /// The attempt reserved for `keys` was right: their failures are forgotten.
    pub async fn forgive(&self, keys: &[String]) -> Result<(), StoreError> {
        let keys: Vec<String> = keys.iter().map(|k| bounded(k)).collect();
        match self {
            Limits::Memory(m) => {
                let mut logins = m.logins.lock().unwrap_or_else(|e| e.into_inner());
                for k in &keys {
                    logins.remove(k);
                }
            }
            Limits::Shared { pool, .. } => {
                for k in &keys {
                    sqlx::query("DELETE FROM login_throttle WHERE key = $1")
                        .bind(k)
                        .execute(pool)
                        .await?;
                }
            }
        }
        Ok(())
    }

    async fn sweep(&self, pool: &AnyPool, since: &AtomicU64, now: i64) -> Result<(), StoreError> {
        if !since
            .fetch_add(1, Ordering::Relaxed)
            .is_multiple_of(SWEEP_EVERY)
        {
            return Ok(());
        }
        // Windows are at most an hour long; failures are forgotten after an hour.
        sqlx::query("DELETE FROM rate_limits WHERE window_start < $1")
            .bind(now - 60 * 60 * 1000)
            .execute(pool)
            .await?;
        sqlx::query("DELETE FROM login_throttle WHERE last_at < $1")
            .bind(now - schedule::FORGET_MS)
            .execute(pool)
            .await?;
        Ok(())
    }
}

/// The reservation: counts a failure and sets when the next attempt may come, only if this
/// one may come now (no row returned: it must wait). The wait is written out as a `CASE` over
/// the failure count, the same SQL on both databases.
fn reserve_sql() -> &'static str {
    static SQL: OnceLock<String> = OnceLock::new();
    SQL.get_or_init(|| {
        let count = "(CASE WHEN login_throttle.last_at <= $3 THEN 1 ELSE login_throttle.failures + 1 END)";
        let mut wait = format!("(CASE {count}");
        for n in 1..=16 {
            wait.push_str(&format!(" WHEN {n} THEN {}", schedule::wait_ms(n)));
        }
        wait.push_str(&format!(" ELSE {} END)", schedule::MAX_WAIT_MS));
        format!(
            "INSERT INTO login_throttle (key, failures, last_at, next_at) VALUES ($1, 1, $2, $2) \
             ON CONFLICT (key) DO UPDATE SET failures = {count}, last_at = $2, next_at = $2 + {wait} \
             WHERE login_throttle.next_at <= $2 RETURNING failures"
        )
    })
}

impl Memory {
    fn hit_at(&self, key: &str, per_window: i64, window_ms: i64, now: i64) -> Verdict {
        let mut windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        if !windows.contains_key(key) && windows.len() >= MAX_KEYS {
            windows.retain(|_, (start, _)| now - *start < window_ms);
            if windows.len() >= MAX_KEYS {
                return Verdict::Wait(seconds(window_ms));
            }
        }
        let entry = windows.entry(key.to_owned()).or_insert((now, 0));
        if now - entry.0 >= window_ms {
            *entry = (now, 0);
        }
        if entry.1 >= per_window {
            return Verdict::Wait(seconds(entry.0 + window_ms - now));
        }
        entry.1 += 1;
        Verdict::Go
    }

    fn reserve_at(&self, keys: &[String], now: i64) -> Verdict {
        let mut logins = self.logins.lock().unwrap_or_else(|e| e.into_inner());
        let new_keys = keys.iter().filter(|k| !logins.contains_key(*k)).count();
        if new_keys > 0 && logins.len() + new_keys > MAX_KEYS {
            logins.retain(|_, f| now - f.last < schedule::FORGET_MS);
            if logins.len() + new_keys > MAX_KEYS {
                return Verdict::Wait(1);
            }
        }
        let wait = keys
            .iter()
            .filter_map(|k| logins.get(k))
            .filter(|f| now - f.last < schedule::FORGET_MS && f.next > now)
            .map(|f| f.next - now)
            .max();
        if let Some(wait) = wait {
            return Verdict::Wait(seconds(wait));
        }
        for k in keys {
            let f = logins.entry(k.clone()).or_insert(Failures {
                count: 0,
                last: now,
                next: now,
            });
            if now - f.last >= schedule::FORGET_MS {
                f.count = 0;
            }
            f.count += 1;
            f.last = now;
            f.next = now + schedule::wait_ms(f.count);
        }
        Verdict::Go
    }
}

#[cfg(test)]
mod tests;
