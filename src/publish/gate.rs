//! The publishing gate: which releases may go out now. A release passes when
//! its status is `approved` (or already `published`), its embargo has passed,
//! and `bitext check` finds nothing at error level in it or in the shared
//! resources every release uses. The gate only decides; it writes nothing.

use std::collections::BTreeMap;

use time::{OffsetDateTime, UtcOffset};

use crate::checks::driver;
use crate::diagnostic::{Finding, Severity};
use crate::error::Result;
use crate::release::{Release, Status};
use crate::workspace::Workspace;

use super::date;

/// Why a release cannot be published now.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Reason {
    /// Its status is `draft`.
    Draft,
    /// Its embargo lifts at this instant (kept in the offset it was written in).
    Embargoed { until: OffsetDateTime },
    /// `bitext check` found these error-level findings in the release, or in
    /// shared resources (`release: None`).
    Findings(Vec<Finding>),
    /// A document has no heading to be the page's title (the language's name).
    NoTitle { lang: String },
}

impl Reason {
    /// One line for a person: the status, or the embargo in UTC and in the
    /// offset it was given, or how many findings.
    pub fn describe(&self) -> String {
        match self {
            Reason::Draft => crate::tr!("gate-draft"),
            Reason::Embargoed { until } => {
                let utc = date::human(until.to_offset(UtcOffset::UTC));
                if until.offset().is_utc() {
                    crate::tr!("gate-embargoed", utc = utc)
                } else {
                    crate::tr!("gate-embargoed-offset", utc = utc, local = date::human(*until))
                }
            }
            Reason::Findings(findings) => crate::tr!("gate-findings", count = findings.len()),
            Reason::NoTitle { lang } => crate::tr!("gate-no-title", lang = lang.as_str()),
        }
    }
}

/// A release the gate held back, with every reason that applies.
#[derive(Debug, Clone)]
pub struct Blocked {
    pub slug: String,
    pub reasons: Vec<Reason>,
}

/// The gate's decision over a workspace's releases.
#[derive(Debug, Default)]
pub struct Decision {
    /// Releases that may be published, in slug order.
    pub ready: Vec<Release>,
    pub blocked: Vec<Blocked>,
}

/// Decides, for every release given, whether it may be published at `now`.
pub fn decide(ws: &Workspace, releases: Vec<Release>, now: OffsetDateTime) -> Result<Decision> {
    let mut reasons: BTreeMap<String, Vec<Reason>> = BTreeMap::new();
    let mut to_check = Vec::new();
    for release in &releases {
        let entry = reasons.entry(release.slug.clone()).or_default();
        if release.meta.status == Status::Draft {
            entry.push(Reason::Draft);
            continue;
        }
        if let Some(until) = release.meta.embargo().and_then(date::instant) {
            if until > now {
                entry.push(Reason::Embargoed { until });
            }
        }
        // A document opens with its title heading: a page cannot go out
        // without one (many exported pages keep it in front matter), nor
        // with a later section heading standing in for it.
        for (lang, file) in [(&ws.source, &release.source), (&ws.target, &release.target)] {
            if !super::markdown::opens_with_heading(file.text()) {
                entry.push(Reason::NoTitle { lang: lang.name() });
            }
        }
        to_check.push(release);
    }
    if !to_check.is_empty() {
        let report = driver::check_releases(ws, &to_check, Severity::Error)?;
        let mut shared = Vec::new();
        let mut per_release: BTreeMap<String, Vec<Finding>> = BTreeMap::new();
        for finding in report.findings {
            if finding.severity != Severity::Error {
                continue;
            }
            match &finding.release {
                Some(slug) => per_release.entry(slug.clone()).or_default().push(finding),
                None => shared.push(finding),
            }
        }
        for slug in to_check.iter().map(|r| &r.slug) {
            let mut findings = per_release.remove(slug).unwrap_or_default();
            findings.extend(shared.iter().cloned());
            if !findings.is_empty() {
                reasons
                    .entry(slug.clone())
                    .or_default()
                    .push(Reason::Findings(findings));
            }
        }
    }
    let mut decision = Decision::default();
    for release in releases {
        match reasons.remove(&release.slug) {
            Some(reasons) if !reasons.is_empty() => decision.blocked.push(Blocked {
                slug: release.slug,
                reasons,
            }),
            _ => decision.ready.push(release),
        }
    }
    Ok(decision)
}
