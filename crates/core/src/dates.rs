//! ISO 8601 dates as articles carry them. Only well-formed dates are rendered into `<time>`;
//! formatting for the reader's locale happens in the browser (`Intl`, see `crate::intl`), and
//! [`fallback_format`] is the plain-English rendering used where `Intl` is not available (host
//! rendering) so the output is never empty.

/// A date (and optional time) read from an ISO 8601 string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IsoDate {
    /// Year.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day, 1–31.
    pub day: u8,
    /// Whether a time of day followed the date.
    pub has_time: bool,
}

/// Parses `YYYY-MM-DD` optionally followed by `T…`/` …` time. Returns `None` for anything else.
pub fn parse(s: &str) -> Option<IsoDate> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u16> {
        let part = s.get(r)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let year = num(0..4)?;
    let month = u8::try_from(num(5..7)?).ok()?;
    let day = u8::try_from(num(8..10)?).ok()?;
    if !(1..=12).contains(&month) || !(1..=days_in_month(year, month)).contains(&day) {
        return None;
    }
    let rest = &s[10..];
    let has_time = match rest.as_bytes().first() {
        None => false,
        Some(b'T' | b't' | b' ') => {
            let t = &rest.as_bytes()[1..];
            t.len() >= 5 && t[0].is_ascii_digit() && t[1].is_ascii_digit() && t[2] == b':'
        }
        Some(_) => return None,
    };
    Some(IsoDate {
        year,
        month,
        day,
        has_time,
    })
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The input if it is a well-formed ISO 8601 date, trimmed.
pub fn valid(s: &str) -> Option<String> {
    parse(s).map(|_| s.trim().to_owned())
}

/// "14 March 2026": the English rendering used when `Intl` is not there.
pub fn fallback_format(s: &str) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    match parse(s) {
        Some(d) => format!("{} {} {}", d.day, MONTHS[usize::from(d.month - 1)], d.year),
        None => s.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_dates_and_datetimes() {
        assert_eq!(
            parse("2026-03-14"),
            Some(IsoDate {
                year: 2026,
                month: 3,
                day: 14,
                has_time: false
            })
        );
        assert!(parse("2026-03-14T09:30:00+01:00").is_some_and(|d| d.has_time));
        assert!(parse("2024-02-29").is_some());
        assert!(parse("2026-02-29").is_none());
        assert!(parse("2026-13-01").is_none());
        assert!(parse("14/03/2026").is_none());
        assert!(parse("2026-03-14garbage").is_none());
        assert!(parse("２０２６-03-14").is_none());
        assert_eq!(fallback_format("2026-03-14T09:30:00Z"), "14 March 2026");
    }
}
