//! Calendar dates: the `Date` a release is dated with, the one parser of
//! `YYYY-MM-DD` (from `release.toml`, `bitext new --date`, a boilerplate
//! argument or `DATE("…")`), today's date, and the one table of month names
//! in each language. How a language lays a date out (`4 March 2025`,
//! `March 4, 2025`, « 1er mars 2025 ») is `boilerplate::date`'s business;
//! instants with a time and an offset are `publish::date`'s.

use std::fmt;

/// The months in English, as written inside a sentence.
pub const MONTHS_EN: [&str; 12] = [
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

/// The months in French, lowercase as French writes them.
pub const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// A day of the Gregorian calendar, as written in `release.toml`
/// (`date = 2025-03-11`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// The date, if it exists (no 29 February outside leap years).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days).contains(&day).then_some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD` with exactly those digits, refusing dates that
    /// do not exist.
    pub fn parse(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let number = |range: std::ops::Range<usize>| -> Option<u16> {
            let part = &text[range];
            part.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| part.parse().ok())?
        };
        let year = number(0..4)?;
        let month = u8::try_from(number(5..7)?).ok()?;
        let day = u8::try_from(number(8..10)?).ok()?;
        Date::new(year, month, day)
    }

    /// Today's date in UTC, from the system clock.
    pub fn today() -> Date {
        let seconds = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        civil_from_days((seconds / 86_400) as i64)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The calendar date of a day counted from 1970-01-01 (Howard Hinnant's
/// `civil_from_days`).
fn civil_from_days(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
    Date { year, month, day }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_map_to_calendar_dates() {
        assert_eq!(civil_from_days(0).to_string(), "1970-01-01");
        assert_eq!(civil_from_days(20_158).to_string(), "2025-03-11");
        assert_eq!(civil_from_days(19_782).to_string(), "2024-02-29");
    }

    #[test]
    fn dates_parse_strictly() {
        assert_eq!(
            Date::parse("2025-03-11").map(|d| d.to_string()).as_deref(),
            Some("2025-03-11")
        );
        assert!(Date::parse("2025-13-01").is_none());
        assert!(Date::parse("11/03/2025").is_none());
    }

    #[test]
    fn impossible_dates_are_refused() {
        for bad in [
            "2025-02-29",
            "2025-13-01",
            "2025-04-31",
            "25-03-04",
            "2025-3-04",
            "2025-00-10",
            "2025-01-00",
            "+202-01-01",
            "2025-01-1a",
        ] {
            assert!(Date::parse(bad).is_none(), "{bad}");
        }
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("2000-02-29").is_some());
        assert!(Date::parse("1900-02-29").is_none());
    }

    #[test]
    fn twelve_months_in_each_language() {
        assert_eq!(MONTHS_EN[2], "March");
        assert_eq!(MONTHS_FR[7], "août");
    }
}
