//! `bitext sign-off`: a person's statement that this French is approved for
//! this English, recorded in the release's `bitext.lock`. It is never made
//! silently: a release whose English drifted since the French was approved,
//! that has error-level findings, or unpaired segments, is refused unless
//! each of those is accepted by its line (`--accept`) or all of them are
//! (`--force`). The decision is made here from the findings the caller
//! gives (the check driver runs the checks); writing holds the release
//! folder's lock so a second writer waits.

use std::path::Path;
use std::process::Command;

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::diagnostic::{Finding, Severity};
use crate::error::{Error, Result};
use crate::pairing::lock::{Lock, Signature, LOCK_FILE};
use crate::pairing::{PairStatus, PairedRelease};

/// A pair line a translator approves explicitly: a line of the source
/// document, or of the target document when the finding has no source side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accept {
    /// A line on either side: the source line of the finding, or its
    /// target line when it has no source.
    Line(usize),
    /// A line of the source document (`en.md:12`).
    Source(usize),
    /// A line of the target document (`fr.md:12`).
    Target(usize),
}

impl Accept {
    fn matches(self, finding: &Finding) -> bool {
        let line = |side: &Option<crate::diagnostic::Location>| side.as_ref().map(|l| l.position().line);
        match self {
            Accept::Line(n) => line(&finding.source).or(line(&finding.target)) == Some(n),
            Accept::Source(n) => line(&finding.source) == Some(n),
            Accept::Target(n) => line(&finding.target) == Some(n),
        }
    }
}

impl std::fmt::Display for Accept {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Accept::Line(n) => write!(f, "{n}"),
            Accept::Source(n) => write!(f, "source:{n}"),
            Accept::Target(n) => write!(f, "target:{n}"),
        }
    }
}

/// What the translator approves beyond a clean release.
#[derive(Debug, Clone, Default)]
pub struct Approval {
    /// Approve every finding that would refuse the sign-off.
    pub force: bool,
    /// Approve the findings on these lines.
    pub accept: Vec<Accept>,
}

/// What one sign-off approved.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub pairs: usize,
    /// Pairs never signed off before.
    pub new: usize,
    /// Pairs whose target was edited since the last sign-off.
    pub target_edits: usize,
    /// Drifted pairs accepted with the target as it is.
    pub drifts_accepted: usize,
    /// Unpaired segments recorded as one-sided.
    pub one_sided: usize,
    /// Other error-level findings accepted.
    pub errors_accepted: usize,
}

/// The decision for one release.
#[derive(Debug)]
pub enum Decision {
    /// May be written: the record and what it approves.
    Sign { lock: Box<Lock>, summary: Summary },
    /// Every pair is as signed off: the record stays as it is, keeping who
    /// approved it and when.
    Unchanged(Summary),
    /// Refused: the findings that were not accepted.
    Refuse(Vec<Finding>),
}

/// Decides whether a release may be signed off, given its error-level
/// findings (pairing and checks). `accepted` collects the approvals used,
/// so that the caller can refuse one that matched nothing.
pub fn decide(
    paired: &PairedRelease,
    errors: Vec<Finding>,
    approval: &Approval,
    signature: &Signature,
    accepted: &mut Vec<Accept>,
) -> Decision {
    let mut refused = Vec::new();
    let mut summary = Summary {
        pairs: paired.pairs.len(),
        ..Summary::default()
    };
    for finding in errors.into_iter().filter(|f| f.severity == Severity::Error) {
        let by_line = approval.accept.iter().copied().find(|a| a.matches(&finding));
        match (approval.force, by_line) {
            (_, Some(accept)) => accepted.push(accept),
            (true, None) => {}
            (false, None) => {
                refused.push(finding);
                continue;
            }
        }
        if !finding.code.is_unpaired() && finding.code != crate::diagnostic::Code::SourceDrifted {
            summary.errors_accepted += 1;
        }
    }
    if !refused.is_empty() {
        return Decision::Refuse(refused);
    }
    for pair in &paired.pairs {
        match pair.status {
            PairStatus::NotSignedOff => summary.new += 1,
            PairStatus::TargetEdited => summary.target_edits += 1,
            PairStatus::SourceDrifted { .. } => summary.drifts_accepted += 1,
            PairStatus::MissingTranslation | PairStatus::MissingSource { .. } => summary.one_sided += 1,
            PairStatus::InSync | PairStatus::OneSided => {}
        }
    }
    // A record that would say exactly what the lock says already is left
    // alone, keeping who approved it and when; a version 1 record, which
    // lacks the target text, is upgraded. A version 2 record that says the
    // same is rewritten in the current format with its own signature: a
    // new format is not a new approval.
    let record = paired.record();
    let same = paired
        .release
        .lock
        .as_ref()
        .filter(|lock| lock.pairs() == record.pairs());
    let signature = match same {
        Some(lock) if lock.is_current() => return Decision::Unchanged(summary),
        Some(lock) => lock.signature().unwrap_or(signature),
        None => signature,
    };
    Decision::Sign {
        lock: Box::new(record.signed(Some(signature.clone()))),
        summary,
    }
}

/// Writes one release's record under its folder's lock, so a second
/// writer waits. Inside the command's [`crate::atomic::Batch`] the record
/// is only staged (written and synced beside its place): it is put in
/// place when the batch is committed, once every release of the run has
/// been decided, so that bad input in one release leaves every record as
/// it was.
pub fn write(dir: &Path, lock: &Lock) -> Result<()> {
    let guard = std::fs::File::open(dir).map_err(|e| Error::io(dir, e))?;
    // Held until `guard` is dropped on return.
    guard.lock().map_err(|e| Error::io(dir, e))?;
    lock.write(&dir.join(LOCK_FILE))
}

/// Who signs off: `by` when given (a flag beats what is found, as
/// everywhere in bitext), else the git author configured for the
/// workspace (`user.name` and `user.email`), else the operating-system user.
pub fn signer(root: &Path, by: Option<&str>) -> String {
    if let Some(by) = by.map(str::trim).filter(|b| !b.is_empty()) {
        return by.to_string();
    }
    let git = |key: &str| {
        Command::new("git")
            .arg("-C")
            .arg(root)
            .args(["config", "--get", key])
            .output()
            .ok()
            .filter(|out| out.status.success())
            .and_then(|out| String::from_utf8(out.stdout).ok())
            .map(|text| text.trim().to_string())
            .filter(|text| !text.is_empty())
    };
    match (git("user.name"), git("user.email")) {
        (Some(name), Some(email)) => format!("{name} <{email}>"),
        (Some(name), None) => name,
        (None, Some(email)) => email,
        (None, None) => ["USER", "USERNAME"]
            .iter()
            .find_map(|v| std::env::var(v).ok().filter(|u| !u.is_empty()))
            .unwrap_or_else(|| "unknown".to_string()),
    }
}

/// The time of a sign-off in RFC 3339: now, or `SOURCE_DATE_EPOCH` when it
/// is set (the reproducible-builds convention), so that records made by
/// scripts and tests can be compared byte for byte.
pub fn signed_at() -> String {
    let now = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|s| OffsetDateTime::from_unix_timestamp(s).ok())
        .unwrap_or_else(OffsetDateTime::now_utc);
    now.format(&Rfc3339)
        .unwrap_or_else(|_| now.unix_timestamp().to_string())
}
