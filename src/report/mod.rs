//! Printing a check report: `human` (rustc-like, with the source lines of
//! both sides), `json` (the stable contract documented in the README),
//! `github` (workflow annotations), `junit` (CI test results) and `sarif`
//! (SARIF 2.1.0 for code scanning). Reporters only format; they never decide
//! what is a finding. Each takes the `diagnostic::Report` and works out
//! lines and columns from the findings' spans as it writes.

pub mod align;
pub mod diff;
mod github;
mod human;
mod json;
mod junit;
pub mod publish;
mod sarif;
pub mod status;
pub mod word_diff;

use crate::diagnostic::Report;

pub use human::{severity_name, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Github,
    Junit,
    Sarif,
}

/// Renders a report in the given format.
pub fn render(report: &Report, format: Format, style: Style) -> String {
    match format {
        Format::Human => human::render(report, style),
        Format::Json => json::render(report),
        Format::Github => github::render(report),
        Format::Junit => junit::render(report),
        Format::Sarif => sarif::render(report),
    }
}
