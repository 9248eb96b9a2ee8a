//! The publishing gate: which releases may go out now, which wait, and which
//! are blocked. A draft, or an approved release whose embargo has not
//! passed, *waits*: that is a newsroom's normal day, never an error. An
//! approved (or already published) release goes out when both documents are
//! there and open with a title, `bitext check` finds nothing at error level
//! in it or in the shared resources every release uses, and every local file
//! it references is an asset bitext publishes (`asset`). One that fails is
//! *blocked*. The gate only decides; it writes nothing but the check
//! cache, and only through its caller once the run went through.
//!
//! The gate keeps no release's text: `publish` reads each release once
//! (`problems` looks at its documents then) and hands over a `Scanned`
//! summary; the error-level findings come from `checks::driver`'s streamed
//! check, which replays unchanged releases from the check cache, and only
//! the errors are kept.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use time::{OffsetDateTime, UtcOffset};

use crate::cache::Cache;
use crate::checks::driver::{self, NoProgress, Sink};
use crate::diagnostic::{Finding, Severity};
use crate::error::Result;
use crate::release::{ReleaseMeta, Status};
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

/// A release as `publish` read it: its metadata and what its documents
/// say, or its metadata with a document missing (which a draft may well
/// be). The documents' text is not kept.
#[derive(Debug)]
pub enum Candidate {
    Whole(Box<Scanned>),
    /// Its metadata, and the missing document's language name and path.
    Incomplete {
        slug: String,
        meta: Box<ReleaseMeta>,
        lang: String,
        path: String,
    },
}

/// A release with both documents, as far as the gate and the build need
/// it once its documents are let go.
#[derive(Debug)]
pub struct Scanned {
    pub slug: String,
    pub dir: PathBuf,
    pub meta: ReleaseMeta,
    /// What in its documents blocks it (`problems`); not looked for in a
    /// release that waits.
    pub problems: Vec<Reason>,
    /// The SHA-256 of each side's Markdown as published (boilerplate
    /// expanded), when the build asked for it (see `publish::scan`).
    pub published: Option<[String; 2]>,
    /// Whether its Markdown as published is its documents' text, read as
    /// plain text (`publish::plain_text`): no boilerplate to expand.
    pub plain: bool,
    /// The names of the files in its folder but `release.toml`, when the
    /// scan listed it and found regular files only (`scan_cache::folder`):
    /// the render key hashes them without listing the folder again.
    pub files: Option<Vec<String>>,
}

/// The gate's decision over a workspace's releases.
#[derive(Debug, Default)]
pub struct Decision {
    /// Releases that may be published, in slug order.
    pub ready: Vec<Scanned>,
    /// Drafts and embargoed releases: normal, never an error.
    pub waiting: Vec<Held>,
    /// Approved or published releases that fail the gate.
    pub blocked: Vec<Held>,
}

/// Why a release waits, from its metadata alone, or nothing.
pub fn waits(meta: &ReleaseMeta, now: OffsetDateTime) -> Option<Reason> {
    if meta.status == Status::Draft {
        return Some(Reason::Draft);
    }
    let until = meta.embargo().and_then(date::instant)?;
    (until > now).then_some(Reason::Embargoed { until })
}

/// What in a release's documents keeps it off the site: a document that
/// does not open with its title heading (a page cannot go out without one,
/// and many exported pages keep it in front matter, nor with a later
/// section heading standing in for it), and referenced files bitext does
/// not publish.
/// `texts` are the source and target documents of the release in `dir`.
pub fn problems(ws: &Workspace, dir: &Path, texts: [&str; 2]) -> Vec<Reason> {
    let mut problems = Vec::new();
    for (lang, text) in [(&ws.source, texts[0]), (&ws.target, texts[1])] {
        if !super::markdown::opens_with_heading(text) {
            problems.push(Reason::NoTitle { lang: lang.name() });
        }
    }
    problems.extend(asset::review(dir, &texts).into_iter().map(Reason::Asset));
    problems
}

/// Keeps the error-level findings of each release checked, by its place in
/// the run (`0`: the shared resources'), and lets the others go.
#[derive(Default)]
struct Errors(Mutex<Vec<(usize, Vec<Finding>)>>);

impl Sink for Errors {
    fn findings(&self, order: usize, findings: Vec<Finding>) -> Result<()> {
        let errors: Vec<Finding> = findings
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .collect();
        if !errors.is_empty() {
            self.0
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push((order, errors));
        }
        Ok(())
    }
}

/// Decides, for every release given, whether it may be published at `now`.
/// The releases that do not wait are checked at error level, through the
/// check cache when `cached` (the same `.bitext/cache/` entries as `bitext
/// check --quiet`): the cache is handed back, to be saved once the run went
/// through.
pub fn decide(
    ws: &Workspace,
    candidates: Vec<Candidate>,
    now: OffsetDateTime,
    cached: bool,
) -> Result<(Decision, Option<Cache>)> {
    let mut decision = Decision::default();
    let mut to_check = Vec::new();
    for candidate in candidates {
        let scanned = match candidate {
            Candidate::Whole(scanned) => *scanned,
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
        if let Some(reason) = waits(&scanned.meta, now) {
            decision.waiting.push(Held {
                slug: scanned.slug,
                reasons: vec![reason],
                kept_live: None,
            });
            continue;
        }
        to_check.push(scanned);
    }
    let mut cache = None;
    let mut findings: Vec<Vec<Finding>> = vec![Vec::new(); to_check.len() + 1];
    if !to_check.is_empty() {
        let slugs: Vec<String> = to_check.iter().map(|r| r.slug.clone()).collect();
        let errors = Errors::default();
        let checked = driver::check_streaming(ws, &slugs, Severity::Error, &NoProgress, cached, &errors)?;
        cache = checked.cache;
        for (order, batch) in errors.0.into_inner().unwrap_or_else(|e| e.into_inner()) {
            findings[order].extend(batch);
        }
    }
    let shared = std::mem::take(&mut findings[0]);
    for (mut scanned, mut findings) in to_check.into_iter().zip(findings.into_iter().skip(1)) {
        let mut reasons = std::mem::take(&mut scanned.problems);
        findings.extend(shared.iter().cloned());
        if !findings.is_empty() {
            reasons.push(Reason::Findings(findings));
        }
        if reasons.is_empty() {
            decision.ready.push(scanned);
        } else {
            decision.blocked.push(Held {
                slug: scanned.slug,
                reasons,
                kept_live: None,
            });
        }
    }
    decision.waiting.sort_by(|a, b| a.slug.cmp(&b.slug));
    decision.blocked.sort_by(|a, b| a.slug.cmp(&b.slug));
    decision.ready.sort_by(|a, b| a.slug.cmp(&b.slug));
    Ok((decision, cache))
}
