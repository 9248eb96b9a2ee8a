//! `bitext check`: every release of the workspace (or the ones named) read,
//! paired and compared with its sign-off record, turned into findings.
//! Releases are independent, so they are checked in parallel and only their
//! findings are kept: memory stays flat however many releases there are.

use rayon::prelude::*;

use crate::diagnostic::{Code, Drift, Finding, Location};
use crate::error::Result;
use crate::pairing::{join_text, Pair, PairStatus, PairedRelease};
use crate::release::Release;
use crate::segment::Segment;
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

    pub fn count(&self, code: Code) -> usize {
        self.findings.iter().filter(|f| f.code == code).count()
    }
}

/// Checks the named releases, or all of them when `slugs` is empty.
pub fn check(ws: &Workspace, slugs: &[String]) -> Result<Report> {
    let slugs = if slugs.is_empty() {
        ws.release_slugs()?
    } else {
        slugs.to_vec()
    };
    let per_release: Vec<Vec<Finding>> = slugs
        .par_iter()
        .map(|slug| {
            let release = Release::load(ws, slug)?;
            Ok(release_findings(ws, &PairedRelease::new(ws, &release)))
        })
        .collect::<Result<_>>()?;
    Ok(Report {
        releases: slugs.len(),
        findings: per_release.into_iter().flatten().collect(),
    })
}

/// The pairing findings of one release, in document order.
pub fn release_findings(ws: &Workspace, paired: &PairedRelease) -> Vec<Finding> {
    paired
        .pairs
        .iter()
        .filter_map(|pair| pair_finding(ws, paired, pair))
        .collect()
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
