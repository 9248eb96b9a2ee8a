//! The publishing gate: which releases may go out now, which wait, and which
//! are blocked. A draft, or an approved release whose embargo has not
//! passed, *waits*: that is a newsroom's normal day, never an error. An
//! approved (or already published) release goes out when both documents are
//! there and open with a title, `bitext check` finds nothing at error level
//! in it or in the shared resources every release uses, and every local file
//! it references is an asset bitext publishes (`asset`). One that fails is
//! *blocked*. The gate only decides; it writes nothing.

use std::collections::BTreeMap;

use time::{OffsetDateTime, UtcOffset};

use crate::checks::driver;
use crate::diagnostic::{Finding, Severity};
use crate::error::Result;
use crate::release::{Release, ReleaseMeta, Status};
use crate::workspace::Workspace;

use super::asset;
use super::date;

/// Why a release is not published now.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Reason {
    /// Its status is `draft` (waits).
    Draft,
    /// Its embargo lifts at this instant, kept in the offset it was written
    /// in (waits).
    Embargoed { until: OffsetDateTime },
    /// `bitext check` found these error-level findings in the release, or in
    /// shared resources (`release: None`).
    Findings(Vec<Finding>),
    /// A document has no heading to be the page's title (the language's name).
    NoTitle { lang: String },
    /// A document is missing (the language's name and the file's path).
    Missing { lang: String, path: String },
    /// A local file the release references cannot be published.
    Asset(asset::Refused),
}

impl Reason {
    /// Whether this reason only makes the release wait.
    pub fn waits(&self) -> bool {
        matches!(self, Reason::Draft | Reason::Embargoed { .. })
    }

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
            Reason::Missing { lang, path } => {
                crate::tr!(
                    "gate-missing-document",
                    lang = lang.as_str(),
                    path = path.as_str()
                )
            }
            Reason::Asset(refused) => refused.describe(),
        }
    }
}

/// A release the gate held back, waiting or blocked, with every reason that
/// applies.
#[derive(Debug, Clone)]
pub struct Held {
    pub slug: String,
    pub reasons: Vec<Reason>,
    /// When the version of it that stays on the site went out, if it was
    /// live and is kept (`YYYY-MM-DD`). Filled in by `publish`, which knows
    /// the previous site.
    pub kept_live: Option<String>,
}

/// A release as `publish` could read it: whole, or with a document missing
/// (which a draft may well be).
#[derive(Debug)]
pub enum Candidate {
    Whole(Box<Release>),
    /// Its metadata, and the missing document's language name and path.
    Incomplete {
        slug: String,
        meta: Box<ReleaseMeta>,
        lang: String,
        path: String,
    },
}

/// The gate's decision over a workspace's releases.
#[derive(Debug, Default)]
pub struct Decision {
    /// Releases that may be published, in slug order.
    pub ready: Vec<Release>,
    /// Drafts and embargoed releases: normal, never an error.
    pub waiting: Vec<Held>,
    /// Approved or published releases that fail the gate.
    pub blocked: Vec<Held>,
}

/// Why a release waits, from its metadata alone, or nothing.
fn waits(meta: &ReleaseMeta, now: OffsetDateTime) -> Option<Reason> {
    if meta.status == Status::Draft {
        return Some(Reason::Draft);
    }
    let until = meta.embargo().and_then(date::instant)?;
    (until > now).then_some(Reason::Embargoed { until })
}

/// Decides, for every release given, whether it may be published at `now`.
pub fn decide(ws: &Workspace, candidates: Vec<Candidate>, now: OffsetDateTime) -> Result<Decision> {
    let mut decision = Decision::default();
    let mut reasons: BTreeMap<String, Vec<Reason>> = BTreeMap::new();
    let mut to_check = Vec::new();
    for candidate in candidates {
        let release = match candidate {
            Candidate::Whole(release) => *release,
            Candidate::Incomplete {
                slug,
                meta,
                lang,
                path,
            } => {
                let (list, reason) = match waits(&meta, now) {
                    Some(reason) => (&mut decision.waiting, reason),
                    None => (&mut decision.blocked, Reason::Missing { lang, path }),
                };
                list.push(Held {
                    slug,
                    reasons: vec![reason],
                    kept_live: None,
                });
                continue;
            }
        };
        if let Some(reason) = waits(&release.meta, now) {
            decision.waiting.push(Held {
                slug: release.slug,
                reasons: vec![reason],
                kept_live: None,
            });
            continue;
        }
        let entry = reasons.entry(release.slug.clone()).or_default();
        // A document opens with its title heading: a page cannot go out
        // without one (many exported pages keep it in front matter), nor
        // with a later section heading standing in for it.
        for (lang, file) in [(&ws.source, &release.source), (&ws.target, &release.target)] {
            if !super::markdown::opens_with_heading(file.text()) {
                entry.push(Reason::NoTitle { lang: lang.name() });
            }
        }
        let texts = [release.source.text(), release.target.text()];
        entry.extend(asset::review(&release.dir, &texts).into_iter().map(Reason::Asset));
        to_check.push(release);
    }
    if !to_check.is_empty() {
        let refs: Vec<&Release> = to_check.iter().collect();
        let report = driver::check_releases(ws, &refs, Severity::Error)?;
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
    for release in to_check {
        match reasons.remove(&release.slug) {
            Some(reasons) if !reasons.is_empty() => decision.blocked.push(Held {
                slug: release.slug,
                reasons,
                kept_live: None,
            }),
            _ => decision.ready.push(release),
        }
    }
    decision.waiting.sort_by(|a, b| a.slug.cmp(&b.slug));
    decision.blocked.sort_by(|a, b| a.slug.cmp(&b.slug));
    decision.ready.sort_by(|a, b| a.slug.cmp(&b.slug));
    Ok(decision)
}
