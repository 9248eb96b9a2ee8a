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

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

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

    fn len(&self) -> usize {
        self.kinds.len()
    }
}

/// The lock entries each run of one or two segments of a side matches,
/// looked up once so that the dynamic programming allocates nothing.
struct LockedRuns<'a> {
    single: Vec<&'a [usize]>,
    double: Vec<&'a [usize]>,
}

impl<'a> LockedRuns<'a> {
    fn new(side: &SideFeatures, lock: &'a Lock, of_source: bool) -> Self {
        let find = |hash: TextHash| {
            if of_source {
                lock.with_source(hash)
            } else {
                lock.with_target(hash)
            }
        };
        LockedRuns {
            single: side.hashes.iter().map(|&h| find(h)).collect(),
            double: side.hashes.windows(2).map(|w| find(hash_side(w))).collect(),
        }
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
            self.single[i]
                .iter()
                .copied()
                .filter(|&e| !lock.get(e).one_sided)
                .collect()
        };
        let (first, second) = (two_sided(range.start), two_sided(range.start + 1));
        if first.iter().any(|e| second.contains(&(e + 1))) {
            Pieces::Consecutive
        } else if first.is_empty() != second.is_empty()
            && (self.single[range.start].is_empty() || self.single[range.start + 1].is_empty())
        {
            Pieces::OneNew
        } else {
            Pieces::Neither
        }
    }

    fn entries(&self, range: &Range<usize>) -> &'a [usize] {
        match range.len() {
            1 => self.single[range.start],
            2 => self.double[range.start],
            _ => &[],
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pieces {
    Consecutive,
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
    };
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    for anchor in lock.map(|l| aligner.locked_chain(l)).unwrap_or_default() {
        aligner.align_gap(i..anchor.source.start, j..anchor.target.start, &mut out);
        (i, j) = (anchor.source.end, anchor.target.end);
        out.push(anchor);
    }
    aligner.align_gap(i..source.len(), j..target.len(), &mut out);
    match &aligner.lock {
        Some((lock, source_runs, target_runs)) => out
            .into_iter()
            .flat_map(|a| split_signed_with_new(a, lock, source_runs, target_runs))
            .collect(),
        None => out,
    }
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
) -> Vec<Alignment> {
    let Alignment { source, target } = alignment;
    let split = |pair: &Range<usize>, runs: &LockedRuns| {
        (pair.len() == 2 && runs.entries(pair).is_empty() && runs.pieces(lock, pair) == Pieces::OneNew)
            .then(|| runs.single[pair.start].is_empty())
    };
    if target.len() == 1 {
        if let Some(first_new) = split(&source, source_runs) {
            let (new, old) = if first_new {
                (source.start, source.start + 1)
            } else {
                (source.start + 1, source.start)
            };
            let lone = if first_new { target.start } else { target.end };
            let mut out = vec![
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
                out.reverse();
            }
            return out;
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
            let mut out = vec![
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
                out.reverse();
            }
            return out;
        }
    }
    vec![Alignment { source, target }]
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
}

#[derive(Clone, Copy)]
enum Move {
    Start,
    OneOne,
    OneZero,
    ZeroOne,
    TwoOne,
    OneTwo,
}

impl Move {
    fn steps(self) -> (usize, usize) {
        match self {
            Move::Start => (0, 0),
            Move::OneOne => (1, 1),
            Move::OneZero => (1, 0),
            Move::ZeroOne => (0, 1),
            Move::TwoOne => (2, 1),
            Move::OneTwo => (1, 2),
        }
    }
}

impl Aligner<'_> {
    /// The longest chain, in document order, of lock pairs found intact on
    /// both sides.
    fn locked_chain(&self, lock: &Lock) -> Vec<Alignment> {
        let occurrences = |side: &SideFeatures, of_source: bool| {
            let mut found: HashMap<usize, Vec<usize>> = HashMap::new();
            for (start, &hash) in side.hashes.iter().enumerate() {
                for &entry in lock.starting_with(hash, of_source) {
                    let hashes = if of_source {
                        &lock.get(entry).source
                    } else {
                        &lock.get(entry).target
                    };
                    if side.hashes.get(start..start + hashes.len()) == Some(hashes.as_slice()) {
                        found.entry(entry).or_default().push(start);
                    }
                }
            }
            found
        };
        let in_source = occurrences(self.source, true);
        let in_target = occurrences(self.target, false);
        let mut candidates = Vec::new();
        for (entry, starts) in &in_source {
            let Some(target_starts) = in_target.get(entry) else {
                continue;
            };
            // Text repeated many times says little about where it belongs.
            if starts.len() * target_starts.len() > 16 {
                continue;
            }
            let pair = lock.get(*entry);
            let placed: Vec<Alignment> = starts
                .iter()
                .flat_map(|&i| {
                    target_starts.iter().map(move |&j| Alignment {
                        source: i..i + pair.source.len(),
                        target: j..j + pair.target.len(),
                    })
                })
                .collect();
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
            if placed.len() > 1 && placed.iter().any(alike) {
                candidates.extend(placed.into_iter().filter(alike));
            } else {
                candidates.extend(placed);
            }
        }
        longest_increasing_chain(candidates)
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
        let mut moves = vec![Move::Start; cells];
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
                let mut cell = (f64::INFINITY, Move::Start);
                for step in [
                    Move::OneOne,
                    Move::OneZero,
                    Move::ZeroOne,
                    Move::TwoOne,
                    Move::OneTwo,
                ] {
                    let (di, dj) = step.steps();
                    if i < di || j < dj {
                        continue;
                    }
                    let Some(from) = index(i - di, j - dj) else {
                        continue;
                    };
                    if best[from].is_infinite() {
                        continue;
                    }
                    let s = source.start + i - di..source.start + i;
                    let t = target.start + j - dj..target.start + j;
                    let total = best[from] + self.move_cost(s, t);
                    if total < cell.0 {
                        cell = (total, step);
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
        let ls: f64 = source.clone().map(|i| self.source.length(i)).sum();
        let lt: f64 = target.clone().map(|i| self.target.length(i)).sum();
        let mean = ((ls + lt / self.length_ratio) / 2.0).max(1.0);
        let delta = (lt - ls * self.length_ratio) / (mean * cost::LENGTH_VARIANCE).sqrt();
        let tail = 2.0 * (1.0 - normal_cdf(delta.abs()));
        (-tail.max(1e-12).ln()).min(cost::MAX_LENGTH)
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
            cost::LOCKED_WITH_NEW
        } else if pieces.contains(&Some(Pieces::Consecutive))
            || by_source.iter().chain(by_target).any(|&e| !lock.get(e).one_sided)
        {
            cost::HALF_LOCKED_PAIR
        } else {
            0.0
        }
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
