//! Inline suppressions: `<!-- bitext-ignore code[, code]: reason -->` in
//! either file of a release, on the line before a segment (blank lines
//! allowed) or on the segment's own lines, silences those codes for the
//! pair that holds the segment. A suppression that silences nothing, or that
//! names an unknown code or no reason, is reported in its turn.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::Code;
use crate::document::segment::Segment;
use crate::document::source::SourceFile;

static COMMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<!--\s*bitext-ignore(?-u:\b)([^:>]*?)(?::([\s\S]*?))?\s*-->").expect("valid regex")
});

/// One suppression comment of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    pub codes: Vec<Code>,
    /// The comment's byte range in the file.
    pub span: Range<usize>,
    pub reason: String,
    pub used: bool,
}

/// A malformed suppression: where it is and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub at: usize,
    pub message: String,
}

/// The suppressions of a file and the problems found reading them.
pub fn parse(file: &SourceFile) -> (Vec<Suppression>, Vec<Problem>) {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for caps in COMMENT.captures_iter(file.text()) {
        let whole = caps.get(0).expect("match");
        let mut codes = Vec::new();
        for name in caps[1].split(',').map(str::trim).filter(|n| !n.is_empty()) {
            match name.parse::<Code>() {
                Ok(code) => codes.push(code),
                Err(()) => problems.push(Problem {
                    at: whole.start(),
                    message: crate::tr!("suppression-unknown-code", code = name),
                }),
            }
        }
        let reason = caps.get(2).map_or("", |m| m.as_str()).trim().to_owned();
        if codes.is_empty() {
            problems.push(Problem {
                at: whole.start(),
                message: crate::tr!("suppression-no-code"),
            });
            continue;
        }
        if reason.is_empty() {
            problems.push(Problem {
                at: whole.start(),
                message: crate::tr!("suppression-no-reason"),
            });
        }
        found.push(Suppression {
            codes,
            span: whole.range(),
            reason,
            used: false,
        });
    }
    (found, problems)
}

impl Suppression {
    /// Whether the comment sits on a segment's lines or just before it.
    pub fn covers(&self, file: &SourceFile, segment: &Segment) -> bool {
        let text = file.text();
        let (start, end) = (segment.span.start, segment.span.end.min(text.len()));
        if self.span.start >= start && self.span.start < end {
            return true;
        }
        let line = |offset| file.position(offset).line;
        if line(self.span.start) >= line(start)
            && line(self.span.start) <= line(end.saturating_sub(1).max(start))
        {
            return true;
        }
        let line_start = text[..self.span.start].rfind('\n').map_or(0, |i| i + 1);
        let alone = text[line_start..self.span.start].trim().is_empty();
        alone && self.span.end <= start && text[self.span.end..start].trim().is_empty()
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn comments_name_codes_and_reasons() {
        let file = SourceFile::new(
            Path::new("fr.md"),
            "<!-- bitext-ignore number-mismatch, url-mismatch: prix en euros -->\nTexte.\n<!-- bitext-ignore no-such -->\n".into(),
        );
        let (found, problems) = parse(&file);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].codes, [Code::NumberMismatch, Code::UrlMismatch]);
        assert_eq!(found[0].reason, "prix en euros");
        assert_eq!(problems.len(), 2, "{problems:?}");
    }

    #[test]
    fn a_comment_covers_the_next_segment_or_its_own_line() {
        let text = "<!-- bitext-ignore untranslated: nom -->\n\nNotify\n\nAutre <!-- bitext-ignore doubled-word: voulu -->\n\nFin\n";
        let file = SourceFile::new(Path::new("fr.md"), text.into());
        let segments = crate::document::markdown::segment(&file);
        let (found, _) = parse(&file);
        assert!(found[0].covers(&file, &segments[0]));
        assert!(!found[0].covers(&file, &segments[1]));
        assert!(found[1].covers(&file, &segments[1]));
        assert!(!found[1].covers(&file, &segments[2]));
    }
}
