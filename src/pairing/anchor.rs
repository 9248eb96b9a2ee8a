//! Anchors: the tokens that survive translation unchanged and so tell the
//! aligner which segments belong together — numbers (with thousands
//! separators of either language removed), link hosts, e-mail addresses,
//! inline code, acronyms (PJHQ, CJEF) and capitalised names (Starmer).

use crate::document::segment::Segment;
use crate::text::url;

/// A segment's anchors, hashed, sorted and deduplicated. Names are kept
/// apart: English capitalises far more words than French ("Prime
/// Minister" / « Premier ministre »), so a name on one side only is weak
/// evidence against a pair, while a shared one is strong evidence for it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Anchors {
    pub exact: Vec<u64>,
    pub names: Vec<u64>,
}

impl Anchors {
    /// The anchors of two segments read as one.
    pub fn union(&self, other: &Anchors) -> Anchors {
        let merge = |a: &[u64], b: &[u64]| {
            let mut all = [a, b].concat();
            all.sort_unstable();
            all.dedup();
            all
        };
        Anchors {
            exact: merge(&self.exact, &other.exact),
            names: merge(&self.names, &other.names),
        }
    }
}

pub fn anchors(segment: &Segment) -> Anchors {
    let mut exact = Vec::new();
    let mut names = Vec::new();
    let mut push = |kind: u8, token: &str| {
        let hash = fnv1a(kind, token);
        if kind == NAME {
            names.push(hash);
        } else {
            exact.push(hash);
        }
    };
    let prose = without_urls(&segment.text);
    for number in numbers(&prose) {
        push(0, &number);
    }
    for url in segment.text.split_whitespace().filter(|w| is_url(w)) {
        if let Some(host) = link_host(url) {
            push(1, &host.to_ascii_lowercase());
        }
    }
    for link in &segment.links {
        if let Some(host) = link_host(link) {
            push(1, &host.to_ascii_lowercase());
        }
    }
    for code in &segment.code {
        push(2, code);
    }
    let mut sentence_start = true;
    for word in prose.split(|c: char| c.is_whitespace()) {
        let token = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '@');
        if token.contains('@') && token.contains('.') {
            push(3, &token.to_lowercase());
        } else if is_acronym(token) {
            push(4, token);
        } else if !sentence_start && is_name(token) {
            push(NAME, token);
        }
        sentence_start =
            word.ends_with(['.', '!', '?', ':', '«', '“', '"']) || word.is_empty() && sentence_start;
    }
    for list in [&mut exact, &mut names] {
        list.sort_unstable();
        list.dedup();
    }
    Anchors { exact, names }
}

const NAME: u8 = 5;

/// The words of a text, lowercased, hashed, sorted and deduplicated: what
/// two versions of one language's text are compared by.
pub fn words(text: &str) -> Vec<u64> {
    let mut out: Vec<u64> = without_urls(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| fnv1a(6, &w.to_lowercase()))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// How alike two word lists are, from 0 (no word shared) to 1 (the same
/// words): the Dice coefficient.
pub fn resemblance(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    let (shared, _) = overlap(a, b);
    2.0 * shared as f64 / (a.len() + b.len()) as f64
}

/// FNV-1a: anchors are short and only compared within one release, so a
/// fast non-cryptographic hash is enough.
fn fnv1a(kind: u8, token: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325 ^ u64::from(kind);
    for byte in token.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// How many anchors two segments share, and how many only one has.
pub fn overlap(a: &[u64], b: &[u64]) -> (usize, usize) {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    (shared, a.len() + b.len() - 2 * shared)
}

/// The numbers of a text with two or more digits, thousands separators of
/// either language removed: `1,500`, `1 500` and `1 500` all give `1500`.
fn numbers(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let mut digits = String::new();
        while i < chars.len() && chars[i].is_ascii_digit() {
            digits.push(chars[i]);
            i += 1;
        }
        // A separator followed by exactly three digits continues the number.
        while i < chars.len()
            && matches!(chars[i], ',' | '.' | ' ' | '\u{a0}' | '\u{202f}' | '\'')
            && chars
                .get(i + 1..i + 4)
                .is_some_and(|group| group.iter().all(char::is_ascii_digit))
            && chars.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
        {
            digits.extend(&chars[i + 1..i + 4]);
            i += 4;
        }
        if digits.len() >= 2 {
            out.push(digits);
        }
    }
    out
}

fn is_url(word: &str) -> bool {
    url::starts_with_url(word.trim_start_matches(['(', '<', '[']))
}

/// The text with bare URLs taken out: their digits are not figures and
/// their length is not prose (a link left unconverted in one language
/// must not make the pair look unbalanced).
pub fn without_urls(text: &str) -> String {
    text.split(' ')
        .filter(|w| !is_url(w))
        .collect::<Vec<_>>()
        .join(" ")
}

fn link_host(link: &str) -> Option<&str> {
    let rest = link.split_once("://").map(|(_, rest)| rest)?;
    let host = rest.split(['/', '?', '#']).next().filter(|h| !h.is_empty())?;
    Some(site(host))
}

/// The site a host belongs to: its last two labels, or three under a short
/// second-level label (`canada.ca`, `tbs-sct.gc.ca`, `gov.uk`'s
/// `service.gov.uk`). Bilingual sites translate the subdomain
/// (`design-system.alpha.canada.ca`, `systeme-design.alpha.canada.ca`):
/// the link is the same anchor in both languages.
fn site(host: &str) -> &str {
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next().unwrap_or(host);
    let dots: Vec<usize> = host.match_indices('.').map(|(i, _)| i).collect();
    let labels = match dots.len() {
        0 | 1 => return host,
        n => {
            let second = &host[dots[n - 2] + 1..dots[n - 1]];
            if second.len() <= 3 {
                3
            } else {
                2
            }
        }
    };
    match dots.len().checked_sub(labels) {
        Some(k) => &host[dots[k] + 1..],
        None => host,
    }
}

fn is_acronym(token: &str) -> bool {
    token.chars().count() >= 2
        && token.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
        && token.chars().filter(|c| c.is_uppercase()).count() >= 2
}

fn is_name(token: &str) -> bool {
    let mut chars = token.chars();
    chars.next().is_some_and(char::is_uppercase)
        && token.chars().count() >= 3
        && chars.all(|c| c.is_lowercase() || c == '-' || c == '’' || c == '\'')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_ignore_thousands_separators_of_either_language() {
        assert_eq!(numbers("1,500.5 and 2025"), ["1500", "2025"]);
        assert_eq!(numbers("1\u{202f}500,5 et 2025"), ["1500", "2025"]);
        assert_eq!(numbers("25 %"), ["25"]);
    }

    #[test]
    fn a_link_host_is_its_site_whatever_the_language_of_its_subdomain() {
        assert_eq!(site("design-system.alpha.canada.ca"), "canada.ca");
        assert_eq!(site("systeme-design.alpha.canada.ca"), "canada.ca");
        assert_eq!(site("www.tbs-sct.gc.ca"), "tbs-sct.gc.ca");
        assert_eq!(site("www.gov.uk"), "www.gov.uk");
        assert_eq!(site("github.com"), "github.com");
        assert_eq!(site("localhost"), "localhost");
    }

    #[test]
    fn names_and_acronyms_are_anchors_but_sentence_starts_are_not() {
        let seg = |text: &str| Segment {
            kind: crate::document::segment::SegmentKind::Paragraph,
            text: text.into(),
            span: 0..0,
            links: vec![],
            code: vec![],
        };
        let en = anchors(&seg("Meetings at PJHQ with Prime Minister Starmer."));
        let fr = anchors(&seg("Réunions au PJHQ avec le Premier ministre Starmer."));
        assert_eq!(overlap(&en.exact, &fr.exact), (1, 0));
        assert_eq!(overlap(&en.names, &fr.names).0, 1);
    }
}
