//! `bitext completions` and `bitext man`: shell completion scripts and the
//! man page, generated from the same clap definition as `--help`
//! (`clap_complete`, `clap_mangen`), so they cannot fall out of step.

use std::io::Write;

use anyhow::Result;
use clap::{Args, ValueEnum};

use super::ExitStatus;

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    shell: Shell,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
}

/// No options: the page goes to standard output (`bitext man > bitext.1`),
/// so bitext writes no file it would have to own.
#[derive(Debug, Args)]
pub struct ManArgs {}

pub fn completions(args: CompletionsArgs) -> Result<ExitStatus> {
    use clap_complete::Shell as S;
    let shell = match args.shell {
        Shell::Bash => S::Bash,
        Shell::Zsh => S::Zsh,
        Shell::Fish => S::Fish,
        Shell::Powershell => S::PowerShell,
    };
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut super::command(), "bitext", &mut out);
    super::output::print(&String::from_utf8_lossy(&out))?;
    Ok(ExitStatus::Clean)
}

/// The page of `bitext` itself, with a SUBCOMMANDS section listing each
/// command and its summary (clap_mangen renders one page per command;
/// the top one is the one `man bitext` opens).
pub fn man(_: ManArgs) -> Result<ExitStatus> {
    let mut out = Vec::new();
    clap_mangen::Man::new(super::command()).render(&mut out)?;
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(&out)?;
    stdout.flush()?;
    Ok(ExitStatus::Clean)
}
