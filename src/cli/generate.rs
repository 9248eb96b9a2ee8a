//! `bitext completions` and `bitext man`: shell completion scripts and the
//! man pages, generated from the same clap definition as `--help`
//! (`clap_complete`, `clap_mangen`), so they cannot fall out of step.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{bail, Result};
use bitext::tr;
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

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write one page per command into this folder (`bitext.1`,
    /// `bitext-check.1`, `bitext-xliff-export.1`...), all or none, instead of
    /// printing the page of `bitext` itself. The folder is made if needed;
    /// a page of the same name that bitext did not write is refused.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
}

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

/// Without `--out`, the page of `bitext` itself on standard output, with a
/// SUBCOMMANDS section listing each command and its summary (the page
/// `man bitext` opens). With `--out DIR`, that page and one per command and
/// nested command, as git and cargo ship them.
pub fn man(args: ManArgs) -> Result<ExitStatus> {
    let Some(dir) = args.out else {
        let mut out = Vec::new();
        clap_mangen::Man::new(man_command()).render(&mut out)?;
        let mut stdout = std::io::stdout().lock();
        stdout.write_all(&out)?;
        stdout.flush()?;
        return Ok(ExitStatus::Clean);
    };
    // Every page is rendered, and every file it would replace vetted,
    // before the first is written.
    let mut pages = Vec::new();
    let mut command = man_command();
    command.build();
    render_pages(command, &mut pages)?;
    if dir.exists() && !dir.is_dir() {
        bail!(tr!("man-out-not-folder", path = dir.display()));
    }
    let mut previous = Vec::new();
    for (name, _) in &pages {
        let path = dir.join(format!("{name}.1"));
        let old = match std::fs::read(&path) {
            Ok(old) => Some(old),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(bitext::error::Error::io(&path, e).into()),
        };
        if let Some(old) = &old {
            if !is_page_of(old, name) {
                bail!(tr!("man-not-ours", path = path.display()));
            }
        }
        previous.push((path, old));
    }
    std::fs::create_dir_all(&dir).map_err(|e| bitext::error::Error::io(&dir, e))?;
    for (done, ((path, _), (_, page))) in previous.iter().zip(&pages).enumerate() {
        if let Err(e) = bitext::atomic::write(path, page) {
            restore(&previous[..done]);
            return Err(e.into());
        }
    }
    let written = tr!("man-written", count = pages.len(), dir = dir.display());
    super::output::print(&format!("{written}\n"))?;
    Ok(ExitStatus::Clean)
}

/// The command line as the man pages show it: `help` is clap's, not a
/// command with a page of its own.
fn man_command() -> clap::Command {
    super::command().disable_help_subcommand(true)
}

/// The page of `command`, then those of its commands, depth first, named as
/// clap names them (`bitext-xliff-export`).
fn render_pages(command: clap::Command, pages: &mut Vec<(String, Vec<u8>)>) -> Result<()> {
    let name = command
        .get_display_name()
        .unwrap_or_else(|| command.get_name())
        .to_owned();
    let mut page = Vec::new();
    // Every page names bitext and its version as its source, as the top
    // page does, rather than the bare command name.
    clap_mangen::Man::new(command.clone())
        .source(format!("bitext {}", env!("CARGO_PKG_VERSION")))
        .render(&mut page)?;
    pages.push((name, page));
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        render_pages(sub.clone(), pages)?;
    }
    Ok(())
}

/// A page bitext wrote: clap_mangen's title line for this very command.
fn is_page_of(bytes: &[u8], name: &str) -> bool {
    let title = format!(".TH {name} 1 ");
    String::from_utf8_lossy(bytes)
        .lines()
        .take(4)
        .any(|line| line.starts_with(&title))
}

/// Puts back what the pages written so far replaced: the old page, or no
/// file where there was none.
fn restore(written: &[(PathBuf, Option<Vec<u8>>)]) {
    for (path, old) in written {
        let _ = match old {
            Some(old) => bitext::atomic::write(path, old),
            None => std::fs::remove_file(path).map_err(|e| bitext::error::Error::io(Path::new(path), e)),
        };
    }
}
