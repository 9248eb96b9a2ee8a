//! Numbers that differ between the two sides, compared as values with each
//! language's rules: `1,500.5` = `1 500,5`, `25%` = `25 %`, `£2.5 billion`
//! = `2,5 milliards de livres`, dates in either language's form (`4 March
//! 2025` = `4 mars 2025` = `04/03/2025`), times (`2:30 p.m.` = `14 h 30`),
//! phone numbers whatever their grouping. A number spelled out in words on
//! the other side (`8` / « huit », `#8` / « huitième ») is not a mismatch,
//! nor is a number repeated on one side only. Numbers inside words (G7,
//! COVID-19, mp4), inline code and URLs are not compared.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::sync::LazyLock;

use regex::Regex;

use super::{Check, Context, Hit, Side};
use crate::diagnostic::Code;
use crate::text::url;

pub struct Numbers;

/// A value a number can stand for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Value {
    /// A decimal number in canonical form: no grouping, `.` as the decimal
    /// mark, no leading or trailing zeros.
    Number(String),
    Time {
        hour: u8,
        minute: u8,
    },
    /// Digits of a phone number or version string, as written without separators.
    Digits(String),
}

fn matches(a: &Value, b: &Value) -> bool {
    a == b
}

/// A number as found in text: what was written, and what it may mean.
#[derive(Debug, Clone, PartialEq)]
struct Token {
    surface: String,
    values: Vec<Value>,
    /// A number that may be part of a name or a list marker (`WCAG 2.1`,
    /// `feedback-2.png`, `1.` opening an item): it satisfies an equal
    /// number on the other side but is not reported when it has none.
    weak: bool,
}

impl Token {
    /// The integer this token stands for, when it is a small whole number.
    fn small(&self) -> Option<u32> {
        self.values.iter().find_map(|v| match v {
            Value::Number(n) => n.parse::<u32>().ok().filter(|&n| n <= 1000),
            _ => None,
        })
    }
}

static DATE_NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})[/.](\d{1,2})[/.](\d{4}))(?-u:\b)")
        .expect("regex")
});
static TIME_EN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(\d{1,2})(?::(\d{2}))?\s*([ap])\.?\s?m(?-u:\b)\.?|(?-u:\b)(\d{1,2}):(\d{2})(?-u:\b)",
    )
    .expect("regex")
});
static TIME_FR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(\d{1,2})[\s\u{a0}\u{202f}]?h(?:[\s\u{a0}\u{202f}]?(\d{2}))?(?-u:\b)|(?-u:\b)(\d{1,2}):(\d{2})(?-u:\b)")
        .expect("regex")
});
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\+\d{1,3}[\s\u{a0}.-]?)?(?:(?-u:\b)1[\s\u{a0}.-])?(?:\(\d{3}\)|(?-u:\b)\d{3})[\s\u{a0}.-]\d{3}[\s\u{a0}.-]\d{4}(?-u:\b)")
        .expect("regex")
});
static YEAR_RANGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)(?:FY\s*)?(\d{2})[-/–](\d{2})(?-u:\b)").expect("regex"));
static VERSION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)v?\d+(?:\.\d+){2,}(?-u:\b)").expect("regex"));
static CODE_OR_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        &[
            r"`[^`]*`|",
            url::PATTERN,
            r#"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\{\{[^}]*\}\}|\{%[^%]*%\}|\w+="[^"]*""#,
        ]
        .concat(),
    )
    .expect("regex")
});

impl Check for Numbers {
    fn codes(&self) -> &'static [Code] {
        &[Code::NumberMismatch, Code::NumberMissing]
    }

    fn check(&self, cx: &Context, source: &Side, target: &Side, out: &mut Vec<Hit>) {
        // One list a side, which every segment adds to.
        let side_tokens = |side: &Side| {
            let mut out = Vec::new();
            for segment in side.segments {
                tokens(&segment.text, side.is_french(), &mut out);
            }
            out
        };
        let (source_tokens, target_tokens) = (side_tokens(source), side_tokens(target));
        if source_tokens.is_empty() && target_tokens.is_empty() {
            return;
        }
        let mut target_used = vec![false; target_tokens.len()];
        let mut source_only = Vec::new();
        for token in &source_tokens {
            let partner = target_tokens.iter().position(|t| {
                t.values
                    .iter()
                    .any(|a| token.values.iter().any(|b| matches(a, b)))
            });
            match partner {
                Some(i) => {
                    // Mark every equal target token: repeats are not extra.
                    for (j, t) in target_tokens.iter().enumerate() {
                        if t.values
                            .iter()
                            .any(|a| token.values.iter().any(|b| matches(a, b)))
                        {
                            target_used[j] = true;
                        }
                    }
                    target_used[i] = true;
                }
                None => source_only.push(token),
            }
        }
        let target_only: Vec<&Token> = target_tokens
            .iter()
            .zip(&target_used)
            .filter(|(t, used)| {
                !**used
                    && !source_tokens
                        .iter()
                        .any(|s| s.values.iter().any(|a| t.values.iter().any(|b| matches(a, b))))
            })
            .map(|(t, _)| t)
            .collect();
        if source_only.is_empty() && target_only.is_empty() {
            return;
        }
        // A number missing here but in the next or previous segment on
        // the other side is a pairing boundary, not a translation error.
        // (Read only when needed: most pairs match and never get here, and
        // a weak number is dropped without them.)
        let (near_target, near_source) = (OnceCell::new(), OnceCell::new());
        let nearby = |t: &Token, other: &Side, near: &OnceCell<Vec<Token>>| {
            near.get_or_init(|| {
                let mut out = Vec::new();
                tokens(&other.nearby_text(), other.is_french(), &mut out);
                out
            })
            .iter()
            .any(|n| n.values.iter().any(|a| t.values.iter().any(|b| matches(a, b))))
        };
        // Each side's words are listed once, for all its numbers.
        let (source_words, target_words) = (OnceCell::new(), OnceCell::new());
        let spelled = |t: &Token, side: &Side, words: &OnceCell<WordForms>| {
            spelled_out(
                t,
                words.get_or_init(|| {
                    let indexed = (0..side.segments.len()).flat_map(|k| side.words(k));
                    WordForms::new(indexed.map(|(_, w)| w))
                }),
                side.is_french(),
            )
        };
        let source_only: Vec<&Token> = source_only
            .into_iter()
            .filter(|t| !t.weak && !nearby(t, target, &near_target) && !spelled(t, target, &target_words))
            .collect();
        let target_only: Vec<&Token> = target_only
            .into_iter()
            .filter(|t| !t.weak && !nearby(t, source, &near_source) && !spelled(t, source, &source_words))
            .collect();
        if source_only.is_empty() && target_only.is_empty() {
            return;
        }
        let list = |tokens: &[&Token]| {
            let mut seen: Vec<&str> = Vec::new();
            for t in tokens {
                if !seen.contains(&t.surface.as_str()) {
                    seen.push(&t.surface);
                }
            }
            seen.iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let message = match (source_only.is_empty(), target_only.is_empty()) {
            (false, true) => super::only_in("number", list(&source_only), cx.source, cx.target),
            (true, false) => super::only_in("number", list(&target_only), cx.target, cx.source),
            _ => super::differ(
                "number",
                (cx.source, list(&source_only)),
                (cx.target, list(&target_only)),
            ),
        };
        // A figure changed is almost always an error; a figure on one side
        // only is often a paraphrase (« la totalité », "the year before").
        let code = if source_only.is_empty() || target_only.is_empty() {
            Code::NumberMissing
        } else {
            Code::NumberMismatch
        };
        let source_at = source_only.first().and_then(|t| locate(source, &t.surface));
        let target_at = target_only.first().and_then(|t| locate(target, &t.surface));
        out.push(Hit::new(code, message).source_at(source_at).target_at(target_at));
    }
}

/// Where a number's text is in the raw file: as written, or its first digits.
fn locate(side: &Side, surface: &str) -> Option<usize> {
    side.locate(surface).or_else(|| {
        let digits: String = surface.chars().take_while(char::is_ascii_digit).collect();
        side.locate(&digits)
    })
}

/// The numbers of a text, times, phone numbers and numeric dates first,
/// added to `out`. A date written with a month name needs no rule of its
/// own: its day and year are compared as numbers, whichever order the
/// language puts them in.
fn tokens(text: &str, french: bool, out: &mut Vec<Token>) {
    scan(text, french, true, out)
}

/// `tokens`, with (`quick`) or without the first reads that skip the
/// searches that cannot match: tests compare the two.
fn scan(text: &str, french: bool, quick: bool, out: &mut Vec<Token>) {
    // Every rule below starts from a digit: most text has none.
    let numerals = numerals(text);
    if numerals == 0 {
        return;
    }
    // Copied only when something is blanked.
    let mut text: Cow<str> = if !quick || may_hold_code_or_url(text) {
        CODE_OR_URL.replace_all(text, " ")
    } else {
        Cow::Borrowed(text)
    };
    // Blanking code takes numerals away: the count stays an upper bound.
    let rules = if quick {
        Rules::of(&text, french, numerals)
    } else {
        Rules::all()
    };
    let mut take =
        |re: Option<&Regex>, text: &mut Cow<str>, f: &dyn Fn(&regex::Captures) -> Vec<Vec<Value>>| {
            let Some(re) = re else { return };
            // What was taken, blanked after the search (with as many spaces,
            // so that the other matches keep their offsets).
            let mut taken = Vec::new();
            for caps in re.captures_iter(text) {
                let whole = caps.get(0).expect("match");
                let tokens = f(&caps);
                if tokens.is_empty() {
                    continue;
                }
                for values in tokens {
                    out.push(Token {
                        surface: whole.as_str().trim().to_owned(),
                        values,
                        weak: false,
                    });
                }
                taken.push(whole.range());
            }
            for range in taken {
                let spaces = " ".repeat(range.len());
                text.to_mut().replace_range(range, &spaces);
            }
        };
    let num = |caps: &regex::Captures, i: usize| caps.get(i).and_then(|m| m.as_str().parse::<u16>().ok());
    let number = |n: u16| Value::Number(n.to_string());
    // A rule is only searched where its pattern may match (see `Rules`).
    take(rules.phone.then_some(&*PHONE), &mut text, &|caps| {
        let digits: String = caps[0].chars().filter(char::is_ascii_digit).collect();
        let local = digits
            .strip_prefix('1')
            .filter(|d| d.len() == 10)
            .unwrap_or(&digits)
            .to_owned();
        vec![vec![Value::Digits(local)]]
    });
    take(rules.date.then_some(&*DATE_NUMERIC), &mut text, &|caps| {
        let (y, a, b) = match num(caps, 1) {
            Some(y) => (Some(y), num(caps, 2), num(caps, 3)),
            None => (num(caps, 6), num(caps, 4), num(caps, 5)),
        };
        let (Some(y), Some(a), Some(b)) = (y, a, b) else {
            return Vec::new();
        };
        // The day, whichever of day/month or month/day order was meant.
        let days: Vec<Value> = [a, b]
            .into_iter()
            .filter(|d| (1..=31).contains(d))
            .map(number)
            .collect();
        if days.is_empty() || !(1..=12).contains(&a.min(b)) {
            return Vec::new();
        }
        vec![days, vec![number(y)]]
    });
    // `FY 25-26` is the fiscal year 2025-2026.
    take(
        rules.year_range.then_some(&*YEAR_RANGE),
        &mut text,
        &|caps| match (num(caps, 1), num(caps, 2)) {
            (Some(a), Some(b)) if b == (a + 1) % 100 => vec![
                vec![number(a), number(2000 + a)],
                vec![number(b), number(2000 + b)],
            ],
            _ => Vec::new(),
        },
    );
    take(rules.version.then_some(&*VERSION), &mut text, &|caps| {
        vec![vec![Value::Digits(caps[0].trim_start_matches('v').to_owned())]]
    });
    let time = |hour: u16, minute: u16| {
        if hour >= 24 || minute >= 60 {
            return Vec::new();
        }
        let mut values = vec![Value::Time {
            hour: hour as u8,
            minute: minute as u8,
        }];
        // `1-3pm` = « 13 h à 15 h »: the bare hour is a number too.
        values.push(number(hour));
        if hour > 12 {
            values.push(number(hour - 12));
        }
        vec![values]
    };
    if french {
        take(
            rules.time.then_some(&*TIME_FR),
            &mut text,
            &|caps| match num(caps, 1) {
                Some(h) => time(h, num(caps, 2).unwrap_or(0)),
                None => match (num(caps, 3), num(caps, 4)) {
                    (Some(h), Some(m)) => time(h, m),
                    _ => Vec::new(),
                },
            },
        );
    } else {
        take(rules.time.then_some(&*TIME_EN), &mut text, &|caps| {
            let (h, m) = match num(caps, 1) {
                Some(h) => (h, num(caps, 2).unwrap_or(0)),
                None => match (num(caps, 4), num(caps, 5)) {
                    (Some(h), Some(m)) => (h, m),
                    _ => return Vec::new(),
                },
            };
            let h = match caps.get(3).map(|p| p.as_str().to_ascii_lowercase()) {
                Some(p) if p == "p" && h < 12 => h + 12,
                Some(p) if p == "a" && h == 12 => 0,
                _ => h,
            };
            time(h, m)
        });
    }
    plain_numbers(&text, french, out);
}

/// Whether a text has what `CODE_OR_URL` needs: a backtick, `@`, `{`,
/// `="`, or what a URL starts with. Most text has none of them, and each
/// is looked for with `memchr`, many bytes at a time.
fn may_hold_code_or_url(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr3(b'`', b'@', b'{', bytes).is_some()
        || memchr::memchr_iter(b'=', bytes).any(|i| bytes.get(i + 1) == Some(&b'"'))
        || url::may_hold_url(text)
}

/// How many numerals a text has: what `char::is_numeric` takes, a
/// superset of what `\d` matches. One pass counts the ASCII digits and
/// the lead bytes other than those of the French letters (C3: À to ÿ),
/// Latin-1 signs (C2: no-break space, « ») and punctuation (E2: ’, dashes,
/// the narrow no-break space), in runs short enough for a byte to hold
/// their counts, which the compiler vectorises. Characters beyond ASCII
/// are decoded only from those lead bytes, most of them told from their
/// bytes without the Unicode tables.
fn numerals(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (ascii, rare_leads) = bytes.chunks(255).fold((0, 0), |(ascii, rare), run| {
        let (a, r) = run.iter().fold((0u8, 0u8), |(a, r), &b| {
            (
                a + u8::from(b.is_ascii_digit()),
                r + u8::from(b >= 0xC0 && !matches!(b, 0xC2 | 0xC3 | 0xE2)),
            )
        });
        (ascii + usize::from(a), rare + usize::from(r))
    });
    let numeral_at = |i: usize| match (bytes[i], bytes.get(i + 1)) {
        (0x00..=0xC1 | 0xC3, _) | (0xE2, Some(0x80)) => false,
        (0xC2, next) => matches!(next, Some(0xB2 | 0xB3 | 0xB9 | 0xBC..=0xBE)),
        _ => text[i..].chars().next().is_some_and(char::is_numeric),
    };
    let wide = if rare_leads == 0 {
        memchr::memchr2_iter(0xC2, 0xE2, bytes)
            .filter(|&i| numeral_at(i))
            .count()
    } else {
        (0..bytes.len()).filter(|&i| numeral_at(i)).count()
    };
    ascii + wide
}

/// The rules of `tokens` that may match a text, read once: a rule whose
/// pattern needs more digits than the text has, or a digit, a separator
/// and a digit in a row that the text lacks, is not searched; nor is a
/// time without a digit then `:` and a digit, or what its language puts
/// after the hour (`h`; `a`/`p` of `a.m.`/`p.m.`). Blanking what a rule
/// took only takes digits away, so it never lets another rule match. A
/// byte of a non-ASCII character counts as a digit, as `\d` takes the
/// digits of every script (and as a space, which `\s` may be).
struct Rules {
    phone: bool,
    date: bool,
    year_range: bool,
    version: bool,
    time: bool,
}

impl Rules {
    /// The rules that may match `text`, which has at most `numerals`
    /// numerals. One pass over the bytes that may be digits (found
    /// sixteen bytes at a time) finds which separators join two digits
    /// and, in English, whether `a` or `p` follows an hour.
    fn of(text: &str, french: bool, numerals: usize) -> Self {
        let bytes = text.as_bytes();
        let digit = |b: Option<&u8>| b.is_some_and(|&b| b.is_ascii_digit() || !b.is_ascii());
        let (mut dash, mut slash, mut dot, mut colon, mut en_dash, mut french_hour) =
            (false, false, false, false, false, false);
        // In English, `a` or `p` after the hour once any minutes and
        // spaces are passed. The bytes passed after one digit are passed
        // after every digit among them too: each byte is read once.
        let passed = |b: u8| matches!(b, b'\t'..=b'\r' | b' ' | b':') || digit(Some(&b));
        let (mut english_hour, mut read_until) = (false, 0);
        let mut from = 0;
        while let Some(i) = next_digit_or_wide(bytes, from) {
            from = i + 1;
            match bytes.get(i + 1) {
                Some(b'-') => dash |= digit(bytes.get(i + 2)),
                Some(b'/') => slash |= digit(bytes.get(i + 2)),
                Some(b'.') => dot |= digit(bytes.get(i + 2)),
                Some(b':') => colon |= digit(bytes.get(i + 2)),
                Some(0xE2) => {
                    en_dash |= bytes[i + 1..].starts_with("–".as_bytes()) && digit(bytes.get(i + 4))
                }
                _ => {}
            }
            // `h` within one space (at most three bytes) of the hour.
            french_hour |= french && bytes[i + 1..].iter().take(4).any(|&b| b == b'h');
            if !french && !english_hour && i >= read_until {
                let next = i + 1 + bytes[i + 1..].iter().take_while(|&&b| passed(b)).count();
                english_hour = matches!(bytes.get(next), Some(b'a' | b'A' | b'p' | b'P'));
                read_until = next;
            }
        }
        let time = french_hour || english_hour || colon;
        Rules {
            phone: numerals >= 10,
            date: numerals >= 6 && (dash || slash || dot),
            year_range: numerals >= 4 && (dash || slash || en_dash),
            version: numerals >= 3 && dot,
            time,
        }
    }

    /// Every rule, for a text not read.
    fn all() -> Self {
        Rules {
            phone: true,
            date: true,
            year_range: true,
            version: true,
            time: true,
        }
    }
}

/// `word` in lowercase, borrowed when it is lowercase ASCII already, as
/// the words after a number nearly always are.
fn lowercase(word: &str) -> Cow<'_, str> {
    if word.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
        Cow::Owned(word.to_lowercase())
    } else {
        Cow::Borrowed(word)
    }
}

/// Words after a number that multiply it (`2.5 billion` = 2 500 000 000).
fn scale(word: &str) -> Option<u32> {
    match &*lowercase(word) {
        "thousand" | "mille" => Some(3),
        "million" | "millions" => Some(6),
        "billion" | "billions" | "milliard" | "milliards" => Some(9),
        _ => None,
    }
}

/// Ordinal endings in English and French: "3rd", « 2e », « 1re », « 1ers ».
const ORDINAL_SUFFIXES: &[&str] = &[
    "st", "nd", "rd", "th", "e", "er", "re", "ère", "ème", "eme", "es", "ers", "res", "ères", "èmes",
];

/// Plurals (the 1990s), units and scales that may follow a number.
const UNIT_SUFFIXES: &[&str] = &[
    "s", "k", "m", "b", "bn", "km", "kg", "cm", "mm", "mg", "ml", "h", "min", "g", "gb", "go", "mb", "mo",
    "kb", "ko", "tb", "to", "px", "ms", "x", "d", "ans", "an",
];

/// Letters that may follow a number and keep it a number: ordinals,
/// plurals, units and scales. `letters` are lowercase.
fn is_number_suffix(letters: &str) -> bool {
    ORDINAL_SUFFIXES.contains(&letters) || UNIT_SUFFIXES.contains(&letters)
}

/// The plain numbers of a text, read on its bytes: digits are ASCII, so a
/// number starts at a digit byte wherever it is; the characters around it
/// are decoded only where a rule reads them.
fn plain_numbers(text: &str, french: bool, out: &mut Vec<Token>) {
    let bytes = text.as_bytes();
    let digit_run = |mut i: usize| {
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        i
    };
    let char_at = |i: usize| text.get(i..).and_then(|t| t.chars().next());
    let mut k = 0;
    while let Some(start) = next_digit(bytes, k) {
        // Digits glued to a word (G7, mp4, COVID-19, C-11) name things.
        let before = &text[..start];
        let prev = before.chars().next_back();
        let before_prev = &before[..before.len() - prev.map_or(0, char::len_utf8)];
        let prev2 = before_prev.chars().next_back();
        let hyphen = |c: Option<char>| matches!(c, Some('-' | '_' | '\u{2010}' | '\u{2011}'));
        // `COVID 19`: a number right after a word in capitals is its name.
        let after_capitals = prev.is_some_and(char::is_whitespace) && {
            let mut letters = 0;
            let mut capitals = true;
            for c in before_prev.chars().rev().take_while(|c| c.is_alphabetic()) {
                letters += 1;
                capitals &= c.is_uppercase();
            }
            letters >= 2 && capitals
        };
        let glued = prev.is_some_and(char::is_alphabetic)
            || prev == Some('.') && prev2.is_some_and(|p| p.is_ascii_digit());
        let weak = after_capitals || (hyphen(prev) && prev2.is_some_and(char::is_alphabetic));
        let mut end = digit_run(start);
        // Borrowed from the text unless thousands groups are joined.
        let mut integer = Cow::Borrowed(&text[start..end]);
        let mut fraction: Option<Cow<str>> = None;
        // The other reading of one `,` or `.` group: its integer and fraction.
        let mut ambiguous: Option<(String, Option<String>)> = None;
        if integer.len() <= 3 {
            // Thousands groups: exactly three digits after a separator.
            let mut groups = 0;
            let mut separator = None;
            while end < bytes.len() {
                let sep = char_at(end);
                let is_sep = matches!(
                    sep,
                    Some(
                        ',' | '.'
                            | ' '
                            | '\u{a0}'
                            | '\u{202f}'
                            | '\u{2009}'
                            | '\u{2007}'
                            | '\u{2008}'
                            | '\u{200a}'
                            | '\''
                    )
                );
                // A doubled space between groups is a typo, not two numbers.
                let spacing = |c: Option<char>| {
                    c.is_some_and(|c| c != ',' && c != '.' && c != '\'' && c.is_whitespace())
                };
                let after_sep = end + sep.map_or(0, char::len_utf8);
                let next = char_at(after_sep);
                let group_start = if spacing(sep) && spacing(next) {
                    after_sep + next.map_or(0, char::len_utf8)
                } else {
                    after_sep
                };
                let group_end = digit_run(group_start);
                if !is_sep || group_end != group_start + 3 || (separator.is_some() && separator != sep) {
                    break;
                }
                separator = sep;
                integer.to_mut().push_str(&text[group_start..group_end]);
                end = group_end;
                groups += 1;
            }
            // One `,` or `.` group is a thousands group or a decimal part
            // depending on the language; a careless translation may use either.
            if groups == 1 && matches!(separator, Some(',' | '.')) {
                let decimal_mark = if french { ',' } else { '.' };
                let (int, frac) = integer.split_at(integer.len() - 3);
                let (int, frac) = (int.to_owned(), frac.to_owned());
                if separator == Some(decimal_mark) {
                    ambiguous = Some((integer.into_owned(), None));
                    fraction = Some(Cow::Owned(frac));
                    integer = Cow::Owned(int);
                } else {
                    ambiguous = Some((int, Some(frac)));
                }
            }
        }
        if fraction.is_none() {
            let mark = bytes.get(end);
            if matches!(mark, Some(b',' | b'.')) && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) {
                let frac_end = digit_run(end + 1);
                if french || mark == Some(&b'.') {
                    fraction = Some(Cow::Borrowed(&text[end + 1..frac_end]));
                    ambiguous = None;
                    end = frac_end;
                }
            }
        }
        let suffix_len: usize = text[end..]
            .chars()
            .take_while(|c| c.is_alphabetic())
            .map(char::len_utf8)
            .sum();
        let suffix = &text[end..end + suffix_len];
        k = end + suffix_len;
        let next = char_at(end);
        // `feedback-2.png`, `2-fr`: a file or identifier, not a quantity.
        let joined = suffix.is_empty()
            && matches!(next, Some('.' | '_'))
            && char_at(end + 1).is_some_and(char::is_alphabetic);
        // Lowercased once, for the three lists that read it.
        let suffix = lowercase(suffix);
        if glued || joined || (!suffix.is_empty() && !is_number_suffix(&suffix)) {
            continue;
        }
        let mut values = vec![Value::Number(canonical(&integer, fraction.as_deref()))];
        if let Some((i, f)) = ambiguous {
            values.push(Value::Number(canonical(&i, f.as_deref())));
        }
        // `2.5 billion` is also 2 500 000 000; `2,5 G$` likewise.
        let next_word = text[end..]
            .split(|c: char| !c.is_alphanumeric())
            .find(|w| !w.is_empty())
            .unwrap_or("");
        let power = scale(next_word).or(match &*suffix {
            "k" => Some(3),
            "m" => Some(6),
            "b" | "bn" => Some(9),
            _ => None,
        });
        if let Some(power) = power {
            values.push(Value::Number(scaled(&integer, fraction.as_deref(), power)));
        }
        // `2026-27` is the year range 2026 to 2027.
        if integer.len() == 2 && fraction.is_none() && start >= 5 {
            if let Some(century) = before
                .strip_suffix('-')
                // `€12-15`: the four bytes before the hyphen may end
                // inside a multi-byte character; such a head is no year.
                .and_then(|h| h.get(h.len().checked_sub(4)?..))
            {
                if century.bytes().all(|b| b.is_ascii_digit()) {
                    values.push(Value::Number(format!("{}{integer}", &century[..2])));
                }
            }
        }
        // `1.` or `2)` opening a segment numbers a list item by hand.
        let marker = before.trim().is_empty()
            && matches!(next, Some('.' | ')'))
            && integer.len() <= 2
            && fraction.is_none();
        // An ordinal on one side only (« 2e secondaire », "3rd party") is
        // a way of saying, not a figure: it matches but is not reported.
        let ordinal = ORDINAL_SUFFIXES.contains(&&*suffix);
        out.push(Token {
            surface: text[start..end].to_owned(),
            values,
            weak: weak || marker || ordinal,
        });
    }
}

/// Where the first byte at or after `from` that may belong to a digit is
/// (`\d` takes the digits of every script): an ASCII digit or a byte of a
/// character beyond ASCII.
fn next_digit_or_wide(bytes: &[u8], from: usize) -> Option<usize> {
    next_byte(bytes, from, |b| b.is_ascii_digit() || !b.is_ascii())
}

/// Where the first ASCII digit at or after `from` is.
fn next_digit(bytes: &[u8], from: usize) -> Option<usize> {
    next_byte(bytes, from, u8::is_ascii_digit)
}

/// Where the first byte at or after `from` that `wanted` takes is.
/// Sixteen bytes are tested at once (the compiler vectorises the test),
/// so the text between two numbers costs a test per sixteen bytes.
#[inline(always)]
fn next_byte(bytes: &[u8], from: usize, wanted: impl Fn(&u8) -> bool) -> Option<usize> {
    let mut at = from;
    while let Some(run) = bytes.get(at..at + 16) {
        if run.iter().fold(false, |any, b| any | wanted(b)) {
            break;
        }
        at += 16;
    }
    bytes.get(at..)?.iter().position(wanted).map(|i| at + i)
}

fn canonical(integer: &str, fraction: Option<&str>) -> String {
    let int = integer.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    match fraction
        .map(|f| f.trim_end_matches('0'))
        .filter(|f| !f.is_empty())
    {
        Some(f) => format!("{int}.{f}"),
        None => int.to_owned(),
    }
}

fn scaled(integer: &str, fraction: Option<&str>, power: u32) -> String {
    let mut fraction = fraction.unwrap_or("").to_owned();
    while fraction.len() < power as usize {
        fraction.push('0');
    }
    let (moved, rest) = fraction.split_at(power as usize);
    canonical(&format!("{integer}{moved}"), Some(rest))
}

/// The words of a text as `spelled_out` reads them: each word in lower
/// case, then its parts when it has hyphens ("four-question" holds
/// "four"; « dix-sept » is a word of its own). A word without a hyphen is
/// its own part, so it comes twice. The forms are ranges of one string,
/// with nothing allocated per word.
struct WordForms {
    text: String,
    forms: Vec<(usize, usize)>,
}

impl WordForms {
    /// The forms of `words`, the words of a text (`words`), as a side's
    /// word index holds them.
    fn new<'w>(words: impl Iterator<Item = &'w str>) -> Self {
        let mut out = WordForms {
            text: String::new(),
            forms: Vec::new(),
        };
        for word in words {
            let start = out.text.len();
            if word.is_ascii() {
                out.text.push_str(word);
                out.text[start..].make_ascii_lowercase();
            } else if word.contains('Σ') {
                // Σ is lowercased by what surrounds it.
                out.text.push_str(&word.to_lowercase());
            } else {
                // What `str::to_lowercase` gives, a character at a time.
                for c in word.chars() {
                    out.text.extend(c.to_lowercase());
                }
            }
            let end = out.text.len();
            out.forms.push((start, end));
            let mut part = start;
            for (at, &b) in out.text.as_bytes()[start..end].iter().enumerate() {
                if b == b'-' {
                    out.forms.push((part, start + at));
                    part = start + at + 1;
                }
            }
            out.forms.push((part, end));
        }
        out
    }

    fn get(&self, (start, end): (usize, usize)) -> &str {
        &self.text[start..end]
    }

    fn iter(&self) -> impl Iterator<Item = &str> {
        self.forms.iter().map(|&form| self.get(form))
    }
}

/// Whether a small number is written as a word (cardinal or ordinal) in
/// the other side's text, given as its `WordForms`.
fn spelled_out(token: &Token, list: &WordForms, french: bool) -> bool {
    let names = if french { FRENCH_WORDS } else { ENGLISH_WORDS };
    let is = |w: &str, n: u32| names.iter().any(|&(value, word)| value == n && w == word);
    let whole = token.values.iter().find_map(|v| match v {
        Value::Number(n) => n.parse::<u32>().ok(),
        _ => None,
    });
    // « trois cents », "twelve thousand": a word times a hundred or a thousand.
    if let Some(n) = whole {
        for (unit, words) in [(100, ["hundred", "cents"]), (1000, ["thousand", "mille"])] {
            if n % unit == 0 && n / unit > 1 && n / unit < 100 {
                let head = n / unit;
                if list.forms.windows(2).any(|p| {
                    let (first, second) = (list.get(p[0]), list.get(p[1]));
                    is(first, head) && (words.contains(&second) || is(second, unit))
                }) {
                    return true;
                }
            }
        }
    }
    let Some(n) = token.small() else { return false };
    // The few words for `n`, looked for among the text's words.
    let wanted: Vec<&str> = names
        .iter()
        .filter(|&&(value, _)| value == n)
        .map(|&(_, word)| word)
        .collect();
    !wanted.is_empty() && list.iter().any(|w| wanted.contains(&w))
}

const ENGLISH_WORDS: &[(u32, &str)] = &[
    (0, "zero"),
    (0, "no"),
    (1, "one"),
    (1, "a"),
    (1, "an"),
    (1, "first"),
    (1, "single"),
    (2, "two"),
    (2, "second"),
    (2, "both"),
    (2, "twice"),
    (2, "couple"),
    (3, "three"),
    (3, "third"),
    (4, "four"),
    (4, "fourth"),
    (5, "five"),
    (5, "fifth"),
    (6, "six"),
    (6, "sixth"),
    (7, "seven"),
    (7, "seventh"),
    (8, "eight"),
    (8, "eighth"),
    (9, "nine"),
    (9, "ninth"),
    (10, "ten"),
    (10, "tenth"),
    (11, "eleven"),
    (12, "twelve"),
    (12, "dozen"),
    (13, "thirteen"),
    (14, "fourteen"),
    (15, "fifteen"),
    (16, "sixteen"),
    (17, "seventeen"),
    (18, "eighteen"),
    (19, "nineteen"),
    (20, "twenty"),
    (30, "thirty"),
    (40, "forty"),
    (50, "fifty"),
    (60, "sixty"),
    (70, "seventy"),
    (80, "eighty"),
    (90, "ninety"),
    (100, "hundred"),
    (1000, "thousand"),
];

const FRENCH_WORDS: &[(u32, &str)] = &[
    (0, "zéro"),
    (0, "aucun"),
    (0, "aucune"),
    (1, "un"),
    (1, "une"),
    (1, "premier"),
    (1, "première"),
    (1, "seul"),
    (1, "seule"),
    (2, "deux"),
    (2, "deuxième"),
    (2, "second"),
    (2, "seconde"),
    (2, "double"),
    (3, "trois"),
    (3, "troisième"),
    (3, "tiers"),
    (4, "quatre"),
    (4, "quatrième"),
    (5, "cinq"),
    (5, "cinquième"),
    (6, "six"),
    (6, "sixième"),
    (7, "sept"),
    (7, "septième"),
    (8, "huit"),
    (8, "huitième"),
    (9, "neuf"),
    (9, "neuvième"),
    (10, "dix"),
    (10, "dixième"),
    (11, "onze"),
    (12, "douze"),
    (12, "douzaine"),
    (13, "treize"),
    (14, "quatorze"),
    (15, "quinze"),
    (16, "seize"),
    (17, "dix-sept"),
    (18, "dix-huit"),
    (19, "dix-neuf"),
    (20, "vingt"),
    (30, "trente"),
    (40, "quarante"),
    (50, "cinquante"),
    (60, "soixante"),
    (70, "soixante-dix"),
    (80, "quatre-vingts"),
    (90, "quatre-vingt-dix"),
    (100, "cent"),
    (1000, "mille"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::test_util::Fixture;
    use crate::checks::words;

    fn codes(en: &str, fr: &str) -> Vec<Code> {
        Fixture::new("fr-FR").codes(&Numbers, en, fr)
    }

    #[test]
    fn locale_forms_of_the_same_number_agree() {
        assert!(codes(
            "Spending rose to 1,500.5 million, up 25%.",
            "Les dépenses atteignent 1\u{202f}500,5 millions, soit 25 % de plus."
        )
        .is_empty());
        assert!(codes("A £2.5 billion fund.", "Un fonds de 2,5 milliards de livres.").is_empty());
        assert!(codes("A $2.5B budget.", "Un budget de 2 500 000 000 $.").is_empty());
    }

    #[test]
    fn dates_and_times_agree_across_languages() {
        assert!(codes(
            "Published on 4 March 2025 at 2:30 p.m.",
            "Publié le 4 mars 2025 à 14 h 30."
        )
        .is_empty());
        assert!(codes("The meeting on 11/03/2025.", "La réunion du 11 mars 2025.").is_empty());
        assert!(codes(
            "On March 4, 2025, the team met.",
            "Le 4 mars 2025, l’équipe s’est réunie."
        )
        .is_empty());
        assert_eq!(
            codes("Published on 4 March 2025.", "Publié le 5 mars 2025."),
            [Code::NumberMismatch]
        );
    }

    #[test]
    fn numbers_in_words_ordinals_and_names_are_not_mismatches() {
        assert!(codes("Ranked #8 of 3 teams.", "Classée huitième sur trois équipes.").is_empty());
        assert!(codes(
            "About 300 people, 12,000 commits.",
            "Trois cents personnes, douze mille contributions."
        )
        .is_empty());
        assert!(codes("A four-question survey.", "Un sondage de 4 questions.").is_empty());
        assert!(codes(
            "See feedback-2.png during COVID 19.",
            "Voir feedback-4.png pendant la COVID‑19."
        )
        .is_empty());
        assert!(codes(
            "The G7 and COVID-19 in the 21st century.",
            "Le G7 et la COVID-19 au 21e siècle."
        )
        .is_empty());
        assert!(codes(
            "Call 1-800-622-6232 today.",
            "Composez le 1 800 622-6232 aujourd’hui."
        )
        .is_empty());
    }

    #[test]
    fn a_changed_figure_is_reported_with_both_values() {
        let hits = Fixture::new("fr-FR").run(
            &Numbers,
            "More than 1,500 cadets from 12 schools.",
            "Plus de 1 600 cadets de 12 écoles.",
        );
        assert_eq!(hits.len(), 1);
        assert_eq!(
            hits[0].message,
            "numbers differ: English `1,500` against French `1 600`"
        );
        assert!(hits[0].target_at.is_some());
    }

    /// Every token of a text, as `scan` reads them.
    fn scanned(text: &str, french: bool, quick: bool) -> Vec<Token> {
        let mut out = Vec::new();
        scan(text, french, quick, &mut out);
        out
    }

    /// `plain_numbers` as it was written before it read bytes: a list of
    /// the text's characters, read by index. The byte scan must find the
    /// same tokens.
    fn plain_numbers_by_char(text: &str, french: bool) -> Vec<Token> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut out = Vec::new();
        let mut k = 0;
        while k < chars.len() {
            let (start, c) = chars[k];
            if !c.is_ascii_digit() {
                k += 1;
                continue;
            }
            // Digits glued to a word (G7, mp4, COVID-19, C-11) name things.
            let prev = k.checked_sub(1).map(|p| chars[p].1);
            let prev2 = k.checked_sub(2).map(|p| chars[p].1);
            let hyphen = |c: Option<char>| matches!(c, Some('-' | '_' | '\u{2010}' | '\u{2011}'));
            // `COVID 19`: a number right after a word in capitals is its name.
            let after_capitals = prev.is_some_and(char::is_whitespace) && {
                let word: String = chars[..k - 1]
                    .iter()
                    .rev()
                    .map(|&(_, c)| c)
                    .take_while(|c| c.is_alphabetic())
                    .collect();
                word.chars().count() >= 2 && word.chars().all(char::is_uppercase)
            };
            let glued = prev.is_some_and(char::is_alphabetic)
                || prev == Some('.') && prev2.is_some_and(|p| p.is_ascii_digit());
            let weak = after_capitals || (hyphen(prev) && prev2.is_some_and(char::is_alphabetic));
            let digit_run = |mut k: usize| {
                while k < chars.len() && chars[k].1.is_ascii_digit() {
                    k += 1;
                }
                k
            };
            let mut end = digit_run(k);
            let mut integer: String = chars[k..end].iter().map(|&(_, c)| c).collect();
            let mut fraction: Option<String> = None;
            let mut ambiguous: Option<String> = None;
            if integer.len() <= 3 {
                // Thousands groups: exactly three digits after a separator.
                let mut groups = 0;
                let mut separator = None;
                while end < chars.len() {
                    let sep = chars.get(end).map(|&(_, c)| c);
                    let is_sep = matches!(
                        sep,
                        Some(
                            ',' | '.'
                                | ' '
                                | '\u{a0}'
                                | '\u{202f}'
                                | '\u{2009}'
                                | '\u{2007}'
                                | '\u{2008}'
                                | '\u{200a}'
                                | '\''
                        )
                    );
                    // A doubled space between groups is a typo, not two numbers.
                    let spacing = |c: Option<char>| {
                        c.is_some_and(|c| c != ',' && c != '.' && c != '\'' && c.is_whitespace())
                    };
                    let gap = if spacing(sep) && spacing(chars.get(end + 1).map(|&(_, c)| c)) {
                        2
                    } else {
                        1
                    };
                    let group_end = digit_run(end + gap);
                    if !is_sep || group_end != end + gap + 3 || (separator.is_some() && separator != sep) {
                        break;
                    }
                    separator = sep;
                    integer.extend(chars[end + gap..group_end].iter().map(|&(_, c)| c));
                    end = group_end;
                    groups += 1;
                }
                // One `,` or `.` group is a thousands group or a decimal part
                // depending on the language; a careless translation may use either.
                if groups == 1 && matches!(separator, Some(',' | '.')) {
                    let decimal_mark = if french { ',' } else { '.' };
                    let split = integer.len() - 3;
                    let (int, frac) = integer.split_at(split);
                    if separator == Some(decimal_mark) {
                        ambiguous = Some(integer.clone());
                        fraction = Some(frac.to_owned());
                        integer = int.to_owned();
                    } else {
                        ambiguous = Some(format!("{int}.{frac}"));
                    }
                }
            }
            if fraction.is_none() {
                let mark = chars.get(end).map(|&(_, c)| c);
                if matches!(mark, Some(',' | '.'))
                    && chars.get(end + 1).is_some_and(|&(_, c)| c.is_ascii_digit())
                {
                    let frac_end = digit_run(end + 1);
                    let is_decimal = if french {
                        mark == Some(',') || mark == Some('.')
                    } else {
                        mark == Some('.')
                    };
                    if is_decimal {
                        fraction = Some(chars[end + 1..frac_end].iter().map(|&(_, c)| c).collect());
                        ambiguous = None;
                        end = frac_end;
                    }
                }
            }
            let letters_end = {
                let mut e = end;
                while e < chars.len() && chars[e].1.is_alphabetic() {
                    e += 1;
                }
                e
            };
            let suffix: String = chars[end..letters_end].iter().map(|&(_, c)| c).collect();
            let byte_end = chars.get(end).map_or(text.len(), |&(i, _)| i);
            k = letters_end.max(end);
            // `feedback-2.png`, `2-fr`: a file or identifier, not a quantity.
            let joined = suffix.is_empty()
                && matches!(chars.get(end).map(|&(_, c)| c), Some('.' | '_'))
                && chars.get(end + 1).is_some_and(|&(_, c)| c.is_alphabetic());
            if glued || joined || (!suffix.is_empty() && !is_number_suffix(&suffix.to_lowercase())) {
                continue;
            }
            let canonical = canonical(&integer, fraction.as_deref());
            let mut values = vec![Value::Number(canonical.clone())];
            if let Some(other) = ambiguous {
                let (i, f) = other
                    .split_once('.')
                    .map_or((other.as_str(), None), |(i, f)| (i, Some(f)));
                values.push(Value::Number(self::canonical(i, f)));
            }
            // `2.5 billion` is also 2 500 000 000; `2,5 G$` likewise.
            let next_word = text[byte_end..]
                .split(|c: char| !c.is_alphanumeric())
                .find(|w| !w.is_empty())
                .unwrap_or("");
            let power = scale(next_word).or(match suffix.to_lowercase().as_str() {
                "k" => Some(3),
                "m" => Some(6),
                "b" | "bn" => Some(9),
                _ => None,
            });
            if let Some(power) = power {
                values.push(Value::Number(scaled(&integer, fraction.as_deref(), power)));
            }
            // `2026-27` is the year range 2026 to 2027.
            if integer.len() == 2 && fraction.is_none() && k >= 6 && start >= 5 {
                let head = &text[..start];
                if let Some(century) = head
                    .strip_suffix('-')
                    // `€12-15`: the four bytes before the hyphen may end
                    // inside a multi-byte character; such a head is no year.
                    .and_then(|h| h.get(h.len().checked_sub(4)?..))
                {
                    if century.chars().all(|c| c.is_ascii_digit()) {
                        values.push(Value::Number(format!("{}{integer}", &century[..2])));
                    }
                }
            }
            // `1.` or `2)` opening a segment numbers a list item by hand.
            let marker = text[..start].trim().is_empty()
                && matches!(chars.get(end).map(|&(_, c)| c), Some('.' | ')'))
                && integer.len() <= 2
                && fraction.is_none();
            // An ordinal on one side only (« 2e secondaire », "3rd party") is
            // a way of saying, not a figure: it matches but is not reported.
            let ordinal = ORDINAL_SUFFIXES.contains(&suffix.to_lowercase().as_str());
            out.push(Token {
                surface: text[start..byte_end].trim().to_owned(),
                values,
                weak: weak || marker || ordinal,
            });
        }
        out
    }

    /// The first reads that skip searches change no token: on every
    /// segment of the corpus, and on text made of the numbers the rules
    /// are for, in either language.
    #[test]
    fn skipping_searches_changes_no_token_of_the_corpus() {
        let mut texts = 0;
        for segments in crate::checks::test_util::corpus() {
            for text in segments.iter().map(|s| &s.text) {
                for french in [false, true] {
                    assert_eq!(
                        scanned(text, french, true),
                        scanned(text, french, false),
                        "{text}"
                    );
                }
                texts += usize::from(text.chars().any(char::is_numeric));
            }
        }
        assert!(texts > 200, "{texts} texts with numbers");
    }

    const NUMBERS: &[&str] = &[
        "€12-15 million",
        "1 234,5 %",
        "1\u{202f}234,5\u{a0}%",
        "12:30",
        "3.5 billion",
        "2,5 milliards",
        "4 March 2025",
        "4 mars 2025",
        "2025-03-04",
        "04/03/2025",
        "4.3.2025",
        "11/03/2025",
        "1er",
        "2e",
        "1re",
        "3rd",
        "21st",
        "+1 613-555-0199",
        "1-800-622-6232",
        "(613) 555 0199",
        "613.555.0199",
        "v1.2.3",
        "2.1",
        "2026-27",
        "FY 25-26",
        "25–26",
        "2 p.m.",
        "2:30 PM",
        "10am",
        "14 h 30",
        "14h",
        "9\u{a0}h",
        "7\u{202f}h\u{202f}30",
        "11:00 a.m.",
        "10 AM",
        "3 people",
        "2 heures",
        "8\u{2003}pm",
        "https://x.ca/2024/a",
        "www.x.ca/7",
        "`v=2`",
        "a2@b.ca",
        "{{ 3 }}",
        "id=\"4\"",
        "G7",
        "COVID-19",
        "COVID 19",
        "feedback-2.png",
        "1.",
        "2)",
        "25%",
        "$2.5B",
        "12k",
        "1990s",
        "٣",
        "١٢:٣٠",
        "12",
        "3",
        "2025",
        "0.5",
        "1,500.5",
        "1 500",
        "100 000",
    ];
    const GLUE: &[&str] = &[
        " ", " ", ", ", ". ", "-", "/", ":", "\u{a0}", " et ", " to ", "(", ") ", "\n",
    ];

    proptest::proptest! {
        #[test]
        fn skipping_searches_changes_no_token(
            pieces in proptest::collection::vec(proptest::sample::select(NUMBERS), 1..8),
            glue in proptest::collection::vec(proptest::sample::select(GLUE), 8),
            french: bool,
        ) {
            let text: String = pieces.iter().zip(&glue).flat_map(|(p, g)| [*p, *g]).collect();
            proptest::prop_assert_eq!(scanned(&text, french, true), scanned(&text, french, false));
        }
    }

    /// Pieces beyond `NUMBERS` that the byte scan reads around a number:
    /// capitals and letters before it, groups in every space, suffixes in
    /// any case (the Kelvin sign lowercases to `k`), characters of other
    /// scripts.
    const AROUND: &[&str] = &[
        "7 h 30",
        "COVID 19",
        "NATO 2",
        "ÉTÉ 2",
        "Été 2",
        "l’an 2",
        "x²",
        "½",
        "É3",
        "12 345 678",
        "1\u{202f}234\u{202f}567,89",
        "1.234.567",
        "1'000",
        "3  000",
        "12\u{2003}\u{2003}345",
        "12\u{2009}345.6",
        "2ᵉ",
        "1ʳᵉ",
        "5 Mio",
        "3,5 G$",
        "2.5bn",
        "12K",
        "12\u{212a}",
        "4 MILLION",
        "7 Milliards",
        "١٢",
        "–",
        "—",
        "«\u{a0}",
        "\u{a0}»",
        "2-fr",
        "v_2",
        "a-2",
        "Québec-2025",
        "2025-26",
        "€12-15",
        "12.",
        ".5",
        "0,75",
        "100,000,000",
        "1,000.000",
    ];

    /// The byte scan of plain numbers finds what the scan of a list of
    /// characters found, on every segment of the corpus.
    #[test]
    fn plain_numbers_read_on_bytes_as_on_characters_in_the_corpus() {
        for segments in crate::checks::test_util::corpus() {
            for text in segments.iter().map(|s| &s.text) {
                for french in [false, true] {
                    let mut bytes = Vec::new();
                    plain_numbers(text, french, &mut bytes);
                    assert_eq!(bytes, plain_numbers_by_char(text, french), "{text}");
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn plain_numbers_read_on_bytes_as_on_characters(
            pieces in proptest::collection::vec(
                proptest::sample::select([NUMBERS, AROUND].concat()),
                1..10,
            ),
            glue in proptest::collection::vec(
                proptest::sample::select([GLUE, &["", "a", "É", "\u{202f}", "  ", "’", "x"]].concat()),
                10,
            ),
            french: bool,
        ) {
            let text: String = pieces.iter().zip(&glue).flat_map(|(p, g)| [*p, *g]).collect();
            let mut bytes = Vec::new();
            plain_numbers(&text, french, &mut bytes);
            proptest::prop_assert_eq!(bytes, plain_numbers_by_char(&text, french));
        }
    }

    /// The numerals counted from bytes are the numeric characters, in
    /// the corpus and in any text at all.
    #[test]
    fn numerals_counted_on_bytes_are_the_numeric_characters() {
        let by_char = |text: &str| text.chars().filter(|c| c.is_numeric()).count();
        for segments in crate::checks::test_util::corpus() {
            for text in segments.iter().map(|s| &s.text) {
                assert_eq!(numerals(text), by_char(text), "{text}");
            }
        }
        let every: String = ('\u{80}'..='\u{3000}').collect();
        assert_eq!(numerals(&every), by_char(&every));
        proptest::proptest!(|(text: String)| {
            proptest::prop_assert_eq!(numerals(&text), by_char(&text));
        });
    }

    /// `Rules::of` as it was written before it read only the bytes that
    /// may be digits: every byte forwards, then every byte backwards for
    /// the English hour.
    fn of_every_byte(text: &str, french: bool, numerals: usize) -> Rules {
        let bytes = text.as_bytes();
        let digit = |b: Option<&u8>| b.is_some_and(|&b| b.is_ascii_digit() || !b.is_ascii());
        let (mut dash, mut slash, mut dot, mut colon, mut en_dash, mut french_hour) =
            (false, false, false, false, false, false);
        for i in 0..bytes.len() {
            if !digit(bytes.get(i)) {
                continue;
            }
            match bytes.get(i + 1) {
                Some(b'-') => dash |= digit(bytes.get(i + 2)),
                Some(b'/') => slash |= digit(bytes.get(i + 2)),
                Some(b'.') => dot |= digit(bytes.get(i + 2)),
                Some(b':') => colon |= digit(bytes.get(i + 2)),
                Some(0xE2) => {
                    en_dash |= bytes[i + 1..].starts_with("–".as_bytes()) && digit(bytes.get(i + 4))
                }
                _ => {}
            }
            // `h` within one space (at most three bytes) of the hour.
            french_hour |= french && bytes[i + 1..].iter().take(4).any(|&b| b == b'h');
        }
        // In English, `a` or `p` after the hour once any minutes and
        // spaces are passed (read from the end, so each byte once).
        let english_hour = !french && {
            let passed = |b: u8| matches!(b, b'\t'..=b'\r' | b' ' | b':') || digit(Some(&b));
            let mut next = None;
            bytes.iter().rev().any(|&b| {
                let found = digit(Some(&b)) && matches!(next, Some(b'a' | b'A' | b'p' | b'P'));
                if !passed(b) {
                    next = Some(b);
                }
                found
            })
        };
        let time = french_hour || english_hour || colon;
        Rules {
            phone: numerals >= 10,
            date: numerals >= 6 && (dash || slash || dot),
            year_range: numerals >= 4 && (dash || slash || en_dash),
            version: numerals >= 3 && dot,
            time,
        }
    }

    /// `Rules::of` finds what reading every byte found, on every segment
    /// of the corpus and on text made of the numbers the rules are for.
    #[test]
    fn rules_read_on_digits_as_on_every_byte() {
        let same = |text: &str, french: bool| {
            let n = numerals(text);
            let (a, b) = (Rules::of(text, french, n), of_every_byte(text, french, n));
            (a.phone, a.date, a.year_range, a.version, a.time)
                == (b.phone, b.date, b.year_range, b.version, b.time)
        };
        for segments in crate::checks::test_util::corpus() {
            for text in segments.iter().map(|s| &s.text) {
                assert!(same(text, false) && same(text, true), "{text}");
            }
        }
        proptest::proptest!(|(
            pieces in proptest::collection::vec(proptest::sample::select([NUMBERS, AROUND].concat()), 1..10),
            glue in proptest::collection::vec(proptest::sample::select(GLUE), 10),
            french: bool,
        )| {
            let text: String = pieces.iter().zip(&glue).flat_map(|(p, g)| [*p, *g]).collect();
            proptest::prop_assert!(same(&text, french), "{}", text);
        });
    }

    #[test]
    fn urls_and_code_are_not_numbers() {
        assert!(codes(
            "See https://example.com/2024/report and `v=2`.",
            "Voir https://example.com/2023/rapport et `v=3`."
        )
        .is_empty());
    }

    /// `word_forms` as it was: a string for each word in lower case and
    /// one for each of its parts.
    fn word_forms_as_strings(text: &str) -> Vec<String> {
        words(text)
            .flat_map(|(_, w)| {
                let w = w.to_lowercase();
                let parts: Vec<String> = w.split('-').map(str::to_owned).collect();
                std::iter::once(w).chain(parts)
            })
            .collect()
    }

    /// `spelled_out` as it was, on that list: every word compared with
    /// every number word of the language.
    fn spelled_out_in_strings(token: &Token, list: &[String], french: bool) -> bool {
        let names = if french { FRENCH_WORDS } else { ENGLISH_WORDS };
        let is = |w: &str, n: u32| names.iter().any(|&(value, word)| value == n && w == word);
        let whole = token.values.iter().find_map(|v| match v {
            Value::Number(n) => n.parse::<u32>().ok(),
            _ => None,
        });
        if let Some(n) = whole {
            for (unit, words) in [(100, ["hundred", "cents"]), (1000, ["thousand", "mille"])] {
                if n % unit == 0 && n / unit > 1 && n / unit < 100 {
                    let head = n / unit;
                    if list
                        .windows(2)
                        .any(|p| is(&p[0], head) && (words.contains(&p[1].as_str()) || is(&p[1], unit)))
                    {
                        return true;
                    }
                }
            }
        }
        let Some(n) = token.small() else { return false };
        list.iter().any(|w| is(w, n))
    }

    /// The word forms, read as ranges of one string, are the strings the
    /// list held, and a number is spelled out where it was: on generated
    /// English and French with number words in every case and compound
    /// (« dix-sept », « quatre-vingt-dix », "Twelve thousand", Σ), and on
    /// the corpus's pages.
    #[test]
    fn spelled_out_numbers_are_found_as_in_the_list_of_strings() {
        let numbers: Vec<u32> = (0..=20)
            .chain([30, 70, 90, 100, 300, 1000, 12_000, 2500])
            .collect();
        let same = |text: &str| {
            let forms = WordForms::new(words(text).map(|(_, w)| w));
            let strings = word_forms_as_strings(text);
            assert!(forms.iter().eq(strings.iter().map(String::as_str)), "{text:?}");
            let mut found = 0;
            for &n in &numbers {
                let token = Token {
                    surface: n.to_string(),
                    values: vec![Value::Number(n.to_string())],
                    weak: false,
                };
                for french in [false, true] {
                    let spelled = spelled_out(&token, &forms, french);
                    assert_eq!(
                        spelled,
                        spelled_out_in_strings(&token, &strings, french),
                        "{n} in {text:?}"
                    );
                    found += usize::from(spelled);
                }
            }
            found
        };
        let found: usize = crate::checks::test_util::corpus_files()
            .iter()
            .map(|file| same(file.text()))
            .sum();
        assert!(found > 100, "{found} spelled out in the corpus");
        // A side's forms are read from its word index: the words of its
        // segments are those of its joined text.
        for page in crate::checks::test_util::corpus() {
            for pair in page.chunks(3) {
                let tokens = crate::checks::Tokens::new();
                let indexed = (0..pair.len()).flat_map(|k| tokens.segment_words(pair, k));
                let forms = WordForms::new(indexed.map(|(_, w)| w));
                let strings = word_forms_as_strings(tokens.joined(pair));
                assert!(forms.iter().eq(strings.iter().map(String::as_str)));
            }
        }
        let piece = proptest::sample::select(vec![
            "trois",
            "Trois",
            "TROIS",
            "cents",
            "dix-sept",
            "quatre-vingt-dix",
            "Quatre-Vingts",
            "douze",
            "mille",
            "premier",
            "première",
            "Deuxième",
            "twelve",
            "Twelve",
            "thousand",
            "hundred",
            "three-year",
            "first",
            "a",
            "an",
            "ΣΑΣ",
            "İ",
            "-",
            "--",
            "é",
            " ",
            " ",
            "\u{a0}",
            ", ",
            ".",
        ]);
        proptest::proptest!(|(pieces in proptest::collection::vec(piece, 0..20))| {
            same(&pieces.concat());
        });
    }
}
