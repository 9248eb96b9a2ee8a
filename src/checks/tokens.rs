//! What several checks read from one side of a pair, computed once, on
//! the first question, and shared: the side's text joined, that text
//! folded, and each segment's text without inline code and URLs. A check
//! that nobody turned on asks for nothing, and nothing is computed for it.
//! The words of the whole document are `DocumentWords`, per release; this
//! is per pair.

use std::borrow::Cow;
use std::sync::OnceLock;

use crate::document::segment::Segment;

/// The lazily computed tokens of one side of a pair. Belongs to one
/// slice of segments: a `Side` built for other segments (the neighbours of
/// a pair, say) needs a `Tokens` of its own.
#[derive(Default)]
pub struct Tokens {
    joined: OnceLock<String>,
    folded: OnceLock<String>,
    /// Per segment, its text without code when that differs.
    stripped: OnceLock<Vec<Option<String>>>,
}

impl Tokens {
    pub fn new() -> Self {
        Self::default()
    }

    /// The segments' text, one space between them.
    pub(crate) fn joined(&self, segments: &[Segment]) -> &str {
        self.joined.get_or_init(|| {
            let mut out = String::with_capacity(segments.iter().map(|s| s.text.len() + 1).sum());
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
        self.folded.get_or_init(|| super::fold(self.joined(segments)))
    }

    /// Each segment's text without inline code and URLs, borrowed when
    /// there is none.
    pub(crate) fn stripped<'s>(&'s self, segments: &'s [Segment]) -> impl Iterator<Item = &'s str> {
        let stripped = self.stripped.get_or_init(|| {
            segments
                .iter()
                .map(|s| match strip_code(&s.text) {
                    Cow::Borrowed(_) => None,
                    Cow::Owned(text) => Some(text),
                })
                .collect()
        });
        segments
            .iter()
            .zip(stripped)
            .map(|(segment, text)| text.as_deref().unwrap_or(&segment.text))
    }
}

/// Text without inline code and URLs, whose letters are not words: each
/// is a space. Most text has neither, and is returned as it is.
pub(crate) fn strip_code(text: &str) -> Cow<'_, str> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
