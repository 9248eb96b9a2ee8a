//! Dates and numbers as each language writes them, for Fluent: the `DATE`
//! function (fluent-rs has no `DATETIME`), the date value that releases pass
//! to messages (`$date`, or `day: 2025-03-04` in a reference), and the
//! bundle formatter that writes numbers with the language's separators.
//! Plural selection is not here: fluent-bundle does it with
//! `intl_pluralrules`; month names and reading `YYYY-MM-DD` are
//! `text::date`'s.

use std::borrow::Cow;
use std::cell::RefCell;

use fluent_bundle::types::{FluentNumber, FluentType};
use fluent_bundle::{FluentArgs, FluentValue};

use crate::text::date::{Date, MONTHS_EN, MONTHS_FR};
use crate::workspace::Language;

/// How a language writes dates and numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `4 March 2025`, `1,500.5` (British and most English).
    DayMonth,
    /// `March 4, 2025`, `1,500.5` (United States and Canadian English).
    MonthDay,
    /// `4 mars 2025`, `1er mars 2025`, `1 500,5` with a narrow no-break space.
    French,
    /// `2025-03-04`, `1500.5` for languages bitext has no rules for.
    Iso,
}

impl Style {
    pub fn of(lang: &Language) -> Self {
        match (lang.code(), lang.region()) {
            ("fr", _) => Style::French,
            ("en", Some("US" | "CA")) => Style::MonthDay,
            ("en", _) => Style::DayMonth,
            _ => Style::Iso,
        }
    }

    /// The bundle formatter for this style (fluent-bundle takes a plain
    /// function pointer, hence one instance per style).
    pub fn formatter(self) -> Formatter {
        match self {
            Style::DayMonth => format_value::<0>,
            Style::MonthDay => format_value::<1>,
            Style::French => format_value::<2>,
            Style::Iso => format_value::<3>,
        }
    }

    fn from_index(index: u8) -> Self {
        match index {
            0 => Style::DayMonth,
            1 => Style::MonthDay,
            2 => Style::French,
            _ => Style::Iso,
        }
    }

    /// A date written out in full.
    pub fn date(self, date: Date) -> String {
        let month = usize::from(date.month.clamp(1, 12)) - 1;
        match self {
            Style::DayMonth => format!("{} {} {}", date.day, MONTHS_EN[month], date.year),
            Style::MonthDay => format!("{} {}, {}", MONTHS_EN[month], date.day, date.year),
            Style::French if date.day == 1 => format!("1er {} {}", MONTHS_FR[month], date.year),
            Style::French => format!("{} {} {}", date.day, MONTHS_FR[month], date.year),
            Style::Iso => date.to_string(),
        }
    }

    /// A number with the language's decimal and group separators, keeping
    /// the fraction digits Fluent asked for.
    pub fn number(self, number: &FluentNumber) -> String {
        let plain = number.as_string();
        if self == Style::Iso {
            return plain.into_owned();
        }
        let (sign, digits) = match plain.strip_prefix('-') {
            Some(rest) => ("-", rest),
            None => ("", plain.as_ref()),
        };
        let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
        let (group, decimal) = match self {
            Style::French => ('\u{202f}', ','),
            _ => (',', '.'),
        };
        let mut out = String::from(sign);
        let grouped = number.options.use_grouping && int.len() > 3 && int.bytes().all(|b| b.is_ascii_digit());
        for (i, c) in int.chars().enumerate() {
            if grouped && i > 0 && (int.len() - i) % 3 == 0 {
                out.push(group);
            }
            out.push(c);
        }
        if !frac.is_empty() {
            out.push(decimal);
            out.push_str(frac);
        }
        out
    }
}

pub type Formatter = fn(&FluentValue, &intl_memoizer::concurrent::IntlLangMemoizer) -> Option<String>;

fn format_value<const STYLE: u8>(
    value: &FluentValue,
    _: &intl_memoizer::concurrent::IntlLangMemoizer,
) -> Option<String> {
    let style = Style::from_index(STYLE);
    match value {
        FluentValue::Number(number) => Some(style.number(number)),
        FluentValue::Custom(custom) => custom
            .as_any()
            .downcast_ref::<DateValue>()
            .map(|date| style.date(date.0)),
        _ => None,
    }
}

/// A calendar date handed to Fluent as a variable. The bundle's formatter
/// writes it in full in the bundle's language, with or without `DATE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateValue(pub Date);

impl FluentType for DateValue {
    fn duplicate(&self) -> Box<dyn FluentType + Send> {
        Box::new(self.clone())
    }

    fn as_string(&self, _: &intl_memoizer::IntlLangMemoizer) -> Cow<'static, str> {
        self.0.to_string().into()
    }

    fn as_string_threadsafe(&self, _: &intl_memoizer::concurrent::IntlLangMemoizer) -> Cow<'static, str> {
        self.0.to_string().into()
    }
}

impl DateValue {
    pub fn value(date: Date) -> FluentValue<'static> {
        FluentValue::Custom(Box::new(DateValue(date)))
    }
}

thread_local! {
    /// Why `DATE` failed during the current formatting on this thread.
    /// fluent-bundle writes `{DATE()}` for a function that returns an error
    /// without recording one, so the caller collects them from here.
    static DATE_ERRORS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Clears the `DATE` errors recorded on this thread.
pub fn reset_errors() {
    DATE_ERRORS.with(|errors| errors.borrow_mut().clear());
}

/// Takes the `DATE` errors recorded on this thread since the last reset.
pub fn take_errors() -> Vec<String> {
    DATE_ERRORS.with(|errors| std::mem::take(&mut *errors.borrow_mut()))
}

fn fail(message: String) -> FluentValue<'static> {
    DATE_ERRORS.with(|errors| errors.borrow_mut().push(message));
    FluentValue::Error
}

/// `DATE(date)`: a date value, or a string `YYYY-MM-DD`, written in full in
/// the bundle's language. It takes no named options.
pub fn date_function<'a>(positional: &[FluentValue<'a>], named: &FluentArgs) -> FluentValue<'a> {
    if let Some((name, _)) = named.iter().next() {
        return fail(crate::tr!("date-named-argument", name = name.to_string()));
    }
    let date = match positional {
        [FluentValue::Custom(custom)] => custom.as_any().downcast_ref::<DateValue>().map(|d| d.0),
        [FluentValue::String(text)] => Date::parse(text),
        _ => return fail(crate::tr!("date-argument-count", count = positional.len())),
    };
    match date {
        Some(date) => DateValue::value(date),
        None => fail(crate::tr!(
            "date-not-a-date",
            value = format!("{:?}", positional.first().map(describe).unwrap_or_default())
        )),
    }
}

fn describe(value: &FluentValue) -> String {
    match value {
        FluentValue::String(s) => s.to_string(),
        FluentValue::Number(n) => n.as_string().into_owned(),
        FluentValue::Custom(c) => format!("{c:?}"),
        FluentValue::Error | FluentValue::None => crate::tr!("date-nothing"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn dates_in_each_language() {
        assert_eq!(Style::DayMonth.date(date("2025-03-04")), "4 March 2025");
        assert_eq!(Style::MonthDay.date(date("2025-03-04")), "March 4, 2025");
        assert_eq!(Style::French.date(date("2025-03-04")), "4 mars 2025");
        assert_eq!(Style::French.date(date("2025-08-01")), "1er août 2025");
    }

    #[test]
    fn numbers_use_the_language_separators() {
        let n = |s: &str| s.parse::<FluentNumber>().unwrap();
        assert_eq!(Style::French.number(&n("1000000")), "1\u{202f}000\u{202f}000");
        assert_eq!(Style::DayMonth.number(&n("1500.5")), "1,500.5");
        assert_eq!(Style::French.number(&n("-1500.25")), "-1\u{202f}500,25");
        assert_eq!(Style::French.number(&n("999")), "999");
    }
}
