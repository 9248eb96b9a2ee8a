use anyhow::Result;
use clap::{Args, ValueEnum};

use bitext::report::{self, Format};

use super::{output::print, Context, ExitStatus};

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Releases to check (folder names under releases/); all when none given.
    #[arg(value_name = "RELEASE")]
    releases: Vec<String>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    format: FormatArg,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    /// rustc-like messages with the lines of both languages.
    Human,
    /// The stable JSON report documented in the README.
    Json,
    /// GitHub Actions workflow annotations.
    Github,
}

impl FormatArg {
    fn format(self) -> Format {
        match self {
            FormatArg::Human => Format::Human,
            FormatArg::Json => Format::Json,
            FormatArg::Github => Format::Github,
        }
    }
}

pub fn run(cx: &Context, args: CheckArgs) -> Result<ExitStatus> {
    let report = bitext::check::check(&cx.ws, &args.releases)?;
    print(&report::render(&report, &cx.ws, args.format.format(), cx.style))?;
    Ok(if report.is_broken() {
        ExitStatus::Failure
    } else if report.has_errors() {
        ExitStatus::Findings
    } else {
        ExitStatus::Clean
    })
}
