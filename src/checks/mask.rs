//! The parts of a segment's raw Markdown that are not prose and that
//! typography and spacing checks (and their fixes) must never touch: inline
//! code, URLs, e-mail addresses, link targets, autolinks and HTML tags,
//! comments and entities, template tags, container fences, and the colon of
//! times and ratios such as `10:00` or `16:9`.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::text::url;

/// The parts of `PROTECTED` whose letters match in any case: nothing
/// else has a letter, and case folding the large classes (`[^<>]`, `\w`)
/// costs tens of milliseconds of compilation for the same matches (a test
/// compares the syntax trees with a pattern wholly under `(?i)`).
const PROTECTED_PATTERN: [&str; 12] = [
    r"<!--[\s\S]*?-->",
    r"|<(?i:[a-z/!])[^<>]*>",
    r"|\]\((?:[^()\s]|\([^()]*\))*(?:\s+[^)]*)?\)",
    r"|^[ \t]*\[[^\]]+\]:.*$",
    "|",
    url::PATTERN,
    // An e-mail address, with its scheme when it has one.
    r"|(?i:mailto):[^\s<>\[\]()]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
    r"|\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}",
    r"|&(?i:[a-z][a-z0-9]*|#[0-9]+|#x[0-9a-f]+);",
    r"|^[ \t]*:::.*$",
    // kramdown attribute lists and extension tags: `{:.class}`, `{::nomarkdown}`.
    r"|\{:[^}\n]*\}",
    r"|\d:\d",
];

static PROTECTED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&PROTECTED_PATTERN.concat()).expect("valid regex"));

/// Byte ranges of `raw` that are not prose, sorted and not overlapping.
pub fn protected(raw: &str) -> Vec<Range<usize>> {
    if !may_hold_protected(raw) {
        return Vec::new();
    }
    search(raw)
}

/// Whether `raw` has what every protected part needs: a backtick, `<`,
/// `[`, `]`, `@`, `{` or `&`, `www.`, or a colon in `://`, `:::`,
/// `mailto:` or between two digits. Most prose has none of them, and a
/// byte scan is far cheaper than the search. A colon next to a non-ASCII
/// byte counts, as `\d` takes the digits of every script.
fn may_hold_protected(raw: &str) -> bool {
    let bytes = raw.as_bytes();
    let digit = |b: Option<&u8>| b.is_some_and(|&b| b.is_ascii_digit() || !b.is_ascii());
    bytes.iter().enumerate().any(|(i, &b)| match b {
        b'`' | b'<' | b'[' | b']' | b'@' | b'{' | b'&' => true,
        b':' => {
            let (before, after) = (i.checked_sub(1).map(|p| &bytes[p]), bytes.get(i + 1));
            matches!(after, Some(b'/' | b':'))
                || matches!(before, Some(b'o' | b'O'))
                || digit(before) && digit(after)
        }
        b'w' | b'W' => bytes
            .get(i..i + 4)
            .is_some_and(|w| w.eq_ignore_ascii_case(b"www.")),
        _ => false,
    })
}

/// `protected` without the first scan: the regex search.
fn search(raw: &str) -> Vec<Range<usize>> {
    let mut ranges = code_spans(raw);
    let mut at = 0;
    while let Some(m) = PROTECTED.find_at(raw, at) {
        let mut range = m.range();
        let text = m.as_str();
        if text.starts_with(|c: char| c.is_ascii_alphabetic()) && !text.contains('@') {
            // A bare URL: trailing punctuation belongs to the sentence.
            range.end = range.start + url::trim_end(text).len();
        }
        if !ranges.iter().any(|r: &Range<usize>| r.contains(&range.start)) {
            ranges.push(range.clone());
        }
        at = m.end().max(at + 1);
    }
    ranges.sort_by_key(|r| r.start);
    ranges
}

/// Inline code spans: a run of backticks up to the next run of the same length.
fn code_spans(raw: &str) -> Vec<Range<usize>> {
    let bytes = raw.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'`' {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i] == b'`' {
            i += 1;
        }
        let run = i - start;
        let mut j = i;
        let mut close = None;
        while j < bytes.len() {
            if bytes[j] == b'`' {
                let s = j;
                while j < bytes.len() && bytes[j] == b'`' {
                    j += 1;
                }
                if j - s == run {
                    close = Some(j);
                    break;
                }
            } else {
                j += 1;
            }
        }
        if let Some(end) = close {
            out.push(start..end);
            i = end;
        }
    }
    out
}

/// The protected ranges of one raw segment, found on the first question:
/// most segments never ask (no doubled space, no French punctuation
/// outside a URL), and the search is the costly part.
pub struct Lazy<'r> {
    raw: &'r str,
    ranges: std::cell::OnceCell<Vec<Range<usize>>>,
}

impl<'r> Lazy<'r> {
    pub fn new(raw: &'r str) -> Self {
        Lazy {
            raw,
            ranges: std::cell::OnceCell::new(),
        }
    }

    /// Whether byte `at` of the raw segment is not prose.
    pub fn covers(&self, at: usize) -> bool {
        is_protected(self.ranges.get_or_init(|| protected(self.raw)), at)
    }
}

/// Whether a byte offset falls in one of the (sorted) ranges.
pub fn is_protected(ranges: &[Range<usize>], at: usize) -> bool {
    let i = ranges.partition_point(|r| r.end <= at);
    ranges.get(i).is_some_and(|r| r.start <= at)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The first byte scan only skips searches that find nothing: on every
    /// raw segment of the corpus, and on text made of the markup it looks
    /// for, next to prose.
    #[test]
    fn the_first_scan_skips_only_texts_without_protected_parts() {
        let mut skipped = 0;
        for file in crate::checks::test_util::corpus_files() {
            let (text, segments) = (file.text(), crate::document::markdown::segment(&file));
            for segment in segments {
                let raw = &text[segment.span.clone()];
                skipped += usize::from(!may_hold_protected(raw));
                assert_eq!(protected(raw), search(raw), "{raw}");
            }
        }
        assert!(skipped > 100, "{skipped} skipped");
    }

    const PIECES: &[&str] = &[
        "Le ministre",
        "a dit",
        " : ",
        " ; ",
        "10:00",
        "16:9",
        "1:2",
        "mailto:a",
        "MAILTO:x",
        "ecrire@canada.ca",
        "https://x.ca/a",
        "HTTP://X.CA",
        "www.gc.ca",
        "WWW.x",
        "ww.",
        "`a:b`",
        "``",
        "<b>",
        "</b>",
        "<!-- c -->",
        "[le guide](https://a.ca)",
        "](x)",
        "[x]: y",
        "{{ page }}",
        "{% if %}",
        "{:.c}",
        "&nbsp;",
        "&#160;",
        ":::",
        "::",
        "\u{a0}:",
        "٣:٤",
        "１:２",
        "»",
        "«",
        "é:",
        "o:",
        "o",
        ":",
        "/",
        "w",
        "@",
        "{",
        "&",
        "[",
        "]",
    ];

    proptest! {
        #[test]
        fn the_first_scan_agrees_with_the_search(
            pieces in prop::collection::vec(prop::sample::select(PIECES), 0..10),
            glue in prop::collection::vec(prop::sample::select(&["", " ", "\n", "\u{a0}", "é"][..]), 10),
        ) {
            let raw: String = pieces.iter().zip(&glue).flat_map(|(p, g)| [*p, *g]).collect();
            prop_assert_eq!(protected(&raw), search(&raw));
        }
    }

    fn masked(raw: &str) -> Vec<&str> {
        protected(raw).into_iter().map(|r| &raw[r]).collect()
    }

    #[test]
    fn urls_code_times_and_tags_are_protected() {
        let raw = "Voir [le guide](https://exemple.ca/a?b=c) ou https://x.ca/y: à 10:00, `a:b` <b>x</b>";
        assert_eq!(
            masked(raw),
            [
                "](https://exemple.ca/a?b=c)",
                "https://x.ca/y",
                "0:0",
                "`a:b`",
                "<b>",
                "</b>"
            ]
        );
    }

    #[test]
    fn entities_and_emails_are_protected() {
        assert_eq!(
            masked("a&nbsp;: ecrire@canada.ca !"),
            ["&nbsp;", "ecrire@canada.ca"]
        );
    }

    /// `PROTECTED` as it was, wholly under `(?i)`.
    const CASE_INSENSITIVE: &str = concat!(
        r"(?i)<!--[\s\S]*?-->",
        r"|<[a-z/!][^<>]*>",
        r"|\]\((?:[^()\s]|\([^()]*\))*(?:\s+[^)]*)?\)",
        r"|^[ \t]*\[[^\]]+\]:.*$",
        r#"|(?:(?:https?://|ftp://|www\.)(?:[^\s<>()\[\]`"]|\([^\s<>()\[\]`"]*\))+)"#,
        r"|mailto:[^\s<>\[\]()]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
        r"|\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}",
        r"|&(?:[a-z][a-z0-9]*|#[0-9]+|#x[0-9a-f]+);",
        r"|^[ \t]*:::.*$",
        r"|\{:[^}\n]*\}",
        r"|\d:\d",
    );

    /// Scoping `(?i)` to the letters changes nothing that the pattern
    /// matches (`[a-z]` in any case still takes the Kelvin sign and the
    /// long s): both parse to the same syntax tree, which is what the
    /// regex compiles.
    #[test]
    fn scoped_case_folding_matches_what_the_whole_pattern_folded() {
        let parse = |p: &str| regex_syntax::Parser::new().parse(p).expect("valid pattern");
        assert_eq!(parse(&PROTECTED_PATTERN.concat()), parse(CASE_INSENSITIVE));
        assert_eq!(
            masked("<\u{212a}BD> &\u{17f}hy;"),
            ["<\u{212a}BD>", "&\u{17f}hy;"]
        );
    }

    #[test]
    fn lookup_is_by_range() {
        let ranges = vec![2..4, 8..9];
        assert!(!is_protected(&ranges, 1));
        assert!(is_protected(&ranges, 3));
        assert!(!is_protected(&ranges, 4));
        assert!(is_protected(&ranges, 8));
    }
}
