//! Where a collection page's sign-off record lives, and signing it off.
//! The record of `content/en/about.md` is `.bitext/lock/content/en/about.md.lock`
//! (the same format as a release's `bitext.lock`), with a small
//! `.bitext/lock/content/en/about.md.pair.toml` beside it saying which
//! collection, key and translation it was made for, and whether it is a
//! baseline inferred by bitext rather than a person's sign-off. A page that
//! moved keeps its record when its pairing key did not change: the record
//! is found by key and moved with the next sign-off.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::collection::{slash, DocPair};
use crate::error::{Error, Result};
use crate::pairing::lock::Lock;
use crate::workspace::{parse_toml, Workspace};

/// The folder bitext owns inside a workspace.
pub const DIR: &str = ".bitext";

/// What `.pair.toml` holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PairRecord {
    pub collection: String,
    pub key: String,
    pub target: String,
    /// `true` when bitext inferred the record (`--baseline`,
    /// `--baseline-from-git`): no person approved this French.
    #[serde(default)]
    pub inferred: bool,
    /// The commit the baseline's English and French were taken from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commit: Option<String>,
}

/// The lock file of a source page.
pub fn lock_path(ws: &Workspace, source: &Path) -> PathBuf {
    ws.root
        .join(DIR)
        .join("lock")
        .join(format!("{}.lock", slash(source)))
}

fn record_path(lock: &Path) -> PathBuf {
    let mut name = lock.as_os_str().to_owned();
    name.push(".pair.toml");
    // `about.md.lock` → `about.md.lock.pair.toml` would read badly.
    PathBuf::from(name.to_string_lossy().replace(".lock.pair.toml", ".pair.toml"))
}

/// The record beside a lock file, if there is one.
pub fn read_record(lock: &Path) -> Result<Option<PairRecord>> {
    let path = record_path(lock);
    match std::fs::read_to_string(&path) {
        Ok(text) => parse_toml(&path, &text).map(Some),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io(&path, e)),
    }
}

/// The lock file that holds this pair's sign-off: at its source path, or,
/// for a page that moved, the one recorded with the same collection and key.
pub fn find(ws: &Workspace, pair: &DocPair) -> Result<Option<PathBuf>> {
    let path = lock_path(ws, &pair.source);
    if path.is_file() {
        return Ok(Some(path));
    }
    moved(ws, pair)
}

fn moved(ws: &Workspace, pair: &DocPair) -> Result<Option<PathBuf>> {
    let dir = ws.root.join(DIR).join("lock");
    if !dir.is_dir() {
        return Ok(None);
    }
    let collection = &ws.collections[pair.collection].name;
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::io(&dir, e.into()))?;
        let name = entry.file_name().to_string_lossy();
        if !entry.file_type().is_file() || !name.ends_with(".lock") {
            continue;
        }
        if let Some(record) = read_record(entry.path())? {
            if &record.collection == collection && record.key == pair.key {
                return Ok(Some(entry.path().to_path_buf()));
            }
        }
    }
    Ok(None)
}

/// Writes a pair's lock and its record, and removes a record left at the
/// page's old place (bitext wrote it), as one all-or-nothing step
/// ([`crate::atomic::Batch`]): both files are staged and synced before
/// either replaces anything, and the old record goes only once they are in
/// place. When the command opened a batch (a sign-off of several pages),
/// this joins it, so that no page's record is replaced unless every page's
/// record of the run is on disk. A reader sees the old lock and record or
/// the new ones, except after a crash between the two renames (a lock newer
/// than its record, which the next sign-off rewrites).
pub fn write(
    ws: &Workspace,
    pair: &DocPair,
    lock: &Lock,
    inferred: bool,
    commit: Option<String>,
) -> Result<()> {
    let batch = crate::atomic::batch();
    let path = lock_path(ws, &pair.source);
    let parent = path.parent().unwrap_or(&ws.root);
    crate::atomic::create_dir_all(parent)?;
    // One writer at a time for the records folder, as for a release
    // folder: a second `sign-off` waits until this one is done.
    let records = ws.root.join(DIR).join("lock");
    let guard = std::fs::File::open(&records).map_err(|e| Error::io(&records, e))?;
    guard.lock().map_err(|e| Error::io(&records, e))?;
    let old = find(ws, pair)?.filter(|old| old != &path);
    let record = PairRecord {
        collection: ws.collections[pair.collection].name.clone(),
        key: pair.key.clone(),
        target: slash(&pair.target),
        inferred,
        commit,
    };
    let text = toml::to_string(&record).map_err(|e| Error::EncodeLock { error: e.to_string() })?;
    lock.write(&path)?;
    crate::atomic::write(&record_path(&path), text.as_bytes())?;
    if let Some(old) = old {
        for file in [record_path(&old), old] {
            crate::atomic::remove(&file)?;
        }
    }
    batch.commit()
}
