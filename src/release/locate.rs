//! Finding releases from what people type or what git reports: a path to a
//! release folder or to one of its files (`releases/x`, `releases/x/fr.md`,
//! `.` inside a release) becomes the release's slug; an unknown name gets
//! the nearest release as a suggestion; a list of changed files becomes the
//! releases to check again. Running git and parsing arguments stay in the
//! binary; this module only maps paths and names to slugs.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::workspace::{check_slug, Workspace};

/// The slug of the release that `arg` names: `arg` itself when it is a
/// plain folder name, else the release folder that holds the path `arg`
/// (relative to the current folder). A plain name is not checked for
/// existence here; `Workspace::release_dir` does that with a suggestion.
pub fn release_of_arg(ws: &Workspace, arg: &str) -> Result<String> {
    // A plain name is a release's, unless it is a folder here and no
    // release has it (`bitext check content`).
    let folder = Path::new(arg).is_dir() && !ws.releases_dir.join(arg).is_dir();
    if arg != "." && !folder && check_slug(Path::new(arg), arg).is_ok() {
        return Ok(arg.to_owned());
    }
    release_of_path(ws, Path::new(arg))
}

/// The slug of the release folder holding `path`, which must exist.
pub fn release_of_path(ws: &Workspace, path: &Path) -> Result<String> {
    let full = match std::fs::canonicalize(path) {
        Ok(full) => full,
        // A misspelt page path is kept as a name from the workspace root:
        // reading it says that nothing has it, and what is near, in the
        // user's language (`collection::load_named`).
        Err(_) if !ws.collections.is_empty() => return Ok(root_relative(ws, path)),
        Err(e) => return Err(Error::io(path, e)),
    };
    // A collection page is named by its source path from the workspace root.
    if let Some(page) = page_name(ws, &full) {
        return Ok(page);
    }
    let releases = std::fs::canonicalize(&ws.releases_dir);
    // A folder that is no release folder and not inside one (the workspace
    // root, `releases/`, `content/en`) names everything under it, as
    // `ruff check .` does; `expand_folders` lists it once the command runs.
    let in_release = releases.as_ref().is_ok_and(|r| {
        full.strip_prefix(r)
            .is_ok_and(|rest| rest.components().next().is_some())
    });
    if full.is_dir() && !in_release {
        let folder = root_relative(ws, path);
        return Ok(if folder.is_empty() {
            WORKSPACE_ROOT.to_owned()
        } else {
            format!("{folder}/")
        });
    }
    // A file that is no page (a French page, say) is looked up the same
    // way; a folder outside the releases is not a release.
    if !ws.collections.is_empty() && !full.is_dir() && !releases.as_ref().is_ok_and(|r| full.starts_with(r)) {
        return Ok(root_relative(ws, path));
    }
    let releases = releases.map_err(|e| Error::io(&ws.releases_dir, e))?;
    let slug = full
        .strip_prefix(&releases)
        .ok()
        .and_then(|rest| rest.components().next())
        .map(|c| c.as_os_str().to_string_lossy().into_owned());
    match slug {
        Some(slug) if releases.join(&slug).is_dir() => {
            check_slug(&releases.join(&slug), &slug)?;
            Ok(slug)
        }
        _ => Err(Error::NotInRelease {
            path: path.to_path_buf(),
            releases: ws.relative(&ws.releases_dir).to_path_buf(),
        }),
    }
}

/// The name a release argument naming the workspace root becomes: every
/// release and page, as no argument at all means for `check` and `status`.
pub const WORKSPACE_ROOT: &str = "./";

/// `names` with each folder (a name ending in `/`, from `release_of_path`)
/// replaced by the releases and collection pages under it, in order and
/// without repeats. A folder with none of them under it is an error.
pub fn expand_folders(ws: &Workspace, names: Vec<String>) -> Result<Vec<String>> {
    if !names.iter().any(|n| n.ends_with('/')) {
        return Ok(names);
    }
    let releases = crate::collection::slash(ws.relative(&ws.releases_dir));
    let mut out: Vec<String> = Vec::new();
    for name in names {
        let Some(folder) = name.strip_suffix('/') else {
            out.push(name);
            continue;
        };
        let folder = if folder == "." { "" } else { folder };
        let under =
            |path: &str| folder.is_empty() || path == folder || path.starts_with(&format!("{folder}/"));
        let mut found: Vec<String> = ws
            .release_slugs()?
            .into_iter()
            .filter(|slug| under(&format!("{releases}/{slug}")))
            .collect();
        if !ws.collections.is_empty() {
            let pages = &ws.discovery()?.pairs;
            let slash = crate::collection::slash;
            found.extend(
                pages
                    .iter()
                    .filter(|p| under(&slash(&p.source)) || under(&slash(&p.target)))
                    .map(crate::collection::DocPair::name),
            );
        }
        if found.is_empty() {
            return Err(Error::EmptyFolder { path: name });
        }
        for name in found {
            if !out.contains(&name) {
                out.push(name);
            }
        }
    }
    Ok(out)
}

/// `path` (relative to the current folder, and perhaps not existing) as a
/// path from the workspace root with `/`, `.` and `..` resolved by name.
fn root_relative(ws: &Workspace, path: &Path) -> String {
    let absolute = std::env::current_dir().unwrap_or_default().join(path);
    let mut parts: Vec<std::ffi::OsString> = Vec::new();
    for part in absolute.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                parts.pop();
            }
            other => parts.push(other.as_os_str().to_owned()),
        }
    }
    let absolute: PathBuf = parts.iter().collect();
    let relative = absolute
        .strip_prefix(ws.real_root())
        .or_else(|_| absolute.strip_prefix(&ws.root))
        .unwrap_or(path);
    crate::collection::slash(relative)
}

/// The name of the collection page at `full` (its path from the workspace
/// root, with `/`), when the workspace has collections and `full` is a
/// page of one.
fn page_name(ws: &Workspace, full: &Path) -> Option<String> {
    if ws.collections.is_empty() {
        return None;
    }
    let root = std::fs::canonicalize(&ws.root).ok()?;
    let relative = full.strip_prefix(&root).ok()?;
    let name = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    let pages = ws.discovery().ok()?;
    pages.pairs.iter().any(|p| p.name() == name).then_some(name)
}

/// The release whose name is nearest to `name`, when one is near enough to
/// be a likely typo or a shortened name (Jaro–Winkler similarity, which
/// favours a shared beginning, as slugs of one subject have).
pub fn nearest<'a>(name: &str, slugs: &'a [String]) -> Option<&'a str> {
    slugs
        .iter()
        .map(|slug| (strsim::jaro_winkler(name, slug), slug))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, slug)| slug.as_str())
}

/// The releases to check again after the files in `changed` (relative to
/// the workspace root) have changed: every release with a changed file,
/// and every release that references a message defined in a changed
/// `.ftl` file of the locale tree. A locale file that no longer exists
/// counts as changing every message, so every release using boilerplate
/// is included.
pub fn changed_releases(ws: &Workspace, changed: &[PathBuf]) -> Result<Vec<String>> {
    let releases_dir = ws.relative(&ws.releases_dir).to_path_buf();
    let locales_dir = ws.relative(&ws.locales_dir).to_path_buf();
    let existing: BTreeSet<String> = ws.release_slugs()?.into_iter().collect();
    let mut slugs = BTreeSet::new();
    let mut messages = BTreeSet::new();
    let mut every_user = false;
    for path in changed {
        if let Ok(rest) = path.strip_prefix(&releases_dir) {
            if let Some(first) = rest.components().next() {
                let slug = first.as_os_str().to_string_lossy().into_owned();
                if existing.contains(&slug) {
                    slugs.insert(slug);
                }
            }
        } else if path.starts_with(&locales_dir) && path.extension().is_some_and(|e| e == "ftl") {
            match std::fs::read_to_string(ws.root.join(path)) {
                Ok(text) => messages.extend(defined_ids(&text)),
                Err(_) => every_user = true,
            }
        }
    }
    if every_user || !messages.is_empty() {
        for slug in &existing {
            if slugs.contains(slug) {
                continue;
            }
            let release = super::Release::load(ws, slug)?;
            let ids = crate::boilerplate::reference::references(&release.source)?
                .into_iter()
                .chain(crate::boilerplate::reference::references(&release.target)?)
                .map(|r| r.id);
            let mut ids = ids.peekable();
            let uses = if every_user {
                ids.peek().is_some()
            } else {
                ids.any(|id| messages.contains(&id))
            };
            if uses {
                slugs.insert(slug.clone());
            }
        }
    }
    Ok(slugs.into_iter().collect())
}

/// The message and term ids a Fluent resource defines, even if part of it
/// does not parse.
fn defined_ids(text: &str) -> Vec<String> {
    use fluent_syntax::ast::Entry;
    let resource = match fluent_syntax::parser::parse(text) {
        Ok(resource) => resource,
        Err((resource, _)) => resource,
    };
    resource
        .body
        .iter()
        .filter_map(|entry| match entry {
            Entry::Message(m) => Some(m.id.name.to_owned()),
            Entry::Term(t) => Some(format!("-{}", t.id.name)),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_finds_a_typo_and_ignores_strangers() {
        let slugs = vec![
            "uk-france-military-chiefs-meeting".to_owned(),
            "drone-export-licences".to_owned(),
        ];
        assert_eq!(
            nearest("uk-france-military-chief-meeting", &slugs),
            Some("uk-france-military-chiefs-meeting")
        );
        assert_eq!(
            nearest("uk-france", &slugs),
            Some("uk-france-military-chiefs-meeting")
        );
        assert_eq!(nearest("zzz", &slugs), None);
    }

    #[test]
    fn defined_ids_reads_messages_and_terms_past_errors() {
        let ids = defined_ids("contact = Press office\n-org = FCDO\n!!broken\nfooter = x\n");
        assert_eq!(ids, ["contact", "-org", "footer"]);
    }
}
