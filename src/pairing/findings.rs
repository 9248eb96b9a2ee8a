//! The findings of pairing: for each pair that is not in sync, what is
//! wrong (a side missing, the source drifted since sign-off, the target
//! edited, never signed off) and where on each side, with the source's
//! word-level change for a drifted pair. The check driver reports them
//! beside the quality checks; `sign_off` shows the unpaired ones when it
//! refuses. Whether a finding is silenced by a suppression is the driver's
//! business, not this module's.

use crate::diagnostic::{Code, Drift, Finding, Location, Origin};
use crate::document::segment::Segment;
use crate::release::Release;
use crate::tr;
use crate::workspace::Workspace;

use super::{join_text, Pair, PairStatus, PairedRelease};

/// A release's two files as its findings point into them: shared with the
/// release's documents, never copied, so that findings outlive the release.
pub struct Origins {
    pub source: Origin,
    pub target: Origin,
}

impl Origins {
    pub fn new(ws: &Workspace, release: &Release) -> Self {
        Origins {
            source: Origin::new(ws.source.tag.to_string(), release.source.shared_file()),
            target: Origin::new(ws.target.tag.to_string(), release.target.shared_file()),
        }
    }
}

/// The pairing findings of one release, in document order.
pub fn release_findings(ws: &Workspace, paired: &PairedRelease, origins: &Origins) -> Vec<Finding> {
    paired
        .pairs
        .iter()
        .filter_map(|pair| pair_finding(ws, paired, pair, origins))
        .collect()
}

/// The finding of one pair, or `None` when the pair is in sync or its
/// code is turned off. The severity is the workspace's, set here once.
pub fn pair_finding(
    ws: &Workspace,
    paired: &PairedRelease,
    pair: &Pair,
    origins: &Origins,
) -> Option<Finding> {
    if matches!(pair.status, PairStatus::InSync | PairStatus::OneSided) {
        return None;
    }
    // Named only for a pair to report: most pairs are in sync, and a
    // name is a Fluent lookup.
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
    finding.source = location(&origins.source, paired.source_segments(pair));
    finding.target = location(&origins.target, paired.target_segments(pair));
    if let Some(before) = paired.signed_off_source(pair) {
        finding.drift = Some(Drift {
            source_before: before.to_owned(),
            source_after: join_text(paired.source_segments(pair)),
        });
        finding.target_text = Some(join_text(paired.target_segments(pair)));
    }
    Some(finding)
}

/// Where a run of segments is, from the start of the first to the end of
/// the last, or `None` for an empty run.
pub fn location(origin: &Origin, segments: &[Segment]) -> Option<Location> {
    let (first, last) = (segments.first()?, segments.last()?);
    Some(origin.at(first.span.start..last.span.end.max(first.span.start)))
}

/// One segment by its kind, several by their count ("paragraph", "3 segments").
fn describe(segments: &[Segment]) -> String {
    let kind = match segments {
        [one] => one.kind.name(),
        _ => "segments",
    };
    tr!("segment-run", kind = kind, count = segments.len())
}
