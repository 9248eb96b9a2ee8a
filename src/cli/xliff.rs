use std::collections::BTreeSet;
use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, Subcommand, ValueEnum};

use bitext::exchange::xliff::{self, Selection, Version, Wanted};
use bitext::tr;

use super::{output::print, Context, ExitStatus};

#[derive(Debug, Args)]
pub struct XliffArgs {
    #[command(subcommand)]
    command: XliffCommand,
}

#[derive(Debug, Subcommand)]
enum XliffCommand {
    /// Write the segments of releases to translate as XLIFF for a CAT tool.
    Export(ExportArgs),
    /// Write the translated targets of an XLIFF file back into the releases.
    Import(ImportArgs),
}

#[derive(Debug, Args)]
struct ExportArgs {
    /// Releases to export (folder names under releases/).
    #[arg(value_name = "RELEASE", required = true)]
    releases: Vec<String>,

    /// Export only pairs with these statuses (comma-separated); by default
    /// every pair that is not in sync.
    #[arg(long, value_enum, value_delimiter = ',', conflicts_with = "all")]
    only: Vec<OnlyArg>,

    /// Export every pair, those in sync included (as context, state final).
    #[arg(long)]
    all: bool,

    /// The XLIFF file to write.
    #[arg(short, long, value_name = "FILE.xlf")]
    output: PathBuf,

    /// XLIFF version: 2.0, or 1.2 for older tools.
    #[arg(long, value_name = "VERSION", default_value = "2.0", value_parser = ["2.0", "1.2"])]
    xliff_version: String,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum OnlyArg {
    /// Source segments with no translation.
    Missing,
    /// Source changed since sign-off.
    Drifted,
    /// Target changed since sign-off.
    Edited,
    /// Translated, never signed off.
    New,
    /// Signed off and unchanged.
    InSync,
}

#[derive(Debug, Args)]
struct ImportArgs {
    /// The translated XLIFF file (2.0 or 1.2, as exported by bitext).
    #[arg(value_name = "FILE.xlf")]
    file: PathBuf,

    /// Apply the units that can be applied even when others are refused
    /// because their text changed since the export.
    #[arg(long)]
    partial: bool,
}

pub fn run(cx: &Context, args: XliffArgs) -> Result<ExitStatus> {
    match args.command {
        XliffCommand::Export(a) => export(cx, a),
        XliffCommand::Import(a) => import(cx, a),
    }
}

fn export(cx: &Context, args: ExportArgs) -> Result<ExitStatus> {
    let selection = if args.all {
        Selection::all()
    } else if args.only.is_empty() {
        Selection::pending()
    } else {
        Selection(
            args.only
                .iter()
                .map(|o| match o {
                    OnlyArg::Missing => Wanted::Missing,
                    OnlyArg::Drifted => Wanted::Drifted,
                    OnlyArg::Edited => Wanted::Edited,
                    OnlyArg::New => Wanted::New,
                    OnlyArg::InSync => Wanted::InSync,
                })
                .collect::<BTreeSet<_>>(),
        )
    };
    let version = match args.xliff_version.as_str() {
        "1.2" => Version::V1_2,
        _ => Version::V2_0,
    };
    let releases = super::named(cx, args.releases)?;
    let exported = xliff::export::export(&cx.ws, &releases, &selection, version)?;
    bitext::atomic::write(&args.output, exported.xml.as_bytes())?;
    let mut line = tr!(
        "xliff-exported",
        units = exported.units,
        files = exported.files,
        path = args.output.display()
    );
    if exported.skipped_html > 0 {
        line.push(' ');
        line.push_str(&tr!("xliff-skipped-html", count = exported.skipped_html));
    }
    print(&(line + "\n"))?;
    Ok(ExitStatus::Clean)
}

fn import(cx: &Context, args: ImportArgs) -> Result<ExitStatus> {
    let _lock = super::lock_for_writing(cx)?;
    // Every French document of the import is written, or none.
    let batch = bitext::atomic::batch();
    let imported = xliff::import::import(&cx.ws, &args.file, args.partial)?;
    batch.commit()?;
    let mut out = String::new();
    for refusal in &imported.refused {
        let at = if refusal.line > 0 {
            format!("{}:{}: ", args.file.display(), refusal.line)
        } else {
            String::new()
        };
        out.push_str(&at);
        out.push_str(&tr!(
            "xliff-refused-unit",
            unit = &refusal.unit,
            release = &refusal.release,
            reason = &refusal.reason
        ));
        out.push('\n');
    }
    if !imported.written {
        out.push_str(&tr!("xliff-nothing-written", count = imported.refused.len()));
        out.push('\n');
        print(&out)?;
        return Ok(ExitStatus::Findings);
    }
    for change in &imported.files {
        out.push_str(&tr!(
            "xliff-file-changes",
            path = change.path.display(),
            replaced = change.replaced,
            inserted = change.inserted,
            unchanged = change.unchanged
        ));
        out.push('\n');
    }
    print(&out)?;
    if imported.refused.is_empty() {
        Ok(ExitStatus::Clean)
    } else if imported.files.iter().all(|f| f.replaced + f.inserted == 0) {
        // Every unit refused, as the docs say: findings (1), not a failure.
        print(&format!("{}\n", tr!("xliff-none-applied")))?;
        Ok(ExitStatus::Findings)
    } else {
        Ok(ExitStatus::Findings)
    }
}
