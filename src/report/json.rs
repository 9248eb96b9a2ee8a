//! The JSON report: `{"version", "releases", "summary", "findings"}`, a
//! stable contract (see the README). `summary` counts every known code,
//! zero included, so that scripts can read any count without a default.

use serde::Serialize;

use crate::diagnostic::{Code, Finding};

/// Bumped only when a field changes meaning or disappears.
pub const JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonReport<T> {
    version: u32,
    releases: usize,
    summary: std::collections::BTreeMap<&'static str, usize>,
    findings: T,
}

/// The report around its findings: `findings` is `[]` or holds the one
/// `item` given, which the stream replaces with the findings.
pub(super) fn skeleton(releases: usize, counts: &[usize], item: Option<&str>) -> String {
    let summary = Code::ALL
        .iter()
        .zip(counts)
        .map(|(code, &count)| (code.as_str(), count))
        .collect();
    let json = JsonReport {
        version: JSON_VERSION,
        releases,
        summary,
        findings: item.into_iter().collect::<Vec<_>>(),
    };
    let mut text = serde_json::to_string_pretty(&json).expect("report serialises");
    text.push('\n');
    text
}

/// One finding, as the report prints it at the outermost indentation.
pub(super) fn item(finding: &Finding) -> String {
    serde_json::to_string_pretty(finding).expect("finding serialises")
}
