//! What `publish` learnt of a release's documents the last time it read
//! them (`publish::scan`), so that a republication need not read them
//! again: that they could be read as plain text (no boilerplate to
//! expand), open with a title and reference no file the gate refuses,
//! and the SHA-256 of each (the Markdown as published). It is kept in
//! `publish-scan` beside the check cache (`cache::DIR`), under the stat
//! key of every file of the release folder but `release.toml` (which is
//! read every time): the documents, the lock, and the files a document
//! may reference. A release whose folder lists the same files with the
//! same keys is taken as read; any other is read, and remembered again.
//!
//! It keeps the check cache's rules: a file younger than the coarsest
//! file-system clock tick is never trusted by its key (`cache::settled`),
//! a folder holding anything but plain files (a subfolder, a symbolic
//! link) is always read, a line that fails its checksum or a file made by
//! another build of bitext is ignored, and writing it never fails a run.

use std::collections::HashMap;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::cache::{settled, stat, Stat};
use crate::release::META_FILE;
use crate::workspace::Workspace;

use super::page::hex;

/// The cache's file inside `cache::DIR`.
const FILE: &str = "publish-scan";

/// The first line of the file; a change of what it holds changes it.
const MAGIC: &str = "bitext-publish-scan 1";

/// Every file of a release folder but `release.toml`, by name, with its
/// stat key, in name order.
pub(super) type Folder = Vec<(String, Stat)>;

/// A release as it was read: its folder, and the SHA-256 of each side's
/// Markdown as published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Entry {
    slug: String,
    folder: Folder,
    published: [String; 2],
}

/// The releases read by the last run, and those of this run.
pub(super) struct ScanCache {
    path: PathBuf,
    settings: String,
    old: HashMap<String, Entry>,
    fresh: Mutex<Vec<Entry>>,
}

impl ScanCache {
    /// The workspace's scan cache; empty when there is none, or one made
    /// by another build of bitext or for other document names.
    pub fn open(ws: &Workspace) -> ScanCache {
        let path = ws.root.join(crate::cache::DIR).join(FILE);
        let settings = settings(ws);
        let old = std::fs::File::open(&path)
            .ok()
            .and_then(|file| read(std::io::BufReader::new(file), &settings))
            .unwrap_or_default();
        ScanCache {
            path,
            settings,
            old,
            fresh: Mutex::new(Vec::new()),
        }
    }

    /// The SHA-256 of each side's Markdown of the release `slug` when its
    /// `folder` is as it was when it was read clean.
    pub fn hit(&self, slug: &str, folder: &Folder) -> Option<[String; 2]> {
        let entry = self.old.get(slug).filter(|e| e.folder == *folder)?;
        self.keep(entry.clone());
        Some(entry.published.clone())
    }

    /// Remembers a release read clean, as plain text, from `folder`.
    pub fn store(&self, slug: &str, folder: Folder, published: [String; 2]) {
        self.keep(Entry {
            slug: slug.to_owned(),
            folder,
            published,
        });
    }

    fn keep(&self, entry: Entry) {
        self.fresh.lock().unwrap_or_else(|e| e.into_inner()).push(entry);
    }

    /// Writes this run's releases in place of the last run's, when they
    /// differ. A failure (a read-only workspace) is ignored: the next run
    /// reads every release.
    pub fn save(self) {
        let mut fresh = self.fresh.into_inner().unwrap_or_else(|e| e.into_inner());
        let same = fresh.len() == self.old.len() && fresh.iter().all(|e| self.old.get(&e.slug) == Some(e));
        if same {
            return;
        }
        fresh.sort_by(|a, b| a.slug.cmp(&b.slug));
        let Some(dir) = self.path.parent() else {
            return;
        };
        if crate::cache::make_dir(dir).is_err() {
            return;
        }
        let _ = crate::atomic::write_streamed(&self.path, |out| {
            writeln!(out, "{MAGIC}\n{}", self.settings)?;
            for entry in &fresh {
                let json = serde_json::to_vec(entry).map_err(std::io::Error::other)?;
                out.write_all(hex(&Sha256::digest(&json)).as_bytes())?;
                out.write_all(b"\t")?;
                out.write_all(&json)?;
                out.write_all(b"\n")?;
            }
            Ok(())
        });
    }
}

/// The files of a release folder but `release.toml` with their stat keys,
/// or `None` when one is not a plain file or too young to be trusted by
/// its key (the folder is then read, and not remembered).
pub(super) fn folder(dir: &Path) -> Option<Folder> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).ok()? {
        let entry = entry.ok()?;
        let name = entry.file_name().into_string().ok()?;
        if name == META_FILE {
            continue;
        }
        let meta = entry.metadata().ok()?;
        let key = stat(&meta);
        // No change time or inode (see `cache::stat`): the key proves nothing.
        if !meta.file_type().is_file() || key.2 == 0 || !settled(&key) {
            return None;
        }
        files.push((name, key));
    }
    files.sort();
    Some(files)
}

/// What the file is keyed by besides each release's folder: bitext's
/// version and the binary itself (what reads the documents), and the
/// documents' names.
fn settings(ws: &Workspace) -> String {
    let fields = [
        env!("CARGO_PKG_VERSION").to_owned(),
        crate::cache::binary(),
        ws.source.document_name(),
        ws.target.document_name(),
    ];
    let mut hash = Sha256::new();
    for field in fields {
        hash.update((field.len() as u64).to_le_bytes());
        hash.update(field.as_bytes());
    }
    hex(&hash.finalize())
}

/// The entries of a file made under `settings`; lines that fail their
/// checksum are left out.
fn read(file: impl BufRead, settings: &str) -> Option<HashMap<String, Entry>> {
    let mut lines = file.lines();
    if lines.next()?.ok()? != MAGIC || lines.next()?.ok()? != settings {
        return None;
    }
    let mut entries = HashMap::new();
    for line in lines {
        let line = line.ok()?;
        let Some((sum, json)) = line.split_once('\t') else {
            continue;
        };
        if hex(&Sha256::digest(json.as_bytes())) != sum {
            continue;
        }
        if let Ok(entry) = serde_json::from_str::<Entry>(json) {
            entries.insert(entry.slug.clone(), entry);
        }
    }
    Some(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_that_fails_its_checksum_is_left_out() {
        let entry = |slug: &str| Entry {
            slug: slug.to_owned(),
            folder: vec![("en.md".to_owned(), (1, 2, 3, 4, 5))],
            published: ["a".repeat(64), "b".repeat(64)],
        };
        let line = |entry: &Entry| {
            let json = serde_json::to_string(entry).unwrap();
            format!("{}\t{json}\n", hex(&Sha256::digest(json.as_bytes())))
        };
        let good = line(&entry("one"));
        let bad = line(&entry("two")).replace("\"two\"", "\"owt\"");
        let text = format!("{MAGIC}\nsettings\n{good}{bad}not a line\n");
        let read = read(text.as_bytes(), "settings").unwrap();
        assert_eq!(read.len(), 1);
        assert_eq!(read["one"], entry("one"));
        assert!(super::read(text.as_bytes(), "other settings").is_none());
    }
}
