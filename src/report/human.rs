//! The human report, modelled on rustc: `severity[code]: message`, then for
//! each side the file, line and column and the line itself, and for drifted
//! pairs the word diff of the source since sign-off. Lines and excerpts
//! come from the text the findings point into, already in memory. Colour is
//! used only on a terminal and never when `NO_COLOR` is set (the caller
//! decides).

use crate::diagnostic::{Finding, Severity};
use crate::report::word_diff::{word_diff, Change};
use crate::tr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub color: bool,
}

impl Style {
    fn paint(self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }

    pub fn bold(self, text: &str) -> String {
        self.paint("1", text)
    }

    pub fn dim(self, text: &str) -> String {
        self.paint("2", text)
    }

    pub fn severity(self, severity: Severity, text: &str) -> String {
        match severity {
            Severity::Error => self.paint("1;31", text),
            Severity::Warning => self.paint("1;33", text),
            Severity::Info => self.paint("1;36", text),
        }
    }

    pub fn removed(self, text: &str) -> String {
        if self.color {
            self.paint("31;9", text)
        } else {
            format!("[-{text}-]")
        }
    }

    pub fn added(self, text: &str) -> String {
        if self.color {
            self.paint("32;4", text)
        } else {
            format!("{{+{text}+}}")
        }
    }

    /// A word diff with removals and additions marked, and long unchanged
    /// stretches shortened to their ends so that the change stands out.
    pub fn word_diff(self, before: &str, after: &str) -> String {
        let changes = word_diff(before, after);
        let last = changes.len().saturating_sub(1);
        changes
            .into_iter()
            .enumerate()
            .map(|(i, (change, text))| match change {
                Change::Same => shorten(&text, i > 0, i < last),
                Change::Removed => self.removed(&text),
                Change::Added => self.added(&text),
            })
            .collect()
    }
}

/// The findings alone, without the closing summary line (for commands that
/// show findings as the reason for something else, such as `publish`).
pub fn render_findings(findings: &[Finding], style: Style) -> String {
    let mut out = String::new();
    for finding in findings {
        render_finding(&mut out, finding, style);
    }
    out
}

pub(super) fn render_finding(out: &mut String, finding: &Finding, style: Style) {
    let head = format!("{}[{}]", severity_name(finding.severity), finding.code);
    out.push_str(&format!(
        "{}{} {}\n",
        style.severity(finding.severity, &head),
        style.bold(&tr!("colon")),
        style.bold(&finding.message)
    ));
    // Each side's line and column, worked out once from its file.
    let sides = [&finding.source, &finding.target].map(|s| s.as_ref().map(|at| (at, at.position())));
    let width = sides
        .iter()
        .flatten()
        .map(|(_, p)| p.line.to_string().len())
        .max()
        .unwrap_or(1);
    let pad = " ".repeat(width);
    for (index, side) in sides.into_iter().enumerate() {
        let Some((at, position)) = side else { continue };
        let arrow = if index == 0 || finding.source.is_none() {
            "-->"
        } else {
            ":::"
        };
        out.push_str(&format!(
            "{pad}{} {}:{}:{} {}\n",
            style.dim(arrow),
            at.path().display(),
            position.line,
            position.column,
            style.dim(&format!("({})", at.lang))
        ));
        out.push_str(&format!("{pad} {}\n", style.dim("|")));
        out.push_str(&format!(
            "{} {} {}\n",
            style.dim(&format!("{:>width$}", position.line)),
            style.dim("|"),
            at.excerpt()
        ));
    }
    if let Some(drift) = &finding.drift {
        out.push_str(&format!(
            "{pad} {} {} {}\n",
            style.dim("="),
            tr!("report-since-sign-off"),
            style.word_diff(&drift.source_before, &drift.source_after)
        ));
    }
    out.push('\n');
}

/// Words of unchanged text kept on each side of a change.
const CONTEXT_WORDS: usize = 6;

/// Keeps the unchanged words next to a change (`after_change`: the words at
/// the start; `before_change`: the words at the end) and elides the rest.
fn shorten(text: &str, after_change: bool, before_change: bool) -> String {
    let words: Vec<&str> = text.split_inclusive(' ').collect();
    let keep_start = if after_change { CONTEXT_WORDS } else { 0 };
    let keep_end = if before_change { CONTEXT_WORDS } else { 0 };
    if words.len() <= keep_start + keep_end + 2 {
        return text.to_owned();
    }
    let start: String = words[..keep_start].concat();
    let end: String = words[words.len() - keep_end..].concat();
    if end.is_empty() {
        format!("{}…", start.trim_end())
    } else {
        format!("{start}… {end}")
    }
}

/// The closing line: the findings printed, by severity, and the releases.
pub(super) fn summary([infos, warnings, errors]: [usize; 3], releases: usize, style: Style) -> String {
    if infos + warnings + errors == 0 {
        return format!(
            "{} {}\n",
            style.bold(&tr!("report-ok")),
            tr!("report-all-in-sync", releases = releases)
        );
    }
    let mut parts = vec![
        tr!("report-errors", count = errors),
        tr!("report-warnings", count = warnings),
    ];
    if infos > 0 {
        parts.push(tr!("report-notes", count = infos));
    }
    let worst = if errors > 0 {
        Severity::Error
    } else {
        Severity::Warning
    };
    let head = format!("{}{}", severity_name(worst), tr!("colon"));
    format!(
        "{} {}\n",
        style.severity(worst, &head),
        tr!("report-summary", counts = parts.join(", "), releases = releases)
    )
}

/// A severity as a word in the UI language ("error", "erreur").
pub fn severity_name(severity: Severity) -> String {
    tr!("severity", severity = severity.as_str())
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use super::*;
    use crate::diagnostic::{Code, Location};
    use crate::document::source::SourceFile;

    /// The excerpt is taken from the text the finding points into: the
    /// file it names does not exist on disk.
    #[test]
    fn excerpts_come_from_memory_not_from_disk() {
        let file = SourceFile::new(
            Path::new("releases/gone/fr.md"),
            "# Titre\n\nPrix : 1 600 €\n".into(),
        );
        let mut finding = Finding::new(Code::NumberMismatch, Severity::Error, "numbers differ");
        finding.target = Some(Location::new("fr-FR", Arc::new(file), 16..21));
        let text = render_findings(&[finding], Style { color: false });
        assert!(text.contains("--> releases/gone/fr.md:3:8 (fr-FR)"), "{text}");
        assert!(text.contains("3 | Prix : 1 600 €\n"), "{text}");
    }
}
