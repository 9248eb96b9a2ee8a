//! The human report, modelled on rustc: `severity[code]: message`, then for
//! each side the file, line and column and the line itself, and for drifted
//! pairs the word diff of the source since sign-off. Colour is used only on
//! a terminal and never when `NO_COLOR` is set (the caller decides).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::check::Report;
use crate::diagnostic::{Finding, Location, Severity};
use crate::source::SourceFile;
use crate::word_diff::{word_diff, Change};
use crate::workspace::Workspace;

/// The longest excerpt of a line shown under a finding, in characters.
const EXCERPT: usize = 140;

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

    /// A word diff with removals and additions marked.
    pub fn word_diff(self, before: &str, after: &str) -> String {
        word_diff(before, after)
            .into_iter()
            .map(|(change, text)| match change {
                Change::Same => text,
                Change::Removed => self.removed(&text),
                Change::Added => self.added(&text),
            })
            .collect()
    }
}

pub fn render(report: &Report, ws: &Workspace, style: Style) -> String {
    let mut out = render_findings(&report.findings, ws, style);
    out.push_str(&summary(report, style));
    out
}

/// The findings alone, without the closing summary line (for commands that
/// show findings as the reason for something else, such as `publish`).
pub fn render_findings(findings: &[Finding], ws: &Workspace, style: Style) -> String {
    let mut files = Excerpts::new(&ws.root);
    let mut out = String::new();
    for finding in findings {
        render_finding(&mut out, finding, &mut files, style);
    }
    out
}

fn render_finding(out: &mut String, finding: &Finding, files: &mut Excerpts, style: Style) {
    let head = format!("{}[{}]", finding.severity.as_str(), finding.code);
    out.push_str(&format!(
        "{}{} {}\n",
        style.severity(finding.severity, &head),
        style.bold(":"),
        style.bold(&finding.message)
    ));
    let sides = [&finding.source, &finding.target];
    let width = sides
        .iter()
        .filter_map(|s| s.as_ref())
        .map(|l| l.line.to_string().len())
        .max()
        .unwrap_or(1);
    let pad = " ".repeat(width);
    for (index, side) in sides.into_iter().enumerate() {
        let Some(at) = side else { continue };
        let arrow = if index == 0 || finding.source.is_none() {
            "-->"
        } else {
            ":::"
        };
        out.push_str(&format!(
            "{pad}{} {}:{}:{} {}\n",
            style.dim(arrow),
            at.path.display(),
            at.line,
            at.column,
            style.dim(&format!("({})", at.lang))
        ));
        out.push_str(&format!("{pad} {}\n", style.dim("|")));
        out.push_str(&format!(
            "{} {} {}\n",
            style.dim(&format!("{:>width$}", at.line)),
            style.dim("|"),
            excerpt(&files.line(at), at.column)
        ));
    }
    if let Some(drift) = &finding.drift {
        out.push_str(&format!(
            "{pad} {} since sign-off: {}\n",
            style.dim("="),
            style.word_diff(&drift.source_before, &drift.source_after)
        ));
    }
    out.push('\n');
}

fn summary(report: &Report, style: Style) -> String {
    let count = |severity| report.findings.iter().filter(|f| f.severity == severity).count();
    let (errors, warnings, infos) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    let releases = plural(report.releases, "release", "releases");
    if report.findings.is_empty() {
        return format!("{} {releases} checked, all in sync\n", style.bold("ok:"));
    }
    let mut parts = vec![
        plural(errors, "error", "errors"),
        plural(warnings, "warning", "warnings"),
    ];
    if infos > 0 {
        parts.push(plural(infos, "note", "notes"));
    }
    let head = if errors > 0 {
        style.severity(Severity::Error, "error:")
    } else {
        style.severity(Severity::Warning, "warning:")
    };
    format!("{head} {} in {releases} checked\n", parts.join(", "))
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A line cut to a readable width around the column it points at.
fn excerpt(line: &str, column: usize) -> String {
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= EXCERPT {
        return line.to_owned();
    }
    let start = column.saturating_sub(1).min(chars.len().saturating_sub(EXCERPT));
    let end = (start + EXCERPT).min(chars.len());
    let mut text: String = chars[start..end].iter().collect();
    if start > 0 {
        text.insert(0, '…');
    }
    if end < chars.len() {
        text.push('…');
    }
    text
}

/// Files read on demand for their lines, each once.
struct Excerpts<'a> {
    root: &'a Path,
    files: HashMap<PathBuf, Option<SourceFile>>,
}

impl<'a> Excerpts<'a> {
    fn new(root: &'a Path) -> Self {
        Excerpts {
            root,
            files: HashMap::new(),
        }
    }

    fn line(&mut self, at: &Location) -> String {
        let root = self.root;
        self.files
            .entry(at.path.clone())
            .or_insert_with(|| SourceFile::read(&root.join(&at.path)).ok())
            .as_ref()
            .map_or_else(String::new, |f| f.line_text(at.line).to_owned())
    }
}
