use std::path::PathBuf;

use anyhow::{anyhow, Result};
use clap::Args;

use bitext::publish::{self, date, Options};
use bitext::{report, tr};

use super::{output::print, Context, ExitStatus};

#[derive(Debug, Args)]
pub struct PublishArgs {
    /// Output folder, replaced whole at the end of a run that changes it
    /// [default: `[publish] out` in bitext.toml, else public/ in the
    /// workspace].
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,

    /// The time to publish at, for embargoes and `published-at` (RFC 3339,
    /// such as 2025-05-06T09:00:00+01:00) [default: now].
    #[arg(long, value_name = "TIME")]
    now: Option<String>,

    /// The site's public address, for canonical links, feeds and the
    /// sitemap [default: `[publish] base-url` in bitext.toml].
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,

    /// Publish the releases that pass the gate and list the blocked ones,
    /// instead of publishing nothing when one is blocked (drafts and
    /// embargoed releases only wait, and never stop a run).
    #[arg(long)]
    skip_blocked: bool,

    /// Allow a run that would leave a live site with no release at all.
    #[arg(long)]
    allow_empty: bool,

    /// Show what would be published and where; write nothing.
    #[arg(long)]
    dry_run: bool,

    /// Check every release again instead of replaying the findings of
    /// unchanged ones from `.bitext/cache/` (and leave the cache as it
    /// is), and render every page instead of linking the unchanged ones
    /// from the live site.
    #[arg(
        long,
        env = "BITEXT_NO_CACHE",
        value_parser = clap::builder::FalseyValueParser::new()
    )]
    no_cache: bool,
}

pub fn run(cx: &Context, args: PublishArgs) -> Result<ExitStatus> {
    let now = match &args.now {
        Some(text) => date::parse_rfc3339(text).map_err(|e| anyhow!(tr!("publish-now", error = e)))?,
        None => time::OffsetDateTime::now_utc(),
    };
    let out = match args.out {
        Some(dir) => std::env::current_dir()?.join(dir),
        None => cx.ws.root.join(
            cx.ws
                .publish
                .out
                .clone()
                .unwrap_or_else(|| publish::DEFAULT_OUT.into()),
        ),
    };
    let options = Options {
        out,
        now,
        base_url: args.base_url,
        skip_blocked: args.skip_blocked,
        dry_run: args.dry_run,
        allow_empty: args.allow_empty,
        cached: !args.no_cache,
    };
    // Publishing records `published-at` in release.toml: a workspace write.
    let _lock = if options.dry_run {
        None
    } else {
        Some(super::lock_for_writing(cx)?)
    };
    let outcome = publish::publish(&cx.ws, &options)?;
    print(&report::publish::render(&outcome, &cx.ws, cx.style))?;
    Ok(if outcome.refused() {
        ExitStatus::Findings
    } else {
        ExitStatus::Clean
    })
}
