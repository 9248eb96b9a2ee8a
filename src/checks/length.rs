//! Length outliers. Gale and Church model the target length of a source of
//! `l` characters as normal with mean `c·l` and variance `s²·l` (`c` about
//! 1.15 for English → French, `s²` = 6.8): a pair far in the tail is a
//! probable omission or addition. Inside a paragraph the same model aligns
//! sentences (moves 1–1, 1–0, 0–1, 2–1, 1–2, 2–2) to find a source
//! sentence that the target dropped.

use std::ops::Range;
use std::sync::LazyLock;

use memchr::memmem::Finder;
use regex::Regex;
use rustc_hash::FxHashMap;
use smallvec::SmallVec;

use super::{Check, Context, Hit, Side};
use crate::diagnostic::Code;
use crate::text::url;

pub struct Length;

/// Gale and Church's variance per character.
const VARIANCE: f64 = 6.8;
/// How many standard deviations away a pair must be to be reported.
const THRESHOLD: f64 = 5.0;
/// Pairs shorter than this (both sides, in characters) are too noisy.
const MIN_CHARS: usize = 120;
/// A dropped sentence must be at least this long (in characters other
/// than spaces) to be reported: « Il nous faut des données pour y
/// arriver. » is 34.
const MIN_SENTENCE: usize = 20;

impl Check for Length {
    fn codes(&self) -> &'static [Code] {
        &[Code::LengthRatio, Code::SentenceMissing]
    }

    fn check(&self, cx: &Context, source: &Side, target: &Side, out: &mut Vec<Hit>) {
        let (source_text, target_text) = (source.joined(), target.joined());
        let (ls, lt) = (chars(source_text), chars(target_text));
        if ls + lt < MIN_CHARS {
            return;
        }
        let expected = ls as f64 * cx.length_ratio;
        let delta = (lt as f64 - expected) / (ls as f64 * VARIANCE).sqrt();
        let ratio = lt as f64 / expected;
        if delta.abs() > THRESHOLD && !(0.6..=1.6).contains(&ratio) {
            let direction = if delta < 0.0 { "shorter" } else { "longer" };
            out.push(Hit::new(
                Code::LengthRatio,
                crate::tr!(
                    "length-ratio",
                    target = cx.target.name(),
                    percent = format!("{:.0}", ratio * 100.0),
                    direction = direction,
                    source = cx.source.name()
                ),
            ));
            return;
        }
        let source_sentences = sentences(source_text);
        if source_sentences.len() < 2 {
            return;
        }
        let target_sentences = sentences(target_text);
        // This translator's own ratio, from the whole document: a wordy
        // French (fr-CA often runs 25 % longer) must not hide a dropped
        // sentence, nor a terse one invent it. Counted once per document.
        let ratio = || document_ratio(source, target).unwrap_or(cx.length_ratio);
        let lengths = Lengths {
            source: ls,
            target: lt,
        };
        if !may_report_dropped(&source_sentences, target_sentences.len(), lengths, ratio) {
            return;
        }
        let sentences = (source_sentences.as_slice(), target_sentences.as_slice());
        report_dropped(cx, (source, target), sentences, lengths, ratio, out);
    }
}

/// The lengths of a pair's two sides, in characters (`chars`).
#[derive(Clone, Copy)]
struct Lengths {
    source: usize,
    target: usize,
}

/// The length of a source sentence that `report_dropped` may report when
/// the alignment drops it: a sentence of prose (`MIN_SENTENCE` characters
/// or more, ending with a stop), or `None`. Words without a final stop (a
/// list item, a label: « Derivative work of the original ») are not a
/// sentence of prose.
fn reportable_length(sentence: &str) -> Option<usize> {
    let stopped = sentence
        .trim_end_matches(['»', '"', '”', '’', ')', '*', '_', ' ', '\u{a0}', '\u{202f}'])
        .ends_with(['.', '!', '?', '…']);
    let len = chars(sentence);
    (stopped && len >= MIN_SENTENCE).then_some(len)
}

/// Whether the target is longer than the source without a dropped
/// sentence of `len` characters would make it, at `ratio`. A dropped
/// sentence leaves the target nearer the length of the source without it
/// than with it.
fn longer(lengths: Lengths, len: usize, ratio: f64) -> bool {
    lengths.target as f64 > (lengths.source as f64 - 0.5 * len as f64) * ratio
}

/// Whether `report_dropped` can report anything, told without the
/// sentence alignment (the anchors and the table, most of the check's
/// cost): it reports a sentence of prose (`reportable_length`) that is
/// not `longer`, or one that `word_evidence` shows, which needs the
/// target to have fewer sentences than the source. `ratio` gives the
/// document's (`document_ratio`).
fn may_report_dropped(
    source: &[&str],
    target_sentences: usize,
    lengths: Lengths,
    ratio: impl FnOnce() -> f64,
) -> bool {
    if target_sentences < source.len() {
        return true;
    }
    let ratio = ratio();
    source
        .iter()
        .filter_map(|s| reportable_length(s))
        .any(|len| !longer(lengths, len, ratio))
}

/// Reports the source sentences that the best sentence alignment of a
/// pair leaves without a partner (`dropped_sentences`) and that are
/// sentences of prose the target lacks: it is no longer than the source
/// without them, or the words say so (`word_evidence`). `ratio` gives
/// the document's (`document_ratio`).
fn report_dropped(
    cx: &Context,
    (source, target): (&Side, &Side),
    (source_sentences, target_sentences): (&[&str], &[&str]),
    lengths: Lengths,
    ratio: impl Fn() -> f64,
    out: &mut Vec<Hit>,
) {
    let mut buffer = String::new();
    let mut anchors = |side: &Side, sentences: &[&str]| -> Vec<Anchors> {
        sentences
            .iter()
            .map(|s| Anchors::of(s, side.words_within(s), &mut buffer))
            .collect()
    };
    let (source_anchors, target_anchors) = (
        anchors(source, source_sentences),
        anchors(target, target_sentences),
    );
    let dropped = dropped_sentences(
        (source_sentences, &source_anchors),
        (target_sentences, &target_anchors),
        cx.length_ratio,
    );
    for dropped in dropped {
        let sentence = source_sentences[dropped];
        // A wordy translation can make up the length of a sentence
        // it left out (« Static app content (like our headers and
        // buttons) still lived in the source code. », dropped from a
        // French paragraph a third longer than its English): the
        // length test is waived when the words say so (`word_evidence`).
        let Some(len) = reportable_length(sentence) else {
            continue;
        };
        if longer(lengths, len, ratio()) && !word_evidence(dropped, &source_anchors, &target_anchors) {
            continue;
        }
        let head: String = sentence.chars().take(60).collect();
        out.push(
            Hit::new(
                Code::SentenceMissing,
                crate::tr!(
                    "sentence-missing",
                    sentence = crate::checks::quoted(&format!(
                        "{head}{}",
                        if head.len() < sentence.len() { "…" } else { "" }
                    )),
                    target = cx.target.name()
                ),
            )
            .source_at(locate(source, sentence)),
        );
    }
}

/// Where a sentence starts in the source file: its first four words (or
/// two, when markup follows them), which a hard-wrapped paragraph may
/// break across lines (`This\napproach`).
fn locate(side: &Side, sentence: &str) -> Option<usize> {
    [4, 2].into_iter().find_map(|n| {
        let words: Vec<&str> = sentence.split_whitespace().take(n).collect();
        side.raw()
            .find_map(|(start, raw)| find_words(raw, &words).map(|at| start + at))
    })
}

/// The first place where `words` follow one another in `text` with
/// whitespace between them (any amount, line breaks included): what the
/// regex `w1\s+w2\s+…` finds, without compiling one per sentence.
fn find_words(text: &str, words: &[&str]) -> Option<usize> {
    let Some((first, rest)) = words.split_first() else {
        return Some(0);
    };
    // A word has no whitespace, so the whitespace before the next word is
    // all of the run: nothing to backtrack.
    let follows = |mut tail: &str| {
        rest.iter().all(|word| {
            let next = tail.trim_start();
            let found = next.len() < tail.len() && next.starts_with(word);
            tail = next.get(word.len()..).unwrap_or("");
            found
        })
    };
    let mut from = 0;
    while let Some(i) = text[from..].find(first) {
        let at = from + i;
        if follows(&text[at + first.len()..]) {
            return Some(at);
        }
        // Matches may overlap (`aa` in `aaa`): the next one may start at
        // the next character.
        from = at + text[at..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// Characters other than whitespace (`char::is_whitespace`), the unit of
/// the length model, counted on bytes rather than decoded: every byte that
/// starts a character, less the whitespace. Whitespace beyond ASCII starts
/// with byte C2, E1, E2 or E3; only the bytes after those are looked at
/// (`is_wide_space`).
fn chars(text: &str) -> usize {
    let bytes = text.as_bytes();
    // A continuation byte is 10xxxxxx: below -0x40 as a signed byte. The
    // test has no branch and the count is kept in a byte for up to 255
    // bytes, so that the compiler counts 16 or 32 bytes at once.
    let counted = |b: u8| u8::from((b as i8) >= -0x40 && b != b' ' && b.wrapping_sub(b'\t') > b'\r' - b'\t');
    let starts: usize = bytes
        .chunks(255)
        .map(|chunk| usize::from(chunk.iter().fold(0u8, |n, &b| n + counted(b))))
        .sum();
    let wide_spaces = memchr::memchr3_iter(0xC2, 0xE2, 0xE1, bytes)
        .chain(memchr::memchr_iter(0xE3, bytes))
        .filter(|&i| is_wide_space(&bytes[i..]))
        .count();
    starts - wide_spaces
}

/// Whether `bytes` start with whitespace beyond ASCII (`char::is_whitespace`:
/// U+0085, U+00A0, U+1680, U+2000 to U+200A, U+2028, U+2029, U+202F,
/// U+205F, U+3000), told from the bytes rather than decoded: French text
/// has a byte C2 or E2 every few words (’, « », no-break spaces).
fn is_wide_space(bytes: &[u8]) -> bool {
    matches!(
        bytes,
        [0xC2, 0x85 | 0xA0, ..]
            | [0xE1, 0x9A, 0x80, ..]
            | [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..]
            | [0xE2, 0x81, 0x9F, ..]
            | [0xE3, 0x80, 0x80, ..]
    )
}

/// Letters (`char::is_alphabetic`): ASCII ones counted on bytes, as
/// `chars` counts, and those beyond ASCII by `letters_beyond_ascii`.
fn letters(text: &str) -> usize {
    let bytes = text.as_bytes();
    // `b | 0x20` maps a capital to its small letter and no other byte to a
    // small letter.
    let is_letter = |b: u8| u8::from((b | 0x20).wrapping_sub(b'a') < 26);
    let ascii: usize = bytes
        .chunks(255)
        .map(|chunk| usize::from(chunk.iter().fold(0u8, |n, &b| n + is_letter(b))))
        .sum();
    if text.is_ascii() {
        return ascii;
    }
    ascii + letters_beyond_ascii(text)
}

/// The letters of `text` beyond ASCII, told from the first two bytes of
/// each character where they suffice: from U+00C0 (byte C3) every one
/// but × (C3 97) and ÷ (C3 B7); from U+0080 (C2) only ª, µ and º (C2 AA,
/// B5, BA); none from U+2000 to U+203F (E2 80: spaces, dashes, quotes).
/// Those tests count 255 pairs of bytes at a time without a branch; only
/// a run with another character (œ, a Greek letter, an emoji) is read
/// again to decode it.
fn letters_beyond_ascii(text: &str) -> usize {
    let bytes = text.as_bytes();
    let latin1 = |b: u8, next: u8| {
        u8::from((b == 0xC3) & (next != 0x97) & (next != 0xB7))
            + u8::from((b == 0xC2) & ((next == 0xAA) | (next == 0xB5) | (next == 0xBA)))
    };
    // Every other byte that starts a character beyond ASCII: C0 and C1
    // start none, and the bytes that continue one are below C0.
    let decoded = |b: u8, next: u8| u8::from((b >= 0xC4) & !((b == 0xE2) & (next == 0x80)));
    let mut count = 0;
    let mut start = 0;
    // The last byte starts no character beyond ASCII: it is never a lead.
    while start + 1 < bytes.len() {
        let end = (start + 255).min(bytes.len() - 1);
        let pairs = bytes[start..end].iter().zip(&bytes[start + 1..=end]);
        let (known, others) = pairs.fold((0u8, 0u8), |(known, others), (&b, &next)| {
            (known + latin1(b, next), others + decoded(b, next))
        });
        count += usize::from(known);
        if others > 0 {
            count += (start..end)
                .filter(|&i| {
                    decoded(bytes[i], bytes[i + 1]) == 1 && super::is_alphabetic(super::char_at(text, i))
                })
                .count();
        }
        start = end;
    }
    count
}

/// Target over source length of two whole files, in letters outside
/// markup and URLs (which both sides share, and which would pull the
/// ratio towards 1), or `None` when a file has too little text to tell.
fn document_ratio(source: &Side, target: &Side) -> Option<f64> {
    // Counted once per document, not once per pair.
    let (s, t) = (
        source.document.prose_letters(prose_letters),
        target.document.prose_letters(prose_letters),
    );
    (s >= 500 && t >= 500).then(|| (t as f64 / s as f64).clamp(0.8, 1.6))
}

/// Markup and URLs, whose letters are not prose: tags, link targets,
/// entities and bare URLs.
fn markup_pattern() -> String {
    format!(r"<[^>]*>|\]\([^)]*\)|&\w+;|{}", url::PATTERN)
}

/// The letters of a text outside markup and URLs: of the pieces that
/// `markup_pattern` splits it into. The pattern is tried only where a
/// match can start (`MarkupStarts`): a regex scan of every byte of every
/// document cost more than the rest of the length check.
fn prose_letters(text: &str) -> usize {
    static AT_START: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(&format!("^(?:{})", markup_pattern())).expect("valid pattern"));
    let mut starts = MarkupStarts::new(text.as_bytes());
    let (mut count, mut prose, mut at) = (0, 0, 0);
    let bytes = text.as_bytes();
    while let Some(start) = starts.from(at) {
        // Every start is an ASCII byte, so a character boundary. Of the
        // pattern's alternatives, only a tag starts with `<` and only a
        // link target with `]`: each ends at the first byte that closes
        // it, found without the regex.
        let after = |k: usize, close: u8| memchr::memchr(close, &bytes[k..]).map(|j| k + j + 1);
        let end = match bytes[start] {
            b'<' => after(start + 1, b'>'),
            b']' if bytes.get(start + 1) == Some(&b'(') => after(start + 2, b')'),
            b']' => None,
            _ => AT_START.find(&text[start..]).map(|markup| start + markup.end()),
        };
        match end {
            Some(end) => {
                count += letters(&text[prose..start]);
                prose = end;
                at = prose;
            }
            None => at = start + 1,
        }
    }
    count + letters(&text[prose..])
}

/// Where a match of `markup_pattern` may start, in order: at `<`, `]` and
/// `&`, at the scheme before `://` (`http`, `https` or `ftp` in any case,
/// `ſ` for `s` as Unicode case folding has it) and at `www.` in any case.
/// Each search remembers what it found until the scan passes it, so that
/// each is one pass over the text.
struct MarkupStarts<'t> {
    bytes: &'t [u8],
    /// The next start each search found (`None`: there is no other).
    found: [Option<usize>; 3],
}

/// A search of the bytes for the next place markup may start, from an
/// offset on.
type StartSearch = fn(&[u8], usize) -> Option<usize>;

impl<'t> MarkupStarts<'t> {
    const SEARCHES: [StartSearch; 3] = [Self::mark, Self::scheme, Self::www];

    fn new(bytes: &'t [u8]) -> Self {
        MarkupStarts {
            bytes,
            found: Self::SEARCHES.map(|search| search(bytes, 0)),
        }
    }

    /// The first start at or after `at`.
    fn from(&mut self, at: usize) -> Option<usize> {
        for (found, search) in self.found.iter_mut().zip(Self::SEARCHES) {
            if found.is_some_and(|start| start < at) {
                *found = search(self.bytes, at);
            }
        }
        self.found.iter().flatten().min().copied()
    }

    fn mark(bytes: &[u8], at: usize) -> Option<usize> {
        memchr::memchr3(b'<', b']', b'&', &bytes[at..]).map(|k| at + k)
    }

    fn scheme(bytes: &[u8], at: usize) -> Option<usize> {
        static SCHEME_END: LazyLock<Finder> = LazyLock::new(|| Finder::new("://"));
        SCHEME_END.find_iter(&bytes[at..]).find_map(|k| {
            let end = at + k;
            ["http", "https", "http\u{17f}", "ftp"].iter().find_map(|scheme| {
                let start = end.checked_sub(scheme.len()).filter(|&start| start >= at)?;
                bytes[start..end]
                    .eq_ignore_ascii_case(scheme.as_bytes())
                    .then_some(start)
            })
        })
    }

    fn www(bytes: &[u8], at: usize) -> Option<usize> {
        let from = at + 3;
        memchr::memchr_iter(b'.', bytes.get(from..)?).find_map(|k| {
            let start = at + k;
            bytes[start..start + 3]
                .eq_ignore_ascii_case(b"www")
                .then_some(start)
        })
    }
}

/// Abbreviations whose period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "no", "vs", "etc", "e.g", "i.e", "p. ex", "ex", "m", "mme", "art", "fig",
    "inc", "ltd", "jr", "sr", "u.s", "u.k", "approx", "env", "min", "max", "vol", "p",
];

/// Splits text into sentences at `. ! ?` (and `…`) followed by a space
/// and a capital, a digit or an opening quote.
pub fn sentences(text: &str) -> Vec<&str> {
    const CLOSERS: [char; 7] = ['»', '"', '”', '’', ')', '\u{a0}', '\u{202f}'];
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    // The marks are ASCII or `…` (E2 80 A6): searches of the bytes find
    // them, in order, without looking at the characters between. The
    // next `…` is searched for again only once the scan has passed it.
    const ELLIPSIS: &[u8] = "…".as_bytes();
    static ELLIPSIS_FINDER: LazyLock<Finder> = LazyLock::new(|| Finder::new(ELLIPSIS));
    let mut ellipsis = ELLIPSIS_FINDER.find(bytes);
    let mut from = 0;
    loop {
        let stop = memchr::memchr3(b'.', b'!', b'?', &bytes[from..]).map(|k| from + k);
        if ellipsis.is_some_and(|e| e < from) {
            ellipsis = ELLIPSIS_FINDER.find(&bytes[from..]).map(|k| from + k);
        }
        let (i, mark) = match (stop, ellipsis) {
            (Some(s), Some(e)) if e < s => (e, ELLIPSIS.len()),
            (Some(s), _) => (s, 1),
            (None, Some(e)) => (e, ELLIPSIS.len()),
            (None, None) => break,
        };
        from = i + mark;
        let b = bytes[i];
        // What follows the mark and its closing quotes or brackets: a
        // space, then a capital, a digit or an opening quote.
        let after = text[i + mark..].trim_start_matches(CLOSERS);
        if !after.starts_with(char::is_whitespace) {
            continue;
        }
        let next = after.trim_start().chars().next();
        if !next.is_some_and(|n| n.is_uppercase() || n.is_ascii_digit() || "«“\"(".contains(n)) {
            continue;
        }
        if b == b'.' {
            let word = text[start..i].rsplit(char::is_whitespace).next().unwrap_or("");
            if is_abbreviation(word) {
                continue;
            }
        }
        let end = text.len() - after.len();
        let sentence = text[start..end].trim();
        if !sentence.is_empty() {
            out.push(sentence);
        }
        start = end;
    }
    let rest = text[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// Whether a word before a period is an abbreviation, not the end of a
/// sentence: one of `ABBREVIATIONS` or a single letter, once lowercased.
fn is_abbreviation(word: &str) -> bool {
    if word.is_ascii() {
        return (word.len() == 1 && word.as_bytes()[0].is_ascii_alphabetic())
            || ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word));
    }
    // The lowercase word, character by character, without allocating it
    // (`str::to_lowercase` differs only for a final sigma, which is
    // neither ASCII nor a lone letter's concern).
    let lower = || word.chars().flat_map(char::to_lowercase);
    ABBREVIATIONS.iter().any(|a| lower().eq(a.chars()))
        || (lower().count() == 1 && lower().all(char::is_alphabetic))
}

/// The standard normal cumulative distribution (Abramowitz and Stegun 7.1.26).
fn phi(x: f64) -> f64 {
    let t = 1.0 / (1.0 + 0.327_591_1 * x.abs() / std::f64::consts::SQRT_2);
    let poly = t
        * (0.254_829_592
            + t * (-0.284_496_736 + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))));
    let erf = 1.0 - poly * (-(x * x) / 2.0).exp();
    if x >= 0.0 {
        0.5 * (1.0 + erf)
    } else {
        0.5 * (1.0 - erf)
    }
}

/// Gale and Church's cost of pairing `ls` source with `lt` target
/// characters, given the move's cost `-ln(prior)` (worked out once per
/// alignment, not once per cell). A sentence on one side only costs its
/// prior alone.
fn cost(ls: usize, lt: usize, prior_cost: f64, ratio: f64) -> f64 {
    if ls == 0 || lt == 0 {
        return prior_cost;
    }
    let (ls, lt) = (ls as f64, lt as f64);
    let mean = (ls + lt / ratio) / 2.0;
    let delta = if mean > 0.0 {
        (lt - ls * ratio) / (mean * VARIANCE).sqrt()
    } else {
        0.0
    };
    let p = (2.0 * (1.0 - phi(delta.abs()))).max(1e-12);
    prior_cost - p.ln()
}

/// What a sentence shares with its translation whatever the words: its
/// numbers (digits only, so `1,500` = `1 500`), its URLs, and the first
/// four letters of its longer words, folded (cognates and names:
/// information ↔ information, Ukraine ↔ l’Ukraine, policy ↔ politique).
/// Both lists are short (a sentence has a dozen stems or so): they are
/// kept inline rather than allocated for every sentence.
struct Anchors {
    hard: SmallVec<[String; 2]>,
    stems: SmallVec<[Stem; 16]>,
}

/// The first four characters of a folded word, packed into one integer:
/// the sentence alignment compares stems for every cell and move, and
/// comparing two integers costs nothing beside comparing two strings.
type Stem = u128;

fn stem(folded: &str) -> Stem {
    folded
        .chars()
        .take(4)
        .enumerate()
        .fold(0, |stem, (k, c)| stem | (u128::from(u32::from(c)) << (32 * k)))
}

/// Long function words whose stems say nothing about the sentence, sorted
/// for a binary search.
const STOP: &[&str] = &[
    "about", "after", "also", "aussi", "autre", "avec", "avoir", "because", "been", "being", "cela", "celle",
    "cette", "comme", "could", "dans", "does", "donc", "each", "elle", "elles", "encore", "entre", "from",
    "have", "into", "leur", "leurs", "mais", "more", "most", "notre", "nous", "only", "other", "pour",
    "sans", "should", "some", "sont", "sous", "such", "than", "that", "their", "them", "then", "there",
    "these", "they", "this", "those", "through", "tous", "tout", "toute", "toutes", "very", "votre", "vous",
    "were", "what", "when", "where", "which", "while", "will", "with", "would", "your",
];

/// The length in bytes of the longest of `STOP`: a longer word is not
/// looked up.
const STOP_LONGEST: usize = {
    let (mut i, mut longest) = (0, 0);
    while i < STOP.len() {
        if STOP[i].len() > longest {
            longest = STOP[i].len();
        }
        i += 1;
    }
    longest
};

/// `STOP` as integers (`stop_key`), sorted: an ASCII word is looked up
/// by comparing integers rather than strings.
static STOP_KEYS: LazyLock<Vec<u64>> = LazyLock::new(|| {
    let mut keys: Vec<u64> = STOP.iter().map(|stop| stop_key(stop.as_bytes())).collect();
    keys.sort_unstable();
    keys
});

const _: () = assert!(STOP_LONGEST <= 8, "every stop word has a key");

/// An ASCII word of at most eight bytes, lowercased, as one integer: two
/// words have the same key when they are the same word.
fn stop_key(word: &[u8]) -> u64 {
    let mut key = [0; 8];
    key[..word.len()].copy_from_slice(word);
    key.make_ascii_lowercase();
    u64::from_le_bytes(key)
}

impl Anchors {
    /// The anchors of a sentence, given its words (as `super::words`
    /// finds them, which the side's tokens already hold).
    /// `buffer` is scratch space that the caller reuses.
    fn of<'w>(sentence: &str, words: impl Iterator<Item = &'w str>, buffer: &mut String) -> Self {
        let mut hard = SmallVec::new();
        let mut stems = SmallVec::<[Stem; 16]>::new();
        // Searchers built once: building one costs more than searching a
        // sentence.
        static SCHEME: LazyLock<Finder> = LazyLock::new(|| Finder::new("://"));
        static WWW: LazyLock<Finder> = LazyLock::new(|| Finder::new("www."));
        let bytes = sentence.as_bytes();
        if SCHEME.find(bytes).is_some() || WWW.find(bytes).is_some() {
            for token in sentence.split_whitespace() {
                if token.contains("://") || token.starts_with("www.") {
                    hard.push(token.trim_end_matches(['.', ',', ')', ';']).to_owned());
                }
            }
        }
        // Nothing happens before the first digit: the scan starts there.
        if let Some(first) = first_digit(bytes) {
            let mut digits = String::new();
            let mut chars = sentence[first..].chars().peekable();
            while let Some(c) = chars.next() {
                if c.is_ascii_digit() {
                    digits.push(c);
                } else if !digits.is_empty()
                    && matches!(c, ',' | '.' | ' ' | '\u{a0}' | '\u{202f}')
                    && chars.peek().is_some_and(char::is_ascii_digit)
                {
                    // A group separator or decimal mark inside the number.
                } else if !digits.is_empty() {
                    hard.push(std::mem::take(&mut digits));
                }
            }
            if !digits.is_empty() {
                hard.push(digits);
            }
        }
        for word in words {
            if let Some(stem) = word_stem(word, buffer).filter(|stem| !stems.contains(stem)) {
                stems.push(stem);
            }
        }
        Anchors { hard, stems }
    }
}

/// Where the first ASCII digit of `bytes` is: a test without a branch
/// per byte over 32 bytes at a time, then a search of the chunk that has
/// one.
fn first_digit(bytes: &[u8]) -> Option<usize> {
    let mut at = 0;
    for chunk in bytes.chunks(32) {
        if chunk.iter().fold(false, |any, b| any | b.is_ascii_digit()) {
            return chunk.iter().position(u8::is_ascii_digit).map(|k| at + k);
        }
        at += chunk.len();
    }
    None
}

/// The stem of a word (as `super::words` finds it), folded, after an
/// elided article (l’information), or `None` for a word of fewer than
/// five characters, with a digit, or a long function word (`STOP`).
/// `buffer` is scratch space that the caller reuses.
fn folded_stem(word: &str, buffer: &mut String) -> Option<Stem> {
    // Folding never gives more characters than the word has bytes (it
    // maps one lowercase character to one), so a word of fewer than 5
    // bytes cannot make a stem: not folded at all.
    if word.len() < 5 {
        return None;
    }
    buffer.clear();
    super::fold_into(buffer, word);
    let folded = match buffer.bytes().rposition(|b| b == b'\'') {
        Some(i) => &buffer[i + 1..],
        None => buffer.as_str(),
    };
    if folded.chars().count() < 5
        || folded.bytes().any(|b| b.is_ascii_digit())
        || (folded.len() <= STOP_LONGEST && STOP.binary_search(&folded).is_ok())
    {
        return None;
    }
    Some(stem(folded))
}

/// `folded_stem` of a word: most words are shorter than a stem needs or
/// ASCII (`ascii_stem`), and only the others are folded.
fn word_stem(word: &str, buffer: &mut String) -> Option<Stem> {
    if word.len() < 5 {
        return None;
    }
    ascii_stem(word).unwrap_or_else(|| folded_stem(word, buffer))
}

/// `folded_stem` of an ASCII word without folding it into a buffer:
/// folding ASCII only lowercases, one byte to one character. `None` when
/// the word is not ASCII.
fn ascii_stem(word: &str) -> Option<Option<Stem>> {
    let bytes = word.as_bytes();
    // One pass from the end finds the last apostrophe, the digits after it
    // and any byte beyond ASCII; before the apostrophe only whether the
    // bytes are ASCII matters.
    let (mut start, mut digit) = (0, false);
    for (i, &b) in bytes.iter().enumerate().rev() {
        if b == b'\'' {
            if !bytes[..i].is_ascii() {
                return None;
            }
            start = i + 1;
            break;
        }
        if !b.is_ascii() {
            return None;
        }
        digit |= b.is_ascii_digit();
    }
    let part = &bytes[start..];
    if part.len() < 5 || digit {
        return Some(None);
    }
    if part.len() <= STOP_LONGEST && STOP_KEYS.binary_search(&stop_key(part)).is_ok() {
        return Some(None);
    }
    Some(Some(part[..4].iter().enumerate().fold(0, |stem, (k, &b)| {
        stem | (u128::from(b.to_ascii_lowercase()) << (32 * k))
    })))
}

/// Whether the words alone show that source sentence `k` was left out:
/// the target has fewer sentences, none of sentence `k`'s words
/// (`uncovered`), and some of the words of every other source sentence.
/// Many faithful sentences share no word stem with their translation
/// (« It also means sharing both the wins and failures » ↔ « partager nos
/// victoires et nos échecs »): the absence of words is evidence only in a
/// paragraph whose other sentences show theirs.
fn word_evidence(k: usize, source: &[Anchors], target: &[Anchors]) -> bool {
    let others_shown = source
        .iter()
        .enumerate()
        .filter(|&(l, _)| l != k)
        .all(|(_, anchors)| {
            anchors.stems.len() < 2 || unmatched_stems(anchors.stems.iter(), target) < anchors.stems.len()
        });
    target.len() < source.len() && others_shown && uncovered(&source[k], target)
}

/// Whether a sentence of at least `MIN_UNCOVERED` stems has none of them,
/// nor any of its numbers and URLs, anywhere in the target: content that
/// the target does not carry, whatever its length.
fn uncovered(anchors: &Anchors, target: &[Anchors]) -> bool {
    let n = anchors.stems.len();
    // One stem in five may be found by chance (`cont`: content ↔ contenu,
    // a word of the whole paragraph).
    n >= MIN_UNCOVERED
        && 5 * (n - unmatched_stems(anchors.stems.iter(), target)) <= n
        && unmatched_hard(&anchors.hard, target) == anchors.hard.len()
}

/// Stems a sentence needs before its absence from the target counts as
/// evidence on its own (`uncovered`).
const MIN_UNCOVERED: usize = 4;

/// How many of `stems` the group `other` lacks.
fn unmatched_stems<'a>(stems: impl Iterator<Item = &'a Stem>, other: &[Anchors]) -> usize {
    stems
        .filter(|stem| !other.iter().any(|o| o.stems.contains(stem)))
        .count()
}

/// How many of the numbers and URLs `hard` the group `other` lacks.
fn unmatched_hard(hard: &[String], other: &[Anchors]) -> usize {
    hard.iter()
        .filter(|a| !other.iter().any(|o| o.hard.contains(a)))
        .count()
}

/// The anchors of a pair's sentences, source then target, as sets of bits
/// over the pair's distinct anchors. The alignment asks, for every cell
/// and move, which anchors of one group the other group lacks: an OR and a
/// count of bits answer what a scan of every anchor list did.
struct AnchorSets {
    /// How many source sentences: target sentence `j` is set `sources + j`.
    sources: usize,
    /// `u64` words per stem set, and per set of numbers and URLs.
    stem_width: usize,
    hard_width: usize,
    stems: Vec<u64>,
    hard: Vec<u64>,
    /// Each sentence's numbers and URLs as ids, repeats kept (a number said
    /// twice is missing twice), from `hard_starts[s]` to `hard_starts[s + 1]`.
    hard_ids: Vec<usize>,
    hard_starts: Vec<usize>,
}

impl AnchorSets {
    fn new(source: &[Anchors], target: &[Anchors]) -> Self {
        let all = || source.iter().chain(target);
        let mut stem_ids: FxHashMap<Stem, usize> = FxHashMap::default();
        let stem_of: Vec<usize> = all()
            .flat_map(|a| &a.stems)
            .map(|&stem| {
                let next = stem_ids.len();
                *stem_ids.entry(stem).or_insert(next)
            })
            .collect();
        // Numbers and URLs are few: a list is enough to number them.
        let mut distinct: Vec<&str> = Vec::new();
        let hard_ids: Vec<usize> = all()
            .flat_map(|a| &a.hard)
            .map(|hard| {
                distinct.iter().position(|d| d == hard).unwrap_or_else(|| {
                    distinct.push(hard);
                    distinct.len() - 1
                })
            })
            .collect();
        let (stem_width, hard_width) = (stem_ids.len().div_ceil(64), distinct.len().div_ceil(64));
        let count = source.len() + target.len();
        let mut sets = AnchorSets {
            sources: source.len(),
            stem_width,
            hard_width,
            stems: vec![0; count * stem_width],
            hard: vec![0; count * hard_width],
            hard_ids,
            hard_starts: Vec::with_capacity(count + 1),
        };
        let (mut stem_at, mut hard_at) = (0, 0);
        for (s, anchors) in all().enumerate() {
            for &id in &stem_of[stem_at..stem_at + anchors.stems.len()] {
                sets.stems[s * stem_width + id / 64] |= 1 << (id % 64);
            }
            stem_at += anchors.stems.len();
            sets.hard_starts.push(hard_at);
            for &id in &sets.hard_ids[hard_at..hard_at + anchors.hard.len()] {
                sets.hard[s * hard_width + id / 64] |= 1 << (id % 64);
            }
            hard_at += anchors.hard.len();
        }
        sets.hard_starts.push(hard_at);
        sets
    }

    /// Word `w` of the union of the stem sets of `group`, but `except`.
    fn stems_of(&self, group: Range<usize>, except: usize, w: usize) -> u64 {
        group
            .filter(|&s| s != except)
            .fold(0, |bits, s| bits | self.stems[s * self.stem_width + w])
    }

    /// How many of set `s`'s numbers and URLs no set of `group` has.
    fn unmatched_hard(&self, s: usize, group: Range<usize>) -> usize {
        let has = |g: usize, id: usize| self.hard[g * self.hard_width + id / 64] & (1 << (id % 64)) != 0;
        self.hard_ids[self.hard_starts[s]..self.hard_starts[s + 1]]
            .iter()
            .filter(|&&id| !group.clone().any(|g| has(g, id)))
            .count()
    }
}

/// The anchor cost of pairing source sentences with target sentences
/// (ranges of each side's sentences): each number or URL on one side only,
/// and each source sentence whose stems the target mostly lacks. A
/// sentence that the target dropped shares nothing with the target
/// sentence it would be merged into, so a merge (2–1) that hides it costs
/// more than leaving it alone (1–0).
fn anchor_cost(sets: &AnchorSets, source: Range<usize>, target: Range<usize>) -> f64 {
    let target = target.start + sets.sources..target.end + sets.sources;
    let mut cost = 0.0;
    for k in source.clone() {
        cost += HARD_WEIGHT * sets.unmatched_hard(k, target.clone()) as f64;
        // In a group, a sentence is covered only by what it brings: the
        // stems it shares with the other source sentences of the group
        // say nothing about whether its own content was translated (« This
        // approach provides flexibility in how you use your allotted
        // requests. », dropped, would otherwise pass on the `requ` of the
        // sentence before it, « per request » ↔ « par requête »).
        let (mut all, mut own, mut all_unmatched, mut own_unmatched) = (0, 0, 0, 0);
        for w in 0..sets.stem_width {
            let stems = sets.stems[k * sets.stem_width + w];
            let others = sets.stems_of(source.clone(), k, w);
            let theirs = sets.stems_of(target.clone(), usize::MAX, w);
            all += stems.count_ones();
            own += (stems & !others).count_ones();
            all_unmatched += (stems & !theirs).count_ones();
            own_unmatched += (stems & !others & !theirs).count_ones();
        }
        let (n, unmatched) = if own >= 2 {
            (own, own_unmatched)
        } else {
            (all, all_unmatched)
        };
        // Two stems are enough: a short sentence (« See Add Recommended
        // Files. ») merged into its neighbour must cost too.
        if n >= 2 {
            let matched = n - unmatched;
            // Half of the stems found is as good as translation gets.
            let share = (2.0 * f64::from(matched) / f64::from(n)).min(1.0);
            cost += STEM_WEIGHT * (1.0 - share);
        }
    }
    for j in target {
        cost += HARD_WEIGHT * sets.unmatched_hard(j, source.clone()) as f64;
    }
    cost
}

/// Cost of a number or URL on one side only of a sentence pair.
const HARD_WEIGHT: f64 = 2.0;
/// Cost of a source sentence none of whose stems the target has: above
/// the 2–1 move's advantage over 1–0 (`-ln 0.089` against `-ln 0.0099`,
/// 2.2), so that a wordy French sentence cannot swallow a neighbour that
/// it does not translate.
const STEM_WEIGHT: f64 = 6.0;

/// Indexes of source sentences that the best sentence alignment leaves
/// without a target partner. The cost of a move is Gale and Church's
/// length cost plus the anchor cost (`anchor_cost`) of the sentences'
/// anchors.
fn dropped_sentences(
    (source, sa): (&[&str], &[Anchors]),
    (target, ta): (&[&str], &[Anchors]),
    ratio: f64,
) -> Vec<usize> {
    let ls: Vec<usize> = source.iter().map(|s| chars(s)).collect();
    let lt: Vec<usize> = target.iter().map(|s| chars(s)).collect();
    let (n, m) = (ls.len(), lt.len());
    const MOVES: [(usize, usize, f64); 6] = [
        (1, 1, 0.89),
        (1, 0, 0.0099),
        (0, 1, 0.0099),
        (2, 1, 0.089),
        (1, 2, 0.089),
        (2, 2, 0.011),
    ];
    let moves = MOVES.map(|(di, dj, prior)| (di, dj, -f64::ln(prior)));
    let sets = AnchorSets::new(sa, ta);
    // Cell (i, j) of the (n + 1) × (m + 1) table is at i * (m + 1) + j.
    let cell = |i: usize, j: usize| i * (m + 1) + j;
    let mut best = vec![f64::INFINITY; (n + 1) * (m + 1)];
    let mut back = vec![(0usize, 0usize); (n + 1) * (m + 1)];
    best[0] = 0.0;
    for i in 0..=n {
        for j in 0..=m {
            if i == 0 && j == 0 {
                continue;
            }
            for &(di, dj, prior_cost) in &moves {
                if di > i || dj > j || best[cell(i - di, j - dj)].is_infinite() {
                    continue;
                }
                let a: usize = ls[i - di..i].iter().sum();
                let b: usize = lt[j - dj..j].iter().sum();
                let mut c = best[cell(i - di, j - dj)] + cost(a, b, prior_cost, ratio);
                if di > 0 && dj > 0 {
                    c += anchor_cost(&sets, i - di..i, j - dj..j);
                }
                if c < best[cell(i, j)] {
                    best[cell(i, j)] = c;
                    back[cell(i, j)] = (di, dj);
                }
            }
        }
    }
    let mut dropped = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let (di, dj) = back[cell(i, j)];
        if di == 1 && dj == 0 {
            dropped.push(i - 1);
        }
        if di == 0 && dj == 0 {
            break;
        }
        i -= di;
        j -= dj;
    }
    dropped.reverse();
    dropped
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::test_util::Fixture;

    const EN: &str = "The UK and France continued their high-level defence engagement today with a meeting of military chiefs in London. The chiefs will discuss efforts to galvanise the European response to Ukraine. This is the third annual meeting of all the chiefs of staff.";
    const FR: &str = "Le Royaume-Uni et la France ont poursuivi aujourd’hui leurs échanges de défense au plus haut niveau avec une réunion, à Londres, des chefs militaires des deux pays. Les chefs examineront les efforts destinés à galvaniser la réponse européenne à la situation en Ukraine. Il s’agit de la troisième réunion annuelle de l’ensemble des chefs d’état-major.";

    #[test]
    fn a_faithful_translation_passes() {
        assert!(Fixture::new("fr-FR").codes(&Length, EN, FR).is_empty());
    }

    #[test]
    fn a_dropped_sentence_is_found() {
        let cut = FR.replace("Le Royaume-Uni et la France ont poursuivi aujourd’hui leurs échanges de défense au plus haut niveau avec une réunion, à Londres, des chefs militaires des deux pays. ", "");
        let hits = Fixture::new("fr-FR").run(&Length, EN, &cut);
        assert_eq!(hits.len(), 1, "{hits:?}");
        assert_eq!(hits[0].code, Code::SentenceMissing);
        assert!(
            hits[0].message.contains("The UK and France continued"),
            "{}",
            hits[0].message
        );
        assert_eq!(hits[0].source_at, Some(0));
    }

    #[test]
    fn a_paragraph_cut_in_half_is_a_length_outlier() {
        let hits = Fixture::new("fr-FR").run(
            &Length,
            EN,
            "Le Royaume-Uni et la France se sont réunis à Londres.",
        );
        assert_eq!(
            hits.iter().map(|h| h.code).collect::<Vec<_>>(),
            [Code::LengthRatio]
        );
    }

    #[test]
    fn words_are_found_across_line_breaks_and_overlaps() {
        assert_eq!(
            find_words("a This\n  approach works", &["This", "approach"]),
            Some(2)
        );
        assert_eq!(
            find_words("This  is; This approach", &["This", "approach"]),
            Some(10)
        );
        assert_eq!(find_words("aaa b", &["aa", "b"]), Some(1));
        assert_eq!(find_words("Thisapproach", &["This", "approach"]), None);
        assert_eq!(find_words("This", &["This", "approach"]), None);
    }

    #[test]
    fn stop_words_are_sorted_for_the_binary_search() {
        assert!(STOP.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn stems_are_the_first_four_characters() {
        assert_eq!(stem("information"), stem("info"));
        assert_ne!(stem("infos"), stem("infé"));
    }

    #[test]
    fn sentences_split_at_ends_not_at_abbreviations() {
        assert_eq!(
            sentences("Mr. Smith met Dr. Jones at 2 p.m. Then they left. Voilà !"),
            ["Mr. Smith met Dr. Jones at 2 p.m.", "Then they left.", "Voilà !"]
        );
    }
    /// The pages of the real corpus, English and French.
    fn corpus_pages() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
        let mut pages = Vec::new();
        for site in std::fs::read_dir(root).unwrap().flatten() {
            for release in std::fs::read_dir(site.path()).into_iter().flatten().flatten() {
                for lang in ["en.md", "fr.md"] {
                    if let Ok(text) = std::fs::read_to_string(release.path().join(lang)) {
                        pages.push(text);
                    }
                }
            }
        }
        assert!(pages.len() > 50, "the corpus is there");
        pages
    }

    /// Pieces of generated English and French: accents, every kind of
    /// space (NBSP, narrow NBSP, the wide ones), marks, abbreviations,
    /// letters whose lowercase is not one ASCII letter, emoji.
    fn generated_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let piece = prop::sample::select(vec![
            "The",
            "données",
            "Été",
            "é",
            "ç",
            "Mr",
            "mme",
            "P",
            "e.g",
            "U.S",
            "approx",
            " ",
            "  ",
            "\n",
            "\t",
            "\r\n",
            "\u{b}",
            "\u{c}",
            "\u{85}",
            "\u{a0}",
            "\u{202f}",
            "\u{1680}",
            "\u{2000}",
            "\u{200a}",
            "\u{200b}",
            "\u{2028}",
            "\u{2029}",
            "\u{205f}",
            "\u{3000}",
            "\u{e280}",
            ".",
            "!",
            "?",
            "…",
            "»",
            "«",
            "\"",
            "”",
            "’",
            ")",
            "(",
            "1",
            "2,5",
            "\u{130}",
            "\u{212a}",
            "Σ",
            "ǅ",
            "😀",
            "https://x.ca/y",
            "www.gc.ca",
            "l’information",
            "information",
        ]);
        prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
    }

    fn chars_by_decoding(text: &str) -> usize {
        text.chars().filter(|c| !c.is_whitespace()).count()
    }

    #[test]
    fn chars_counts_what_decoding_counts() {
        use proptest::test_runner::TestRunner;
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            assert_eq!(chars(&text), chars_by_decoding(&text), "{:?}", c);
            assert_eq!(letters(&text), 2 + usize::from(c.is_alphabetic()), "{:?}", c);
        }
        for page in corpus_pages() {
            assert_eq!(chars(&page), chars_by_decoding(&page));
            assert_eq!(letters(&page), page.chars().filter(|c| c.is_alphabetic()).count());
        }
        TestRunner::default()
            .run(&generated_text(), |text| {
                proptest::prop_assert_eq!(chars(&text), chars_by_decoding(&text));
                proptest::prop_assert_eq!(letters(&text), text.chars().filter(|c| c.is_alphabetic()).count());
                Ok(())
            })
            .unwrap();
    }

    /// The letters outside markup are those of the pieces a regex split
    /// leaves, counted by decoding: on the corpus's pages and on generated
    /// markup, entities, URLs in any case (`ſ` included) and near misses.
    #[test]
    fn prose_letters_are_the_letters_a_regex_split_leaves() {
        use proptest::prelude::*;
        use proptest::test_runner::TestRunner;
        let markup = Regex::new(&markup_pattern()).unwrap();
        let by_split = |text: &str| -> usize {
            markup
                .split(text)
                .map(|piece| piece.chars().filter(|c| c.is_alphabetic()).count())
                .sum()
        };
        for page in corpus_pages() {
            assert_eq!(prose_letters(&page), by_split(&page));
        }
        let piece = prop::sample::select(vec![
            "<", ">", "<b>", "]", "(", ")", "](", "[", "&", "amp", ";", "&nbsp;", "&é;", "http", "HTTPS",
            "s", "\u{17f}", "ftp", "FtP", "://", ":/", "www", "WwW", ".", "x.ca", "w", " ", "\n", "`", "\"",
            "é", "mot", "1",
        ]);
        TestRunner::default()
            .run(&prop::collection::vec(piece, 0..16), |pieces| {
                let text = pieces.concat();
                prop_assert_eq!(prose_letters(&text), by_split(&text), "{:?}", text);
                Ok(())
            })
            .unwrap();
        TestRunner::default()
            .run(&generated_text(), |text| {
                prop_assert_eq!(prose_letters(&text), by_split(&text), "{:?}", text);
                Ok(())
            })
            .unwrap();
    }

    /// `sentences` as it was, char by char, allocating each word before a
    /// period: the reference for the byte scan.
    fn sentences_by_characters(text: &str) -> Vec<&str> {
        const CLOSERS: [char; 7] = ['»', '"', '”', '’', ')', '\u{a0}', '\u{202f}'];
        let mut out = Vec::new();
        let mut start = 0;
        for (i, c) in text.char_indices() {
            if !matches!(c, '.' | '!' | '?' | '…') {
                continue;
            }
            let after = text[i + c.len_utf8()..].trim_start_matches(CLOSERS);
            if !after.starts_with(char::is_whitespace) {
                continue;
            }
            let next = after.trim_start().chars().next();
            if !next.is_some_and(|n| n.is_uppercase() || n.is_ascii_digit() || "«“\"(".contains(n)) {
                continue;
            }
            if c == '.' {
                let word = text[start..i]
                    .rsplit(char::is_whitespace)
                    .next()
                    .unwrap_or("")
                    .to_lowercase();
                if ABBREVIATIONS.contains(&word.as_str())
                    || (word.chars().count() == 1 && word.chars().all(char::is_alphabetic))
                {
                    continue;
                }
            }
            let end = text.len() - after.len();
            let sentence = text[start..end].trim();
            if !sentence.is_empty() {
                out.push(sentence);
            }
            start = end;
        }
        let rest = text[start..].trim();
        if !rest.is_empty() {
            out.push(rest);
        }
        out
    }

    #[test]
    fn sentences_split_as_the_character_scan_did() {
        use proptest::test_runner::TestRunner;
        for page in corpus_pages() {
            for paragraph in page.split("\n\n") {
                assert_eq!(sentences(paragraph), sentences_by_characters(paragraph));
            }
        }
        TestRunner::default()
            .run(&generated_text(), |text| {
                proptest::prop_assert_eq!(sentences(&text), sentences_by_characters(&text));
                Ok(())
            })
            .unwrap();
    }

    /// The shortcuts (short words, ASCII words) give the stem folding
    /// gives, for every word of the corpus and of generated text (elided
    /// articles, digits, stop words in capitals, letters beyond ASCII
    /// before or after the apostrophe): so does the rule they replace,
    /// which folded every word beyond ASCII.
    #[test]
    fn word_stems_are_folded_stems() {
        use proptest::prelude::*;
        use proptest::test_runner::TestRunner;
        let differs =
            |word: &str| word_stem(word, &mut String::new()) != folded_stem(word, &mut String::new());
        let (mut ascii, mut others) = (0, 0);
        for page in corpus_pages() {
            for (_, word) in crate::checks::words(&page) {
                assert!(!differs(word), "{word:?}");
                let has_stem = folded_stem(word, &mut String::new()).is_some();
                ascii += usize::from(word.is_ascii() && has_stem);
                others += usize::from(!word.is_ascii() && has_stem);
            }
        }
        assert!(ascii > 10_000 && others > 1_000, "{ascii} {others}");
        let piece = prop::sample::select(vec![
            "l'", "d'", "'", "’", "Which", "WHICH", "which", "Thro", "ugh", "info", "rmation", "2024", "a1",
            "Z", "q", "-", "x", "é", "É", "\u{130}", "\u{212a}",
        ]);
        TestRunner::default()
            .run(&prop::collection::vec(piece, 1..6), |pieces| {
                let word = pieces.concat();
                prop_assert!(!differs(&word), "{:?}", word);
                Ok(())
            })
            .unwrap();
    }

    /// The full computation of a pair's dropped sentences, without the
    /// shortcut (`may_report_dropped`): after the same tests as the
    /// check's (long enough, no length outlier, two source sentences or
    /// more), every pair is aligned. `None` where those tests stop.
    fn dropped_in_full(cx: &Context, source: &Side, target: &Side) -> Option<(bool, Vec<Hit>)> {
        let (source_text, target_text) = (source.joined(), target.joined());
        let lengths = Lengths {
            source: chars(source_text),
            target: chars(target_text),
        };
        let mut outlier = Vec::new();
        Length.check(cx, source, target, &mut outlier);
        let source_sentences = sentences(source_text);
        if lengths.source + lengths.target < MIN_CHARS
            || outlier.iter().any(|hit| hit.code == Code::LengthRatio)
            || source_sentences.len() < 2
        {
            return None;
        }
        let target_sentences = sentences(target_text);
        let ratio = || document_ratio(source, target).unwrap_or(cx.length_ratio);
        let may = may_report_dropped(&source_sentences, target_sentences.len(), lengths, ratio);
        let mut hits = Vec::new();
        let sentences = (source_sentences.as_slice(), target_sentences.as_slice());
        report_dropped(cx, (source, target), sentences, lengths, ratio, &mut hits);
        assert_eq!(hits, outlier, "the check reports what the full computation does");
        Some((may, hits))
    }

    /// The shortcut never passes over a pair that the full computation
    /// reports: on every paragraph of the corpus against the French one at
    /// the same place (aligned or not), and against it with each of its
    /// sentences dropped in turn, each side in its whole page (whose
    /// ratio the check reads), at several workspace ratios.
    #[test]
    fn the_shortcut_skips_only_pairs_that_report_nothing() {
        use crate::checks::test_util::Fixture;
        use crate::checks::DocumentWords;
        use crate::document::source::SourceFile;
        let fixture = Fixture::new("fr-CA");
        let (mut reported, mut skipped, mut aligned) = (0, 0, 0);
        let pages = corpus_pages();
        for ratio in [0.9, 1.15, 1.6, 2.0] {
            let mut cx = fixture.context();
            cx.length_ratio = ratio;
            for pair in pages.chunks(2) {
                let (en_words, fr_words) = (DocumentWords::new(&pair[0]), DocumentWords::new(&pair[1]));
                let fr_paragraphs: Vec<&str> = pair[1].split("\n\n").collect();
                for (en, fr) in pair[0].split("\n\n").zip(fr_paragraphs) {
                    let en_file = SourceFile::new(std::path::Path::new("en.md"), en.to_owned());
                    let fr_sentences = sentences(fr);
                    let dropping = |k: usize| {
                        let kept = fr_sentences.iter().enumerate().filter(|&(l, _)| l != k);
                        kept.map(|(_, s)| *s).collect::<Vec<_>>().join(" ")
                    };
                    let variants = [fr.to_owned()]
                        .into_iter()
                        .chain((0..fr_sentences.len()).map(dropping));
                    for variant in variants {
                        let fr_file = SourceFile::new(std::path::Path::new("fr.md"), variant);
                        let full =
                            fixture.pair((&en_file, &en_words), (&fr_file, &fr_words), |source, target| {
                                dropped_in_full(&cx, source, target)
                            });
                        let Some((may, hits)) = full else {
                            continue;
                        };
                        aligned += 1;
                        reported += usize::from(!hits.is_empty());
                        skipped += usize::from(!may);
                        assert!(may || hits.is_empty(), "{en:?} {hits:?}");
                    }
                }
            }
        }
        assert!(
            reported > 1000 && skipped > 1000,
            "{aligned} aligned: {reported} reported, {skipped} skipped"
        );
    }

    /// `anchor_cost` as it was, scanning the anchor lists of both groups:
    /// the reference for the bit sets.
    fn anchor_cost_by_lists(source: &[Anchors], target: &[Anchors]) -> f64 {
        let mut cost = 0.0;
        for (k, a) in source.iter().enumerate() {
            cost += HARD_WEIGHT * unmatched_hard(&a.hard, target) as f64;
            let is_own = |stem: &&Stem| {
                !source
                    .iter()
                    .enumerate()
                    .any(|(l, b)| l != k && b.stems.contains(stem))
            };
            let own = a.stems.iter().filter(is_own).count();
            let (n, unmatched) = if own >= 2 {
                (own, unmatched_stems(a.stems.iter().filter(is_own), target))
            } else {
                (a.stems.len(), unmatched_stems(a.stems.iter(), target))
            };
            if n >= 2 {
                let matched = n - unmatched;
                let share = (2.0 * matched as f64 / n as f64).min(1.0);
                cost += STEM_WEIGHT * (1.0 - share);
            }
        }
        for a in target {
            cost += HARD_WEIGHT * unmatched_hard(&a.hard, source) as f64;
        }
        cost
    }

    /// The bit sets give the lists' cost to the last bit, for every group
    /// of one or two sentences of the corpus's paragraphs, English against
    /// French, and of whole pages taken as one sentence (anchors repeated,
    /// more than 64 stems).
    #[test]
    fn anchor_sets_cost_what_the_lists_cost() {
        let mut buffer = String::new();
        let mut anchors =
            |text: &str| Anchors::of(text, crate::checks::words(text).map(|(_, w)| w), &mut buffer);
        let (mut pairs, mut wide) = (0, 0);
        let mut compare = |sa: &[Anchors], ta: &[Anchors]| {
            let sets = AnchorSets::new(sa, ta);
            for (i, di) in (0..sa.len()).flat_map(|i| [(i, 1), (i, 2)]) {
                for (j, dj) in (0..ta.len()).flat_map(|j| [(j, 1), (j, 2)]) {
                    if i + di > sa.len() || j + dj > ta.len() {
                        continue;
                    }
                    let by_lists = anchor_cost_by_lists(&sa[i..i + di], &ta[j..j + dj]);
                    let by_sets = anchor_cost(&sets, i..i + di, j..j + dj);
                    assert_eq!(by_sets.to_bits(), by_lists.to_bits());
                    pairs += 1;
                }
            }
        };
        for pair in corpus_pages().chunks(2) {
            let (en, fr) = (&pair[0], &pair[1]);
            for (en, fr) in en.split("\n\n").zip(fr.split("\n\n")) {
                let sa: Vec<Anchors> = sentences(en).into_iter().map(&mut anchors).collect();
                let ta: Vec<Anchors> = sentences(fr).into_iter().map(&mut anchors).collect();
                compare(&sa, &ta);
            }
            fn opening(page: &str) -> Vec<&str> {
                page.split("\n\n").take(4).flat_map(sentences).collect()
            }
            let sa: Vec<Anchors> = [en.as_str()]
                .into_iter()
                .chain(opening(en))
                .map(&mut anchors)
                .collect();
            let ta: Vec<Anchors> = [fr.as_str()]
                .into_iter()
                .chain(opening(fr))
                .map(&mut anchors)
                .collect();
            wide += usize::from(sa[0].stems.len() > 64);
            compare(&sa, &ta);
        }
        assert!(pairs > 1000 && wide > 10, "{pairs} {wide}");
    }
}
