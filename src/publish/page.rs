//! A release's pages: one per language, each rendered from its Markdown with
//! `release.html`, with the files it references (images, checked by
//! `asset`) copied beside it, and what the rest of the build keeps of them
//! (`Entry`) for the indexes, feeds, sitemap and manifest. A release kept
//! live at its previous version (`Kept`) has its page folders copied from
//! the previous site byte for byte, and its entry from the manifest.

use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::error::{Error, Result};
use crate::release::{Date, ReleaseMeta};

use super::asset;
use super::manifest::PreviousRelease;

use super::context::{alternates, Og, PageContext, SiteContext, Switch};
use super::date;
use super::markdown;
use super::output::write_file;
use super::site::{relative, Site};
use super::templates::Templates;

/// A release ready to be built: its folder name, folder and metadata, and
/// the Markdown of each side as it will be published (boilerplate
/// expanded).
pub struct Input<'a> {
    pub slug: &'a str,
    pub dir: &'a Path,
    pub meta: &'a ReleaseMeta,
    pub markdown: [String; 2],
    /// The SHA-256 of each side's `markdown`, in hexadecimal: worked out
    /// once, for the render key and for the manifest.
    pub sha256: [String; 2],
    /// The hash of every input of its pages (`key`).
    pub render_key: String,
    /// When it was (or is now being) published.
    pub published_at: OffsetDateTime,
    /// When pages with this content first went out: the previous
    /// version's time when the Markdown is unchanged, else now.
    pub version_at: OffsetDateTime,
}

/// What the build keeps of a published page for indexes, feeds and the
/// manifest.
#[derive(Debug, Clone)]
pub(super) struct PageInfo {
    pub slug: String,
    pub path: String,
    pub title: String,
    pub summary: String,
    pub organisation: Option<String>,
    pub sha256: String,
}

/// A published release as the indexes, feeds and manifest see it.
#[derive(Debug, Clone)]
pub(super) struct Entry {
    pub release: String,
    pub date: Date,
    pub published_at: OffsetDateTime,
    pub version_at: OffsetDateTime,
    pub tags: Vec<String>,
    pub pages: [PageInfo; 2],
    /// The hash of every input of its pages (`key`); `None` for a release
    /// kept from a manifest written before there was one.
    pub render_key: Option<String>,
    /// The files published beside each page, relative to it.
    pub files: Vec<String>,
}

#[derive(Serialize)]
struct ReleaseContext<'a> {
    slug: &'a str,
    title: &'a str,
    date: String,
    date_iso: String,
    organisation: Option<&'a str>,
    tags: &'a [String],
    body: String,
    summary: &'a str,
}

#[derive(Serialize)]
struct ReleasePage<'a> {
    release: ReleaseContext<'a>,
}

/// Writes both pages of a release into `dir`, with its own files (a page
/// the live site `live` has with the same bytes is linked from it).
pub(super) fn build_release(
    site: &Site,
    templates: &Templates,
    input: &Input<'_>,
    dir: &Path,
    live: Option<&Path>,
) -> Result<Entry> {
    let paths = [site.page_path(input.meta, 0), site.page_path(input.meta, 1)];
    let date = input.meta.date().ok_or_else(|| Error::NoReleaseDate {
        release: input.slug.to_owned(),
    })?;
    let mut pages = Vec::with_capacity(2);
    let mut references = Vec::new();
    for side in 0..2 {
        let language = &site.languages[side];
        let other = &site.languages[1 - side];
        let mut rendered = markdown::render(&input.markdown[side], language.lang.code() == "fr");
        references.append(&mut rendered.references);
        if rendered.title.is_empty() {
            return Err(Error::NoTitle {
                release: input.slug.to_owned(),
                lang: language.lang.name().to_string(),
            });
        }
        let path = &paths[side];
        let organisation = input
            .meta
            .organisation
            .get(language.lang.code())
            .map(String::as_str);
        let context = PageContext {
            lang: language.tag(),
            page_title: format!("{} - {}", rendered.title, language.title),
            description: Some(rendered.summary.as_str()).filter(|s| !s.is_empty()),
            canonical: site.absolute(path),
            alternates: alternates(site, path, [&paths[0], &paths[1]], &paths[0]),
            og: Og {
                r#type: "article",
                title: rendered.title.clone(),
                url: site.absolute(path),
                locale: language.og_locale(),
                locale_alternate: vec![other.og_locale()],
            },
            site: SiteContext::new(site, side, path),
            labels: &language.labels,
            switch: Some(Switch {
                lang: other.tag(),
                href: relative(path, &paths[1 - side]),
                label: &other.labels.language_name,
            }),
            page: ReleasePage {
                release: ReleaseContext {
                    slug: input.slug,
                    title: &rendered.title,
                    date: date::long_date(date, &language.lang),
                    date_iso: date.to_string(),
                    organisation,
                    tags: &input.meta.tags,
                    body: rendered.body.clone(),
                    summary: &rendered.summary,
                },
            },
        };
        let html = templates.render("release.html", &context)?;
        write_file(dir, live, &format!("{path}index.html"), html.as_bytes())?;
        pages.push(PageInfo {
            slug: input
                .meta
                .slug
                .get(language.lang.code())
                .cloned()
                .unwrap_or_default(),
            path: path.clone(),
            title: rendered.title,
            summary: rendered.summary,
            organisation: organisation.map(str::to_owned),
            sha256: input.sha256[side].clone(),
        });
    }
    let files = asset::publishable(input.dir, &references);
    asset::copy(
        input.dir,
        &files,
        &paths.iter().map(|p| dir.join(p)).collect::<Vec<_>>(),
    )?;
    let [first, second]: [PageInfo; 2] = pages.try_into().map_err(|_| Error::NotTwoLanguages {
        release: input.slug.to_owned(),
    })?;
    Ok(Entry {
        release: input.slug.to_owned(),
        date,
        published_at: input.published_at,
        version_at: input.version_at,
        tags: input.meta.tags.clone(),
        pages: [first, second],
        render_key: Some(input.render_key.clone()),
        files: files.iter().map(|f| site_path(f)).collect(),
    })
}

/// A file path relative to a page folder, as a site path (`/` between
/// folders on every system).
fn site_path(file: &Path) -> String {
    file.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The release `previous` lists, as the previous site `old` has it: its
/// entry from the manifest, published at `published_at`, and every file
/// of its pages (both pages and the files beside them, as site paths).
/// The caller has made sure that every input of the pages is what it was
/// (`key`). `None` when a file the manifest lists is not a plain file of
/// the previous site any more: the release is rendered.
pub(super) fn linkable(
    site: &Site,
    previous: &PreviousRelease,
    old: &Path,
    published_at: OffsetDateTime,
) -> Option<(Entry, Vec<String>)> {
    let Kept { mut entry } = Kept::from_previous(site, previous)?;
    let files: Vec<String> = entry
        .pages
        .iter()
        .flat_map(|page| {
            std::iter::once(format!("{}index.html", page.path))
                .chain(entry.files.iter().map(move |f| format!("{}{f}", page.path)))
        })
        .collect();
    // Inside the previous site, and a plain file there.
    let plain = |file: &String| {
        Path::new(file)
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)))
            && std::fs::symlink_metadata(old.join(file)).is_ok_and(|m| m.is_file())
    };
    if !files.iter().all(plain) {
        return None;
    }
    entry.published_at = published_at;
    Some((entry, files))
}

/// Links the files `linkable` found into `dir` from the previous site
/// `old`, without rendering: each hard-linked (copied where the
/// filesystem has no hard links).
pub(super) fn link_files(files: &[String], old: &Path, dir: &Path) -> Result<()> {
    for file in files {
        let (from, to) = (old.join(file), dir.join(file));
        if let Some(parent) = to.parent() {
            super::output::ensure_dir(parent)?;
        }
        if std::fs::hard_link(&from, &to).is_err() {
            std::fs::copy(&from, &to).map_err(|e| Error::io(&to, e))?;
        }
    }
    Ok(())
}

/// A release kept on the site at the version the previous site holds.
pub(super) struct Kept {
    pub entry: Entry,
}

impl Kept {
    /// The kept release's entry, from the previous manifest; `None` when
    /// the manifest does not list it in both of the site's languages or
    /// its dates do not read.
    pub fn from_previous(site: &Site, previous: &PreviousRelease) -> Option<Kept> {
        let page = |side: usize| -> Option<PageInfo> {
            let page = previous.languages.get(&site.languages[side].tag())?;
            Some(PageInfo {
                slug: page.slug.clone(),
                path: page.path.clone(),
                title: page.title.clone(),
                summary: page.summary.clone(),
                organisation: page.organisation.clone(),
                sha256: page.sha256.clone(),
            })
        };
        let published_at = date::parse_rfc3339(&previous.published_at).ok()?;
        let version_at = previous
            .version_at
            .as_deref()
            .and_then(|v| date::parse_rfc3339(v).ok())
            .unwrap_or(published_at);
        Some(Kept {
            entry: Entry {
                release: previous.release.clone(),
                date: Date::parse(&previous.date)?,
                published_at,
                version_at,
                tags: previous.tags.clone(),
                pages: [page(0)?, page(1)?],
                render_key: previous.render_key.clone(),
                files: previous.files.clone(),
            },
        })
    }

    /// Copies both page folders from the previous site `old` into `dir`.
    pub fn copy(&self, old: &Path, dir: &Path) -> Result<()> {
        for page in &self.entry.pages {
            copy_tree(&old.join(&page.path), &dir.join(&page.path))?;
        }
        Ok(())
    }
}

/// Copies a folder of the previous site, files byte for byte; anything that
/// is neither a file nor a folder is left out.
fn copy_tree(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to).map_err(|e| Error::io(to, e))?;
    for entry in std::fs::read_dir(from).map_err(|e| Error::io(from, e))? {
        let entry = entry.map_err(|e| Error::io(from, e))?;
        let kind = entry.file_type().map_err(|e| Error::io(&entry.path(), e))?;
        let target: PathBuf = to.join(entry.file_name());
        if kind.is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else if kind.is_file() {
            std::fs::copy(entry.path(), &target).map_err(|e| Error::io(&target, e))?;
        }
    }
    Ok(())
}

/// SHA-256 in lowercase hex: how the manifest fingerprints a page's
/// Markdown, and what a feed's ids are derived from without a base URL.
pub(super) fn hex_sha256(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Bytes in lowercase hex.
pub(super) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut out, b| {
            let _ = write!(out, "{b:02x}");
            out
        })
}
