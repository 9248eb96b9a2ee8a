//! One finding: its code, severity, release, message and where it points on
//! each side, with the source's text before and after a drift.

use serde::Serialize;

use super::{Code, Location, Severity};

/// The text of the source before and after a change since sign-off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Drift {
    pub source_before: String,
    pub source_after: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    /// The release slug, or `None` for findings about shared resources.
    pub release: Option<String>,
    pub message: String,
    pub source: Option<Location>,
    pub target: Option<Location>,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub drift: Option<Drift>,
    /// The current text of the target, shown beside a drifted source.
    #[serde(skip)]
    pub target_text: Option<String>,
}

impl Finding {
    pub fn new(code: Code, severity: Severity, message: impl Into<String>) -> Self {
        Finding {
            code,
            severity,
            release: None,
            message: message.into(),
            source: None,
            target: None,
            drift: None,
            target_text: None,
        }
    }

    /// The location shown first: the source side when there is one.
    pub fn primary(&self) -> Option<&Location> {
        self.source.as_ref().or(self.target.as_ref())
    }
}
