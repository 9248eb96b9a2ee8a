//! `bitext init`: look at an existing site and propose its `bitext.toml`.
//! Layouts are found by their folders (two language roots side by side,
//! Docusaurus `i18n/`) or file names (`page.md` + `page.fr.md`,
//! `page-en.html` + `page-fr.html`); for language roots every rule is tried
//! (same path, each front-matter key shared across languages, each field
//! that links to a page of the other language) and the one that pairs the
//! most pages wins. The counts come from the same discovery `check` uses.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::collection::config::FileGlob;
use crate::collection::{discover_one, front_matter, slash, split_name, Collection, Discovery, Layout, Rule};
use crate::error::Result;

/// One collection found.
#[derive(Debug, Clone)]
pub struct Found {
    pub collection: Collection,
    pub pairs: usize,
    /// Of `pairs`, those matched by content and listed as
    /// `[[collection.pair]]` for a person to review.
    pub by_content: usize,
    pub english_only: Vec<PathBuf>,
    pub french_only: usize,
    pub conflicts: usize,
}

/// What `init` proposes: the collections and the configuration text.
#[derive(Debug, Clone)]
pub struct Proposal {
    pub found: Vec<Found>,
    pub config: String,
}

/// Front-matter keys that name a translation group, preferred when they
/// pair about as many pages as a key that only happens to be shared.
const KEY_NAMES: &[&str] = &[
    "translationkey",
    "translation_key",
    "i18nkey",
    "ref",
    "lang_ref",
    "key",
    "uid",
    "id",
];

/// Keys that are shared across languages without naming the page.
const NOT_KEYS: &[&str] = &[
    "date", "layout", "lastmod", "draft", "weight", "type", "author", "image", "thumb",
];

fn glob(pattern: &str) -> FileGlob {
    // Patterns built here from folder names found on disk; a name with
    // glob syntax in it is escaped so that it matches itself.
    let pattern = match pattern.strip_suffix("**/*") {
        Some(dir) => format!("{}**/*", globset::escape(dir)),
        None => globset::escape(pattern),
    };
    FileGlob::new(&pattern).unwrap_or_else(|_| FileGlob::new("**/*").expect("a valid glob"))
}

fn try_rule(root: &Path, name: &str, layout: &Layout, rule: Rule) -> Result<(Collection, Discovery)> {
    let collection = Collection {
        name: name.to_owned(),
        layout: layout.clone(),
        rule,
        rewrite: BTreeMap::new(),
        english_only: Vec::new(),
        pairs: Vec::new(),
    };
    let mut found = Discovery::default();
    discover_one(root, 0, &collection, &mut found)?;
    Ok((collection, found))
}

/// Front-matter keys worth trying on a pair of language roots: those
/// whose values are shared by both sides (a translation key) or look like
/// an address (a link field).
fn candidate_keys(root: &Path, sources: &[PathBuf], targets: &[PathBuf]) -> (Vec<String>, Vec<String>) {
    let values = |files: &[PathBuf]| {
        let mut by_key: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for file in files {
            let Ok(text) = std::fs::read_to_string(root.join(file)) else {
                continue;
            };
            for (key, value) in front_matter::scalars(&text) {
                by_key.entry(key).or_default().insert(value);
            }
        }
        by_key
    };
    let (source, target) = (values(sources), values(targets));
    let mut shared = Vec::new();
    let mut links = Vec::new();
    for (key, values) in &source {
        if NOT_KEYS.contains(&key.to_lowercase().as_str()) {
            continue;
        }
        let common = target.get(key).map_or(0, |t| values.intersection(t).count());
        if common > 0 {
            shared.push(key.clone());
        }
        if values.iter().filter(|v| v.contains('/')).count() * 2 > values.len() {
            links.push(key.clone());
        }
    }
    (shared, links)
}

fn best_rule(root: &Path, name: &str, layout: &Layout) -> Result<(Collection, Discovery)> {
    let Layout::Roots { source, target } = layout else {
        return try_rule(root, name, layout, Rule::Suffix);
    };
    let (sources, targets) = (super::list(root, source)?, super::list(root, target)?);
    let (shared, links) = candidate_keys(root, &sources, &targets);
    let mut best = try_rule(root, name, layout, Rule::SamePath)?;
    let mut best_named: Option<(Collection, Discovery)> = None;
    let tries = shared
        .into_iter()
        .map(Rule::FrontMatter)
        .chain(links.into_iter().map(Rule::LinkField));
    for rule in tries {
        // A page's YAML that does not parse makes that key a bad guess.
        let Ok(candidate) = try_rule(root, name, layout, rule) else {
            continue;
        };
        if let Rule::FrontMatter(key) = &candidate.0.rule {
            let named = KEY_NAMES.contains(&key.to_lowercase().as_str());
            if named
                && best_named
                    .as_ref()
                    .is_none_or(|b| candidate.1.pairs.len() > b.1.pairs.len())
            {
                best_named = Some(candidate.clone());
            }
        }
        if candidate.1.pairs.len() > best.1.pairs.len() {
            best = candidate;
        }
    }
    if let Some(named) = best_named {
        if named.1.pairs.len() * 10 >= best.1.pairs.len() * 9 {
            best = named;
        }
    }
    Ok(best)
}

/// Folders that hold both an `en` and a `fr` folder, up to four levels down.
fn language_roots(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let walk = walkdir::WalkDir::new(root)
        .max_depth(4)
        .sort_by_file_name()
        .into_iter();
    for entry in walk.filter_entry(|e| {
        let name = e.file_name().to_string_lossy();
        e.depth() == 0 || (!name.starts_with('.') && name != "node_modules" && name != "i18n")
    }) {
        let Ok(entry) = entry else { continue };
        if entry.file_type().is_dir() && entry.path().join("en").is_dir() && entry.path().join("fr").is_dir()
        {
            out.push(
                entry
                    .path()
                    .strip_prefix(root)
                    .unwrap_or(entry.path())
                    .to_path_buf(),
            );
        }
    }
    out
}

/// Suffix conventions in use: `(source suffix, target suffix)` when at
/// least one page has its translation beside it so named.
fn suffixes(root: &Path) -> Result<Vec<(String, String)>> {
    let all = super::list(root, &glob("**/*"))?;
    let names: BTreeSet<String> = all.iter().map(|p| slash(p)).collect();
    let mut out = Vec::new();
    for (source_suffix, target_suffix) in [("", ".fr"), ("-en", "-fr"), (".en", ".fr")] {
        let beside = all.iter().any(|path| {
            let (stem, ext) = split_name(path);
            stem.strip_suffix(target_suffix).is_some_and(|bare| {
                let source = path.with_file_name(format!("{bare}{source_suffix}.{ext}"));
                names.contains(&slash(&source))
            })
        });
        if beside && !out.iter().any(|(_, t)| t == target_suffix) {
            out.push((source_suffix.to_owned(), target_suffix.to_owned()));
        }
    }
    Ok(out)
}

/// Looks at the tree under `root` and proposes collections for it.
pub fn detect(root: &Path) -> Result<Proposal> {
    let mut layouts: Vec<(String, Layout)> = Vec::new();
    for dir in language_roots(root) {
        let base = slash(&dir);
        let prefix = if base.is_empty() {
            String::new()
        } else {
            format!("{base}/")
        };
        let name = dir
            .file_name()
            .map_or("pages".to_owned(), |n| n.to_string_lossy().into_owned());
        layouts.push((
            name,
            Layout::Roots {
                source: glob(&format!("{prefix}en/**/*")),
                target: glob(&format!("{prefix}fr/**/*")),
            },
        ));
    }
    let docusaurus = Path::new("i18n/fr/docusaurus-plugin-content-docs/current");
    if root.join(docusaurus).is_dir() && root.join("docs").is_dir() {
        layouts.push((
            "docs".to_owned(),
            Layout::Roots {
                source: glob("docs/**/*"),
                target: glob(&format!("{}/**/*", slash(docusaurus))),
            },
        ));
    }
    for (source_suffix, target_suffix) in suffixes(root)? {
        layouts.push((
            "pages".to_owned(),
            Layout::Suffix {
                files: glob("**/*"),
                source_suffix,
                target_suffix,
            },
        ));
    }
    let mut found = Vec::new();
    let mut names = BTreeSet::new();
    for (name, layout) in layouts {
        let mut unique = name.clone();
        let mut n = 2;
        while !names.insert(unique.clone()) {
            unique = format!("{name}-{n}");
            n += 1;
        }
        let (mut collection, mut discovery) = best_rule(root, &unique, &layout)?;
        let extra = by_content(root, &discovery)?;
        let by_content = extra.len();
        if by_content > 0 {
            collection.pairs = extra;
            discovery = Discovery::default();
            discover_one(root, 0, &collection, &mut discovery)?;
        }
        if discovery.pairs.is_empty() {
            continue;
        }
        found.push(Found {
            collection,
            by_content,
            pairs: discovery.pairs.len(),
            english_only: discovery.missing.into_iter().map(|(_, p)| p).collect(),
            french_only: discovery.orphans.len(),
            conflicts: discovery.conflicts.len(),
        });
    }
    let config = render(&found);
    Ok(Proposal { found, config })
}

/// The anchors of a whole page (numbers, links, code, names), sorted.
fn page_anchors(root: &Path, path: &Path) -> Result<Vec<u64>> {
    let file = crate::document::source::SourceFile::read(&root.join(path))?;
    let file = crate::document::source::SourceFile::new(path, file.text().to_owned());
    let document = crate::document::Document::new(file);
    let mut all: Vec<u64> = document
        .segments()
        .iter()
        .flat_map(|s| {
            let a = crate::pairing::anchor::anchors(s);
            a.exact.into_iter().chain(a.names)
        })
        .collect();
    all.sort_unstable();
    all.dedup();
    Ok(all)
}

/// Pages the rule left unpaired, matched by what a translation keeps:
/// numbers, links, inline code and names. Each page goes to the page of
/// the other language that shares the most with it, when that share is
/// high; these are proposed for review, never taken silently.
fn by_content(root: &Path, found: &Discovery) -> Result<Vec<(PathBuf, PathBuf)>> {
    if found.missing.is_empty() || found.orphans.is_empty() {
        return Ok(Vec::new());
    }
    let anchors = |list: &[(usize, PathBuf)]| -> Result<Vec<(PathBuf, Vec<u64>)>> {
        list.iter()
            .map(|(_, p)| Ok((p.clone(), page_anchors(root, p)?)))
            .collect()
    };
    let (sources, targets) = (anchors(&found.missing)?, anchors(&found.orphans)?);
    let mut scored = Vec::new();
    for (i, (_, a)) in sources.iter().enumerate() {
        for (j, (_, b)) in targets.iter().enumerate() {
            let (shared, _) = crate::pairing::anchor::overlap(a, b);
            let dice = 2.0 * shared as f64 / (a.len() + b.len()).max(1) as f64;
            if shared >= 2 {
                scored.push((dice, i, j));
            }
        }
    }
    scored.sort_by(|x, y| y.0.total_cmp(&x.0));
    let (mut used_source, mut used_target) = (BTreeSet::new(), BTreeSet::new());
    let mut out = Vec::new();
    // A strong match is taken at once; a weaker one only when each page
    // is the other's best match among those left.
    let best_of = |i: usize, j: usize, taken: &(BTreeSet<usize>, BTreeSet<usize>)| {
        let for_source = scored
            .iter()
            .filter(|s| s.1 == i && !taken.1.contains(&s.2))
            .max_by(|x, y| x.0.total_cmp(&y.0));
        let for_target = scored
            .iter()
            .filter(|s| s.2 == j && !taken.0.contains(&s.1))
            .max_by(|x, y| x.0.total_cmp(&y.0));
        for_source.is_some_and(|s| s.2 == j) && for_target.is_some_and(|s| s.1 == i)
    };
    for &(dice, i, j) in &scored {
        if used_source.contains(&i) || used_target.contains(&j) {
            continue;
        }
        let taken = (used_source.clone(), used_target.clone());
        if !(dice >= 0.3 || best_of(i, j, &taken)) {
            continue;
        }
        used_source.insert(i);
        used_target.insert(j);
        out.push((sources[i].0.clone(), targets[j].0.clone()));
    }
    out.sort();
    Ok(out)
}

fn quote(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

/// The commented `bitext.toml` for what was found.
fn render(found: &[Found]) -> String {
    let mut out = String::from(
        "# bitext.toml, written by `bitext init` from the pages found here.\n\
         # Every key is documented in docs/collections.md.\n\n\
         [languages]\n\
         # Add a region for the typography you follow: fr-CA puts no space\n\
         # before ? ! ;, fr-FR does.\n\
         source = \"en\"\n\
         target = \"fr\"\n",
    );
    for f in found {
        let c = &f.collection;
        out.push_str(&format!(
            "\n# {} pairs, {} English-only, {} French-only, by {}.\n[[collection]]\nname = {}\n",
            f.pairs,
            f.english_only.len(),
            f.french_only,
            c.rule.describe(),
            quote(&c.name)
        ));
        match &c.layout {
            Layout::Roots { source, target } => {
                out.push_str(&format!(
                    "source = {}\ntarget = {}\n",
                    quote(&source.pattern),
                    quote(&target.pattern)
                ));
            }
            Layout::Suffix {
                files,
                source_suffix,
                target_suffix,
            } => {
                out.push_str(&format!(
                    "files = {}\nsource-suffix = {}\ntarget-suffix = {}\n",
                    quote(&files.pattern),
                    quote(source_suffix),
                    quote(target_suffix)
                ));
            }
        }
        match &c.rule {
            Rule::SamePath => out.push_str("pairing = \"same-path\"\n"),
            Rule::Suffix => out.push_str("pairing = \"suffix\"\n"),
            Rule::FrontMatter(key) => out.push_str(&format!("front-matter = {}\n", quote(key))),
            Rule::LinkField(key) => out.push_str(&format!("link-field = {}\n", quote(key))),
            Rule::Explicit => {}
        }
        out.push_str("# Translated folder names, for same-path: news = \"nouvelles\"\n# rewrite = { }\n");
        out.push_str("# Pages with no French on purpose (else missing-document):\n");
        if f.english_only.is_empty() {
            out.push_str("# english-only = []\n");
        } else {
            out.push_str("# english-only = [\n");
            for path in &f.english_only {
                out.push_str(&format!("#   {},\n", quote(&slash(path))));
            }
            out.push_str("# ]\n");
        }
        if !c.pairs.is_empty() {
            out.push_str("# Matched by content (shared numbers, links, code and names): review them.\n");
            for (source, target) in &c.pairs {
                out.push_str(&format!(
                    "[[collection.pair]]\nsource = {}\ntarget = {}\n",
                    quote(&slash(source)),
                    quote(&slash(target))
                ));
            }
        }
    }
    out
}
