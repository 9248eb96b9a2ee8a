//! The output folder: where it may be, and how a new site replaces the old
//! one. The site is built in a hidden folder beside `--out` and swapped in
//! at the very end with one atomic exchange (`renameat2(RENAME_EXCHANGE)`
//! on Linux), so a failure or a crash at any point leaves the whole old
//! site or the whole new one, never half a site and never none. Where the
//! exchange is not available (other systems, some filesystems) two renames
//! are used, and a crash between them, which leaves the old site aside, is
//! recovered by the next run.
//!
//! Every site bitext writes carries a marker file (`MARKER`, as cargo's
//! `target/` carries `CACHEDIR.TAG`); a non-empty folder without it is
//! refused, and so is a folder that holds the workspace, its releases,
//! locales or templates. One publish at a time writes a given output: it
//! holds a lock on the folder around it, and under that lock removes what
//! a killed run of its own left there.

use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Error, OutputRefusal, Result};
use crate::workspace::Workspace;

use super::templates::TEMPLATES_DIR;

/// The site's list of releases (`manifest`).
pub const MANIFEST: &str = "manifest.json";

/// The file that marks a folder as a site `bitext publish` wrote.
pub const MARKER: &str = ".bitext-site.tag";

/// The marker's first line, which must match for a folder to be ours.
const SIGNATURE: &str = "Signature: bitext-site";

pub(super) const MARKER_TEXT: &str = "Signature: bitext-site\n\
# This folder is a site written by `bitext publish`, which replaces it\n\
# whole on each run that changes it. bitext refuses to replace a\n\
# non-empty folder without this file.\n";

/// Whether `dir` carries bitext's marker.
pub fn is_ours(dir: &Path) -> bool {
    std::fs::read_to_string(dir.join(MARKER)).is_ok_and(|text| text.lines().next() == Some(SIGNATURE))
}

/// Resolves the output folder (relative to `base`) and refuses one that
/// would replace something it should not.
pub fn resolve(ws: &Workspace, base: &Path, out: &Path) -> Result<PathBuf> {
    let target = absolute(&base.join(out));
    let refuse = |reason: OutputRefusal| {
        Err(Error::UnsafeOutput {
            dir: out.to_path_buf(),
            reason,
        })
    };
    if target.file_name().is_none() {
        return refuse(OutputRefusal::Root);
    }
    let root = absolute(&ws.root);
    if root.starts_with(&target) {
        return refuse(if root == target {
            OutputRefusal::WorkspaceRoot
        } else {
            OutputRefusal::HoldsWorkspace
        });
    }
    let protected = [
        (absolute(&ws.releases_dir), "releases"),
        (absolute(&ws.locales_dir), "locales"),
        (absolute(&ws.root.join(TEMPLATES_DIR)), "templates"),
    ];
    for (dir, what) in protected {
        if target.starts_with(&dir) || dir.starts_with(&target) {
            return refuse(OutputRefusal::Overlaps {
                what,
                dir: ws.relative(&dir).to_path_buf(),
            });
        }
    }
    match std::fs::symlink_metadata(&target) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(Error::io(&target, e)),
        Ok(meta) if !meta.is_dir() => return refuse(OutputRefusal::NotFolder),
        Ok(_) => {
            let mut entries = std::fs::read_dir(&target).map_err(|e| Error::io(&target, e))?;
            if entries.next().is_some() && !is_ours(&target) {
                return refuse(OutputRefusal::Foreign { marker: MARKER });
            }
        }
    }
    Ok(target)
}

/// A site being built in a hidden folder beside its target.
#[derive(Debug)]
pub struct Staging {
    dir: tempfile::TempDir,
    target: PathBuf,
}

impl Staging {
    /// Creates the staging folder beside `target` (creating the parent
    /// folders if needed). An unwritable place is refused here, before any
    /// page is built.
    pub fn new(target: &Path) -> Result<Self> {
        let parent = parent_of(target);
        let cannot = |error: std::io::Error| Error::OutputNotWritable {
            dir: target.to_path_buf(),
            parent: parent.to_path_buf(),
            error,
        };
        std::fs::create_dir_all(parent).map_err(cannot)?;
        let dir = tempfile::Builder::new()
            .prefix(&format!(".{}.bitext-new-", file_name(target)))
            .tempdir_in(parent)
            .map_err(cannot)?;
        let live = is_ours(target).then_some(target);
        write_file(dir.path(), live, MARKER, MARKER_TEXT.as_bytes())?;
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Puts the built site in place of the old one, atomically where the
    /// system can (see the module's note), then removes the old one.
    pub fn commit(self) -> Result<()> {
        let parent = parent_of(&self.target).to_path_buf();
        let staged = self.dir.keep();
        let result = if self.target.exists() {
            match exchange(&staged, &self.target) {
                // The old site is now where the new one was built.
                Ok(true) => {
                    sync_dir(&parent);
                    return remove_tree(&staged);
                }
                Ok(false) => two_renames(&staged, &self.target, &parent),
                Err(e) => Err(Error::io(&self.target, e)),
            }
        } else {
            std::fs::rename(&staged, &self.target).map_err(|e| Error::io(&self.target, e))
        };
        if result.is_err() {
            let _ = remove_tree(&staged);
        }
        sync_dir(&parent);
        result
    }
}

/// The fallback: the old folder renamed aside, the new one renamed in,
/// the old one removed. If the second rename fails the old folder is put
/// back; a crash between the two is recovered by `clean_stale`.
fn two_renames(staged: &Path, target: &Path, parent: &Path) -> Result<()> {
    let aside = tempfile::Builder::new()
        .prefix(&format!(".{}.bitext-old-", file_name(target)))
        .tempdir_in(parent)
        .map_err(|e| Error::io(parent, e))?
        .keep();
    // rename(2) replaces an empty folder, which `aside` is.
    if let Err(e) = std::fs::rename(target, &aside) {
        let _ = std::fs::remove_dir(&aside);
        return Err(Error::io(target, e));
    }
    if let Err(e) = std::fs::rename(staged, target) {
        let _ = std::fs::rename(&aside, target);
        return Err(Error::io(target, e));
    }
    remove_tree(&aside)
}

/// Swaps two folders in one step; `Ok(false)` when the system or the
/// filesystem cannot.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn exchange(a: &Path, b: &Path) -> std::io::Result<bool> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    use rustix::io::Errno;
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<bool> {
    Ok(false)
}

fn sync_dir(dir: &Path) {
    if let Ok(dir) = std::fs::File::open(dir) {
        // Not every filesystem can sync a folder; the renames are done either way.
        let _ = dir.sync_all();
    }
}

/// The lock one publish holds on the folder around its output; released
/// when dropped (or when the process dies).
#[derive(Debug)]
pub struct Lock {
    _file: Option<std::fs::File>,
}

/// Takes the publish lock for `target`, creating the folder around it if
/// needed. Another publish holding it is an error, not a wait.
pub fn lock(target: &Path) -> Result<Lock> {
    let parent = parent_of(target);
    std::fs::create_dir_all(parent).map_err(|error| Error::OutputNotWritable {
        dir: target.to_path_buf(),
        parent: parent.to_path_buf(),
        error,
    })?;
    let file = std::fs::File::open(parent).map_err(|e| Error::io(parent, e))?;
    #[cfg(unix)]
    {
        use rustix::fs::{flock, FlockOperation};
        match flock(&file, FlockOperation::NonBlockingLockExclusive) {
            Ok(()) => {}
            Err(rustix::io::Errno::WOULDBLOCK) => {
                return Err(Error::PublishBusy {
                    dir: target.to_path_buf(),
                })
            }
            // A filesystem without locks: publish unlocked, as before.
            Err(_) => return Ok(Lock { _file: None }),
        }
    }
    Ok(Lock { _file: Some(file) })
}

/// Under the lock: removes the staging and set-aside folders a killed
/// publish left beside `target` (those that are empty or carry the
/// marker), after putting back a set-aside old site if the target is
/// missing (a crash between the fallback's two renames). Returns how many
/// were removed.
pub fn clean_stale(_lock: &Lock, target: &Path) -> Result<usize> {
    let parent = parent_of(target);
    let name = file_name(target);
    let (new, old) = (format!(".{name}.bitext-new-"), format!(".{name}.bitext-old-"));
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Ok(0);
    };
    let mut stale: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_dir()))
        .filter(|entry| {
            let n = entry.file_name().to_string_lossy().into_owned();
            n.starts_with(&new) || n.starts_with(&old)
        })
        .map(|entry| entry.path())
        .filter(|dir| is_ours(dir) || std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_none()))
        .collect();
    stale.sort();
    if !target.exists() {
        let aside = stale.iter().position(|dir| {
            dir.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(&old))
                && is_ours(dir)
        });
        if let Some(at) = aside {
            let dir = stale.remove(at);
            std::fs::rename(&dir, target).map_err(|e| Error::io(target, e))?;
        }
    }
    for dir in &stale {
        remove_tree(dir)?;
    }
    Ok(stale.len())
}

/// Writes a file of the staged site at `relative` (a site path) under the
/// staging folder `dir`, creating its folders.
///
/// A republication writes only what changed: when the live site `live`
/// (the output folder, given when bitext wrote it) has the same bytes at
/// that path, the live file is hard-linked into the new tree instead of
/// being written again. The swap then puts the same inode back in place,
/// and removing the old tree only drops its second name. Where a link
/// cannot be made (a filesystem without hard links) the file is written as
/// before.
pub fn write_file(dir: &Path, live: Option<&Path>, relative: &str, bytes: &[u8]) -> Result<()> {
    let path = dir.join(relative);
    let put = || {
        if let Some(old) = live.map(|live| live.join(relative)) {
            if same_bytes(&old, bytes) && std::fs::hard_link(&old, &path).is_ok() {
                return Ok(());
            }
        }
        std::fs::write(&path, bytes)
    };
    // Most folders are made before their files (`build` makes the page
    // folders): one is made here only when the write finds it missing.
    put()
        .or_else(|e| match path.parent() {
            Some(parent) if e.kind() == std::io::ErrorKind::NotFound => {
                std::fs::create_dir_all(parent)?;
                put()
            }
            _ => Err(e),
        })
        .map_err(|e| Error::io(&path, e))
}

/// Whether `path` is a plain file (not a link) holding exactly `bytes`.
pub(super) fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
        && std::fs::read(path).is_ok_and(|old| old == bytes)
}

/// Removes a folder and everything in it, files first, then folders
/// deepest first; the entries of different folders in parallel (on the
/// caller's thread pool), those of one folder in turn (`by_parent`).
fn remove_tree(root: &Path) -> Result<()> {
    let mut files = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    let mut next = 0;
    while let Some(dir) = dirs.get(next).cloned() {
        next += 1;
        for entry in std::fs::read_dir(&dir).map_err(|e| Error::io(&dir, e))? {
            let entry = entry.map_err(|e| Error::io(&dir, e))?;
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                dirs.push(entry.path());
            } else {
                files.push(entry.path());
            }
        }
    }
    // The marker goes last, just before its folder: a removal cut short
    // leaves a folder that the next run still knows as its own.
    let marker = root.join(MARKER);
    files.retain(|file| *file != marker);
    by_parent(&files).par_iter().try_for_each(|siblings| {
        siblings
            .iter()
            .try_for_each(|file| std::fs::remove_file(file).map_err(|e| Error::io(file, e)))
    })?;
    // Breadth-first order lists parents before children: remove in reverse.
    let mut by_depth: Vec<Vec<PathBuf>> = Vec::new();
    for dir in dirs {
        let depth = dir.components().count();
        let level = depth.saturating_sub(root.components().count());
        if by_depth.len() <= level {
            by_depth.resize(level + 1, Vec::new());
        }
        by_depth[level].push(dir);
    }
    for (depth, level) in by_depth.iter().enumerate().rev() {
        if depth == 0 {
            match std::fs::remove_file(&marker) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(Error::io(&marker, e)),
                _ => {}
            }
        }
        by_parent(level).par_iter().try_for_each(|siblings| {
            siblings
                .iter()
                .try_for_each(|dir| std::fs::remove_dir(dir).map_err(|e| Error::io(dir, e)))
        })?;
    }
    Ok(())
}

/// Paths grouped by the folder they are in. Making or removing an entry
/// locks its folder: entries of one folder are best handled one after
/// another (threads that contend for the lock only spin), and those of
/// different folders in parallel. A site has thousands of page folders in
/// each language's news folder.
pub(super) fn by_parent<P: AsRef<Path>>(paths: &[P]) -> Vec<Vec<&Path>> {
    let mut groups: std::collections::BTreeMap<&Path, Vec<&Path>> = std::collections::BTreeMap::new();
    for path in paths {
        let path = path.as_ref();
        groups
            .entry(path.parent().unwrap_or(path))
            .or_default()
            .push(path);
    }
    groups.into_values().collect()
}

/// Creates `dir` and the folders above it, unless it exists: a failed
/// `mkdir` still takes its parent's lock, which the threads writing the
/// pages of one news folder would contend for.
pub(super) fn ensure_dir(dir: &Path) -> Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))
}

fn parent_of(path: &Path) -> &Path {
    path.parent().unwrap_or(Path::new("/"))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(|| "site".to_owned(), |n| n.to_string_lossy().into_owned())
}

/// An absolute path with `.` and `..` resolved and symbolic links followed
/// as far as the path exists.
fn absolute(path: &Path) -> PathBuf {
    let mut clean = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                clean.pop();
            }
            other => clean.push(other),
        }
    }
    let mut existing = clean.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = std::fs::canonicalize(existing) {
            return rest.iter().rev().fold(real, |acc: PathBuf, part| acc.join(part));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_owned());
                existing = parent;
            }
            _ => return clean,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_replaces_the_old_site_and_leaves_nothing_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("old.html"), "old").unwrap();
        let staging = Staging::new(&target).unwrap();
        std::fs::write(staging.path().join("new.html"), "new").unwrap();
        staging.commit().unwrap();
        assert!(target.join("new.html").is_file());
        assert!(!target.join("old.html").exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_dropped_staging_folder_leaves_the_old_site() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("old.html"), "old").unwrap();
        let staging = Staging::new(&target).unwrap();
        std::fs::write(staging.path().join("new.html"), "new").unwrap();
        drop(staging);
        assert!(target.join("old.html").is_file());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn unchanged_files_are_linked_from_the_live_site_and_changed_ones_written() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        let first = Staging::new(&target).unwrap();
        write_file(first.path(), None, "en/a/index.html", b"same").unwrap();
        write_file(first.path(), None, "en/b/index.html", b"before").unwrap();
        first.commit().unwrap();
        let inode = |p: &str| std::fs::metadata(target.join(p)).unwrap().ino();
        let (a, b) = (inode("en/a/index.html"), inode("en/b/index.html"));
        let second = Staging::new(&target).unwrap();
        write_file(second.path(), Some(&target), "en/a/index.html", b"same").unwrap();
        write_file(second.path(), Some(&target), "en/b/index.html", b"after").unwrap();
        second.commit().unwrap();
        assert_eq!(inode("en/a/index.html"), a, "linked, not written");
        assert_ne!(inode("en/b/index.html"), b);
        assert_eq!(std::fs::read(target.join("en/b/index.html")).unwrap(), b"after");
        assert_eq!(
            std::fs::metadata(target.join("en/a/index.html")).unwrap().nlink(),
            1
        );
    }

    #[test]
    fn dot_dot_is_resolved() {
        let dir = tempfile::tempdir().unwrap();
        let real = std::fs::canonicalize(dir.path()).unwrap();
        assert_eq!(absolute(&dir.path().join("a/../b")), real.join("b"));
    }
}
