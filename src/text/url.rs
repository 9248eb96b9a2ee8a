//! The one pattern for a bare URL written in text, shared by the checks
//! that compare URLs (`links`), that must not read their digits as figures
//! (`numbers`) or that must leave them untouched (`mask`), and by pairing,
//! which keeps URLs out of prose. What is inside a URL (its host, its
//! language markers) is its users' business.

use std::sync::LazyLock;

use regex::Regex;

/// A bare URL: a scheme (`http://`, `https://`, `ftp://`) or `www.`, in
/// any case, then everything up to whitespace, a double quote (never part
/// of a URL, it closes an HTML attribute: `href="https://x.ca/"`), an
/// angle or square bracket, a backtick or an unbalanced parenthesis, so that
/// `…/Foo_(bar)` keeps its parentheses while `(see https://x.ca)` leaves
/// the closing one to the sentence. Its flags are scoped, so it can be one
/// alternative of a larger pattern, and case folding covers the scheme
/// only: folding the large classes after it changes no match but costs
/// compilation time in every regex that embeds the pattern. A `mailto:` address is an e-mail
/// address, not a URL: pairing anchors on it and `links` compares it as
/// one.
pub const PATTERN: &str = r#"(?:(?i:https?://|ftp://|www\.)(?:[^\s<>()\[\]`"]|\([^\s<>()\[\]`"]*\))+)"#;

/// What ends a sentence or closes emphasis rather than a URL, when it
/// follows one: `https://x.ca/y.` is a URL and a full stop.
const TRAILING: &[char] = &['.', ',', ';', ':', '!', '?', '»', '”', '’', '\'', '*', '_'];

static URL: LazyLock<Regex> = LazyLock::new(|| Regex::new(PATTERN).expect("valid URL pattern"));
static AT_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("^{PATTERN}")).expect("valid URL pattern"));

/// A match of `PATTERN` without the punctuation that follows it in a
/// sentence.
pub fn trim_end(url: &str) -> &str {
    url.trim_end_matches(TRAILING)
}

/// The bare URLs of a text, in order, trailing punctuation left out.
pub fn bare_urls(text: &str) -> impl Iterator<Item = &str> {
    may_hold_url(text)
        .then(|| URL.find_iter(text))
        .into_iter()
        .flatten()
        .map(|m| trim_end(m.as_str()))
}

/// Whether a text has what `PATTERN` starts with: `://` (every scheme
/// ends with it) or `www.` in any case. Most text has neither, and
/// reading its bytes costs less than the search.
pub fn may_hold_url(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b':', bytes).any(|i| bytes[i + 1..].starts_with(b"//"))
        || memchr::memchr_iter(b'.', bytes).any(|i| i >= 3 && bytes[i - 3..i].eq_ignore_ascii_case(b"www"))
}

/// Whether a word begins with a URL.
pub fn starts_with_url(word: &str) -> bool {
    AT_START.is_match(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Case folding the scheme alone matches what folding the whole
    /// pattern did: both parse to the same syntax tree.
    #[test]
    fn case_folding_the_scheme_alone_changes_no_match() {
        let parse = |p: &str| regex_syntax::Parser::new().parse(p).expect("valid pattern");
        let folded_whole = r#"(?i:(?:https?://|ftp://|www\.)(?:[^\s<>()\[\]`"]|\([^\s<>()\[\]`"]*\))+)"#;
        assert_eq!(parse(PATTERN), parse(folded_whole));
        assert_eq!(
            bare_urls("HTTPS://X.CA/A ").collect::<Vec<_>>(),
            ["HTTPS://X.CA/A"]
        );
    }

    #[test]
    fn sentence_punctuation_is_not_part_of_the_url() {
        let text = "See https://x.ca/a?b=c, www.gov.uk/x. and (https://y.ca/z).";
        assert_eq!(
            bare_urls(text).collect::<Vec<_>>(),
            ["https://x.ca/a?b=c", "www.gov.uk/x", "https://y.ca/z"]
        );
    }

    #[test]
    fn balanced_parentheses_stay_in_the_url() {
        let text = "(https://en.wikipedia.org/wiki/Foo_(bar))";
        assert_eq!(
            bare_urls(text).collect::<Vec<_>>(),
            ["https://en.wikipedia.org/wiki/Foo_(bar)"]
        );
    }

    #[test]
    fn urls_stop_at_markup_and_code() {
        let text = "<https://x.ca/a> [https://y.ca/b] `https://z.ca/c`";
        assert_eq!(
            bare_urls(text).collect::<Vec<_>>(),
            ["https://x.ca/a", "https://y.ca/b", "https://z.ca/c"]
        );
    }

    /// A link in raw HTML (`<a href="…" target="_blank">`, real CDS blog
    /// posts) took the closing quote into the URL, so that a French target
    /// given an extra path segment no longer looked like the English one
    /// extended.
    #[test]
    fn an_html_attribute_quote_ends_the_url() {
        let text = r#"<a href="https://www.linkedin.com/company/cds-snc/" target="_blank">"#;
        assert_eq!(
            bare_urls(text).collect::<Vec<_>>(),
            ["https://www.linkedin.com/company/cds-snc/"]
        );
    }

    #[test]
    fn scheme_or_www_in_any_case_starts_a_url() {
        for word in ["https://x.ca", "HTTP://X.CA", "www.gov.uk", "ftp://f.ca/x"] {
            assert!(starts_with_url(word), "{word}");
        }
        for word in ["x.ca", "see:https://x.ca", "http:x", "2025", "mailto:a@b.fr"] {
            assert!(!starts_with_url(word), "{word}");
        }
    }

    /// The first read skips no URL in near misses (the corpus is read by
    /// the links check's tests: this layer does not see the checks).
    #[test]
    fn the_first_read_skips_no_url() {
        fn searched(text: &str) -> Vec<&str> {
            URL.find_iter(text).map(|m| trim_end(m.as_str())).collect()
        }
        for text in [
            "WWW.X.CA",
            "wWw.x.ca/a",
            "ww.x.ca",
            "HTTPS://X",
            "ftp://f",
            "http:/x",
            "www",
            "www.",
            "é.www.x",
        ] {
            assert_eq!(bare_urls(text).collect::<Vec<_>>(), searched(text), "{text}");
        }
    }

    #[test]
    fn the_pattern_is_one_alternative_of_a_larger_one() {
        let re = Regex::new(&format!("{PATTERN}|ABC")).unwrap();
        assert!(re.is_match("ABC"));
        assert!(!re.is_match("abc"), "the URL's case-insensitivity must not leak");
    }
}
