//! The errors that stop bitext from running: unreadable or malformed input,
//! a workspace that cannot be found, a refused operation. Findings about the
//! content of a release are not errors; they live in `diagnostic`.

use std::path::{Path, PathBuf};

use crate::source::Position;

/// Something that prevents a command from running. Every variant that comes
/// from a file names the file, and where it can, the line and column.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{}:{}: invalid UTF-8", position.line, position.column)]
    InvalidUtf8 { path: PathBuf, position: Position },
    #[error("{path}:{}:{}: {message}", position.line, position.column)]
    Syntax {
        path: PathBuf,
        position: Position,
        message: String,
    },
    #[error("{path}: file is missing ({what})")]
    MissingFile { path: PathBuf, what: &'static str },
    #[error("no bitext.toml found in {start} or any parent folder (use --workspace DIR)")]
    WorkspaceNotFound { start: PathBuf },
    #[error("{path}: unsafe release folder name {name:?} (use lowercase letters, digits and hyphens)")]
    UnsafeReleaseName { path: PathBuf, name: String },
    #[error("no release named {slug:?} in {releases}")]
    UnknownRelease { slug: String, releases: PathBuf },
    #[error("{0}")]
    Refused(String),
}

impl Error {
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    pub fn syntax(path: &Path, position: Position, message: impl Into<String>) -> Self {
        Error::Syntax {
            path: path.to_path_buf(),
            position,
            message: message.into(),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
