//! In-memory request limits: a fixed-window counter per key (client, article) and a login
//! throttle that backs off after repeated failures. Per process: several processes behind a
//! load balancer each apply the limit (say so in the deployment notes), which is what a limit on
//! abuse needs; the database is the one shared truth for everything else.

use std::collections::HashMap;
use std::sync::Mutex;

use crate::store::now_ms;

/// At most `per_window` hits per key in each `window_ms`.
#[derive(Debug)]
pub struct Limiter {
    per_window: u32,
    window_ms: i64,
    hits: Mutex<HashMap<String, (i64, u32)>>,
}

/// Keys kept before expired windows are swept.
const SWEEP_AT: usize = 10_000;

impl Limiter {
    /// `per_window` 0 turns the limit off.
    pub fn new(per_window: u32, window_ms: i64) -> Limiter {
        Limiter {
            per_window,
            window_ms,
            hits: Mutex::new(HashMap::new()),
        }
    }

    /// Counts a hit for `key`: `Err(seconds)` to wait when over the limit.
    pub fn hit(&self, key: &str) -> Result<(), u64> {
        self.hit_at(key, now_ms())
    }

    fn hit_at(&self, key: &str, now: i64) -> Result<(), u64> {
        if self.per_window == 0 {
            return Ok(());
        }
        // A poisoned lock only means another request panicked mid-count: the counts are
        // still counts.
        let mut hits = self.hits.lock().unwrap_or_else(|e| e.into_inner());
        if hits.len() > SWEEP_AT {
            let window = self.window_ms;
            hits.retain(|_, (start, _)| now - *start < window);
        }
        let entry = hits.entry(key.to_owned()).or_insert((now, 0));
        if now - entry.0 >= self.window_ms {
            *entry = (now, 0);
        }
        if entry.1 >= self.per_window {
            let wait = (entry.0 + self.window_ms - now).max(0);
            return Err(((wait + 999) / 1000).max(1) as u64);
        }
        entry.1 += 1;
        Ok(())
    }
}

/// Failed logins per key (client address, account): after [`Throttle::FREE`] failures each
/// further attempt has to wait twice as long as the one before (1 s, 2 s, 4 s … 15 min), right
/// password or not, until the failures are [`Throttle::FORGET_MS`] old.
#[derive(Debug, Default)]
pub struct Throttle {
    failures: Mutex<HashMap<String, (u32, i64)>>,
}

impl Throttle {
    /// Failures that cost nothing.
    pub const FREE: u32 = 4;
    /// The longest wait.
    pub const MAX_WAIT_MS: i64 = 15 * 60 * 1000;
    /// Failures older than this are forgotten.
    pub const FORGET_MS: i64 = 60 * 60 * 1000;

    /// `Err(seconds)` while `key` must wait.
    pub fn check(&self, key: &str) -> Result<(), u64> {
        self.check_at(key, now_ms())
    }

    fn check_at(&self, key: &str, now: i64) -> Result<(), u64> {
        let failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        match failures.get(key) {
            Some(&(n, last)) if n > Throttle::FREE && now - last < Throttle::FORGET_MS => {
                let wait = Throttle::wait_ms(n);
                let until = last + wait;
                if now < until {
                    Err((((until - now) + 999) / 1000) as u64)
                } else {
                    Ok(())
                }
            }
            _ => Ok(()),
        }
    }

    fn wait_ms(failures: u32) -> i64 {
        let doublings = failures.saturating_sub(Throttle::FREE + 1).min(20);
        (1000i64 << doublings).min(Throttle::MAX_WAIT_MS)
    }

    /// Records a failure for `key`.
    pub fn fail(&self, key: &str) {
        self.fail_at(key, now_ms())
    }

    fn fail_at(&self, key: &str, now: i64) {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        if failures.len() > SWEEP_AT {
            failures.retain(|_, (_, last)| now - *last < Throttle::FORGET_MS);
        }
        let entry = failures.entry(key.to_owned()).or_insert((0, now));
        if now - entry.1 >= Throttle::FORGET_MS {
            entry.0 = 0;
        }
        *entry = (entry.0 + 1, now);
    }

    /// Forgets `key`'s failures (a successful login).
    pub fn clear(&self, key: &str) {
        self.failures
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_limits_and_then_resets() {
        let l = Limiter::new(2, 60_000);
        assert_eq!(l.hit_at("a", 0), Ok(()));
        assert_eq!(l.hit_at("a", 1), Ok(()));
        assert_eq!(l.hit_at("a", 30_000), Err(30), "wait for the window to end");
        assert_eq!(l.hit_at("b", 30_000), Ok(()), "keys are apart");
        assert_eq!(l.hit_at("a", 60_000), Ok(()));
        assert_eq!(Limiter::new(0, 1).hit_at("a", 0), Ok(()), "0 is off");
    }

    #[test]
    fn logins_back_off_after_the_free_failures() {
        let t = Throttle::default();
        for i in 0..Throttle::FREE {
            t.fail_at("k", i as i64);
            assert_eq!(t.check_at("k", i as i64), Ok(()));
        }
        t.fail_at("k", 10);
        assert_eq!(t.check_at("k", 10), Err(1));
        assert_eq!(t.check_at("k", 1010), Ok(()));
        for _ in 0..5 {
            t.fail_at("k", 2000);
        }
        assert_eq!(t.check_at("k", 2000), Err(32), "doubling");
        t.clear("k");
        assert_eq!(t.check_at("k", 2000), Ok(()));
    }
}
