//! Request limits: a fixed-window counter per key (a client, an article) and a login throttle
//! that backs off after repeated failures.
//!
//! - **Bounded, and never full against its owners.** Clients are keyed by address, IPv6 by its
//!   /64 (one household or server has a whole /64: a per-address key would give it 2^64
//!   budgets); keys longer than 64 bytes are stored as a hash. In memory each table keeps at
//!   most [`MAX_KEYS`] keys in two generations ([`Table`]): when the young one is full the old
//!   one is dropped, so a flood of new keys evicts the keys touched least recently and a new
//!   reader is still counted (never refused because strangers filled the table). Evicting a key
//!   forgets its count: a flooder buys a fresh budget for the price of `MAX_KEYS / 2` new
//!   addresses, which is more than the budget it buys.
//! - **Apart.** The intake's clients, its articles, anonymous login keys and editors' login keys
//!   ([`Kind`]) are separate tables: a flood of article ids or of strangers' logins evicts
//!   nothing of an editor's. A right password forgives only its own (account, client) key,
//!   never the client's count, so an editor's success cannot wipe a stranger's failures (or an
//!   attacker's own account its failures against another's).
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

/// Most keys an in-memory table holds (in two generations of half as many).
pub const MAX_KEYS: usize = 100_000;

/// Which table a key is counted in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The intake's per-client windows.
    Client,
    /// The intake's per-article (and per article and client) windows.
    Article,
    /// Login failures of a client, and of a client with an address that is no editor's.
    Login,
    /// Login failures of a client with an editor's address.
    Editor,
}

impl Kind {
    /// The key's prefix in the shared tables (one table per use, as in memory).
    fn prefix(self) -> &'static str {
        match self {
            Kind::Client => "client:",
            Kind::Article => "article:",
            Kind::Login => "login:",
            Kind::Editor => "editor:",
        }
    }
}

/// A bounded map of two generations: a key is looked up in both and kept in the young one;
/// when the young one holds `MAX_KEYS / 2` keys and a new key comes, the old generation (the
/// keys untouched for longest) is dropped and the young one takes its place.
#[derive(Debug)]
pub struct Table<V> {
    cap: usize,
    young: HashMap<String, V>,
    old: HashMap<String, V>,
}

impl<V> Default for Table<V> {
    fn default() -> Table<V> {
        Table::with_capacity(MAX_KEYS)
    }
}

impl<V> Table<V> {
    /// A table of at most `cap` keys.
    pub fn with_capacity(cap: usize) -> Table<V> {
        Table {
            cap: cap.max(2),
            young: HashMap::new(),
            old: HashMap::new(),
        }
    }

    /// Keys held.
    pub fn len(&self) -> usize {
        self.young.len() + self.old.len()
    }

    /// Whether no key is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn get(&self, key: &str) -> Option<&V> {
        self.young.get(key).or_else(|| self.old.get(key))
    }

    /// `key`'s value, made the youngest; `new()` when it is not held.
    fn touch(&mut self, key: &str, new: impl FnOnce() -> V) -> &mut V {
        if !self.young.contains_key(key) && self.young.len() >= self.cap / 2 {
            let kept = self.old.remove(key);
            self.old = std::mem::take(&mut self.young);
            if let Some(value) = kept {
                self.young.insert(key.to_owned(), value);
            }
        }
        let old = &mut self.old;
        self.young
            .entry(key.to_owned())
            .or_insert_with(|| old.remove(key).unwrap_or_else(new))
    }

    fn get_mut(&mut self, key: &str) -> Option<&mut V> {
        if self.young.contains_key(key) {
            self.young.get_mut(key)
        } else {
            self.old.get_mut(key)
        }
    }

    fn remove(&mut self, key: &str) {
        self.young.remove(key);
        self.old.remove(key);
    }
}
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
    Memory(Box<Memory>),
    /// In the database, shared by every process on it (PostgreSQL).
    Shared {
        /// The database.
        pool: AnyPool,
        /// Checks since the last sweep of expired rows.
        since_sweep: AtomicU64,
    },
}

/// In-process counters: one [`Table`] per [`Kind`].
#[derive(Debug, Default)]
pub struct Memory {
    windows: [Mutex<Table<(i64, i64)>>; 2],
    logins: [Mutex<Table<Failures>>; 2],
}

#[derive(Clone, Copy, Debug)]
struct Failures {
    count: i64,
    last: i64,
    next: i64,
}

/// Sweep the database's expired rows every this many checks.
const SWEEP_EVERY: u64 = 256;

/// A login key: the table it is counted in and the key.
pub type LoginKey = (Kind, String);

fn stored(kind: Kind, key: &str) -> String {
    bounded(&format!("{}{key}", kind.prefix()))
}

impl Limits {
    /// In-process counters.
    pub fn memory() -> Limits {
        Limits::Memory(Box::default())
    }

    /// Counters in the database behind `pool`.
    pub fn shared(pool: AnyPool) -> Limits {
        Limits::Shared {
            pool,
            since_sweep: AtomicU64::new(0),
        }
    }

    /// Counts a hit for `key` in `kind`'s table, at most `per_window` in each `window_ms`
    /// (0: no limit). A key over its limit is not counted further.
    pub async fn hit(
        &self,
        kind: Kind,
        key: &str,
        per_window: u32,
        window_ms: i64,
    ) -> Result<Verdict, StoreError> {
        if per_window == 0 {
            return Ok(Verdict::Go);
        }
        let key = stored(kind, key);
        let now = now_ms();
        match self {
            Limits::Memory(m) => Ok(m.hit_at(kind, &key, per_window as i64, window_ms, now)),
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
    /// [`Limits::forgive`] says it was not one (or [`Limits::refund`] that it was never
    /// checked). `Wait` while any key must wait. Returns when it was reserved.
    pub async fn reserve_login(&self, keys: &[LoginKey]) -> Result<(Verdict, i64), StoreError> {
        let now = now_ms();
        match self {
            Limits::Memory(m) => Ok((m.reserve_at(keys, now), now)),
            Limits::Shared { pool, since_sweep } => {
                self.sweep(pool, since_sweep, now).await?;
                let mut tx = pool.begin().await?;
                for (kind, key) in keys {
                    let key = stored(*kind, key);
                    let reserved = sqlx::query(reserve_sql())
                        .bind(&key)
                        .bind(now)
                        .bind(now - schedule::FORGET_MS)
                        .fetch_optional(&mut *tx)
                        .await?;
                    if reserved.is_none() {
                        let next: i64 =
                            sqlx::query("SELECT next_at FROM login_throttle WHERE key = $1")
                                .bind(&key)
                                .fetch_one(&mut *tx)
                                .await?
                                .try_get(0)?;
                        tx.rollback().await?;
                        return Ok((Verdict::Wait(seconds(next - now)), now));
                    }
                }
                tx.commit().await?;
                Ok((Verdict::Go, now))
            }
        }
    }

    /// The attempt reserved for `keys` was right: the failures of `pair` (the account at this
    /// client) are forgotten. Only that key: the client's own count stays (another account's
    /// success must not wipe failures against this one).
    pub async fn forgive(&self, pair: &LoginKey) -> Result<(), StoreError> {
        let (kind, key) = pair;
        match self {
            Limits::Memory(m) => m.login_table(*kind).remove(&stored(*kind, key)),
            Limits::Shared { pool, .. } => {
                sqlx::query("DELETE FROM login_throttle WHERE key = $1")
                    .bind(stored(*kind, key))
                    .execute(pool)
                    .await?;
            }
        }
        Ok(())
    }

    /// The attempt reserved `at` for `keys` was never checked (the server was busy): it is not
    /// a failure. Its count is taken back and the wait is the one before it.
    pub async fn refund(&self, keys: &[LoginKey], at: i64) -> Result<(), StoreError> {
        match self {
            Limits::Memory(m) => {
                for (kind, key) in keys {
                    let mut table = m.login_table(*kind);
                    if let Some(f) = table.get_mut(&stored(*kind, key)) {
                        if f.last == at && f.count > 0 {
                            f.count -= 1;
                            f.next = at + schedule::wait_ms(f.count);
                        }
                    }
                }
            }
            Limits::Shared { pool, .. } => {
                for (kind, key) in keys {
                    sqlx::query(refund_sql())
                        .bind(stored(*kind, key))
                        .bind(at)
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

/// The wait after `count` failures, as SQL over the failure count expression `count`: a
/// `CASE` the same on both databases.
fn wait_case(count: &str) -> String {
    let mut wait = format!("(CASE {count}");
    for n in 0..=16 {
        wait.push_str(&format!(" WHEN {n} THEN {}", schedule::wait_ms(n)));
    }
    wait.push_str(&format!(" ELSE {} END)", schedule::MAX_WAIT_MS));
    wait
}

/// The refund: the reservation made at `$2` for key `$1`, if it is still the last, is taken
/// back.
fn refund_sql() -> &'static str {
    static SQL: OnceLock<String> = OnceLock::new();
    SQL.get_or_init(|| {
        format!(
            "UPDATE login_throttle SET failures = failures - 1, next_at = $2 + {} \
             WHERE key = $1 AND last_at = $2 AND failures > 0",
            wait_case("(failures - 1)")
        )
    })
}

/// The reservation: counts a failure and sets when the next attempt may come, only if this
/// one may come now (no row returned: it must wait). Within the free failures there is no wait
/// to compare: simultaneous attempts carry clocks a millisecond apart, and one read a moment
/// early must not be refused. The wait is written out as a `CASE` over
/// the failure count, the same SQL on both databases.
fn reserve_sql() -> &'static str {
    static SQL: OnceLock<String> = OnceLock::new();
    SQL.get_or_init(|| {
        let count = "(CASE WHEN login_throttle.last_at <= $3 THEN 1 ELSE login_throttle.failures + 1 END)";
        let wait = wait_case(count);
        format!(
            "INSERT INTO login_throttle (key, failures, last_at, next_at) VALUES ($1, 1, $2, $2) \
             ON CONFLICT (key) DO UPDATE SET failures = {count}, last_at = $2, next_at = $2 + {wait} \
             WHERE login_throttle.failures <= {free} OR login_throttle.next_at <= $2 \
             RETURNING failures",
            free = schedule::FREE
        )
    })
}

impl Memory {
    /// Tables of at most `cap` keys each.
    pub fn with_capacity(cap: usize) -> Memory {
        let windows = || Mutex::new(Table::with_capacity(cap));
        let logins = || Mutex::new(Table::with_capacity(cap));
        Memory {
            windows: [windows(), windows()],
            logins: [logins(), logins()],
        }
    }

    fn window_table(&self, kind: Kind) -> std::sync::MutexGuard<'_, Table<(i64, i64)>> {
        let i = usize::from(kind != Kind::Client);
        self.windows[i].lock().unwrap_or_else(|e| e.into_inner())
    }

    fn login_table(&self, kind: Kind) -> std::sync::MutexGuard<'_, Table<Failures>> {
        let i = usize::from(kind == Kind::Editor);
        self.logins[i].lock().unwrap_or_else(|e| e.into_inner())
    }

    fn hit_at(&self, kind: Kind, key: &str, per_window: i64, window_ms: i64, now: i64) -> Verdict {
        let mut windows = self.window_table(kind);
        let entry = windows.touch(key, || (now, 0));
        if now - entry.0 >= window_ms {
            *entry = (now, 0);
        }
        if entry.1 >= per_window {
            return Verdict::Wait(seconds(entry.0 + window_ms - now));
        }
        entry.1 += 1;
        Verdict::Go
    }

    fn reserve_at(&self, keys: &[LoginKey], now: i64) -> Verdict {
        // Tables are locked in kind order (Login before Editor), so two reservations cannot
        // deadlock; the reservation is all or none under both locks.
        let mut anonymous = self.login_table(Kind::Login);
        let mut editors = self.login_table(Kind::Editor);
        let keys: Vec<(bool, String)> = keys
            .iter()
            .map(|(kind, key)| (*kind == Kind::Editor, stored(*kind, key)))
            .collect();
        let wait = keys
            .iter()
            .filter_map(|(editor, k)| {
                if *editor {
                    editors.get(k)
                } else {
                    anonymous.get(k)
                }
            })
            .filter(|f| {
                now - f.last < schedule::FORGET_MS && f.count > schedule::FREE && f.next > now
            })
            .map(|f| f.next - now)
            .max();
        if let Some(wait) = wait {
            return Verdict::Wait(seconds(wait));
        }
        for (editor, k) in &keys {
            let table = if *editor {
                &mut editors
            } else {
                &mut anonymous
            };
            let f = table.touch(k, || Failures {
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
