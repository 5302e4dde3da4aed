//! When to try again: `Retry-After` (seconds or an HTTP date) and the backoff schedule for
//! server errors, network errors and timeouts.

/// Attempts per submission before the reader is asked to try again.
pub const MAX_ATTEMPTS: u32 = 3;
/// Per-attempt timeout.
pub const TIMEOUT_MS: u32 = 15_000;
/// First backoff step.
pub const BASE_DELAY_MS: u64 = 1_000;
/// Longest `Retry-After` the widget waits for by itself (beyond it, the reader decides).
pub const MAX_RETRY_AFTER_S: u64 = 120;

/// Seconds to wait, from a `Retry-After` value: delta-seconds (`"120"`) or an IMF-fixdate
/// (`"Wed, 21 Oct 2015 07:28:00 GMT"`), given the current time in Unix seconds. A date in the
/// past means now.
pub fn parse_retry_after(value: &str, now_unix: i64) -> Option<u64> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(seconds);
    }
    let at = parse_http_date(value)?;
    Some(u64::try_from(at - now_unix).unwrap_or(0))
}

/// `Wed, 21 Oct 2015 07:28:00 GMT` → Unix seconds.
fn parse_http_date(s: &str) -> Option<i64> {
    let rest = s.split_once(", ")?.1;
    let mut parts = rest.split_whitespace();
    let day: i64 = parts.next()?.parse().ok()?;
    let month = match parts.next()? {
        "Jan" => 1,
        "Feb" => 2,
        "Mar" => 3,
        "Apr" => 4,
        "May" => 5,
        "Jun" => 6,
        "Jul" => 7,
        "Aug" => 8,
        "Sep" => 9,
        "Oct" => 10,
        "Nov" => 11,
        "Dec" => 12,
        _ => return None,
    };
    let year: i64 = parts.next()?.parse().ok()?;
    let mut hms = parts.next()?.split(':').map(|p| p.parse::<i64>().ok());
    let (h, m, sec) = (hms.next()??, hms.next()??, hms.next()??);
    if parts.next()? != "GMT" || !(1..=31).contains(&day) || h > 23 || m > 59 || sec > 60 {
        return None;
    }
    Some(days_from_civil(year, month, day) * 86_400 + h * 3_600 + m * 60 + sec)
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Delay before attempt `next_attempt` (2, 3, …): exponential (1 s, 2 s, 4 s…) with "equal
/// jitter" — half fixed, half random — so many readers do not retry in lockstep. `jitter` is a
/// random number in `[0, 1)`.
pub fn backoff_ms(next_attempt: u32, jitter: f64) -> u64 {
    let exp = BASE_DELAY_MS << next_attempt.saturating_sub(2).min(10);
    let half = exp / 2;
    half + (half as f64 * jitter.clamp(0.0, 1.0)) as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_seconds_and_dates() {
        assert_eq!(parse_retry_after("120", 0), Some(120));
        assert_eq!(parse_retry_after(" 7 ", 0), Some(7));
        // 2015-10-21T07:28:00Z is 1445412480.
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", 1_445_412_480 - 30),
            Some(30)
        );
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", 1_445_412_480 + 30),
            Some(0)
        );
        assert_eq!(parse_retry_after("Wed, 21 Foo 2015 07:28:00 GMT", 0), None);
        assert_eq!(parse_retry_after("soon", 0), None);
        assert_eq!(parse_retry_after("-5", 0), None);
    }

    #[test]
    fn backoff_grows_with_jitter_bounds() {
        assert_eq!(backoff_ms(2, 0.0), 500);
        assert_eq!(backoff_ms(2, 0.999_999), 999);
        assert_eq!(backoff_ms(3, 0.0), 1_000);
        assert_eq!(backoff_ms(3, 0.5), 1_500);
        assert!(backoff_ms(40, 1.0) <= BASE_DELAY_MS << 10);
    }
}
