//! Pairing source segments with target segments, in the spirit of
//! Gale–Church: dynamic programming over moves 1–1, 1–0, 0–1, 2–1 and 1–2,
//! whose cost combines segment kind, length ratio, shared anchors and the
//! sign-off record.
//!
//! Pairs recorded together in the lock whose two sides are both unchanged
//! are fixed first (the longest chain of them that keeps document order), so
//! the dynamic programming only runs in the gaps between them: an edit stays
//! local and cannot shift its neighbours, and a signed-off document aligns in
//! near-linear time. Inside a gap the search is confined to a band around
//! the diagonal.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::OnceLock;

use rayon::prelude::*;

use crate::document::segment::{Segment, SegmentKind};
use crate::pairing::anchor::{self, Anchors};
use crate::pairing::lock::{hash_side, Lock, TextHash};

/// One aligned pair: a run of source segments and a run of target segments
/// (either may be empty, never both).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alignment {
    pub source: Range<usize>,
    pub target: Range<usize>,
}

/// What the aligner knows of each segment of one side. The kinds and
/// hashes, which the lock is matched with, are computed for every segment;
/// the lengths and anchors only for the segments that the dynamic
/// programming looks at, between the pairs the lock fixes, on first use.
pub struct SideFeatures<'s> {
    segments: &'s [Segment],
    kinds: Vec<SegmentKind>,
    measures: Vec<OnceLock<Measure>>,
    /// The anchors of each two adjacent segments together, for 2–1 moves.
    adjacent_anchors: Vec<OnceLock<Anchors>>,
    /// The words of each segment, for the segments compared with the text
    /// a lock entry holds.
    words: Vec<OnceLock<Vec<u64>>>,
    pub hashes: Vec<TextHash>,
}

/// A segment's length in characters (URLs left out) and its anchors.
struct Measure {
    length: f64,
    anchors: Anchors,
}

impl<'s> SideFeatures<'s> {
    pub fn new(segments: &'s [Segment]) -> Self {
        SideFeatures {
            segments,
            kinds: segments.iter().map(|s| s.kind).collect(),
            measures: segments.iter().map(|_| OnceLock::new()).collect(),
            adjacent_anchors: (1..segments.len()).map(|_| OnceLock::new()).collect(),
            words: segments.iter().map(|_| OnceLock::new()).collect(),
            hashes: segments
                .iter()
                .map(|s| crate::pairing::lock::hash_text(&s.text))
                .collect(),
        }
    }

    fn measure(&self, index: usize) -> &Measure {
        self.measures[index].get_or_init(|| {
            let segment = &self.segments[index];
            Measure {
                length: anchor::without_urls(&segment.text).chars().count() as f64,
                anchors: anchor::anchors(segment),
            }
        })
    }

    fn length(&self, index: usize) -> f64 {
        self.measure(index).length
    }

    fn anchors_of(&self, run: &Range<usize>) -> &Anchors {
        if run.len() == 1 {
            &self.measure(run.start).anchors
        } else {
            self.adjacent_anchors[run.start].get_or_init(|| {
                let (first, second) = (self.measure(run.start), self.measure(run.start + 1));
                first.anchors.union(&second.anchors)
            })
        }
    }

    /// The words of a run of segments read as one.
    fn words_of(&self, run: &Range<usize>) -> Cow<'_, [u64]> {
        let one = |i: usize| self.words[i].get_or_init(|| anchor::words(&self.segments[i].text));
        if run.len() == 1 {
            return Cow::Borrowed(one(run.start));
        }
        let mut all: Vec<u64> = run.clone().flat_map(|i| one(i).iter().copied()).collect();
        all.sort_unstable();
        all.dedup();
        Cow::Owned(all)
    }

    /// The anchors of a run of any length read as one.
    fn run_anchors(&self, run: &Range<usize>) -> Cow<'_, Anchors> {
        if run.len() <= 2 {
            return Cow::Borrowed(self.anchors_of(run));
        }
        let first = self.anchors_of(&(run.start..run.start + 2)).clone();
        Cow::Owned((run.start + 2..run.end).fold(first, |all, i| all.union(&self.measure(i).anchors)))
    }

    fn len(&self) -> usize {
        self.kinds.len()
    }
}

/// Whether a group's lengths can match, and if not which way its run is off.
enum GroupLength {
    Fits(f64),
    TooShort,
    TooLong,
}

/// The lock entries each run of one or two segments of a side matches,
/// looked up without an allocation in the dynamic programming.
struct LockedRuns<'a> {
    /// Those of each two adjacent segments, each on first use: a release
    /// that the lock fixes whole runs no search and asks for none of them,
    /// one with an edited paragraph asks for those around it, and each
    /// costs a hash of the two segments' hashes.
    double: OnceLock<Vec<OnceLock<&'a [usize]>>>,
    hashes: &'a [TextHash],
    lock: &'a Lock,
    of_source: bool,
}

impl<'a> LockedRuns<'a> {
    fn new(side: &'a SideFeatures, lock: &'a Lock, of_source: bool) -> Self {
        LockedRuns {
            double: OnceLock::new(),
            hashes: &side.hashes,
            lock,
            of_source,
        }
    }

    fn find(lock: &'a Lock, of_source: bool, hash: TextHash) -> &'a [usize] {
        if of_source {
            lock.with_source(hash)
        } else {
            lock.with_target(hash)
        }
    }

    /// Those of one segment, looked up when asked: a release that the
    /// lock fixes whole asks for few or none, where a list of every
    /// segment's cost a search each.
    fn single(&self, index: usize) -> &'a [usize] {
        Self::find(self.lock, self.of_source, self.hashes[index])
    }

    fn double(&self, start: usize) -> &'a [usize] {
        let windows = self
            .double
            .get_or_init(|| (1..self.hashes.len()).map(|_| OnceLock::new()).collect());
        windows[start].get_or_init(|| {
            Self::find(
                self.lock,
                self.of_source,
                hash_side(&self.hashes[start..start + 2]),
            )
        })
    }

    /// How a run of two segments stands in the lock when the run as a
    /// whole matches no entry: each segment signed off in two consecutive
    /// pairs (the other side merged or split since), one signed off and the
    /// other new, or neither.
    fn pieces(&self, lock: &Lock, range: &Range<usize>) -> Pieces {
        if range.len() != 2 {
            return Pieces::Neither;
        }
        let two_sided = |i: usize| -> Vec<usize> {
            self.single(i)
                .iter()
                .copied()
                .filter(|&e| !lock.get(e).one_sided)
                .collect()
        };
        let (first, second) = (two_sided(range.start), two_sided(range.start + 1));
        if let Some(&entry) = first.iter().find(|&e| second.contains(&(e + 1))) {
            Pieces::Consecutive(entry)
        } else if first.is_empty() != second.is_empty()
            && (self.single(range.start).is_empty() || self.single(range.start + 1).is_empty())
        {
            Pieces::OneNew
        } else {
            Pieces::Neither
        }
    }

    fn entries(&self, range: &Range<usize>) -> &'a [usize] {
        match range.len() {
            1 => self.single(range.start),
            2 => self.double(range.start),
            _ => &[],
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pieces {
    /// Signed off in entries `e` and `e + 1`.
    Consecutive(usize),
    OneNew,
    Neither,
}

/// Aligns two documents. `length_ratio` is the expected ratio of target to
/// source length in characters (about 1.15 for French from English).
pub fn align(
    source: &SideFeatures,
    target: &SideFeatures,
    lock: Option<&Lock>,
    length_ratio: f64,
) -> Vec<Alignment> {
    align_marking_locked(source, target, lock, length_ratio)
        .into_iter()
        .map(|(alignment, _)| alignment)
        .collect()
}

/// `align`, each alignment beside whether the lock fixed it: a pair
/// recorded together in the lock whose two sides are both as signed off
/// is in sync, and pairing need not look it up in the lock again.
pub fn align_marking_locked(
    source: &SideFeatures,
    target: &SideFeatures,
    lock: Option<&Lock>,
    length_ratio: f64,
) -> Vec<(Alignment, bool)> {
    align_with(source, target, lock, length_ratio, Parallel::Auto)
}

fn align_with(
    source: &SideFeatures,
    target: &SideFeatures,
    lock: Option<&Lock>,
    length_ratio: f64,
    parallel: Parallel,
) -> Vec<(Alignment, bool)> {
    let aligner = Aligner {
        source,
        target,
        lock: lock.map(|lock| {
            (
                lock,
                LockedRuns::new(source, lock, true),
                LockedRuns::new(target, lock, false),
            )
        }),
        length_ratio,
        signed_source_words: signed_words_cache(lock),
        signed_target_words: signed_words_cache(lock),
    };
    let chain = lock.map(|l| aligner.locked_chain(l)).unwrap_or_default();
    let out = aligner.align_gaps(chain, parallel);
    match &aligner.lock {
        Some((lock, source_runs, target_runs)) => {
            // Pushed into one list: a list per pair cost an allocation each.
            let mut split = Vec::with_capacity(out.len());
            for (alignment, locked) in out {
                // A fixed pair's runs are a lock entry's: never split.
                if locked {
                    split.push((alignment, true));
                } else {
                    split_signed_with_new(alignment, lock, source_runs, target_runs, &mut split);
                }
            }
            split
        }
        None => out,
    }
}

/// Whether the gaps between locked pairs are aligned on several threads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Parallel {
    /// When the work is large enough to pay for it.
    Auto,
    /// Never (tests compare the two).
    #[cfg(test)]
    Never,
}

/// The cells of dynamic programming, over all gaps, from which the gaps
/// are aligned in parallel: below, the search takes well under a
/// millisecond and threads would cost more than they save (a release with
/// a few edited paragraphs stays on one thread).
const PARALLEL_CELLS: usize = 2_000;

/// An empty cache of the words of each lock entry's text.
fn signed_words_cache(lock: Option<&Lock>) -> Vec<OnceLock<Vec<u64>>> {
    let entries = lock.map_or(0, |lock| lock.pairs().len());
    (0..entries).map(|_| OnceLock::new()).collect()
}

/// Whether a gap runs the search: only one with segments on both sides.
fn searched(source: &Range<usize>, target: &Range<usize>) -> bool {
    !source.is_empty() && !target.is_empty()
}

/// Whether the gaps are worth aligning on several threads: two or more
/// that run the search, and enough cells of dynamic programming in all.
fn worth_parallel(gaps: &[(Range<usize>, Range<usize>)]) -> bool {
    let searched: Vec<_> = gaps.iter().filter(|(s, t)| searched(s, t)).collect();
    let cells: usize = searched
        .iter()
        .map(|(s, t)| {
            let slope = s.len().div_ceil(t.len()).max(t.len().div_ceil(s.len()));
            (s.len() + 1) * (t.len() + 1).min(2 * (BAND + slope) + 1)
        })
        .sum();
    searched.len() > 1 && cells >= PARALLEL_CELLS
}

/// A 2–1 (or 1–2) group whose pair of segments is one signed off in a pair
/// of its own and one new is no group: it is that signed-off segment with
/// its partner, and the new segment alone (a new heading over an edited
/// paragraph is a missing translation, not a pair to review).
fn split_signed_with_new(
    alignment: Alignment,
    lock: &Lock,
    source_runs: &LockedRuns,
    target_runs: &LockedRuns,
    out: &mut Vec<(Alignment, bool)>,
) {
    let Alignment { source, target } = alignment;
    let split = |pair: &Range<usize>, runs: &LockedRuns| {
        (pair.len() == 2 && runs.entries(pair).is_empty() && runs.pieces(lock, pair) == Pieces::OneNew)
            .then(|| runs.single(pair.start).is_empty())
    };
    if target.len() == 1 {
        if let Some(first_new) = split(&source, source_runs) {
            let (new, old) = if first_new {
                (source.start, source.start + 1)
            } else {
                (source.start + 1, source.start)
            };
            let lone = if first_new { target.start } else { target.end };
            let mut split = [
                Alignment {
                    source: new..new + 1,
                    target: lone..lone,
                },
                Alignment {
                    source: old..old + 1,
                    target,
                },
            ];
            if !first_new {
                split.reverse();
            }
            out.extend(split.map(|a| (a, false)));
            return;
        }
    }
    if source.len() == 1 {
        if let Some(first_new) = split(&target, target_runs) {
            let (new, old) = if first_new {
                (target.start, target.start + 1)
            } else {
                (target.start + 1, target.start)
            };
            let lone = if first_new { source.start } else { source.end };
            let mut split = [
                Alignment {
                    source: lone..lone,
                    target: new..new + 1,
                },
                Alignment {
                    source,
                    target: old..old + 1,
                },
            ];
            if !first_new {
                split.reverse();
            }
            out.extend(split.map(|a| (a, false)));
            return;
        }
    }
    out.push((Alignment { source, target }, false));
}

/// Costs are negative log-probabilities, as in Gale and Church (1993).
mod cost {
    pub const ONE_ONE: f64 = 0.12;
    pub const ONE_SIDED: f64 = 4.6;
    pub const TWO_ONE: f64 = 2.4;
    /// Added to a 2–1 move made of list items only.
    pub const LIST_ITEMS_GROUPED: f64 = 2.0;
    /// A one-sided segment that the lock records as one-sided on purpose.
    pub const SIGNED_OFF_ONE_SIDED: f64 = 0.3;
    /// Both sides exactly as signed off together.
    pub const LOCKED_PAIR: f64 = -12.0;
    /// One side exactly as signed off, the other changed since.
    pub const HALF_LOCKED_PAIR: f64 = -8.0;
    /// A run of two segments of which one was signed off and the other is
    /// new: the new one is a segment of its own, not part of that pair.
    pub const LOCKED_WITH_NEW: f64 = 6.0;
    pub const SHARED_ANCHOR: f64 = -1.2;
    pub const SHARED_NAME: f64 = -0.6;
    pub const LONE_ANCHOR: f64 = 0.7;
    /// Variance of the length difference per character (Gale–Church's s²).
    pub const LENGTH_VARIANCE: f64 = 6.8;
    /// The most a length mismatch costs: no more than a segment left
    /// alone and a little, so that a French paragraph that leaves out a
    /// sentence still pairs with its English rather than being grouped
    /// with the next one (which would leave the next English alone).
    pub const MAX_LENGTH: f64 = 5.5;
    /// Taken off a half-locked pair whose changed side has the same words
    /// as its text at sign-off, in proportion to how alike they are.
    pub const RESEMBLANCE: f64 = 4.0;
    /// Added to a group for each segment beyond a 2–1 move's three.
    pub const GROUP_EXTRA: f64 = 1.5;
    /// The most a group of three or more segments against one may cost
    /// for its lengths: beyond, it is not tried.
    pub const MAX_GROUP_LENGTH: f64 = 5.5;
}

/// Half-width of the band of the dynamic programming, beyond the diagonal's
/// own slope.
const BAND: usize = 24;

struct Aligner<'a> {
    source: &'a SideFeatures<'a>,
    target: &'a SideFeatures<'a>,
    /// The lock, with the entries that the runs of each side match.
    lock: Option<(&'a Lock, LockedRuns<'a>, LockedRuns<'a>)>,
    length_ratio: f64,
    /// The words of each lock entry's source and target text, for the
    /// entries a half-locked pair is compared with, on first use.
    signed_source_words: Vec<OnceLock<Vec<u64>>>,
    signed_target_words: Vec<OnceLock<Vec<u64>>>,
}

/// A move of the dynamic programming: how many segments of each side it
/// takes (0–0 only at the origin).
#[derive(Clone, Copy)]
struct Move {
    source: u8,
    target: u8,
}

impl Move {
    const START: Move = Move::new(0, 0);

    const fn new(source: u8, target: u8) -> Self {
        Move { source, target }
    }

    fn steps(self) -> (usize, usize) {
        (self.source.into(), self.target.into())
    }
}

/// The moves every cell tries: 1–1, 1–0, 0–1, 2–1 and 1–2. Larger groups
/// (3–1 up to `MAX_GROUP`–1, and the other way) are tried apart, only
/// while their lengths can still match.
const MOVES: [Move; 5] = [
    Move::new(1, 1),
    Move::new(1, 0),
    Move::new(0, 1),
    Move::new(2, 1),
    Move::new(1, 2),
];

/// The most segments of one side a move groups against one segment of the
/// other: a French page may fold a table of headings and short
/// paragraphs into one paragraph (the 9 blocks of a licence table of the
/// Government of Canada's open source guide are one French paragraph).
const MAX_GROUP: usize = 10;

impl Aligner<'_> {
    /// The longest chain, in document order, of lock pairs found intact on
    /// both sides.
    fn locked_chain(&self, lock: &Lock) -> Vec<Alignment> {
        // Each side's (entry, start) places, sorted by entry: two lists for
        // the release, where a map of lists cost an allocation per entry.
        let occurrences = |side: &SideFeatures, of_source: bool| {
            // Most segments of a signed-off side start one entry.
            let mut found: Vec<(usize, usize)> = Vec::with_capacity(side.hashes.len());
            for (start, &hash) in side.hashes.iter().enumerate() {
                for &entry in lock.starting_with(hash, of_source) {
                    let hashes = if of_source {
                        &lock.get(entry).source
                    } else {
                        &lock.get(entry).target
                    };
                    if side.hashes.get(start..start + hashes.len()) == Some(hashes.as_slice()) {
                        found.push((entry, start));
                    }
                }
            }
            found.sort_unstable();
            found
        };
        let in_source = occurrences(self.source, true);
        let in_target = occurrences(self.target, false);
        let mut in_target = in_target.chunk_by(|a, b| a.0 == b.0).peekable();
        let mut candidates = Vec::with_capacity(in_source.len());
        for starts in in_source.chunk_by(|a, b| a.0 == b.0) {
            let entry = starts[0].0;
            while in_target.next_if(|t| t[0].0 < entry).is_some() {}
            let Some(target_starts) = in_target.next_if(|t| t[0].0 == entry) else {
                continue;
            };
            // Text repeated many times says little about where it belongs.
            if starts.len() * target_starts.len() > 16 {
                continue;
            }
            let pair = lock.get(entry);
            let placed = || {
                starts.iter().flat_map(|&(_, i)| {
                    target_starts.iter().map(move |&(_, j)| Alignment {
                        source: i..i + pair.source.len(),
                        target: j..j + pair.target.len(),
                    })
                })
            };
            // The same text may stand as a title and as an image's alt: where
            // a signed-off pair could be placed several ways, only the ways
            // that pair a heading with a heading (and a boilerplate
            // reference with one) are kept.
            let alike = |a: &Alignment| {
                kinds_alike(
                    self.source.kinds[a.source.start],
                    self.target.kinds[a.target.start],
                )
            };
            let only_alike = starts.len() * target_starts.len() > 1 && placed().any(|a| alike(&a));
            candidates.extend(placed().filter(|a| !only_alike || alike(a)));
        }
        longest_increasing_chain(candidates)
    }

    /// Aligns the gaps before, between and after the locked pairs of
    /// `chain`, and returns every alignment in document order. The gaps
    /// are independent (the locked pairs fix both ends of each), so a
    /// large release aligns them on every core; the result is the same
    /// either way.
    fn align_gaps(&self, chain: Vec<Alignment>, parallel: Parallel) -> Vec<(Alignment, bool)> {
        let mut gaps = Vec::with_capacity(chain.len() + 1);
        let (mut i, mut j) = (0, 0);
        for anchor in &chain {
            gaps.push((i..anchor.source.start, j..anchor.target.start));
            (i, j) = (anchor.source.end, anchor.target.end);
        }
        gaps.push((i..self.source.len(), j..self.target.len()));
        let mut searched_gaps: std::vec::IntoIter<Vec<Alignment>> =
            if parallel == Parallel::Auto && worth_parallel(&gaps) {
                gaps.par_iter()
                    .filter(|(s, t)| searched(s, t))
                    .map(|(s, t)| {
                        let mut out = Vec::new();
                        self.align_gap(s.clone(), t.clone(), &mut out);
                        out
                    })
                    .collect::<Vec<_>>()
                    .into_iter()
            } else {
                Vec::new().into_iter()
            };
        let mut out = Vec::with_capacity(chain.len() + gaps.len());
        let mut aligned = Vec::new();
        let mut anchors = chain.into_iter();
        for gap in &gaps {
            // Aligned already, in parallel, or now.
            match searched(&gap.0, &gap.1).then(|| searched_gaps.next()).flatten() {
                Some(done) => out.extend(done.into_iter().map(|a| (a, false))),
                None => {
                    self.align_gap(gap.0.clone(), gap.1.clone(), &mut aligned);
                    out.extend(aligned.drain(..).map(|a| (a, false)));
                }
            }
            out.extend(anchors.next().map(|a| (a, true)));
        }
        out
    }

    fn align_gap(&self, source: Range<usize>, target: Range<usize>, out: &mut Vec<Alignment>) {
        let (n, m) = (source.len(), target.len());
        if n == 0 || m == 0 {
            out.extend(source.clone().map(|i| Alignment {
                source: i..i + 1,
                target: target.start..target.start,
            }));
            out.extend(target.map(|j| Alignment {
                source: source.end..source.end,
                target: j..j + 1,
            }));
            return;
        }
        // The band follows the diagonal from (0, 0) to (n, m); it is wide
        // enough that consecutive rows always overlap.
        let slope = m.div_ceil(n).max(n.div_ceil(m));
        let width = BAND + slope;
        let lo = |i: usize| (i * m / n).saturating_sub(width);
        let hi = |i: usize| (i * m / n + width).min(m);
        let row_start: Vec<usize> = (0..=n).map(lo).collect();
        let mut offsets = Vec::with_capacity(n + 2);
        offsets.push(0usize);
        for i in 0..=n {
            offsets.push(offsets[i] + hi(i) - row_start[i] + 1);
        }
        let cells = offsets[n + 1];
        let mut best = vec![f64::INFINITY; cells];
        let mut moves = vec![Move::START; cells];
        let index = |i: usize, j: usize| -> Option<usize> {
            (j >= row_start[i] && j <= hi(i)).then(|| offsets[i] + j - row_start[i])
        };
        best[index(0, 0).expect("origin is in the band")] = 0.0;
        for (i, &first) in row_start.iter().enumerate() {
            for j in first..=hi(i) {
                let here = index(i, j).expect("in band");
                if i == 0 && j == 0 {
                    continue;
                }
                let mut cell = (f64::INFINITY, Move::START);
                // Where a move comes from: the cost so far, and its runs.
                let origin = |step: Move| {
                    let (di, dj) = step.steps();
                    if i < di || j < dj {
                        return None;
                    }
                    let from = index(i - di, j - dj)?;
                    best[from].is_finite().then(|| {
                        (
                            best[from],
                            source.start + i - di..source.start + i,
                            target.start + j - dj..target.start + j,
                        )
                    })
                };
                for step in MOVES {
                    if let Some((before, s, t)) = origin(step) {
                        let total = before + self.move_cost(s, t);
                        if total < cell.0 {
                            cell = (total, step);
                        }
                    }
                }
                for many_of_source in [true, false] {
                    for k in 3..=MAX_GROUP {
                        let step = if many_of_source {
                            Move::new(k as u8, 1)
                        } else {
                            Move::new(1, k as u8)
                        };
                        let (di, dj) = step.steps();
                        if i < di || j < dj {
                            break;
                        }
                        let s = source.start + i - di..source.start + i;
                        let t = target.start + j - dj..target.start + j;
                        let length = match self.group_length_cost(&s, &t, many_of_source) {
                            GroupLength::Fits(cost) => cost,
                            GroupLength::TooShort => continue,
                            GroupLength::TooLong => break,
                        };
                        if let Some((before, s, t)) = origin(step) {
                            let total = before + self.group_cost(s, t, length);
                            if total < cell.0 {
                                cell = (total, step);
                            }
                        }
                    }
                }
                (best[here], moves[here]) = cell;
            }
        }
        let mut path = Vec::new();
        let (mut i, mut j) = (n, m);
        while i > 0 || j > 0 {
            let (di, dj) = moves[index(i, j).expect("path stays in band")].steps();
            path.push(Alignment {
                source: source.start + i - di..source.start + i,
                target: target.start + j - dj..target.start + j,
            });
            i -= di;
            j -= dj;
        }
        out.extend(path.into_iter().rev());
    }

    fn move_cost(&self, source: Range<usize>, target: Range<usize>) -> f64 {
        if target.is_empty() {
            return self.one_sided_cost(&source, true);
        }
        if source.is_empty() {
            return self.one_sided_cost(&target, false);
        }
        let prior = if source.len() == 1 && target.len() == 1 {
            cost::ONE_ONE
        } else if self.all_list_items(&source, &target) {
            cost::TWO_ONE + cost::LIST_ITEMS_GROUPED
        } else {
            cost::TWO_ONE
        };
        prior
            + self.length_cost(&source, &target)
            + self.kind_cost(&source, &target)
            + self.anchor_cost(&source, &target)
            + self.lock_cost(&source, &target)
    }

    /// Whether every segment of a move is a list item: translators keep
    /// a list's items one for one, so two items grouped against one are
    /// more likely a run shifted by one than a merge.
    /// Whether a group of three or more against one is of a shape a
    /// translation makes: a table of headings and paragraphs folded into
    /// one paragraph. Lists and headings are not folded that way, and a
    /// group around them only hides a reordered page (a GCWeb release-notes
    /// page grouped a paragraph with six French list items and headings).
    fn foldable(&self, source: &Range<usize>, target: &Range<usize>) -> bool {
        let (many, one) = if source.len() > 1 {
            (
                &self.source.kinds[source.clone()],
                self.target.kinds[target.start],
            )
        } else {
            (
                &self.target.kinds[target.clone()],
                self.source.kinds[source.start],
            )
        };
        one == SegmentKind::Paragraph && many.iter().all(|&k| k != SegmentKind::ListItem)
    }

    fn all_list_items(&self, source: &Range<usize>, target: &Range<usize>) -> bool {
        self.source.kinds[source.clone()]
            .iter()
            .chain(&self.target.kinds[target.clone()])
            .all(|&k| k == SegmentKind::ListItem)
    }

    fn one_sided_cost(&self, run: &Range<usize>, of_source: bool) -> f64 {
        let signed_one_sided = self.lock.as_ref().is_some_and(|(lock, source, target)| {
            let entries = if of_source {
                source.entries(run)
            } else {
                target.entries(run)
            };
            entries.iter().any(|&e| lock.get(e).one_sided)
        });
        if signed_one_sided {
            cost::SIGNED_OFF_ONE_SIDED
        } else {
            cost::ONE_SIDED
        }
    }

    fn length_cost(&self, source: &Range<usize>, target: &Range<usize>) -> f64 {
        let (ls, lt) = self.lengths(source, target);
        self.length_surprise(ls, lt).min(cost::MAX_LENGTH)
    }

    /// The total lengths of a source run and a target run.
    fn lengths(&self, source: &Range<usize>, target: &Range<usize>) -> (f64, f64) {
        let ls: f64 = source.clone().map(|i| self.source.length(i)).sum();
        let lt: f64 = target.clone().map(|i| self.target.length(i)).sum();
        (ls, lt)
    }

    /// How unlikely two lengths are for a translation, uncapped.
    fn length_surprise(&self, ls: f64, lt: f64) -> f64 {
        let mean = ((ls + lt / self.length_ratio) / 2.0).max(1.0);
        let delta = (lt - ls * self.length_ratio) / (mean * cost::LENGTH_VARIANCE).sqrt();
        let tail = 2.0 * (1.0 - normal_cdf(delta.abs()));
        -tail.max(1e-12).ln()
    }

    /// The length cost of a group of three or more segments against one:
    /// uncapped, since a group is only worth making where the lengths
    /// match, and `TooShort` or `TooLong` when they do not (the group
    /// side's run still too short, or already too long, so that the
    /// caller stops growing it).
    fn group_length_cost(
        &self,
        source: &Range<usize>,
        target: &Range<usize>,
        many_of_source: bool,
    ) -> GroupLength {
        let (ls, lt) = self.lengths(source, target);
        let surprise = self.length_surprise(ls, lt);
        if surprise <= cost::MAX_GROUP_LENGTH {
            return GroupLength::Fits(surprise);
        }
        let source_longer = ls * self.length_ratio > lt;
        if source_longer == many_of_source {
            GroupLength::TooLong
        } else {
            GroupLength::TooShort
        }
    }

    /// Whether the lock allows a group of three or more segments against
    /// one. The sign-off record already gives a signed-off segment its
    /// partner: none of the group's segments may have been signed off in
    /// a pair of its own, and the lone segment only in a group of the same
    /// size (a folded table whose English cell has changed since). Without
    /// this, new English sections put above an old paragraph were grouped
    /// with that paragraph's French, still as signed off, rather than
    /// reported as missing translations.
    fn group_fits_lock(&self, source: &Range<usize>, target: &Range<usize>) -> bool {
        let Some((lock, source_runs, target_runs)) = &self.lock else {
            return true;
        };
        let (many, many_runs, one, one_runs) = if source.len() > 1 {
            (source, source_runs, target, target_runs)
        } else {
            (target, target_runs, source, source_runs)
        };
        let two_sided = |entries: &'_ [usize]| -> Vec<usize> {
            entries
                .iter()
                .copied()
                .filter(|&e| !lock.get(e).one_sided)
                .collect()
        };
        if many.clone().any(|i| !two_sided(many_runs.single(i)).is_empty()) {
            return false;
        }
        let entries = two_sided(one_runs.single(one.start));
        entries.is_empty()
            || entries.iter().any(|&e| {
                let entry = lock.get(e);
                entry.source.len().max(entry.target.len()) == many.len()
            })
    }

    /// The cost of a group of three or more segments against one, given
    /// its length cost: a 2–1 move's, and more for each segment beyond
    /// two.
    fn group_cost(&self, source: Range<usize>, target: Range<usize>, length: f64) -> f64 {
        if !self.group_fits_lock(&source, &target) || !self.foldable(&source, &target) {
            return f64::INFINITY;
        }
        let extra = (source.len() + target.len() - 3) as f64 * cost::GROUP_EXTRA;
        let lists = if self.all_list_items(&source, &target) {
            cost::LIST_ITEMS_GROUPED
        } else {
            0.0
        };
        cost::TWO_ONE
            + extra
            + lists
            + length
            + self.kind_cost(&source, &target)
            + anchor_cost(
                &self.source.run_anchors(&source),
                &self.target.run_anchors(&target),
            )
            + self.lock_cost(&source, &target)
    }

    /// The worst kind match of a segment of one run with a segment of the
    /// other: a heading grouped with a paragraph against one paragraph is
    /// as unlikely as a heading paired with a paragraph.
    fn kind_cost(&self, source: &Range<usize>, target: &Range<usize>) -> f64 {
        let mut worst: f64 = 0.0;
        for &s in &self.source.kinds[source.clone()] {
            for &t in &self.target.kinds[target.clone()] {
                worst = worst.max(kind_cost(s, t));
            }
        }
        worst
    }

    fn anchor_cost(&self, source: &Range<usize>, target: &Range<usize>) -> f64 {
        anchor_cost(self.source.anchors_of(source), self.target.anchors_of(target))
    }

    fn lock_cost(&self, source: &Range<usize>, target: &Range<usize>) -> f64 {
        let Some((lock, source_runs, target_runs)) = &self.lock else {
            return 0.0;
        };
        let by_source = source_runs.entries(source);
        let by_target = target_runs.entries(target);
        if by_source.iter().any(|e| by_target.contains(e)) {
            return cost::LOCKED_PAIR;
        }
        // A run of two whose segments were signed off apart.
        let pieces = [
            by_source.is_empty().then(|| source_runs.pieces(lock, source)),
            by_target.is_empty().then(|| target_runs.pieces(lock, target)),
        ];
        if pieces.contains(&Some(Pieces::OneNew)) {
            return cost::LOCKED_WITH_NEW;
        }
        // The entries that hold one side as it is now (one entry, or two
        // consecutive ones for a run signed off in pieces).
        let whole = |entries: &[usize], pieces: Option<Pieces>| match pieces {
            Some(Pieces::Consecutive(e)) => vec![e, e + 1],
            _ => entries
                .iter()
                .copied()
                .filter(|&e| !lock.get(e).one_sided)
                .take(1)
                .collect(),
        };
        let (as_source, as_target) = (whole(by_source, pieces[0]), whole(by_target, pieces[1]));
        if as_source.is_empty() && as_target.is_empty() {
            return 0.0;
        }
        cost::HALF_LOCKED_PAIR
            - cost::RESEMBLANCE * self.resemblance(lock, &as_source, &as_target, source, target)
    }

    /// The words of one side's text at sign-off in one or more lock
    /// entries, each entry's computed once.
    fn signed_words(&self, lock: &Lock, entries: &[usize], of_source: bool) -> Cow<'_, [u64]> {
        let one = |e: usize| -> &[u64] {
            let cache = if of_source {
                &self.signed_source_words
            } else {
                &self.signed_target_words
            };
            cache[e].get_or_init(|| {
                let entry = lock.get(e);
                anchor::words(if of_source {
                    &entry.source_text
                } else {
                    entry.target_text.as_deref().unwrap_or_default()
                })
            })
        };
        if let [e] = entries {
            return Cow::Borrowed(one(*e));
        }
        let mut all: Vec<u64> = entries.iter().flat_map(|&e| one(e).iter().copied()).collect();
        all.sort_unstable();
        all.dedup();
        Cow::Owned(all)
    }

    /// How much the changed side of a half-locked pair reads like that
    /// side's text at sign-off, from 0 to 1. New English items put before
    /// a reworded one all pair equally well with its French, still as
    /// signed off, by the lock alone; the reworded item is the one that
    /// reads most like the English signed off.
    fn resemblance(
        &self,
        lock: &Lock,
        by_source: &[usize],
        by_target: &[usize],
        source: &Range<usize>,
        target: &Range<usize>,
    ) -> f64 {
        let mut best: f64 = 0.0;
        if !by_target.is_empty() {
            let then = self.signed_words(lock, by_target, true);
            best = best.max(anchor::resemblance(&self.source.words_of(source), &then));
        }
        if !by_source.is_empty() {
            let then = self.signed_words(lock, by_source, false);
            best = best.max(anchor::resemblance(&self.target.words_of(target), &then));
        }
        best
    }
}

fn kind_cost(s: SegmentKind, t: SegmentKind) -> f64 {
    use SegmentKind::*;
    match (s, t) {
        (Heading(a), Heading(b)) if a == b => 0.0,
        (Heading(_), Heading(_)) => 0.5,
        (Heading(_), _) | (_, Heading(_)) => 4.0,
        (Boilerplate, Boilerplate) => 0.0,
        (Boilerplate, _) | (_, Boilerplate) => 8.0,
        (a, b) if a == b => 0.0,
        // Tight vs loose lists, a quote set as a paragraph, HTML vs Markdown.
        _ => 1.0,
    }
}

/// Whether two segment kinds may stand for each other: a heading only
/// for a heading and a boilerplate reference only for one; the other
/// kinds trade places in real translations (tight and loose lists, a
/// quote set as a paragraph).
fn kinds_alike(source: SegmentKind, target: SegmentKind) -> bool {
    use SegmentKind::*;
    match (source, target) {
        (Heading(_), Heading(_)) | (Boilerplate, Boilerplate) => true,
        (Heading(_) | Boilerplate, _) | (_, Heading(_) | Boilerplate) => false,
        (Image, Image) => true,
        (Image, _) | (_, Image) => false,
        _ => true,
    }
}

fn anchor_cost(source: &Anchors, target: &Anchors) -> f64 {
    let (shared, lone) = anchor::overlap(&source.exact, &target.exact);
    let (shared_names, _) = anchor::overlap(&source.names, &target.names);
    cost::SHARED_ANCHOR * shared.min(5) as f64
        + cost::SHARED_NAME * shared_names.min(5) as f64
        + cost::LONE_ANCHOR * lone.min(5) as f64
}

/// The longest chain of candidates increasing on both sides (patience
/// sorting), without overlaps.
fn longest_increasing_chain(mut candidates: Vec<Alignment>) -> Vec<Alignment> {
    candidates.sort_by(|a, b| {
        a.source
            .start
            .cmp(&b.source.start)
            .then(b.target.start.cmp(&a.target.start))
    });
    let mut tails: Vec<usize> = Vec::new();
    let mut previous: Vec<Option<usize>> = vec![None; candidates.len()];
    for (k, candidate) in candidates.iter().enumerate() {
        let j = candidate.target.start;
        let at = tails.partition_point(|&t| candidates[t].target.start < j);
        previous[k] = at.checked_sub(1).map(|p| tails[p]);
        if at == tails.len() {
            tails.push(k);
        } else {
            tails[at] = k;
        }
    }
    let mut chain = Vec::new();
    let mut next = tails.last().copied();
    while let Some(k) = next {
        chain.push(k);
        next = previous[k];
    }
    chain.reverse();
    let mut out: Vec<Alignment> = Vec::with_capacity(chain.len());
    for k in chain {
        let c = &candidates[k];
        let clear = out
            .last()
            .is_none_or(|p| c.source.start >= p.source.end && c.target.start >= p.target.end);
        if clear {
            out.push(c.clone());
        }
    }
    out
}

/// The standard normal cumulative distribution (Abramowitz and Stegun 7.1.26).
fn normal_cdf(x: f64) -> f64 {
    let t = 1.0 / (1.0 + 0.327_591_1 * x.abs() / std::f64::consts::SQRT_2);
    let poly = t
        * (0.254_829_592
            + t * (-0.284_496_736 + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))));
    let erf = 1.0 - poly * (-(x * x) / 2.0).exp();
    if x >= 0.0 {
        (1.0 + erf) / 2.0
    } else {
        (1.0 - erf) / 2.0
    }
}

#[cfg(test)]
mod tests;
