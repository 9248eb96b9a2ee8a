//! `bitext publish`: the workspace as a bilingual static site. It owns the
//! order of the work: decide which releases may go out (`gate`), lay out the
//! site (`site`) and build it (`build`: each release's `page` in both
//! languages, rendered with `markdown`, `templates` and `labels`, then the
//! `index`es, `feed`s, `sitemap` and `manifest`) into a folder beside the
//! output, swap that folder in (`output`), and only then record the
//! publication in each `release.toml` (`record`). A release goes out in both
//! languages or not at all. Printing the outcome lives in `report::publish`.

mod build;
mod context;
pub mod date;
mod feed;
pub mod gate;
mod index;
mod labels;
mod manifest;
mod markdown;
mod output;
mod page;
mod record;
pub mod site;
mod sitemap;
mod templates;
mod xml;

use std::path::PathBuf;

use rayon::prelude::*;
use time::OffsetDateTime;

use crate::boilerplate::{expand_release, Boilerplate};
use crate::error::Result;
use crate::release::{Release, Status, META_FILE};
use crate::workspace::Workspace;

pub use gate::{Blocked, Reason};
pub use labels::Labels;
pub use output::MANIFEST;
pub use templates::TEMPLATES_DIR;

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
    pub blocked: Vec<Blocked>,
    pub skip_blocked: bool,
    pub dry_run: bool,
    /// Whether the new site was put in place.
    pub written: bool,
}

impl Outcome {
    /// Blocked releases stop the run unless `--skip-blocked` was given.
    pub fn refused(&self) -> bool {
        !self.blocked.is_empty() && !self.skip_blocked
    }
}

/// Threads for publishing. The work is mostly small-file I/O (reading
/// releases, creating 2 folders and 2 pages per release, renaming, removing
/// the old site, rewriting `release.toml` with fsync), whose latency, not
/// CPU, bounds it: more requests in flight than cores lets the filesystem
/// overlap them and group its journal commits.
const IO_THREADS: usize = 16;

/// Publishes every release that passes the gate, both languages at once.
pub fn publish(ws: &Workspace, options: &Options) -> Result<Outcome> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(IO_THREADS)
        .thread_name(|i| format!("bitext-publish-{i}"))
        .build()
        .map_err(|e| crate::Error::PublishThreads { error: e.to_string() })?;
    pool.install(|| publish_on_pool(ws, options))
}

fn publish_on_pool(ws: &Workspace, options: &Options) -> Result<Outcome> {
    let site = site::Site::new(ws, options.base_url.as_deref())?;
    let out = output::resolve(ws, &ws.root, &options.out)?;
    let templates = templates::Templates::load(ws)?;
    let releases = ws
        .release_slugs()?
        .par_iter()
        .map(|slug| Release::load(ws, slug))
        .collect::<Result<Vec<_>>>()?;
    let decision = gate::decide(ws, releases, options.now)?;
    let planned: Vec<Planned> = decision
        .ready
        .iter()
        .map(|release| Planned {
            slug: release.slug.clone(),
            pages: [0, 1].map(|side| {
                (
                    site.languages[side].lang.to_string(),
                    site.page_path(release, side),
                )
            }),
            first_time: first_time(release),
        })
        .collect();
    let mut outcome = Outcome {
        out: out.clone(),
        planned,
        blocked: decision.blocked,
        skip_blocked: options.skip_blocked,
        dry_run: options.dry_run,
        written: false,
    };
    if outcome.refused() || options.dry_run {
        return Ok(outcome);
    }
    // Loaded once for every release: each is expanded in both languages.
    let boilerplate = Boilerplate::load(ws)?;
    let inputs = decision
        .ready
        .iter()
        .map(|release| {
            Ok(page::Input {
                release,
                markdown: [
                    expand_release(ws, &boilerplate, release, &ws.source)?,
                    expand_release(ws, &boilerplate, release, &ws.target)?,
                ],
                published_at: published_at(release, options.now),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let staging = output::Staging::new(&out)?;
    build::build(ws, &site, &templates, &inputs, options.now, staging.path())?;
    staging.commit()?;
    outcome.written = true;
    decision
        .ready
        .par_iter()
        .filter(|r| unrecorded(r))
        .try_for_each(|release| record::mark_published(&release.dir.join(META_FILE), options.now))?;
    Ok(outcome)
}

/// A release not yet marked `published`.
fn first_time(release: &Release) -> bool {
    release.meta.status != Status::Published
}

/// A release whose `release.toml` does not yet say when it was published.
fn unrecorded(release: &Release) -> bool {
    first_time(release) || release.meta.published_at.is_none()
}

/// When a release was published: its recorded `published-at` (a date
/// alone means midnight UTC; a time without offset is taken as UTC), or
/// `now` for a first publication.
fn published_at(release: &Release, now: OffsetDateTime) -> OffsetDateTime {
    let Some(recorded) = &release.meta.published_at else {
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
