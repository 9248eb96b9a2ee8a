//! Acronyms and proper names present on one side only: `PJHQ` or
//! `Starmer` in the English with no trace in the French. Acronyms are
//! checked both ways, with the glossary's target-language forms allowed
//! (CDS ↔ SNC); names only from source to target, since French
//! capitalises far fewer words than English. A name counts as present when
//! the target has a word with the same first five letters, accents and case
//! aside (Canadian ↔ canadien, Quebec ↔ Québec), or when it is a
//! country, region, nation or language whose French name (from Unicode
//! CLDR, `cldr_names.tsv`) the target has (Scotland ↔ Écosse, Germany ↔
//! Allemagne). A version after an acronym is part of the name: `WCAG 2.1`
//! facing `WCAG 2` is a mismatch, and a versioned standard (`ATAG 2.0`) is
//! never spelled out, so one missing from the target is reported even when
//! the French document never writes it.

use std::collections::HashMap;
use std::sync::LazyLock;

use rustc_hash::FxHashSet;

use super::{char_at, fold, fold_into, words, Check, Context, Hit, Side};
use crate::diagnostic::Code;
use crate::document::segment::SegmentKind;
use crate::text::date::MONTHS_EN;

pub struct Names;

/// English words often capitalised inside a sentence that are not names
/// kept in translation: days of the week, titles, institutions. Month names
/// are in `MONTHS_EN`.
const COMMON: &[&str] = &[
    "I",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "English",
    "French",
    "Government",
    "Minister",
    "Ministers",
    "Prime",
    "President",
    "Department",
    "Secretary",
    "Defence",
    "Defense",
    "Chief",
    "Chiefs",
    "Staff",
    "General",
    "Admiral",
    "Sir",
    "Lady",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Service",
    "Services",
    "Digital",
    "Canadian",
    "Canadians",
    "Federal",
    "Public",
    "Office",
    "Council",
    "Board",
    "Agency",
    "Team",
    "Director",
    "Deputy",
    "Head",
    "Officer",
    "Act",
    "Bill",
    "House",
    "Commons",
    "Senate",
    "Parliament",
    "Ministry",
    "Royal",
    "Air",
    "Force",
    "Army",
    "Navy",
    "Forces",
    "Armed",
    "National",
    "Canada",
    // The Crown and the sovereign are translated (la Couronne, le Roi),
    // like the names of policy instruments.
    "Crown",
    "King",
    "Queen",
    "Majesty",
    "Directive",
    "Policy",
    "Standard",
    "Appendix",
    "Annex",
];

/// `COMMON` and the month names in one set: every capitalised word of
/// the source is looked up in it, where the lists cost a comparison with
/// each of their words.
static ORDINARY: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| COMMON.iter().chain(&MONTHS_EN).copied().collect());

/// Nouns after which a capitalised word names a stage of work, which is
/// translated: « Discovery phase », « Alpha stage ».
const PHASES: &[&str] = &["phase", "phases", "stage", "stages", "sprint", "sprints"];

/// Short words that join the capitalised words of a title: « Directive on
/// Management of Information Technology » is one translated title, not
/// the name « Management ».
const TITLE_JOINERS: &[&str] = &["of", "on", "and", "for", "to", "&"];

fn is_acronym(word: &str) -> bool {
    // Most words fail at the first letter.
    if word.as_bytes().first().is_none_or(u8::is_ascii_lowercase) {
        return false;
    }
    let word = word.strip_suffix('s').unwrap_or(word);
    // Acronyms are ASCII but for a few (ÉÉC), read without decoding.
    let (length, upper, all_capitals) = if word.is_ascii() {
        let bytes = word.as_bytes();
        (
            bytes.len(),
            bytes.iter().filter(|b| b.is_ascii_uppercase()).count(),
            bytes.iter().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()),
        )
    } else {
        (
            word.chars().count(),
            word.chars().filter(|c| c.is_uppercase()).count(),
            word.chars().all(|c| c.is_uppercase() || c.is_ascii_digit()),
        )
    };
    (2..=6).contains(&length) && upper >= 2 && all_capitals && !is_roman(word)
}

/// Whether `text` has two capitals with nothing but ASCII digits between
/// them (`CDS`, `G7`, `A2B`), as every acronym has: most segments and
/// most words have not, and are passed over in one byte scan, without
/// the word index.
fn has_capital_pair(text: &str) -> bool {
    scan_from(text).is_some_and(|from| pairs_of_capitals(text, from, usize::MAX, |_| true).0)
}

/// Adds to `out` the offset of the first capital of each pair of
/// capitals of `text`. A long text is scanned only around the blocks of
/// bytes where the test of `scan_from` lets a pair start: from the start
/// of the character that ends in one until its end is passed with no
/// capital last.
fn pair_starts(text: &str, out: &mut Vec<usize>) {
    let bytes = text.as_bytes();
    let mut push = |at| {
        out.push(at);
        false
    };
    if bytes.len() < SHORT {
        if may_have_second_capital(bytes) {
            pairs_of_capitals(text, 0, usize::MAX, &mut push);
        }
        return;
    }
    let mut done = 0;
    while let Some(block) = first_pair_block(bytes, done) {
        let from = char_start(text, block).max(done);
        done = pairs_of_capitals(text, from, block + BLOCK, &mut push).1;
    }
}

/// Where a scan of `text` for pairs of capitals starts, or `None` when
/// it has none. A text of a few words (a word, most often) is scanned
/// unless no capital can start after its first byte, as in most words; a
/// longer one first has a test the compiler vectorises, which prose
/// seldom passes outside acronyms, French prose included (« Général »,
/// « l’Ukraine », « 25\u{a0}000 »), and is scanned from the block of
/// bytes where the test passed: no pair starts before it.
fn scan_from(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    if bytes.len() < SHORT {
        return may_have_second_capital(bytes).then_some(0);
    }
    // From the start of the character that ends in the block.
    first_pair_block(bytes, 0).map(|start| char_start(text, start))
}

/// Where the character that holds byte `at` of `text` starts: a block of
/// `first_pair_block` may begin inside one.
fn char_start(text: &str, at: usize) -> usize {
    (at.saturating_sub(3)..=at)
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

/// Hands `found` the offset of the first capital of each pair of
/// capitals of `text` (two capitals with nothing but ASCII digits
/// between them), from byte `from` (where a character starts) on, until
/// it says yes or byte `until` is passed with no capital last (no pair
/// then starts before the scan stops); whether it said yes, and where the
/// scan stopped.
fn pairs_of_capitals(
    text: &str,
    from: usize,
    until: usize,
    mut found: impl FnMut(usize) -> bool,
) -> (bool, usize) {
    let bytes = text.as_bytes();
    // Where the last capital starts, when one came last, digits aside.
    let mut last_capital = None;
    let mut i = from;
    while let Some(&b) = bytes.get(i) {
        if i >= until && last_capital.is_none() {
            return (false, i);
        }
        let at = i;
        let capital = match b {
            b'0'..=b'9' => {
                i += 1;
                continue;
            }
            0..=0x7f => {
                i += 1;
                b.is_ascii_uppercase()
            }
            // U+0080 to U+00BF (no-break space, « », ª…): no capital.
            0xc2 => {
                i += 2;
                false
            }
            // U+00C0 to U+00FF: À to Þ are capitals but for ×.
            0xc3 => {
                let second = bytes.get(i + 1).copied().unwrap_or(0);
                i += 2;
                (0x80..=0x9e).contains(&second) && second != 0x97
            }
            _ => {
                let c = char_at(text, i);
                i += c.len_utf8();
                c.is_uppercase()
            }
        };
        if let (true, Some(first)) = (capital, last_capital) {
            if found(first) {
                return (true, i);
            }
        }
        last_capital = capital.then_some(at);
    }
    (false, i)
}

/// The length from which `has_capital_pair` tests a text before it
/// scans it: the test costs more than the scan of a word.
const SHORT: usize = 32;

/// Whether a capital may start after the first byte of `bytes`, as the
/// second capital of a pair does: an ASCII capital, À to Þ (C3 80 to
/// C3 9E), or a character from U+0100 on but U+2000 to U+203F (E2 80).
fn may_have_second_capital(bytes: &[u8]) -> bool {
    (1..bytes.len()).any(|i| {
        let (b, next) = (bytes[i], bytes.get(i + 1).copied().unwrap_or(0));
        b.is_ascii_uppercase() || (b == 0xc3 && next <= 0x9e) || (b >= 0xc4 && !(b == 0xe2 && next == 0x80))
    })
}

/// The bytes `first_pair_block` tests at once.
const BLOCK: usize = 32;

/// Where the first block of `BLOCK` bytes of `bytes` from `from` on is in
/// which a pair of capitals may start: `may_start_pair` at each byte,
/// with the two bytes before and after it (0 beyond the text), a block at
/// a time, which the compiler vectorises whole; a block at either end of
/// the text is copied, padded with zeros. A pair starts in no block
/// before it.
fn first_pair_block(bytes: &[u8], from: usize) -> Option<usize> {
    let block_has = |w: &[u8; BLOCK + 4]| {
        (0..BLOCK).fold(false, |seen, i| {
            seen | may_start_pair(w[i], w[i + 1], w[i + 2], w[i + 3], w[i + 4])
        })
    };
    let n = bytes.len();
    let mut start = from;
    while start < n {
        // Bytes `start - 2` to `start + BLOCK + 2`.
        let window: [u8; BLOCK + 4] = match bytes.get(start.wrapping_sub(2)..start + BLOCK + 2) {
            Some(inside) => inside.try_into().expect("a block"),
            None => {
                let mut padded = [0; BLOCK + 4];
                let (from, to) = (start.saturating_sub(2), n.min(start + BLOCK + 2));
                padded[from + 2 - start..to + 2 - start].copy_from_slice(&bytes[from..to]);
                padded
            }
        };
        if block_has(&window) {
            return Some(start);
        }
        start += BLOCK;
    }
    None
}

/// Whether the character that ends with byte `a` (after `p1`, after
/// `p2`) may be a capital and the one that starts with byte `b` (then
/// `c`) a capital or a digit, told without a branch: from the last byte
/// of a character beyond ASCII, the bytes before it tell U+0080 to U+00BF
/// (C2: no capital), U+00C0 to U+00FF (C3: capitals up to Þ but ×) and
/// U+2000 to U+203F (E2 80: spaces, dashes, quotes, no capital) apart;
/// from its first byte, C2, C3 and E2 80 do the same. Any other
/// character may be a capital. A byte outside the text is 0.
#[inline(always)]
fn may_start_pair(p2: u8, p1: u8, a: u8, b: u8, c: u8) -> bool {
    let continuation = (0x80..0xc0).contains(&a);
    let ends_capital = a.is_ascii_uppercase()
        | (continuation
            & (p1 != 0xc2)
            & ((p1 != 0xc3) | ((a <= 0x9e) & (a != 0x97)))
            & !((p1 == 0x80) & (p2 == 0xe2)));
    let starts_capital = b.is_ascii_uppercase()
        | b.is_ascii_digit()
        | ((b == 0xc3) & (c <= 0x9e))
        | ((b >= 0xc4) & !((b == 0xe2) & (c == 0x80)));
    ends_capital & starts_capital
}

/// The letters and the capitals of `text`, counted: ASCII bytes in one
/// pass the compiler vectorises, other characters (only when there are
/// some) by `beyond_ascii`.
fn letters_and_capitals(text: &str) -> (usize, usize) {
    let bytes = text.as_bytes();
    // Counted in runs short enough for a byte to hold the counts, which
    // the compiler vectorises.
    let (upper, lower) = bytes.chunks(255).fold((0, 0), |(upper, lower), run| {
        let (u, l) = run.iter().fold((0u8, 0u8), |(u, l), b| {
            (
                u + u8::from(b.is_ascii_uppercase()),
                l + u8::from(b.is_ascii_lowercase()),
            )
        });
        (upper + usize::from(u), lower + usize::from(l))
    });
    let letters = upper + lower;
    if text.is_ascii() {
        return (letters, upper);
    }
    let (other_letters, other_upper) = beyond_ascii(text);
    (letters + other_letters, upper + other_upper)
}

/// The letters and the capitals of `text` beyond ASCII, told from the
/// first two bytes of each character where they suffice: from U+00C0
/// (byte C3) every one but × (C3 97) and ÷ (C3 B7) is a letter, and those
/// up to Þ (C3 9E) capitals; from U+0080 (C2) ª, µ and º (C2 AA, B5, BA)
/// are letters, no capital; from U+2000 to U+203F (E2 80: spaces, dashes,
/// quotes) neither. Those tests count 255 pairs of bytes at a time
/// without a branch; only a run with another character (œ, a Greek
/// letter) is read again to decode it.
fn beyond_ascii(text: &str) -> (usize, usize) {
    let bytes = text.as_bytes();
    let latin1_letter = |b: u8, next: u8| {
        u8::from((b == 0xc3) & (next != 0x97) & (next != 0xb7))
            + u8::from((b == 0xc2) & ((next == 0xaa) | (next == 0xb5) | (next == 0xba)))
    };
    let latin1_capital = |b: u8, next: u8| u8::from((b == 0xc3) & (next <= 0x9e) & (next != 0x97));
    // Every other byte that starts a character beyond ASCII: C0 and C1
    // start none, and the bytes that continue one are below C0.
    let decoded = |b: u8, next: u8| u8::from((b >= 0xc4) & !((b == 0xe2) & (next == 0x80)));
    let (mut letters, mut upper) = (0, 0);
    let mut start = 0;
    // The last byte starts no character beyond ASCII: it is never a lead.
    while start + 1 < bytes.len() {
        let end = (start + 255).min(bytes.len() - 1);
        let pairs = bytes[start..end].iter().zip(&bytes[start + 1..=end]);
        let (l, u, others) = pairs.fold((0u8, 0u8, 0u8), |(l, u, others), (&b, &next)| {
            (
                l + latin1_letter(b, next),
                u + latin1_capital(b, next),
                others + decoded(b, next),
            )
        });
        letters += usize::from(l);
        upper += usize::from(u);
        if others > 0 {
            for i in (start..end).filter(|&i| decoded(bytes[i], bytes[i + 1]) == 1) {
                let c = char_at(text, i);
                letters += usize::from(super::is_alphabetic(c));
                upper += usize::from(c.is_uppercase());
            }
        }
        start = end;
    }
    (letters, upper)
}

fn is_roman(word: &str) -> bool {
    word.chars()
        .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'D' | 'M'))
}

/// A hyphen-separated part of a word as an acronym may stand in it:
/// « OPC’s feedback »: the possessive is not part of it; « l’AC »: nor
/// is the elided article.
fn bare(part: &str) -> &str {
    let part = part
        .rsplit(['\'', '’'])
        .next()
        .filter(|p| p.len() > 1)
        .unwrap_or(part);
    part.strip_suffix("’s")
        .or_else(|| part.strip_suffix("'s"))
        .unwrap_or(part)
}

/// Per segment of a side, whether its text has a pair of capitals
/// (`has_capital_pair`): what both acronyms and versions need, read once.
fn capital_pairs(side: &Side) -> Vec<bool> {
    side.segments
        .iter()
        .map(|segment| has_capital_pair(&segment.text))
        .collect()
}

/// Acronyms outside headings: a heading is rephrased more freely than
/// running text (« Meet the DTO team » ↔ « L’équipe du Bureau de la
/// transformation numérique », « Rate limits » ↔ « Limites d’appels à
/// l’API » on real pages), and the text under it names the same things.
/// `paired` is the side's `capital_pairs`.
fn acronyms(side: &Side, paired: &[bool]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    // Where the pairs of capitals of a segment start, in a buffer the
    // segments share.
    let mut starts: Vec<usize> = Vec::new();
    for (k, segment) in side.segments.iter().enumerate() {
        if matches!(segment.kind, SegmentKind::Heading(_)) || !paired[k] {
            continue;
        }
        // Every acronym has a pair of capitals, and so has the word it
        // is part of: the words read are those where a pair starts, found
        // in one scan of the text without code (which has no pair its
        // segment lacks: code and URLs become spaces).
        starts.clear();
        pair_starts(side.stripped_text(k), &mut starts);
        let mut pending = starts.iter().copied().peekable();
        // The segment's acronyms are added, then taken back if it
        // shouts: its letters are counted only when it has one.
        let before = out.len();
        for (at, word) in side.stripped_words(k) {
            while pending.next_if(|&start| start < at).is_some() {}
            if pending.peek().is_none_or(|&start| start >= at + word.len()) {
                continue;
            }
            for part in word.split('-') {
                let part = bare(part);
                // Capitals and digits only: most words fail at the first.
                if !part.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) {
                    continue;
                }
                let acronym = part.strip_suffix('s').filter(|p| is_acronym(p)).unwrap_or(part);
                if is_acronym(acronym) && !out.iter().any(|o| o == acronym) {
                    out.push(acronym.to_owned());
                }
            }
        }
        if out.len() > before {
            let (letters, upper) = letters_and_capitals(&segment.text);
            // A line in capitals is shouting, not acronyms.
            if letters > 0 && upper * 2 > letters {
                out.truncate(before);
            }
        }
    }
    out
}

fn is_capitalised(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.all(|c| c.is_lowercase() || c == '-')
}

/// Proper names: capitalised words that do not start a sentence, outside
/// headings, standing alone (a run of capitalised words is usually an
/// institution's title, which is translated), and never written in lower
/// case anywhere in the document (so not an ordinary word in a title).
fn names(side: &Side) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    // The words of one segment at a time, in a buffer they share.
    let mut list: Vec<(usize, &str)> = Vec::new();
    for (k, (segment, text)) in side.segments.iter().zip(side.stripped()).enumerate() {
        if matches!(
            segment.kind,
            SegmentKind::Heading(_) | SegmentKind::Image | SegmentKind::TableRow
        ) || !segment.text.chars().any(char::is_uppercase)
        {
            continue;
        }
        let raw = side.file.text().get(segment.span.clone()).unwrap_or_default();
        list.clear();
        list.extend(side.stripped_words(k));
        for (k, &(at, word)) in list.iter().enumerate() {
            let capitalised = is_capitalised(word) && word.chars().count() >= 3;
            if !capitalised || ORDINARY.contains(word) || out.iter().any(|o| o == word) {
                continue;
            }
            let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
            let word_at = |j: Option<usize>| j.and_then(|j| list.get(j)).map(|&(_, w)| w);
            // A run of capitalised words, or two capitalised words joined
            // by `of`, `and`…, is a title.
            let titled = |step: fn(usize) -> Option<usize>| match word_at(step(k)) {
                Some(w) if capital(w) => true,
                Some(w) if TITLE_JOINERS.contains(&w) => {
                    word_at(step(k).and_then(step)).is_some_and(is_capitalised)
                }
                _ => false,
            };
            if titled(|j| j.checked_sub(1)) || titled(|j| j.checked_add(1)) {
                continue;
            }
            // A label with its number (« Scope 2 », « Phase 3 ») is a
            // common noun, translated with the number kept; so is the name
            // of a project phase (« the Discovery phase », la phase de
            // découverte).
            if list
                .get(k + 1)
                .is_some_and(|&(_, w)| w.chars().all(|c| c.is_ascii_digit()) || PHASES.contains(&w))
            {
                continue;
            }
            let before = text[..at].trim_end();
            // A sentence also starts after a closing parenthesis that
            // ends one (« …notification.) Anytime »), and a link text or
            // a bracketed label after `[`.
            let starts_sentence = before.is_empty()
                || before.ends_with([
                    '.', '!', '?', ':', ';', '«', '“', '"', '(', '—', '–', '-', '•', '|', '*', '>', '[',
                ])
                || [".)", "!)", "?)"].iter().any(|p| before.ends_with(p))
                || before.ends_with(char::is_numeric);
            if starts_sentence || after_label(raw, word) {
                continue;
            }
            // A word also written in lower case somewhere in the document
            // is an ordinary word capitalised for emphasis.
            let lower = word.to_lowercase();
            if !side.document.contains(&lower) {
                out.push(word.to_owned());
            }
        }
    }
    out
}

/// Whether `word` follows, in the raw Markdown or HTML, a bold label or
/// an opening quotation mark, which the segment's text has lost:
/// `**When to use** Small, simple projects`, `<strong>Note</strong> Each`,
/// `'Leverage open standards'` start a sentence. An opening `**` (`said
/// **Starmer**`) does not.
fn after_label(raw: &str, word: &str) -> bool {
    raw.match_indices(word).any(|(at, _)| {
        let before = raw[..at].trim_end_matches([' ', '\u{a0}', '\t', '\n']);
        let closing_bold = ["**", "__"].iter().any(|m| {
            before
                .strip_suffix(m)
                .is_some_and(|b| b.ends_with(|c: char| !c.is_whitespace()))
        });
        // A link text of several words is a title (`[Learning from the
        // people…](…)`); a link on one name (`[Germany](…)`) is a name.
        let titled_link = before.ends_with('[') && !raw[at + word.len()..].starts_with(']');
        closing_bold
            || titled_link
            || ["</strong>", "</b>"].iter().any(|t| before.ends_with(t))
            || before.ends_with(['\'', '‘', '"', '“'])
    })
}

/// Whether `a` and `b` are at most two edits apart (Levenshtein), with a
/// row buffer the caller reuses.
fn within_two_edits(a: &[char], b: &[char], row: &mut Vec<usize>) -> bool {
    if a.len().abs_diff(b.len()) > 2 {
        return false;
    }
    row.clear();
    row.extend(0..=b.len());
    for i in 1..=a.len() {
        let mut diagonal = row[0];
        row[0] = i;
        for j in 1..=b.len() {
            let above = row[j];
            row[j] = (row[j] + 1)
                .min(row[j - 1] + 1)
                .min(diagonal + usize::from(a[i - 1] != b[j - 1]));
            diagonal = above;
        }
        // Distances only grow from one row to the next.
        if row.iter().all(|&d| d > 2) {
            return false;
        }
    }
    row[b.len()] <= 2
}

/// Whether `found` says yes to one of the target's words, folded, or to
/// a part of one: the part after an elided article (« l’Ukraine » holds
/// « ukraine ») or of a compound (« franco-britannique » holds
/// « britannique »). The words are the side's shared index, folded one at
/// a time into one buffer, and read only until `found` says yes: most
/// names are found, and a set of the target's words (a string each)
/// cost more than the reading.
fn any_target_word(target: &Side, mut found: impl FnMut(&str) -> bool) -> bool {
    let mut folded = String::new();
    (0..target.segments.len()).any(|k| {
        target.words(k).any(|(_, word)| {
            folded.clear();
            fold_into(&mut folded, word);
            let w = folded.rsplit('\'').next().unwrap_or(&folded);
            found(w) || (w.contains('-') && w.split('-').any(&mut found))
        })
    })
}

/// The first four characters of a word, packed into one integer, or
/// `None` when it has fewer: two words have the same stem when their first
/// four characters are the same.
fn stem(word: &str) -> Option<u128> {
    let mut chars = word.chars();
    (0..4).try_fold(0, |stem, k| {
        chars
            .next()
            .map(|c| stem | (u128::from(u32::from(c)) << (32 * k)))
    })
}

/// Whether some target word (`any_target_word`) is `name` (folded) or its
/// translation or inflection: the same first four letters (London ↔
/// Londres, British ↔ britanniques) or at most two edits apart (Putin ↔
/// Poutine). The edits are counted only when no word has the name or its
/// first four letters.
fn has_name(target: &Side, name: &str) -> bool {
    let name_stem = stem(name);
    if any_target_word(target, |w| {
        w == name || (name_stem.is_some() && stem(w) == name_stem)
    }) {
        return true;
    }
    let name: Vec<char> = name.chars().collect();
    let (mut word, mut row) = (Vec::new(), Vec::new());
    any_target_word(target, |w| {
        // A word has at least a quarter as many characters as bytes.
        if w.len() + 2 < name.len() || w.len().div_ceil(4) > name.len() + 2 {
            return false;
        }
        word.clear();
        word.extend(w.chars());
        within_two_edits(&name, &word, &mut row)
    })
}

/// English and French names of countries, regions, the United Kingdom's
/// nations and languages, generated from Unicode CLDR by
/// `tools/cldr_names.py`: code, English name, French names.
const CLDR_NAMES: &str = include_str!("cldr_names.tsv");

/// The CLDR names, folded, indexed by each word of the English name.
struct KnownNames {
    /// Folded English name and its folded French names.
    entries: Vec<(String, Vec<String>)>,
    by_word: HashMap<String, Vec<usize>>,
}

static KNOWN_NAMES: LazyLock<KnownNames> = LazyLock::new(|| {
    let mut entries = Vec::new();
    let mut by_word: HashMap<String, Vec<usize>> = HashMap::new();
    for line in CLDR_NAMES.lines().filter(|l| !l.starts_with('#')) {
        let mut fields = line.split('\t').skip(1);
        let Some(english) = fields.next() else { continue };
        let english = fold(english);
        for (_, word) in words(&english) {
            by_word.entry(word.to_owned()).or_default().push(entries.len());
        }
        entries.push((english, fields.map(fold).collect()));
    }
    KnownNames { entries, by_word }
});

/// Whether `needle` occurs in `haystack` at the start of a word (so that
/// « allemand » is found in « allemande » but not in « rallemand »).
fn at_word_start(haystack: &str, needle: &str) -> bool {
    haystack.match_indices(needle).any(|(at, _)| {
        !haystack[..at]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
    })
}

impl KnownNames {
    /// Whether the name `word`, part of a CLDR name written in the
    /// source, has that name's French form in the target (both folded).
    fn translated(&self, word: &str, source: &Side, target: &Side) -> bool {
        self.by_word.get(word).is_some_and(|ids| {
            ids.iter().any(|&id| {
                let (english, french) = &self.entries[id];
                at_word_start(source.folded(), english)
                    && french.iter().any(|f| at_word_start(target.folded(), f))
            })
        })
    }
}

/// Acronyms followed by a version (`WCAG 2.1`, `ATAG 2.0`, `ISO 27001`),
/// each once, with the space before the number ordinary or not. `paired`
/// is the side's `capital_pairs`.
fn versioned(side: &Side, paired: &[bool]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for (k, segment) in side.segments.iter().enumerate() {
        // A version is digits after an acronym. The text without code is
        // asked for last: most segments are passed over before it is made.
        let digit = |seen: bool, b: &u8| seen | b.is_ascii_digit();
        if !paired[k] || !segment.text.as_bytes().iter().fold(false, digit) {
            continue;
        }
        let text = side.stripped_text(k);
        if may_have_version(text) {
            versions_in(text, side.stripped_words(k), &mut out);
        }
    }
    out
}

/// Whether `text` has an ASCII digit after spaces (ordinary or not) that
/// follow a capital, a digit or an `s`: what a version after an acronym
/// starts with, and few numbers in prose have (`in 2024`). It lets
/// `versioned` pass over most segments before their words are read; a
/// character beyond ASCII before the spaces counts, as it may be a capital.
fn may_have_version(text: &str) -> bool {
    let bytes = text.as_bytes();
    // First a test the compiler vectorises: a digit right after what may
    // be the last byte of a space (` `, U+00A0 is C2 A0, U+202F E2 80 AF).
    let candidate = bytes
        .iter()
        .zip(bytes.iter().skip(1))
        .fold(false, |seen, (&a, &b)| {
            seen | ((a == b' ') | (a == 0xA0) | (a == 0xAF)) & b.is_ascii_digit()
        });
    candidate
        && (1..bytes.len()).any(|at| {
            if !bytes[at].is_ascii_digit() {
                return false;
            }
            // Back over the spaces before the digit, then to what ends the word.
            let mut end = at;
            loop {
                match bytes[..end] {
                    [.., b' '] => end -= 1,
                    [.., 0xC2, 0xA0] => end -= 2,
                    [.., 0xE2, 0x80, 0xAF] => end -= 3,
                    _ => break,
                }
            }
            end < at
                && bytes[..end].last().is_some_and(|&b| {
                    b.is_ascii_uppercase() || b.is_ascii_digit() || b == b's' || !b.is_ascii()
                })
        })
}

/// The versions after acronyms among `words` (with their offsets in
/// `text`), added to `out` unless there already.
fn versions_in<'t>(
    text: &str,
    words: impl Iterator<Item = (usize, &'t str)>,
    out: &mut Vec<(String, String)>,
) {
    for (at, word) in words {
        if !is_acronym(word) {
            continue;
        }
        let rest = &text[at + word.len()..];
        let number = rest.trim_start_matches([' ', '\u{a0}', '\u{202f}']);
        if number.len() == rest.len() {
            continue;
        }
        let version: &str = number
            .split(|c: char| !(c.is_ascii_digit() || c == '.'))
            .next()
            .unwrap_or("")
            .trim_end_matches('.');
        // A version has one or two digits before its first dot: a
        // larger number after capitals is an amount (CAD 250) or a
        // year, and one followed by a separator is part of a figure.
        let major = version.split('.').next().unwrap_or("");
        let tail = &number[version.len()..];
        let figure = tail.starts_with([',', '\u{a0}', '\u{202f}', ' '])
            && tail
                .chars()
                .skip(1)
                .collect::<String>()
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit())
            || tail
                .trim_start_matches([' ', '\u{a0}', '\u{202f}'])
                .starts_with(['%', '$', '€']);
        if (1..=2).contains(&major.len()) && !figure && !out.iter().any(|(a, v)| a == word && v == version) {
            out.push((word.to_owned(), version.to_owned()));
        }
    }
}

impl Check for Names {
    fn codes(&self) -> &'static [Code] {
        &[Code::NameMismatch]
    }

    fn check(&self, cx: &Context, source: &Side, target: &Side, out: &mut Vec<Hit>) {
        let glossary = cx.glossary;
        let (source_pairs, target_pairs) = (capital_pairs(source), capital_pairs(target));
        let (source_acronyms, target_acronyms) =
            (acronyms(source, &source_pairs), acronyms(target, &target_pairs));
        let (source_text, target_text) = (source.joined(), target.joined());
        let missing: Vec<&String> = source_acronyms
            .iter()
            .filter(|a| {
                !target_acronyms.contains(a)
                    && !target_text.contains(a.as_str())
                    && !glossary
                        .acronym_forms(a)
                        .iter()
                        .any(|f| target_text.contains(f.as_str()))
            })
            .collect();
        let extra: Vec<&String> = target_acronyms
            .iter()
            .filter(|a| {
                !source_acronyms.contains(a)
                    && !source_text.contains(a.as_str())
                    && !glossary.is_target_acronym(a)
            })
            .collect();
        // An English acronym missing where the French has one of its own
        // of about the same length is a translated acronym (CEO ↔ PDG,
        // IP ↔ PI, CAF ↔ FAC, OPC ↔ CPVP), not a dropped one.
        let mut translated = vec![false; extra.len()];
        let missing: Vec<&String> = missing
            .into_iter()
            .filter(|m| {
                let partner = extra
                    .iter()
                    .zip(&translated)
                    .position(|(e, used)| !used && e.chars().count().abs_diff(m.chars().count()) <= 1);
                partner.inspect(|&p| translated[p] = true).is_none()
            })
            .collect();
        let extra: Vec<&String> = extra
            .into_iter()
            .zip(&translated)
            .filter(|(_, used)| !**used)
            .map(|(e, _)| e)
            // A French acronym the English document never writes is the
            // French form of something the English spells out (CPVP, AVE,
            // RPV): only one the English keeps elsewhere was added.
            .filter(|a| source.document.contains(a))
            .collect();
        // An English acronym that the French document never writes is
        // spelled out or translated there (OSS, GC, CEO): only one that the
        // French keeps elsewhere and lacks here was dropped.
        // A versioned standard (ATAG 2.0) keeps its acronym in every
        // language, so it counts as dropped wherever the French lacks it.
        let source_versions = versioned(source, &source_pairs);
        let target_versions = versioned(target, &target_pairs);
        let version_of = |a: &str| {
            source_versions
                .iter()
                .find(|(acronym, _)| acronym == a)
                .map(|(_, v)| v.as_str())
        };
        let missing: Vec<String> = missing
            .into_iter()
            .filter(|a| target.document.contains(a) || version_of(a).is_some())
            .map(|a| match version_of(a) {
                Some(v) => format!("{a} {v}"),
                None => a.clone(),
            })
            .collect();
        let names: Vec<String> = names(source)
            .into_iter()
            .filter(|name| {
                let name_folded = fold(name);
                !glossary.knows(name)
                    && !source_acronyms.contains(name)
                    && !has_name(target, &name_folded)
                    && !KNOWN_NAMES.translated(&name_folded, source, target)
            })
            .collect();
        // The same standard at another version: WCAG 2.1 against WCAG 2.
        let mut differing: Vec<(&str, &str, &str)> = Vec::new();
        for (acronym, version) in &source_versions {
            let theirs: Vec<&str> = target_versions
                .iter()
                .filter(|(a, _)| a == acronym)
                .map(|(_, v)| v.as_str())
                .collect();
            if !theirs.is_empty() && !theirs.contains(&version.as_str()) {
                differing.push((acronym, version, theirs[0]));
            }
        }
        for (acronym, version, theirs) in differing {
            out.push(
                Hit::new(
                    Code::NameMismatch,
                    crate::tr!(
                        "name-version-differs",
                        name = acronym,
                        source = cx.source.name(),
                        source_version = version,
                        target = cx.target.name(),
                        target_version = theirs
                    ),
                )
                .source_at(
                    source
                        .locate(&format!("{acronym} {version}"))
                        .or(source.locate(acronym)),
                )
                .target_at(target.locate(acronym)),
            );
        }
        let quoted = |items: &[&String]| {
            items
                .iter()
                .map(|i| super::quoted(i))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if !missing.is_empty() || !names.is_empty() {
            let all: Vec<&String> = missing.iter().chain(names.iter()).collect();
            let what = if names.is_empty() { "acronym" } else { "name" };
            out.push(
                Hit::new(
                    Code::NameMismatch,
                    super::only_in(what, quoted(&all), cx.source, cx.target),
                )
                .source_at(
                    source
                        .locate(all[0])
                        .or_else(|| all[0].split(' ').next().and_then(|a| source.locate(a))),
                ),
            );
        }
        if !extra.is_empty() {
            out.push(
                Hit::new(
                    Code::NameMismatch,
                    crate::tr!(
                        "acronym-extra",
                        items = quoted(&extra),
                        target = cx.target.name(),
                        source = cx.source.name()
                    ),
                )
                .target_at(target.locate(extra[0])),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::checks::glossary::Glossary;
    use crate::checks::test_util::{corpus_files, whole_side, Fixture};
    use crate::document::segment::Segment;
    use crate::document::source::SourceFile;

    /// `is_acronym` as it was, character by character: the reference for
    /// its byte-wise reading.
    fn is_acronym_by_character(word: &str) -> bool {
        if word.starts_with(|c: char| c.is_ascii_lowercase()) {
            return false;
        }
        let word = word.strip_suffix('s').unwrap_or(word);
        let upper = word.chars().filter(|c| c.is_uppercase()).count();
        (2..=6).contains(&word.chars().count())
            && upper >= 2
            && word.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
            && !is_roman(word)
    }

    /// `acronyms` as it was: every segment's letters counted character by
    /// character, every word with a capital, a digit or a letter outside
    /// ASCII looked into.
    fn acronyms_by_character(side: &Side) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for (k, segment) in side.segments.iter().enumerate() {
            if matches!(segment.kind, SegmentKind::Heading(_)) {
                continue;
            }
            let letters = segment.text.chars().filter(|c| c.is_alphabetic()).count();
            let upper = segment.text.chars().filter(|c| c.is_uppercase()).count();
            if upper < 2 || (letters > 0 && upper * 2 > letters) {
                continue;
            }
            for (_, word) in side.stripped_words(k) {
                if !word
                    .bytes()
                    .any(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || !b.is_ascii())
                {
                    continue;
                }
                for part in word.split('-') {
                    let part = bare(part);
                    if !part.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) {
                        continue;
                    }
                    let acronym = part
                        .strip_suffix('s')
                        .filter(|p| is_acronym_by_character(p))
                        .unwrap_or(part);
                    if is_acronym_by_character(acronym) && !out.iter().any(|o| o == acronym) {
                        out.push(acronym.to_owned());
                    }
                }
            }
        }
        out
    }

    /// `has_capital_pair` read from the Unicode tables, character by
    /// character.
    fn capital_pair_by_character(text: &str) -> bool {
        let chars: Vec<char> = text.chars().collect();
        (0..chars.len()).any(|i| {
            let next = chars[i + 1..].iter().find(|c| !c.is_ascii_digit());
            chars[i].is_uppercase() && next.is_some_and(|c| c.is_uppercase())
        })
    }

    /// `versioned` as it was: each segment's digits and pair of capitals
    /// (read character by character) looked for on their own.
    fn versioned_by_segment(side: &Side) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        for (k, segment) in side.segments.iter().enumerate() {
            if !segment.text.bytes().any(|b| b.is_ascii_digit()) || !capital_pair_by_character(&segment.text)
            {
                continue;
            }
            let text = side.stripped_text(k);
            if may_have_version(text) {
                versions_in(text, side.stripped_words(k), &mut out);
            }
        }
        out
    }

    /// Generated English and French with acronyms in every form the
    /// rules know: possessive, elided, plural, hyphenated, accented,
    /// Roman, versioned, in headings and shouted.
    fn acronym_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let piece = prop::sample::select(vec![
            "CDS",
            "l’AC",
            "d'ONU",
            "OPC’s",
            "OPC's",
            "ÉÉC",
            "PME-PMI",
            "WCAG",
            "2.1",
            "CDs",
            "NATO’",
            "R-D",
            "XIV",
            "II",
            "AbC",
            "A2B",
            "É1É",
            "G7",
            "ÀÞ",
            "Ø",
            "×A",
            "A×",
            "ß",
            "Σ",
            "A’B",
            "ABCDEFG",
            "Général",
            "créé",
            "ÉTAT",
            "Ÿ",
            "Ā",
            "Ḁ",
            "Ꭰ",
            "\u{2000}",
            "—",
            "WCAG 2.1",
            "ISO\u{a0}27001",
            "SNCs",
            "Ça",
            "Québec",
            "İI",
            "ǅA",
            "ΣΑ",
            "Canada",
            "été",
            "é",
            "le",
            "2",
            " ",
            " ",
            " ",
            "\u{a0}",
            "\u{202f}",
            "«",
            "»",
            "’",
            "-",
            ".",
            ",",
            "`",
            "\n\n",
            "\n\n# ",
            "\n\n- ",
        ]);
        prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
    }

    #[test]
    fn acronyms_are_those_the_character_wise_rules_find() {
        use proptest::test_runner::TestRunner;
        let fixture = Fixture::new("fr-CA");
        let same = |file: &SourceFile| {
            whole_side(&fixture.source, file, |side| {
                for segment in side.segments {
                    let text = &segment.text;
                    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
                    let upper = text.chars().filter(|c| c.is_uppercase()).count();
                    assert_eq!(letters_and_capitals(text), (letters, upper), "{text:?}");
                    assert_eq!(
                        has_capital_pair(text),
                        capital_pair_by_character(text),
                        "{text:?}"
                    );
                }
                let paired = capital_pairs(side);
                let found = acronyms(side, &paired);
                assert_eq!(found, acronyms_by_character(side), "{:?}", file.text());
                assert_eq!(versioned(side, &paired), versioned_by_segment(side));
                for (k, segment) in side.segments.iter().enumerate() {
                    for (_, word) in side.stripped_words(k) {
                        assert_eq!(is_acronym(word), is_acronym_by_character(word), "{word:?}");
                        // What lets `acronyms` and `versioned` pass over
                        // a segment or a word without a pair of capitals.
                        let pair = has_capital_pair(word);
                        assert_eq!(pair, capital_pair_by_character(word), "{word:?}");
                        assert!(pair || !is_acronym(word), "{word:?}");
                        assert!(!pair || has_capital_pair(&segment.text), "{word:?}");
                    }
                    // Every word with a pair has one of the pair starts
                    // that `acronyms` reads the words by.
                    let mut starts = Vec::new();
                    pair_starts(side.stripped_text(k), &mut starts);
                    for (at, word) in side.stripped_words(k) {
                        let started = starts.iter().any(|&s| (at..at + word.len()).contains(&s));
                        assert!(started || !capital_pair_by_character(word), "{word:?}");
                    }
                }
                found.len()
            })
        };
        let found: usize = corpus_files().iter().map(same).sum();
        assert!(found > 100, "{found} acronyms in the corpus");
        TestRunner::default()
            .run(&acronym_text(), |text| {
                same(&SourceFile::new(Path::new("gen.md"), text));
                Ok(())
            })
            .unwrap();
        for word in [
            "",
            "s",
            "Ss",
            "AS",
            "ÉS",
            "ÉÉ",
            "2AB",
            "A2",
            "ABs",
            "IIs",
            "ǅǅ",
            "ΣΣΣΣΣΣΣ",
        ] {
            assert_eq!(is_acronym(word), is_acronym_by_character(word), "{word:?}");
        }
    }

    /// A pair of capitals is found where the Unicode tables find one,
    /// with every character before or after a capital, a digit and the
    /// characters of French text, in a word; and, for every capital (the
    /// byte tests can only hide a pair), in a text long enough for the
    /// byte test before the scan (at a block's start, inside it and
    /// across two). In each of these texts there is a pair just when the
    /// character is a capital, but for the last short one, which has none.
    #[test]
    fn capital_pairs_of_every_character() {
        let mut text = String::new();
        let long = "x".repeat(SHORT);
        let short = [
            ("", "", "B"),
            ("", "é", "É"),
            ("", "B", ""),
            ("", "’B", "’"),
            ("", "B2", "a"),
        ];
        let padded = [
            (&long[..31], "", "B"),
            (&long[..31], "é", "É"),
            (&long[..1], "B", ""),
            (&long[..30], "’B", "’"),
        ];
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let capital = c.is_uppercase();
            let contexts = if capital { &padded[..] } else { &[] };
            let texts = short
                .iter()
                .chain(contexts)
                .map(|&(pad, before, after)| (pad, before, after, capital))
                .chain([("", "a", "\u{a0}", false)]);
            for (pad, before, after, pair) in texts {
                text.clear();
                text.push_str(pad);
                text.push_str(before);
                text.push(c);
                text.push_str(after);
                if !pad.is_empty() {
                    text.push_str(&long);
                }
                assert_eq!(has_capital_pair(&text), pair, "{text:?}");
                // The rule of these texts is the tables' rule, checked
                // where it is cheap to.
                if u32::from(c) < 0x800 || capital {
                    assert_eq!(capital_pair_by_character(&text), pair, "{text:?}");
                }
            }
        }
    }

    /// `TargetWords` as it was: the target's folded words (and the parts
    /// `any_target_word` reads) in a set, their stems in another; the
    /// reference for `has_name`.
    struct TargetWordSet {
        words: FxHashSet<String>,
        stems: FxHashSet<u128>,
    }

    impl TargetWordSet {
        fn new(text: &str) -> Self {
            let mut set = FxHashSet::default();
            for (_, word) in words(text) {
                let folded = fold(word);
                let w = folded.rsplit('\'').next().unwrap_or(&folded);
                set.insert(w.to_owned());
                set.extend(w.split('-').map(str::to_owned));
            }
            let stems = set.iter().filter_map(|w| stem(w)).collect();
            TargetWordSet { words: set, stems }
        }

        fn has_name(&self, name: &str) -> bool {
            let name_chars: Vec<char> = name.chars().collect();
            stem(name).is_some_and(|stem| self.stems.contains(&stem))
                || self.words.contains(name)
                || self.words.iter().any(|w| {
                    let word: Vec<char> = w.chars().collect();
                    within_two_edits(&name_chars, &word, &mut Vec::new())
                })
        }
    }

    /// `has_name` finds the names the set of target words found: the
    /// corpus's pages taken three segments at a time as targets, with
    /// the words of the next three (as they are, a letter off, two
    /// letters off) as names; then generated French with names in every
    /// form (elided, compound, accented, inflected).
    #[test]
    fn names_are_found_as_the_set_of_target_words_found_them() {
        use crate::checks::{DocumentWords, Tokens};
        use crate::document::markdown;
        use proptest::prelude::*;
        use proptest::test_runner::TestRunner;
        let fixture = Fixture::new("fr-CA");
        let same = |file: &SourceFile, names: &dyn Fn(&[Segment]) -> Vec<String>| {
            let segments = markdown::segment(file);
            let document = DocumentWords::new(file.text());
            let (mut found, mut missed) = (0, 0);
            for (k, chunk) in segments.chunks(3).enumerate() {
                let tokens = Tokens::new();
                let side = Side {
                    lang: &fixture.target,
                    file,
                    document: &document,
                    segments: chunk,
                    before: &[],
                    after: &[],
                    tokens: &tokens,
                };
                let set = TargetWordSet::new(side.joined());
                let next = segments.chunks(3).nth(k + 1).unwrap_or(chunk);
                for name in names(next) {
                    let has = has_name(&side, &name);
                    assert_eq!(has, set.has_name(&name), "{name:?} in {:?}", side.joined());
                    (found, missed) = (found + usize::from(has), missed + usize::from(!has));
                }
            }
            (found, missed)
        };
        let corpus_names = |segments: &[Segment]| {
            let mut names = Vec::new();
            for segment in segments {
                for (_, word) in words(&segment.text).take(8) {
                    let name = fold(word);
                    let mut chars = name.chars();
                    chars.next();
                    names.push(chars.as_str().to_owned());
                    names.push(format!("{name}x"));
                    names.push(name.chars().skip(2).collect());
                    names.push(name);
                }
            }
            names
        };
        let (found, missed) = corpus_files()
            .iter()
            .map(|file| same(file, &corpus_names))
            .fold((0, 0), |(f, m), (a, b)| (f + a, m + b));
        assert!(found > 1000 && missed > 1000, "{found} found, {missed} missed");
        let piece = prop::sample::select(vec![
            "Londres",
            "l’Ukraine",
            "d'Ottawa",
            "Poutine",
            "franco-britannique",
            "britanniques",
            "Québec",
            "Écosse",
            "Allemagne",
            "Montréal",
            "le",
            "de",
            "et",
            "été",
            "canadien",
            "œuvre",
            "ÉÉC",
            "X-Y",
            "’",
            "-",
            " ",
            "\u{a0}",
            ",",
            ". ",
            "\n\n",
        ]);
        let name = prop::sample::select(vec![
            "london",
            "ukraine",
            "ottawa",
            "putin",
            "poutine",
            "british",
            "britannique",
            "quebec",
            "scotland",
            "montreal",
            "canadian",
            "oeuvre",
            "eec",
            "x",
            "y",
            "xy",
            "zzzz",
            "lo",
        ]);
        TestRunner::default()
            .run(
                &(
                    prop::collection::vec(piece, 0..30),
                    prop::collection::vec(name, 1..4),
                ),
                |(pieces, names)| {
                    let file = SourceFile::new(Path::new("gen.md"), pieces.concat());
                    let names: Vec<String> = names.iter().map(|n| (*n).to_owned()).collect();
                    same(&file, &|_| names.clone());
                    Ok(())
                },
            )
            .unwrap();
    }

    /// Letters and capitals beyond ASCII, told from bytes, are those the
    /// Unicode tables give, for every character.
    #[test]
    fn letters_and_capitals_of_every_character() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let text = format!("a{c}B");
            let expected = (
                2 + usize::from(c.is_alphabetic()),
                1 + usize::from(c.is_uppercase()),
            );
            assert_eq!(letters_and_capitals(&text), expected, "{c:?}");
        }
    }

    /// `may_have_version` passes over no text in which `versions_in`
    /// finds a version: generated text with versions in every spacing, and
    /// the corpus's segments.
    #[test]
    fn text_with_a_version_is_never_passed_over() {
        use proptest::prelude::*;
        use proptest::test_runner::TestRunner;
        let found = |text: &str| {
            let mut out = Vec::new();
            versions_in(text, words(text), &mut out);
            !out.is_empty()
        };
        let piece = prop::sample::select(vec![
            "WCAG", "ATAG", "ISO", "ÉÉC", "CDs", "A2", "AB1", "ΣΣ", "in", "s", " ", "  ", "\u{a0}",
            "\u{202f}", "\u{2020}", "2", "2.1", "27001", ".", ",", "%", "-", "’", "é", "x",
        ]);
        TestRunner::default()
            .run(&prop::collection::vec(piece, 0..16), |pieces| {
                let text = pieces.concat();
                prop_assert!(!found(&text) || may_have_version(&text), "{:?}", text);
                Ok(())
            })
            .unwrap();
        let (mut with, mut passed) = (0, 0);
        for segment in crate::checks::test_util::corpus().iter().flatten() {
            let text = &segment.text;
            with += usize::from(found(text));
            passed += usize::from(!may_have_version(text));
            assert!(!found(text) || may_have_version(text), "{text:?}");
        }
        assert!(
            with > 5 && passed > 1000,
            "{with} with a version, {passed} passed over"
        );
    }

    #[test]
    fn names_and_acronyms_kept_in_translation_pass() {
        let fixture = Fixture::new("fr-FR");
        let en =
            "The UK and France met at PJHQ with Prime Minister Keir Starmer and President Emmanuel Macron.";
        let fr = "Le Royaume-Uni et la France se sont réunis au PJHQ avec le Premier ministre Keir Starmer et le président Emmanuel Macron.";
        // "UK" is "Royaume-Uni", which the glossary may also say.
        assert!(fixture.codes(&Names, en, fr).is_empty());
        let mut fixture = fixture;
        fixture.glossary =
            Glossary::parse(Path::new("glossary.toml"), "[acronyms]\nUK = \"Royaume-Uni\"\n").unwrap();
        assert!(fixture.codes(&Names, en, fr).is_empty());
    }

    #[test]
    fn a_dropped_name_or_acronym_is_reported() {
        let fixture = Fixture::new("fr-FR");
        let hits = fixture.run(
            &Names,
            "Talks continue at PJHQ in Northwood this week.",
            "Les discussions se poursuivent cette semaine.",
        );
        assert_eq!(hits.len(), 1);
        assert_eq!(
            hits[0].message,
            "name “Northwood” in the English is not in the French"
        );
    }

    /// OSS and CEO were reported on every real page whose French spells
    /// them out; an acronym the French document never writes is translated.
    #[test]
    fn an_acronym_the_french_never_writes_is_translated_not_dropped() {
        let fixture = Fixture::new("fr-CA");
        let en = "Publishing OSS is the default. Our CEO agrees.";
        let fr = "La publication de logiciels libres est la règle. Notre PDG est d’accord.";
        assert!(fixture.codes(&Names, en, fr).is_empty());
    }

    #[test]
    fn french_forms_of_names_count_as_present() {
        let fixture = Fixture::new("fr-FR");
        let en = "Chiefs met in London to deter Putin and support Ukraine with British forces.";
        let fr = "Les chefs se sont réunis à Londres pour dissuader Poutine et soutenir l’Ukraine avec les forces britanniques.";
        assert!(fixture.codes(&Names, en, fr).is_empty());
    }

    #[test]
    fn french_acronyms_the_english_never_writes_are_french_forms() {
        let mut fixture = Fixture::new("fr-CA");
        // An English acronym facing a French one is a translated acronym.
        let en = "The Canadian Digital Service (CDS) builds tools.";
        let fr = "Le Service numérique canadien (SNC) conçoit des outils.";
        assert!(fixture.codes(&Names, en, fr).is_empty());
        // A French acronym the English document never writes is the
        // French form of what the English spells out (issue 13: CPVP, AVE
        // and RPV were all reported on real pages, none wrongly added).
        let en = "The Canadian Digital Service builds tools.";
        assert!(fixture.codes(&Names, en, fr).is_empty());
        fixture.glossary =
            Glossary::parse(Path::new("glossary.toml"), "[acronyms]\nCDS = \"SNC\"\n").unwrap();
        assert!(fixture.codes(&Names, en, fr).is_empty());
    }

    /// Real GC open-source guides: a capitalised word after a bold label
    /// (« **When to use** Small, simple projects ») or an opening quote was
    /// taken for a name; the possessive of an acronym (« OPC’s ») hid it.
    #[test]
    fn words_after_labels_and_possessive_acronyms_are_not_names() {
        let fixture = Fixture::new("fr-CA");
        let en = "**When to use** Small, simple projects and scripts.";
        let fr = "**Quand utiliser** des petits projets et des scénarios simples.";
        assert!(fixture.codes(&Names, en, fr).is_empty());
        let en = "Part of the OPC’s feedback was about the word “anonymous”.";
        let fr = "Une partie des commentaires du CPVP concernait le mot «\u{a0}anonyme\u{a0}».";
        assert!(fixture.codes(&Names, en, fr).is_empty());
        // A bold name is still a name.
        let en = "Talks continue with **Starmer** this week.";
        let fr = "Les discussions se poursuivent cette semaine.";
        assert_eq!(fixture.codes(&Names, en, fr).len(), 1);
    }

    /// Country and nation names were reported although the French had
    /// them in French: CLDR's names in both languages say they match.
    #[test]
    fn names_known_in_both_languages_are_not_reported() {
        let fixture = Fixture::new("fr-CA");
        let en =
            "Teams in Scotland joined partners in Germany, across the European Union and the United Kingdom.";
        let fr = "Des équipes en Écosse se sont jointes à des partenaires en Allemagne, dans l’Union européenne et au Royaume-Uni.";
        assert!(fixture.codes(&Names, en, fr).is_empty());
        // The table is a way to find the French name, not an excuse: a
        // French text without it still misses the name.
        let fr = "Des équipes se sont jointes à des partenaires dans l’Union européenne et au Royaume-Uni.";
        let hits = fixture.run(&Names, en, fr);
        assert_eq!(hits.len(), 1);
        assert!(hits[0].message.contains("Scotland"), "{}", hits[0].message);
        assert!(hits[0].message.contains("Germany"), "{}", hits[0].message);
    }

    /// WCAG 2 against WCAG 2.1 and a dropped ATAG 2.0 went unflagged.
    #[test]
    fn versions_of_standards_are_part_of_the_name() {
        let fixture = Fixture::new("fr-CA");
        let en = "We have been resolving issues towards achieving the WCAG 2.1 AA standard and ATAG 2.0.";
        let fr = "Nous travaillons à corriger les problèmes afin de satisfaire à la norme WCAG\u{a0}2.1, niveau AA, et aux ATAG\u{a0}2.0.";
        assert!(fixture.codes(&Names, en, fr).is_empty());
        let fr = "Nous travaillons à corriger les problèmes afin de satisfaire à la norme WCAG\u{a0}2, niveau AA, et aux ATAG\u{a0}2.0.";
        let hits = fixture.run(&Names, en, fr);
        assert_eq!(hits.len(), 1);
        assert_eq!(
            hits[0].message,
            "WCAG is version 2.1 in the English but 2 in the French"
        );
        let fr = "Nous travaillons à corriger les problèmes afin de satisfaire à la norme WCAG\u{a0}2.1, niveau AA.";
        let hits = fixture.run(&Names, en, fr);
        assert_eq!(hits.len(), 1);
        assert_eq!(
            hits[0].message,
            "acronym “ATAG 2.0” in the English is not in the French"
        );
    }

    #[test]
    fn amounts_after_capitals_are_not_versions() {
        let fixture = Fixture::new("fr-CA");
        let en = "The grant is CAD 25,000 for SMEs.";
        let fr = "La subvention est de 25\u{a0}000\u{a0}$ pour les PME.";
        assert!(fixture.codes(&Names, en, fr).is_empty());
        // A no-break space inside the figure is more than one byte: the
        // fuzz test found the slice that panicked on it.
        let en = "The grant is CAD\u{a0}25\u{a0}000 or CAD\u{202f}1\u{202f}500 for SMEs.";
        assert!(fixture.codes(&Names, en, fr).is_empty());
    }
}
