//! Exchange with CAT tools: XLIFF 2.0 (or 1.2 for older tools) export of a
//! release's source segments with their current targets, states and the
//! source as it was at sign-off, and import of the translated targets back
//! into the target Markdown. Each unit carries the hash of its source
//! segment (and of its target) in bitext's namespace, so an import can
//! refuse a unit whose text changed since the export. Inline Markdown
//! travels as XLIFF inline codes (`inline`); the element tree read on import
//! is `xml`'s. Boilerplate references are not exported: boilerplate is
//! translated once, in the Fluent locale files.

pub mod export;
pub mod import;
pub mod inline;
pub mod xml;

use std::collections::BTreeSet;

use crate::pairing::PairStatus;

pub const XLIFF2_NS: &str = "urn:oasis:names:tc:xliff:document:2.0";
pub const XLIFF1_NS: &str = "urn:oasis:names:tc:xliff:document:1.2";
/// bitext's own attributes (`bitext:hash`, `bitext:target-hash`,
/// `bitext:release`, `bitext:status`, `bitext:kind`).
pub const BITEXT_NS: &str = "urn:x-bitext:xliff:1";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    /// XLIFF 2.0, the default.
    V2_0,
    /// XLIFF 1.2, for older tools.
    V1_2,
}

/// Which pairs to export, by status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Wanted {
    /// No target yet.
    Missing,
    /// The source changed since sign-off.
    Drifted,
    /// The target changed since sign-off.
    Edited,
    /// Translated but never signed off.
    New,
    /// Signed off and unchanged: context for the translator.
    InSync,
}

impl Wanted {
    pub fn of(status: PairStatus) -> Option<Wanted> {
        match status {
            PairStatus::MissingTranslation => Some(Wanted::Missing),
            PairStatus::SourceDrifted { .. } => Some(Wanted::Drifted),
            PairStatus::TargetEdited => Some(Wanted::Edited),
            PairStatus::NotSignedOff => Some(Wanted::New),
            PairStatus::InSync => Some(Wanted::InSync),
            PairStatus::OneSided | PairStatus::MissingSource { .. } => None,
        }
    }
}

/// The statuses to export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection(pub BTreeSet<Wanted>);

impl Selection {
    /// Everything that needs a translator: all but the pairs in sync.
    pub fn pending() -> Self {
        Selection([Wanted::Missing, Wanted::Drifted, Wanted::Edited, Wanted::New].into())
    }

    /// Every pair with a source segment.
    pub fn all() -> Self {
        let mut all = Self::pending();
        all.0.insert(Wanted::InSync);
        all
    }

    pub fn wants(&self, status: PairStatus) -> bool {
        Wanted::of(status).is_some_and(|w| self.0.contains(&w))
    }
}

/// The segment state of a unit, as XLIFF 2.0 names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// No target, or one that no longer follows the source (drifted).
    Initial,
    /// Translated, not signed off.
    Translated,
    /// Signed off.
    Final,
}

impl State {
    pub fn of(status: PairStatus) -> State {
        match status {
            PairStatus::InSync | PairStatus::OneSided => State::Final,
            PairStatus::TargetEdited | PairStatus::NotSignedOff => State::Translated,
            PairStatus::MissingTranslation
            | PairStatus::SourceDrifted { .. }
            | PairStatus::MissingSource { .. } => State::Initial,
        }
    }

    pub fn xliff2(self) -> &'static str {
        match self {
            State::Initial => "initial",
            State::Translated => "translated",
            State::Final => "final",
        }
    }

    /// XLIFF 1.2's `state` on `<target>`.
    pub fn xliff1(self) -> &'static str {
        match self {
            State::Initial => "needs-translation",
            State::Translated => "translated",
            State::Final => "final",
        }
    }
}

/// A unit's id: its source segment's index in the document.
pub fn unit_id(index: usize) -> String {
    format!("s{}", index + 1)
}

/// The source segment index of a unit id written by `unit_id`.
pub fn unit_index(id: &str) -> Option<usize> {
    id.strip_prefix('s')?.parse::<usize>().ok()?.checked_sub(1)
}
