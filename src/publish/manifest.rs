//! `manifest.json`: every published release with its pages in both
//! languages, for machines (search indexes, mirrors, audits). The next
//! run reads it back (`Previous`) to know what is live: a release that is
//! live and now held back is kept at the version these pages hold.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::{Deserialize, Serialize};

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
    summary: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    organisation: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct ManifestRelease<'a> {
    release: &'a str,
    date: String,
    published_at: String,
    /// When the pages first went out with this content.
    version_at: String,
    tags: &'a [String],
    languages: BTreeMap<String, ManifestPage<'a>>,
    /// The hash of every input of the release's pages (`key`): a later run
    /// that finds the same links these pages instead of rendering them.
    #[serde(skip_serializing_if = "Option::is_none")]
    render_key: Option<&'a str>,
    /// The files published beside each page (images), relative to it.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    files: &'a [String],
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
            version_at: date::rfc3339(entry.version_at),
            tags: &entry.tags,
            render_key: entry.render_key.as_deref(),
            files: &entry.files,
            languages: (0..2)
                .map(|side| {
                    let page = &entry.pages[side];
                    let value = ManifestPage {
                        slug: &page.slug,
                        path: &page.path,
                        url: site.url(&page.path),
                        title: &page.title,
                        sha256: &page.sha256,
                        summary: &page.summary,
                        organisation: page.organisation.as_deref(),
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

/// A page as the previous site's manifest lists it.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(super) struct PreviousPage {
    #[serde(default)]
    pub slug: String,
    pub path: String,
    pub title: String,
    pub sha256: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub organisation: Option<String>,
}

/// A release as the previous site's manifest lists it.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(super) struct PreviousRelease {
    pub release: String,
    pub date: String,
    pub published_at: String,
    /// Absent from manifests written before bitext kept live versions:
    /// `published-at` stands in.
    #[serde(default)]
    pub version_at: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    pub languages: BTreeMap<String, PreviousPage>,
    /// Absent from manifests written before pages were linked unrendered:
    /// every page of those is rendered.
    #[serde(default)]
    pub render_key: Option<String>,
    #[serde(default)]
    pub files: Vec<String>,
}

/// The previous site's manifest, as far as this run needs it.
#[derive(Debug, Clone, Default, Deserialize)]
pub(super) struct Previous {
    #[serde(default)]
    pub releases: Vec<PreviousRelease>,
    /// Where each release is in `releases`, by slug (the first of a slug
    /// listed twice).
    #[serde(skip)]
    index: HashMap<String, usize>,
}

impl Previous {
    /// Reads the manifest of the site at `dir`; a site without one (or an
    /// empty folder) lists nothing. A manifest that does not parse is an
    /// error with its line: what is live cannot be known.
    pub fn read(dir: &Path) -> Result<Previous> {
        let path = dir.join(MANIFEST);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Previous::default()),
            Err(e) => return Err(Error::io(&path, e)),
        };
        let mut previous: Previous = serde_json::from_str(&text).map_err(|e| {
            Error::syntax(
                &path,
                crate::document::source::Position {
                    line: e.line(),
                    column: e.column(),
                },
                e.to_string(),
            )
        })?;
        for (at, release) in previous.releases.iter().enumerate().rev() {
            previous.index.insert(release.release.clone(), at);
        }
        Ok(previous)
    }

    /// The release `slug` as the manifest lists it.
    pub fn get(&self, slug: &str) -> Option<&PreviousRelease> {
        self.index.get(slug).map(|&at| &self.releases[at])
    }
}
