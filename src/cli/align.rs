use std::path::PathBuf;

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

    /// Also write a self-contained HTML review page (no network needed) to FILE.
    #[arg(long, value_name = "FILE")]
    html: Option<PathBuf>,

    /// Width of the side-by-side view in columns; by default the terminal's,
    /// else $COLUMNS, else 100.
    #[arg(long, value_name = "COLUMNS")]
    width: Option<usize>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum AlignFormat {
    /// The two languages side by side, one row per pair with its status.
    Human,
    /// `{"pairs": [{"status", "source": [...], "target": [...]}]}`.
    Json,
}

pub fn run(cx: &Context, mut args: AlignArgs) -> Result<ExitStatus> {
    args.release = super::named_one(cx, &args.release)?;
    let release = Release::load(&cx.ws, &args.release)?;
    let paired = PairedRelease::new(&cx.ws, &release);
    if let Some(path) = &args.html {
        let report = bitext::checks::driver::check(&cx.ws, std::slice::from_ref(&args.release))?;
        let page = bitext::review::render(&cx.ws, &paired, &report)?;
        bitext::atomic::write(path, page.as_bytes())?;
    }
    let text = match args.format {
        AlignFormat::Human => {
            let width = args.width.unwrap_or_else(terminal_width);
            align::side_by_side(&cx.ws, &paired, cx.style, width)
        }
        AlignFormat::Json => align::json(&paired),
    };
    print(&text)?;
    Ok(ExitStatus::Clean)
}

fn terminal_width() -> usize {
    if let Some((terminal_size::Width(w), _)) = terminal_size::terminal_size() {
        return usize::from(w);
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse().ok())
        .filter(|&c| c > 0)
        .unwrap_or(align::DEFAULT_WIDTH)
}
