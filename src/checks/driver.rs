//! `bitext check`: every release of the workspace (or the ones named) read,
//! paired and compared with its sign-off record, then every pair with both
//! sides run through the quality checks (`checks`), inline suppressions
//! applied, turned into findings, together with the boilerplate findings
//! of the locale trees and of each release's references. Releases are
//! independent, so they are checked in parallel and only their findings
//! are kept: memory stays flat however many releases there are. `fixes`
//! runs the same way and keeps the safe edits of the target files instead.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use rayon::prelude::*;

use crate::boilerplate::{self, Boilerplate};
use crate::checks::fix::FileFix;
use crate::checks::suppression::{self, Suppression};
use crate::checks::{self, DocumentWords, Edit, Glossary, Hit, Side};
use crate::diagnostic::{Code, Drift, Finding, Location, Severity};
use crate::document::segment::{Segment, SegmentKind};
use crate::document::source::SourceFile;
use crate::error::Result;
use crate::pairing::{join_text, Pair, PairStatus, PairedRelease};
use crate::release::Release;
use crate::tr;
use crate::workspace::{Language, Workspace};

/// The outcome of a check: findings in a stable order.
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

/// Checks the named releases, or all of them when `slugs` is empty, and
/// the workspace's boilerplate. The locale trees and the glossary are read
/// once; the locale findings come first, with no release.
pub fn check(ws: &Workspace, slugs: &[String]) -> Result<Report> {
    check_at_least(ws, slugs, Severity::Info)
}

/// `check` for a caller that only acts on findings of `min` severity or
/// above (the publish gate wants errors): quality checks that cannot
/// report at that level under the workspace's settings are not run.
pub fn check_at_least(ws: &Workspace, slugs: &[String], min: Severity) -> Result<Report> {
    let slugs = resolve(ws, slugs)?;
    check_each(ws, slugs, min, |slug| Release::load(ws, slug).map(Cow::Owned))
}

/// `check_at_least` on releases already read (the publish gate has them),
/// so that nothing is read twice.
pub fn check_releases(ws: &Workspace, releases: &[&Release], min: Severity) -> Result<Report> {
    let by_slug: HashMap<&str, &Release> = releases.iter().map(|r| (r.slug.as_str(), *r)).collect();
    let slugs = releases.iter().map(|r| r.slug.clone()).collect();
    check_each(ws, slugs, min, |slug| Ok(Cow::Borrowed(by_slug[slug])))
}

fn check_each<'r>(
    ws: &Workspace,
    slugs: Vec<String>,
    min: Severity,
    release: impl Fn(&str) -> Result<Cow<'r, Release>> + Sync,
) -> Result<Report> {
    let boilerplate = Boilerplate::load(ws)?;
    let glossary = Glossary::load(ws)?;
    let cx = checks::Context::new(ws, &glossary, min);
    let per_release: Vec<(Vec<Finding>, BTreeSet<String>)> = slugs
        .par_iter()
        .map(|slug| {
            let release = release(slug)?;
            let mut findings = examine(ws, &cx, &PairedRelease::new(ws, &release)).findings;
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
        releases: slugs,
        findings,
    })
}

/// The safe fixes of the named releases' target files (all releases when
/// `slugs` is empty): only files that would change.
pub fn fixes(ws: &Workspace, slugs: &[String]) -> Result<Vec<FileFix>> {
    let slugs = resolve(ws, slugs)?;
    let glossary = Glossary::load(ws)?;
    let cx = checks::Context::new(ws, &glossary, Severity::Info);
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
    let source_words = DocumentWords::new(release.source.text());
    let target_words = DocumentWords::new(release.target.text());
    // The checks of each pair are independent: a long release uses every
    // core. What follows (suppressions, duplicates) goes in document order.
    let all_hits: Vec<Vec<Hit>> = paired
        .pairs
        .par_iter()
        .map(|pair| {
            let (source_segments, target_segments) =
                (paired.source_segments(pair), paired.target_segments(pair));
            if source_segments.is_empty() || target_segments.is_empty() {
                return Vec::new();
            }
            let source = Side {
                lang: &ws.source,
                file: &release.source,
                document: &source_words,
                segments: source_segments,
                before: before(paired.source, &pair.alignment.source),
                after: after(paired.source, &pair.alignment.source),
            };
            let target = Side {
                lang: &ws.target,
                file: &release.target,
                document: &target_words,
                segments: target_segments,
                before: before(paired.target, &pair.alignment.target),
                after: after(paired.target, &pair.alignment.target),
            };
            checks::check_pair(cx, &source, &target)
        })
        .collect();
    for (pair, mut hits) in paired.pairs.iter().zip(all_hits) {
        let source_segments = paired.source_segments(pair);
        let target_segments = paired.target_segments(pair);
        // A block reference with no partner is reported by
        // `boilerplate-unpaired`, which names the message.
        let pairing = if is_unpaired_reference(paired, pair) {
            None
        } else {
            pair_finding(ws, paired, pair)
        };
        // An image inside a paragraph is scanned with both: report once.
        hits.retain(|h| h.target_at.is_none() || seen.insert((h.code, h.target_at)));
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
                    tr!("suppression-unused", codes = codes.join(", ")),
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
