//! The errors that stop bitext from running: unreadable or malformed input,
//! a workspace that cannot be found, an operation refused, each by its own
//! variant that says what was refused and carries what it was refused for,
//! so that callers can tell them apart. Findings about the content of a
//! release are not errors; they live in `diagnostic`.

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
    /// A symbolic link that leads out of the workspace (docs/security.md).
    #[error("{}", tr!("error-link-outside", path = path.display(), target = target.display()))]
    LinkOutside { path: PathBuf, target: PathBuf },
    /// An input file larger than bitext reads (`document::source::MAX_INPUT_BYTES`).
    #[error("{}", tr!("error-too-large", path = path.display(), size = *size as usize, limit = *limit as usize))]
    TooLarge { path: PathBuf, size: u64, limit: u64 },
    /// A sign-off record that would be larger than bitext reads
    /// (`document::source::MAX_LOCK_BYTES`): not written.
    #[error("{}", tr!("error-lock-too-large", path = path.display(), size = *size as usize, limit = *limit as usize))]
    LockTooLarge { path: PathBuf, size: u64, limit: u64 },
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
    #[error("{}{}", tr!("error-unknown-release", slug = slug, releases = releases.display()),
        suggestion.as_ref().map(|s| tr!("error-did-you-mean", release = s)).unwrap_or_default())]
    UnknownRelease {
        slug: String,
        releases: PathBuf,
        /// The nearest existing release, when one is near enough.
        suggestion: Option<String>,
    },
    /// A path that names no collection page and no release (issue 11).
    #[error("{}{}", tr!("error-unknown-page", path = path), suggestion.as_ref().map(|s| tr!("error-did-you-mean", release = s)).unwrap_or_default())]
    UnknownPage {
        path: String,
        suggestion: Option<String>,
    },
    /// A folder given for releases that holds no release and no page.
    #[error("{}", tr!("error-empty-folder", path = path))]
    EmptyFolder { path: String },
    /// A path given for a release that is not inside a release folder.
    #[error("{}", tr!("error-not-in-release", path = path.display(), releases = releases.display()))]
    NotInRelease { path: PathBuf, releases: PathBuf },
    /// `bitext new` with a title that is blank.
    #[error("{}", tr!("new-title-empty", lang = lang))]
    TitleEmpty { lang: String },
    /// `bitext new` with a title on more than one line.
    #[error("{}", tr!("new-title-multiline", lang = lang))]
    TitleMultiline { lang: String },
    /// `bitext new` with a title that gives an empty URL slug.
    #[error("{}", tr!("new-title-no-slug", lang = lang, title = title))]
    TitleWithoutSlug { lang: String, title: String },
    /// `bitext new` for a release folder that already exists.
    #[error("{}", tr!("new-exists", path = path.display()))]
    ReleaseExists { path: PathBuf },
    /// `check --fix` on a document that is not UTF-8.
    #[error("{}", tr!("fix-not-utf8", path = path.display()))]
    FixNotUtf8 { path: PathBuf },
    /// `sign-off --locales` in a workspace without a locales folder.
    #[error("{}", tr!("locale-lock-no-locales", dir = dir.display()))]
    NoLocales { dir: PathBuf },
    /// `sign-off --accept` named a line with nothing to approve on it.
    #[error("{}", tr!("sign-off-accept-unmatched", line = line, releases = releases))]
    AcceptUnmatched { line: String, releases: String },
    /// `bitext.lock` could not be written as TOML.
    #[error("{}", tr!("lock-encode", error = error))]
    EncodeLock { error: String },
    /// The locale lock could not be written as TOML.
    #[error("{}", tr!("locale-lock-encode", error = error))]
    EncodeLocaleLock { error: String },
    /// The review page's built-in template failed.
    #[error("{}", tr!("review-template", error = error))]
    ReviewTemplate { error: String },
    /// `publish` into a folder it must not replace.
    #[error("{}", tr!("publish-refused-into", dir = dir.display(), reason = reason.to_string()))]
    UnsafeOutput { dir: PathBuf, reason: OutputRefusal },
    /// `publish` into a folder whose parent cannot be written.
    #[error("{}", tr!("publish-cannot-write", dir = dir.display(), parent = parent.display(), error = error.to_string()))]
    OutputNotWritable {
        dir: PathBuf,
        parent: PathBuf,
        error: std::io::Error,
    },
    /// The publishing threads could not start.
    #[error("{}", tr!("publish-threads", error = error))]
    PublishThreads { error: String },
    /// The `[publish]` table of `bitext.toml` is inconsistent; `problem`
    /// says how, in the UI language.
    #[error("{}", tr!("publish-config", problem = problem))]
    PublishConfig { problem: String },
    /// Two releases would publish to the same page.
    #[error("{}", tr!("publish-same-path", first = first, second = second, path = path, meta = *meta))]
    SamePagePath {
        first: String,
        second: String,
        path: String,
        meta: &'static str,
    },
    /// A release to publish has no valid date.
    #[error("{}", tr!("publish-no-date", release = release))]
    NoReleaseDate { release: String },
    /// A release to publish has a document without a title.
    #[error("{}", tr!("publish-no-title", release = release, lang = lang))]
    NoTitle { release: String, lang: String },
    /// A release rendered into other than two pages.
    #[error("{}", tr!("publish-two-languages", release = release))]
    NotTwoLanguages { release: String },
    /// The site's manifest could not be written as JSON.
    #[error("{}", tr!("publish-manifest", manifest = *manifest, error = error))]
    EncodeManifest { manifest: &'static str, error: String },
    /// The publication time could not be written into `release.toml`.
    #[error("{}", tr!("publish-record-time", time = time.to_string(), path = path.display()))]
    RecordPublishedTime {
        time: time::OffsetDateTime,
        path: PathBuf,
    },
    /// Another `publish` is writing the same output.
    #[error("{}", tr!("publish-busy", dir = dir.display()))]
    PublishBusy { dir: PathBuf },
    /// A publish would remove every release from the live site.
    #[error("{}", tr!("publish-would-empty", dir = dir.display(), count = *count))]
    PublishWouldEmpty { dir: PathBuf, count: usize },
    /// The site is live but the publication could not be recorded.
    #[error("{}", tr!("publish-not-recorded", dir = dir.display(), files = files))]
    PublishNotRecorded { dir: PathBuf, files: String },
}

/// Why a folder cannot take a published site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutputRefusal {
    /// A filesystem root.
    Root,
    /// The workspace's own folder.
    WorkspaceRoot,
    /// A folder that holds the workspace.
    HoldsWorkspace,
    /// A folder inside, or holding, one the workspace reads from (`what` is
    /// `releases`, `locales` or `templates`).
    Overlaps { what: &'static str, dir: PathBuf },
    /// Something that is not a folder.
    NotFolder,
    /// A folder with files in it and no `marker` that bitext wrote it.
    Foreign { marker: &'static str },
}

impl std::fmt::Display for OutputRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let reason = match self {
            OutputRefusal::Root => tr!("publish-out-root"),
            OutputRefusal::WorkspaceRoot => tr!("publish-out-workspace-root"),
            OutputRefusal::HoldsWorkspace => tr!("publish-out-holds-workspace"),
            OutputRefusal::Overlaps { what, dir } => {
                tr!("publish-out-overlaps", what = *what, dir = dir.display())
            }
            OutputRefusal::NotFolder => tr!("publish-out-not-folder"),
            OutputRefusal::Foreign { marker } => tr!("publish-out-foreign", manifest = *marker),
        };
        f.write_str(&reason)
    }
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
