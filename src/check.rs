//! `bitext check`: every release of the workspace (or the ones named) read,
//! paired and compared with its sign-off record, then every pair with both
//! sides run through the quality checks (`checks`), inline suppressions
//! applied, turned into findings. Releases are independent, so they are
//! checked in parallel and only their findings are kept: memory stays flat
//! however many releases there are. `fixes` runs the same way and keeps the
//! safe edits of the target files instead.

use std::collections::HashSet;

use rayon::prelude::*;

use crate::checks::fix::FileFix;
use crate::checks::suppression::{self, Suppression};
use crate::checks::{self, Edit, Glossary, Hit, Side};
use crate::diagnostic::{Code, Drift, Finding, Location};
use crate::error::Result;
use crate::pairing::{join_text, Pair, PairStatus, PairedRelease};
use crate::release::Release;
use crate::segment::Segment;
use crate::source::SourceFile;
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
    let slugs = resolve(ws, slugs)?;
    let glossary = Glossary::load(ws)?;
    let cx = checks::Context::new(ws, &glossary);
    let per_release: Vec<Vec<Finding>> = slugs
        .par_iter()
        .map(|slug| {
            let release = Release::load(ws, slug)?;
            Ok(examine(ws, &cx, &PairedRelease::new(ws, &release)).findings)
        })
        .collect::<Result<_>>()?;
    Ok(Report {
        releases: slugs.len(),
        findings: per_release.into_iter().flatten().collect(),
    })
}

/// The safe fixes of the named releases' target files (all releases when
/// `slugs` is empty): only files that would change.
pub fn fixes(ws: &Workspace, slugs: &[String]) -> Result<Vec<FileFix>> {
    let slugs = resolve(ws, slugs)?;
    let glossary = Glossary::load(ws)?;
    let cx = checks::Context::new(ws, &glossary);
    let fixes: Vec<Option<FileFix>> = slugs
        .par_iter()
        .map(|slug| {
            let release = Release::load(ws, slug)?;
            let edits = examine(ws, &cx, &PairedRelease::new(ws, &release)).edits;
            FileFix::new(&ws.root, release.target.path(), edits)
        })
        .collect::<Result<_>>()?;
    Ok(fixes.into_iter().flatten().collect())
}

fn resolve(ws: &Workspace, slugs: &[String]) -> Result<Vec<String>> {
    if slugs.is_empty() {
        ws.release_slugs()
    } else {
        Ok(slugs.to_vec())
    }
}

/// What checking one release gives: its findings in document order, and
/// the safe edits of its target file (of findings neither suppressed nor
/// turned off).
#[derive(Debug, Default)]
pub struct Examined {
    pub findings: Vec<Finding>,
    pub edits: Vec<Edit>,
}

/// The pairing and quality findings of one release, suppressions applied.
pub fn examine(ws: &Workspace, cx: &checks::Context, paired: &PairedRelease) -> Examined {
    let release = paired.release;
    let (mut source_suppressions, source_problems) = suppression::parse(&release.source);
    let (mut target_suppressions, target_problems) = suppression::parse(&release.target);
    let mut out = Examined::default();
    let mut seen = HashSet::new();
    for pair in &paired.pairs {
        let source_segments = paired.source_segments(pair);
        let target_segments = paired.target_segments(pair);
        let mut hits: Vec<Hit> = Vec::new();
        let pairing = pair_finding(ws, paired, pair);
        if !source_segments.is_empty() && !target_segments.is_empty() {
            let source = Side {
                lang: &ws.source,
                file: &release.source,
                segments: source_segments,
                before: before(&paired.source, &pair.alignment.source),
                after: after(&paired.source, &pair.alignment.source),
            };
            let target = Side {
                lang: &ws.target,
                file: &release.target,
                segments: target_segments,
                before: before(&paired.target, &pair.alignment.target),
                after: after(&paired.target, &pair.alignment.target),
            };
            hits = checks::check_pair(cx, &source, &target);
            // An image inside a paragraph is scanned with both: report once.
            hits.retain(|h| h.target_at.is_none() || seen.insert((h.code, h.target_at)));
        }
        let mut silenced = |code: Code| {
            let mut hit = false;
            for (list, file, segments) in [
                (&mut source_suppressions, &release.source, source_segments),
                (&mut target_suppressions, &release.target, target_segments),
            ] {
                for s in list.iter_mut() {
                    if s.codes.contains(&code) && segments.iter().any(|seg| s.covers(file, seg)) {
                        s.used = true;
                        hit = true;
                    }
                }
            }
            hit
        };
        if let Some(finding) = pairing {
            if !silenced(finding.code) {
                if let Some(severity) = ws.severity(finding.code) {
                    out.findings.push(Finding { severity, ..finding });
                }
            }
        }
        for hit in hits {
            if silenced(hit.code) {
                continue;
            }
            let Some(severity) = ws.severity(hit.code) else {
                continue;
            };
            if let Some(edit) = hit.fix.clone() {
                out.edits.push(edit);
            }
            let mut finding = Finding::new(hit.code, severity, hit.message);
            finding.release = Some(release.slug.clone());
            // A finding about the target alone (spacing, quotes) points
            // there only, so annotations land on the line to fix.
            if hit.source_at.is_some() || hit.target_at.is_none() {
                finding.source = at(&ws.source, &release.source, source_segments, hit.source_at);
            }
            finding.target = at(&ws.target, &release.target, target_segments, hit.target_at);
            out.findings.push(finding);
        }
    }
    let sides = [
        (&ws.source, &release.source, source_suppressions, source_problems),
        (&ws.target, &release.target, target_suppressions, target_problems),
    ];
    for (lang, file, suppressions, problems) in sides {
        let unused = suppressions
            .into_iter()
            .filter(|s| !s.used)
            .map(|s: Suppression| {
                let codes: Vec<&str> = s.codes.iter().map(|c| c.as_str()).collect();
                (
                    Code::UnusedSuppression,
                    s.span.start,
                    format!("bitext-ignore {} silences nothing here", codes.join(", ")),
                )
            });
        let invalid = problems
            .into_iter()
            .map(|p| (Code::InvalidSuppression, p.at, p.message));
        for (code, offset, message) in unused.chain(invalid) {
            let Some(severity) = ws.severity(code) else {
                continue;
            };
            let mut finding = Finding::new(code, severity, message);
            finding.release = Some(release.slug.clone());
            let location = Some(Location::new(
                lang.tag.to_string(),
                file.path(),
                file.position(offset),
            ));
            if lang == &ws.source {
                finding.source = location;
            } else {
                finding.target = location;
            }
            out.findings.push(finding);
        }
    }
    out
}

/// Up to `NEARBY` segments before a range.
fn before<'a>(segments: &'a [Segment], range: &std::ops::Range<usize>) -> &'a [Segment] {
    &segments[range.start.saturating_sub(NEARBY)..range.start]
}

/// Up to `NEARBY` segments after a range.
fn after<'a>(segments: &'a [Segment], range: &std::ops::Range<usize>) -> &'a [Segment] {
    &segments[range.end..(range.end + NEARBY).min(segments.len())]
}

/// How many segments on each side of a pair count as nearby.
const NEARBY: usize = 3;

/// A finding's location on one side: the exact offset when the check
/// knows it, otherwise the start of the pair's segments.
fn at(lang: &Language, file: &SourceFile, segments: &[Segment], offset: Option<usize>) -> Option<Location> {
    match offset {
        Some(offset) => Some(Location::new(
            lang.tag.to_string(),
            file.path(),
            file.position(offset),
        )),
        None => location(lang, file, segments),
    }
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
    let (code, message) = match pair.status {
        PairStatus::InSync | PairStatus::OneSided => return None,
        PairStatus::MissingTranslation => (
            Code::MissingTranslation,
            format!(
                "{} {} has no {} translation",
                ws.source.name(),
                describe(paired.source_segments(pair)),
                ws.target.name()
            ),
        ),
        PairStatus::MissingSource { removed: true } => (
            Code::MissingSource,
            format!(
                "{} was removed from the {} since sign-off but the {} still has it",
                describe(paired.target_segments(pair)),
                ws.source.name(),
                ws.target.name()
            ),
        ),
        PairStatus::MissingSource { removed: false } => (
            Code::MissingSource,
            format!(
                "{} {} has no {} counterpart",
                ws.target.name(),
                describe(paired.target_segments(pair)),
                ws.source.name()
            ),
        ),
        PairStatus::SourceDrifted { .. } => (
            Code::SourceDrifted,
            format!(
                "{} changed since the {} was signed off",
                ws.source.name(),
                ws.target.name()
            ),
        ),
        PairStatus::TargetEdited => (
            Code::TargetEdited,
            format!(
                "{} edited since sign-off while the {} did not change: review and sign off",
                ws.target.name(),
                ws.source.name()
            ),
        ),
        PairStatus::NotSignedOff => (Code::NotSignedOff, "pair not signed off yet".to_owned()),
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

fn describe(segments: &[Segment]) -> String {
    match segments {
        [one] => one.kind.name().replace('-', " "),
        many => format!("{} segments", many.len()),
    }
}
