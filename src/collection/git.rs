//! A first sign-off inferred from git history, so that drift shows on the
//! day a site adopts bitext: for each pair, the English as it was at the
//! last commit that changed the French, paired with that French. Without
//! history (not a repository, or a French page never committed) the
//! baseline is the current state. Either way the record is marked as
//! inferred, never as a person's approval.
//!
//! This runs the `git` command rather than linking a git library: it is
//! on every machine that has a repository, it reads every repository
//! format and configuration git itself reads, and three plumbing calls
//! are all that is needed.

use std::path::Path;
use std::process::Command;

use crate::collection::{record, slash, DocPair};
use crate::document::source::SourceFile;
use crate::document::Document;
use crate::error::{Error, Result};
use crate::pairing::PairedRelease;
use crate::release::{Release, ReleaseMeta};
use crate::workspace::Workspace;

/// Where a baseline came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Baseline {
    /// The English at this commit, the last to change the French.
    Commit(String),
    /// The current state: `git` history was not asked for or not there.
    Current(NoHistory),
}

/// Why a baseline could not come from history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoHistory {
    /// Only the current state was asked for (`--baseline`).
    NotAsked,
    /// The workspace is not in a git repository (or git is not installed).
    NotARepository,
    /// The French page was never committed.
    NeverCommitted,
    /// The English page did not exist at the French page's last commit.
    SourceNotThen,
}

impl NoHistory {
    /// The key of its explanation in the UI resources.
    pub fn id(self) -> &'static str {
        match self {
            NoHistory::NotAsked => "not-asked",
            NoHistory::NotARepository => "not-a-repository",
            NoHistory::NeverCommitted => "never-committed",
            NoHistory::SourceNotThen => "source-not-then",
        }
    }
}

fn git(root: &Path, args: &[&str]) -> Option<Vec<u8>> {
    let output = Command::new("git").arg("-C").arg(root).args(args).output().ok()?;
    output.status.success().then_some(output.stdout)
}

/// The English and French of a pair at the French page's last commit.
fn from_history(root: &Path, pair: &DocPair) -> std::result::Result<(String, Vec<u8>, Vec<u8>), NoHistory> {
    git(root, &["rev-parse", "--is-inside-work-tree"]).ok_or(NoHistory::NotARepository)?;
    let log = git(root, &["log", "-1", "--format=%H", "--", &slash(&pair.target)])
        .ok_or(NoHistory::NeverCommitted)?;
    let commit = String::from_utf8_lossy(&log).trim().to_owned();
    if commit.is_empty() {
        return Err(NoHistory::NeverCommitted);
    }
    let show = |path: &Path| git(root, &["show", &format!("{commit}:./{}", slash(path))]);
    let source = show(&pair.source).ok_or(NoHistory::SourceNotThen)?;
    let target = show(&pair.target).ok_or(NoHistory::NeverCommitted)?;
    Ok((commit, source, target))
}

/// Records a baseline for one collection pair: from git history when
/// `from_git`, else (or when there is none) from the current state.
pub fn baseline(ws: &Workspace, pair: &DocPair, from_git: bool) -> Result<Baseline> {
    let history = if from_git {
        from_history(&ws.root, pair)
    } else {
        Err(NoHistory::NotAsked)
    };
    let (source, target, baseline) = match history {
        Ok((commit, source, target)) => (source, target, Baseline::Commit(commit)),
        Err(why) => {
            let read = |path: &Path| {
                let full = ws.root.join(path);
                std::fs::read(&full).map_err(|e| Error::io(&full, e))
            };
            (read(&pair.source)?, read(&pair.target)?, Baseline::Current(why))
        }
    };
    let (source, target) = (
        SourceFile::from_bytes(&pair.source, source)?,
        SourceFile::from_bytes(&pair.target, target)?,
    );
    let then = Release {
        slug: pair.name(),
        dir: ws.root.clone(),
        meta: ReleaseMeta::page(),
        source: Document::new(source),
        target: Document::new(target),
        lock: None,
    };
    let paired = PairedRelease::new(ws, &then);
    // A baseline records the pairs as they were, unpaired ones included:
    // it states what bitext found, not what a person accepted.
    let lock = paired.record();
    let commit = match &baseline {
        Baseline::Commit(c) => Some(c.clone()),
        Baseline::Current(_) => None,
    };
    record::write(ws, pair, &lock, true, commit)?;
    Ok(baseline)
}
