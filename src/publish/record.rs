//! Recording a publication in `release.toml`: `status = "published"` and
//! `published-at`. Only those two keys change; `toml_edit` keeps every other
//! byte of the file (comments, order, spacing) as the author wrote it.
//!
//! The record is part of the all-or-nothing step: every new `release.toml`
//! is written to a temporary file beside it (`prepare`) and all of them are
//! synced together (`sync`) before the site is swapped in, so a release
//! folder that cannot be written stops the run with nothing changed; after
//! the swap only renames remain (`commit`), synced together too. A
//! temporary file a killed run left is removed by the next (`clean_stale`).
//!
//! Syncing is batched because 10,000 releases make 10,000 files and as
//! many folders to sync: on Linux one `syncfs` per filesystem does it (the
//! renames are only durable once their folders are, which `syncfs` covers
//! as well); elsewhere each file and folder is synced in turn.

use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use time::OffsetDateTime;
use toml_edit::{value, DocumentMut};

use crate::document::source::{check_size, position_in, SourceFile};
use crate::error::{Error, Result};

use super::date;

/// The prefix of the temporary files `prepare` writes.
const TEMP_PREFIX: &str = ".bitext-publish-";

/// A new `release.toml`, written beside the old one, waiting to be synced
/// (`sync`) and renamed over it (`commit`).
#[derive(Debug)]
pub struct Prepared {
    /// The temporary file, closed: a publication records thousands of
    /// releases, more than a process may hold open at once (often 1,024).
    temp: tempfile::TempPath,
    path: PathBuf,
    /// What the new file holds.
    bytes: Vec<u8>,
    /// The filesystem the temporary file is on, asked of its open
    /// descriptor while `prepare` has it, on both cores: the syncs then
    /// look up no path (`one_per_filesystem`).
    #[cfg(any(target_os = "linux", target_os = "android"))]
    device: u64,
}

/// Marks the release whose metadata is at `path` as published at `at`.
#[cfg(test)]
fn mark_published(path: &Path, at: OffsetDateTime) -> Result<()> {
    let prepared = prepare(path, at)?;
    sync(std::slice::from_ref(&prepared))?;
    commit(vec![prepared]).remove(0).1.map(drop)
}

/// Syncs every prepared file to disk; an error names the first file that
/// could not be synced.
pub fn sync(records: &[Prepared]) -> Result<()> {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        for record in one_per_filesystem(records.iter().map(|r| (r.device, r))) {
            let file = std::fs::File::open(&record.temp).map_err(|e| Error::io(&record.path, e))?;
            rustix::fs::syncfs(&file).map_err(|e| Error::io(&record.path, e.into()))?;
        }
        Ok(())
    }
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    records.iter().try_for_each(|r| {
        // A file's data is synced through any descriptor of it.
        std::fs::File::open(&r.temp)
            .and_then(|file| file.sync_all())
            .map_err(|e| Error::io(&r.path, e))
    })
}

/// Puts each new file in place, and makes the renames durable; each
/// `release.toml` comes back with what became of it: the bytes it now
/// holds, or why it could not be put in place.
pub fn commit(records: Vec<Prepared>) -> Vec<(PathBuf, Result<Vec<u8>>)> {
    // Each rename takes the lock of its own release folder: on two cores,
    // 10,000 of them take half the time in parallel.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    let devices: Vec<u64> = records.iter().map(|r| r.device).collect();
    let done: Vec<(PathBuf, Result<Vec<u8>>)> = records
        .into_par_iter()
        .map(
            |Prepared {
                 temp, path, bytes, ..
             }| {
                let result = temp
                    .persist(&path)
                    .map(|_| bytes)
                    .map_err(|e| Error::io(&path, e.error));
                (path, result)
            },
        )
        .collect();
    // Not every filesystem can sync a folder; the renames are done either
    // way. Each folder is opened only while it is synced.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        let committed = done
            .iter()
            .zip(devices)
            .filter(|((_, result), _)| result.is_ok())
            .map(|((path, _), device)| (device, path));
        for dir in one_per_filesystem(committed)
            .into_iter()
            .filter_map(|path| path.parent())
        {
            if let Ok(dir) = std::fs::File::open(dir) {
                let _ = rustix::fs::syncfs(&dir);
            }
        }
    }
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    for dir in done
        .iter()
        .filter(|(_, result)| result.is_ok())
        .filter_map(|(path, _)| path.parent())
    {
        if let Ok(dir) = std::fs::File::open(dir) {
            let _ = dir.sync_all();
        }
    }
    done
}

/// The first of `items` on each filesystem, given with its device number.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn one_per_filesystem<T>(items: impl Iterator<Item = (u64, T)>) -> Vec<T> {
    let mut seen = std::collections::HashSet::new();
    items
        .filter(|(device, _)| seen.insert(*device))
        .map(|(_, item)| item)
        .collect()
}

/// Writes the release's metadata at `path`, marked as published at `at`,
/// to a temporary file beside it, not yet synced.
pub fn prepare(path: &Path, at: OffsetDateTime) -> Result<Prepared> {
    use std::io::Read;
    // Opened for writing too: a file its owner made read-only (or the
    // system made immutable) is not to be replaced, and is found now,
    // before the site is swapped in.
    let refused = || Error::io(path, std::io::ErrorKind::PermissionDenied.into());
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::PermissionDenied => refused(),
            _ => Error::io(path, e),
        })?;
    let meta = file.metadata().map_err(|e| Error::io(path, e))?;
    if meta.permissions().readonly() {
        return Err(refused());
    }
    check_size(path, meta.len())?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.read_to_end(&mut bytes).map_err(|e| Error::io(path, e))?;
    let out = marked(path, bytes, at)?;
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .tempfile_in(dir)
        .map_err(|e| Error::io(path, e))?;
    temp.write_all(out.as_bytes()).map_err(|e| Error::io(path, e))?;
    temp.as_file()
        .set_permissions(meta.permissions())
        .map_err(|e| Error::io(path, e))?;
    // The temporary file's own filesystem: `path` may be a link to a file
    // on another.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    let device =
        std::os::unix::fs::MetadataExt::dev(&temp.as_file().metadata().map_err(|e| Error::io(path, e))?);
    Ok(Prepared {
        temp: temp.into_temp_path(),
        path: path.to_path_buf(),
        bytes: out.into_bytes(),
        #[cfg(any(target_os = "linux", target_os = "android"))]
        device,
    })
}

/// Removes the temporary files a killed publish left in a release folder.
pub fn clean_stale(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(|e| e.ok()) {
        if entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX)
            && entry.file_type().is_ok_and(|t| t.is_file())
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The metadata `bytes` read from `path`, marked as published at `at`.
fn marked(path: &Path, bytes: Vec<u8>, at: OffsetDateTime) -> Result<String> {
    let bom = bytes.starts_with("\u{feff}".as_bytes());
    let file = SourceFile::from_bytes(path, bytes)?;
    let text = file.text();
    let mut doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
        let offset = e.span().map_or(0, |span| span.start);
        Error::syntax(path, position_in(text, offset), e.message().trim())
    })?;
    let stamp: toml_edit::Datetime = date::rfc3339(at)
        .parse()
        .map_err(|_| Error::RecordPublishedTime {
            time: at,
            path: path.to_path_buf(),
        })?;
    set_preserving_decor(&mut doc, "status", value("published"));
    set_preserving_decor(&mut doc, "published-at", value(stamp));
    let mut out = doc.to_string();
    // `SourceFile` dropped a byte-order mark; put it back so the file only
    // changes where it must.
    if bom {
        out.insert(0, '\u{feff}');
    }
    Ok(out)
}

/// Replaces a top-level value, keeping the spacing and comment around it.
fn set_preserving_decor(doc: &mut DocumentMut, key: &str, mut item: toml_edit::Item) {
    match doc.get_mut(key) {
        Some(existing) => {
            if let (Some(old), Some(new)) = (existing.as_value(), item.as_value_mut()) {
                *new.decor_mut() = old.decor().clone();
            }
            *existing = item;
        }
        None => {
            doc.insert(key, item);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_status_and_published_at_change() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("release.toml");
        let before = "# Approved by the press office.\ndate = 2025-03-11\nstatus   = \"approved\"  # ready\norganisation = { en = \"MOD\", fr = \"ministère\" }\n\n[slug]\nen = \"a\"\nfr = \"b\"\n";
        std::fs::write(&path, before).unwrap();
        let at = date::parse_rfc3339("2025-03-11T09:30:00Z").unwrap();
        mark_published(&path, at).unwrap();
        let after = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            after,
            "# Approved by the press office.\ndate = 2025-03-11\nstatus   = \"published\"  # ready\norganisation = { en = \"MOD\", fr = \"ministère\" }\npublished-at = 2025-03-11T09:30:00Z\n\n[slug]\nen = \"a\"\nfr = \"b\"\n"
        );
    }

    #[test]
    fn a_byte_order_mark_stays_and_a_read_only_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("release.toml");
        std::fs::write(&path, "\u{feff}date = 2025-03-11\nstatus = \"approved\"\n").unwrap();
        let at = date::parse_rfc3339("2025-03-11T09:30:00Z").unwrap();
        mark_published(&path, at).unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "\u{feff}date = 2025-03-11\nstatus = \"published\"\npublished-at = 2025-03-11T09:30:00Z\n"
        );
        let mut read_only = std::fs::metadata(&path).unwrap().permissions();
        read_only.set_readonly(true);
        std::fs::set_permissions(&path, read_only).unwrap();
        let before = std::fs::read(&path).unwrap();
        let refused = prepare(&path, at).unwrap_err();
        assert!(refused.to_string().contains("release.toml"), "{refused}");
        assert_eq!(std::fs::read(&path).unwrap(), before);
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left"
        );
    }
}
