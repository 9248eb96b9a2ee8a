use anyhow::Result;
use clap::{Args, ValueEnum};

use bitext::report::{self, Format};

use super::{output::print, Context, ExitStatus};

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Releases to check (folder names under releases/) or collection
    /// pages (by source path); all when none given.
    #[arg(value_name = "RELEASE")]
    releases: Vec<String>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    format: FormatArg,

    /// Apply the safe fixes (French spacing, guillemets, doubled spaces) to
    /// the target files in place, then report what is left.
    #[arg(long, help_heading = "Fixes", conflicts_with = "diff")]
    fix: bool,

    /// Print the safe fixes as a unified diff without writing anything;
    /// exit 1 when there is something to fix.
    #[arg(long, help_heading = "Fixes")]
    diff: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    /// rustc-like messages with the lines of both languages.
    Human,
    /// The stable JSON report documented in the README.
    Json,
    /// GitHub Actions workflow annotations.
    Github,
    /// JUnit XML test results (error-level findings are failures).
    Junit,
    /// SARIF 2.1.0 for code-scanning tools.
    Sarif,
}

impl FormatArg {
    fn format(self) -> Format {
        match self {
            FormatArg::Human => Format::Human,
            FormatArg::Json => Format::Json,
            FormatArg::Github => Format::Github,
            FormatArg::Junit => Format::Junit,
            FormatArg::Sarif => Format::Sarif,
        }
    }
}

pub fn run(cx: &Context, args: CheckArgs) -> Result<ExitStatus> {
    if args.diff {
        let fixes = bitext::checks::driver::fixes(&cx.ws, &args.releases)?;
        let diff: String = fixes.iter().map(|f| f.diff()).collect();
        print(&diff)?;
        return Ok(if fixes.is_empty() {
            ExitStatus::Clean
        } else {
            ExitStatus::Findings
        });
    }
    if args.fix {
        for fix in bitext::checks::driver::fixes(&cx.ws, &args.releases)? {
            fix.write(&cx.ws.root)?;
        }
    }
    let mut report = bitext::checks::driver::check(&cx.ws, &args.releases)?;
    // Pages of a collection with no partner, or keys claimed twice.
    report
        .findings
        .extend(bitext::collection::document_findings(&cx.ws, &args.releases)?);
    print(&report::render(&report, args.format.format(), cx.style))?;
    Ok(if report.is_broken() {
        ExitStatus::Failure
    } else if report.has_errors() {
        ExitStatus::Findings
    } else {
        ExitStatus::Clean
    })
}
