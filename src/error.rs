//! The errors that stop bitext from running: unreadable or malformed input,
//! a workspace that cannot be found, a refused operation. Findings about the
//! content of a release are not errors; they live in `diagnostic`.

use std::path::{Path, PathBuf};

use crate::document::source::Position;
use crate::tr;

/// Something that prevents a command from running. Every variant that comes
/// from a file names the file, and where it can, the line and column. The
/// messages come from the UI resources (`ui`), in the UI language.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("{}", tr!("error-io", path = path.display(), error = source.to_string()))]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}", tr!("error-invalid-utf8", path = path.display(), line = position.line, column = position.column))]
    InvalidUtf8 { path: PathBuf, position: Position },
    #[error("{}", tr!("error-syntax", path = path.display(), line = position.line, column = position.column, message = message))]
    Syntax {
        path: PathBuf,
        position: Position,
        message: String,
    },
    #[error("{}", tr!("error-missing-file", path = path.display(), what = what.id()))]
    MissingFile { path: PathBuf, what: FileRole },
    #[error("{}", tr!("error-workspace-not-found", start = start.display()))]
    WorkspaceNotFound { start: PathBuf },
    #[error("{}", tr!("error-unsafe-release-name", path = path.display(), name = name))]
    UnsafeReleaseName { path: PathBuf, name: String },
    #[error("{}", tr!("error-unknown-release", slug = slug, releases = releases.display()))]
    UnknownRelease { slug: String, releases: PathBuf },
    /// An operation refused, with its message already in the UI language.
    #[error("{0}")]
    Refused(String),
}

/// What a missing file was for, so that the message can say why it matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileRole {
    /// `bitext.toml`.
    Config,
    /// A release's `release.toml`.
    ReleaseMeta,
    /// One language version of a release.
    Document,
}

impl FileRole {
    fn id(self) -> &'static str {
        match self {
            FileRole::Config => "config",
            FileRole::ReleaseMeta => "release-meta",
            FileRole::Document => "document",
        }
    }
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
