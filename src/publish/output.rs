//! The output folder: where it may be, and how a new site replaces the old
//! one. The site is built in a hidden folder beside `--out` and swapped in
//! with two renames at the very end, so a failure at any point before leaves
//! the previous site exactly as it was, and a reader never sees half a site.
//! A folder that holds the workspace, its releases, locales or templates, or
//! files that `bitext publish` did not write, is refused.

use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Error, OutputRefusal, Result};
use crate::workspace::Workspace;

use super::templates::TEMPLATES_DIR;

/// The file that marks a folder as a site `bitext publish` wrote.
pub const MANIFEST: &str = "manifest.json";

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
            if entries.next().is_some() && !target.join(MANIFEST).is_file() {
                return refuse(OutputRefusal::Foreign { marker: MANIFEST });
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
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Puts the built site in place of the old one: the old folder is renamed
    /// aside, the new one renamed in, and the old one removed. If the second
    /// rename fails the old folder is put back.
    pub fn commit(self) -> Result<()> {
        let parent = parent_of(&self.target).to_path_buf();
        let staged = self.dir.keep();
        let old = if self.target.exists() {
            let aside = tempfile::Builder::new()
                .prefix(&format!(".{}.bitext-old-", file_name(&self.target)))
                .tempdir_in(&parent)
                .map_err(|e| Error::io(&parent, e))?
                .keep();
            // rename(2) replaces an empty folder, which `aside` is.
            if let Err(e) = std::fs::rename(&self.target, &aside) {
                let _ = std::fs::remove_dir(&aside);
                let _ = std::fs::remove_dir_all(&staged);
                return Err(Error::io(&self.target, e));
            }
            Some(aside)
        } else {
            None
        };
        if let Err(e) = std::fs::rename(&staged, &self.target) {
            if let Some(old) = &old {
                let _ = std::fs::rename(old, &self.target);
            }
            let _ = std::fs::remove_dir_all(&staged);
            return Err(Error::io(&self.target, e));
        }
        if let Ok(dir) = std::fs::File::open(&parent) {
            // Not every filesystem can sync a folder; the renames are done either way.
            let _ = dir.sync_all();
        }
        if let Some(old) = old {
            remove_tree(&old)?;
        }
        Ok(())
    }
}

/// Writes a file of the staged site at `relative` (a site path) under the
/// staging folder `dir`, creating its folders.
pub fn write_file(dir: &Path, relative: &str, bytes: &[u8]) -> Result<()> {
    let path = dir.join(relative);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    std::fs::write(&path, bytes).map_err(|e| Error::io(&path, e))
}

/// Removes a folder and everything in it, files in parallel (on the
/// caller's thread pool), then folders deepest first.
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
    files
        .par_iter()
        .try_for_each(|file| std::fs::remove_file(file).map_err(|e| Error::io(file, e)))?;
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
    for level in by_depth.iter().rev() {
        level
            .par_iter()
            .try_for_each(|dir| std::fs::remove_dir(dir).map_err(|e| Error::io(dir, e)))?;
    }
    Ok(())
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

    #[test]
    fn dot_dot_is_resolved() {
        let dir = tempfile::tempdir().unwrap();
        let real = std::fs::canonicalize(dir.path()).unwrap();
        assert_eq!(absolute(&dir.path().join("a/../b")), real.join("b"));
    }
}
