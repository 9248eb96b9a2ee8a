//! What several checks read from one side of a pair, computed once, on
//! the first question, and shared: the side's text joined, that text
//! folded, each segment's text without inline code and URLs, and the words
//! of both, found by one scan (acronyms, names, doubled words and sentence
//! anchors all read them). A check that nobody turned on asks for nothing,
//! and nothing is computed for it. The words of the whole document are
//! `DocumentWords`, per release; this is per pair. A dropped `Tokens` leaves
//! its buffers, emptied, to the next one made on its thread: pair after
//! pair then allocates next to nothing for them.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::sync::OnceLock;

use crate::document::segment::Segment;

/// The lazily computed tokens of one side of a pair. Belongs to one
/// slice of segments: a `Side` built for other segments (the neighbours of
/// a pair, say) needs a `Tokens` of its own.
pub struct Tokens {
    joined: OnceLock<String>,
    folded: OnceLock<String>,
    /// Per segment, its text without code when that differs.
    stripped: OnceLock<Vec<Option<String>>>,
    words: OnceLock<WordIndex>,
    /// Per segment, the words of its text without code when that differs
    /// from the text (`stripped`), as (offset, length) in that text.
    stripped_words: OnceLock<Vec<Option<Vec<Span>>>>,
    /// Emptied buffers of an earlier `Tokens`, each taken by the first
    /// computation of its kind.
    spare: Spare,
}

/// How many sets of buffers a thread keeps: a pair's two sides are alive
/// at once, and its neighbours' sides (links) beside them.
const SPARE_SETS: usize = 4;

thread_local! {
    /// The buffers of the `Tokens` dropped on this thread, emptied.
    static SPARES: RefCell<Vec<Spare>> = const { RefCell::new(Vec::new()) };
}

/// Buffers kept, empty, for the next segments.
#[derive(Default)]
struct Spare {
    joined: Cell<String>,
    folded: Cell<String>,
    stripped: Cell<Vec<Option<String>>>,
    index: Cell<Option<WordIndex>>,
    stripped_words: Cell<Vec<Option<Vec<Span>>>>,
}

/// A word's offset and length in bytes.
type Span = (usize, usize);

/// The words of every segment's text, as `super::words` finds them, in
/// one list: a word never spans the space that joins two segments, so
/// these are the words of `joined` too.
#[derive(Default)]
struct WordIndex {
    /// Every word, as (offset, length) in `joined`.
    words: Vec<Span>,
    /// Per segment, the index in `words` of its first word, then one past
    /// the last word.
    firsts: Vec<usize>,
    /// Per segment, where its text starts in `joined`.
    offsets: Vec<usize>,
}

/// Words of one text out of a list of spans, with their offsets in that
/// text: the spans are offsets in a larger text where this one starts
/// at `base`.
fn words_of<'s>(
    text: &'s str,
    base: usize,
    spans: &'s [Span],
) -> impl Iterator<Item = (usize, &'s str)> + 's {
    spans
        .iter()
        .map(move |&(at, len)| (at - base, &text[at - base..at - base + len]))
}

impl Tokens {
    /// Tokens of segments yet to be read, with buffers left by a dropped
    /// `Tokens` when this thread has some.
    pub fn new() -> Self {
        let spare = SPARES
            .with(|spares| spares.borrow_mut().pop())
            .unwrap_or_default();
        Tokens {
            joined: OnceLock::new(),
            folded: OnceLock::new(),
            stripped: OnceLock::new(),
            words: OnceLock::new(),
            stripped_words: OnceLock::new(),
            spare,
        }
    }

    /// Moves every computed buffer, emptied, to `spare`.
    fn empty_into_spare(&mut self) {
        let spare = &mut self.spare;
        if let Some(mut joined) = self.joined.take() {
            joined.clear();
            spare.joined.set(joined);
        }
        if let Some(mut folded) = self.folded.take() {
            folded.clear();
            spare.folded.set(folded);
        }
        if let Some(mut stripped) = self.stripped.take() {
            stripped.clear();
            spare.stripped.set(stripped);
        }
        if let Some(mut index) = self.words.take() {
            index.words.clear();
            index.firsts.clear();
            index.offsets.clear();
            spare.index.set(Some(index));
        }
        if let Some(mut stripped_words) = self.stripped_words.take() {
            stripped_words.clear();
            spare.stripped_words.set(stripped_words);
        }
    }

    /// The segments' text, one space between them.
    pub(crate) fn joined(&self, segments: &[Segment]) -> &str {
        self.joined.get_or_init(|| {
            let mut out = self.spare.joined.take();
            out.reserve(segments.iter().map(|s| s.text.len() + 1).sum());
            for (k, segment) in segments.iter().enumerate() {
                if k > 0 {
                    out.push(' ');
                }
                out.push_str(&segment.text);
            }
            out
        })
    }

    /// `joined`, folded (lowercase, accents removed).
    pub(crate) fn folded(&self, segments: &[Segment]) -> &str {
        self.folded.get_or_init(|| {
            let mut out = self.spare.folded.take();
            super::fold_into(&mut out, self.joined(segments));
            out
        })
    }

    /// Each segment's text without inline code and URLs, borrowed when
    /// there is none.
    pub(crate) fn stripped<'s>(&'s self, segments: &'s [Segment]) -> impl Iterator<Item = &'s str> {
        segments
            .iter()
            .zip(self.stripped_texts(segments))
            .map(|(segment, text)| text.as_deref().unwrap_or(&segment.text))
    }

    /// Segment `k`'s text without inline code and URLs.
    pub(crate) fn stripped_text<'s>(&'s self, segments: &'s [Segment], k: usize) -> &'s str {
        self.stripped_texts(segments)[k]
            .as_deref()
            .unwrap_or(&segments[k].text)
    }

    fn stripped_texts(&self, segments: &[Segment]) -> &[Option<String>] {
        self.stripped.get_or_init(|| {
            let mut out = self.spare.stripped.take();
            out.extend(segments.iter().map(|s| match strip_code(&s.text) {
                Cow::Borrowed(_) => None,
                Cow::Owned(text) => Some(text),
            }));
            out
        })
    }

    fn index(&self, segments: &[Segment]) -> &WordIndex {
        self.words.get_or_init(|| {
            // About one word in six bytes of text: most indexes then
            // never grow.
            let bytes: usize = segments.iter().map(|s| s.text.len()).sum();
            let mut index = self.spare.index.take().unwrap_or_default();
            index.words.reserve(bytes / 6);
            index.firsts.reserve(segments.len() + 1);
            index.offsets.reserve(segments.len());
            let mut offset = 0;
            for segment in segments {
                index.firsts.push(index.words.len());
                index.offsets.push(offset);
                super::extend_word_spans(&segment.text, offset, &mut index.words);
                offset += segment.text.len() + 1;
            }
            index.firsts.push(index.words.len());
            index
        })
    }

    /// The words of segment `k`'s text, with their offsets in it.
    pub(crate) fn segment_words<'s>(
        &'s self,
        segments: &'s [Segment],
        k: usize,
    ) -> impl Iterator<Item = (usize, &'s str)> + 's {
        let (base, spans) = self.segment_spans(segments, k);
        words_of(&segments[k].text, base, spans)
    }

    /// Where segment `k`'s text starts in `joined`, and its words' spans.
    fn segment_spans<'s>(&'s self, segments: &[Segment], k: usize) -> (usize, &'s [Span]) {
        let index = self.index(segments);
        (
            index.offsets[k],
            &index.words[index.firsts[k]..index.firsts[k + 1]],
        )
    }

    /// The words of segment `k`'s text without code (`stripped`), with
    /// their offsets in that text.
    pub(crate) fn stripped_words<'s>(
        &'s self,
        segments: &'s [Segment],
        k: usize,
    ) -> impl Iterator<Item = (usize, &'s str)> + 's {
        let texts = self.stripped_texts(segments);
        let stripped = self.stripped_words.get_or_init(|| {
            let mut out = self.spare.stripped_words.take();
            out.extend(texts.iter().map(|text| {
                text.as_deref().map(|t| {
                    let mut spans = Vec::new();
                    super::extend_word_spans(t, 0, &mut spans);
                    spans
                })
            }));
            out
        });
        let (text, base, spans) = match (&texts[k], &stripped[k]) {
            (Some(text), Some(spans)) => (text.as_str(), 0, spans.as_slice()),
            _ => {
                let (base, spans) = self.segment_spans(segments, k);
                (segments[k].text.as_str(), base, spans)
            }
        };
        words_of(text, base, spans)
    }

    /// The words of `part`, a slice of `joined`, found in the index
    /// rather than by scanning it again. `part` must start after
    /// whitespace (or at the start) and end before whitespace (or at the
    /// end), as a sentence does, so that no word is cut.
    pub(crate) fn words_within<'s>(
        &'s self,
        segments: &'s [Segment],
        part: &str,
    ) -> impl Iterator<Item = &'s str> + 's {
        let joined = self.joined(segments);
        // `part` borrows `joined`: its offset is the distance between them.
        let start = (part.as_ptr() as usize).wrapping_sub(joined.as_ptr() as usize);
        assert!(
            start <= joined.len() && part.len() <= joined.len() - start,
            "a slice of the joined text"
        );
        let end = start + part.len();
        let words = &self.index(segments).words;
        let first = words.partition_point(|&(at, _)| at < start);
        let last = words.partition_point(|&(at, _)| at < end);
        words[first..last]
            .iter()
            .map(move |&(at, len)| &joined[at..at + len])
    }
}

impl Default for Tokens {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for Tokens {
    fn drop(&mut self) {
        self.empty_into_spare();
        let spare = std::mem::take(&mut self.spare);
        // A thread that is ending has no spares to keep them in.
        let _ = SPARES.try_with(|spares| {
            let mut spares = spares.borrow_mut();
            if spares.len() < SPARE_SETS {
                spares.push(spare);
            }
        });
    }
}

/// Text without inline code and URLs, whose letters are not words: each
/// is a space. Most text has neither, and is returned as it is. A word
/// (a run without whitespace, with the whitespace character after it)
/// that holds `://` or `@` becomes one space, code or not; each backtick
/// opens or closes code and becomes a space. The words with `://` or `@`
/// are found by a byte search, and the text between them is copied a
/// stretch between backticks at a time.
pub(crate) fn strip_code(text: &str) -> Cow<'_, str> {
    if !has_code_or_url(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut in_code = false;
    let mut copied = 0;
    while let Some((start, end)) = next_url_word(text, copied) {
        strip_backticks(&text[copied..start], &mut in_code, &mut out);
        out.push(' ');
        copied = end;
    }
    strip_backticks(&text[copied..], &mut in_code, &mut out);
    Cow::Owned(out)
}

/// Where the next word from `from` on (a word's start) that holds `://`
/// or `@` starts, and where it ends, past the whitespace character after
/// it.
fn next_url_word(text: &str, from: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let at = memchr::memchr2_iter(b'@', b':', &bytes[from..])
        .map(|k| from + k)
        .find(|&at| bytes[at] == b'@' || bytes[at + 1..].starts_with(b"//"))?;
    let start = text[from..at]
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace())
        .map_or(from, |(i, c)| from + i + c.len_utf8());
    let end = text[at..]
        .char_indices()
        .find(|&(_, c)| c.is_whitespace())
        .map_or(text.len(), |(i, c)| at + i + c.len_utf8());
    Some((start, end))
}

/// Appends `text` to `out` but for code, each backtick a space that
/// opens or closes code.
fn strip_backticks(text: &str, in_code: &mut bool, out: &mut String) {
    for (k, piece) in text.split('`').enumerate() {
        if k > 0 {
            *in_code = !*in_code;
            out.push(' ');
        }
        if !*in_code {
            out.push_str(piece);
        }
    }
}

/// Whether `text` has a backtick, an `@` or `://`: one pass over its
/// bytes, asked of every segment.
fn has_code_or_url(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr3_iter(b'`', b'@', b':', bytes)
        .any(|at| bytes[at] != b':' || bytes[at + 1..].starts_with(b"//"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::length::sentences;
    use crate::checks::test_util::corpus;
    use crate::checks::words;

    /// The index gives the words a scan of each text gives: of each
    /// segment, of each segment without code, and of each sentence of
    /// the joined text, taken a few segments at a time as pairs are.
    #[test]
    fn indexed_words_are_the_words_each_text_scans_to() {
        let (mut scanned_sentences, mut stripped) = (0, 0);
        for page in corpus() {
            for pair in page.chunks(3) {
                let tokens = Tokens::new();
                for (k, segment) in pair.iter().enumerate() {
                    assert!(tokens.segment_words(pair, k).eq(words(&segment.text)));
                    let text = strip_code(&segment.text);
                    stripped += usize::from(matches!(text, Cow::Owned(_)));
                    assert!(tokens.stripped_words(pair, k).eq(words(&text)));
                }
                let joined = tokens.joined(pair);
                // A `Tokens` made after another was dropped reuses its
                // buffers: nothing of the other's segments may remain.
                let texts: Vec<&str> = pair.iter().map(|s| s.text.as_str()).collect();
                assert_eq!(joined, texts.join(" "));
                assert_eq!(tokens.folded(pair), crate::checks::fold(joined));
                for sentence in sentences(joined) {
                    scanned_sentences += 1;
                    let scanned = words(sentence).map(|(_, w)| w);
                    assert!(tokens.words_within(pair, sentence).eq(scanned), "{sentence}");
                }
            }
        }
        assert!(
            scanned_sentences > 1000 && stripped > 10,
            "{scanned_sentences} sentences, {stripped} stripped"
        );
    }

    /// What `strip_code` did character by character: the reference for
    /// its piecewise copy.
    fn strip_code_by_character(text: &str) -> Cow<'_, str> {
        if !text.contains(['`', '@']) && !text.contains("://") {
            return Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len());
        let mut in_code = false;
        for token in text.split_inclusive(char::is_whitespace) {
            if token.contains("://") || token.contains('@') {
                out.push(' ');
                continue;
            }
            for c in token.chars() {
                if c == '`' {
                    in_code = !in_code;
                    out.push(' ');
                } else if !in_code {
                    out.push(c);
                }
            }
        }
        Cow::Owned(out)
    }

    #[test]
    fn strip_code_is_the_character_wise_strip() {
        use proptest::prelude::*;
        use proptest::test_runner::TestRunner;
        let piece = prop::sample::select(vec![
            "mot", "é", " ", "\u{a0}", "\u{202f}", "\u{2003}", "\t", "\n", "`", "``", "@", ":", "/", "://",
            "x.ca", "’", "«", "»",
        ]);
        let same = |text: &str| {
            let (fast, slow) = (strip_code(text), strip_code_by_character(text));
            matches!(fast, Cow::Borrowed(_)) == matches!(slow, Cow::Borrowed(_)) && fast == slow
        };
        TestRunner::new(proptest::test_runner::Config::with_cases(4000))
            .run(&prop::collection::vec(piece, 0..16), |pieces| {
                let text = pieces.concat();
                prop_assert!(same(&text), "{:?}", text);
                Ok(())
            })
            .unwrap();
        for segment in corpus().iter().flatten() {
            assert!(same(&segment.text), "{:?}", segment.text);
        }
    }

    #[test]
    fn strip_code_borrows_plain_text_and_blanks_code_and_urls() {
        assert!(matches!(strip_code("Le Canada et la France"), Cow::Borrowed(_)));
        let code = strip_code("run `gdal` now");
        assert!(!code.contains("gdal") && code.starts_with("run ") && code.ends_with(" now"));
        let url = strip_code("see https://x.ca/a today");
        assert!(!url.contains("x.ca") && url.ends_with(" today"));
        assert!(!strip_code("write a@b.ca now").contains("b.ca"));
    }
}
