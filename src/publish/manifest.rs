//! `manifest.json`: every published release with its pages in both
//! languages, for machines (search indexes, mirrors, audits). Its presence
//! is also what marks a folder as a site bitext wrote (`output`).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::error::{Error, Result};

use super::date;
use super::output::MANIFEST;
use super::page::Entry;
use super::site::{Site, SiteLanguage};

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct ManifestPage<'a> {
    slug: &'a str,
    path: &'a str,
    url: String,
    title: &'a str,
    /// SHA-256 of the Markdown as published (boilerplate expanded).
    sha256: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct ManifestRelease<'a> {
    release: &'a str,
    date: String,
    published_at: String,
    tags: &'a [String],
    languages: BTreeMap<String, ManifestPage<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Manifest<'a> {
    version: u32,
    base_url: Option<&'a str>,
    languages: Vec<String>,
    releases: Vec<ManifestRelease<'a>>,
}

/// The manifest of a site holding `entries`, in their order, as pretty
/// JSON with a final newline.
pub(super) fn manifest(site: &Site, entries: &[Entry]) -> Result<Vec<u8>> {
    let releases = entries
        .iter()
        .map(|entry| ManifestRelease {
            release: &entry.release,
            date: entry.date.to_string(),
            published_at: date::rfc3339(entry.published_at),
            tags: &entry.tags,
            languages: (0..2)
                .map(|side| {
                    let page = &entry.pages[side];
                    let value = ManifestPage {
                        slug: &page.slug,
                        path: &page.path,
                        url: site.url(&page.path),
                        title: &page.title,
                        sha256: &page.sha256,
                    };
                    (site.languages[side].tag(), value)
                })
                .collect(),
        })
        .collect();
    let manifest = Manifest {
        version: 1,
        base_url: site.base_url.as_deref(),
        languages: site.languages.iter().map(SiteLanguage::tag).collect(),
        releases,
    };
    let mut json = serde_json::to_vec_pretty(&manifest).map_err(|e| Error::EncodeManifest {
        manifest: MANIFEST,
        error: e.to_string(),
    })?;
    json.push(b'\n');
    Ok(json)
}
