//! Collections: the pages of an existing bilingual site, paired where they
//! are. A `[[collection]]` in `bitext.toml` names the files of each language
//! and the rule by which a page finds its translation (`config`); this
//! module lists the files, pairs them (`discover`), reads a pair as a
//! document pair with its sign-off record (`load_named`), and says which
//! pages have no partner or claim the same key (`document_findings`).
//! Sign-off records live under `.bitext/lock/`, mirroring the source path
//! (`record`); nothing is written into the pages. `init` detects a layout;
//! `git` infers a first sign-off from history. Segmenting, pairing segments
//! and checking them happen elsewhere, exactly as for releases.

pub mod config;
pub mod front_matter;
pub mod git;
pub mod init;
pub mod record;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use config::{Collection, Layout, Rule};

use crate::diagnostic::{Code, Finding, Origin};
use crate::document::source::SourceFile;
use crate::document::Document;
use crate::error::{Error, FileRole, Result};
use crate::pairing::lock::Lock;
use crate::release::{Release, ReleaseMeta};
use crate::tr;
use crate::workspace::Workspace;
use front_matter::Field;

/// A source page and its translation, both relative to the workspace root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocPair {
    /// The collection's index in `Workspace::collections`.
    pub collection: usize,
    pub source: PathBuf,
    pub target: PathBuf,
    /// What paired them (the relative path, the key's value, the link), so
    /// that a page moved with its key unchanged keeps its sign-off record.
    pub key: String,
}

impl DocPair {
    /// The name commands take: the source path, with `/` separators.
    pub fn name(&self) -> String {
        slash(&self.source)
    }
}

/// Two files that the pairing rule cannot tell apart, or a key that
/// points nowhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub collection: usize,
    pub key: String,
    /// The file that holds the key, and where.
    pub file: (PathBuf, Field),
    /// The other file claiming the same key; `None` when the key points
    /// at no page.
    pub other: Option<(PathBuf, Field)>,
}

/// What the collections hold.
#[derive(Debug, Clone, Default)]
pub struct Discovery {
    /// Sorted by source path.
    pub pairs: Vec<DocPair>,
    /// Source pages with no translation (not listed as English-only).
    pub missing: Vec<(usize, PathBuf)>,
    /// Source pages with no translation on purpose.
    pub english_only: Vec<(usize, PathBuf)>,
    /// Target pages whose source is not there.
    pub orphans: Vec<(usize, PathBuf)>,
    pub conflicts: Vec<Conflict>,
}

impl Discovery {
    pub fn pair_named(&self, name: &str) -> Option<&DocPair> {
        self.pairs.iter().find(|p| p.name() == name)
    }
}

/// `path` with `/` between its parts, whatever the platform.
pub fn slash(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The symbolic-link rule of docs/security.md for a page: a link that leads
/// inside the workspace is followed, one that leads out of it is refused.
fn check_inside(root: &Path, path: &Path) -> Result<()> {
    let Ok(real) = std::fs::canonicalize(root.join(path)) else {
        return Ok(());
    };
    let canonical_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    if real.starts_with(&canonical_root) {
        return Ok(());
    }
    Err(Error::LinkOutside {
        path: path.to_path_buf(),
        target: real,
    })
}

/// Every file under `glob`'s folder that it matches and that a document
/// format reads, relative to `root`, sorted. Hidden folders (`.git`,
/// `.bitext`) and `node_modules` are not entered. A page that is a symbolic
/// link is listed when it leads to a file inside the workspace and refused
/// when it leads out of it; a linked folder is not entered (its pages are
/// listed where they really are) but one leading outside is refused too.
fn list(root: &Path, glob: &config::FileGlob) -> Result<Vec<PathBuf>> {
    let base = root.join(&glob.base);
    if !base.is_dir() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    let walk = walkdir::WalkDir::new(&base).sort_by_file_name().into_iter();
    for entry in walk.filter_entry(|e| {
        e.depth() == 0 || {
            let name = e.file_name().to_string_lossy();
            !name.starts_with('.') && name != "node_modules"
        }
    }) {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(&base).to_path_buf();
            Error::io(&path, e.into())
        })?;
        let relative = entry.path().strip_prefix(root).unwrap_or(entry.path());
        if entry.path_is_symlink() {
            check_inside(root, relative)?;
            if !entry.path().is_file() {
                continue;
            }
        } else if !entry.file_type().is_file() {
            continue;
        }
        if glob.is_match(relative) && crate::document::format_for(relative).is_some() {
            out.push(relative.to_path_buf());
        }
    }
    Ok(out)
}

/// The stem of a file name before its extension, and the extension.
fn split_name(path: &Path) -> (String, String) {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = path
        .extension()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    (stem, ext)
}

/// The pages of one collection still unpaired, and the pairs made so far:
/// every rule pairs through `pair`, which takes both pages off the lists.
struct Pairing {
    collection: usize,
    sources: BTreeSet<PathBuf>,
    targets: BTreeSet<PathBuf>,
    pairs: Vec<DocPair>,
}

impl Pairing {
    fn pair(&mut self, source: &Path, target: &Path, key: String) {
        self.sources.remove(source);
        self.targets.remove(target);
        self.pairs.push(DocPair {
            collection: self.collection,
            source: source.to_path_buf(),
            target: target.to_path_buf(),
            key,
        });
    }
}

/// Lists and pairs the pages of every collection.
pub fn discover(ws: &Workspace) -> Result<Discovery> {
    let mut found = Discovery::default();
    for (index, collection) in ws.collections.iter().enumerate() {
        discover_one(&ws.root, index, collection, &mut found)?;
    }
    found.pairs.sort_by(|a, b| a.source.cmp(&b.source));
    Ok(found)
}

pub(crate) fn discover_one(
    root: &Path,
    index: usize,
    collection: &Collection,
    found: &mut Discovery,
) -> Result<()> {
    let (sources, targets) = match &collection.layout {
        Layout::Roots { source, target } => {
            let sources = list(root, source)?;
            let targets: Vec<PathBuf> = list(root, target)?
                .into_iter()
                .filter(|t| !source.is_match(t))
                .collect();
            (sources, targets)
        }
        Layout::Suffix {
            files,
            source_suffix,
            target_suffix,
        } => {
            let (mut sources, mut targets) = (Vec::new(), Vec::new());
            for file in list(root, files)? {
                let (stem, _) = split_name(&file);
                if stem.ends_with(target_suffix.as_str()) {
                    targets.push(file);
                } else if stem.ends_with(source_suffix.as_str()) {
                    sources.push(file);
                }
            }
            (sources, targets)
        }
    };
    let mut pairing = Pairing {
        collection: index,
        sources: sources.into_iter().collect(),
        targets: targets.into_iter().collect(),
        pairs: Vec::new(),
    };
    for (source, target) in &collection.pairs {
        for path in [source, target] {
            check_inside(root, path)?;
            if !root.join(path).is_file() {
                return Err(Error::MissingFile {
                    path: path.clone(),
                    what: FileRole::Document,
                });
            }
        }
        pairing.pair(source, target, slash(target));
    }
    let key_of = |path: &Path, is_source: bool| -> Option<String> {
        match (&collection.layout, &collection.rule) {
            (Layout::Roots { source, target }, Rule::SamePath) => {
                let base = if is_source { &source.base } else { &target.base };
                let relative = path.strip_prefix(base).ok()?;
                let parts: Vec<String> = relative
                    .components()
                    .map(|c| {
                        let part = c.as_os_str().to_string_lossy().into_owned();
                        match collection.rewrite.get(&part) {
                            Some(to) if is_source => to.clone(),
                            _ => part,
                        }
                    })
                    .collect();
                Some(parts.join("/"))
            }
            (
                Layout::Suffix {
                    source_suffix,
                    target_suffix,
                    ..
                },
                Rule::Suffix,
            ) => {
                let (stem, ext) = split_name(path);
                let suffix = if is_source { source_suffix } else { target_suffix };
                let bare = stem.strip_suffix(suffix.as_str())?;
                Some(slash(&path.with_file_name(format!("{bare}.{ext}"))))
            }
            _ => None,
        }
    };
    match &collection.rule {
        Rule::SamePath | Rule::Suffix => {
            let by_key: BTreeMap<String, PathBuf> = pairing
                .targets
                .iter()
                .filter_map(|t| Some((key_of(t, false)?, t.clone())))
                .collect();
            for source in pairing.sources.clone() {
                if let Some(key) = key_of(&source, true) {
                    if let Some(target) = by_key.get(&key) {
                        pairing.pair(&source, target, key);
                    }
                }
            }
        }
        Rule::FrontMatter(name) => {
            let source_keys = keyed(root, index, &pairing.sources, name, found)?;
            let target_keys = keyed(root, index, &pairing.targets, name, found)?;
            for (key, (source, _)) in &source_keys {
                if let Some((target, _)) = target_keys.get(key) {
                    pairing.pair(source, target, key.clone());
                }
            }
        }
        Rule::LinkField(name) => {
            let all_targets = pairing.targets.clone();
            let all_sources = pairing.sources.clone();
            let target_index = LinkIndex::new(&all_targets);
            let source_index = LinkIndex::new(&all_sources);
            let mut claimed: BTreeMap<PathBuf, (PathBuf, Field)> = BTreeMap::new();
            for source in pairing.sources.clone() {
                let text = read_text(root, &source)?;
                let Some(field) = front_matter::field(&source, &text, name)? else {
                    continue;
                };
                let Some(target) = target_index.find(&field.value) else {
                    found.conflicts.push(Conflict {
                        collection: index,
                        key: field.value.clone(),
                        file: (source.clone(), field),
                        other: None,
                    });
                    continue;
                };
                if let Some(first) = claimed.get(target) {
                    found.conflicts.push(Conflict {
                        collection: index,
                        key: field.value.clone(),
                        file: first.clone(),
                        other: Some((source.clone(), field)),
                    });
                    continue;
                }
                claimed.insert(target.clone(), (source.clone(), field));
            }
            for (target, (source, _)) in claimed {
                pairing.pair(&source, &target, slash(&target));
            }
            // A translation whose own link names no page of the other
            // language points nowhere; one naming a paired page is fine.
            for target in pairing.targets.clone() {
                let text = read_text(root, &target)?;
                if let Some(field) = front_matter::field(&target, &text, name)? {
                    if source_index.find(&field.value).is_none() {
                        found.conflicts.push(Conflict {
                            collection: index,
                            key: field.value.clone(),
                            file: (target.clone(), field),
                            other: None,
                        });
                    }
                }
            }
        }
        Rule::Explicit => {}
    }
    let Pairing {
        sources,
        targets,
        pairs,
        ..
    } = pairing;
    for source in sources {
        if collection.english_only.iter().any(|p| p == &source) {
            found.english_only.push((index, source));
        } else {
            found.missing.push((index, source));
        }
    }
    found.orphans.extend(targets.into_iter().map(|t| (index, t)));
    found.pairs.extend(pairs);
    Ok(())
}

fn read_text(root: &Path, path: &Path) -> Result<String> {
    Ok(SourceFile::read(&root.join(path))?.text().to_owned())
}

/// The files of one side by their value of a front-matter key; a value
/// claimed by two files is a conflict, and neither is paired by it.
fn keyed(
    root: &Path,
    index: usize,
    files: &BTreeSet<PathBuf>,
    key: &str,
    found: &mut Discovery,
) -> Result<BTreeMap<String, (PathBuf, Field)>> {
    let mut by_value: BTreeMap<String, (PathBuf, Field)> = BTreeMap::new();
    let mut duplicated = BTreeSet::new();
    for file in files {
        let text = read_text(root, file)?;
        let Some(field) = front_matter::field(file, &text, key)? else {
            continue;
        };
        if let Some(first) = by_value.get(&field.value) {
            found.conflicts.push(Conflict {
                collection: index,
                key: field.value.clone(),
                file: first.clone(),
                other: Some((file.clone(), field.clone())),
            });
            duplicated.insert(field.value.clone());
            continue;
        }
        by_value.insert(field.value.clone(), (file.clone(), field));
    }
    by_value.retain(|value, _| !duplicated.contains(value));
    Ok(by_value)
}

/// Pages by the address a site generator gives them: the file name
/// without its extension, a Jekyll date prefix `2017-08-09-` read as
/// `2017/08/09/`, compared without case.
struct LinkIndex<'a> {
    by_last: BTreeMap<String, Vec<(String, &'a PathBuf)>>,
}

impl<'a> LinkIndex<'a> {
    fn new(files: &'a BTreeSet<PathBuf>) -> Self {
        let mut by_last: BTreeMap<String, Vec<(String, &PathBuf)>> = BTreeMap::new();
        for file in files {
            let (stem, _) = split_name(file);
            let stem = stem.to_lowercase();
            let bytes = stem.as_bytes();
            let dated = bytes.len() > 11
                && [0, 1, 2, 3, 5, 6, 8, 9]
                    .iter()
                    .all(|&i| bytes[i].is_ascii_digit())
                && [4, 7, 10].iter().all(|&i| bytes[i] == b'-');
            let address = if dated {
                format!("{}/{}/{}/{}", &stem[..4], &stem[5..7], &stem[8..10], &stem[11..])
            } else {
                stem
            };
            let last = address.rsplit('/').next().unwrap_or_default().to_owned();
            by_last.entry(last).or_default().push((address, file));
        }
        LinkIndex { by_last }
    }

    /// The page a link names, if exactly one does.
    fn find(&self, link: &str) -> Option<&'a PathBuf> {
        let mut link = link.trim().to_lowercase();
        if let Some(at) = link.find(['?', '#']) {
            link.truncate(at);
        }
        if let Some(rest) = link.split_once("://").map(|(_, r)| r) {
            link = rest.split_once('/').map_or(String::new(), |(_, p)| p.to_owned());
        }
        let mut link = link.trim_matches('/').to_owned();
        for end in [".html", "/index"] {
            if let Some(bare) = link.strip_suffix(end) {
                link = bare.to_owned();
            }
        }
        let last = link.rsplit('/').next()?;
        let same_name = self.by_last.get(last)?;
        let exact: Vec<_> = same_name
            .iter()
            .filter(|(address, _)| link == *address || link.ends_with(&format!("/{address}")))
            .collect();
        // Jekyll takes a post's date from its front matter when it has
        // one, so the link's date can differ from the file name's: the
        // name alone decides when only one page has it.
        match (exact.as_slice(), same_name.as_slice()) {
            ([(_, file)], _) | ([], [(_, file)]) => Some(file),
            _ => None,
        }
    }
}

/// Reads the collection pair named by its source path as a document pair
/// with its sign-off record; `None` when the name is a release folder name.
/// Any other name that is no pair's source is an error that names the
/// nearest page.
pub fn load_named(ws: &Workspace, name: &str) -> Result<Option<Release>> {
    if ws.collections.is_empty() || crate::workspace::check_slug(Path::new(name), name).is_ok() {
        return Ok(None);
    }
    let Some(pair) = ws.discovery()?.pair_named(name) else {
        return Err(unknown_page(ws, name));
    };
    load(ws, pair).map(Some)
}

/// The error for a path that names no collection page and no release, with
/// the nearest source path as a suggestion (for a French page, its own
/// English page).
pub fn unknown_page(ws: &Workspace, name: &str) -> Error {
    let suggestion = ws.discovery().ok().and_then(|found| {
        if let Some(pair) = found.pairs.iter().find(|p| slash(&p.target) == name) {
            return Some(pair.name());
        }
        let names: Vec<String> = found.pairs.iter().map(DocPair::name).collect();
        crate::release::locate::nearest(name, &names).map(str::to_owned)
    });
    Error::UnknownPage {
        path: name.to_owned(),
        suggestion,
    }
}

/// Reads a collection pair as a document pair with its sign-off record.
pub fn load(ws: &Workspace, pair: &DocPair) -> Result<Release> {
    let read = |path: &Path| -> Result<SourceFile> {
        check_inside(&ws.root, path)?;
        let full = ws.root.join(path);
        let bytes = std::fs::read(&full).map_err(|e| Error::io(&full, e))?;
        SourceFile::from_bytes(path, bytes)
    };
    let (source, target) = (read(&pair.source)?, read(&pair.target)?);
    let (source, target) = rayon::join(|| Document::new(source), || Document::new(target));
    let lock = match record::find(ws, pair)? {
        Some(path) => Lock::read_if_present(&path)?,
        None => None,
    };
    Ok(Release {
        slug: pair.name(),
        dir: ws
            .root
            .join(&pair.source)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default(),
        meta: {
            // A page's address is its path: it has no URL slug to derive
            // from a title, so `french-title-missing` does not apply.
            let mut meta = ReleaseMeta::page();
            meta.slug = [
                (ws.source.code().to_owned(), slash(&pair.source)),
                (ws.target.code().to_owned(), slash(&pair.target)),
            ]
            .into();
            meta
        },
        source,
        target,
        lock,
    })
}

/// The whole-document findings of the collections: pages with no partner,
/// and pairing keys claimed twice or pointing nowhere. With `names`, only
/// those about the named source pages (and conflicts, which stop pairing).
pub fn document_findings(ws: &Workspace, names: &[String]) -> Result<Vec<Finding>> {
    if ws.collections.is_empty() {
        return Ok(Vec::new());
    }
    let found = ws.discovery()?;
    let wanted = |path: &Path| names.is_empty() || names.contains(&slash(path));
    let origin = |path: &Path, lang: &str| -> Result<Origin> {
        let file = SourceFile::read(&ws.root.join(path))?;
        let file = SourceFile::new(path, file.text().to_owned());
        Ok(Origin::new(lang.to_owned(), Arc::new(file)))
    };
    let source_lang = ws.source.tag.to_string();
    let target_lang = ws.target.tag.to_string();
    let mut out = Vec::new();
    let mut push = |code: Code, message: String, release: &Path, source, target| {
        if let Some(severity) = ws.severity(code) {
            let mut finding = Finding::new(code, severity, message);
            finding.release = Some(slash(release));
            finding.source = source;
            finding.target = target;
            out.push(finding);
        }
    };
    for conflict in &found.conflicts {
        let (path, field) = &conflict.file;
        let lang = |p: &Path| {
            if is_target(ws, conflict.collection, p) {
                &target_lang
            } else {
                &source_lang
            }
        };
        let first = origin(path, lang(path))?.at(field.span.clone());
        let collection = &ws.collections[conflict.collection];
        match &conflict.other {
            Some((other, other_field)) => {
                let second = origin(other, lang(other))?.at(other_field.span.clone());
                let message = tr!(
                    "collection-key-claimed",
                    key = &conflict.key,
                    first = slash(path),
                    second = slash(other),
                    rule = collection.rule.describe()
                );
                push(Code::PairingKeyConflict, message, path, Some(first), Some(second));
            }
            None => {
                let message = tr!(
                    "collection-key-nowhere",
                    key = &conflict.key,
                    file = slash(path),
                    rule = collection.rule.describe()
                );
                push(Code::PairingKeyUnresolved, message, path, Some(first), None);
            }
        }
    }
    for (_, source) in found.missing.iter().filter(|(_, p)| wanted(p)) {
        let at = origin(source, &source_lang)?.at(0..0);
        let message = tr!(
            "collection-missing-document",
            file = slash(source),
            target = ws.target.name()
        );
        push(Code::MissingDocument, message, source, Some(at), None);
    }
    for (_, target) in found
        .orphans
        .iter()
        .filter(|(_, p)| names.is_empty() || wanted(p))
    {
        let at = origin(target, &target_lang)?.at(0..0);
        let message = tr!(
            "collection-orphan-document",
            file = slash(target),
            source = ws.source.name()
        );
        push(Code::OrphanDocument, message, target, None, Some(at));
    }
    Ok(out)
}

/// Whether a file is one of the collection's target pages.
fn is_target(ws: &Workspace, collection: usize, path: &Path) -> bool {
    match &ws.collections[collection].layout {
        Layout::Roots { target, .. } => target.is_match(path),
        Layout::Suffix { target_suffix, .. } => split_name(path).0.ends_with(target_suffix.as_str()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_jekyll_link_finds_its_dated_post() {
        let files: BTreeSet<PathBuf> = [
            PathBuf::from("fr/_posts/2017-08-09-etapes-vers-des-nouveaux-patrons.markdown"),
            PathBuf::from("fr/_posts/2018-02-20-Demarrer_une_entreprise.markdown"),
        ]
        .into();
        let index = LinkIndex::new(&files);
        let found = index
            .find("/2017/08/09/etapes-vers-des-nouveaux-patrons")
            .unwrap();
        assert!(found.ends_with("2017-08-09-etapes-vers-des-nouveaux-patrons.markdown"));
        assert!(index
            .find("https://example.ca/fr/2018/02/20/demarrer_une_entreprise.html")
            .is_some());
        assert!(index.find("/2019/01/01/nothing").is_none());
        // The date in the link is the front matter's, not the file name's.
        assert!(index
            .find("/2017/08/10/etapes-vers-des-nouveaux-patrons")
            .is_some());
    }
}
