//! Quality checks on one aligned pair: numbers, links, names, glossary
//! terms, untranslated text, length, French typography, punctuation and
//! structure, one file per family. Each family is a [`Check`] that reads a
//! pair through a [`Context`] (the languages, the typography profile, the
//! glossary) and pushes [`Hit`]s. Checks of a whole release or of the
//! shared resources have their own traits and registries in `document`.
//! `driver` runs them all, turns hits into findings, applies suppressions
//! and severities, and `fix` applies the safe edits. Pairing findings, the
//! sign-off record and output formats are not this module's business.

pub mod document;
pub mod driver;
pub mod fix;
pub mod glossary;
mod length;
mod links;
mod mask;
mod names;
mod numbers;
mod punctuation;
mod structure;
pub mod suppression;
mod title;
mod tokens;
mod typography;
mod untranslated;

use std::ops::Range;

use crate::diagnostic::{Code, Severity};
use crate::document::segment::{Segment, SegmentKind};
use crate::document::source::SourceFile;
use crate::workspace::{Language, Workspace};

pub use glossary::Glossary;
pub use tokens::Tokens;

/// French typography conventions, chosen by the target tag's region.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    /// `fr`, `fr-FR` and every region but Canada: a no-break space before
    /// `; : ! ?` and `»`, after `«`, before `%` and units.
    France,
    /// `fr-CA`, after the federal government's style guide: a no-break
    /// space before `:` and inside guillemets, none before `; ! ?`.
    Canada,
}

impl Profile {
    /// The profile for a language, or `None` when it is not French.
    pub fn for_language(lang: &Language) -> Option<Profile> {
        (lang.code() == "fr").then(|| match lang.region() {
            Some("CA") => Profile::Canada,
            _ => Profile::France,
        })
    }
}

/// What every check may consult: shared by all pairs of a run.
pub struct Context<'a> {
    pub source: &'a Language,
    pub target: &'a Language,
    /// The target's typography profile (`None` when the target is not French).
    pub profile: Option<Profile>,
    /// The no-break space that fixes insert.
    pub no_break_space: char,
    pub glossary: &'a Glossary,
    /// Expected target length over source length, in characters.
    pub length_ratio: f64,
    /// For each of `CHECKS`, whether any of its codes is turned on.
    enabled: Vec<bool>,
}

impl<'a> Context<'a> {
    /// The context of a run that reports findings of `min` severity and
    /// above: a check none of whose codes reaches `min` does not run.
    pub fn new(ws: &'a Workspace, glossary: &'a Glossary, min: Severity) -> Self {
        Context {
            source: &ws.source,
            target: &ws.target,
            profile: Profile::for_language(&ws.target),
            no_break_space: ws.typography.no_break_space.char(),
            glossary,
            length_ratio: ws.length_ratio(),
            enabled: CHECKS
                .iter()
                .map(|check| {
                    check
                        .codes()
                        .iter()
                        .any(|&code| ws.severity(code).is_some_and(|s| s >= min))
                })
                .collect(),
        }
    }
}

/// One side of a pair: its language, its file and its segments, with the
/// text of the segments around them. Pairing is not always right about
/// where a paragraph ends; a number or a link missing from the pair but
/// present next to it is a pairing boundary, not a translation error.
pub struct Side<'a> {
    pub lang: &'a Language,
    pub file: &'a SourceFile,
    /// Every word of the whole file, for checks that ask whether a word
    /// appears anywhere in the document.
    pub document: &'a DocumentWords<'a>,
    pub segments: &'a [Segment],
    /// A few segments before and after, on this side.
    pub before: &'a [Segment],
    pub after: &'a [Segment],
    /// The side's tokens, computed on the first question and shared by
    /// the checks. They belong to `segments`: a side built for other
    /// segments gets a `Tokens` of its own.
    pub tokens: &'a Tokens,
}

/// The set of words of a document, built at most once per release (on the
/// first question, so not at all when no check asks) so that asking whether
/// a word appears anywhere costs a lookup, not a read of the file. Most
/// documents are asked about a few words only, which searches of the text
/// answer for less than the set costs: the set is built once searches have
/// read the text `SEARCHES` times.
pub struct DocumentWords<'a> {
    text: &'a str,
    /// Hashes of the words rather than the words: the set then borrows
    /// nothing, which keeps `Side` covariant in its lifetime. The hashes
    /// are already spread, so the set does not hash them again with
    /// the default (slow, DoS-resistant) hasher: a document's own words
    /// are no attack.
    set: std::sync::OnceLock<rustc_hash::FxHashSet<u64>>,
    /// How many lookups have searched the text rather than the set.
    searches: std::sync::atomic::AtomicUsize,
    /// The letters of the document's prose, counted once for the checks
    /// that compare whole documents' lengths.
    prose_letters: std::sync::OnceLock<usize>,
}

/// Lookups answered by searching a document's text before its set of
/// words is built: a search reads the text much faster than the set is
/// built from it, so that a document asked about more words than this
/// costs at most a fraction more than the set alone.
const SEARCHES: usize = 8;

impl<'a> DocumentWords<'a> {
    pub fn new(text: &'a str) -> Self {
        DocumentWords {
            text,
            set: std::sync::OnceLock::new(),
            searches: std::sync::atomic::AtomicUsize::new(0),
            prose_letters: std::sync::OnceLock::new(),
        }
    }

    /// `count(text)` of the whole document, computed on the first call
    /// only: the count is per release, asked by every pair.
    pub fn prose_letters(&self, count: impl FnOnce(&str) -> usize) -> usize {
        *self.prose_letters.get_or_init(|| count(self.text))
    }

    /// Whether `word` is one of the document's words (`words`).
    pub fn contains(&self, word: &str) -> bool {
        use std::sync::atomic::Ordering;
        if self.set.get().is_none() && self.searches.fetch_add(1, Ordering::Relaxed) < SEARCHES {
            return search_word(self.text, word);
        }
        self.set
            .get_or_init(|| {
                // About one new word in sixteen bytes of a document: the
                // set then seldom grows.
                let mut set = rustc_hash::FxHashSet::with_capacity_and_hasher(
                    self.text.len() / 16,
                    rustc_hash::FxBuildHasher,
                );
                set.extend(words(self.text).map(|(_, w)| word_hash(w)));
                set
            })
            .contains(&word_hash(word))
    }
}

/// Whether `word` is one of `words(text)`, found by searching the text
/// for it and reading only the words around each place it occurs. The
/// word scan starts afresh after an ASCII byte that neither is nor
/// continues a word (a space, a stop), so the words there are read from
/// the last such byte before the place.
fn search_word(text: &str, word: &str) -> bool {
    if word.is_empty() {
        return false;
    }
    let bytes = text.as_bytes();
    memchr::memmem::find_iter(bytes, word.as_bytes()).any(|at| {
        let from = bytes[..at]
            .iter()
            .rposition(|&b| BYTE_CLASS[usize::from(b)] == 0)
            .map_or(0, |i| i + 1);
        words(&text[from..])
            .take_while(|&(i, _)| from + i <= at)
            .any(|(i, w)| from + i == at && w == word)
    })
}

fn word_hash(word: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(word)
}

impl Side<'_> {
    /// The normalised text of the side's segments, one space between them.
    pub fn text(&self) -> String {
        self.segments
            .iter()
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// `text()` computed once and shared.
    pub fn joined(&self) -> &str {
        self.tokens.joined(self.segments)
    }

    /// `joined()` folded: lowercase, accents removed.
    pub fn folded(&self) -> &str {
        self.tokens.folded(self.segments)
    }

    /// Each segment's text without inline code and URLs.
    pub fn stripped(&self) -> impl Iterator<Item = &str> {
        self.tokens.stripped(self.segments)
    }

    /// Segment `k`'s text without inline code and URLs (the `k`-th of
    /// `stripped()`).
    pub fn stripped_text(&self, k: usize) -> &str {
        self.tokens.stripped_text(self.segments, k)
    }

    /// The words of segment `k`'s text, with their offsets in it.
    pub fn words(&self, k: usize) -> impl Iterator<Item = (usize, &str)> {
        self.tokens.segment_words(self.segments, k)
    }

    /// The words of segment `k`'s text without code and URLs (the `k`-th
    /// of `stripped()`), with their offsets in that text.
    pub fn stripped_words(&self, k: usize) -> impl Iterator<Item = (usize, &str)> {
        self.tokens.stripped_words(self.segments, k)
    }

    /// The words of `part`, a sentence of `joined()`: a slice that no word
    /// crosses.
    pub fn words_within(&self, part: &str) -> impl Iterator<Item = &str> {
        self.tokens.words_within(self.segments, part)
    }

    /// Each segment's raw bytes in the file, with the offset they start at.
    pub fn raw(&self) -> impl Iterator<Item = (usize, &str)> {
        let text = self.file.text();
        self.segments.iter().filter_map(move |s| {
            let end = s.span.end.min(text.len());
            text.get(s.span.start..end).map(|raw| (s.span.start, raw))
        })
    }

    /// The file offset of the first occurrence of `needle` inside the
    /// side's raw text, for pointing at the exact place of a finding.
    pub fn locate(&self, needle: &str) -> Option<usize> {
        if needle.is_empty() {
            return None;
        }
        self.raw()
            .find_map(|(start, raw)| raw.find(needle).map(|at| start + at))
    }

    /// The text of the segments around the side's own.
    pub fn nearby_text(&self) -> String {
        self.nearby()
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    pub fn nearby(&self) -> impl Iterator<Item = &Segment> {
        self.before.iter().chain(self.after)
    }

    pub fn is_french(&self) -> bool {
        self.lang.code() == "fr"
    }
}

/// A replacement of bytes in the target file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub replacement: String,
}

/// What a check reports: a code, a message and, when it knows, the file
/// offsets it points at on each side and a safe fix of the target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub code: Code,
    pub message: String,
    pub source_at: Option<usize>,
    pub target_at: Option<usize>,
    pub fix: Option<Edit>,
}

impl Hit {
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Hit {
            code,
            message: message.into(),
            source_at: None,
            target_at: None,
            fix: None,
        }
    }

    pub fn source_at(mut self, at: Option<usize>) -> Self {
        self.source_at = at;
        self
    }

    pub fn target_at(mut self, at: Option<usize>) -> Self {
        self.target_at = at;
        self
    }

    pub fn fix(mut self, edit: Edit) -> Self {
        self.fix = Some(edit);
        self
    }
}

/// A family of checks run on every pair that has both sides.
pub trait Check: Sync {
    /// The codes this check can report: when every one is turned off in
    /// `[checks]`, the check does not run at all.
    fn codes(&self) -> &'static [Code];

    fn check(&self, cx: &Context, source: &Side, target: &Side, out: &mut Vec<Hit>);
}

/// Every check, in the order their findings are listed for a pair.
const CHECKS: &[&dyn Check] = &[
    &structure::Structure,
    &numbers::Numbers,
    &links::Links,
    &glossary::Terms,
    &names::Names,
    &untranslated::Untranslated,
    &length::Length,
    &typography::Typography,
    &punctuation::Punctuation,
];

/// A name or phrase from a release quoted in a message: “x” in English,
/// « x » in French.
pub fn quoted(text: &str) -> String {
    crate::tr!("quoted", text = text)
}

/// "`what` `items` in the English is not in the French": items (already
/// quoted) of one kind (`link`, `email`, `code`, `number`, `acronym`,
/// `name`) that one side has and the other lacks.
pub fn only_in(what: &str, items: String, has: &Language, lacks: &Language) -> String {
    crate::tr!(
        "check-only-in",
        what = what,
        items = items,
        side = has.name(),
        other = lacks.name()
    )
}

/// Items of one kind that differ on both sides, each side's listed.
pub fn differ(
    what: &str,
    (source, source_items): (&Language, String),
    (target, target_items): (&Language, String),
) -> String {
    crate::tr!(
        "check-differ",
        what = what,
        source = source.name(),
        source_items = source_items,
        target = target.name(),
        target_items = target_items
    )
}

/// Runs every check that is turned on on a pair. Boilerplate references
/// are expanded and checked elsewhere, so they are left out here.
pub fn check_pair(cx: &Context, source: &Side, target: &Side) -> Vec<Hit> {
    let keep = |segments: &[Segment]| segments.iter().all(|s| s.kind != SegmentKind::Boilerplate);
    let mut hits = Vec::new();
    if source.segments.is_empty() || target.segments.is_empty() {
        return hits;
    }
    if !keep(source.segments) || !keep(target.segments) {
        return hits;
    }
    for (check, _) in CHECKS.iter().zip(&cx.enabled).filter(|(_, on)| **on) {
        check.check(cx, source, target, &mut hits);
    }
    hits
}

/// Words of a text: runs of letters, digits, apostrophes and hyphens,
/// with their byte offsets. A lazy scan: nothing is allocated.
pub(crate) fn words(text: &str) -> Words<'_> {
    Words { text, at: 0 }
}

/// Appends the spans of `text`'s words, (offset, length) in bytes as
/// `words` finds them, to `out`, each moved on by `offset`: the word
/// index's one pass over every segment. A word is the stretch of a run of
/// letters, digits, apostrophes and hyphens from its first letter or digit
/// to its last, so the pass skips to a first letter, then reads on while
/// the run goes on, noting where its last letter ends: no trim afterwards
/// and no state kept between bytes but that end. ASCII is classified by
/// table, and the two-byte characters of French (Latin-1) and the
/// general punctuation block (`’`, narrow no-break space) from their
/// first bytes; other characters are decoded.
pub(crate) fn extend_word_spans(text: &str, offset: usize, out: &mut Vec<(usize, usize)>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    loop {
        // Up to the first letter or digit: nothing else starts a word.
        let start = loop {
            let Some(&b) = bytes.get(i) else { return };
            let class = BYTE_CLASS[usize::from(b)];
            if class & STARTS != 0 {
                break i;
            }
            if class != NOT_ASCII {
                i += 1;
                continue;
            }
            let (kind, len) = classify_beyond_ascii(text, i);
            if kind == STARTS {
                break i;
            }
            i += len;
        };
        // Then on while the run goes on; `end` is past its last letter or
        // digit. The character that stops the run is passed over: it
        // starts no word.
        let mut end = start;
        while let Some(&b) = bytes.get(i) {
            let class = BYTE_CLASS[usize::from(b)];
            if class & STARTS != 0 {
                i += 1;
                end = i;
            } else if class == CONTINUES {
                i += 1;
            } else if class == NOT_ASCII {
                let (kind, len) = classify_beyond_ascii(text, i);
                i += len;
                match kind {
                    STARTS => end = i,
                    CONTINUES => {}
                    _ => break,
                }
            } else {
                i += 1;
                break;
            }
        }
        out.push((offset + start, end - start));
    }
}

/// What the character at byte `i` of `text` (beyond ASCII) is to a word:
/// `STARTS` (a letter or digit), `CONTINUES` (`’`) or 0, and its length in
/// bytes. Latin-1 (`C2`, `C3`) and `E2 80` (general punctuation up to
/// U+203F: `’`, the narrow no-break space) are told by their bytes, as
/// `is_alphanumeric` answers them; other characters are decoded.
#[inline]
fn classify_beyond_ascii(text: &str, i: usize) -> (u8, usize) {
    let bytes = text.as_bytes();
    match (bytes[i], bytes.get(i + 1).copied().unwrap_or(0)) {
        // À to ÿ, but × and ÷.
        (0xC3, next) => (if next == 0x97 || next == 0xB7 { 0 } else { STARTS }, 2),
        // U+0080 to U+00BF: ª ² ³ µ ¹ º ¼ ½ ¾ only.
        (0xC2, next) => (
            if matches!(next, 0xAA | 0xB2 | 0xB3 | 0xB5 | 0xB9 | 0xBA | 0xBC | 0xBD | 0xBE) {
                STARTS
            } else {
                0
            },
            2,
        ),
        // U+2000 to U+203F: no letter, `’` (E2 80 99) continues.
        (0xE2, 0x80) => (
            if bytes.get(i + 2) == Some(&0x99) {
                CONTINUES
            } else {
                0
            },
            3,
        ),
        _ => {
            let c = char_at(text, i);
            let kind = if is_alphanumeric(c) {
                STARTS
            } else if c == '’' {
                CONTINUES
            } else {
                0
            };
            (kind, c.len_utf8())
        }
    }
}

/// The iterator of [`words`].
pub(crate) struct Words<'a> {
    text: &'a str,
    /// Where the scan resumes.
    at: usize,
}

impl<'a> Iterator for Words<'a> {
    type Item = (usize, &'a str);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        let (start, end) = self.next_span()?;
        Some((start, &self.text[start..end]))
    }
}

impl Words<'_> {
    /// Where the next word starts and ends, in bytes: what `next` gives,
    /// without slicing the text. Most of the text is ASCII, classified byte by byte
    /// without decoding: every check reads the words of every pair.
    #[inline]
    fn next_span(&mut self) -> Option<(usize, usize)> {
        let bytes = self.text.as_bytes();
        let mut i = self.at;
        // Up to the first letter or digit: apostrophes and hyphens only
        // continue a word.
        loop {
            let class = BYTE_CLASS[usize::from(*bytes.get(i)?)];
            if class & STARTS != 0 {
                break;
            }
            i += if class == NOT_ASCII {
                let c = char_at(self.text, i);
                if is_alphanumeric(c) {
                    break;
                }
                c.len_utf8()
            } else {
                1
            };
        }
        let start = i;
        // Then while letters, digits, apostrophes and hyphens go on: runs
        // of ASCII in a tight loop, other characters decoded one by one.
        loop {
            let rest = &bytes[i..];
            i += rest
                .iter()
                .position(|&b| BYTE_CLASS[usize::from(b)] & CONTINUES == 0)
                .unwrap_or(rest.len());
            match bytes.get(i) {
                None => {
                    self.at = i;
                    break;
                }
                Some(b) if b.is_ascii() => {
                    self.at = i + 1;
                    break;
                }
                Some(_) => match continues_word_at(self.text, i) {
                    (true, len) => i += len,
                    (false, len) => {
                        self.at = i + len;
                        break;
                    }
                },
            }
        }
        // A word ends with its last letter or digit, not with the
        // apostrophes and hyphens that follow it (most end with an ASCII
        // letter). Its first character is one, so the trim stops there.
        let mut end = i;
        while BYTE_CLASS[usize::from(bytes[end - 1])] & STARTS == 0 {
            match bytes[..end] {
                [.., b'\'' | b'-'] => end -= 1,
                [.., 0xe2, 0x80, 0x99] => end -= 3,
                _ => break,
            }
        }
        Some((start, end))
    }
}

/// Whether the character at byte `i` of `text` continues a word (a
/// letter, a digit or `’`), and its length in bytes.
fn continues_word_at(text: &str, i: usize) -> (bool, usize) {
    let c = char_at(text, i);
    (c == '’' || is_alphanumeric(c), c.len_utf8())
}

/// A byte that starts a word and continues it: an ASCII letter or digit.
const STARTS: u8 = 1;
/// A byte that continues a word: also an apostrophe or a hyphen.
const CONTINUES: u8 = 2;
/// A byte of a character outside ASCII, which is decoded to be classified.
const NOT_ASCII: u8 = 4;

/// The class of every byte for the word scan, looked up rather than
/// worked out byte after byte.
static BYTE_CLASS: [u8; 256] = {
    let mut classes = [0; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        classes[b] = if byte.is_ascii_alphanumeric() {
            STARTS | CONTINUES
        } else if byte == b'\'' || byte == b'-' {
            CONTINUES
        } else if !byte.is_ascii() {
            NOT_ASCII
        } else {
            0
        };
        b += 1;
    }
    classes
};

/// The character that starts at byte `i` of `text`.
fn char_at(text: &str, i: usize) -> char {
    text[i..].chars().next().expect("a character starts here")
}

/// `char::is_alphanumeric`, with the Latin-1 letters of French (é, à, ç…)
/// and its punctuation (no-break space, « », and ’ and the narrow no-break
/// space from the general punctuation block, which has neither letters
/// nor digits) answered without the Unicode tables.
fn is_alphanumeric(c: char) -> bool {
    match c {
        'À'..='ÿ' => c != '×' && c != '÷',
        '\u{80}'..='\u{bf}' => matches!(c, 'ª' | 'µ' | 'º' | '²' | '³' | '¹' | '¼' | '½' | '¾'),
        '\u{2000}'..='\u{206f}' => false,
        _ => c.is_alphanumeric(),
    }
}

/// `char::is_alphabetic`, answered as `is_alphanumeric` is for French
/// text: only the characters beyond Latin-1 and general punctuation are
/// looked up in the Unicode tables.
pub(crate) fn is_alphabetic(c: char) -> bool {
    match c {
        'À'..='ÿ' => c != '×' && c != '÷',
        '\u{80}'..='\u{bf}' => matches!(c, 'ª' | 'µ' | 'º'),
        '\u{2000}'..='\u{206f}' => false,
        _ => c.is_alphabetic(),
    }
}

/// Lowercase with accents removed, for comparing words across languages.
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(&mut out, text);
    out
}

/// Appends `fold(text)` to a buffer the caller reuses. ASCII text, most
/// words, only needs lowercasing, which is done in place; so do the ASCII
/// letters of a word that has others (most letters of a French word).
pub(crate) fn fold_into(out: &mut String, text: &str) {
    if text.is_ascii() {
        let start = out.len();
        out.push_str(text);
        out[start..].make_ascii_lowercase();
    } else {
        for c in text.chars() {
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.extend(c.to_lowercase().map(unaccent));
            }
        }
    }
}

/// A lowercase character without its accent, for `fold`.
fn unaccent(c: char) -> char {
    match c {
        'à' | 'â' | 'ä' | 'á' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'î' | 'ï' | 'í' => 'i',
        'ô' | 'ö' | 'ó' => 'o',
        'ù' | 'û' | 'ü' | 'ú' => 'u',
        'ç' => 'c',
        'ÿ' => 'y',
        '’' => '\'',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scan `words` replaced, character by character: the reference
    /// its byte-wise scan must agree with.
    fn words_by_character(text: &str) -> Vec<(usize, &str)> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
            let inside = c.is_alphanumeric() || (start.is_some() && matches!(c, '\'' | '’' | '-'));
            match (inside, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    out.push((s, text[s..i].trim_end_matches(['\'', '’', '-'])));
                    start = None;
                }
                _ => {}
            }
        }
        out
    }

    /// Generated French and English: accents, both apostrophes, hyphens,
    /// no-break spaces, guillemets, digits and letters outside Latin-1.
    fn mixed_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let piece = prop::sample::select(vec![
            "l", "’", "'", "-", " ", "\u{a0}", "\u{202f}", "«", "»", "é", "É", "à", "ç", "œ", "Œ", "ß", "×",
            "÷", "ª", "²", "½", "µ", "\u{bf}", "\u{ff}", "\u{100}", "Σ", "日", "\u{301}", "١", "1", "A", "z",
            ".", ",", "!", "?", ";", ":", "\n", "`", "@", "://", "(", ")", "[", "]", "*",
        ]);
        prop::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
    }

    /// The words of a text as (offset, length) in bytes, from `words`'
    /// scan: what the word index took before `extend_word_spans`.
    fn word_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
        let mut scan = words(text);
        std::iter::from_fn(move || scan.next_span().map(|(start, end)| (start, end - start)))
    }

    /// What the first bytes tell of a character beyond ASCII is what its
    /// decoding tells, for every character.
    #[test]
    fn characters_beyond_ascii_are_classified_as_decoded() {
        let mut buffer = [0; 4];
        for c in '\u{80}'..=char::MAX {
            let text = c.encode_utf8(&mut buffer);
            let kind = if is_alphanumeric(c) {
                STARTS
            } else if c == '’' {
                CONTINUES
            } else {
                0
            };
            assert_eq!(classify_beyond_ascii(text, 0), (kind, c.len_utf8()), "{c:?}");
        }
    }

    #[test]
    fn words_are_what_a_character_scan_finds() {
        use proptest::prelude::*;
        use proptest::test_runner::TestRunner;
        for strategy in [mixed_text().boxed(), any::<String>().boxed()] {
            TestRunner::default()
                .run(&strategy, |text| {
                    let found = words(&text).collect::<Vec<_>>();
                    prop_assert_eq!(&found, &words_by_character(&text), "{:?}", text);
                    let spans = found.iter().map(|&(at, word)| (at, word.len()));
                    prop_assert!(word_spans(&text).eq(spans), "{:?}", text);
                    let mut extended = vec![(0, 0)];
                    extend_word_spans(&text, 7, &mut extended);
                    let moved = word_spans(&text).map(|(at, len)| (at + 7, len));
                    prop_assert!(extended[1..].iter().copied().eq(moved), "{:?}", text);
                    Ok(())
                })
                .unwrap();
        }
        for page in test_util::corpus() {
            for segment in page {
                assert_eq!(
                    words(&segment.text).collect::<Vec<_>>(),
                    words_by_character(&segment.text)
                );
                let mut extended = Vec::new();
                extend_word_spans(&segment.text, 0, &mut extended);
                assert!(extended.into_iter().eq(word_spans(&segment.text)));
            }
        }
    }

    /// A document's words found by searching its text are the words its
    /// set holds, on generated text (words inside words, apostrophes and
    /// hyphens around them) and on the corpus's pages.
    #[test]
    fn a_search_finds_the_words_the_set_holds() {
        use proptest::prelude::*;
        use proptest::test_runner::TestRunner;
        let in_set = |text: &str, word: &str| words(text).any(|(_, w)| w == word);
        let piece = prop::sample::select(vec![
            "CDS", "cds", "l’", "'", "-", " ", "\u{a0}", "é", "É", "s", "x", "2", ".", "«", "»", "\n", "’s",
        ]);
        TestRunner::default()
            .run(
                &(
                    prop::collection::vec(piece.clone(), 0..24),
                    prop::collection::vec(piece, 0..4),
                ),
                |(text, word)| {
                    let (text, word) = (text.concat(), word.concat());
                    prop_assert_eq!(
                        search_word(&text, &word),
                        in_set(&text, &word),
                        "{:?} in {:?}",
                        word,
                        text
                    );
                    Ok(())
                },
            )
            .unwrap();
        for file in test_util::corpus_files().iter().take(20) {
            let text = file.text();
            let document = DocumentWords::new(text);
            for (_, word) in words(text).step_by(7).take(40) {
                for probe in [word, word.get(..word.len() / 2).unwrap_or(word), ""] {
                    assert_eq!(search_word(text, probe), in_set(text, probe), "{probe:?}");
                    assert_eq!(document.contains(probe), in_set(text, probe), "{probe:?}");
                }
            }
        }
    }

    /// The Latin-1 shortcut answers as the Unicode tables do.
    #[test]
    fn latin1_letters_and_digits_are_alphanumeric() {
        for c in '\0'..='\u{2fff}' {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
        }
    }

    /// `fold` gives what lowercasing then unaccenting every character gives,
    /// on any text, whatever mix of ASCII and other letters it has, and on
    /// the corpus's pages.
    #[test]
    fn fold_lowercases_and_unaccents_every_character() {
        use proptest::prelude::*;
        use proptest::test_runner::TestRunner;
        let by_character =
            |t: &str| -> String { t.chars().flat_map(char::to_lowercase).map(unaccent).collect() };
        let piece = prop::sample::select(vec![
            "a", "Mot", "É", "é", "Ç", "ß", "\u{130}", "\u{212a}", "Σ", "ǅ", "’", "'", "-", "1", " ", "Œ",
            "œ", "Æ", "æ", "\u{a0}", "\u{202f}", "«", "»", "À", "ÿ", "Ÿ", "État", "ÉTÉ", "l’",
        ]);
        TestRunner::default()
            .run(&prop::collection::vec(piece, 0..16), |pieces| {
                let text = pieces.concat();
                prop_assert_eq!(fold(&text), by_character(&text), "{:?}", text);
                Ok(())
            })
            .unwrap();
        TestRunner::default()
            .run(&any::<String>(), |text| {
                prop_assert_eq!(fold(&text), by_character(&text), "{:?}", text);
                Ok(())
            })
            .unwrap();
        for file in test_util::corpus_files() {
            assert_eq!(fold(file.text()), by_character(file.text()));
        }
    }
}

#[cfg(test)]
pub(crate) mod test_util {
    use std::path::Path;

    use super::*;
    use crate::document::markdown;

    /// A workspace-less context: en-GB → the given French tag.
    pub struct Fixture {
        pub source: Language,
        pub target: Language,
        pub glossary: Glossary,
    }

    impl Fixture {
        pub fn new(target: &str) -> Self {
            Fixture {
                source: Language {
                    tag: "en-GB".parse().unwrap(),
                },
                target: Language {
                    tag: target.parse().unwrap(),
                },
                glossary: Glossary::default(),
            }
        }

        pub fn context(&self) -> Context<'_> {
            Context {
                source: &self.source,
                target: &self.target,
                profile: Profile::for_language(&self.target),
                no_break_space: '\u{a0}',
                glossary: &self.glossary,
                length_ratio: 1.15,
                enabled: vec![true; CHECKS.len()],
            }
        }

        /// The hits of one check on two Markdown snippets taken as one pair.
        pub fn run(&self, check: &dyn Check, en: &str, fr: &str) -> Vec<Hit> {
            let en_file = SourceFile::new(Path::new("en.md"), en.to_owned());
            let fr_file = SourceFile::new(Path::new("fr.md"), fr.to_owned());
            let (en_words, fr_words) = (
                DocumentWords::new(en_file.text()),
                DocumentWords::new(fr_file.text()),
            );
            self.pair((&en_file, &en_words), (&fr_file, &fr_words), |source, target| {
                let mut out = Vec::new();
                check.check(&self.context(), source, target, &mut out);
                out
            })
        }

        /// The two sides of the pair of a source and a target file, each
        /// with the words of its document (`words`), handed to `f`.
        pub fn pair<R>(
            &self,
            (en_file, en_words): (&SourceFile, &DocumentWords),
            (fr_file, fr_words): (&SourceFile, &DocumentWords),
            f: impl FnOnce(&Side, &Side) -> R,
        ) -> R {
            let (en_segments, fr_segments) = (markdown::segment(en_file), markdown::segment(fr_file));
            let tokens = [Tokens::new(), Tokens::new()];
            let side = |lang, file, document, segments, tokens| Side {
                lang,
                file,
                document,
                segments,
                before: &[],
                after: &[],
                tokens,
            };
            f(
                &side(&self.source, en_file, en_words, &en_segments, &tokens[0]),
                &side(&self.target, fr_file, fr_words, &fr_segments, &tokens[1]),
            )
        }

        /// The codes of one check's hits.
        pub fn codes(&self, check: &dyn Check, en: &str, fr: &str) -> Vec<Code> {
            self.run(check, en, fr).into_iter().map(|h| h.code).collect()
        }
    }

    /// Every page of tests/corpus.
    pub fn corpus_files() -> Vec<SourceFile> {
        crate::test_corpus::pages()
            .into_iter()
            .map(|(path, text)| SourceFile::new(&path, text))
            .collect()
    }

    /// Every page of tests/corpus, segmented.
    pub fn corpus() -> Vec<Vec<Segment>> {
        corpus_files().iter().map(markdown::segment).collect()
    }

    /// `f` of one side made of all of a Markdown file's segments.
    pub fn whole_side<R>(lang: &Language, file: &SourceFile, f: impl FnOnce(&Side) -> R) -> R {
        let segments = markdown::segment(file);
        let (document, tokens) = (DocumentWords::new(file.text()), Tokens::new());
        f(&Side {
            lang,
            file,
            document: &document,
            segments: &segments,
            before: &[],
            after: &[],
            tokens: &tokens,
        })
    }

    /// Applies a hit list's fixes to a text.
    pub fn apply(text: &str, hits: &[Hit]) -> String {
        let edits: Vec<Edit> = hits.iter().filter_map(|h| h.fix.clone()).collect();
        super::fix::apply_edits(text, edits)
    }
}
