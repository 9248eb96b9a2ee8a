//! A release: its folder, its metadata (`release.toml`), and its two
//! documents as read from disk and parsed once by their format, with the
//! sign-off record if there is one. Pairing and checking the documents
//! happen elsewhere.

mod common_meta;
pub mod locate;
pub mod scaffold;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::document::source::{position_in, SourceFile};
use crate::document::Document;
use crate::error::{Error, FileRole, Result};
use crate::pairing::lock::Lock;
pub use crate::text::date::Date;
use crate::workspace::{parse_toml, Workspace};

pub const META_FILE: &str = "release.toml";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Draft,
    Approved,
    Published,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Approved => "approved",
            Status::Published => "published",
        }
    }
}

/// `release.toml`, as documented in the README.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ReleaseMeta {
    /// Required in `release.toml`; a collection's page has none.
    #[serde(default)]
    date: Option<toml::Spanned<toml::value::Datetime>>,
    pub status: Status,
    /// When the release may first be published (a datetime with offset).
    #[serde(default)]
    pub embargo: Option<toml::Spanned<toml::value::Datetime>>,
    /// When `bitext publish` published it.
    #[serde(default)]
    pub published_at: Option<toml::value::Datetime>,
    /// The issuing organisation's name, keyed by language code (`en`, `fr`).
    #[serde(default)]
    pub organisation: BTreeMap<String, String>,
    /// The URL slug in each language, keyed by language code.
    pub slug: BTreeMap<String, String>,
    #[serde(default)]
    pub tags: Vec<String>,
}

impl ReleaseMeta {
    pub fn read(path: &Path, ws: &Workspace) -> Result<Self> {
        Self::from_file(path, &SourceFile::read(path)?, ws)
    }

    /// `read` of a file already read.
    fn from_file(path: &Path, file: &SourceFile, ws: &Workspace) -> Result<Self> {
        let text = file.text();
        let meta = match common_meta::parse(text) {
            Some(meta) => meta,
            None => parse_toml::<ReleaseMeta>(path, text)?,
        };
        let at = |offset: usize, message: String| Error::syntax(path, position_in(text, offset), message);
        let Some(date) = &meta.date else {
            // What serde says of any other missing field.
            return Err(at(0, "missing field `date`".to_owned()));
        };
        meta.date()
            .ok_or_else(|| at(date.span().start, crate::tr!("release-bad-date")))?;
        if let Some(embargo) = &meta.embargo {
            let value = embargo.get_ref();
            if value.date.is_none() || value.time.is_none() || value.offset.is_none() {
                return Err(at(embargo.span().start, crate::tr!("release-bad-embargo")));
            }
        }
        for lang in [&ws.source, &ws.target] {
            match meta.slug.get(lang.code()) {
                // Empty until the title is written: derived from it on load.
                Some(slug) if slug.is_empty() || is_url_slug(slug) => {}
                Some(slug) => {
                    let offset = text.find(slug.as_str()).unwrap_or(0);
                    return Err(at(offset, crate::tr!("release-bad-slug", slug = slug)));
                }
                None => {
                    return Err(at(
                        0,
                        crate::tr!("release-no-slug", code = lang.code(), tag = lang.to_string()),
                    ))
                }
            }
        }
        Ok(meta)
    }

    /// The metadata of a collection's page: the site's own generator
    /// publishes it, so it has no date, status or URL slug of bitext's.
    pub fn page() -> Self {
        ReleaseMeta {
            date: None,
            status: Status::Draft,
            embargo: None,
            published_at: None,
            organisation: BTreeMap::new(),
            slug: BTreeMap::new(),
            tags: Vec::new(),
        }
    }

    pub fn date(&self) -> Option<Date> {
        let value = self.date.as_ref()?.get_ref();
        match (value.date, value.time) {
            (Some(d), None) => Date::new(d.year, d.month, d.day),
            _ => None,
        }
    }

    pub fn embargo(&self) -> Option<&toml::value::Datetime> {
        self.embargo.as_ref().map(|e| e.get_ref())
    }
}

fn is_url_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A release as read from disk.
#[derive(Debug, Clone)]
pub struct Release {
    pub slug: String,
    pub dir: PathBuf,
    pub meta: ReleaseMeta,
    pub source: Document,
    pub target: Document,
    pub lock: Option<Lock>,
}

impl Release {
    /// Reads `release.toml`, both documents and `bitext.lock` if present,
    /// and parses the documents.
    ///
    /// A name with a `/` that is a collection document's source path reads
    /// that pair instead (see `collection`), with its sign-off record.
    pub fn load(ws: &Workspace, slug: &str) -> Result<Self> {
        Self::load_prefetched(ws, slug, None)
    }

    /// `load`, taking the release's files from `files` when they were read
    /// already (the check cache reads them to hash them), so that they are
    /// read from disk once. They are checked and parsed as `load` does.
    pub fn load_prefetched(ws: &Workspace, slug: &str, files: Option<Prefetched>) -> Result<Self> {
        if let Some(release) = crate::collection::load_named(ws, slug)? {
            return Ok(release);
        }
        let (dir, dir_is_link) = ws.release_dir_and_link(slug)?;
        let source_name = ws.source.document_name();
        let target_name = ws.target.document_name();
        let names = [
            META_FILE,
            &source_name,
            &target_name,
            crate::pairing::lock::LOCK_FILE,
        ];
        let meta_path = dir.join(META_FILE);
        let lock_path = dir.join(crate::pairing::lock::LOCK_FILE);
        let missing_meta = || Error::MissingFile {
            path: ws.relative(&meta_path).to_path_buf(),
            what: FileRole::ReleaseMeta,
        };
        let read = match files {
            Some(files) => {
                check_files_inside(ws, &dir, dir_is_link, &names)?;
                if !meta_path.is_file() {
                    return Err(missing_meta());
                }
                Read {
                    meta: Ok(files.meta),
                    source: Ok(files.source),
                    target: Ok(files.target),
                    lock: Ok(files.lock),
                }
            }
            None => read_files(ws, &dir, dir_is_link, &names)?,
        };
        // Whether it is missing (or no file) is asked only when it cannot
        // be read.
        let meta = read
            .meta
            .and_then(|bytes| SourceFile::from_bytes(&meta_path, bytes))
            .map_err(|e| match meta_path.is_file() {
                false => missing_meta(),
                true => e,
            })?;
        let meta = ReleaseMeta::from_file(&meta_path, &meta, ws)?;
        let source = read_document(ws, &dir.join(&source_name), read.source)?;
        let target = read_document(ws, &dir.join(&target_name), read.target)?;
        // The two sides are independent: a long release uses both cores.
        let (source, target) = rayon::join(|| Document::new(source), || Document::new(target));
        let lock = match read.lock? {
            Some(bytes) => Some(Lock::from_bytes(&lock_path, bytes)?),
            None => None,
        };
        let mut meta = meta;
        for (lang, document) in [(&ws.source, &source), (&ws.target, &target)] {
            if let (Some(slug), Some(heading)) = (meta.slug.get_mut(lang.code()), title(document)) {
                if slug.is_empty() {
                    *slug = scaffold::slugify(&heading.text);
                }
            }
        }
        Ok(Release {
            slug: slug.to_owned(),
            dir,
            meta,
            source,
            target,
            lock,
        })
    }
}

/// A document's title: its first segment, when that is a heading (as
/// `new` writes it and as a published page takes it).
pub fn title(document: &Document) -> Option<&crate::document::segment::Segment> {
    document
        .segments()
        .first()
        .filter(|s| matches!(s.kind, crate::document::segment::SegmentKind::Heading(_)))
}

/// The symbolic-link rule (docs/security.md): a link is followed, by every
/// command alike, when it leads to a place inside the workspace; a link
/// that leads out of it is refused. Paths that do not exist pass: whoever
/// reads them says so.
pub fn check_inside(ws: &Workspace, path: &Path) -> Result<()> {
    let Ok(real) = std::fs::canonicalize(path) else {
        return Ok(());
    };
    if real.starts_with(ws.real_root()) {
        return Ok(());
    }
    Err(Error::LinkOutside {
        path: ws.relative(path).to_path_buf(),
        target: real,
    })
}

/// `check_inside` for a folder and files directly in it, at the cost of
/// one listing of the folder: a file that is no symbolic link is inside
/// when its folder is; only a link is resolved. So is a release's folder
/// in the releases folder (`dir_is_link` says whether it is a link, as
/// `Workspace::release_dir_and_link` found it), which is resolved once per
/// run, where resolving the folder's own path cost a `readlink` for each
/// of its components.
fn check_files_inside(ws: &Workspace, dir: &Path, dir_is_link: bool, names: &[&str]) -> Result<()> {
    check_dir_inside(ws, dir, dir_is_link)?;
    // The listing gives each entry's type without a `stat` (where the
    // file system records it), where an `lstat` per file walked its path
    // again. A folder that cannot be listed whole is asked file by file.
    let links = std::fs::read_dir(dir).ok().and_then(|entries| {
        let mut links = Vec::new();
        for entry in entries {
            let entry = entry.ok()?;
            if entry.file_type().ok()?.is_symlink() {
                links.push(entry.file_name());
            }
        }
        Some(links)
    });
    for name in names {
        let is_link = match &links {
            Some(links) => links.iter().any(|link| link == name),
            None => std::fs::symlink_metadata(dir.join(name)).is_ok_and(|m| m.file_type().is_symlink()),
        };
        if is_link {
            check_inside(ws, &dir.join(name))?;
        }
    }
    Ok(())
}

/// `check_inside` for a release's folder: resolved only when it is a link
/// or the releases folder could lead out.
fn check_dir_inside(ws: &Workspace, dir: &Path, dir_is_link: bool) -> Result<()> {
    let plain_release_dir =
        dir.parent() == Some(ws.releases_dir.as_path()) && ws.releases_dir_inside() && !dir_is_link;
    if plain_release_dir {
        Ok(())
    } else {
        check_inside(ws, dir)
    }
}

/// A release's files as read, before they are parsed: `release.toml`,
/// the source and target documents, and the lock (`None` when there is
/// none).
pub struct Prefetched {
    pub meta: Vec<u8>,
    pub source: Vec<u8>,
    pub target: Vec<u8>,
    pub lock: Option<Vec<u8>>,
}

/// A release's four files as read, each with what reading it gave, in
/// the order `load_prefetched` reports their errors.
struct Read {
    meta: Result<Vec<u8>>,
    source: Result<Vec<u8>>,
    target: Result<Vec<u8>>,
    /// `None` when there is no lock.
    lock: Result<Option<Vec<u8>>>,
}

/// Reads a release's files (`names`: `release.toml`, the two documents,
/// the lock) under the symbolic-link rule that `check_files_inside`
/// enforces, without listing the folder: each file is opened without
/// following a link, and only a link is resolved (and refused when it
/// leads out) before it is read. All four are opened before any error is
/// given, so that a link leading out is refused first, as when links
/// were looked for before anything was read.
fn read_files(ws: &Workspace, dir: &Path, dir_is_link: bool, names: &[&str; 4]) -> Result<Read> {
    use crate::document::source::{
        read_bytes_unless_link, read_bytes_within, MAX_INPUT_BYTES, MAX_LOCK_BYTES,
    };
    check_dir_inside(ws, dir, dir_is_link)?;
    let read = |k: usize, shown: &Path, limit: u64| -> Result<Result<Vec<u8>>> {
        let path = dir.join(names[k]);
        Ok(match read_bytes_unless_link(&path, shown, limit) {
            Ok(Some(bytes)) => Ok(bytes),
            Ok(None) => {
                check_inside(ws, &path)?;
                read_bytes_within(&path, shown, limit)
            }
            Err(e) => Err(e),
        })
    };
    let meta_path = dir.join(names[0]);
    let meta = read(0, &meta_path, MAX_INPUT_BYTES)?;
    let source = read(1, ws.relative(&dir.join(names[1])), MAX_INPUT_BYTES)?;
    let target = read(2, ws.relative(&dir.join(names[2])), MAX_INPUT_BYTES)?;
    let lock_path = dir.join(names[3]);
    let lock = match read(3, &lock_path, MAX_LOCK_BYTES)? {
        Ok(bytes) => Ok(Some(bytes)),
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    };
    Ok(Read {
        meta,
        source,
        target,
        lock,
    })
}

/// A document read as `load_prefetched` reads it: a missing file is told
/// by the error of reading it, not by a `stat` first.
fn read_document(ws: &Workspace, path: &Path, read: Result<Vec<u8>>) -> Result<SourceFile> {
    match read {
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            Err(Error::MissingFile {
                path: ws.relative(path).to_path_buf(),
                what: FileRole::Document,
            })
        }
        Err(e) => Err(e),
        Ok(bytes) => SourceFile::from_bytes(ws.relative(path), bytes),
    }
}
