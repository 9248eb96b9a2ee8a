//! The check cache, kept as ruff keeps its own: `.bitext/cache/`, a folder
//! bitext owns (with a `.gitignore` of `*` and a `CACHEDIR.TAG`, so git and
//! backup tools leave it alone; deleting it is always safe). It remembers,
//! for each release, the findings and boilerplate ids of its last check,
//! and those findings as each report format printed them, keyed by the
//! SHA-256 of the release's files (`release.toml` apart, then both
//! documents and the lock, so that `publish`, which rewrites only the
//! publishing state of `release.toml`, can `restamp` the entry). The whole
//! file is further keyed by the settings:
//! bitext's version and the binary itself, the interface language, the
//! severity asked for, `bitext.toml`, `glossary.toml`, every `.ftl` file of
//! both locale trees and the locale lock. A release whose files and
//! settings are unchanged is not parsed again: its findings are replayed,
//! pointed back into the files' text.
//!
//! As cargo and ruff do, a release's files are not even read when their
//! `lstat` is what it was: each entry also keeps, per file, a stat key
//! (size, modification and change times in nanoseconds, inode, device),
//! and the contents are hashed only when a key differs (`release.toml`
//! alone when only its key differs, as after a publication recorded in
//! it). A replayed release
//! then reads only the documents its findings point into. The change time
//! cannot be set from user space, so an edit hidden by `touch -d` still
//! changes the key; a file replaced by a rename changes the inode. A file
//! that is a symbolic link gets no key (the link's own would not change
//! with the file it leads to): its release is hashed on every run.
//!
//! A finding is stored with its line, column and the excerpt printed under
//! it, so that a replayed release needs no document text at all: its
//! findings come back as resolved locations (`diagnostic::Location`). A
//! report replays a release's rendering for its format instead
//! (`report::Rendered`, made once from the findings): its bytes are copied
//! into the report, and nothing is parsed or rendered again.
//!
//! The file holds each release's parts (its findings, its renderings),
//! then an index of one line per release (a checksum, then the release's
//! keys, boilerplate ids and where each part is, with the part's
//! checksum), then the index's offset. Only the index is read when the
//! cache is opened; a part is read when its release is replayed. New
//! entries are spooled to a temporary file as releases are checked, and
//! the new cache is copied part by part from the two. Memory does not grow
//! with the number of findings, on a cold run or a replay.
//!
//! The cache is an optimisation and never a source of truth: an index
//! line or a part that fails its checksum, or a file that cannot be read
//! or parsed, is ignored and rebuilt; writing it is atomic and never fails a run (a read-only
//! workspace runs uncached). This module does not decide what a finding
//! is: it stores and replays what `checks::driver` made.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::boilerplate::Boilerplate;
use crate::checks::driver::Sink;
use crate::diagnostic::{Code, Drift, Finding, Location, Severity};
use crate::document::source::Position;
use crate::release::Prefetched;
use crate::report::{Rendered, SharedFile, Stream};
use crate::workspace::Workspace;

/// The cache's folder, relative to the workspace root.
pub const DIR: &str = ".bitext/cache";

/// The check cache's file inside `DIR` for a severity asked for: a
/// `--quiet` run does not evict the cache of a full one.
fn file(min: Severity) -> String {
    format!("check-{}.cache", min.as_str())
}

/// The first line of the file; a change of layout changes it.
const MAGIC: &str = "bitext-check-cache 5";

/// What a `CACHEDIR.TAG` starts with (bford.org/cachedir).
const CACHEDIR_TAG: &str = "Signature: 8a477f597d28d172789f06886806bc55\n\
# This file is a cache directory tag created by bitext.\n\
# For information about cache directory tags see https://bford.org/cachedir/\n";

/// The check cache of one workspace under one set of settings.
pub struct Cache {
    dir: PathBuf,
    file: String,
    settings: String,
    /// The index of the file as it was read.
    old: HashMap<String, Head>,
    /// That file, open, to read a part back when its release is replayed
    /// (and, for a rendering, when the report is written).
    old_file: Option<SharedFile>,
    /// This run's new parts, in a temporary file made at the first one.
    spool: Mutex<Option<(File, u64)>>,
    /// This run's releases: a new entry, or `Kept` for one replayed as it
    /// was.
    fresh: Mutex<Vec<(String, Fresh)>>,
}

/// A release's entry in the cache to write.
enum Fresh {
    /// The entry of the file read, as it was.
    Kept,
    /// A new entry, its parts in the spool.
    New(Box<Head>),
}

/// A release's line of the index: its keys (the hash of its files and
/// their stat keys: `release.toml`, both documents and the lock, `None`
/// for an absent lock or for a `release.toml` too recent to be trusted;
/// `None` when another of them was too recent, see `settled`), the
/// boilerplate ids it refers to, and where
/// its findings and renderings are.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Head {
    slug: String,
    files: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    stats: Option<[Option<Stat>; 4]>,
    ids: Vec<String>,
    /// The findings, as JSON `Stored` records.
    findings: Part,
    /// The findings as rendered by each report's `Stream::key` (by the
    /// formats used so far).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    renderings: Vec<(String, Part)>,
}

/// Where a part is in its file (offset and length) and the SHA-256 of its
/// bytes.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Part {
    at: u64,
    len: usize,
    sum: String,
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
pub(crate) type Stat = (u64, i64, i64, u64, u64);

/// What the cache knows of a release.
pub enum Lookup {
    /// Unchanged since it was cached: its findings and boilerplate ids.
    Hit(Replay, BTreeSet<String>),
    /// Not cached, or changed: check it, then `store` under this key.
    Miss(Key),
    /// Not for the cache (a collection page, or a file that could not be
    /// read): the check itself says what is wrong.
    Skip,
}

/// A replayed release's findings: rendered for the report that asked
/// (`Cache::lookup`), or as findings for any other caller.
pub enum Replay {
    Rendered(Rendered),
    Findings(Vec<Finding>),
}

impl Replay {
    /// Hands the findings to the sink that asked for them, in `order`.
    pub fn deliver(self, order: usize, sink: &dyn Sink) -> crate::error::Result<()> {
        match (self, sink.printer()) {
            (Replay::Rendered(rendered), Some(printer)) => printer.add_rendered(order, &rendered),
            (Replay::Findings(findings), _) => sink.findings(order, findings),
            (Replay::Rendered(_), None) => unreachable!("a rendering is replayed for a printer only"),
        }
    }
}

/// A report as the cache sees it (`report::Stream`): what it prints of a
/// batch of findings, kept beside them and replayed as bytes into a report
/// of the same key. The check driver hands it over without rendering
/// anything itself.
pub trait Printer: Sync {
    fn key(&self) -> String;
    fn render(&self, findings: &[Finding]) -> Rendered;
    fn add_rendered(&self, order: usize, rendered: &Rendered) -> crate::error::Result<()>;
}

impl Printer for Stream {
    fn key(&self) -> String {
        Stream::key(self)
    }

    fn render(&self, findings: &[Finding]) -> Rendered {
        Stream::render(self, findings)
    }

    fn add_rendered(&self, order: usize, rendered: &Rendered) -> crate::error::Result<()> {
        Stream::add_rendered(self, order, rendered)
    }
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
                Some(old) => (old, Some(Arc::new(Mutex::new(handle)))),
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
        }
    }

    /// Replays a release's findings when its files and the settings are as
    /// they were when it was cached: without reading the files when their
    /// stat keys are unchanged, else by hashing their contents. A report
    /// (`stream`) gets the release's rendering for its format, made from
    /// the findings and kept the first time that format asks.
    pub fn lookup(&self, ws: &Workspace, slug: &str, stream: Option<&dyn Printer>) -> Lookup {
        let Some(at) = self.locate(ws, slug) else {
            return Lookup::Skip;
        };
        let old = self.old.get(slug);
        if let (Some(head), Some(stats)) = (old, &at.stats) {
            if head.stats.as_ref() == Some(stats) {
                if let Some(hit) = self.replay(ws, &at, head, None, stream) {
                    return hit;
                }
            }
            // Only `release.toml` differs (or was not trusted: a file
            // `publish` just recorded): it alone is hashed.
            if let Some(known) = head.stats.filter(|known| known[1..] == stats[1..]) {
                let meta = std::fs::read(&at.paths[0]).ok();
                if meta.is_some_and(|meta| {
                    head.files.split_once('.').map(|(first, _)| first) == Some(&hex(&Sha256::digest(meta)))
                }) {
                    let new = trusted(stats).filter(|new| *new != known);
                    if let Some(hit) = self.replay(ws, &at, head, new.map(Some), stream) {
                        return hit;
                    }
                }
            }
        }
        let Some(files) = ReleaseFiles::read(ws, &at) else {
            return Lookup::Skip;
        };
        let key = files.hash();
        let stats = at.stats.as_ref().and_then(trusted);
        if let Some(head) = old.filter(|h| h.files == key) {
            // The contents are as cached; new stat keys are kept.
            let new_stats = (stats.is_some() && head.stats != stats).then_some(stats);
            if let Some(hit) = self.replay(ws, &at, head, new_stats, stream) {
                return hit;
            }
        }
        Lookup::Miss(Key(key, stats, Some(Box::new(files.into_prefetched()))))
    }

    /// A release's cached entry replayed, or `None` when a part it needs
    /// fails its checksum (the release is then checked again). The entry
    /// is spooled again when it changes: new stat keys, or a rendering
    /// for a format it had none for.
    fn replay(
        &self,
        ws: &Workspace,
        at: &Located,
        head: &Head,
        new_stats: Option<Option<[Option<Stat>; 4]>>,
        stream: Option<&dyn Printer>,
    ) -> Option<Lookup> {
        let mut added = None;
        let replay = match stream {
            Some(stream) => {
                let key = stream.key();
                let cached = head
                    .renderings
                    .iter()
                    .find(|(k, _)| *k == key)
                    .and_then(|(_, part)| {
                        Rendered::in_file(&self.read_old(part)?, self.old_file.as_ref()?, part.at)
                    });
                match cached {
                    Some(rendered) => Replay::Rendered(rendered),
                    None => {
                        let rendered = stream.render(&self.findings(ws, at, head)?);
                        added = Some((key, rendered.to_bytes()));
                        Replay::Rendered(rendered)
                    }
                }
            }
            None => Replay::Findings(self.findings(ws, at, head)?),
        };
        let fresh = if added.is_some() || new_stats.is_some() {
            let mut new = head.clone();
            if let Some(stats) = new_stats {
                new.stats = stats;
            }
            let findings = self.read_old(&head.findings)?;
            // Renderings that fail their checksum, and the one replaced,
            // are left out.
            let mut renderings: Vec<(String, Vec<u8>)> = head
                .renderings
                .iter()
                .filter(|(k, _)| added.as_ref().is_none_or(|(key, _)| k != key))
                .filter_map(|(k, part)| Some((k.clone(), self.read_old(part)?)))
                .collect();
            renderings.extend(added);
            self.spool_entry(new, &findings, renderings)
                .unwrap_or(Fresh::Kept)
        } else {
            Fresh::Kept
        };
        self.fresh
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((head.slug.clone(), fresh));
        Some(Lookup::Hit(replay, head.ids.iter().cloned().collect()))
    }

    /// A release's stored findings, pointed back into its documents.
    fn findings(&self, ws: &Workspace, at: &Located, head: &Head) -> Option<Vec<Finding>> {
        let stored: Vec<Stored> = serde_json::from_slice(&self.read_old(&head.findings)?).ok()?;
        replay(ws, at, stored)
    }

    /// A part of the file read, when it holds its checksum.
    fn read_old(&self, part: &Part) -> Option<Vec<u8>> {
        let mut bytes = vec![0; part.len];
        {
            let mut file = self.old_file.as_ref()?.lock().unwrap_or_else(|e| e.into_inner());
            file.seek(SeekFrom::Start(part.at)).ok()?;
            file.read_exact(&mut bytes).ok()?;
        }
        (checksum(&bytes) == part.sum).then_some(bytes)
    }

    /// Appends an entry's parts to the spool: its head then says where
    /// they are there.
    fn spool_entry(
        &self,
        mut head: Head,
        findings: &[u8],
        renderings: Vec<(String, Vec<u8>)>,
    ) -> Option<Fresh> {
        let mut spool = self.spool.lock().unwrap_or_else(|e| e.into_inner());
        if spool.is_none() {
            *spool = Some((tempfile::tempfile().ok()?, 0));
        }
        let (file, len) = spool.as_mut()?;
        file.seek(SeekFrom::Start(*len)).ok()?;
        let mut put = |bytes: &[u8]| -> Option<Part> {
            file.write_all(bytes).ok()?;
            let part = Part {
                at: *len,
                len: bytes.len(),
                sum: checksum(bytes),
            };
            *len += bytes.len() as u64;
            Some(part)
        };
        head.findings = put(findings)?;
        head.renderings = renderings
            .iter()
            .map(|(key, bytes)| Some((key.clone(), put(bytes)?)))
            .collect::<Option<_>>()?;
        Some(Fresh::New(Box::new(head)))
    }

    /// The release's folder and files with their stat keys, or `None` when
    /// it is not one the cache can vouch for (the check says why).
    fn locate(&self, ws: &Workspace, slug: &str) -> Option<Located> {
        if slug.contains('/') {
            return None;
        }
        let names = [
            crate::release::META_FILE.to_owned(),
            ws.source.document_name(),
            ws.target.document_name(),
            crate::pairing::lock::LOCK_FILE.to_owned(),
        ];
        let dir = ws.releases_dir.join(slug);
        crate::workspace::check_slug(&dir, slug).ok()?;
        let ((stats, file_links), dir_is_link) = match stats_in_folder(&dir, &names) {
            Some(found) => (found, false),
            None => {
                let (_, dir_is_link) = ws.release_dir_and_link(slug).ok()?;
                (stats_by_path(&dir, &names)?, dir_is_link)
            }
        };
        let paths = names.map(|name| dir.join(name));
        // The symbolic-link rule holds for replayed releases too. With no
        // link in the release, only the releases folder could lead out.
        if file_links || dir_is_link || !ws.releases_dir_inside() {
            crate::release::check_inside(ws, &dir).ok()?;
            for path in &paths {
                crate::release::check_inside(ws, path).ok()?;
            }
        }
        // A linked file's key would be the link's, which an edit of the
        // file it leads to leaves as it was: such a release is hashed.
        let stats = (!file_links && stats.iter().take(3).all(Option::is_some)).then_some(stats);
        Some(Located {
            paths,
            stats: stats.filter(|s| s.iter().flatten().all(|s| s.2 != 0)),
        })
    }

    /// Remembers what checking a release gave, with its rendering when the
    /// sink is a report (`Sink::printer`), and hands the findings to the
    /// sink in `order`.
    #[allow(clippy::too_many_arguments)]
    pub fn store(
        &self,
        key: Key,
        slug: &str,
        paths: [&Path; 2],
        findings: Vec<Finding>,
        ids: &BTreeSet<String>,
        order: usize,
        sink: &dyn Sink,
    ) -> crate::error::Result<()> {
        let Some(printer) = sink.printer() else {
            self.remember(key, slug, paths, &findings, ids, None);
            return sink.findings(order, findings);
        };
        let rendered = printer.render(&findings);
        self.remember(key, slug, paths, &findings, ids, Some((printer, &rendered)));
        printer.add_rendered(order, &rendered)
    }

    /// Spools a checked release's entry. Findings that point into anything
    /// but the release's two documents make it uncacheable.
    fn remember(
        &self,
        key: Key,
        slug: &str,
        paths: [&Path; 2],
        findings: &[Finding],
        ids: &BTreeSet<String>,
        rendered: Option<(&dyn Printer, &Rendered)>,
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
        let Ok(stored) = serde_json::to_vec(&stored) else {
            return;
        };
        let head = Head {
            slug: slug.to_owned(),
            files: key.0,
            stats: key.1,
            ids: ids.iter().cloned().collect(),
            findings: Part {
                at: 0,
                len: 0,
                sum: String::new(),
            },
            renderings: Vec::new(),
        };
        let renderings = rendered
            .map(|(printer, rendered)| (printer.key(), rendered.to_bytes()))
            .into_iter()
            .collect();
        if let Some(fresh) = self.spool_entry(head, &stored, renderings) {
            self.fresh
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push((slug.to_owned(), fresh));
        }
    }

    /// Keeps this run's entry of each release given valid once its
    /// `release.toml` has been rewritten (to the bytes given beside its
    /// slug) by a change that no check reads (`publish` recording a
    /// publication: `status` and `published-at`). Its findings stand as
    /// they are: none points into `release.toml` (`remember`). Only the
    /// first half of the key changes; the other files are still those
    /// checked. No stat key is kept for a file just written (see
    /// `settled`): the next run hashes the contents once.
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
            match &mut fresh[at].1 {
                Fresh::New(head) => {
                    if let Some(files) = restamped(&head.files, meta) {
                        head.files = files;
                        head.stats = head.stats.map(untrusted_meta);
                    }
                }
                Fresh::Kept => {
                    // The entry's parts are in the file read: they are
                    // copied to the spool under the new head.
                    let Some(old) = self.old.get(slug) else {
                        continue;
                    };
                    let Some(files) = restamped(&old.files, meta) else {
                        continue;
                    };
                    let Some(findings) = self.read_old(&old.findings) else {
                        continue;
                    };
                    let renderings = old
                        .renderings
                        .iter()
                        .filter_map(|(k, part)| Some((k.clone(), self.read_old(part)?)))
                        .collect();
                    let head = Head {
                        files,
                        stats: old.stats.map(untrusted_meta),
                        ..old.clone()
                    };
                    if let Some(new) = self.spool_entry(head, &findings, renderings) {
                        fresh[at].1 = new;
                    }
                }
            }
        }
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
        let mut entries: BTreeMap<&str, (bool, &Head)> = BTreeMap::new();
        for (slug, f) in &fresh {
            match f {
                Fresh::New(head) => {
                    entries.insert(slug, (true, head));
                }
                Fresh::Kept => {
                    if let Some(old) = self.old.get(slug) {
                        entries.insert(slug, (false, old));
                    }
                }
            }
        }
        if !all {
            for (slug, old) in &self.old {
                entries.entry(slug).or_insert((false, old));
            }
        }
        let spool = self.spool.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut old_file = self
            .old_file
            .as_ref()
            .map(|f| f.lock().unwrap_or_else(|e| e.into_inner()));
        let mut spool = spool.map(|(file, _)| file);
        let _ = write(&self.dir, &self.file, &self.settings, |out, start| {
            let mut at = start;
            let mut buffer = Vec::new();
            let mut heads = Vec::with_capacity(entries.len());
            for &(new, head) in entries.values() {
                let source = if new {
                    spool.as_mut()
                } else {
                    old_file.as_deref_mut()
                }
                .ok_or_else(|| std::io::Error::other("a cache entry without its file"))?;
                let mut head = head.clone();
                let parts =
                    std::iter::once(&mut head.findings).chain(head.renderings.iter_mut().map(|(_, p)| p));
                for part in parts {
                    buffer.resize(part.len, 0);
                    source.seek(SeekFrom::Start(part.at))?;
                    source.read_exact(&mut buffer)?;
                    out.write_all(&buffer)?;
                    part.at = at;
                    at += part.len as u64;
                }
                heads.push(head);
            }
            for head in &heads {
                out.write_all(&index_line(head).ok_or_else(|| std::io::Error::other("a cache entry"))?)?;
            }
            writeln!(out, "{at:0INDEX_AT_WIDTH$}")
        });
    }
}

/// A key of a release's files (`ReleaseFiles::hash`) with its first half,
/// `release.toml`'s hash, made from `meta` instead.
fn restamped(files: &str, meta: &[u8]) -> Option<String> {
    let (_, rest) = files.split_once('.')?;
    Some(format!("{}.{rest}", hex(&Sha256::digest(meta))))
}

/// How many digits the index's offset is written with, on the file's last
/// line.
const INDEX_AT_WIDTH: usize = 20;

/// One release's line of the index: the checksum of its head, the head.
/// JSON escapes tabs and line breaks, so neither occurs inside it.
fn index_line(head: &Head) -> Option<Vec<u8>> {
    let json = serde_json::to_vec(head).ok()?;
    let mut line = checksum(&json).into_bytes();
    line.push(b'\t');
    line.extend_from_slice(&json);
    line.push(b'\n');
    Some(line)
}

/// The text before the first tab and the text after it.
fn split_tab(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let tab = bytes.iter().position(|&b| b == b'\t')?;
    Some((&bytes[..tab], &bytes[tab + 1..]))
}

/// The index of a cache file, or `None` when the file is not a whole
/// cache made by bitext under these settings. An index line that fails
/// its checksum, or points outside the parts, is left out.
fn index(mut file: &File, settings: &str) -> Option<HashMap<String, Head>> {
    let size = file.seek(SeekFrom::End(0)).ok()?;
    file.seek(SeekFrom::Start(0)).ok()?;
    let mut reader = BufReader::new(file);
    let mut line = Vec::new();
    let mut start = 0u64;
    for expected in [MAGIC, settings] {
        line.clear();
        start += reader.read_until(b'\n', &mut line).ok()? as u64;
        if line.strip_suffix(b"\n")? != expected.as_bytes() {
            return None;
        }
    }
    let last = size.checked_sub(INDEX_AT_WIDTH as u64 + 1)?;
    let mut tail = [0; INDEX_AT_WIDTH + 1];
    file.seek(SeekFrom::Start(last)).ok()?;
    file.read_exact(&mut tail).ok()?;
    let index_at: u64 = std::str::from_utf8(tail.strip_suffix(b"\n")?)
        .ok()?
        .parse()
        .ok()?;
    if index_at < start || index_at > last {
        return None;
    }
    // Read a line at a time: the index is a few megabytes at 10,000
    // releases, and only the parsed keys are kept. The lines are parsed
    // on every core: until the index is read no release can be replayed.
    file.seek(SeekFrom::Start(index_at)).ok()?;
    let lines = BufReader::new(file.take(last - index_at)).split(b'\n');
    let inside = |part: &Part| {
        part.at >= start
            && part
                .at
                .checked_add(part.len as u64)
                .is_some_and(|end| end <= index_at)
    };
    let heads: Vec<Head> = lines
        .map_while(Result::ok)
        .par_bridge()
        .filter_map(|line| {
            let (_, json) = split_tab(&line).filter(|(sum, json)| *sum == checksum(json).as_bytes())?;
            let head = serde_json::from_slice::<Head>(json).ok()?;
            (inside(&head.findings) && head.renderings.iter().all(|(_, p)| inside(p))).then_some(head)
        })
        .collect();
    Some(heads.into_iter().map(|head| (head.slug.clone(), head)).collect())
}

/// Writes the cache file `name` in `dir` atomically (`atomic`), with what
/// `rest` writes after the header (told the header's length): streamed,
/// never held whole in memory.
fn write(
    dir: &Path,
    name: &str,
    settings: &str,
    rest: impl FnOnce(&mut dyn Write, u64) -> std::io::Result<()>,
) -> std::io::Result<()> {
    make_dir(dir)?;
    crate::atomic::write_streamed(&dir.join(name), |out| {
        let header = format!("{MAGIC}\n{settings}\n");
        out.write_all(header.as_bytes())?;
        rest(out, header.len() as u64)
    })
    .map_err(std::io::Error::other)
}

/// Makes the cache folder `dir`, tagged as one that git and backups leave
/// alone, for this cache and for others kept beside it (`publish`'s).
pub(crate) fn make_dir(dir: &Path) -> std::io::Result<()> {
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
    Ok(())
}

/// This binary as the caches and render keys know it: its size and
/// modification time (a rebuilt binary of the same version may work
/// otherwise), empty when it cannot be found.
pub(crate) fn binary() -> String {
    std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| format!("{} {:?}", m.len(), m.modified().ok()))
        .unwrap_or_default()
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
    field(binary().as_bytes());
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
            field(file.text().as_bytes());
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

/// The stat keys of a release's four files (`None` for an absent lock),
/// each the file's own and not what it may link to, and whether any of
/// them is a symbolic link, asked by path; `None` when one cannot be asked
/// (the check says why).
fn stats_by_path(dir: &Path, names: &[String; 4]) -> Option<([Option<Stat>; 4], bool)> {
    let mut stats = [None; 4];
    let mut links = false;
    for (k, name) in names.iter().enumerate() {
        match std::fs::symlink_metadata(dir.join(name)) {
            Ok(meta) => {
                links |= meta.file_type().is_symlink();
                stats[k] = Some(stat(&meta));
            }
            Err(e) if k == 3 && e.kind() == std::io::ErrorKind::NotFound => {}
            Err(_) => return None,
        }
    }
    Some((stats, links))
}

/// `stats_by_path` for a release folder that is a plain folder, as nearly
/// every one is: the folder is opened once (`O_PATH`, without following a
/// link) and each file is asked relative to it, so the kernel walks one
/// name per file rather than the whole path (a third of a cached run went
/// to those walks). `None` when the folder is a link, is not there, or a
/// file cannot be asked so: the caller then asks by path. The keys are
/// those `stat` makes from `std::fs::Metadata`.
#[cfg(target_os = "linux")]
fn stats_in_folder(dir: &Path, names: &[String; 4]) -> Option<([Option<Stat>; 4], bool)> {
    use rustix::fs::{AtFlags, FileType, Mode, OFlags, StatxFlags};
    let flags = OFlags::PATH | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
    let folder = rustix::fs::open(dir, flags, Mode::empty()).ok()?;
    let mut stats = [None; 4];
    let mut links = false;
    for (k, name) in names.iter().enumerate() {
        let asked = rustix::fs::statx(
            &folder,
            name.as_str(),
            AtFlags::SYMLINK_NOFOLLOW,
            StatxFlags::BASIC_STATS,
        );
        match asked {
            Ok(found) => {
                links |= FileType::from_raw_mode(found.stx_mode.into()).is_symlink();
                let ns = |t: rustix::fs::StatxTimestamp| nanoseconds(t.tv_sec, i64::from(t.tv_nsec));
                stats[k] = Some((
                    found.stx_size,
                    ns(found.stx_mtime),
                    ns(found.stx_ctime),
                    found.stx_ino,
                    rustix::fs::makedev(found.stx_dev_major, found.stx_dev_minor),
                ));
            }
            Err(rustix::io::Errno::NOENT) if k == 3 => {}
            // Asked again by path, which says what is wrong (or, without
            // `statx` in an old kernel or a sandbox, answers).
            Err(_) => return None,
        }
    }
    Some((stats, links))
}

#[cfg(not(target_os = "linux"))]
fn stats_in_folder(_: &Path, _: &[String; 4]) -> Option<([Option<Stat>; 4], bool)> {
    None
}

#[cfg(unix)]
pub(crate) fn stat(meta: &std::fs::Metadata) -> Stat {
    use std::os::unix::fs::MetadataExt;
    (
        meta.len(),
        nanoseconds(meta.mtime(), meta.mtime_nsec()),
        nanoseconds(meta.ctime(), meta.ctime_nsec()),
        meta.ino(),
        meta.dev(),
    )
}

/// A file time in a stat key: nanoseconds since the epoch.
#[cfg(unix)]
fn nanoseconds(secs: i64, nanos: i64) -> i64 {
    secs.saturating_mul(1_000_000_000).saturating_add(nanos)
}

/// Without an inode and a change time the key proves nothing: a zero
/// change time makes `locate` give none, and the contents are hashed.
#[cfg(not(unix))]
pub(crate) fn stat(meta: &std::fs::Metadata) -> Stat {
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
pub(crate) fn settled(stat: &Stat) -> bool {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as i64);
    stat.1 < now - 2_000_000_000
}

/// The stat keys of a release's files that may be kept (see `settled`):
/// none when a document or the lock is too young, and no key for a
/// `release.toml` too young (it alone is then hashed on the next run).
fn trusted(stats: &[Option<Stat>; 4]) -> Option<[Option<Stat>; 4]> {
    if !stats[1..].iter().flatten().all(settled) {
        return None;
    }
    let mut kept = *stats;
    kept[0] = kept[0].filter(settled);
    Some(kept)
}

/// Stat keys with `release.toml`'s dropped: it was just rewritten.
fn untrusted_meta(mut stats: [Option<Stat>; 4]) -> [Option<Stat>; 4] {
    stats[0] = None;
    stats
}

/// The stored findings as resolved locations in the release's documents
/// (no text is read), or `None` when a part does not fit (it is then
/// rebuilt). The records are taken apart, not copied.
fn replay(ws: &Workspace, at: &Located, stored: Vec<Stored>) -> Option<Vec<Finding>> {
    if stored.is_empty() {
        return Some(Vec::new());
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
    stored
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
        .collect()
}

fn severity(name: &str) -> Option<Severity> {
    [Severity::Info, Severity::Warning, Severity::Error]
        .into_iter()
        .find(|s| s.as_str() == name)
}

/// Lowercase hexadecimal, by table: it runs for every part replayed, and
/// `format!` per byte showed in the profile of a replay.
/// The checksum of a part or an index line: it guards against a torn or
/// damaged file, not against an attacker (the file is the user's own), so
/// a fast 128-bit hash (XXH3) does, where SHA-256 made a seventh of a
/// cached run of 10,000 releases. The keys of a release's files stay
/// SHA-256: they stand for contents the cache has not read.
fn checksum(bytes: &[u8]) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes))
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A cache file of one entry whose findings part is `part`.
    fn one_entry(part: &[u8]) -> Vec<u8> {
        let mut bytes = format!("{MAGIC}\ns\n").into_bytes();
        let head = Head {
            slug: "a".into(),
            files: "f".into(),
            stats: None,
            ids: vec!["closing".into()],
            findings: Part {
                at: bytes.len() as u64,
                len: part.len(),
                sum: checksum(part),
            },
            renderings: Vec::new(),
        };
        bytes.extend_from_slice(part);
        let index_at = bytes.len();
        bytes.extend(index_line(&head).unwrap());
        bytes.extend(format!("{index_at:0INDEX_AT_WIDTH$}\n").into_bytes());
        bytes
    }

    #[test]
    fn a_damaged_part_or_index_is_not_trusted() {
        let bytes = one_entry(b"[]");
        let mut file = tempfile::tempfile().unwrap();
        file.write_all(&bytes).unwrap();
        let cache = |file: &File| Cache {
            dir: PathBuf::new(),
            file: String::new(),
            settings: "s".into(),
            old: index(file, "s").unwrap(),
            old_file: Some(Arc::new(Mutex::new(file.try_clone().unwrap()))),
            spool: Mutex::new(None),
            fresh: Mutex::new(Vec::new()),
        };
        let good = cache(&file);
        assert_eq!(good.old["a"].ids, ["closing"]);
        assert_eq!(good.read_old(&good.old["a"].findings).unwrap(), b"[]");
        assert!(index(&file, "other settings").is_none());
        // A flipped byte in the findings: the checksum no longer holds.
        let at = good.old["a"].findings.at;
        file.seek(SeekFrom::Start(at)).unwrap();
        file.write_all(b"{").unwrap();
        let damaged = cache(&file);
        assert!(damaged.read_old(&damaged.old["a"].findings).is_none());
        // A flipped byte in the index: the line is left out.
        file.seek(SeekFrom::Start(at + 2 + 5)).unwrap();
        file.write_all(b"x").unwrap();
        assert!(index(&file, "s").unwrap().is_empty());
        // Cut short: not a cache.
        file.set_len(bytes.len() as u64 - 5).unwrap();
        assert!(index(&file, "s").is_none());
    }
}
