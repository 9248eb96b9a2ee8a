//! The workspace: `bitext.toml` at its root, the languages it pairs, where
//! releases and locales live, and per-code severities. Finding the workspace
//! (walking up from the current folder, as cargo does) and listing its
//! releases also live here; reading one release does not (see `release`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use unic_langid::LanguageIdentifier;

use crate::diagnostic::{Code, Severity};
use crate::document::source::position_in;
use crate::error::{Error, FileRole, Result};

pub const CONFIG_FILE: &str = "bitext.toml";

/// A language of the pair: its validated tag and the file stem its documents
/// use (the primary subtag: `en-GB` → `en.md`, in the default document
/// format's extension).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    pub tag: LanguageIdentifier,
}

impl Language {
    pub fn code(&self) -> &str {
        self.tag.language.as_str()
    }

    /// The language's name in the UI language, for messages ("French" in
    /// English, "français" in French).
    pub fn name(&self) -> String {
        crate::tr!("language", code = self.code())
    }

    pub fn document_name(&self) -> String {
        let format = crate::document::default_format();
        format!("{}.{}", self.code(), format.extensions()[0])
    }

    /// `fr-CA` and other Canadian French follow Canadian typography.
    pub fn region(&self) -> Option<&str> {
        self.tag.region.as_ref().map(|r| r.as_str())
    }
}

impl std::fmt::Display for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.tag.fmt(f)
    }
}

/// What a severity setting in `[checks]` can say: a level, or `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    Error,
    Warning,
    Info,
    Off,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    #[serde(default)]
    languages: RawLanguages,
    #[serde(default)]
    paths: RawPaths,
    #[serde(default)]
    checks: BTreeMap<String, Level>,
    #[serde(default)]
    typography: Typography,
    #[serde(default)]
    publish: PublishConfig,
    /// `[[collection]]` tables: an existing site's pages, paired in place.
    #[serde(default)]
    collection: Vec<toml::Spanned<crate::collection::config::RawCollection>>,
    #[serde(default)]
    new: NewDefaults,
}

/// `[new]` in `bitext.toml`: what `bitext new` writes into every new
/// release's `release.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct NewDefaults {
    /// The issuing organisation's name, keyed by language code.
    #[serde(default)]
    pub organisation: BTreeMap<String, String>,
}

/// `[publish]` in `bitext.toml`: where `bitext publish` writes and how its
/// URLs are built. Per-language settings are keyed by language code.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PublishConfig {
    /// The site's public address (`https://www.example.gov.uk`), used for
    /// canonical links, feeds and the sitemap.
    #[serde(default)]
    pub base_url: Option<String>,
    /// The output folder, relative to the workspace root (default `public`).
    #[serde(default)]
    pub out: Option<PathBuf>,
    /// The URL path under which a language's releases live (`en = "en/news"`).
    #[serde(default)]
    pub prefix: BTreeMap<String, String>,
    /// The site's name in each language (`fr = "Actualités"`).
    #[serde(default)]
    pub title: BTreeMap<String, String>,
}

/// `[typography]`: how French spacing is written. The profile (France or
/// Canada) comes from the target tag's region; this only picks the space.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Typography {
    /// The no-break space `--fix` inserts and messages suggest. Either kind
    /// (and the `&nbsp;` entity) is accepted as correct when checking.
    #[serde(default)]
    pub no_break_space: NoBreakSpace,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NoBreakSpace {
    /// U+202F NARROW NO-BREAK SPACE, the Imprimerie nationale's fine space.
    Narrow,
    /// U+00A0 NO-BREAK SPACE, which every font has.
    #[default]
    Normal,
}

impl NoBreakSpace {
    pub fn char(self) -> char {
        match self {
            NoBreakSpace::Narrow => '\u{202f}',
            NoBreakSpace::Normal => '\u{a0}',
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawLanguages {
    #[serde(default = "default_source")]
    source: toml::Spanned<String>,
    #[serde(default = "default_target")]
    target: toml::Spanned<String>,
}

impl Default for RawLanguages {
    fn default() -> Self {
        RawLanguages {
            source: default_source(),
            target: default_target(),
        }
    }
}

fn default_source() -> toml::Spanned<String> {
    toml::Spanned::new(0..0, "en-GB".to_owned())
}

fn default_target() -> toml::Spanned<String> {
    toml::Spanned::new(0..0, "fr-FR".to_owned())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawPaths {
    /// Kept with its place in `bitext.toml`: a folder named there that does
    /// not exist is an error on that line, not a workspace of no release.
    #[serde(default)]
    releases: Option<toml::Spanned<PathBuf>>,
    #[serde(default = "default_locales")]
    locales: PathBuf,
}

impl Default for RawPaths {
    fn default() -> Self {
        RawPaths {
            releases: None,
            locales: default_locales(),
        }
    }
}

fn default_releases() -> PathBuf {
    PathBuf::from("releases")
}

fn default_locales() -> PathBuf {
    PathBuf::from("locales")
}

/// A loaded, validated workspace.
#[derive(Debug, Clone)]
pub struct Workspace {
    pub root: PathBuf,
    /// `root` with every symbolic link resolved, once per run: each
    /// release's files are checked to be inside it (`release::check_inside`).
    real_root: PathBuf,
    pub source: Language,
    pub target: Language,
    pub releases_dir: PathBuf,
    pub locales_dir: PathBuf,
    pub publish: PublishConfig,
    pub typography: Typography,
    pub new: NewDefaults,
    levels: BTreeMap<Code, Level>,
    /// The `[[collection]]` tables, validated.
    pub collections: Vec<crate::collection::Collection>,
    /// The collections' documents, discovered once per run when asked.
    discovery: std::sync::Arc<std::sync::OnceLock<crate::collection::Discovery>>,
    /// Whether `releases_dir` resolves inside the workspace, found once
    /// per run when asked (`release::check_inside`).
    releases_inside: std::sync::Arc<std::sync::OnceLock<bool>>,
}

impl Workspace {
    /// Finds `bitext.toml` in `start` or the nearest parent folder.
    pub fn discover(start: &Path) -> Result<Self> {
        let start = std::fs::canonicalize(start).map_err(|e| Error::io(start, e))?;
        let root = start
            .ancestors()
            .find(|dir| dir.join(CONFIG_FILE).is_file())
            .ok_or_else(|| Error::WorkspaceNotFound { start: start.clone() })?;
        Self::load(root)
    }

    /// Loads the workspace whose root is `root` (which must hold `bitext.toml`).
    pub fn load(root: &Path) -> Result<Self> {
        let path = root.join(CONFIG_FILE);
        if !path.is_file() {
            return Err(Error::MissingFile {
                path,
                what: FileRole::Config,
            });
        }
        let text = crate::document::source::SourceFile::read(&path)?
            .text()
            .to_owned();
        let raw: RawConfig = parse_toml(&path, &text)?;
        let source = parse_language(&path, &text, &raw.languages.source)?;
        let target = parse_language(&path, &text, &raw.languages.target)?;
        if source.code() == target.code() {
            return Err(Error::syntax(
                &path,
                position_in(&text, raw.languages.target.span().start),
                crate::tr!("workspace-same-languages", code = source.code()),
            ));
        }
        let releases_dir = match &raw.paths.releases {
            Some(dir) if !root.join(dir.get_ref()).is_dir() => {
                return Err(Error::syntax(
                    &path,
                    position_in(&text, dir.span().start),
                    crate::tr!("workspace-releases-missing", dir = dir.get_ref().display()),
                ))
            }
            Some(dir) => root.join(dir.get_ref()),
            None => root.join(default_releases()),
        };
        let mut levels = BTreeMap::new();
        for (name, level) in raw.checks {
            let code = name.parse::<Code>().map_err(|_| {
                let offset = text.find(&name).unwrap_or(0);
                Error::syntax(
                    &path,
                    position_in(&text, offset),
                    crate::tr!("workspace-unknown-check", code = &name),
                )
            })?;
            levels.insert(code, level);
        }
        let collections = crate::collection::config::validate(&path, &text, raw.collection)?;
        Ok(Workspace {
            root: root.to_path_buf(),
            real_root: std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf()),
            source,
            target,
            releases_dir,
            locales_dir: root.join(raw.paths.locales),
            publish: raw.publish,
            typography: raw.typography,
            new: raw.new,
            levels,
            collections,
            discovery: Default::default(),
            releases_inside: Default::default(),
        })
    }

    /// The root with its symbolic links resolved, as it was when the
    /// workspace was loaded (the root itself when that failed).
    pub fn real_root(&self) -> &Path {
        &self.real_root
    }

    /// Whether the releases folder resolves inside the workspace, resolved
    /// once per run.
    pub fn releases_dir_inside(&self) -> bool {
        *self
            .releases_inside
            .get_or_init(|| crate::release::check_inside(self, &self.releases_dir).is_ok())
    }

    /// The severity of a finding code here, or `None` when it is turned off.
    pub fn severity(&self, code: Code) -> Option<Severity> {
        match self.levels.get(&code) {
            None => Some(code.default_severity()),
            Some(Level::Error) => Some(Severity::Error),
            Some(Level::Warning) => Some(Severity::Warning),
            Some(Level::Info) => Some(Severity::Info),
            Some(Level::Off) => None,
        }
    }

    /// The expected ratio of target to source length in characters, for
    /// the aligner: French runs about 15% longer than English.
    pub fn length_ratio(&self) -> f64 {
        match (self.source.code(), self.target.code()) {
            ("en", "fr") => 1.15,
            ("fr", "en") => 1.0 / 1.15,
            _ => 1.0,
        }
    }

    /// A path relative to the workspace root, for messages and reports.
    pub fn relative<'a>(&self, path: &'a Path) -> &'a Path {
        path.strip_prefix(&self.root).unwrap_or(path)
    }

    /// The slugs of every release folder, sorted.
    pub fn release_slugs(&self) -> Result<Vec<String>> {
        let entries = match std::fs::read_dir(&self.releases_dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(Error::io(&self.releases_dir, e)),
        };
        let mut slugs = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| Error::io(&self.releases_dir, e))?;
            // A linked release folder is a release too (docs/security.md).
            // The entry's own type spares a `stat` of every real folder.
            let is_dir = match entry.file_type() {
                Ok(kind) if kind.is_dir() => true,
                Ok(kind) if !kind.is_symlink() => false,
                _ => entry.path().is_dir(),
            };
            if !is_dir {
                continue;
            }
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            check_slug(&entry.path(), &name)?;
            slugs.push(name);
        }
        slugs.sort();
        Ok(slugs)
    }

    /// What the collections hold: their pairs, the pages with no partner,
    /// and the pairing keys in conflict. Read once per run.
    pub fn discovery(&self) -> Result<&crate::collection::Discovery> {
        if let Some(found) = self.discovery.get() {
            return Ok(found);
        }
        let found = crate::collection::discover(self)?;
        Ok(self.discovery.get_or_init(|| found))
    }

    /// Every document a command can name: the release slugs, then the
    /// source paths of the collections' pairs.
    pub fn document_names(&self) -> Result<Vec<String>> {
        let mut names = self.release_slugs()?;
        if !self.collections.is_empty() {
            names.extend(self.discovery()?.pairs.iter().map(|p| p.name()));
        }
        Ok(names)
    }

    /// The folder of a named release, checking that the name is safe and exists.
    pub fn release_dir(&self, slug: &str) -> Result<PathBuf> {
        self.release_dir_and_link(slug).map(|(dir, _)| dir)
    }

    /// `release_dir`, and whether the folder is a symbolic link (to a
    /// folder): one `lstat` answers both for a plain folder, where asking
    /// whether it is a folder and then whether it is a link took two.
    pub fn release_dir_and_link(&self, slug: &str) -> Result<(PathBuf, bool)> {
        let dir = self.releases_dir.join(slug);
        check_slug(&dir, slug)?;
        let is_link = match std::fs::symlink_metadata(&dir) {
            Ok(meta) if meta.is_dir() => Some(false),
            // A link counts when it leads to a folder.
            Ok(meta) if meta.file_type().is_symlink() && dir.is_dir() => Some(true),
            _ => None,
        };
        let Some(is_link) = is_link else {
            let slugs = self.release_slugs().unwrap_or_default();
            return Err(Error::UnknownRelease {
                slug: slug.to_owned(),
                releases: self.relative(&self.releases_dir).to_path_buf(),
                suggestion: crate::release::locate::nearest(slug, &slugs).map(str::to_owned),
            });
        };
        Ok((dir, is_link))
    }
}

/// The workspace write lock, held by a command that writes the workspace
/// (`sign-off`, `check --fix`, `xliff import`, `new`, `publish`) from
/// before it reads the releases until it exits: an advisory lock
/// (`flock`) on `bitext.toml` itself, so that nothing is created for it.
/// Two writers run one after the other, each on what the other left.
/// Released when dropped, or by the system when the process dies.
#[derive(Debug)]
pub struct WriteLock {
    _file: Option<std::fs::File>,
}

impl Workspace {
    /// Takes the write lock, waiting while another bitext run holds it;
    /// `on_wait` is called once before waiting, to say so. A filesystem
    /// that has no advisory locks gives an unlocked run, as before.
    pub fn lock_for_writing(&self, on_wait: impl FnOnce()) -> Result<WriteLock> {
        let path = self.root.join(CONFIG_FILE);
        let file = std::fs::File::open(&path).map_err(|e| Error::io(&path, e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                on_wait();
                file.lock().map_err(|e| Error::io(&path, e))?;
            }
            Err(std::fs::TryLockError::Error(_)) => return Ok(WriteLock { _file: None }),
        }
        Ok(WriteLock { _file: Some(file) })
    }
}

/// A release folder name must be a plain lowercase slug: no path
/// separators, no `..`, nothing a shell or URL would need to escape.
pub fn check_slug(path: &Path, name: &str) -> Result<()> {
    let safe = !name.is_empty()
        && name.len() <= 200
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        && !name.starts_with('-');
    if safe {
        Ok(())
    } else {
        Err(Error::UnsafeReleaseName {
            path: path.to_path_buf(),
            name: name.to_owned(),
        })
    }
}

/// Parses a TOML document, turning serde's error into one with a position.
pub fn parse_toml<T: serde::de::DeserializeOwned>(path: &Path, text: &str) -> Result<T> {
    toml::from_str(text).map_err(|err| {
        let offset = err.span().map_or(0, |span| span.start);
        Error::syntax(path, position_in(text, offset), err.message().trim())
    })
}

fn parse_language(path: &Path, text: &str, tag: &toml::Spanned<String>) -> Result<Language> {
    let invalid = || {
        Error::syntax(
            path,
            position_in(text, tag.span().start),
            crate::tr!("workspace-bad-language", tag = tag.get_ref()),
        )
    };
    let parsed: LanguageIdentifier = tag.get_ref().parse().map_err(|_| invalid())?;
    // unic-langid accepts any well-formed subtag; an ISO 639 language code
    // has two or three letters, so `english` or `und` is a mistake here.
    let language = parsed.language.as_str();
    if !(2..=3).contains(&language.len()) || parsed.language.is_empty() {
        return Err(invalid());
    }
    Ok(Language { tag: parsed })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_slugs_are_refused() {
        for bad in ["..", "a/b", "Release", "", "-x", "é"] {
            assert!(check_slug(Path::new("x"), bad).is_err(), "{bad}");
        }
        assert!(check_slug(Path::new("x"), "uk-france-2025").is_ok());
    }
}
