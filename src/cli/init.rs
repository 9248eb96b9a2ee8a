use std::path::PathBuf;

use anyhow::{bail, Result};
use clap::Args;

use bitext::collection::init;
use bitext::tr;
use bitext::workspace::CONFIG_FILE;

use super::{output::print, ExitStatus};

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The site's root folder; the current folder by default.
    #[arg(value_name = "DIR")]
    dir: Option<PathBuf>,

    /// Print the bitext.toml that would be written, and write nothing.
    #[arg(long)]
    dry_run: bool,
}

/// Runs before any workspace is loaded: there is none yet.
pub fn run(workspace: Option<PathBuf>, args: InitArgs) -> Result<ExitStatus> {
    let root = match args.dir.or(workspace) {
        Some(dir) => dir,
        None => std::env::current_dir()?,
    };
    let config_path = root.join(CONFIG_FILE);
    if !args.dry_run && config_path.exists() {
        bail!(tr!("init-exists", path = config_path.display()));
    }
    let proposal = init::detect(&root)?;
    if proposal.found.is_empty() {
        bail!(tr!("init-none"));
    }
    let mut summary = String::new();
    for found in &proposal.found {
        summary.push_str(&tr!(
            "init-found",
            name = &found.collection.name,
            pairs = found.pairs,
            english = found.english_only.len(),
            french = found.french_only,
            rule = found.collection.rule.describe()
        ));
        summary.push('\n');
        if found.by_content > 0 {
            summary.push_str(&tr!(
                "init-by-content",
                name = &found.collection.name,
                count = found.by_content
            ));
            summary.push('\n');
        }
        if found.conflicts > 0 {
            summary.push_str(&tr!(
                "init-conflicts",
                name = &found.collection.name,
                count = found.conflicts
            ));
            summary.push('\n');
        }
    }
    if args.dry_run {
        print(&proposal.config)?;
        eprint!("{summary}");
        return Ok(ExitStatus::Clean);
    }
    bitext::atomic::write(&config_path, proposal.config.as_bytes())?;
    summary.push_str(&tr!("init-written", path = config_path.display()));
    summary.push_str("\n\n");
    summary.push_str(&tr!("init-next-steps"));
    summary.push('\n');
    print(&summary)?;
    Ok(ExitStatus::Clean)
}
