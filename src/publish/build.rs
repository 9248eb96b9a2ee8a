//! Building the whole site into the staging folder, in order: every
//! release's pages, in one parallel pass that keeps only each release's
//! small index `Entry` (its Markdown and HTML are let go as soon as its
//! pages are written), then what lists them (indexes, feeds, the root, the
//! sitemap, the manifest) and the stylesheet. Which releases go in is the
//! gate's decision, with the releases kept live at their previous version;
//! where each file goes is `site`'s.
//!
//! A release whose pages' inputs are all what they were when the live
//! site was built (the same render key, see `key`) is not rendered: its
//! pages and files are linked from the live site (`page::link_release`).

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;
use time::OffsetDateTime;

use crate::boilerplate::{expand_release, Boilerplate};
use crate::error::{Error, Result};
use crate::release::{Release, META_FILE};
use crate::workspace::Workspace;

use super::feed::write_feed;
use super::gate::Scanned;
use super::index::{write_index, write_root};
use super::key::SiteKey;
use super::manifest::{manifest, Previous};
use super::output::{by_parent, ensure_dir, write_file, MANIFEST};
use super::page::{build_release, hex_sha256, link_release, Entry, Input, Kept};
use super::site::{Site, STYLESHEET_PATH};
use super::sitemap::sitemap;
use super::templates::Templates;

/// Everything the build of one release needs besides the release.
pub struct Job<'a> {
    pub ws: &'a Workspace,
    pub site: &'a Site,
    pub templates: &'a Templates,
    pub boilerplate: &'a Boilerplate,
    pub key: &'a SiteKey,
    /// The live site's manifest, and the live site.
    pub previous: &'a Previous,
    pub old: &'a Path,
    /// Whether a release whose render key is unchanged is linked from the
    /// live site rather than rendered.
    pub link_unchanged: bool,
    /// The publication time; it also dates the feeds of a site with no
    /// release yet.
    pub now: OffsetDateTime,
}

/// Builds the whole site into `dir`, which must be empty.
pub fn build(job: &Job<'_>, ready: &[Scanned], kept: &[Kept], dir: &Path) -> Result<()> {
    let site = job.site;
    check_unique_paths(site, ready, kept)?;
    make_page_folders(site, ready, dir)?;
    let mut entries: Vec<Entry> = ready
        .par_iter()
        .map(|release| release_entry(job, release, dir))
        .collect::<Result<_>>()?;
    for release in kept {
        release.copy(job.old, dir)?;
        entries.push(release.entry.clone());
    }
    entries.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.release.cmp(&b.release)));
    for side in 0..2 {
        write_index(site, job.templates, &entries, side, dir)?;
        write_feed(site, &entries, side, job.now, dir)?;
    }
    write_root(site, job.templates, dir)?;
    write_file(dir, STYLESHEET_PATH, job.templates.stylesheet().as_bytes())?;
    write_file(dir, "sitemap.xml", &sitemap(site, &entries)?)?;
    entries.sort_by(|a, b| a.release.cmp(&b.release));
    write_file(dir, MANIFEST, &manifest(site, &entries)?)?;
    Ok(())
}

/// One release's pages written into `dir`, linked from the live site when
/// nothing that goes into them changed, else rendered; what the indexes
/// need of it.
fn release_entry(job: &Job<'_>, scanned: &Scanned, dir: &Path) -> Result<Entry> {
    let published_at = super::published_at(&scanned.meta, job.now);
    let before = job.previous.get(&scanned.slug);
    if let (true, Some(before), Some(hashes)) = (job.link_unchanged, before, &scanned.published) {
        let key = job
            .key
            .release(job.ws, &scanned.slug, &scanned.dir, &scanned.meta, hashes)?;
        if before.render_key.as_deref() == Some(key.as_str()) {
            if let Some(entry) = link_release(job.site, before, job.old, dir, published_at)? {
                return Ok(entry);
            }
        }
    }
    let release = Release::load(job.ws, &scanned.slug)?;
    let markdown = [
        expand_release(job.ws, job.boilerplate, &release, &job.ws.source)?,
        expand_release(job.ws, job.boilerplate, &release, &job.ws.target)?,
    ];
    let hashes = [
        hex_sha256(markdown[0].as_bytes()),
        hex_sha256(markdown[1].as_bytes()),
    ];
    let render_key = job
        .key
        .release(job.ws, &release.slug, &release.dir, &release.meta, &hashes)?;
    let version_at =
        super::unchanged_since(job.site, job.previous, &release.slug, &hashes).unwrap_or(job.now);
    let input = Input {
        release: &release,
        markdown,
        render_key,
        published_at,
        version_at,
    };
    build_release(job.site, job.templates, &input, dir)
}

/// Makes the page folder of every ready release in both languages, before
/// the pages are written in parallel: the folders of one news folder one
/// after another, the news folders in parallel (see `output::by_parent`).
fn make_page_folders(site: &Site, ready: &[Scanned], dir: &Path) -> Result<()> {
    let folders: Vec<_> = ready
        .iter()
        .flat_map(|release| (0..2).map(move |side| dir.join(site.page_path(&release.meta, side))))
        .collect();
    by_parent(&folders)
        .par_iter()
        .try_for_each(|siblings| siblings.iter().try_for_each(|folder| ensure_dir(folder)))
}

/// Two releases with the same URL slug in a language would overwrite each
/// other's page (a release kept live keeps the paths it had).
fn check_unique_paths(site: &Site, ready: &[Scanned], kept: &[Kept]) -> Result<()> {
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    let pages = ready
        .iter()
        .flat_map(|release| {
            (0..2).map(move |side| (site.page_path(&release.meta, side), release.slug.as_str()))
        })
        .chain(kept.iter().flat_map(|k| {
            k.entry
                .pages
                .iter()
                .map(move |page| (page.path.clone(), k.entry.release.as_str()))
        }));
    for (path, slug) in pages {
        if let Some(other) = seen.insert(path.clone(), slug) {
            return Err(Error::SamePagePath {
                first: other.to_string(),
                second: slug.to_owned(),
                path,
                meta: META_FILE,
            });
        }
    }
    Ok(())
}
