//! Building the whole site into the staging folder, in order: every
//! release's pages (in parallel), then what lists them (indexes, feeds,
//! the root, the sitemap, the manifest) and the stylesheet. Which releases
//! go in is the gate's decision; where each file goes is `site`'s.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;
use time::OffsetDateTime;

use crate::error::{Error, Result};
use crate::release::META_FILE;
use crate::workspace::Workspace;

use super::feed::write_feed;
use super::index::{write_index, write_root};
use super::manifest::manifest;
use super::output::{write_file, MANIFEST};
use super::page::{build_release, Entry, Input};
use super::site::{Site, STYLESHEET_PATH};
use super::sitemap::sitemap;
use super::templates::Templates;

/// Builds the whole site into `dir`, which must be empty. `now` dates the
/// feeds of a site with no release yet.
pub fn build(
    ws: &Workspace,
    site: &Site,
    templates: &Templates,
    inputs: &[Input<'_>],
    now: OffsetDateTime,
    dir: &Path,
) -> Result<()> {
    check_unique_paths(site, inputs)?;
    let mut entries: Vec<Entry> = inputs
        .par_iter()
        .map(|input| build_release(ws, site, templates, input, dir))
        .collect::<Result<_>>()?;
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
/// other's page.
fn check_unique_paths(site: &Site, inputs: &[Input<'_>]) -> Result<()> {
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    for input in inputs {
        for side in 0..2 {
            let path = site.page_path(input.release, side);
            if let Some(other) = seen.insert(path.clone(), &input.release.slug) {
                return Err(Error::SamePagePath {
                    first: other.to_string(),
                    second: input.release.slug.clone(),
                    path,
                    meta: META_FILE,
                });
            }
        }
    }
    Ok(())
}
