//! `bitext check`: the one place that runs a release through everything
//! that makes findings. Every release of the workspace (or the ones named)
//! is read, paired and compared with its sign-off record; every pair with
//! both sides goes through the quality checks (`checks`), inline
//! suppressions are applied, then each whole release goes through the
//! document checks and the workspace through the workspace checks (both
//! registries in `checks::document`). Releases are independent, so they are
//! checked in parallel, and each release's findings go to a `Sink` as soon
//! as it is done (a reporter renders them and lets the files go); only the
//! boilerplate ids each release uses are kept for the workspace checks. `fixes` runs the same way and keeps the safe
//! edits of the target files instead.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use rayon::prelude::*;

use crate::boilerplate::reference::references;
use crate::boilerplate::Boilerplate;
use crate::cache::{Cache, Lookup, Printer};
use crate::checks::document::{DocumentContext, WorkspaceContext, DOCUMENT_CHECKS, WORKSPACE_CHECKS};
use crate::checks::fix::FileFix;
use crate::checks::suppression::{self, Suppression};
use crate::checks::{self, DocumentWords, Edit, Glossary, Hit, Side, Tokens};
use crate::diagnostic::{Code, Finding, Location, Origin, Report, Severity};
use crate::document::segment::{Segment, SegmentKind};
use crate::error::{Error, Result};
use crate::pairing::findings::{self as pairing, Origins};
use crate::pairing::lock::Signature;
use crate::pairing::sign_off::{self, Accept, Approval, Decision, Summary};
use crate::pairing::{Pair, PairedRelease};
use crate::release::{Prefetched, Release};
use crate::tr;
use crate::workspace::Workspace;

/// Checks the named releases, or all of them when `slugs` is empty, and
/// the workspace's boilerplate. The locale trees and the glossary are read
/// once; the workspace findings come first, with no release.
pub fn check(ws: &Workspace, slugs: &[String]) -> Result<Report> {
    check_at_least(ws, slugs, Severity::Info)
}

/// `check` for a caller that only acts on findings of `min` severity or
/// above (the publish gate wants errors): quality checks that cannot
/// report at that level under the workspace's settings are not run.
pub fn check_at_least(ws: &Workspace, slugs: &[String], min: Severity) -> Result<Report> {
    check_with_progress(ws, slugs, min, &NoProgress)
}

/// Told how a long check is going: the number of releases once they are
/// known, then once per release checked (from any thread). The binary
/// shows a progress bar with it; the library never prints.
pub trait Progress: Sync {
    fn start(&self, releases: usize);
    fn advance(&self);
}

/// Progress that goes nowhere.
pub struct NoProgress;

impl Progress for NoProgress {
    fn start(&self, _: usize) {}
    fn advance(&self) {}
}

/// `check_at_least`, reporting each release checked to `progress`.
pub fn check_with_progress(
    ws: &Workspace,
    slugs: &[String],
    min: Severity,
    progress: &dyn Progress,
) -> Result<Report> {
    Ok(check_cached(ws, slugs, min, progress, false)?.0)
}

/// `check_with_progress`, through the workspace's cache (`crate::cache`)
/// when `cached`: releases whose files and settings are unchanged are not
/// checked again, their findings are replayed. The cache is handed back to
/// be saved once the caller knows the run went through.
pub fn check_cached(
    ws: &Workspace,
    slugs: &[String],
    min: Severity,
    progress: &dyn Progress,
    cached: bool,
) -> Result<(Report, Option<Cache>)> {
    let collected = Collect::default();
    let checked = check_streaming(ws, slugs, min, progress, cached, &collected)?;
    Ok((collected.report(checked.releases), checked.cache))
}

/// Takes each release's findings as soon as it is checked, from any
/// thread: `order` is the release's place in the run (`1` for the first;
/// the workspace's own findings, known last, are `0`). A reporter renders
/// them at once (`report::Stream`), so that neither the findings nor the
/// text of the files they point into are kept to the end of the run.
pub trait Sink: Sync {
    fn findings(&self, order: usize, findings: Vec<Finding>) -> Result<()>;

    /// The report the findings are printed into, for a sink that is one:
    /// the cache then keeps and replays each release's rendering for it
    /// (`crate::cache::Printer`).
    fn printer(&self) -> Option<&dyn Printer> {
        None
    }
}

/// What a streamed check hands back once every release went to the sink.
pub struct Checked {
    /// The slugs of the releases checked, in order.
    pub releases: Vec<String>,
    /// The cache, to be saved once the caller knows the run went through.
    pub cache: Option<Cache>,
}

/// `check_cached`, handing the findings to `sink` as releases are checked:
/// each release's (order `1`, `2`, … in `Checked::releases`), then, once
/// every release is known, the workspace's own (order `0`, printed first).
pub fn check_streaming(
    ws: &Workspace,
    slugs: &[String],
    min: Severity,
    progress: &dyn Progress,
    cached: bool,
    sink: &dyn Sink,
) -> Result<Checked> {
    let slugs = resolve(ws, slugs)?;
    progress.start(slugs.len());
    check_each(
        ws,
        slugs,
        min,
        cached,
        |slug, files| Release::load_prefetched(ws, slug, files).map(Cow::Owned),
        || progress.advance(),
        sink,
    )
}

/// A sink that keeps every finding, for callers that want the whole
/// `Report` (the publish gate, sign-off, `align`).
#[derive(Default)]
struct Collect(std::sync::Mutex<Vec<(usize, Vec<Finding>)>>);

impl Sink for Collect {
    fn findings(&self, order: usize, findings: Vec<Finding>) -> Result<()> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((order, findings));
        Ok(())
    }
}

impl Collect {
    fn report(self, releases: Vec<String>) -> Report {
        let mut batches = self.0.into_inner().unwrap_or_else(|e| e.into_inner());
        batches.sort_by_key(|(order, _)| *order);
        Report {
            releases,
            findings: batches.into_iter().flat_map(|(_, f)| f).collect(),
        }
    }
}

/// `check_at_least` on releases already read (the publish gate has them),
/// so that nothing is read twice.
pub fn check_releases(ws: &Workspace, releases: &[&Release], min: Severity) -> Result<Report> {
    let by_slug: HashMap<&str, &Release> = releases.iter().map(|r| (r.slug.as_str(), *r)).collect();
    let slugs = releases.iter().map(|r| r.slug.clone()).collect();
    let collected = Collect::default();
    let checked = check_each(
        ws,
        slugs,
        min,
        false,
        |slug, _| Ok(Cow::Borrowed(by_slug[slug])),
        || {},
        &collected,
    )?;
    Ok(collected.report(checked.releases))
}

fn check_each<'r>(
    ws: &Workspace,
    slugs: Vec<String>,
    min: Severity,
    cached: bool,
    release: impl Fn(&str, Option<Prefetched>) -> Result<Cow<'r, Release>> + Sync,
    done: impl Fn() + Sync,
    sink: &dyn Sink,
) -> Result<Checked> {
    let boilerplate = Boilerplate::load(ws)?;
    let glossary = Glossary::load(ws)?;
    let cx = checks::Context::new(ws, &glossary, min);
    let cache = cached.then(|| Cache::open(ws, &boilerplate, min));
    // Only the boilerplate ids of each release are kept to the end: its
    // findings go to the sink as soon as it is checked.
    let ids: Vec<BTreeSet<String>> = slugs
        .par_iter()
        .enumerate()
        .map(|(index, slug)| {
            let mut key = match cache.as_ref().map(|c| c.lookup(ws, slug, sink.printer())) {
                Some(Lookup::Hit(replay, ids)) => {
                    replay.deliver(index + 1, sink)?;
                    done();
                    return Ok(ids);
                }
                Some(Lookup::Miss(key)) => Some(key),
                Some(Lookup::Skip) | None => None,
            };
            // On a miss, the files the cache read to hash are parsed, not
            // read again.
            let files = key.as_mut().and_then(|k| k.take_files());
            let release = release(slug, files)?;
            let (findings, ids) = check_release(ws, &cx, &boilerplate, &release)?;
            match (&cache, key) {
                (Some(cache), Some(key)) => {
                    let paths = [release.source.path(), release.target.path()];
                    cache.store(key, slug, paths, findings, &ids, index + 1, sink)?;
                }
                _ => sink.findings(index + 1, findings)?,
            }
            done();
            Ok(ids)
        })
        .collect::<Result<_>>()?;
    let mut used_by: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (slug, ids) in slugs.iter().zip(ids) {
        for id in ids {
            used_by.entry(id).or_default().insert(slug.clone());
        }
    }
    let workspace = WorkspaceContext {
        ws,
        boilerplate: &boilerplate,
        used_by: &used_by,
    };
    let mut findings = Vec::new();
    for check in WORKSPACE_CHECKS {
        check.check(&workspace, &mut findings)?;
    }
    sink.findings(0, findings)?;
    Ok(Checked {
        releases: slugs,
        cache,
    })
}

/// The unit the cache wraps: one release's pairing, quality and document
/// findings, and the boilerplate ids it refers to.
fn check_release(
    ws: &Workspace,
    cx: &checks::Context,
    boilerplate: &Boilerplate,
    release: &Release,
) -> Result<(Vec<Finding>, BTreeSet<String>)> {
    check_paired(ws, cx, boilerplate, &PairedRelease::new(ws, release))
}

/// `check_release` on a release already paired (sign-off decides on the
/// same pairing), so that it is paired once.
fn check_paired(
    ws: &Workspace,
    cx: &checks::Context,
    boilerplate: &Boilerplate,
    paired: &PairedRelease,
) -> Result<(Vec<Finding>, BTreeSet<String>)> {
    let release = paired.release;
    let origins = Origins::new(ws, release);
    let mut findings = examine(ws, cx, paired, &origins).findings;
    let (source_references, target_references) = (references(&release.source)?, references(&release.target)?);
    let document = DocumentContext {
        ws,
        boilerplate,
        release,
        origins: &origins,
        source_references: &source_references,
        target_references: &target_references,
    };
    for check in DOCUMENT_CHECKS {
        check.check(&document, &mut findings);
    }
    let ids = source_references
        .into_iter()
        .chain(target_references)
        .map(|r| r.id)
        .collect();
    Ok((findings, ids))
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
            let origins = Origins::new(ws, &release);
            let edits = examine(ws, &cx, &PairedRelease::new(ws, &release), &origins).edits;
            FileFix::new(&ws.root, release.target.path(), edits)
        })
        .collect::<Result<_>>()?;
    Ok(fixes.into_iter().flatten().collect())
}

fn resolve(ws: &Workspace, slugs: &[String]) -> Result<Vec<String>> {
    if slugs.is_empty() {
        ws.document_names()
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
pub fn examine(ws: &Workspace, cx: &checks::Context, paired: &PairedRelease, origins: &Origins) -> Examined {
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
            let (source_tokens, target_tokens) = (Tokens::new(), Tokens::new());
            let source = Side {
                lang: &ws.source,
                file: &release.source,
                document: &source_words,
                segments: source_segments,
                before: before(paired.source, &pair.alignment.source),
                after: after(paired.source, &pair.alignment.source),
                tokens: &source_tokens,
            };
            let target = Side {
                lang: &ws.target,
                file: &release.target,
                document: &target_words,
                segments: target_segments,
                before: before(paired.target, &pair.alignment.target),
                after: after(paired.target, &pair.alignment.target),
                tokens: &target_tokens,
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
            pairing::pair_finding(ws, paired, pair, origins)
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
                out.findings.push(finding);
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
                finding.source = at(&origins.source, source_segments, hit.source_at);
            }
            finding.target = at(&origins.target, target_segments, hit.target_at);
            out.findings.push(finding);
        }
    }
    let sides = [
        (true, &origins.source, source_suppressions, source_problems),
        (false, &origins.target, target_suppressions, target_problems),
    ];
    for (is_source, origin, suppressions, problems) in sides {
        let unused = suppressions
            .into_iter()
            .filter(|s| !s.used)
            .map(|s: Suppression| {
                let codes: Vec<&str> = s.codes.iter().map(|c| c.as_str()).collect();
                (
                    Code::UnusedSuppression,
                    s.span,
                    tr!("suppression-unused", codes = codes.join(", ")),
                )
            });
        let invalid = problems
            .into_iter()
            .map(|p| (Code::InvalidSuppression, p.at..p.at, p.message));
        for (code, span, message) in unused.chain(invalid) {
            let Some(severity) = ws.severity(code) else {
                continue;
            };
            let mut finding = Finding::new(code, severity, message);
            finding.release = Some(release.slug.clone());
            let location = Some(origin.at(span));
            if is_source {
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
/// knows it, otherwise the pair's segments.
fn at(origin: &Origin, segments: &[Segment], offset: Option<usize>) -> Option<Location> {
    match offset {
        Some(offset) => Some(origin.at(offset..offset)),
        None => pairing::location(origin, segments),
    }
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

/// How one release's sign-off went.
#[derive(Debug)]
pub enum SignOff {
    Signed(Summary),
    /// Refused for error-level findings that were not accepted; they went
    /// to the sink.
    Refused(Refusal),
}

/// Why a release was refused, the most telling reason first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// It has unpaired segments.
    Unpaired,
    /// Its English drifted since the French was signed off.
    Drifted,
    /// It has other errors.
    Errors,
}

impl Refusal {
    fn of(findings: &[Finding]) -> Self {
        if findings.iter().any(|f| f.code.is_unpaired()) {
            Refusal::Unpaired
        } else if findings.iter().any(|f| f.code == Code::SourceDrifted) {
            Refusal::Drifted
        } else {
            Refusal::Errors
        }
    }
}

/// Signs off the named releases, one pass per release in parallel: each
/// is read, paired and checked at error level once, and refused when it
/// has error-level findings (drifted pairs, unpaired segments, quality
/// errors) that `approval` does not accept. What a release's pass leaves
/// is only what the run needs at its end: its summary or why it was
/// refused, and the approvals it used; its refused findings go to `refused` at once
/// (order `1`, `2`, … as in `slugs`, as `check_streaming` hands them), to be
/// rendered and let go; its new record is staged at once (written and
/// synced beside its place, see `crate::atomic::Batch`), so memory does not
/// grow with the number of releases. Records are put in place only once
/// every release is decided, so an unreadable or unknown release, or an
/// `--accept` that matches nothing, leaves every record as it was and
/// removes what was staged. Refused releases keep their records. The
/// outcomes come back in the order of `slugs`.
pub fn sign_off(
    ws: &Workspace,
    slugs: &[String],
    approval: &Approval,
    signature: &Signature,
    refused: &dyn Sink,
) -> Result<Vec<(String, SignOff)>> {
    // The command's batch when it opened one (this joins it and leaves the
    // commit to it), else this run's own.
    let batch = crate::atomic::batch();
    let boilerplate = Boilerplate::load(ws)?;
    let glossary = Glossary::load(ws)?;
    let cx = checks::Context::new(ws, &glossary, Severity::Error);
    let pages: HashMap<String, crate::collection::DocPair> = if ws.collections.is_empty() {
        HashMap::new()
    } else {
        ws.discovery()?
            .pairs
            .iter()
            .map(|page| (page.name(), page.clone()))
            .collect()
    };
    let decided: Vec<(SignOff, Vec<Accept>)> = slugs
        .par_iter()
        .enumerate()
        .map(|(index, slug)| {
            let release = Release::load(ws, slug)?;
            let paired = PairedRelease::new(ws, &release);
            let (findings, _) = check_paired(ws, &cx, &boilerplate, &paired)?;
            let errors = findings
                .into_iter()
                .filter(|f| f.release.as_deref() == Some(release.slug.as_str()))
                .collect();
            let mut accepted = Vec::new();
            let page = pages.get(&release.slug);
            let outcome = match sign_off::decide(&paired, errors, approval, signature, &mut accepted) {
                // A collection page's record lives under `.bitext/`, never
                // beside the page.
                Decision::Sign { lock, summary } => {
                    match page {
                        Some(page) => crate::collection::record::write(ws, page, &lock, false, None)?,
                        None => sign_off::write(&ws.release_dir(&release.slug)?, &lock)?,
                    }
                    SignOff::Signed(summary)
                }
                Decision::Unchanged(summary) => {
                    // A page moved with its pairing key unchanged keeps its
                    // record, who and when included, at its new path.
                    if let Some(page) = page {
                        if crate::collection::record::find(ws, page)?
                            != Some(crate::collection::record::lock_path(ws, &page.source))
                        {
                            let signature = release.lock.as_ref().and_then(|l| l.signature().cloned());
                            let lock = paired.record().signed(signature);
                            crate::collection::record::write(ws, page, &lock, false, None)?;
                        }
                    }
                    SignOff::Signed(summary)
                }
                Decision::Refuse(findings) => {
                    let refusal = Refusal::of(&findings);
                    refused.findings(index + 1, findings)?;
                    SignOff::Refused(refusal)
                }
            };
            Ok((outcome, accepted))
        })
        .collect::<Result<_>>()?;
    // The workspace checks' findings are not the releases' to decide on,
    // but one that cannot run (an unreadable `locales/bitext.lock`) stops
    // the sign-off as it stops `check`.
    let workspace = WorkspaceContext {
        ws,
        boilerplate: &boilerplate,
        used_by: &BTreeMap::new(),
    };
    for check in WORKSPACE_CHECKS {
        check.check(&workspace, &mut Vec::new())?;
    }
    let accepted: Vec<Accept> = decided.iter().flat_map(|(_, a)| a.iter().copied()).collect();
    if let Some(unused) = approval.accept.iter().find(|a| !accepted.contains(a)) {
        return Err(Error::AcceptUnmatched {
            line: unused.to_string(),
            releases: slugs.join(", "),
        });
    }
    batch.commit()?;
    Ok(slugs
        .iter()
        .cloned()
        .zip(decided.into_iter().map(|(outcome, _)| outcome))
        .collect())
}

/// A sink that lets the findings go, for a caller that wants only the
/// outcomes (a sign-off with `--force` refuses nothing).
pub struct Discard;

impl Sink for Discard {
    fn findings(&self, _: usize, _: Vec<Finding>) -> Result<()> {
        Ok(())
    }
}
