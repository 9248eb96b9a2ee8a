//! The JSON report: `{"version", "releases", "summary", "findings"}`, a
//! stable contract (see the README). `summary` counts every known code,
//! zero included, so that scripts can read any count without a default.

use serde::Serialize;

use crate::diagnostic::{Code, Finding, Report};

/// Bumped only when a field changes meaning or disappears.
pub const JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    releases: usize,
    summary: std::collections::BTreeMap<&'static str, usize>,
    findings: &'a [Finding],
}

pub fn render(report: &Report) -> String {
    let summary = Code::ALL
        .iter()
        .map(|&code| (code.as_str(), report.count(code)))
        .collect();
    let json = JsonReport {
        version: JSON_VERSION,
        releases: report.releases.len(),
        summary,
        findings: &report.findings,
    };
    let mut text = serde_json::to_string_pretty(&json).expect("report serialises");
    text.push('\n');
    text
}
