//! A text file held in memory with what diagnostics need from it: its path,
//! its text without a byte-order mark, and a map from byte offsets to 1-based
//! line and column, columns counted in characters so that `é`, `«` and `’`
//! do not shift carets.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::{Error, Result};

/// A 1-based line and column (the column counts characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// A file's text and its line index. Byte offsets are into `text`, which
/// never includes the byte-order mark.
#[derive(Debug, Clone)]
pub struct SourceFile {
    path: PathBuf,
    text: String,
    /// Where each line starts, built the first time a position is asked:
    /// most files read by a check have no finding to place.
    line_starts: std::sync::OnceLock<Vec<usize>>,
}

/// The largest input file bitext reads unless a limit below says
/// otherwise: 16 MiB. It bounds the documents of a release, the
/// configuration files and the locale lock. A press release is a small
/// fraction of that; a larger file is refused before it is parsed, so that
/// memory stays a small multiple of what is read (docs/security.md,
/// "Limits").
pub const MAX_INPUT_BYTES: u64 = 16 * 1024 * 1024;

/// The largest sign-off record (`bitext.lock`) bitext reads or writes:
/// 48 MiB. A record holds the text of both documents (at most twice
/// `MAX_INPUT_BYTES`) and, per pair, a line of hashes and a mark per text
/// line, which the third 16 MiB leaves room for: about 50 bytes a pair,
/// so any release of two documents under the limit whose segments average
/// more than about 50 bytes fits. `sign-off` refuses to write a larger
/// record rather than write one that later commands would refuse.
pub const MAX_LOCK_BYTES: u64 = 3 * MAX_INPUT_BYTES;

/// The largest Fluent resource (`.ftl`) bitext reads: 1 MiB. A Fluent
/// file is written by hand (bitext's own interface strings are under
/// 40 KB), and a file of short messages with placeables takes about 30
/// times its size in memory once parsed and checked, so the limit keeps
/// a locale file to about 30 MB (docs/security.md, "Limits").
pub const MAX_FLUENT_BYTES: u64 = 1024 * 1024;

/// The largest XLIFF file `xliff import` reads: 256 MiB. An export of
/// 100,000 units is about 90 MB; a translator's file is refused over this
/// limit before it is parsed.
pub const MAX_EXCHANGE_BYTES: u64 = 256 * 1024 * 1024;

/// Refuses a file of `size` bytes if it is over `MAX_INPUT_BYTES`.
pub fn check_size(path: &Path, size: u64) -> Result<()> {
    check_size_within(path, size, MAX_INPUT_BYTES)
}

/// Refuses a file of `size` bytes if it is over `limit`.
pub fn check_size_within(path: &Path, size: u64, limit: u64) -> Result<()> {
    if size > limit {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            size,
            limit,
        });
    }
    Ok(())
}

/// Reads a whole input file, refusing one over `MAX_INPUT_BYTES` before
/// more than its first 64 KiB is read (and, if it grows while being read,
/// as soon as it passes the limit). `shown` is the path messages name.
pub fn read_bytes(path: &Path, shown: &Path) -> Result<Vec<u8>> {
    read_bytes_within(path, shown, MAX_INPUT_BYTES)
}

/// What `read_bytes` reads before it asks a file's size: 64 KiB, more
/// than a press release's documents and sign-off record.
const FIRST_READ: usize = 64 * 1024;

/// `read_bytes` with another limit (`MAX_EXCHANGE_BYTES` for XLIFF).
pub fn read_bytes_within(path: &Path, shown: &Path, limit: u64) -> Result<Vec<u8>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(shown, e))?;
    read_open(file, shown, limit)
}

/// `read_bytes_within` of a file that is no symbolic link, or `None` for
/// a link, which the caller checks (see `release::check_inside`) before it
/// reads it: the file is opened without following a link, so that one
/// system call opens it and tells a link, where an `lstat` or a listing
/// of its folder asked first. `None` may also stand for a path the system
/// cannot open without following links: read that way, it is whatever a
/// plain read of it is.
pub fn read_bytes_unless_link(path: &Path, shown: &Path, limit: u64) -> Result<Option<Vec<u8>>> {
    match open_unless_link(path) {
        Ok(Some(file)) => read_open(file, shown, limit).map(Some),
        Ok(None) => Ok(None),
        Err(e) => Err(Error::io(shown, e)),
    }
}

#[cfg(unix)]
fn open_unless_link(path: &Path) -> std::io::Result<Option<std::fs::File>> {
    use rustix::fs::{Mode, OFlags};
    use rustix::io::Errno;
    let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
    match rustix::fs::open(path, flags, Mode::empty()) {
        Ok(fd) => Ok(Some(std::fs::File::from(fd))),
        // A link is ELOOP to Linux and macOS, EMLINK to FreeBSD.
        Err(Errno::LOOP | Errno::MLINK) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(unix))]
fn open_unless_link(path: &Path) -> std::io::Result<Option<std::fs::File>> {
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Ok(None);
    }
    std::fs::File::open(path).map(Some)
}

/// Reads an open file whole, as `read_bytes_within` says.
fn read_open(file: std::fs::File, shown: &Path, limit: u64) -> Result<Vec<u8>> {
    use std::io::Read;
    let io = |e| Error::io(shown, e);
    // A file that fits in the first read is read whole without a `statx`
    // (one for each of a release's four files); a longer one is refused
    // by its size before more is read.
    let first = FIRST_READ.min(usize::try_from(limit).unwrap_or(usize::MAX));
    let mut bytes = Vec::with_capacity(first);
    fill(&file, &mut bytes).map_err(io)?;
    if bytes.len() < first {
        return Ok(bytes);
    }
    let size = file.metadata().map_err(io)?.len();
    check_size_within(shown, size, limit)?;
    bytes.reserve(usize::try_from(size).unwrap_or(0).saturating_sub(bytes.len()));
    file.take(limit + 1 - bytes.len() as u64)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    check_size_within(shown, bytes.len() as u64, limit)?;
    Ok(bytes)
}

/// Reads `file` into the room left in `bytes` until its end or until
/// `bytes` is full, each `read` asking for all that room: a file that fits
/// takes two calls, the second to see its end, where `read_to_end` asks
/// for 8 KiB, then twice as much each time (three or four calls for a
/// document or a sign-off record).
#[cfg(unix)]
fn fill(file: &std::fs::File, bytes: &mut Vec<u8>) -> std::io::Result<()> {
    while bytes.len() < bytes.capacity() {
        match rustix::io::read(file, rustix::buffer::spare_capacity(bytes)) {
            Ok(0) => break,
            Ok(_) | Err(rustix::io::Errno::INTR) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}

#[cfg(not(unix))]
fn fill(file: &std::fs::File, bytes: &mut Vec<u8>) -> std::io::Result<()> {
    use std::io::Read;
    let room = (bytes.capacity() - bytes.len()) as u64;
    file.take(room).read_to_end(bytes).map(drop)
}

impl SourceFile {
    /// Reads a UTF-8 file, dropping a leading byte-order mark. Invalid UTF-8
    /// is an error that names the line and column of the first bad byte; a
    /// file over `MAX_INPUT_BYTES` is refused.
    pub fn read(path: &Path) -> Result<Self> {
        let bytes = read_bytes(path, path)?;
        Self::from_bytes(path, bytes)
    }

    /// The text of `bytes` read from `path`; refused, like `read`, when
    /// invalid UTF-8 or over `MAX_INPUT_BYTES`.
    pub fn from_bytes(path: &Path, bytes: Vec<u8>) -> Result<Self> {
        check_size(path, bytes.len() as u64)?;
        Self::from_utf8(path, bytes)
    }

    /// Reads a UTF-8 file that may be up to `limit` bytes (an XLIFF file).
    pub fn read_within(path: &Path, limit: u64) -> Result<Self> {
        Self::from_utf8(path, read_bytes_within(path, path, limit)?)
    }

    /// `from_bytes` with another limit (`MAX_LOCK_BYTES` for a lock).
    pub fn from_bytes_within(path: &Path, bytes: Vec<u8>, limit: u64) -> Result<Self> {
        check_size_within(path, bytes.len() as u64, limit)?;
        Self::from_utf8(path, bytes)
    }

    fn from_utf8(path: &Path, bytes: Vec<u8>) -> Result<Self> {
        // simdutf8 checks a file several times faster than the standard
        // library does text with accents; a copy of valid text costs less
        // than the difference. The standard library, on the rare file that
        // fails, finds where.
        if let Ok(text) = simdutf8::basic::from_utf8(&bytes) {
            return Ok(Self::new(path, text.to_owned()));
        }
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(err) => {
                let valid = err.utf8_error().valid_up_to();
                let bytes = err.into_bytes();
                // The valid prefix is UTF-8 by construction.
                let prefix = String::from_utf8_lossy(&bytes[..valid]);
                let position = Self::new(path, prefix.into_owned()).position(valid);
                return Err(Error::InvalidUtf8 {
                    path: path.to_path_buf(),
                    position,
                });
            }
        };
        Ok(Self::new(path, text))
    }

    pub fn new(path: &Path, mut text: String) -> Self {
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        SourceFile {
            path: path.to_path_buf(),
            text,
            line_starts: std::sync::OnceLock::new(),
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(memchr::memchr_iter(b'\n', self.text.as_bytes()).map(|i| i + 1))
                .collect()
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The line and column of a byte offset (clamped to the text).
    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line_starts = self.line_starts();
        let line = line_starts.partition_point(|&start| start <= offset) - 1;
        let start = line_starts[line];
        let column = self.text[start..floor_char_boundary(&self.text, offset)]
            .chars()
            .count()
            + 1;
        Position {
            line: line + 1,
            column,
        }
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line_text(&self, line: usize) -> &str {
        let line_starts = self.line_starts();
        let Some(&start) = line_starts.get(line.saturating_sub(1)) else {
            return "";
        };
        let end = line_starts.get(line).copied().unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The position of a byte offset in a string that is not held as a
/// `SourceFile` (a TOML file being parsed, say).
pub fn position_in(text: &str, offset: usize) -> Position {
    SourceFile::new(Path::new(""), text.to_owned()).position(offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let file = SourceFile::new(Path::new("fr.md"), "« Été »\nà : b".into());
        let offset = file.text().find(':').unwrap();
        assert_eq!(file.position(offset), Position { line: 2, column: 3 });
        assert_eq!(file.line_text(1), "« Été »");
    }

    #[test]
    fn byte_order_mark_is_dropped() {
        let file = SourceFile::new(Path::new("en.md"), "\u{feff}# Title".into());
        assert_eq!(file.text(), "# Title");
    }

    #[test]
    fn files_read_whole_at_every_size_around_the_first_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("en.md");
        let sizes = [
            0,
            1,
            FIRST_READ - 1,
            FIRST_READ,
            FIRST_READ + 1,
            3 * FIRST_READ + 7,
        ];
        for size in sizes {
            let written: Vec<u8> = (0..size).map(|i| (i % 251) as u8).collect();
            std::fs::write(&path, &written).unwrap();
            assert_eq!(read_bytes(&path, &path).unwrap(), written, "{size} bytes");
            let limit = size as u64;
            assert_eq!(read_bytes_within(&path, &path, limit).unwrap().len(), size);
            if size > 0 {
                let refused = read_bytes_within(&path, &path, limit - 1).unwrap_err();
                assert!(matches!(refused, Error::TooLarge { .. }), "{refused}");
            }
        }
    }

    #[test]
    fn invalid_utf8_names_line_and_column() {
        let err = SourceFile::from_bytes(Path::new("fr.md"), b"ok\nab\xff".to_vec()).unwrap_err();
        assert_eq!(err.to_string(), "fr.md:2:3: invalid UTF-8");
    }
}
