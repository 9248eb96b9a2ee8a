//! Building the whole site into the staging folder, in order: every
//! release's pages (in parallel), then what lists them (indexes, feeds,
//! the root, the sitemap, the manifest) and the stylesheet. Which releases
//! go in is the gate's decision, with the releases kept live at their
//! previous version; where each file goes is `site`'s.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;
use time::OffsetDateTime;

use crate::error::{Error, Result};
use crate::release::META_FILE;

use super::feed::write_feed;
use super::index::{write_index, write_root};
use super::manifest::manifest;
use super::output::{write_file, MANIFEST};
use super::page::{build_release, Entry, Input, Kept};
use super::site::{Site, STYLESHEET_PATH};
use super::sitemap::sitemap;
use super::templates::Templates;

/// Builds the whole site into `dir`, which must be empty. `now` dates the
/// feeds of a site with no release yet.
pub fn build(
    site: &Site,
    templates: &Templates,
    inputs: &[Input<'_>],
    kept: &[Kept],
    old: &Path,
    now: OffsetDateTime,
    dir: &Path,
) -> Result<()> {
    check_unique_paths(site, inputs, kept)?;
    let mut entries: Vec<Entry> = inputs
        .par_iter()
        .map(|input| build_release(site, templates, input, dir))
        .collect::<Result<_>>()?;
    for release in kept {
        release.copy(old, dir)?;
        entries.push(release.entry.clone());
    }
    entries.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.release.cmp(&b.release)));
    for side in 0..2 {
        write_index(site, templates, &entries, side, dir)?;
        write_feed(site, &entries, side, now, dir)?;
    }
    write_root(site, templates, dir)?;
    write_file(dir, STYLESHEET_PATH, templates.stylesheet().as_bytes())?;
    write_file(dir, "sitemap.xml", &sitemap(site, &entries)?)?;
    entries.sort_by(|a, b| a.release.cmp(&b.release));
    write_file(dir, MANIFEST, &manifest(site, &entries)?)?;
    Ok(())
}

/// Two releases with the same URL slug in a language would overwrite each
/// other's page (a release kept live keeps the paths it had).
fn check_unique_paths(site: &Site, inputs: &[Input<'_>], kept: &[Kept]) -> Result<()> {
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    let pages = inputs
        .iter()
        .flat_map(|input| {
            (0..2).map(move |side| (site.page_path(input.release, side), input.release.slug.as_str()))
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
