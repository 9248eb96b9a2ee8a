//! Printing a check report: `human` (rustc-like, with the source lines of
//! both sides), `json` (the stable contract documented in the README),
//! `github` (workflow annotations), `junit` (CI test results) and `sarif`
//! (SARIF 2.1.0 for code scanning). Reporters only format; they never decide
//! what is a finding. Each works out lines and columns from the findings'
//! spans as it writes; `stream` writes a report as releases are checked,
//! and `render` one held whole, through the same code.

pub mod align;
pub mod diff;
mod github;
mod human;
mod json;
mod junit;
pub mod publish;
mod sarif;
pub mod status;
mod stream;
pub mod word_diff;

use crate::diagnostic::Report;

pub use human::{severity_name, Style};
pub use stream::{Rendered, SharedFile, Stream, Totals};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Github,
    Junit,
    Sarif,
}

/// Renders a report held whole in the given format: the same bytes as the
/// `Stream` the check writes as it goes.
pub fn render(report: &Report, format: Format, style: Style) -> String {
    let stream = Stream::in_memory(format, style, crate::diagnostic::Severity::Info);
    let mut out = Vec::new();
    stream.add(0, &report.findings).expect("memory takes every write");
    stream
        .finish(&report.releases, &mut out)
        .expect("memory takes every write");
    String::from_utf8(out).expect("reports are UTF-8")
}
