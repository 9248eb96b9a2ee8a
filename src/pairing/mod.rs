//! A release's two documents segmented, aligned, and each pair compared
//! with the sign-off record: in sync, drifted, edited, new, or one-sided.
//! This is the shared view that `check`, `status`, `diff`, `align` and
//! `sign-off` all start from.

pub mod align;
pub mod anchor;
pub mod findings;
pub mod lock;
pub mod sign_off;

use crate::document::segment::Segment;
use crate::pairing::align::{Alignment, SideFeatures};
use crate::pairing::lock::{hash_side, Hashes, Lock, LockedPair};
use crate::release::Release;
use crate::workspace::Workspace;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairStatus {
    /// Both sides exactly as signed off together.
    InSync,
    /// A segment signed off on purpose with one side only.
    OneSided,
    /// The source changed since sign-off; the target did not. `signed_off`
    /// is the lock entry that holds the source as it was.
    SourceDrifted { signed_off: usize },
    /// The target changed since sign-off; the source did not.
    TargetEdited,
    /// Neither side matches the sign-off record.
    NotSignedOff,
    /// A source segment with no target partner.
    MissingTranslation,
    /// A target segment with no source partner; `removed` when the lock
    /// shows the source was there at sign-off and has been deleted since.
    MissingSource { removed: bool },
}

impl PairStatus {
    /// The status's name in JSON output, the same as the finding codes.
    pub fn name(self) -> &'static str {
        match self {
            PairStatus::InSync => "in-sync",
            PairStatus::OneSided => "one-sided",
            PairStatus::SourceDrifted { .. } => "source-drifted",
            PairStatus::TargetEdited => "target-edited",
            PairStatus::NotSignedOff => "not-signed-off",
            PairStatus::MissingTranslation => "missing-translation",
            PairStatus::MissingSource { .. } => "missing-source",
        }
    }

    pub fn is_unpaired(self) -> bool {
        matches!(
            self,
            PairStatus::MissingTranslation | PairStatus::MissingSource { .. }
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    pub alignment: Alignment,
    pub status: PairStatus,
}

/// A release with its segments paired.
pub struct PairedRelease<'r> {
    pub release: &'r Release,
    /// The release's source segments, as its document holds them.
    pub source: &'r [Segment],
    pub target: &'r [Segment],
    pub pairs: Vec<Pair>,
    source_features: SideFeatures<'r>,
    target_features: SideFeatures<'r>,
}

impl<'r> PairedRelease<'r> {
    pub fn new(ws: &Workspace, release: &'r Release) -> Self {
        let (source, target) = (release.source.segments(), release.target.segments());
        // The two sides are independent: a long release uses both cores.
        let (source_features, target_features) =
            rayon::join(|| SideFeatures::new(source), || SideFeatures::new(target));
        let lock = release.lock.as_ref();
        let alignments =
            align::align_marking_locked(&source_features, &target_features, lock, ws.length_ratio());
        let pairs = alignments
            .into_iter()
            .map(|(alignment, locked)| {
                // A pair the lock fixed is as signed off: nothing to look up.
                if locked {
                    let status = PairStatus::InSync;
                    return Pair { alignment, status };
                }
                let status = classify(&alignment, &source_features, &target_features, lock);
                let status = lock.map_or(status, |lock| {
                    markup_only(
                        status,
                        lock,
                        &source[alignment.source.clone()],
                        &target[alignment.target.clone()],
                    )
                });
                Pair { alignment, status }
            })
            .collect();
        PairedRelease {
            release,
            source,
            target,
            pairs,
            source_features,
            target_features,
        }
    }

    pub fn source_segments(&self, pair: &Pair) -> &[Segment] {
        &self.source[pair.alignment.source.clone()]
    }

    pub fn target_segments(&self, pair: &Pair) -> &[Segment] {
        &self.target[pair.alignment.target.clone()]
    }

    /// The source text of a drifted pair as it was at sign-off.
    pub fn signed_off_source(&self, pair: &Pair) -> Option<&str> {
        match (pair.status, &self.release.lock) {
            (PairStatus::SourceDrifted { signed_off }, Some(lock)) => Some(&lock.get(signed_off).source_text),
            _ => None,
        }
    }

    /// The lock entry a pair is compared with: for a drifted pair the one
    /// holding its old source, for an edited target the one holding its
    /// old target, for a removed source the one the target still matches.
    pub fn signed_off_entry(&self, pair: &Pair) -> Option<&LockedPair> {
        let lock = self.release.lock.as_ref()?;
        let two_sided = |entries: &[usize]| {
            entries
                .iter()
                .map(|&e| lock.get(e))
                .find(|entry| !entry.one_sided)
        };
        match pair.status {
            PairStatus::SourceDrifted { signed_off } => Some(lock.get(signed_off)),
            PairStatus::TargetEdited => two_sided(lock.with_source(self.side_hash(pair, true)?)),
            PairStatus::MissingSource { removed: true } => {
                two_sided(lock.with_target(self.side_hash(pair, false)?))
            }
            _ => None,
        }
    }

    /// The hash of one side of a pair, `None` when that side is empty.
    fn side_hash(&self, pair: &Pair, source: bool) -> Option<lock::TextHash> {
        let (features, range) = if source {
            (&self.source_features, &pair.alignment.source)
        } else {
            (&self.target_features, &pair.alignment.target)
        };
        (!range.is_empty()).then(|| hash_side(&features.hashes[range.clone()]))
    }

    /// The sign-off record of the pairs as they are now, unpaired segments
    /// recorded as one-sided. Whether they may be signed off is decided by
    /// `sign_off`.
    pub fn record(&self) -> Lock {
        let locked = self
            .pairs
            .iter()
            .map(|pair| {
                let source = Hashes::from_slice(&self.source_features.hashes[pair.alignment.source.clone()]);
                let target = Hashes::from_slice(&self.target_features.hashes[pair.alignment.target.clone()]);
                LockedPair {
                    one_sided: source.is_empty() || target.is_empty(),
                    target_text: (!target.is_empty()).then(|| join_text(self.target_segments(pair)).into()),
                    source,
                    target,
                    source_text: join_text(self.source_segments(pair)).into(),
                }
            })
            .collect();
        Lock::new(locked)
    }
}

/// The text of a run of segments, as stored in the lock and shown in diffs.
pub fn join_text(segments: &[Segment]) -> String {
    segments
        .iter()
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn classify(
    alignment: &Alignment,
    source: &SideFeatures,
    target: &SideFeatures,
    lock: Option<&Lock>,
) -> PairStatus {
    let source_hash =
        (!alignment.source.is_empty()).then(|| hash_side(&source.hashes[alignment.source.clone()]));
    let target_hash =
        (!alignment.target.is_empty()).then(|| hash_side(&target.hashes[alignment.target.clone()]));
    let Some(lock) = lock else {
        return match (source_hash, target_hash) {
            (Some(_), None) => PairStatus::MissingTranslation,
            (None, _) => PairStatus::MissingSource { removed: false },
            (Some(_), Some(_)) => PairStatus::NotSignedOff,
        };
    };
    let by_source = source_hash.map_or(&[][..], |h| lock.with_source(h));
    let by_target = target_hash.map_or(&[][..], |h| lock.with_target(h));
    // A run of segments signed off in consecutive pairs of their own: the
    // other side was merged or split since.
    let by_source_pieces = signed_in_pieces(lock, &source.hashes[alignment.source.clone()], true);
    let by_target_pieces = signed_in_pieces(lock, &target.hashes[alignment.target.clone()], false);
    let one_sided = |entries: &[usize]| entries.iter().any(|&e| lock.get(e).one_sided);
    let two_sided = |entries: &[usize]| entries.iter().copied().find(|&e| !lock.get(e).one_sided);
    match (source_hash, target_hash) {
        (Some(_), None) if one_sided(by_source) => PairStatus::OneSided,
        (Some(_), None) => PairStatus::MissingTranslation,
        (None, _) if one_sided(by_target) => PairStatus::OneSided,
        (None, _) => PairStatus::MissingSource {
            removed: two_sided(by_target).is_some(),
        },
        (Some(_), Some(_)) => {
            if by_source.iter().any(|e| by_target.contains(e)) {
                PairStatus::InSync
            } else if let Some(signed_off) = two_sided(by_target).or(by_target_pieces) {
                PairStatus::SourceDrifted { signed_off }
            } else if two_sided(by_source).or(by_source_pieces).is_some() {
                PairStatus::TargetEdited
            } else {
                PairStatus::NotSignedOff
            }
        }
    }
}

/// A drifted or edited pair whose changed side differs from its text at
/// sign-off only in markup (`gdal` become `` `gdal` ``) is in sync: the
/// words a translator translates are the same. Link targets are not part
/// of a segment's text, so a changed target alone is never drift; the
/// `url-mismatch` check compares the links of each pair instead.
fn markup_only(status: PairStatus, lock: &Lock, source: &[Segment], target: &[Segment]) -> PairStatus {
    let same = |before: Option<&str>, now: &[Segment]| {
        before.is_some_and(|before| without_markup(before) == without_markup(&join_text(now)))
    };
    match status {
        PairStatus::SourceDrifted { signed_off } if same(Some(&lock.get(signed_off).source_text), source) => {
            PairStatus::InSync
        }
        PairStatus::TargetEdited => {
            let source_hash = hash_side(
                &source
                    .iter()
                    .map(|s| lock::hash_text(&s.text))
                    .collect::<Vec<_>>(),
            );
            let entry = lock
                .with_source(source_hash)
                .iter()
                .map(|&e| lock.get(e))
                .find(|e| !e.one_sided);
            if entry.is_some_and(|e| same(e.target_text.as_deref(), target)) {
                PairStatus::InSync
            } else {
                status
            }
        }
        _ => status,
    }
}

/// A segment's text without the marks that change its look, not its words.
pub fn without_markup(text: &str) -> String {
    text.chars().filter(|&c| c != '`').collect()
}

/// The first of the consecutive two-sided lock entries that each segment
/// of a run of two or more was signed off in, one segment each.
fn signed_in_pieces(lock: &Lock, hashes: &[lock::TextHash], of_source: bool) -> Option<usize> {
    if hashes.len() < 2 {
        return None;
    }
    let entries = |h| {
        if of_source {
            lock.with_source(h)
        } else {
            lock.with_target(h)
        }
    };
    entries(hashes[0]).iter().copied().find(|&first| {
        hashes.iter().enumerate().all(|(k, &h)| {
            let e = first + k;
            e < lock.pairs().len() && !lock.get(e).one_sided && entries(h).contains(&e)
        })
    })
}

#[cfg(test)]
mod robustness;
