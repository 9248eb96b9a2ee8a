use anyhow::Result;
use clap::{Args, ValueEnum};

use bitext::pairing::PairedRelease;
use bitext::release::Release;
use bitext::report::align;

use super::{output::print, Context, ExitStatus};

#[derive(Debug, Args)]
pub struct AlignArgs {
    /// The release to show.
    #[arg(value_name = "RELEASE")]
    release: String,

    /// Output format.
    #[arg(long, value_enum, default_value_t = AlignFormat::Human)]
    format: AlignFormat,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum AlignFormat {
    /// One block per pair with its status, lines and text.
    Human,
    /// `{"pairs": [{"status", "source": [...], "target": [...]}]}`.
    Json,
}

pub fn run(cx: &Context, args: AlignArgs) -> Result<ExitStatus> {
    let release = Release::load(&cx.ws, &args.release)?;
    let paired = PairedRelease::new(&cx.ws, &release);
    let text = match args.format {
        AlignFormat::Human => align::plain(&paired),
        AlignFormat::Json => align::json(&paired),
    };
    print(&text)?;
    Ok(ExitStatus::Clean)
}
