//! What proves that a release's pages would come out as the live site has
//! them, so that a republication can link them from the previous site
//! without rendering them again: a hash (`render-key` in the manifest) of
//! every input of both pages.
//!
//! The site's part (`SiteKey`) is the same for every release: bitext's
//! version and the binary itself (the Markdown renderer and the sanitiser
//! are in it), every template, the site's languages with their prefixes,
//! titles and built-in words, and the base URL. A release's part is its
//! slug, date, URL slugs, organisations and tags, the SHA-256 of each
//! side's Markdown as published (boilerplate expanded: the manifest's
//! `sha256`), and every other file of its folder, by name and content
//! (the images a page references are copied beside it, and a file that
//! appears can turn a link into an image to copy). Nothing else goes into
//! a release page: its publication dates are only in the indexes, feeds,
//! sitemap and manifest, which are built every time, and it lists no
//! other release.

use std::path::Path;

use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::release::{ReleaseMeta, META_FILE};
use crate::workspace::Workspace;

use super::site::Site;
use super::templates::Templates;

/// The first field of every key; a change of what goes in changes it.
const MAGIC: &str = "bitext-render-key 1";

/// A hash being built, field by field, each with its length first so
/// that no two sequences of fields hash alike.
struct Fields(Sha256);

impl Fields {
    fn new() -> Self {
        Fields(Sha256::new())
    }

    fn field(&mut self, bytes: &[u8]) -> &mut Self {
        self.0.update((bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
        self
    }

    fn hex(self) -> String {
        super::page::hex(&self.0.finalize())
    }
}

/// The part of every release's key that is the site's.
#[derive(Debug, Clone)]
pub(super) struct SiteKey(String);

impl SiteKey {
    pub fn new(site: &Site, templates: &Templates) -> Result<Self> {
        let mut hash = Fields::new();
        hash.field(MAGIC.as_bytes())
            .field(env!("CARGO_PKG_VERSION").as_bytes());
        // A rebuilt binary of the same version may render otherwise.
        hash.field(crate::cache::binary().as_bytes());
        for (name, text) in templates.sources() {
            hash.field(name.as_bytes()).field(text.as_bytes());
        }
        hash.field(site.base_url.as_deref().unwrap_or("").as_bytes());
        for language in &site.languages {
            let labels = serde_json::to_vec(&language.labels).map_err(|e| Error::EncodeManifest {
                manifest: super::output::MANIFEST,
                error: e.to_string(),
            })?;
            hash.field(language.tag().as_bytes())
                .field(language.prefix.as_bytes())
                .field(language.title.as_bytes())
                .field(&labels);
        }
        Ok(SiteKey(hash.hex()))
    }

    /// The key of a release's pages: this site's, its metadata's, the
    /// hashes of its Markdown as published, and its other files'. `files`
    /// are the names of the regular files its folder holds (no folders or
    /// links), when the scan listed them: the folder is then not listed
    /// again.
    pub fn release(
        &self,
        ws: &Workspace,
        slug: &str,
        dir: &Path,
        meta: &ReleaseMeta,
        markdown: &[String; 2],
        files: Option<&[String]>,
    ) -> Result<String> {
        let mut hash = Fields::new();
        hash.field(self.0.as_bytes()).field(slug.as_bytes());
        hash.field(meta.date().map(|d| d.to_string()).unwrap_or_default().as_bytes());
        for map in [&meta.slug, &meta.organisation] {
            hash.field(&(map.len() as u64).to_le_bytes());
            for (code, value) in map {
                hash.field(code.as_bytes()).field(value.as_bytes());
            }
        }
        hash.field(&(meta.tags.len() as u64).to_le_bytes());
        for tag in &meta.tags {
            hash.field(tag.as_bytes());
        }
        for side in markdown {
            hash.field(side.as_bytes());
        }
        let own = [
            META_FILE.to_owned(),
            ws.source.document_name(),
            ws.target.document_name(),
            crate::pairing::lock::LOCK_FILE.to_owned(),
        ];
        match files {
            Some(files) => {
                let mut others: Vec<&String> = files.iter().filter(|name| !own.contains(name)).collect();
                others.sort();
                for name in others {
                    file(&dir.join(name), name.as_bytes(), &mut hash)?;
                }
            }
            None => folder(dir, dir, &own, &mut hash)?,
        }
        Ok(hash.hex())
    }
}

/// Every entry under `dir` but the release's own files (`own`, at its
/// top): its path, its kind, and a file's content or a link's target.
/// Symbolic links are not followed.
fn folder(root: &Path, dir: &Path, own: &[String], hash: &mut Fields) -> Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .collect::<std::io::Result<_>>()
        .map_err(|e| Error::io(dir, e))?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name();
        if dir == root && own.iter().any(|o| name.as_os_str() == o.as_str()) {
            continue;
        }
        let path = entry.path();
        let kind = entry.file_type().map_err(|e| Error::io(&path, e))?;
        let relative = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .as_os_str()
            .as_encoded_bytes();
        if kind.is_file() {
            file(&path, relative, hash)?;
        } else if kind.is_dir() {
            hash.field(relative).field(b"dir");
            folder(root, &path, own, hash)?;
        } else if kind.is_symlink() {
            let target = std::fs::read_link(&path).map_err(|e| Error::io(&path, e))?;
            hash.field(relative)
                .field(b"link")
                .field(target.as_os_str().as_encoded_bytes());
        } else {
            hash.field(relative).field(b"other");
        }
    }
    Ok(())
}

/// A regular file of a release's folder: its path in the folder, and its
/// content.
fn file(path: &Path, relative: &[u8], hash: &mut Fields) -> Result<()> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    hash.field(relative).field(b"file").field(&Sha256::digest(&bytes));
    Ok(())
}
