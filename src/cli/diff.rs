use anyhow::Result;
use clap::Args;

use bitext::pairing::PairedRelease;
use bitext::release::Release;

use super::{output::print, Context, ExitStatus};

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The release to show.
    #[arg(value_name = "RELEASE")]
    release: String,
}

pub fn run(cx: &Context, args: DiffArgs) -> Result<ExitStatus> {
    let release = Release::load(&cx.ws, &args.release)?;
    let paired = PairedRelease::new(&cx.ws, &release);
    print(&bitext::report::diff::render(&cx.ws, &paired, cx.style))?;
    Ok(ExitStatus::Clean)
}
