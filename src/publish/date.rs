//! Dates and times for publishing: a release date written out the way each
//! language writes it (« 1er avril 2025 », "1 April 2025"), and the bridge
//! between the datetimes of `release.toml` and `time`'s instants.

use time::format_description::well_known::Rfc3339;
use time::{Month, OffsetDateTime, UtcOffset};

use crate::text::date::Date;
use crate::workspace::Language;

/// A date in words for a language: French « 4 mars 2025 » with « 1er » for
/// the first of the month, British "4 March 2025", American and Canadian
/// "March 4, 2025".
/// Other languages get the ISO date.
/// The same rules as the boilerplate's `DATE` function, so that a page's
/// date and the dates in its text agree.
pub fn long_date(date: Date, lang: &Language) -> String {
    crate::boilerplate::date::Style::of(lang).date(date)
}

/// A `release.toml` datetime with date, time and offset as an instant, or
/// `None` when a part is missing or out of range (`ReleaseMeta::read` has
/// already refused those).
pub fn instant(value: &toml::value::Datetime) -> Option<OffsetDateTime> {
    let (date, clock, offset) = (value.date?, value.time?, value.offset?);
    let date =
        time::Date::from_calendar_date(i32::from(date.year), Month::try_from(date.month).ok()?, date.day)
            .ok()?;
    let clock = time::Time::from_hms_nano(
        clock.hour,
        clock.minute,
        clock.second.unwrap_or(0),
        clock.nanosecond.unwrap_or(0),
    )
    .ok()?;
    let offset = match offset {
        toml::value::Offset::Z => UtcOffset::UTC,
        toml::value::Offset::Custom { minutes } => {
            UtcOffset::from_whole_seconds(i32::from(minutes) * 60).ok()?
        }
    };
    Some(date.with_time(clock).assume_offset(offset))
}

/// RFC 3339 with seconds, as Atom, the manifest and `release.toml` write it.
pub fn rfc3339(at: OffsetDateTime) -> String {
    // Formatting a valid instant with a well-known format cannot fail for
    // years 0–9999, which is all `release.toml` can hold.
    at.replace_nanosecond(0)
        .unwrap_or(at)
        .format(&Rfc3339)
        .unwrap_or_else(|_| at.to_string())
}

/// Parses `--now` (RFC 3339, such as `2025-05-06T09:00:00+01:00`).
pub fn parse_rfc3339(text: &str) -> Result<OffsetDateTime, String> {
    OffsetDateTime::parse(text, &Rfc3339).map_err(|e| {
        crate::tr!(
            "publish-bad-now",
            text = format!("{text:?}"),
            error = e.to_string()
        )
    })
}

/// An instant shown to a person: `2025-05-06 00:01 UTC`, or in the given
/// offset `2025-05-06 00:01 +01:00`.
pub fn human(at: OffsetDateTime) -> String {
    let offset = at.offset();
    let zone = if offset.is_utc() {
        "UTC".to_owned()
    } else {
        let (h, m, _) = offset.as_hms();
        let sign = if offset.is_negative() { '-' } else { '+' };
        format!("{sign}{:02}:{:02}", h.unsigned_abs(), m.unsigned_abs())
    };
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02} {zone}",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(tag: &str) -> Language {
        Language {
            tag: tag.parse().unwrap(),
        }
    }

    fn date(year: u16, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    #[test]
    fn french_dates_use_lowercase_months_and_premier() {
        assert_eq!(long_date(date(2025, 3, 4), &lang("fr-FR")), "4 mars 2025");
        assert_eq!(long_date(date(2025, 4, 1), &lang("fr-FR")), "1er avril 2025");
        assert_eq!(long_date(date(2025, 8, 15), &lang("fr-CA")), "15 août 2025");
    }

    #[test]
    fn english_dates_follow_the_region() {
        assert_eq!(long_date(date(2025, 3, 4), &lang("en-GB")), "4 March 2025");
        assert_eq!(long_date(date(2025, 4, 1), &lang("en-GB")), "1 April 2025");
        assert_eq!(long_date(date(2025, 3, 4), &lang("en-US")), "March 4, 2025");
    }

    #[test]
    fn embargo_with_offset_is_an_instant() {
        let value: toml::value::Datetime = "2025-05-06T00:01:00+01:00".parse().unwrap();
        let at = instant(&value).unwrap();
        assert_eq!(human(at), "2025-05-06 00:01 +01:00");
        assert_eq!(human(at.to_offset(UtcOffset::UTC)), "2025-05-05 23:01 UTC");
        assert_eq!(rfc3339(at.to_offset(UtcOffset::UTC)), "2025-05-05T23:01:00Z");
    }

    #[test]
    fn now_must_be_rfc3339() {
        assert!(parse_rfc3339("2025-05-06T09:00:00+01:00").is_ok());
        assert!(parse_rfc3339("2025-05-06").is_err());
    }
}
