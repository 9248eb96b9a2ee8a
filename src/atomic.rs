//! Writing files so that readers see the old content or the new, never a
//! half-written one: a temporary file in the same folder, fsync, rename,
//! then fsync of the folder so the rename itself survives a crash.
//!
//! The temporary files are named `.bitext-tmp-` and eight random letters
//! or digits, and a writer holds an advisory lock (`flock`) on its own
//! temporary file while it writes it. A process that is killed leaves its
//! temporary file unlocked (the system drops the locks of a dead process),
//! so the next write into that folder can tell it is stale and remove it:
//! only files with that exact name shape, only unlocked ones, never
//! anything else (docs/security.md).
//!
//! A file or folder whose owner made it read-only (no write permission
//! bit) is refused, even to a user such as root who could replace it.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The start of every temporary file name, followed by [`RANDOM_LEN`]
/// ASCII letters or digits.
pub const TEMP_PREFIX: &str = ".bitext-tmp-";
const RANDOM_LEN: usize = 8;

/// Replaces (or creates) the file at `path` with `contents`, atomically.
pub fn write(path: &Path, contents: &[u8]) -> Result<()> {
    write_all(&[(path, contents)])
}

/// Replaces several files, each atomically, as one step as far as a file
/// system allows: every new content is written and synced to its
/// temporary file first, and only when all are on disk are they renamed
/// into place. A write that fails (a full disk, a read-only file) leaves
/// every file as it was.
pub fn write_all<P: AsRef<Path>, B: AsRef<[u8]>>(files: &[(P, B)]) -> Result<()> {
    let mut staged: Vec<(PathBuf, &[u8])> = Vec::with_capacity(files.len());
    for (path, contents) in files {
        let path = resolve(path.as_ref())?;
        refuse_read_only(&path)?;
        refuse_folder(&path)?;
        staged.push((path, contents.as_ref()));
    }
    let mut temps = Vec::with_capacity(staged.len());
    for (path, contents) in &staged {
        temps.push((path.clone(), stage(path, contents)?));
    }
    if let Some(open) = BATCH.lock().unwrap_or_else(|e| e.into_inner()).as_mut() {
        open.staged.extend(temps);
        return Ok(());
    }
    sync_dirs(&persist(temps)?);
    Ok(())
}

/// `write` for contents too large to hold whole (the check cache): `fill`
/// writes them, buffered, into the staged file. It never joins a
/// [`Batch`]: the file is in place when this returns.
pub fn write_streamed(path: &Path, fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<()> {
    let path = resolve(path)?;
    refuse_read_only(&path)?;
    refuse_folder(&path)?;
    let temp = stage_with(&path, |file| {
        let mut out = std::io::BufWriter::new(file);
        fill(&mut out)?;
        out.flush()
    })?;
    sync_dirs(&persist(vec![(path, temp)])?);
    Ok(())
}

/// Removes a file bitext wrote itself (a record left at a page's old
/// place): at once, or, while a [`Batch`] is open, once every staged file
/// of the batch is in place, so that a failed command removes nothing. A
/// file that is already gone is not an error.
pub fn remove(path: &Path) -> Result<()> {
    if let Some(open) = BATCH.lock().unwrap_or_else(|e| e.into_inner()).as_mut() {
        open.removals.push(path.to_path_buf());
        return Ok(());
    }
    remove_now(path)
}

fn remove_now(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(path, e)),
    }
}

/// Creates a folder and its missing parents for files to be written into.
/// While a [`Batch`] is open, the folders it made are removed again (when
/// still empty) if the batch is dropped without a commit: a failed command
/// leaves no new empty folder either.
pub fn create_dir_all(dir: &Path) -> Result<()> {
    let mut missing: Vec<PathBuf> = dir
        .ancestors()
        .take_while(|a| !a.as_os_str().is_empty() && std::fs::symlink_metadata(a).is_err())
        .map(Path::to_path_buf)
        .collect();
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    if let Some(open) = BATCH.lock().unwrap_or_else(|e| e.into_inner()).as_mut() {
        // Deepest first, the order they are removed in.
        open.created.append(&mut missing);
    }
    Ok(())
}

/// The writes of an open [`Batch`], staged and not yet renamed into place.
/// Each is closed once written: a batch may stage more files than a
/// process may hold open (a first `sign-off --all` of thousands of
/// releases).
type Staged = Vec<(PathBuf, tempfile::TempPath)>;

/// An open batch: files staged, files to remove once they are in place,
/// folders made for them.
struct Open {
    staged: Staged,
    removals: Vec<PathBuf>,
    created: Vec<PathBuf>,
}

static BATCH: std::sync::Mutex<Option<Open>> = std::sync::Mutex::new(None);

/// Makes every write of a command one all-or-nothing step: while a batch
/// is open, [`write`] and [`write_all`] stage their files (written and
/// synced beside their targets) without replacing anything, [`remove`]
/// only notes what to remove, and [`Batch::commit`] renames every staged
/// file into place, then removes the noted files. A batch dropped without
/// a commit (the command failed part way: a full disk, a read-only file)
/// removes what it staged and the folders it made, so the command has
/// written nothing. A writer that reads back what it wrote must not run
/// inside a batch.
///
/// Batches nest: a batch opened while another is open joins it (its
/// commit and its drop do nothing), so that a writer can make its own
/// files one step when called alone and be part of the command's step
/// when the command opened one.
#[must_use = "a batch that is not committed writes nothing"]
pub struct Batch {
    owner: bool,
}

/// Opens the batch of this process, or joins the one already open.
pub fn batch() -> Batch {
    let mut open = BATCH.lock().unwrap_or_else(|e| e.into_inner());
    if open.is_some() {
        return Batch { owner: false };
    }
    *open = Some(Open {
        staged: Vec::new(),
        removals: Vec::new(),
        created: Vec::new(),
    });
    Batch { owner: true }
}

impl Batch {
    /// Renames every staged file into place, then removes the files noted
    /// for removal. A joined batch leaves that to the batch it joined.
    pub fn commit(mut self) -> Result<()> {
        if !self.owner {
            return Ok(());
        }
        self.owner = false;
        let open = BATCH.lock().unwrap_or_else(|e| e.into_inner()).take();
        let Some(open) = open else { return Ok(()) };
        let mut dirs = persist(open.staged)?;
        for path in &open.removals {
            remove_now(path)?;
            let dir = folder_of(path).to_path_buf();
            if !dirs.contains(&dir) {
                dirs.push(dir);
            }
        }
        sync_dirs(&dirs);
        Ok(())
    }
}

impl Drop for Batch {
    fn drop(&mut self) {
        if !self.owner {
            return;
        }
        let open = BATCH.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(open) = open {
            // Dropping the temporary files removes them; then the folders
            // made for them, deepest first, if nothing else went in.
            drop(open.staged);
            let mut created = open.created;
            created.sort_by_key(|dir| std::cmp::Reverse(dir.components().count()));
            for dir in &created {
                let _ = std::fs::remove_dir(dir);
            }
        }
    }
}

/// Renames staged files into place; the folders they are in, to sync.
fn persist(temps: Staged) -> Result<Vec<PathBuf>> {
    let mut dirs: Vec<PathBuf> = Vec::new();
    for (path, temp) in temps {
        let path = path.as_path();
        temp.persist(path).map_err(|e| Error::io(path, e.error))?;
        let dir = folder_of(path).to_path_buf();
        if !dirs.contains(&dir) {
            dirs.push(dir);
        }
    }
    Ok(dirs)
}

fn sync_dirs(dirs: &[PathBuf]) {
    for dir in dirs {
        if let Ok(dir) = std::fs::File::open(dir) {
            // Not every filesystem can sync a folder; the rename is done either way.
            let _ = dir.sync_all();
        }
    }
}

/// A folder where a file is to go (made by hand, or a record path taken
/// by something else) stops the rename only once other files of the same
/// step may be in place: refused before anything is written.
fn refuse_folder(path: &Path) -> Result<()> {
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir()) {
        return Err(Error::io(
            path,
            std::io::Error::from(std::io::ErrorKind::IsADirectory),
        ));
    }
    Ok(())
}

/// A symbolic link stays a link: the file it leads to is replaced
/// (readers have already refused links that leave the workspace).
fn resolve(path: &Path) -> Result<PathBuf> {
    if path.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink()) {
        std::fs::canonicalize(path).map_err(|e| Error::io(path, e))
    } else {
        Ok(path.to_path_buf())
    }
}

fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// A file, or the folder it is in, that has no write permission at all is
/// the owner's way of saying "do not change": refused before anything is
/// written, whoever runs bitext.
fn refuse_read_only(path: &Path) -> Result<()> {
    let read_only = |p: &Path| std::fs::metadata(p).is_ok_and(|m| m.permissions().readonly());
    let dir = folder_of(path);
    for (target, what) in [(path, "file"), (dir, "folder")] {
        if read_only(target) {
            let reason = crate::tr!("atomic-read-only", what = what);
            return Err(Error::io(
                target,
                std::io::Error::new(std::io::ErrorKind::PermissionDenied, reason),
            ));
        }
    }
    Ok(())
}

/// Writes `contents` to a new locked temporary file beside `path`, synced,
/// with the permissions `path` will need; the file is closed (and so
/// unlocked) once written.
fn stage(path: &Path, contents: &[u8]) -> Result<tempfile::TempPath> {
    stage_with(path, |file| file.write_all(contents))
}

/// `stage`, with the contents written by `fill`.
fn stage_with(
    path: &Path,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> Result<tempfile::TempPath> {
    let dir = folder_of(path);
    clean_stale_once(dir);
    let mut temp = locked_temp(dir)?;
    fill(temp.as_file_mut()).map_err(|e| Error::io(path, e))?;
    temp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    // Keep the permissions of the file being replaced; a new file gets the
    // usual rw-r--r-- rather than the temporary file's private mode.
    let permissions = match std::fs::metadata(path) {
        Ok(meta) => Some(meta.permissions()),
        Err(_) => new_file_permissions(),
    };
    if let Some(permissions) = permissions {
        temp.as_file()
            .set_permissions(permissions)
            .map_err(|e| Error::io(path, e))?;
    }
    Ok(temp.into_temp_path())
}

/// A new temporary file in `dir`, locked by this process. Another process
/// cleaning stale files may remove a file between its creation and the
/// lock; the file is then made again under a new name.
fn locked_temp(dir: &Path) -> Result<tempfile::NamedTempFile> {
    let mut attempts = 0;
    loop {
        let temp = tempfile::Builder::new()
            .prefix(TEMP_PREFIX)
            .rand_bytes(RANDOM_LEN)
            .tempfile_in(dir)
            .map_err(|e| Error::io(dir, e))?;
        attempts += 1;
        match temp.as_file().lock() {
            Ok(()) => {}
            // A filesystem without locks: write unlocked, as before; such
            // a file is never cleaned as stale while it is being written,
            // since cleaning needs the lock too.
            Err(_) => return Ok(temp),
        }
        if still_there(&temp) || attempts >= 8 {
            return Ok(temp);
        }
    }
}

#[cfg(unix)]
fn still_there(temp: &tempfile::NamedTempFile) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (temp.as_file().metadata(), std::fs::symlink_metadata(temp.path())) {
        (Ok(open), Ok(named)) => open.dev() == named.dev() && open.ino() == named.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn still_there(_temp: &tempfile::NamedTempFile) -> bool {
    true
}

/// Whether `name` is one of bitext's own temporary file names.
pub fn is_temp_name(name: &str) -> bool {
    name.strip_prefix(TEMP_PREFIX)
        .is_some_and(|rest| rest.len() == RANDOM_LEN && rest.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Cleans `dir` of stale temporary files the first time this process
/// writes into it.
fn clean_stale_once(dir: &Path) {
    use std::collections::HashSet;
    use std::sync::{Mutex, OnceLock};
    static CLEANED: OnceLock<Mutex<HashSet<PathBuf>>> = OnceLock::new();
    let cleaned = CLEANED.get_or_init(Default::default);
    let first = cleaned
        .lock()
        .map(|mut set| set.insert(dir.to_path_buf()))
        .unwrap_or(false);
    if first {
        clean_stale(dir);
    }
}

/// Removes the temporary files that writers killed before they finished
/// left in `dir`: regular files with bitext's temporary name whose lock
/// no live process holds. Returns how many were removed. Anything else,
/// and anything that cannot be locked, is left alone.
#[cfg(unix)]
pub fn clean_stale(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.filter_map(|e| e.ok()) {
        if !is_temp_name(&entry.file_name().to_string_lossy())
            || !entry.file_type().is_ok_and(|t| t.is_file())
        {
            continue;
        }
        let path = entry.path();
        let Ok(file) = std::fs::File::open(&path) else {
            continue;
        };
        // Held by a live writer: not stale. Removed while still holding
        // the lock, so that no writer can take it in between.
        if file.try_lock().is_ok() && std::fs::remove_file(&path).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Without advisory locks a stale file cannot be told from a live one:
/// nothing is removed.
#[cfg(not(unix))]
pub fn clean_stale(_dir: &Path) -> usize {
    0
}

#[cfg(unix)]
fn new_file_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(std::fs::Permissions::from_mode(0o644))
}

/// Elsewhere temporary files are not made private: nothing to undo.
#[cfg(not(unix))]
fn new_file_permissions() -> Option<std::fs::Permissions> {
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn replaces_content_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bitext.lock");
        super::write(&path, b"one").unwrap();
        super::write(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o644);
        }
    }

    #[test]
    fn temporary_names_are_recognised_exactly() {
        assert!(super::is_temp_name(".bitext-tmp-Ab12Cd34"));
        for other in [
            ".bitext-notes",
            ".bitext-tmp-Ab12Cd3",
            ".bitext-tmp-Ab12Cd345",
            ".bitext-tmp-Ab12Cd3.",
            ".bitext-publish-Ab12Cd",
            "bitext-tmp-Ab12Cd34",
        ] {
            assert!(!super::is_temp_name(other), "{other}");
        }
    }

    #[test]
    fn a_file_that_cannot_be_written_leaves_every_file_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let first = dir.path().join("en.md");
        std::fs::write(&first, "old").unwrap();
        let missing = dir.path().join("gone").join("fr.md");
        let result = super::write_all(&[(&first, "new"), (&missing, "new")]);
        assert!(result.is_err());
        assert_eq!(std::fs::read_to_string(&first).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
