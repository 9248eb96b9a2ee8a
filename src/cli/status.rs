use anyhow::Result;
use clap::{Args, ValueEnum};
use rayon::prelude::*;

use bitext::collection::slash;
use bitext::pairing::PairedRelease;
use bitext::release::Release;
use bitext::report::status::{self, CollectionStatus, Counts, PageStatus, Shares};

use super::{output::print, Context, ExitStatus};

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Releases (or collection pages, by source path) to show; all when
    /// none given.
    #[arg(value_name = "RELEASE")]
    releases: Vec<String>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    format: FormatArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FormatArg {
    /// Aligned columns.
    Human,
    /// Releases and collections with their counts and shares.
    Json,
}

pub fn run(cx: &Context, args: StatusArgs) -> Result<ExitStatus> {
    let releases = super::named_or_all(cx, args.releases)?;
    let names = if releases.is_empty() {
        cx.ws.document_names()?
    } else {
        releases
    };
    let pages = if cx.ws.collections.is_empty() {
        Vec::new()
    } else {
        cx.ws.discovery()?.pairs.clone()
    };
    let is_page = |name: &str| pages.iter().any(|p| p.name() == name);
    let rows = names
        .par_iter()
        .map(|slug| {
            let release = Release::load(&cx.ws, slug)?;
            let paired = PairedRelease::new(&cx.ws, &release);
            Ok((slug.clone(), Counts::of(&paired), Shares::of(&paired)))
        })
        .collect::<bitext::Result<Vec<_>>>()?;
    let releases: Vec<(String, Counts)> = rows
        .iter()
        .filter(|(name, ..)| !is_page(name))
        .map(|(name, counts, _)| (name.clone(), counts.clone()))
        .collect();
    let mut collections = Vec::new();
    if !pages.is_empty() {
        let found = cx.ws.discovery()?;
        for (index, collection) in cx.ws.collections.iter().enumerate() {
            let of = |list: &[(usize, std::path::PathBuf)]| -> Vec<String> {
                list.iter()
                    .filter(|(c, _)| *c == index)
                    .map(|(_, p)| slash(p))
                    .collect()
            };
            let mut shares = Shares::default();
            let mut listed = Vec::new();
            for page in pages.iter().filter(|p| p.collection == index) {
                let Some((_, counts, page_shares)) = rows.iter().find(|(n, ..)| *n == page.name()) else {
                    continue;
                };
                shares.add(*page_shares);
                listed.push(PageStatus {
                    source: page.name(),
                    target: slash(&page.target),
                    counts: counts.clone(),
                    shares: *page_shares,
                });
            }
            collections.push(CollectionStatus {
                name: collection.name.clone(),
                rule: collection.rule.describe(),
                pages: listed,
                missing: of(&found.missing),
                english_only: of(&found.english_only),
                orphans: of(&found.orphans),
                shares,
            });
        }
    }
    match args.format {
        FormatArg::Human => {
            let mut out = String::new();
            if !releases.is_empty() || collections.is_empty() {
                out.push_str(&status::render(&releases));
            }
            out.push_str(&status::render_collections(&collections));
            print(out.trim_start_matches('\n'))?;
        }
        FormatArg::Json => {
            let releases: Vec<_> = releases
                .iter()
                .map(|(name, counts)| serde_json::json!({ "release": name, "counts": counts }))
                .collect();
            let json = serde_json::json!({ "releases": releases, "collections": collections });
            print(&(serde_json::to_string_pretty(&json)? + "\n"))?;
        }
    }
    Ok(ExitStatus::Clean)
}
