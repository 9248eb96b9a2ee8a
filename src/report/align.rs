//! `bitext align`: every aligned pair of a release in document order, as
//! JSON for scripts (`{"pairs": [{"status", "source": [...], "target": [...]}]}`)
//! or side by side in two columns sized to the terminal, each row with the
//! pair's status, the line numbers of both sides and, for a drifted pair,
//! the word diff of the source since sign-off. Widths are display widths
//! (`unicode-width`), so accented and wide characters line up. The HTML
//! review page lives in `review`.

use serde::Serialize;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::diagnostic::Severity;
use crate::document::segment::Segment;
use crate::document::source::SourceFile;
use crate::pairing::{join_text, Pair, PairStatus, PairedRelease};
use crate::report::word_diff::{word_diff, Change};
use crate::report::Style;
use crate::tr;
use crate::workspace::Workspace;

#[derive(Serialize)]
struct JsonSegment<'a> {
    line: usize,
    column: usize,
    kind: &'static str,
    text: &'a str,
}

#[derive(Serialize)]
struct JsonPair<'a> {
    status: &'static str,
    source: Vec<JsonSegment<'a>>,
    target: Vec<JsonSegment<'a>>,
}

#[derive(Serialize)]
struct JsonAlignment<'a> {
    pairs: Vec<JsonPair<'a>>,
}

fn segments<'a>(file: &SourceFile, segments: &'a [Segment]) -> Vec<JsonSegment<'a>> {
    segments
        .iter()
        .map(|s| {
            let at = file.position(s.span.start);
            JsonSegment {
                line: at.line,
                column: at.column,
                kind: s.kind.name(),
                text: &s.text,
            }
        })
        .collect()
}

pub fn json(paired: &PairedRelease) -> String {
    let pairs = paired
        .pairs
        .iter()
        .map(|pair| JsonPair {
            status: pair.status.name(),
            source: segments(&paired.release.source, paired.source_segments(pair)),
            target: segments(&paired.release.target, paired.target_segments(pair)),
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&JsonAlignment { pairs }).expect("alignment serialises");
    text.push('\n');
    text
}

/// The width used when the output is not a terminal and `COLUMNS` is unset.
pub const DEFAULT_WIDTH: usize = 100;

/// The narrowest layout: below this the columns are not worth having.
const MIN_WIDTH: usize = 40;

const SEPARATOR: &str = " │ ";

/// A pair's status as words in the UI language; `PairStatus::name` is the
/// stable code.
pub fn status_label(status: PairStatus) -> String {
    tr!("pair-status", status = status.name())
}

/// How a pair's status is coloured: errors red, warnings yellow, the rest dim.
pub fn status_severity(status: PairStatus) -> Option<Severity> {
    match status {
        PairStatus::InSync | PairStatus::OneSided => None,
        PairStatus::SourceDrifted { .. }
        | PairStatus::MissingTranslation
        | PairStatus::MissingSource { .. } => Some(Severity::Error),
        PairStatus::TargetEdited | PairStatus::NotSignedOff => Some(Severity::Warning),
    }
}

/// The aligned pairs side by side in `width` columns of the terminal.
pub fn side_by_side(ws: &Workspace, paired: &PairedRelease, style: Style, width: usize) -> String {
    let width = width.max(MIN_WIDTH);
    let last_line = |file: &SourceFile| file.position(file.text().len()).line;
    let digits = last_line(&paired.release.source)
        .max(last_line(&paired.release.target))
        .to_string()
        .len()
        .max(3);
    let gutter = digits + 1;
    let column = (width - SEPARATOR.width() - 2 * gutter) / 2;
    let layout = Layout {
        digits,
        column,
        style,
    };
    let mut out = String::new();
    let heads = [
        format!("{} {}", ws.source, paired.release.source.path().display()),
        format!("{} {}", ws.target, paired.release.target.path().display()),
    ];
    let head = |text: &str| fit(text, column + gutter);
    out.push_str(&style.bold(&format!(
        "{}{}{}",
        pad(&head(&heads[0]), column + gutter),
        SEPARATOR,
        head(&heads[1])
    )));
    out.push('\n');
    for pair in &paired.pairs {
        layout.pair(&mut out, paired, pair, width);
    }
    out
}

struct Layout {
    digits: usize,
    column: usize,
    style: Style,
}

/// One line of a column: its line number (on the first line of a segment)
/// and its spans.
type Row = (Option<usize>, Vec<(Change, String)>);

impl Layout {
    fn pair(&self, out: &mut String, paired: &PairedRelease, pair: &Pair, width: usize) {
        let name = status_label(pair.status);
        let rule = format!("── {name} {}", "─".repeat(width.saturating_sub(name.width() + 4)));
        out.push_str(&match status_severity(pair.status) {
            Some(severity) => self.style.severity(severity, &rule),
            None => self.style.dim(&rule),
        });
        out.push('\n');
        let source = paired.source_segments(pair);
        let left = match paired.signed_off_source(pair) {
            Some(before) => {
                let first = source
                    .first()
                    .map(|s| paired.release.source.position(s.span.start).line);
                self.wrap(first, word_diff(before, &join_text(source)))
            }
            None => self.column_rows(&paired.release.source, source),
        };
        let right = self.column_rows(&paired.release.target, paired.target_segments(pair));
        for index in 0..left.len().max(right.len()) {
            let cell = |rows: &[Row]| rows.get(index).map(|row| self.cell(row));
            let blank = || " ".repeat(self.digits + 1 + self.column);
            let missing = |rows: &[Row]| {
                (index == 0 && rows.is_empty()).then(|| {
                    format!(
                        "{} {}",
                        " ".repeat(self.digits),
                        self.style.dim(&pad(&tr!("align-none"), self.column))
                    )
                })
            };
            let l = cell(&left).or_else(|| missing(&left)).unwrap_or_else(blank);
            let r = cell(&right).or_else(|| missing(&right)).unwrap_or_default();
            let line = format!("{l}{}{r}", self.style.dim(SEPARATOR));
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }

    fn column_rows(&self, file: &SourceFile, segments: &[Segment]) -> Vec<Row> {
        segments
            .iter()
            .flat_map(|seg| {
                let line = file.position(seg.span.start).line;
                self.wrap(Some(line), vec![(Change::Same, seg.text.clone())])
            })
            .collect()
    }

    /// Wraps spans to the column width, marking changes in brackets when
    /// there is no colour to show them.
    fn wrap(&self, line: Option<usize>, spans: Vec<(Change, String)>) -> Vec<Row> {
        let spans = if self.style.color {
            spans
        } else {
            vec![(
                Change::Same,
                spans
                    .into_iter()
                    .map(|(change, text)| match change {
                        Change::Same => text,
                        Change::Removed => self.style.removed(&text),
                        Change::Added => self.style.added(&text),
                    })
                    .collect(),
            )]
        };
        wrap_spans(&spans, self.column)
            .into_iter()
            .enumerate()
            .map(|(i, spans)| (if i == 0 { line } else { None }, spans))
            .collect()
    }

    fn cell(&self, (line, spans): &Row) -> String {
        let number = line.map_or_else(String::new, |n| n.to_string());
        let used: usize = spans.iter().map(|(_, t)| t.width()).sum();
        let text: String = spans
            .iter()
            .map(|(change, text)| match change {
                Change::Same => text.clone(),
                Change::Removed => self.style.removed(text),
                Change::Added => self.style.added(text),
            })
            .collect();
        format!(
            "{} {text}{}",
            self.style.dim(&format!("{number:>w$}", w = self.digits)),
            " ".repeat(self.column.saturating_sub(used))
        )
    }
}

/// Greedy word wrap of styled spans to `width` display columns; a word
/// longer than a line is broken between characters.
fn wrap_spans(spans: &[(Change, String)], width: usize) -> Vec<Vec<(Change, String)>> {
    let mut lines: Vec<Vec<(Change, String)>> = vec![Vec::new()];
    let mut used = 0;
    let push = |lines: &mut Vec<Vec<(Change, String)>>, change: Change, text: &str| {
        let line = lines.last_mut().expect("one line at least");
        match line.last_mut() {
            Some((last, t)) if *last == change => t.push_str(text),
            _ => line.push((change, text.to_owned())),
        }
    };
    for (change, text) in spans {
        for token in tokens(text) {
            let w = token.width();
            let space = token.starts_with(char::is_whitespace);
            if space {
                if used == 0 {
                    continue;
                }
                if used + w > width {
                    lines.push(Vec::new());
                    used = 0;
                    continue;
                }
                push(&mut lines, *change, " ");
                used += 1;
                continue;
            }
            if used + w > width && used > 0 {
                lines.push(Vec::new());
                used = 0;
            }
            if w <= width {
                push(&mut lines, *change, token);
                used += w;
                continue;
            }
            for c in token.chars() {
                let cw = c.width().unwrap_or(0);
                if used + cw > width {
                    lines.push(Vec::new());
                    used = 0;
                }
                push(&mut lines, *change, c.encode_utf8(&mut [0; 4]));
                used += cw;
            }
        }
    }
    // A trailing space kept before a change of style is not content.
    for line in &mut lines {
        if let Some((_, text)) = line.last_mut() {
            let trimmed = text.trim_end().len();
            text.truncate(trimmed);
        }
    }
    lines
}

/// Runs of non-whitespace and of whitespace, in order. No-break spaces
/// glue words together, as they do in print.
fn tokens(text: &str) -> impl Iterator<Item = &str> {
    let breaks = |c: char| c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{202f}' | '\u{2007}');
    let mut rest = text;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let space = breaks(first);
        let end = rest
            .char_indices()
            .find(|&(_, c)| breaks(c) != space)
            .map_or(rest.len(), |(i, _)| i);
        let (token, tail) = rest.split_at(end);
        rest = tail;
        Some(token)
    })
}

/// Pads to a display width.
fn pad(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(text.width())))
}

/// Cuts to a display width, with an ellipsis when something was cut.
fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: Vec<Vec<(Change, String)>>) -> Vec<String> {
        lines
            .into_iter()
            .map(|l| l.into_iter().map(|(_, t)| t).collect())
            .collect()
    }

    #[test]
    fn wraps_by_display_width_not_bytes() {
        let text = "Les chefs d’état-major s’entretiennent à Londres";
        let lines = plain(wrap_spans(&[(Change::Same, text.into())], 16));
        assert_eq!(
            lines,
            ["Les chefs", "d’état-major", "s’entretiennent", "à Londres"]
        );
        for line in &lines {
            assert!(line.width() <= 16, "{line}");
        }
    }

    #[test]
    fn wide_characters_count_twice() {
        let lines = plain(wrap_spans(&[(Change::Same, "日本語のテキスト".into())], 6));
        assert_eq!(lines, ["日本語", "のテキ", "スト"]);
    }

    #[test]
    fn no_break_spaces_keep_words_together() {
        let lines = plain(wrap_spans(&[(Change::Same, "il a déclaré\u{a0}:".into())], 12));
        assert_eq!(lines, ["il a", "déclaré\u{a0}:"]);
    }

    #[test]
    fn changes_keep_their_kind_across_lines() {
        let spans = vec![
            (Change::Same, "The ".to_owned()),
            (Change::Removed, "third".to_owned()),
            (Change::Added, "fourth".to_owned()),
            (Change::Same, " annual meeting".to_owned()),
        ];
        let lines = wrap_spans(&spans, 12);
        assert_eq!(
            lines[0],
            [(Change::Same, "The ".into()), (Change::Removed, "third".into())]
        );
        assert_eq!(lines[1][0], (Change::Added, "fourth".into()));
    }
}
