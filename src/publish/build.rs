//! Building the whole site into the staging folder, in order: every
//! release's pages, in one parallel pass that keeps only each release's
//! small index `Entry` (its Markdown and HTML are let go as soon as its
//! pages are written), then what lists them (indexes, feeds, the root, the
//! sitemap, the manifest) and the stylesheet. Which releases go in is the
//! gate's decision, with the releases kept live at their previous version;
//! where each file goes is `site`'s. A release the gate read as plain text
//! (no boilerplate) is rendered from its documents' text, not parsed into
//! segments again.
//!
//! A release whose pages' inputs are all what they were when the live
//! site was built (the same render key, see `key`) is not rendered: its
//! pages and files are linked from the live site (`page::linkable`). When
//! every release is such, and every listing would come out with the bytes
//! the live site has, the live site is already the site to build
//! (`unchanged`), and `publish` leaves it in place.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;
use time::OffsetDateTime;

use crate::boilerplate::{expand_release, Boilerplate};
use crate::error::{Error, Result};
use crate::release::{Release, META_FILE};
use crate::workspace::Workspace;

use super::feed::feed;
use super::gate::Scanned;
use super::index::{index, root};
use super::key::SiteKey;
use super::manifest::{manifest, Previous};
use super::output::{by_parent, same_bytes, write_file, MANIFEST, MARKER, MARKER_TEXT};
use super::page::{self, build_release, hex_sha256, link_files, Entry, Input, Kept};
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
    /// The live site when bitext wrote it: a file it holds with the bytes
    /// to write is linked from it instead (see `output::write_file`).
    pub live: Option<&'a Path>,
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
    listings(job, entries, |path, bytes| {
        write_file(dir, job.live, path, bytes)?;
        Ok(true)
    })?;
    Ok(())
}

/// Whether the live site is already the site `build` would make: every
/// ready release would be linked from it unrendered (its render key is
/// unchanged and its files are there), and every listing would be written
/// with the bytes it has. Nothing is written.
pub fn unchanged(job: &Job<'_>, ready: &[Scanned], kept: &[Kept]) -> Result<bool> {
    if !job.link_unchanged {
        return Ok(false);
    }
    check_unique_paths(job.site, ready, kept)?;
    let linked: Option<Vec<Entry>> = ready
        .par_iter()
        .map(|release| Ok(linkable(job, release)?.map(|(entry, _)| entry)))
        .collect::<Result<_>>()?;
    let Some(mut entries) = linked else {
        return Ok(false);
    };
    entries.extend(kept.iter().map(|release| release.entry.clone()));
    let same = |path: &str, bytes: &[u8]| same_bytes(&job.old.join(path), bytes);
    Ok(same(MARKER, MARKER_TEXT.as_bytes()) && listings(job, entries, |path, bytes| Ok(same(path, bytes)))?)
}

/// Makes every file that lists the releases or is the same for all (the
/// indexes, feeds, root, stylesheet, sitemap and manifest) from the
/// releases' `entries`, and hands each to `each` with its site path, one
/// at a time, while `each` says to go on. Whether it went through.
fn listings(
    job: &Job<'_>,
    mut entries: Vec<Entry>,
    mut each: impl FnMut(&str, &[u8]) -> Result<bool>,
) -> Result<bool> {
    let site = job.site;
    entries.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.release.cmp(&b.release)));
    for side in 0..2 {
        let (path, html) = index(site, job.templates, &entries, side)?;
        if !each(&path, &html)? {
            return Ok(false);
        }
        let (path, xml) = feed(site, &entries, side, job.now)?;
        if !each(&path, &xml)? {
            return Ok(false);
        }
    }
    let (path, html) = root(site, job.templates)?;
    let go_on = each(&path, &html)?
        && each(STYLESHEET_PATH, job.templates.stylesheet().as_bytes())?
        && each("sitemap.xml", &sitemap(site, &entries)?)?;
    if !go_on {
        return Ok(false);
    }
    entries.sort_by(|a, b| a.release.cmp(&b.release));
    each(MANIFEST, &manifest(site, &entries)?)
}

/// A ready release whose pages the live site has as they would be
/// rendered now (the same render key, see `key`): its entry and files
/// (`page::linkable`).
fn linkable(job: &Job<'_>, scanned: &Scanned) -> Result<Option<(Entry, Vec<String>)>> {
    let before = job.previous.get(&scanned.slug);
    let (true, Some(before), Some(hashes)) = (job.link_unchanged, before, &scanned.published) else {
        return Ok(None);
    };
    let key = job.key.release(
        job.ws,
        &scanned.slug,
        &scanned.dir,
        &scanned.meta,
        hashes,
        scanned.files.as_deref(),
    )?;
    if before.render_key.as_deref() != Some(key.as_str()) {
        return Ok(None);
    }
    let published_at = super::published_at(&scanned.meta, job.now);
    Ok(page::linkable(job.site, before, job.old, published_at))
}

/// One release's pages written into `dir`, linked from the live site when
/// nothing that goes into them changed, else rendered; what the indexes
/// need of it.
fn release_entry(job: &Job<'_>, scanned: &Scanned, dir: &Path) -> Result<Entry> {
    if let Some((entry, files)) = linkable(job, scanned)? {
        link_files(&files, job.old, dir)?;
        return Ok(entry);
    }
    let published_at = super::published_at(&scanned.meta, job.now);
    // A release read as plain text is rendered from its text; any other is
    // loaded, and its boilerplate expanded.
    let loaded;
    let (slug, folder, meta, markdown) = if scanned.plain {
        let side = |lang| super::plain_text(job.ws, &scanned.dir, lang);
        let markdown = [side(&job.ws.source)?, side(&job.ws.target)?];
        (
            scanned.slug.as_str(),
            scanned.dir.as_path(),
            &scanned.meta,
            markdown,
        )
    } else {
        loaded = Release::load(job.ws, &scanned.slug)?;
        let markdown = [
            expand_release(job.ws, job.boilerplate, &loaded, &job.ws.source)?,
            expand_release(job.ws, job.boilerplate, &loaded, &job.ws.target)?,
        ];
        (loaded.slug.as_str(), loaded.dir.as_path(), &loaded.meta, markdown)
    };
    let hashes = [
        hex_sha256(markdown[0].as_bytes()),
        hex_sha256(markdown[1].as_bytes()),
    ];
    let render_key = job
        .key
        .release(job.ws, slug, folder, meta, &hashes, scanned.files.as_deref())?;
    let version_at = super::unchanged_since(job.site, job.previous, slug, &hashes).unwrap_or(job.now);
    let input = Input {
        slug,
        dir: folder,
        meta,
        markdown,
        sha256: hashes,
        render_key,
        published_at,
        version_at,
    };
    build_release(job.site, job.templates, &input, dir, job.live)
}

/// Makes the page folder of every ready release in both languages, before
/// the pages are written in parallel: the folders of one news folder one
/// after another, the news folders in parallel (see `output::by_parent`).
fn make_page_folders(site: &Site, ready: &[Scanned], dir: &Path) -> Result<()> {
    let folders: Vec<_> = ready
        .iter()
        .flat_map(|release| (0..2).map(move |side| dir.join(site.page_path(&release.meta, side))))
        .collect();
    by_parent(&folders).par_iter().try_for_each(|siblings| {
        siblings
            .iter()
            .try_for_each(|folder| std::fs::create_dir_all(folder).map_err(|e| Error::io(folder, e)))
    })
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
