use anyhow::Result;
use clap::Args;
use rayon::prelude::*;

use bitext::pairing::PairedRelease;
use bitext::release::Release;
use bitext::report::status::{self, Counts};

use super::{output::print, Context, ExitStatus};

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Releases to show; all when none given.
    #[arg(value_name = "RELEASE")]
    releases: Vec<String>,
}

pub fn run(cx: &Context, args: StatusArgs) -> Result<ExitStatus> {
    let slugs = if args.releases.is_empty() {
        cx.ws.release_slugs()?
    } else {
        args.releases
    };
    let rows = slugs
        .par_iter()
        .map(|slug| {
            let release = Release::load(&cx.ws, slug)?;
            Ok((slug.clone(), Counts::of(&PairedRelease::new(&cx.ws, &release))))
        })
        .collect::<bitext::Result<Vec<_>>>()?;
    print(&status::render(&rows))?;
    Ok(ExitStatus::Clean)
}
