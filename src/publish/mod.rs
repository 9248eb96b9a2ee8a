//! `bitext publish`: the workspace as a bilingual static site. It owns the
//! order of the work: decide which releases go out, which wait and which
//! are blocked (`gate`), keep live at their previous version the releases
//! that were on the site and are now held back (read from the previous
//! site's `manifest`), lay out the site (`site`) and build it (`build`:
//! each release's `page` in both languages, rendered with `markdown`,
//! `templates` and `labels`, with the files it references (`asset`), then
//! the `index`es, `feed`s, `sitemap` and `manifest`) into a folder beside
//! the output, write each new `release.toml` beside the old one (`record`),
//! swap the site in (`output`) and put the records in place. A release
//! goes out in both languages or not at all. A run with nothing to record
//! whose site would be the live one (`build::unchanged`) writes nothing,
//! and leaves the live site in place. What was read of each release's
//! documents is remembered by their stat keys (`scan_cache`), so that an
//! unchanged release is not read again. Printing the outcome lives in
//! `report::publish`.

mod asset;
mod build;
mod context;
pub mod date;
mod feed;
pub mod gate;
mod index;
mod key;
mod labels;
mod manifest;
mod markdown;
mod output;
mod page;
mod record;
mod scan_cache;
pub mod site;
mod sitemap;
mod templates;
mod writeback;
mod xml;

use std::path::PathBuf;

use rayon::prelude::*;
use time::OffsetDateTime;

use crate::boilerplate::{expand_release, Boilerplate};
use crate::error::{Error, FileRole, Result};
use crate::release::{Release, ReleaseMeta, Status, META_FILE};
use crate::workspace::Workspace;

pub use gate::{Held, Reason};
pub use labels::Labels;
pub use output::{MANIFEST, MARKER};
pub use templates::TEMPLATES_DIR;

use gate::{Candidate, Scanned};
use manifest::Previous;
use page::Kept;

/// The default output folder, relative to the workspace root.
pub const DEFAULT_OUT: &str = "public";

/// What `publish` is asked to do, validated by the caller.
#[derive(Debug, Clone)]
pub struct Options {
    /// The output folder: absolute, or relative to the workspace root.
    pub out: PathBuf,
    /// The time the gate compares embargoes with, and the publication time.
    pub now: OffsetDateTime,
    /// Overrides `[publish] base-url`.
    pub base_url: Option<String>,
    /// Leave blocked releases out instead of refusing to publish.
    pub skip_blocked: bool,
    /// Decide and report, write nothing.
    pub dry_run: bool,
    /// Allow a run that would leave a live site with no release.
    pub allow_empty: bool,
    /// Replay unchanged releases' findings from the check cache (and save
    /// it), and link the pages of unchanged releases from the live site
    /// instead of rendering them. `false` is `--no-cache`.
    pub cached: bool,
}

/// A release that is (or would be) published, with its page folder in each
/// language.
#[derive(Debug, Clone)]
pub struct Planned {
    pub slug: String,
    /// Language tag and page folder (relative to the output folder).
    pub pages: [(String, String); 2],
    /// Whether this run publishes it for the first time.
    pub first_time: bool,
}

/// What `publish` did, or would do.
#[derive(Debug)]
pub struct Outcome {
    /// The output folder, absolute.
    pub out: PathBuf,
    pub planned: Vec<Planned>,
    /// Drafts and embargoed releases.
    pub waiting: Vec<Held>,
    /// Approved or published releases that fail the gate.
    pub blocked: Vec<Held>,
    /// Releases on the previous site whose folder is gone: not on the new one.
    pub withdrawn: Vec<String>,
    pub skip_blocked: bool,
    pub dry_run: bool,
    /// Whether a new site was put in place (not when the live site
    /// already was the site to build, and was left as it is).
    pub written: bool,
}

impl Outcome {
    /// Blocked releases stop the run unless `--skip-blocked` was given.
    pub fn refused(&self) -> bool {
        !self.blocked.is_empty() && !self.skip_blocked
    }
}

/// Publishes every release that passes the gate, both languages at once,
/// on threads of its own, as many as rayon's default (one per core). The
/// records are synced in one `syncfs` and the pages go to the page cache,
/// so that the work left (checking, rendering, and the kernel's making of
/// folders and files) is CPU that threads beyond the cores only contend
/// for: on 2 cores, a first publication of 1,000 releases took 2.2 s of
/// CPU with 2 threads, 3.9 s with 4 and 4.3 s with 16. One more thread,
/// which mostly waits on the disk, hands the pages to it while they are
/// built (`writeback`).
pub fn publish(ws: &Workspace, options: &Options) -> Result<Outcome> {
    let pool = rayon::ThreadPoolBuilder::new()
        .thread_name(|i| format!("bitext-publish-{i}"))
        .build()
        .map_err(|e| crate::Error::PublishThreads { error: e.to_string() })?;
    pool.install(|| publish_on_pool(ws, options))
}

fn publish_on_pool(ws: &Workspace, options: &Options) -> Result<Outcome> {
    let site = site::Site::new(ws, options.base_url.as_deref())?;
    let out = output::resolve(ws, &ws.root, &options.out)?;
    // One publish at a time per output; under the lock, what a killed run
    // left beside it is ours to remove.
    let lock = if options.dry_run {
        None
    } else {
        let lock = output::lock(&out)?;
        output::clean_stale(&lock, &out)?;
        Some(lock)
    };
    // The live site, when bitext wrote it.
    let live = output::is_ours(&out).then_some(out.as_path());
    let previous = if live.is_some() {
        Previous::read(&out)?
    } else {
        Previous::default()
    };
    let slugs = ws.release_slugs()?;
    // Under the lock: what a killed run left in any release folder.
    if lock.is_some() {
        slugs
            .par_iter()
            .for_each(|slug| record::clean_stale(&ws.releases_dir.join(slug)));
    }
    let templates = templates::Templates::load(ws, slugs.len() + previous.releases.len())?;
    // Loaded once for every release: each is expanded in both languages.
    let boilerplate = if options.dry_run {
        None
    } else {
        Some(Boilerplate::load(ws)?)
    };
    // Each release is read once here, and its text let go: the gate keeps
    // its metadata and what its documents say.
    let link = boilerplate.as_ref().filter(|_| options.cached);
    let scan_cache = options.cached.then(|| scan_cache::ScanCache::open(ws));
    let candidates = slugs
        .par_iter()
        .map(|slug| scan(ws, slug, options.now, link, scan_cache.as_ref(), &previous))
        .collect::<Result<Vec<_>>>()?;
    let (mut decision, cache) = gate::decide(ws, candidates, options.now, options.cached)?;
    // The caches are saved only by a run that goes through.
    let mut scan_cache = scan_cache;
    let mut save = |cache: Option<crate::cache::Cache>| {
        if let Some(cache) = cache {
            cache.save(false);
        }
        if let Some(scan_cache) = scan_cache.take() {
            scan_cache.save();
        }
    };
    // A live release held back stays at the version the site has.
    let mut kept = Vec::new();
    for held in decision.waiting.iter_mut().chain(decision.blocked.iter_mut()) {
        if let Some(live) = previous
            .get(&held.slug)
            .and_then(|p| Kept::from_previous(&site, p))
        {
            held.kept_live = Some(date::rfc3339(live.entry.version_at)[..10].to_owned());
            kept.push(live);
        }
    }
    let present: std::collections::HashSet<&str> = slugs.iter().map(String::as_str).collect();
    let withdrawn = previous
        .releases
        .iter()
        .filter(|r| !present.contains(r.release.as_str()))
        .map(|r| r.release.clone())
        .collect();
    let planned: Vec<Planned> = decision
        .ready
        .iter()
        .map(|release| Planned {
            slug: release.slug.clone(),
            pages: [0, 1].map(|side| {
                (
                    site.languages[side].lang.to_string(),
                    site.page_path(&release.meta, side),
                )
            }),
            first_time: first_time(&release.meta),
        })
        .collect();
    let mut outcome = Outcome {
        out: out.clone(),
        planned,
        waiting: decision.waiting,
        blocked: decision.blocked,
        withdrawn,
        skip_blocked: options.skip_blocked,
        dry_run: options.dry_run,
        written: false,
    };
    if outcome.refused() {
        save(cache);
        return Ok(outcome);
    }
    if !previous.releases.is_empty() && decision.ready.is_empty() && kept.is_empty() && !options.allow_empty {
        return Err(Error::PublishWouldEmpty {
            dir: ws.relative(&out).to_path_buf(),
            count: previous.releases.len(),
        });
    }
    let Some(boilerplate) = boilerplate else {
        // A dry run.
        save(cache);
        return Ok(outcome);
    };
    let job = build::Job {
        ws,
        site: &site,
        templates: &templates,
        boilerplate: &boilerplate,
        key: &key::SiteKey::new(&site, &templates)?,
        previous: &previous,
        old: &out,
        live,
        link_unchanged: options.cached,
        now: options.now,
    };
    // Nothing to record, and the live site is already the site to build:
    // it stays as it is, and nothing is written.
    let recording = decision.ready.iter().any(|r| unrecorded(&r.meta));
    if !recording && build::unchanged(&job, &decision.ready, &kept)? {
        save(cache);
        return Ok(outcome);
    }
    let staging = output::Staging::new(&out)?;
    writeback::while_building(staging.path(), || {
        build::build(&job, &decision.ready, &kept, staging.path())
    })?;
    // Every record is written beside its release.toml before the swap: a
    // folder that cannot be written stops the run with nothing changed.
    let (slugs, records): (Vec<&str>, Vec<record::Prepared>) = decision
        .ready
        .par_iter()
        .filter(|r| unrecorded(&r.meta))
        .map(|release| {
            let prepared = record::prepare(&release.dir.join(META_FILE), options.now)?;
            Ok((release.slug.as_str(), prepared))
        })
        .collect::<Result<Vec<_>>>()?
        .into_iter()
        .unzip();
    record::sync(&records)?;
    staging.commit()?;
    outcome.written = true;
    let mut failures = Vec::new();
    let mut recorded = Vec::new();
    let committed = record::commit(records);
    for ((path, result), slug) in committed.iter().zip(&slugs) {
        match result {
            Ok(bytes) => recorded.push((*slug, bytes.as_slice())),
            Err(e) => failures.push(format!("{} ({e})", ws.relative(path).display())),
        }
    }
    // A record changes only what no check reads: the recorded releases'
    // cached findings stand for their new release.toml.
    if let Some(cache) = &cache {
        cache.restamp(recorded);
    }
    save(cache);
    drop(lock);
    if !failures.is_empty() {
        return Err(Error::PublishNotRecorded {
            dir: ws.relative(&out).to_path_buf(),
            files: failures.join(", "),
        });
    }
    Ok(outcome)
}

/// A release as far as the gate and the build need it, read once: its
/// metadata, what in its documents blocks it, and, when `link` is given
/// and the live site has its pages with a render key, the hashes of its
/// Markdown as published (so that the build can link those pages without
/// reading it again). A missing document is the gate's business (a draft
/// may not have its French yet), not an error.
///
/// A release that waits needs only its `release.toml`. One that does not
/// is read as plain text when that is all it takes: both documents read,
/// both URL slugs given, and no boilerplate reference in either (whose
/// Markdown as published is then the text itself). Anything else (a
/// missing or unreadable file, a slug to derive from a title, boilerplate
/// to expand) is read as `Release::load` reads it, with its errors. Its
/// check, parsing and pairing included, is the gate's (`gate::decide`),
/// through the check cache. With `known` (the scan cache), a release read
/// as plain text and found clean is remembered, and not read again while
/// its folder's files keep their stat keys.
fn scan(
    ws: &Workspace,
    slug: &str,
    now: OffsetDateTime,
    link: Option<&Boilerplate>,
    known: Option<&scan_cache::ScanCache>,
    previous: &Previous,
) -> Result<Candidate> {
    let live = previous.get(slug).is_some_and(|p| p.render_key.is_some());
    let dir = ws.release_dir(slug)?;
    // Read without asking first whether it is there: a file that cannot
    // be read is `Release::load`'s to report, below, as it reports it in
    // `check`.
    let meta = match ReleaseMeta::read(&dir.join(META_FILE), ws) {
        Err(Error::Io { .. }) => None,
        read => Some(read?),
    };
    if let Some(meta) = meta {
        let whole = |meta, problems, published, plain, folder: Option<&scan_cache::Folder>| {
            Ok(Candidate::Whole(Box::new(Scanned {
                slug: slug.to_owned(),
                dir: dir.clone(),
                meta,
                problems,
                published,
                plain,
                files: folder.map(|files| files.iter().map(|(name, _)| name.clone()).collect()),
            })))
        };
        if gate::waits(&meta, now).is_some() {
            return whole(meta, Vec::new(), None, false, None);
        }
        let read = |lang| plain_text(ws, &dir, lang).ok();
        let slugs_given = [&ws.source, &ws.target]
            .iter()
            .all(|lang| meta.slug.get(lang.code()).is_some_and(|s| !s.is_empty()));
        if slugs_given {
            let wanted = link.is_some() && live;
            // Its files as they were when it was last read clean: what was
            // learnt then stands (`scan_cache`).
            let folder = known.and_then(|_| scan_cache::folder(&dir));
            let learnt = known
                .zip(folder.as_ref())
                .and_then(|(known, folder)| known.hit(slug, folder));
            if let Some(hashes) = learnt {
                return whole(meta, Vec::new(), wanted.then_some(hashes), true, folder.as_ref());
            }
            if let (Some(source), Some(target)) = (read(&ws.source), read(&ws.target)) {
                let open = crate::document::segment::REFERENCE_OPEN;
                if !source.contains(open) && !target.contains(open) {
                    let problems = gate::problems(ws, &dir, [&source, &target]);
                    let hashes = ((wanted || folder.is_some()) && problems.is_empty()).then(|| {
                        [
                            page::hex_sha256(source.as_bytes()),
                            page::hex_sha256(target.as_bytes()),
                        ]
                    });
                    let listed = whole(
                        meta,
                        problems,
                        hashes.clone().filter(|_| wanted),
                        true,
                        folder.as_ref(),
                    );
                    if let (Some(known), Some(folder), Some(hashes)) = (known, folder, hashes) {
                        known.store(slug, folder, hashes);
                    }
                    return listed;
                }
            }
        }
    }
    match Release::load(ws, slug) {
        Ok(release) => {
            let waits = gate::waits(&release.meta, now).is_some();
            let problems = if waits {
                Vec::new()
            } else {
                gate::problems(ws, &release.dir, [release.source.text(), release.target.text()])
            };
            // An expansion that fails is left to the build, which says why.
            let published = link
                .filter(|_| live && !waits && problems.is_empty())
                .and_then(|boilerplate| {
                    let side = |lang| expand_release(ws, boilerplate, &release, lang).ok();
                    Some([
                        page::hex_sha256(side(&ws.source)?.as_bytes()),
                        page::hex_sha256(side(&ws.target)?.as_bytes()),
                    ])
                });
            let Release { slug, dir, meta, .. } = release;
            Ok(Candidate::Whole(Box::new(Scanned {
                slug,
                dir,
                meta,
                problems,
                published,
                plain: false,
                files: None,
            })))
        }
        Err(Error::MissingFile {
            path,
            what: FileRole::Document,
        }) => {
            let dir = ws.release_dir(slug)?;
            let meta = Box::new(ReleaseMeta::read(&dir.join(META_FILE), ws)?);
            let source = path.file_name() == Some(ws.source.document_name().as_ref());
            let lang = if source { &ws.source } else { &ws.target }.name();
            Ok(Candidate::Incomplete {
                slug: slug.to_owned(),
                meta,
                lang,
                path: path.display().to_string(),
            })
        }
        Err(e) => Err(e),
    }
}

/// A document of the release in `dir` as plain text: its bytes as
/// `Release::load` takes them (size limit, UTF-8, byte-order mark), not
/// parsed.
fn plain_text(ws: &Workspace, dir: &std::path::Path, lang: &crate::workspace::Language) -> Result<String> {
    let path = dir.join(lang.document_name());
    let shown = ws.relative(&path);
    let bytes = crate::document::source::read_bytes(&path, shown)?;
    let file = crate::document::source::SourceFile::from_bytes(shown, bytes)?;
    Ok(file.text().to_owned())
}

/// When pages with this Markdown first went out, if the previous site has
/// the release with the same Markdown in both languages.
fn unchanged_since(
    site: &site::Site,
    previous: &Previous,
    slug: &str,
    hashes: &[String; 2],
) -> Option<OffsetDateTime> {
    let before = previous.get(slug)?;
    let same = (0..2).all(|side| {
        before
            .languages
            .get(&site.languages[side].tag())
            .is_some_and(|page| page.sha256 == hashes[side])
    });
    if !same {
        return None;
    }
    let at = before.version_at.as_deref().unwrap_or(&before.published_at);
    date::parse_rfc3339(at).ok()
}

/// A release not yet marked `published`.
fn first_time(meta: &ReleaseMeta) -> bool {
    meta.status != Status::Published
}

/// A release whose `release.toml` does not yet say when it was published.
fn unrecorded(meta: &ReleaseMeta) -> bool {
    first_time(meta) || meta.published_at.is_none()
}

/// When a release was published: its recorded `published-at` (a date
/// alone means midnight UTC; a time without offset is taken as UTC), or
/// `now` for a first publication.
fn published_at(meta: &ReleaseMeta, now: OffsetDateTime) -> OffsetDateTime {
    let Some(recorded) = &meta.published_at else {
        return now;
    };
    if let Some(at) = date::instant(recorded) {
        return at;
    }
    let mut utc = *recorded;
    if utc.time.is_none() {
        utc.time = Some(toml::value::Time {
            hour: 0,
            minute: 0,
            second: Some(0),
            nanosecond: None,
        });
    }
    utc.offset = Some(toml::value::Offset::Z);
    date::instant(&utc).unwrap_or(now)
}
