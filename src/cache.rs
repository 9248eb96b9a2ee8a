//! The check cache, kept as ruff keeps its own: `.bitext/cache/`, a folder
//! bitext owns (with a `.gitignore` of `*` and a `CACHEDIR.TAG`, so git and
//! backup tools leave it alone; deleting it is always safe). It remembers,
//! for each release, the findings and boilerplate ids of its last check,
//! keyed by the SHA-256 of the release's files (`release.toml`, both
//! documents, the lock). The whole file is further keyed by the settings:
//! bitext's version and the binary itself, the interface language, the
//! severity asked for, `bitext.toml`, `glossary.toml`, every `.ftl` file of
//! both locale trees and the locale lock. A release whose files and
//! settings are unchanged is not parsed again: its findings are replayed,
//! pointed back into the files' text.
//!
//! As cargo and ruff do, a release's files are not even read when their
//! `lstat` is what it was: each entry also keeps, per file, a stat key
//! (size, modification and change times in nanoseconds, inode, device),
//! and the contents are hashed only when a key differs. A replayed release
//! then reads only the documents its findings point into. The change time
//! cannot be set from user space, so an edit hidden by `touch -d` still
//! changes the key; a file replaced by a rename changes the inode.
//!
//! The cache is an optimisation and never a source of truth: a file that
//! fails its checksum, or cannot be read or parsed, is ignored and rebuilt;
//! writing it is atomic and never fails a run (a read-only workspace runs
//! uncached). This module does not decide what a finding is: it stores and
//! replays what `checks::driver` made.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::boilerplate::Boilerplate;
use crate::diagnostic::{Code, Drift, Finding, Location, Origin, Severity};
use crate::document::source::SourceFile;
use crate::workspace::Workspace;

/// The cache's folder, relative to the workspace root.
pub const DIR: &str = ".bitext/cache";

/// The check cache's file inside `DIR` for a severity asked for: a
/// `--quiet` run does not evict the cache of a full one.
fn file(min: Severity) -> String {
    format!("check-{}.json", min.as_str())
}

/// The first line of the file; a change of layout changes it.
const MAGIC: &str = "bitext-check-cache 2";

/// What a `CACHEDIR.TAG` starts with (bford.org/cachedir).
const CACHEDIR_TAG: &str = "Signature: 8a477f597d28d172789f06886806bc55\n\
# This file is a cache directory tag created by bitext.\n\
# For information about cache directory tags see https://bford.org/cachedir/\n";

/// The check cache of one workspace under one set of settings.
pub struct Cache {
    dir: PathBuf,
    file: String,
    settings: String,
    old: HashMap<String, Entry>,
    /// This run's releases: a new entry, or `None` for one replayed as
    /// it was.
    fresh: Mutex<Vec<(String, Option<Entry>)>>,
    /// Whether the releases folder is inside the workspace once symbolic
    /// links are followed (asked once, not once per release).
    releases_inside: std::sync::OnceLock<bool>,
}

/// What is remembered of one release.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    /// The hash of the release's files.
    files: String,
    /// The stat keys of `release.toml`, both documents and the lock (`None`
    /// for an absent lock) when the contents were hashed; `None` when one
    /// of them was too recent to be trusted (see `settled`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    stats: Option<[Option<Stat>; 4]>,
    /// The boilerplate ids the release refers to.
    ids: Vec<String>,
    findings: Vec<Stored>,
}

/// A finding without the file text it points into: locations are spans
/// into the release's source (`0`) or target (`1`) document.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Stored {
    code: String,
    severity: String,
    release: Option<String>,
    message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    source: Option<Span>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    target: Option<Span>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    drift: Option<(String, String)>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    target_text: Option<String>,
}

/// Which document (0 source, 1 target) and the byte range.
type Span = (u8, usize, usize);

/// A file's stat key: size, modification and change times (nanoseconds
/// since the epoch), inode and device.
type Stat = (u64, i64, i64, u64, u64);

/// The file as written: the settings it was made under and every release.
#[derive(Serialize, Deserialize)]
struct CacheFile {
    settings: String,
    entries: BTreeMap<String, Entry>,
}

/// What the cache knows of a release.
pub enum Lookup {
    /// Unchanged since it was cached: its findings and boilerplate ids.
    Hit(Vec<Finding>, BTreeSet<String>),
    /// Not cached, or changed: check it, then `store` under this key.
    Miss(Key),
    /// Not for the cache (a collection page, or a file that could not be
    /// read): the check itself says what is wrong.
    Skip,
}

/// The hash of a release's files, read before the release is checked, and
/// their stat keys when they can be trusted.
pub struct Key(String, Option<[Option<Stat>; 4]>);

impl Cache {
    /// The workspace's cache for these settings. Entries made under other
    /// settings, and a file that is unreadable or fails its checksum, are
    /// ignored: the cache starts empty and is rebuilt.
    pub fn open(ws: &Workspace, boilerplate: &Boilerplate, min: Severity) -> Cache {
        let dir = ws.root.join(DIR);
        let settings = settings(ws, boilerplate, min);
        let file = file(min);
        let old = std::fs::read(dir.join(&file))
            .ok()
            .and_then(|bytes| decode(&bytes))
            .filter(|stored| stored.settings == settings)
            .map(|stored| stored.entries.into_iter().collect())
            .unwrap_or_default();
        Cache {
            dir,
            file,
            settings,
            old,
            fresh: Mutex::new(Vec::new()),
            releases_inside: std::sync::OnceLock::new(),
        }
    }

    /// Replays a release's findings when its files and the settings are as
    /// they were when it was cached: without reading the files when their
    /// stat keys are unchanged, else by hashing their contents.
    pub fn lookup(&self, ws: &Workspace, slug: &str) -> Lookup {
        let Some(at) = self.locate(ws, slug) else {
            return Lookup::Skip;
        };
        let old = self.old.get(slug);
        if let (Some(entry), Some(stats)) = (old, &at.stats) {
            if entry.stats.as_ref() == Some(stats) {
                let read = |which: usize| at.document(ws, which);
                if let Some(findings) = replay(ws, entry, read) {
                    return self.hit(slug, entry, None, findings);
                }
            }
        }
        let Some(files) = ReleaseFiles::read(ws, &at) else {
            return Lookup::Skip;
        };
        let key = files.hash();
        // Stat keys are kept only for files old enough (see `settled`).
        let stats = at.stats.filter(|stats| stats.iter().flatten().all(settled));
        let Some(entry) = old.filter(|e| e.files == key) else {
            return Lookup::Miss(Key(key, stats));
        };
        let [source, target] = [files.source, files.target].map(Some);
        let sides = [std::cell::RefCell::new(source), std::cell::RefCell::new(target)];
        let read = |which: usize| sides[which].borrow_mut().take();
        match replay(ws, entry, read) {
            // The contents are as cached, the stat keys are new: keep them.
            Some(findings) if stats.is_some() && entry.stats != stats => {
                let updated = Entry {
                    stats,
                    ..entry.clone()
                };
                self.hit(slug, entry, Some(updated), findings)
            }
            Some(findings) => self.hit(slug, entry, None, findings),
            None => Lookup::Miss(Key(key, stats)),
        }
    }

    fn hit(&self, slug: &str, entry: &Entry, updated: Option<Entry>, findings: Vec<Finding>) -> Lookup {
        let ids = entry.ids.iter().cloned().collect();
        self.fresh
            .lock()
            .expect("no panic while held")
            .push((slug.to_owned(), updated));
        Lookup::Hit(findings, ids)
    }

    /// The release's folder and files with their stat keys, or `None` when
    /// it is not one the cache can vouch for (the check says why).
    fn locate(&self, ws: &Workspace, slug: &str) -> Option<Located> {
        if slug.contains('/') {
            return None;
        }
        let dir = ws.release_dir(slug).ok()?;
        let names = [
            crate::release::META_FILE.to_owned(),
            ws.source.document_name(),
            ws.target.document_name(),
            crate::pairing::lock::LOCK_FILE.to_owned(),
        ];
        let paths = names.map(|name| dir.join(name));
        let mut stats = [None; 4];
        let mut links = std::fs::symlink_metadata(&dir).ok()?.file_type().is_symlink();
        for (k, path) in paths.iter().enumerate() {
            match std::fs::symlink_metadata(path) {
                Ok(meta) => {
                    links |= meta.file_type().is_symlink();
                    stats[k] = Some(stat(&meta));
                }
                Err(e) if k == 3 && e.kind() == std::io::ErrorKind::NotFound => {}
                Err(_) => return None,
            }
        }
        // The symbolic-link rule holds for replayed releases too. With no
        // link in the release, only the releases folder could lead out.
        let inside = *self
            .releases_inside
            .get_or_init(|| crate::release::check_inside(ws, &ws.releases_dir).is_ok());
        if links || !inside {
            crate::release::check_inside(ws, &dir).ok()?;
            for path in &paths {
                crate::release::check_inside(ws, path).ok()?;
            }
        }
        let stats = stats.iter().take(3).all(Option::is_some).then_some(stats);
        Some(Located {
            paths,
            stats: stats.filter(|s| s.iter().flatten().all(|s| s.2 != 0)),
        })
    }

    /// Remembers what checking a release gave. Findings that point into
    /// anything but the release's two documents make it uncacheable.
    pub fn store(
        &self,
        key: Key,
        slug: &str,
        paths: [&Path; 2],
        findings: &[Finding],
        ids: &BTreeSet<String>,
    ) {
        let side = |location: &Option<Location>| -> Option<Option<Span>> {
            match location {
                None => Some(None),
                Some(at) => {
                    let which = paths.iter().position(|p| *p == at.path())?;
                    Some(Some((which as u8, at.span.start, at.span.end)))
                }
            }
        };
        let mut stored = Vec::with_capacity(findings.len());
        for f in findings {
            let (Some(source), Some(target)) = (side(&f.source), side(&f.target)) else {
                return;
            };
            stored.push(Stored {
                code: f.code.as_str().to_owned(),
                severity: f.severity.as_str().to_owned(),
                release: f.release.clone(),
                message: f.message.clone(),
                source,
                target,
                drift: f
                    .drift
                    .as_ref()
                    .map(|d| (d.source_before.clone(), d.source_after.clone())),
                target_text: f.target_text.clone(),
            });
        }
        let entry = Entry {
            files: key.0,
            stats: key.1,
            ids: ids.iter().cloned().collect(),
            findings: stored,
        };
        self.fresh
            .lock()
            .expect("no panic while held")
            .push((slug.to_owned(), Some(entry)));
    }

    /// Writes the cache: this run's releases, and, unless `all` releases
    /// were checked, the entries of the others that are still valid. Any
    /// failure (a read-only workspace) is ignored: the next run is simply
    /// uncached. Nothing is written when nothing changed.
    pub fn save(self, all: bool) {
        let fresh = self.fresh.into_inner().unwrap_or_else(|e| e.into_inner());
        let changed = fresh.iter().any(|(_, e)| e.is_some()) || (all && self.old.len() != fresh.len());
        if !changed {
            return;
        }
        let mut old = self.old;
        let mut entries: BTreeMap<String, Entry> = BTreeMap::new();
        for (slug, entry) in fresh {
            if let Some(entry) = entry.or_else(|| old.remove(&slug)) {
                entries.insert(slug, entry);
            }
        }
        if !all {
            entries.extend(
                old.into_iter()
                    .filter(|(slug, _)| !entries.contains_key(slug))
                    .collect::<Vec<_>>(),
            );
        }
        let stored = CacheFile {
            settings: self.settings,
            entries,
        };
        let _ = write(&self.dir.join(&self.file), &stored);
    }
}

fn write(path: &Path, stored: &CacheFile) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let body = serde_json::to_vec(stored)?;
    let mut bytes = format!("{MAGIC}\n{}\n", hex(&Sha256::digest(&body))).into_bytes();
    bytes.extend_from_slice(&body);
    std::fs::create_dir_all(dir)?;
    for (name, contents) in [
        (".gitignore", "# Made by bitext: safe to delete.\n*\n"),
        ("CACHEDIR.TAG", CACHEDIR_TAG),
    ] {
        let path = dir.join(name);
        if !path.exists() {
            std::fs::write(path, contents)?;
        }
    }
    crate::atomic::write(path, &bytes).map_err(std::io::Error::other)
}

/// The cache file's contents, or `None` when it is not one bitext wrote
/// or it was damaged since (its checksum no longer matches).
fn decode(bytes: &[u8]) -> Option<CacheFile> {
    let rest = bytes.strip_prefix(MAGIC.as_bytes())?.strip_prefix(b"\n")?;
    let newline = rest.iter().position(|&b| b == b'\n')?;
    let (sum, body) = (&rest[..newline], &rest[newline + 1..]);
    if sum != hex(&Sha256::digest(body)).as_bytes() {
        return None;
    }
    serde_json::from_slice(body).ok()
}

/// The hash of everything besides a release's own files that its findings
/// depend on.
fn settings(ws: &Workspace, boilerplate: &Boilerplate, min: Severity) -> String {
    let mut hash = Sha256::new();
    let mut field = |bytes: &[u8]| {
        hash.update((bytes.len() as u64).to_le_bytes());
        hash.update(bytes);
    };
    field(MAGIC.as_bytes());
    field(env!("CARGO_PKG_VERSION").as_bytes());
    // A rebuilt binary of the same version may find other things.
    let binary = std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| format!("{} {:?}", m.len(), m.modified().ok()))
        .unwrap_or_default();
    field(binary.as_bytes());
    field(crate::ui::lang().code().as_bytes());
    field(min.as_str().as_bytes());
    for name in [
        crate::workspace::CONFIG_FILE,
        crate::checks::glossary::GLOSSARY_FILE,
    ] {
        field(&std::fs::read(ws.root.join(name)).unwrap_or_default());
    }
    for locale in [&boilerplate.source, &boilerplate.target] {
        field(locale.lang.tag.to_string().as_bytes());
        for file in &locale.files {
            field(file.path().as_os_str().as_encoded_bytes());
            field(file.resource.source().as_bytes());
        }
    }
    let lock = crate::boilerplate::locale_lock::LocaleLock::path(ws);
    field(&std::fs::read(lock).unwrap_or_default());
    hex(&hash.finalize())
}

/// The files of one release, as read to hash them.
struct ReleaseFiles {
    meta: Vec<u8>,
    source: (PathBuf, Vec<u8>),
    target: (PathBuf, Vec<u8>),
    lock: Option<Vec<u8>>,
}

impl ReleaseFiles {
    /// `None` for a release that cannot be read as it is: the check reads
    /// it and says why.
    fn read(ws: &Workspace, at: &Located) -> Option<Self> {
        let lock = match std::fs::read(&at.paths[3]) {
            Ok(bytes) => Some(bytes),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(_) => return None,
        };
        Some(ReleaseFiles {
            meta: std::fs::read(&at.paths[0]).ok()?,
            source: at.document(ws, 0)?,
            target: at.document(ws, 1)?,
            lock,
        })
    }

    fn hash(&self) -> String {
        let mut hash = Sha256::new();
        for part in [
            Some(self.meta.as_slice()),
            Some(self.source.1.as_slice()),
            Some(self.target.1.as_slice()),
            self.lock.as_deref(),
        ] {
            match part {
                Some(bytes) => {
                    hash.update([1]);
                    hash.update((bytes.len() as u64).to_le_bytes());
                    hash.update(bytes);
                }
                None => hash.update([0]),
            }
        }
        for path in [&self.source.0, &self.target.0] {
            hash.update(path.as_os_str().as_encoded_bytes());
            hash.update([0]);
        }
        hex(&hash.finalize())
    }
}

/// A release's files, found and not yet read.
struct Located {
    /// `release.toml`, the source and target documents, the lock.
    paths: [PathBuf; 4],
    /// Their stat keys, where the platform gives them.
    stats: Option<[Option<Stat>; 4]>,
}

impl Located {
    /// Reads the source (`0`) or target (`1`) document.
    fn document(&self, ws: &Workspace, which: usize) -> Option<(PathBuf, Vec<u8>)> {
        let path = &self.paths[1 + which];
        let shown = ws.relative(path).to_path_buf();
        let bytes = crate::document::source::read_bytes(path, &shown).ok()?;
        Some((shown, bytes))
    }
}

#[cfg(unix)]
fn stat(meta: &std::fs::Metadata) -> Stat {
    use std::os::unix::fs::MetadataExt;
    let ns = |secs: i64, nanos: i64| secs.saturating_mul(1_000_000_000).saturating_add(nanos);
    (
        meta.len(),
        ns(meta.mtime(), meta.mtime_nsec()),
        ns(meta.ctime(), meta.ctime_nsec()),
        meta.ino(),
        meta.dev(),
    )
}

/// Without an inode and a change time the key proves nothing: a zero
/// change time makes `locate` give none, and the contents are hashed.
#[cfg(not(unix))]
fn stat(meta: &std::fs::Metadata) -> Stat {
    (meta.len(), 0, 0, 0, 0)
}

/// Whether a file's stat key can stand for its contents. A file written
/// again within the same tick of the file system's clock as the moment it
/// was read can keep its modification time, and its size, although the
/// bytes hashed are not the bytes on disk any more (the race git calls
/// "racily clean"). A write made after the read
/// gets a modification time at or after the read's tick, so a file whose
/// modification time is clearly older than now (by more than the coarsest
/// tick in use, FAT's two seconds) cannot have been rewritten since it was
/// read. A younger file is hashed on every run until it settles.
fn settled(stat: &Stat) -> bool {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as i64);
    stat.1 < now - 2_000_000_000
}

/// The entry's findings pointed back into the documents' text (each read
/// with `read`, only when a finding points into it), or `None` when an
/// entry does not fit the files (it is then rebuilt).
fn replay(
    ws: &Workspace,
    entry: &Entry,
    read: impl Fn(usize) -> Option<(PathBuf, Vec<u8>)>,
) -> Option<Vec<Finding>> {
    if entry.findings.is_empty() {
        return Some(Vec::new());
    }
    let langs = [ws.source.tag.to_string(), ws.target.tag.to_string()];
    let origins: [std::cell::OnceCell<Option<(Origin, usize)>>; 2] = Default::default();
    let origin = |which: usize| -> Option<&(Origin, usize)> {
        origins
            .get(which)?
            .get_or_init(|| {
                let (path, bytes) = read(which)?;
                let file = SourceFile::from_bytes(&path, bytes).ok()?;
                let len = file.text().len();
                Some((Origin::new(langs[which].clone(), Arc::new(file)), len))
            })
            .as_ref()
    };
    let at = |span: &Option<Span>| -> Option<Option<Location>> {
        match span {
            None => Some(None),
            Some((which, start, end)) => {
                let (origin, len) = origin(*which as usize)?;
                (start <= end && end <= len).then(|| Some(origin.at(*start..*end)))
            }
        }
    };
    entry
        .findings
        .iter()
        .map(|s| {
            let mut finding = Finding::new(
                s.code.parse::<Code>().ok()?,
                severity(&s.severity)?,
                s.message.clone(),
            );
            finding.release = s.release.clone();
            finding.source = at(&s.source)?;
            finding.target = at(&s.target)?;
            finding.drift = s.drift.as_ref().map(|(before, after)| Drift {
                source_before: before.clone(),
                source_after: after.clone(),
            });
            finding.target_text = s.target_text.clone();
            Some(finding)
        })
        .collect()
}

fn severity(name: &str) -> Option<Severity> {
    [Severity::Info, Severity::Warning, Severity::Error]
        .into_iter()
        .find(|s| s.as_str() == name)
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut out, b| {
            let _ = write!(out, "{b:02x}");
            out
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_damaged_file_is_not_trusted() {
        let stored = CacheFile {
            settings: "s".into(),
            entries: BTreeMap::new(),
        };
        let body = serde_json::to_vec(&stored).unwrap();
        let mut bytes = format!("{MAGIC}\n{}\n", hex(&Sha256::digest(&body))).into_bytes();
        bytes.extend_from_slice(&body);
        assert!(decode(&bytes).is_some());
        let last = bytes.len() - 2;
        bytes[last] ^= 1;
        assert!(decode(&bytes).is_none());
        assert!(decode(b"something else").is_none());
    }
}
