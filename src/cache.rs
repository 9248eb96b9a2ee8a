//! The check cache, kept as ruff keeps its own: `.bitext/cache/`, a folder
//! bitext owns (with a `.gitignore` of `*` and a `CACHEDIR.TAG`, so git and
//! backup tools leave it alone; deleting it is always safe). It remembers,
//! for each release, the findings and boilerplate ids of its last check,
//! keyed by the SHA-256 of the release's files (`release.toml` apart, then
//! both documents and the lock, so that `publish`, which rewrites only the
//! publishing state of `release.toml`, can `restamp` the entry). The whole file is further keyed by the settings:
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
//! A finding is stored with its line, column and the excerpt printed under
//! it, so that a replayed release needs no document text at all: its
//! findings come back as resolved locations (`diagnostic::Location`).
//!
//! The file is one line per release (a checksum, the release's keys, then
//! its findings), read once to index the lines: only the keys are kept in
//! memory, and a release's findings are read back when it is replayed.
//! New entries are spooled to a temporary file as releases are checked,
//! and the new cache is copied line by line from the two. Memory does not
//! grow with the number of findings, on a cold run or a replay.
//!
//! The cache is an optimisation and never a source of truth: a line that
//! fails its checksum, or a file that cannot be read or parsed, is ignored
//! and rebuilt; writing it is atomic and never fails a run (a read-only
//! workspace runs uncached). This module does not decide what a finding
//! is: it stores and replays what `checks::driver` made.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::boilerplate::Boilerplate;
use crate::diagnostic::{Code, Drift, Finding, Location, Severity};
use crate::document::source::Position;
use crate::release::Prefetched;
use crate::workspace::Workspace;

/// The cache's folder, relative to the workspace root.
pub const DIR: &str = ".bitext/cache";

/// The check cache's file inside `DIR` for a severity asked for: a
/// `--quiet` run does not evict the cache of a full one.
fn file(min: Severity) -> String {
    format!("check-{}.cache", min.as_str())
}

/// The first line of the file; a change of layout changes it.
const MAGIC: &str = "bitext-check-cache 4";

/// What a `CACHEDIR.TAG` starts with (bford.org/cachedir).
const CACHEDIR_TAG: &str = "Signature: 8a477f597d28d172789f06886806bc55\n\
# This file is a cache directory tag created by bitext.\n\
# For information about cache directory tags see https://bford.org/cachedir/\n";

/// The check cache of one workspace under one set of settings.
pub struct Cache {
    dir: PathBuf,
    file: String,
    settings: String,
    /// Where each release's line is in the file as it was read.
    old: HashMap<String, Indexed>,
    /// That file, open, to read a line back when its release is replayed.
    old_file: Option<Mutex<File>>,
    /// This run's new lines, in a temporary file made at the first one.
    spool: Mutex<Option<(File, u64)>>,
    /// This run's releases: a new line, or `Kept` for one replayed as it
    /// was.
    fresh: Mutex<Vec<(String, Fresh)>>,
    /// Whether the releases folder is inside the workspace once symbolic
    /// links are followed (asked once, not once per release).
    releases_inside: std::sync::OnceLock<bool>,
}

/// A release's line in the file read: its keys and where it is.
struct Indexed {
    files: String,
    stats: Option<[Option<Stat>; 4]>,
    offset: u64,
    len: usize,
}

/// A release's line in the cache to write.
#[derive(Clone, Copy)]
enum Fresh {
    /// The line of the file read, as it was.
    Kept,
    /// A new line in the spool.
    New(u64, usize),
}

/// The keys of one release, at the start of its line: the hash of its
/// files and their stat keys (`release.toml`, both documents and the lock,
/// `None` for an absent lock) when the contents were hashed; `None` when
/// one of them was too recent to be trusted (see `settled`).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Head {
    slug: String,
    files: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    stats: Option<[Option<Stat>; 4]>,
}

/// What is remembered of one release besides its keys.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Body {
    /// The boilerplate ids the release refers to.
    ids: Vec<String>,
    findings: Vec<Stored>,
}

/// A finding without the file text it points into: each location is the
/// document it is in, with the line, column and excerpt printed.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Stored {
    code: String,
    severity: String,
    release: Option<String>,
    message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    source: Option<Spot>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    target: Option<Spot>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    drift: Option<(String, String)>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    target_text: Option<String>,
}

/// Which document (0 source, 1 target), the byte range, the line and
/// column of its start, and the excerpt printed under it.
type Spot = (u8, usize, usize, usize, usize, String);

/// A file's stat key: size, modification and change times (nanoseconds
/// since the epoch), inode and device.
type Stat = (u64, i64, i64, u64, u64);

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
/// their stat keys when they can be trusted; with the files as read, for
/// the check to parse rather than read them again.
pub struct Key(String, Option<[Option<Stat>; 4]>, Option<Box<Prefetched>>);

impl Key {
    /// The release's files as they were read to be hashed (once).
    pub fn take_files(&mut self) -> Option<Prefetched> {
        self.2.take().map(|files| *files)
    }
}

impl Cache {
    /// The workspace's cache for these settings. A file made under other
    /// settings, or unreadable, is ignored: the cache starts empty and is
    /// rebuilt. Lines are checked against their checksum when used.
    pub fn open(ws: &Workspace, boilerplate: &Boilerplate, min: Severity) -> Cache {
        let dir = ws.root.join(DIR);
        let settings = settings(ws, boilerplate, min);
        let file = file(min);
        let (old, old_file) = match File::open(dir.join(&file)) {
            Ok(handle) => match index(&handle, &settings) {
                Some(old) => (old, Some(Mutex::new(handle))),
                None => (HashMap::new(), None),
            },
            Err(_) => (HashMap::new(), None),
        };
        Cache {
            dir,
            file,
            settings,
            old,
            old_file,
            spool: Mutex::new(None),
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
        if let (Some(indexed), Some(stats)) = (old, &at.stats) {
            if indexed.stats.as_ref() == Some(stats) {
                if let Some(body) = self.read(indexed) {
                    if let Some((findings, ids)) = replay(ws, &at, body) {
                        return self.hit(slug, Fresh::Kept, findings, ids);
                    }
                }
            }
        }
        let Some(files) = ReleaseFiles::read(ws, &at) else {
            return Lookup::Skip;
        };
        let key = files.hash();
        // Stat keys are kept only for files old enough (see `settled`).
        let stats = at.stats.filter(|stats| stats.iter().flatten().all(settled));
        let Some(indexed) = old.filter(|e| e.files == key) else {
            return Lookup::Miss(Key(key, stats, Some(Box::new(files.into_prefetched()))));
        };
        let Some(body) = self.read(indexed) else {
            return Lookup::Miss(Key(key, stats, Some(Box::new(files.into_prefetched()))));
        };
        // The contents are as cached, the stat keys are new: keep them
        // (the line is spooled before the body is taken apart).
        let new_stats = stats.is_some() && indexed.stats != stats;
        let head = Head {
            slug: slug.to_owned(),
            files: key,
            stats,
        };
        let spooled = new_stats.then(|| self.spool_line(&head, &body));
        match replay(ws, &at, body) {
            Some((findings, ids)) => {
                let fresh = spooled.flatten().unwrap_or(Fresh::Kept);
                self.hit(slug, fresh, findings, ids)
            }
            None => Lookup::Miss(Key(
                head.files,
                head.stats,
                Some(Box::new(files.into_prefetched())),
            )),
        }
    }

    fn hit(&self, slug: &str, fresh: Fresh, findings: Vec<Finding>, ids: Vec<String>) -> Lookup {
        self.fresh
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((slug.to_owned(), fresh));
        Lookup::Hit(findings, ids.into_iter().collect())
    }

    /// A release's line of the file read, when it holds its checksum.
    fn read(&self, indexed: &Indexed) -> Option<Body> {
        self.read_line(indexed).map(|(_, body)| body)
    }

    /// `read`, with the line's keys.
    fn read_line(&self, indexed: &Indexed) -> Option<(Head, Body)> {
        let mut line = vec![0; indexed.len];
        {
            let mut file = self.old_file.as_ref()?.lock().unwrap_or_else(|e| e.into_inner());
            file.seek(SeekFrom::Start(indexed.offset)).ok()?;
            file.read_exact(&mut line).ok()?;
        }
        parse_line(&line)
    }

    /// Appends a line to the spool of new lines.
    fn spool_line(&self, head: &Head, body: &Body) -> Option<Fresh> {
        let line = line(head, body)?;
        let mut spool = self.spool.lock().unwrap_or_else(|e| e.into_inner());
        if spool.is_none() {
            *spool = Some((tempfile::tempfile().ok()?, 0));
        }
        let (file, len) = spool.as_mut()?;
        file.seek(SeekFrom::Start(*len)).ok()?;
        file.write_all(&line).ok()?;
        let fresh = Fresh::New(*len, line.len());
        *len += line.len() as u64;
        Some(fresh)
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
        let side = |location: &Option<Location>| -> Option<Option<Spot>> {
            match location {
                None => Some(None),
                Some(at) => {
                    let which = paths.iter().position(|p| *p == at.path())?;
                    let position = at.position();
                    Some(Some((
                        which as u8,
                        at.span.start,
                        at.span.end,
                        position.line,
                        position.column,
                        at.excerpt().into_owned(),
                    )))
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
        let head = Head {
            slug: slug.to_owned(),
            files: key.0,
            stats: key.1,
        };
        let body = Body {
            ids: ids.iter().cloned().collect(),
            findings: stored,
        };
        if let Some(fresh) = self.spool_line(&head, &body) {
            self.fresh
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push((slug.to_owned(), fresh));
        }
    }

    /// Keeps this run's entry of each release given valid once its
    /// `release.toml` has been rewritten (to the bytes given beside its
    /// slug) by a change that no check reads
    /// (`publish` recording a publication: `status` and `published-at`).
    /// Its findings stand as they are: none points into `release.toml`
    /// (`store`). Only the first half of the key changes; the other files
    /// are still those checked. No stat key is kept for a file just
    /// written (see `settled`): the next run hashes the contents once.
    pub fn restamp<'a>(&self, rewritten: impl IntoIterator<Item = (&'a str, &'a [u8])>) {
        let mut fresh = self.fresh.lock().unwrap_or_else(|e| e.into_inner());
        let at: HashMap<String, usize> = fresh
            .iter()
            .enumerate()
            .map(|(at, (slug, _))| (slug.clone(), at))
            .collect();
        for (slug, meta) in rewritten {
            let Some(&at) = at.get(slug) else {
                continue;
            };
            let line = match fresh[at].1 {
                Fresh::Kept => self.old.get(slug).and_then(|indexed| self.read_line(indexed)),
                Fresh::New(offset, len) => self.read_spooled(offset, len),
            };
            let Some((head, body)) = line else {
                continue;
            };
            let Some((_, rest)) = head.files.split_once('.') else {
                continue;
            };
            let head = Head {
                slug: slug.to_owned(),
                files: format!("{}.{rest}", hex(&Sha256::digest(meta))),
                stats: None,
            };
            if let Some(new) = self.spool_line(&head, &body) {
                fresh[at].1 = new;
            }
        }
    }

    /// A line of this run's spool, keys and body.
    fn read_spooled(&self, offset: u64, len: usize) -> Option<(Head, Body)> {
        let mut line = vec![0; len];
        {
            let mut spool = self.spool.lock().unwrap_or_else(|e| e.into_inner());
            let (file, _) = spool.as_mut()?;
            file.seek(SeekFrom::Start(offset)).ok()?;
            file.read_exact(&mut line).ok()?;
        }
        parse_line(&line)
    }

    /// Writes the cache: this run's releases, and, unless `all` releases
    /// were checked, the lines of the others as they were. Any failure (a
    /// read-only workspace) is ignored: the next run is simply uncached.
    /// Nothing is written when nothing changed, but a temporary file left
    /// by a killed run is still removed (a write would have removed it).
    pub fn save(self, all: bool) {
        let fresh = self.fresh.into_inner().unwrap_or_else(|e| e.into_inner());
        let changed =
            fresh.iter().any(|(_, f)| matches!(f, Fresh::New(..))) || (all && self.old.len() != fresh.len());
        if !changed {
            crate::atomic::clean_stale(&self.dir);
            return;
        }
        // Slug order, so that the same findings make the same file.
        let mut lines: BTreeMap<&str, (bool, u64, usize)> = BTreeMap::new();
        for (slug, f) in &fresh {
            match f {
                Fresh::New(offset, len) => {
                    lines.insert(slug, (true, *offset, *len));
                }
                Fresh::Kept => {
                    if let Some(old) = self.old.get(slug) {
                        lines.insert(slug, (false, old.offset, old.len));
                    }
                }
            }
        }
        if !all {
            for (slug, old) in &self.old {
                lines.entry(slug).or_insert((false, old.offset, old.len));
            }
        }
        let spool = self.spool.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut sources = [
            self.old_file
                .map(|f| f.into_inner().unwrap_or_else(|e| e.into_inner())),
            spool.map(|(file, _)| file),
        ];
        let _ = write(&self.dir, &self.file, &self.settings, |out| {
            let mut buffer = Vec::new();
            for &(new, offset, len) in lines.values() {
                let source = sources[usize::from(new)]
                    .as_mut()
                    .ok_or_else(|| std::io::Error::other("a cache line without its file"))?;
                buffer.resize(len, 0);
                source.seek(SeekFrom::Start(offset))?;
                source.read_exact(&mut buffer)?;
                out.write_all(&buffer)?;
            }
            Ok(())
        });
    }
}

/// One release's line: the checksum of the rest, the keys, the findings.
/// JSON escapes tabs and line breaks, so neither occurs inside a field.
fn line(head: &Head, body: &Body) -> Option<Vec<u8>> {
    let mut rest = serde_json::to_vec(head).ok()?;
    rest.push(b'\t');
    serde_json::to_writer(&mut rest, body).ok()?;
    let mut line = hex(&Sha256::digest(&rest)).into_bytes();
    line.push(b'\t');
    line.extend_from_slice(&rest);
    line.push(b'\n');
    Some(line)
}

/// A line's keys and body, when it holds its checksum.
fn parse_line(line: &[u8]) -> Option<(Head, Body)> {
    let (sum, rest) = split_tab(line)?;
    if sum != hex(&Sha256::digest(rest)).as_bytes() {
        return None;
    }
    let (head, body) = split_tab(rest)?;
    Some((
        serde_json::from_slice(head).ok()?,
        serde_json::from_slice(body).ok()?,
    ))
}

/// The text before the first tab and the text after it.
fn split_tab(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let tab = bytes.iter().position(|&b| b == b'\t')?;
    Some((
        &bytes[..tab],
        bytes[tab + 1..].strip_suffix(b"\n").unwrap_or(&bytes[tab + 1..]),
    ))
}

/// Where each release's line is in a cache file, read line by line (only
/// the keys are kept), or `None` when the file is not a cache made by
/// bitext under these settings. A line cut short is left out.
fn index(mut file: &File, settings: &str) -> Option<HashMap<String, Indexed>> {
    file.seek(SeekFrom::Start(0)).ok()?;
    let mut reader = BufReader::new(file);
    let mut line = Vec::new();
    let mut offset = 0u64;
    for expected in [MAGIC, settings] {
        line.clear();
        offset += reader.read_until(b'\n', &mut line).ok()? as u64;
        if line.strip_suffix(b"\n")? != expected.as_bytes() {
            return None;
        }
    }
    let mut old = HashMap::new();
    loop {
        line.clear();
        let len = reader.read_until(b'\n', &mut line).ok()?;
        if len == 0 || line.last() != Some(&b'\n') {
            break;
        }
        let head = split_tab(&line)
            .and_then(|(_, rest)| split_tab(rest))
            .and_then(|(head, _)| serde_json::from_slice::<Head>(head).ok());
        if let Some(head) = head {
            old.insert(
                head.slug,
                Indexed {
                    files: head.files,
                    stats: head.stats,
                    offset,
                    len,
                },
            );
        }
        offset += len as u64;
    }
    Some(old)
}

/// Writes the cache file `name` in `dir` atomically (`atomic`), with the
/// lines `lines` writes after the header: streamed, never held whole in
/// memory.
fn write(
    dir: &Path,
    name: &str,
    settings: &str,
    lines: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
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
    crate::atomic::write_streamed(&dir.join(name), |out| {
        write!(out, "{MAGIC}\n{settings}\n")?;
        lines(out)
    })
    .map_err(std::io::Error::other)
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

    fn into_prefetched(self) -> Prefetched {
        Prefetched {
            meta: self.meta,
            source: self.source.1,
            target: self.target.1,
            lock: self.lock,
        }
    }

    /// Two hashes, `release.toml`'s and the other files', so that
    /// `restamp` can replace the first alone.
    fn hash(&self) -> String {
        let mut hash = Sha256::new();
        for part in [
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
        format!("{}.{}", hex(&Sha256::digest(&self.meta)), hex(&hash.finalize()))
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

/// The stored findings as resolved locations in the release's documents
/// (no text is read), with the boilerplate ids, or `None` when a line does
/// not fit (it is then rebuilt). The body is taken apart, not copied.
fn replay(ws: &Workspace, at: &Located, body: Body) -> Option<(Vec<Finding>, Vec<String>)> {
    if body.findings.is_empty() {
        return Some((Vec::new(), body.ids));
    }
    let langs = [ws.source.tag.to_string(), ws.target.tag.to_string()];
    let paths: [Arc<Path>; 2] = [1, 2].map(|k| Arc::from(ws.relative(&at.paths[k])));
    let at = |spot: Option<Spot>| -> Option<Option<Location>> {
        match spot {
            None => Some(None),
            Some((which, start, end, line, column, excerpt)) => {
                let which = usize::from(which);
                (which < 2 && start <= end).then(|| {
                    Some(Location::resolved(
                        langs[which].clone(),
                        Arc::clone(&paths[which]),
                        start..end,
                        Position { line, column },
                        excerpt,
                    ))
                })
            }
        }
    };
    let findings = body
        .findings
        .into_iter()
        .map(|s| {
            let mut finding = Finding::new(s.code.parse::<Code>().ok()?, severity(&s.severity)?, s.message);
            finding.release = s.release;
            finding.source = at(s.source)?;
            finding.target = at(s.target)?;
            finding.drift = s.drift.map(|(source_before, source_after)| Drift {
                source_before,
                source_after,
            });
            finding.target_text = s.target_text;
            Some(finding)
        })
        .collect::<Option<_>>()?;
    Some((findings, body.ids))
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
    fn a_damaged_line_is_not_trusted() {
        let head = Head {
            slug: "a".into(),
            files: "f".into(),
            stats: None,
        };
        let body = Body {
            ids: vec!["closing".into()],
            findings: Vec::new(),
        };
        let mut bytes = format!("{MAGIC}\ns\n").into_bytes();
        let at = bytes.len();
        bytes.extend(line(&head, &body).unwrap());
        let mut file = tempfile::tempfile().unwrap();
        file.write_all(&bytes).unwrap();
        let cache = |file: &File| Cache {
            dir: PathBuf::new(),
            file: String::new(),
            settings: "s".into(),
            old: index(file, "s").unwrap(),
            old_file: Some(Mutex::new(file.try_clone().unwrap())),
            spool: Mutex::new(None),
            fresh: Mutex::new(Vec::new()),
            releases_inside: std::sync::OnceLock::new(),
        };
        let good = cache(&file);
        assert_eq!(good.read(&good.old["a"]).unwrap().ids, ["closing"]);
        assert!(index(&file, "other settings").is_none());
        // A flipped byte in the findings: the checksum no longer holds.
        let last = bytes.len() - 3;
        file.seek(SeekFrom::Start(last as u64)).unwrap();
        file.write_all(&[bytes[last] ^ 1]).unwrap();
        let damaged = cache(&file);
        assert!(damaged.read(&damaged.old["a"]).is_none());
        // Cut short: the line is left out.
        file.set_len(at as u64 + 10).unwrap();
        assert!(index(&file, "s").unwrap().is_empty());
    }
}
