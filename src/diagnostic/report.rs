//! The outcome of a check: the releases looked at and the findings made,
//! in a stable order. Every reporter prints one of these; the findings
//! carry the files they point into, so a report is complete in itself.

use super::{Code, Finding, Severity};

#[derive(Debug, Default)]
pub struct Report {
    /// The slugs of the releases checked, in order.
    pub releases: Vec<String>,
    pub findings: Vec<Finding>,
}

impl Report {
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }

    /// Whether an input could not be read as a whole (a `.ftl` syntax
    /// error): the report is complete, but the run exits 2.
    pub fn is_broken(&self) -> bool {
        self.findings.iter().any(|f| f.code.is_unreadable_input())
    }

    pub fn count(&self, code: Code) -> usize {
        self.findings.iter().filter(|f| f.code == code).count()
    }
}
