//! `bitext check`: every release of the workspace (or the ones named) read,
//! paired and compared with its sign-off record, turned into findings.
//! Releases are independent, so they are checked in parallel and only their
//! findings are kept: memory stays flat however many releases there are.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use crate::boilerplate::{self, Boilerplate};
use crate::diagnostic::{Code, Drift, Finding, Location};
use crate::error::Result;
use crate::pairing::{join_text, Pair, PairStatus, PairedRelease};
use crate::release::Release;
use crate::segment::{Segment, SegmentKind};
use crate::source::SourceFile;
use crate::tr;
use crate::workspace::{Language, Workspace};

/// The outcome of a check: findings in a stable order.
#[derive(Debug, Default)]
pub struct Report {
    pub releases: usize,
    pub findings: Vec<Finding>,
}

impl Report {
    pub fn has_errors(&self) -> bool {
        self.findings
            .iter()
            .any(|f| f.severity == crate::diagnostic::Severity::Error)
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

/// Checks the named releases, or all of them when `slugs` is empty, and
/// the workspace's boilerplate. The locale trees are read once; their
/// findings come first, with no release.
pub fn check(ws: &Workspace, slugs: &[String]) -> Result<Report> {
    let slugs = if slugs.is_empty() {
        ws.release_slugs()?
    } else {
        slugs.to_vec()
    };
    let boilerplate = Boilerplate::load(ws)?;
    let per_release: Vec<(Vec<Finding>, BTreeSet<String>)> = slugs
        .par_iter()
        .map(|slug| {
            let release = Release::load(ws, slug)?;
            let paired = PairedRelease::new(ws, &release);
            // A block reference with no partner is reported by
            // `boilerplate-unpaired`, which names the message.
            let mut findings = pairing_findings(ws, &paired, |pair| !is_unpaired_reference(&paired, pair));
            let usage = boilerplate::usage::release_usage(ws, &boilerplate, &release)?;
            findings.extend(usage.findings);
            Ok((findings, usage.ids))
        })
        .collect::<Result<_>>()?;
    let mut used_by: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (slug, (_, ids)) in slugs.iter().zip(&per_release) {
        for id in ids {
            used_by.entry(id.clone()).or_default().insert(slug.clone());
        }
    }
    let mut findings = boilerplate::locale_tree::findings(ws, &boilerplate);
    findings.extend(boilerplate::locale_lock::findings(ws, &boilerplate, &used_by)?);
    findings.extend(per_release.into_iter().flat_map(|(f, _)| f));
    Ok(Report {
        releases: slugs.len(),
        findings,
    })
}

/// The pairing findings of one release, in document order.
pub fn release_findings(ws: &Workspace, paired: &PairedRelease) -> Vec<Finding> {
    pairing_findings(ws, paired, |_| true)
}

fn pairing_findings(ws: &Workspace, paired: &PairedRelease, keep: impl Fn(&Pair) -> bool) -> Vec<Finding> {
    paired
        .pairs
        .iter()
        .filter(|pair| keep(pair))
        .filter_map(|pair| pair_finding(ws, paired, pair))
        .collect()
}

/// An unpaired run of segments that are all block boilerplate references.
fn is_unpaired_reference(paired: &PairedRelease, pair: &Pair) -> bool {
    pair.status.is_unpaired()
        && paired
            .source_segments(pair)
            .iter()
            .chain(paired.target_segments(pair))
            .all(|s| s.kind == SegmentKind::Boilerplate)
}

fn pair_finding(ws: &Workspace, paired: &PairedRelease, pair: &Pair) -> Option<Finding> {
    let (source, target) = (ws.source.name(), ws.target.name());
    let (code, message) = match pair.status {
        PairStatus::InSync | PairStatus::OneSided => return None,
        PairStatus::MissingTranslation => {
            let run = paired.source_segments(pair);
            (
                Code::MissingTranslation,
                tr!(
                    "finding-missing-translation",
                    source = source,
                    target = target,
                    what = describe(run),
                    count = run.len()
                ),
            )
        }
        PairStatus::MissingSource { removed } => {
            let run = paired.target_segments(pair);
            let (what, count) = (describe(run), run.len());
            let message = if removed {
                tr!(
                    "finding-source-removed",
                    source = source,
                    target = target,
                    what = what,
                    count = count
                )
            } else {
                tr!(
                    "finding-missing-source",
                    source = source,
                    target = target,
                    what = what,
                    count = count
                )
            };
            (Code::MissingSource, message)
        }
        PairStatus::SourceDrifted { .. } => (
            Code::SourceDrifted,
            tr!("finding-source-drifted", source = source, target = target),
        ),
        PairStatus::TargetEdited => (
            Code::TargetEdited,
            tr!("finding-target-edited", source = source, target = target),
        ),
        PairStatus::NotSignedOff => (Code::NotSignedOff, tr!("finding-not-signed-off")),
    };
    let severity = ws.severity(code)?;
    let mut finding = Finding::new(code, severity, message);
    finding.release = Some(paired.release.slug.clone());
    finding.source = location(&ws.source, &paired.release.source, paired.source_segments(pair));
    finding.target = location(&ws.target, &paired.release.target, paired.target_segments(pair));
    if let Some(before) = paired.signed_off_source(pair) {
        finding.drift = Some(Drift {
            source_before: before.to_owned(),
            source_after: join_text(paired.source_segments(pair)),
        });
        finding.target_text = Some(join_text(paired.target_segments(pair)));
    }
    Some(finding)
}

/// Where a run of segments starts, or `None` for an empty run.
pub fn location(lang: &Language, file: &SourceFile, segments: &[Segment]) -> Option<Location> {
    let first = segments.first()?;
    Some(Location::new(
        lang.tag.to_string(),
        file.path(),
        file.position(first.span.start),
    ))
}

/// One segment by its kind, several by their count ("paragraph", "3 segments").
fn describe(segments: &[Segment]) -> String {
    let kind = match segments {
        [one] => one.kind.name(),
        _ => "segments",
    };
    tr!("segment-run", kind = kind, count = segments.len())
}
