//! `[[collection]]` tables in `bitext.toml`, as written and as validated:
//! which files are pages of each language and by which rule a page finds
//! its translation. Globs are compiled once here, with `globset`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobMatcher};
use serde::Deserialize;

use crate::document::source::position_in;
use crate::error::{Error, Result};
use crate::tr;

/// One `[[collection]]` table as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawCollection {
    name: String,
    /// The source language's pages (`content/en/**/*.md`).
    #[serde(default)]
    source: Option<String>,
    /// The target language's pages (`content/fr/**/*.md`).
    #[serde(default)]
    target: Option<String>,
    /// Both languages in one glob, told apart by a suffix (`**/*.md`).
    #[serde(default)]
    files: Option<String>,
    /// With `files`: what ends a source page's name before its extension
    /// (empty by default: `page.md`).
    #[serde(default)]
    source_suffix: Option<String>,
    /// With `files`: what ends a target page's name (`.fr` by default:
    /// `page.fr.md`).
    #[serde(default)]
    target_suffix: Option<String>,
    /// `same-path` (the default with `source` and `target`) or `suffix`
    /// (the default with `files`).
    #[serde(default)]
    pairing: Option<PathRule>,
    /// Pair pages that give the same value to this front-matter key.
    #[serde(default)]
    front_matter: Option<String>,
    /// Pair a page with the page its front-matter field links to.
    #[serde(default)]
    link_field: Option<String>,
    /// Folder names translated in target paths (`news = "nouvelles"`).
    #[serde(default)]
    rewrite: BTreeMap<String, String>,
    /// Source pages that have no translation on purpose.
    #[serde(default, alias = "source-only")]
    english_only: Vec<String>,
    /// Pairs named one by one; they come before the rule.
    #[serde(default)]
    pair: Vec<RawPair>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PathRule {
    SamePath,
    Suffix,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawPair {
    source: PathBuf,
    target: PathBuf,
}

/// A glob with the folder it starts from (its part before any wildcard),
/// so that listing files walks only that folder.
#[derive(Debug, Clone)]
pub struct FileGlob {
    pub pattern: String,
    pub base: PathBuf,
    matcher: GlobMatcher,
}

impl FileGlob {
    pub(crate) fn new(pattern: &str) -> std::result::Result<Self, globset::Error> {
        let matcher = Glob::new(pattern)?.compile_matcher();
        let base: PathBuf = pattern
            .split('/')
            .take_while(|part| !part.contains(['*', '?', '[', '{']))
            .collect();
        // A pattern without wildcards names one file: its folder is the base.
        let base = if base.as_os_str().len() == pattern.len() {
            base.parent().map(Path::to_path_buf).unwrap_or_default()
        } else {
            base
        };
        Ok(FileGlob {
            pattern: pattern.to_owned(),
            base,
            matcher,
        })
    }

    pub fn is_match(&self, relative: &Path) -> bool {
        self.matcher.is_match(relative)
    }
}

/// Where a collection's pages are.
#[derive(Debug, Clone)]
pub enum Layout {
    /// One glob per language.
    Roots { source: FileGlob, target: FileGlob },
    /// One glob, the language told by a suffix of the file name.
    Suffix {
        files: FileGlob,
        source_suffix: String,
        target_suffix: String,
    },
}

/// How a page finds its translation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    /// The same path under the two language roots, folder names rewritten.
    SamePath,
    /// The same path with the language suffix taken off.
    Suffix,
    /// The same value of a front-matter key.
    FrontMatter(String),
    /// A front-matter field holding the other page's address.
    LinkField(String),
    /// Only the `[[collection.pair]]` list.
    Explicit,
}

impl Rule {
    /// The rule as `bitext init` and `status` name it.
    pub fn describe(&self) -> String {
        match self {
            Rule::SamePath => "same-path".to_owned(),
            Rule::Suffix => "suffix".to_owned(),
            Rule::FrontMatter(key) | Rule::LinkField(key) => key.clone(),
            Rule::Explicit => "pair".to_owned(),
        }
    }
}

/// A validated collection.
#[derive(Debug, Clone)]
pub struct Collection {
    pub name: String,
    pub layout: Layout,
    pub rule: Rule,
    pub rewrite: BTreeMap<String, String>,
    pub english_only: Vec<PathBuf>,
    pub pairs: Vec<(PathBuf, PathBuf)>,
}

/// Checks every `[[collection]]` table; an error points at the table.
pub fn validate(path: &Path, text: &str, raw: Vec<toml::Spanned<RawCollection>>) -> Result<Vec<Collection>> {
    let mut out: Vec<Collection> = Vec::new();
    for table in raw {
        let at = table.span().start;
        let error = |message: String| Error::syntax(path, position_in(text, at), message);
        let raw = table.into_inner();
        if raw.name.is_empty() || out.iter().any(|c| c.name == raw.name) {
            return Err(error(tr!("collection-bad-name", name = &raw.name)));
        }
        let glob = |pattern: &str| {
            FileGlob::new(pattern)
                .map_err(|e| error(tr!("collection-bad-glob", glob = pattern, error = e.to_string())))
        };
        let layout = match (&raw.source, &raw.target, &raw.files) {
            (Some(source), Some(target), None) => Layout::Roots {
                source: glob(source)?,
                target: glob(target)?,
            },
            (None, None, Some(files)) => Layout::Suffix {
                files: glob(files)?,
                source_suffix: raw.source_suffix.clone().unwrap_or_default(),
                target_suffix: raw.target_suffix.clone().unwrap_or_else(|| ".fr".to_owned()),
            },
            _ => return Err(error(tr!("collection-no-files", name = &raw.name))),
        };
        if let Layout::Suffix {
            source_suffix,
            target_suffix,
            ..
        } = &layout
        {
            if source_suffix == target_suffix {
                return Err(error(tr!("collection-same-suffix", name = &raw.name)));
            }
        }
        let rules = [
            raw.pairing.map(|r| match r {
                PathRule::SamePath => Rule::SamePath,
                PathRule::Suffix => Rule::Suffix,
            }),
            raw.front_matter.clone().map(Rule::FrontMatter),
            raw.link_field.clone().map(Rule::LinkField),
        ];
        let mut given = rules.into_iter().flatten();
        let rule = match (given.next(), given.next()) {
            (Some(_), Some(_)) => return Err(error(tr!("collection-two-rules", name = &raw.name))),
            (Some(rule), None) => rule,
            (None, _) if !raw.pair.is_empty() => Rule::Explicit,
            (None, _) => match layout {
                Layout::Roots { .. } => Rule::SamePath,
                Layout::Suffix { .. } => Rule::Suffix,
            },
        };
        let fits = matches!(
            (&rule, &layout),
            (Rule::SamePath, Layout::Roots { .. }) | (Rule::Suffix, Layout::Suffix { .. })
        ) || matches!(rule, Rule::FrontMatter(_) | Rule::LinkField(_) | Rule::Explicit);
        if !fits {
            return Err(error(tr!(
                "collection-rule-layout",
                name = &raw.name,
                rule = rule.describe()
            )));
        }
        out.push(Collection {
            name: raw.name,
            layout,
            rule,
            rewrite: raw.rewrite,
            english_only: raw.english_only.into_iter().map(PathBuf::from).collect(),
            pairs: raw.pair.into_iter().map(|p| (p.source, p.target)).collect(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_glob_walks_from_its_literal_folder() {
        assert_eq!(
            FileGlob::new("content/en/**/*.md").unwrap().base,
            Path::new("content/en")
        );
        assert_eq!(FileGlob::new("**/*.md").unwrap().base, Path::new(""));
        assert_eq!(FileGlob::new("docs/intro.md").unwrap().base, Path::new("docs"));
    }
}
