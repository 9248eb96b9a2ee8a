//! Writing a file so that readers see the old content or the new, never a
//! half-written one: a temporary file in the same folder, fsync, rename,
//! then fsync of the folder so the rename itself survives a crash.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

pub fn write(path: &Path, contents: &[u8]) -> Result<()> {
    // A symbolic link stays a link: the file it leads to is replaced
    // (readers have already refused links that leave the workspace).
    let resolved;
    let path = if path.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink()) {
        resolved = std::fs::canonicalize(path).map_err(|e| Error::io(path, e))?;
        resolved.as_path()
    } else {
        path
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(".bitext-")
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, e))?;
    temp.write_all(contents).map_err(|e| Error::io(path, e))?;
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
    temp.persist(path).map_err(|e| Error::io(path, e.error))?;
    if let Ok(dir) = std::fs::File::open(dir) {
        // Not every filesystem can sync a folder; the rename is done either way.
        let _ = dir.sync_all();
    }
    Ok(())
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
}
