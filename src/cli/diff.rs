use anyhow::Result;
use clap::{Args, ValueEnum};

use bitext::pairing::PairedRelease;
use bitext::release::Release;

use super::{output::print, Context, ExitStatus};

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The release to show.
    #[arg(value_name = "RELEASE")]
    release: String,

    /// How to print the actions: for people, or as JSON (see the README).
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    format: DiffFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DiffFormat {
    Human,
    Json,
}

pub fn run(cx: &Context, mut args: DiffArgs) -> Result<ExitStatus> {
    args.release = super::named_one(cx, &args.release)?;
    let release = Release::load(&cx.ws, &args.release)?;
    let paired = PairedRelease::new(&cx.ws, &release);
    let text = match args.format {
        DiffFormat::Human => bitext::report::diff::render(&cx.ws, &paired, cx.style),
        DiffFormat::Json => bitext::report::diff::render_json(&paired),
    };
    print(&text)?;
    Ok(ExitStatus::Clean)
}
