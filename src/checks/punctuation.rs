//! Punctuation and spacing slips: doubled words (« vous vous » and « nous
//! nous » are French, not slips), doubled spaces inside a line (fixable),
//! whitespace at the edges of a segment or just inside emphasis markers,
//! brackets and quotes left open on one side only, and end punctuation
//! that differs (a question on one side, a statement on the other).

use super::mask;
use super::{Check, Context, Edit, Hit, Side};
use crate::diagnostic::Code;
use crate::document::segment::SegmentKind;

pub struct Punctuation;

/// Words that may legitimately repeat: French reflexive pronouns
/// (« vous vous inscrivez »), English "had had", "that that".
const REPEATABLE: &[&str] = &["vous", "nous", "had", "that", "bla", "très"];

impl Check for Punctuation {
    fn codes(&self) -> &'static [Code] {
        &[
            Code::DoubledWord,
            Code::DoubledSpace,
            Code::EdgeWhitespace,
            Code::UnpairedBracket,
            Code::EndPunctuation,
        ]
    }

    fn check(&self, cx: &Context, source: &Side, target: &Side, out: &mut Vec<Hit>) {
        let edge = |t: &str| t.starts_with(char::is_whitespace) || t.ends_with(char::is_whitespace);
        let source_edges = source.segments.iter().any(|s| edge(&s.text));
        for (side, is_target) in [(source, false), (target, true)] {
            doubled_words(cx, side, is_target, out);
            edges(cx, side, is_target, is_target && !source_edges, out);
        }
        doubled_spaces(target, out);
        brackets(cx, source, target, out);
        end_punctuation(cx, source, target, out);
    }
}

fn at(hit: Hit, is_target: bool, offset: Option<usize>) -> Hit {
    if is_target {
        hit.target_at(offset)
    } else {
        hit.source_at(offset)
    }
}

/// The name of a side's language, for a message: formatted only when a
/// check has something to say.
fn language_name(cx: &Context, is_target: bool) -> String {
    if is_target {
        cx.target.name()
    } else {
        cx.source.name()
    }
}

fn doubled_words(cx: &Context, side: &Side, is_target: bool, out: &mut Vec<Hit>) {
    for (k, segment) in side.segments.iter().enumerate() {
        let text = &segment.text;
        let mut list = side.words(k);
        let Some(mut previous) = list.next() else {
            continue;
        };
        for current in list {
            let ((a_at, a), (b_at, b)) = (previous, current);
            previous = current;
            // Nearly every pair of words differs: the space between them
            // is sliced only for the few that do not.
            if !a.eq_ignore_ascii_case(b)
                || a.to_lowercase() != b.to_lowercase()
                || !a.chars().all(char::is_alphabetic)
                || !text[a_at + a.len()..b_at].chars().all(char::is_whitespace)
                || REPEATABLE.contains(&a.to_lowercase().as_str())
            {
                continue;
            }
            let phrase = &text[a_at..b_at + b.len()];
            out.push(at(
                Hit::new(
                    Code::DoubledWord,
                    crate::tr!(
                        "doubled-word",
                        phrase = super::quoted(phrase),
                        lang = language_name(cx, is_target)
                    ),
                ),
                is_target,
                side.locate(phrase),
            ));
        }
    }
}

/// Spaces at a segment's edges (`spaces` tells whether to look: no-break
/// spaces there are reported on the target when the source has none) and
/// just inside emphasis markers, which then do not render.
fn edges(cx: &Context, side: &Side, is_target: bool, spaces: bool, out: &mut Vec<Hit>) {
    for segment in side.segments {
        let text = &segment.text;
        if spaces && (text.starts_with(char::is_whitespace) || text.ends_with(char::is_whitespace)) {
            out.push(at(
                Hit::new(
                    Code::EdgeWhitespace,
                    crate::tr!(
                        "edge-space",
                        kind = crate::tr!("segment-kind", kind = segment.kind.name()),
                        lang = language_name(cx, is_target)
                    ),
                ),
                is_target,
                Some(segment.span.start),
            ));
        }
        // `** Gratuit : **` is not emphasis in Markdown: the markers show.
        // Most segments have no marker at all, which one byte scan tells.
        if memchr::memchr2(b'*', b'_', text.as_bytes()).is_none() {
            continue;
        }
        for marker in ["** ", " **", "__ ", " __"] {
            if let Some(i) = text.find(marker) {
                let inner = if marker.starts_with(' ') {
                    &text[..i]
                } else {
                    &text[i + 3..]
                };
                if inner.matches(marker.trim()).count() % 2 == 1
                    || marker.starts_with('*') && text.matches("**").count() >= 2
                {
                    out.push(at(
                        Hit::new(
                            Code::EdgeWhitespace,
                            crate::tr!(
                                "emphasis-space",
                                marker = marker.trim(),
                                lang = language_name(cx, is_target)
                            ),
                        ),
                        is_target,
                        side.locate(marker),
                    ));
                    break;
                }
            }
        }
    }
}

fn doubled_spaces(target: &Side, out: &mut Vec<Hit>) {
    for (segment, (base, raw)) in target.segments.iter().zip(target.raw()) {
        if segment.kind == SegmentKind::TableRow {
            continue;
        }
        if memchr::memmem::find(raw.as_bytes(), b"  ").is_none() {
            continue;
        }
        let mask = mask::Lazy::new(raw);
        let bytes = raw.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] != b' ' {
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && bytes[i] == b' ' {
                i += 1;
            }
            let mid_line = start > 0 && !matches!(bytes[start - 1], b'\n' | b'\r' | b'|' | b'>');
            let next = raw[i..].chars().next();
            let run_ok = i - start < 2
                || !mid_line
                || next.is_none_or(|n| n == '\n' || n == '\r' || n == '|' || ";:!?»%".contains(n))
                || raw[..start].ends_with('«')
                || mask.covers(start);
            if run_ok {
                continue;
            }
            out.push(
                Hit::new(Code::DoubledSpace, crate::tr!("doubled-space"))
                    .target_at(Some(base + start))
                    .fix(Edit {
                        range: base + start..base + i,
                        replacement: " ".into(),
                    }),
            );
        }
    }
}

/// How many brackets and quotes the words of a side's texts leave open,
/// per family, URLs and code aside. A word is a run without whitespace.
fn balance<'t>(texts: impl Iterator<Item = &'t str>) -> [i32; 3] {
    tally(texts.flat_map(bracket_words))
}

/// The words of `text` that hold a bracket or quote `balance` counts. Most
/// words have none: a byte scan finds the brackets, and only their words
/// are read.
fn bracket_words(text: &str) -> impl Iterator<Item = &str> {
    let mut from = 0;
    std::iter::from_fn(move || {
        let at = next_bracket(text.as_bytes(), from)?;
        let start = text[..at]
            .char_indices()
            .rev()
            .find(|&(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let end = text[at..]
            .char_indices()
            .find(|&(_, c)| c.is_whitespace())
            .map_or(text.len(), |(i, _)| at + i);
        from = end;
        Some(&text[start..end])
    })
}

/// What `words` leave open, per family; straight quotes, which open and
/// close alike, count as one left open when odd.
fn tally<'w>(words: impl Iterator<Item = &'w str>) -> [i32; 3] {
    let mut out = [0i32; 3];
    let mut straight = 0;
    for counts in words.filter_map(word_counts) {
        for (total, count) in out.iter_mut().zip(counts) {
            *total += count;
        }
        straight += counts[3];
    }
    out[2] += straight % 2;
    out
}

/// What one word opens (positive) or closes of each family, straight
/// quotes last; `None` for a word that counts nothing, a URL or code.
fn word_counts(word: &str) -> Option<[i32; 4]> {
    let mut counts = [0i32; 4];
    for c in word.chars() {
        match c {
            '(' => counts[0] += 1,
            ')' => counts[0] -= 1,
            '[' => counts[1] += 1,
            ']' => counts[1] -= 1,
            '«' | '“' => counts[2] += 1,
            '»' | '”' => counts[2] -= 1,
            '"' => counts[3] += 1,
            _ => {}
        }
    }
    let skipped = counts == [0; 4] || word.contains("://") || word.starts_with('`');
    (!skipped).then_some(counts)
}

/// Where the next bracket or quote that `balance` counts starts, from byte
/// `from` on: `( ) [ ] "` or the UTF-8 of `« » “ ”`. The search stops only
/// at the ASCII brackets and at the bytes that tell the others apart (the
/// last of each: `AB BB` after `C2`, `9C 9D` after `E2 80`, see
/// `next_mark_byte`), so that it passes over French no-break spaces and
/// apostrophes (`C2 A0`, `E2 80 99`), and a hit on a last byte is checked
/// against the bytes before it. `from` is a character boundary, as `bytes`
/// is UTF-8.
fn next_bracket(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(at) = next_mark_byte(bytes.get(i..)?) {
        i += at;
        let before = &bytes[from..i];
        match bytes[i] {
            b if b.is_ascii() => return Some(i),
            0xAB | 0xBB if before.ends_with(b"\xC2") => return Some(i - 1),
            0x9C | 0x9D if before.ends_with(b"\xE2\x80") => return Some(i - 2),
            _ => i += 1,
        }
    }
    None
}

/// Where the first of the bytes `next_bracket` stops at is: `( ) [ ] "`,
/// `AB BB` or `9C 9D`. Text has few: a test without a branch per byte,
/// which the compiler vectorises over whole chunks (`chunks_exact`; it does
/// not over `chunks`), passes over 32 bytes at a time, and only a chunk
/// that has one is searched; the last bytes, fewer than 32, one by one.
fn next_mark_byte(bytes: &[u8]) -> Option<usize> {
    let stops = |b: u8| {
        ((b & 0xFE) == b'(')
            | (b == b'[')
            | (b == b']')
            | (b == b'"')
            | ((b & 0xEF) == 0xAB)
            | ((b & 0xFE) == 0x9C)
    };
    let chunks = bytes.chunks_exact(32);
    let rest = chunks.remainder();
    for (k, chunk) in chunks.enumerate() {
        if chunk.iter().fold(0u8, |any, &b| any | u8::from(stops(b))) != 0 {
            return chunk.iter().position(|&b| stops(b)).map(|i| k * 32 + i);
        }
    }
    let at = bytes.len() - rest.len();
    rest.iter().position(|&b| stops(b)).map(|i| at + i)
}

fn brackets(cx: &Context, source: &Side, target: &Side, out: &mut Vec<Hit>) {
    let balance_of = |side: &Side| balance(side.segments.iter().map(|s| s.text.as_str()));
    let (s, t) = (balance_of(source), balance_of(target));
    const FAMILIES: [&str; 3] = ["parenthesis", "square-bracket", "quotation-mark"];
    for (k, family) in FAMILIES.iter().enumerate() {
        if s[k] == t[k] {
            continue;
        }
        let (name, side, is_target) = if t[k] != 0 && s[k] == 0 {
            (cx.target.name(), target, true)
        } else if s[k] != 0 && t[k] == 0 {
            (cx.source.name(), source, false)
        } else {
            continue;
        };
        out.push(at(
            Hit::new(
                Code::UnpairedBracket,
                crate::tr!("unpaired-bracket", family = *family, lang = &name),
            ),
            is_target,
            side.segments.first().map(|s| s.span.start),
        ));
    }
}

/// The kind of sentence end: a question, an exclamation, a lead-in colon.
fn ending(text: &str) -> Option<char> {
    let last = text
        .trim_end_matches(|c: char| c.is_whitespace() || "»”\"’')]*_".contains(c))
        .chars()
        .next_back()?;
    matches!(last, '?' | '!' | ':').then_some(last)
}

fn end_punctuation(cx: &Context, source: &Side, target: &Side, out: &mut Vec<Hit>) {
    let (Some(first), Some(last)) = (source.segments.last(), target.segments.last()) else {
        return;
    };
    let (s, t) = (ending(&first.text), ending(&last.text));
    if s == t {
        return;
    }
    let describe = |c: Option<char>| match c {
        Some(c) => crate::tr!("ends-with", mark = c.to_string()),
        None => crate::tr!("ends-without"),
    };
    out.push(
        Hit::new(
            Code::EndPunctuation,
            crate::tr!(
                "end-punctuation",
                source = cx.source.name(),
                source_end = describe(s),
                target = cx.target.name(),
                target_end = describe(t)
            ),
        )
        .target_at(Some(last.span.start)),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::test_util::{apply, Fixture};

    fn codes(en: &str, fr: &str) -> Vec<Code> {
        Fixture::new("fr-FR").codes(&Punctuation, en, fr)
    }

    #[test]
    fn doubled_words_but_not_french_reflexives() {
        assert_eq!(
            codes("You register here.", "Vous vous inscrivez ici ici."),
            [Code::DoubledWord]
        );
        assert!(codes("We met.", "Nous nous sommes réunis.").is_empty());
        assert_eq!(
            codes("The the team met.", "L’équipe s’est réunie."),
            [Code::DoubledWord]
        );
    }

    #[test]
    fn doubled_spaces_are_fixed_but_not_in_code_or_line_ends() {
        let fr = "Les chefs  se sont réunis `a  b`.  \nFin.";
        let fixture = Fixture::new("fr-FR");
        let hits = fixture.run(&Punctuation, "The chiefs met `a  b`.\nEnd.", fr);
        assert_eq!(
            hits.iter().map(|h| h.code).collect::<Vec<_>>(),
            [Code::DoubledSpace]
        );
        assert_eq!(apply(fr, &hits), "Les chefs se sont réunis `a  b`.  \nFin.");
    }

    #[test]
    fn broken_emphasis_and_unpaired_brackets() {
        assert_eq!(
            codes(
                "**Free:** anyone can use it.",
                "** Gratuit : ** tout le monde peut l’utiliser."
            ),
            [Code::EdgeWhitespace]
        );
        assert_eq!(
            codes("The chiefs (all of them) met.", "Les chefs (tous se sont réunis."),
            [Code::UnpairedBracket]
        );
        assert!(codes("Steps a) and b) apply.", "Les étapes a) et b) s’appliquent.").is_empty());
    }

    /// `balance` as it was: every word of the side read.
    fn balance_of_every_word(text: &str) -> [i32; 3] {
        tally(text.split_whitespace())
    }

    /// Reading only the words around brackets counts what reading every
    /// word did, on each page of the corpus and on each of its segments.
    #[test]
    fn the_words_around_brackets_balance_as_all_words_do() {
        let mut open = 0;
        for file in crate::checks::test_util::corpus_files() {
            let (text, segments) = (file.text(), crate::document::markdown::segment(&file));
            assert_eq!(balance([text].into_iter()), balance_of_every_word(text));
            for segment in &segments {
                let counts = balance([segment.text.as_str()].into_iter());
                assert_eq!(counts, balance_of_every_word(&segment.text), "{}", segment.text);
                open += usize::from(counts != [0; 3]);
            }
        }
        assert!(open > 0);
        for text in [
            "(a) [b «c» “d”",
            "x\u{a0}(y)\u{202f}»",
            "https://x.ca/(a ``(b` \"q\" \"",
            "é(",
            ")é",
            "20\u{b0} \u{2014} l\u{2019}(a) \u{a0}\u{ab}b\u{bb} \u{201c}c\u{201d} \u{2026}",
        ] {
            assert_eq!(balance([text].into_iter()), balance_of_every_word(text), "{text}");
        }
    }

    /// What `next_mark_byte` was before its search by chunks: a table of
    /// the bytes it stops at, looked up byte by byte.
    fn next_mark_byte_by_table(bytes: &[u8]) -> Option<usize> {
        const MARKS: [bool; 256] = {
            let mut table = [false; 256];
            let mut k = 0;
            let marks = b"()[]\"\xAB\xBB\x9C\x9D";
            while k < marks.len() {
                table[marks[k] as usize] = true;
                k += 1;
            }
            table
        };
        bytes.iter().position(|&b| MARKS[usize::from(b)])
    }

    /// The search by chunks stops where the byte-by-byte lookup did, from
    /// every byte of generated French text, and on the corpus's pages.
    #[test]
    fn mark_bytes_are_found_by_chunks_as_byte_by_byte() {
        use proptest::prelude::*;
        use proptest::test_runner::TestRunner;
        let same_from_everywhere = |bytes: &[u8]| {
            (0..=bytes.len())
                .all(|from| next_mark_byte(&bytes[from..]) == next_mark_byte_by_table(&bytes[from..]))
        };
        let piece = prop::sample::select(vec![
            "a",
            " ",
            "(",
            ")",
            "[",
            "]",
            "\"",
            "«",
            "»",
            "“",
            "”",
            "’",
            "\u{a0}",
            "\u{202f}",
            "ë",
            "û",
            "\u{2014}",
            "\u{201e}",
            "\u{ab}\u{bb}",
            "Ĝ",
            "\u{9c}",
            "\u{2c9c}",
            "\u{bb}(",
        ]);
        // Up to 80 pieces: texts longer than the 32 bytes searched at once.
        TestRunner::default()
            .run(&prop::collection::vec(piece, 0..80), |pieces| {
                let text = pieces.concat();
                prop_assert!(same_from_everywhere(text.as_bytes()), "{:?}", text);
                Ok(())
            })
            .unwrap();
        // Pages are long: from their start and from just after each
        // byte found, as `next_bracket` goes on.
        let mut found = 0;
        for file in crate::checks::test_util::corpus_files() {
            let (bytes, mut from) = (file.text().as_bytes(), 0);
            while let Some(at) = next_mark_byte_by_table(&bytes[from..]) {
                assert_eq!(next_mark_byte(&bytes[from..]), Some(at));
                from += at + 1;
                found += 1;
            }
            assert_eq!(next_mark_byte(&bytes[from..]), None);
        }
        assert!(found > 100, "{found} brackets");
    }

    #[test]
    fn a_question_translated_as_a_statement() {
        assert_eq!(
            codes("Why does it matter?", "Pourquoi c’est important."),
            [Code::EndPunctuation]
        );
        assert!(codes("Why does it matter?", "Pourquoi est-ce important\u{a0}?").is_empty());
        assert!(codes("It matters.", "C’est important").is_empty());
    }
}
