use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, Subcommand};

use super::{output::print, Context, ExitStatus};

#[derive(Debug, Args)]
pub struct TmxArgs {
    #[command(subcommand)]
    command: TmxCommand,
}

#[derive(Debug, Subcommand)]
enum TmxCommand {
    /// Write every signed-off pair and the boilerplate messages as a TMX 1.4 translation memory.
    Export(ExportArgs),
}

#[derive(Debug, Args)]
struct ExportArgs {
    /// The TMX file to write.
    #[arg(short, long, value_name = "FILE.tmx")]
    output: PathBuf,
}

pub fn run(cx: &Context, args: TmxArgs) -> Result<ExitStatus> {
    let TmxCommand::Export(export) = args.command;
    let exported = bitext::exchange::tmx::export(&cx.ws)?;
    bitext::atomic::write(&export.output, exported.xml.as_bytes())?;
    let line = bitext::tr!(
        "tmx-exported",
        pairs = exported.pairs,
        boilerplate = exported.boilerplate,
        path = export.output.display()
    );
    print(&(line + "\n"))?;
    Ok(ExitStatus::Clean)
}
