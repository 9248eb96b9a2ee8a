//! Command-line arguments (clap derive) and the dispatch to one file per
//! subcommand. Raw arguments become library calls here; the library never
//! sees clap types.

mod align;
mod check;
mod diff;
mod generate;
mod init;
mod new;
mod output;
mod publish;
mod render;
mod sign_off;
mod status;
mod tmx;
mod xliff;

use std::path::PathBuf;

use anyhow::Result;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use bitext::workspace::Workspace;

pub use output::is_broken_pipe;

/// Keep English and French press releases paired, in sync, and published
/// together.
///
/// Exit status: 0 when nothing is at error level, 1 when something is,
/// 2 for usage, configuration or parse errors.
#[derive(Debug, Parser)]
#[command(name = "bitext", version, about, long_about)]
pub struct Args {
    /// Workspace root (the folder holding bitext.toml); by default the
    /// nearest one at or above the current folder.
    #[arg(long, global = true, value_name = "DIR")]
    workspace: Option<PathBuf>,

    /// When to colour output: auto uses colour on a terminal unless NO_COLOR is set.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,

    /// Language of bitext's own messages; by default from LC_ALL,
    /// LC_MESSAGES or LANG (French for fr_*, else English).
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    ui_lang: Option<UiLangArg>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum UiLangArg {
    /// English.
    En,
    /// French.
    Fr,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Report what is missing, drifted or not signed off; exit 1 on errors.
    Check(check::CheckArgs),
    /// One line per release: segments, in sync, drifted, missing, not signed off.
    Status(status::StatusArgs),
    /// Show what changed in the source since sign-off, beside the current target.
    Diff(diff::DiffArgs),
    /// Record the current pairs of releases as signed off in their bitext.lock.
    SignOff(sign_off::SignOffArgs),
    /// Show the two versions of a release side by side, pair by pair.
    Align(align::AlignArgs),
    /// Scaffold a new release in both languages.
    New(new::NewArgs),
    /// Exchange segments with CAT tools as XLIFF 2.0 or 1.2.
    Xliff(xliff::XliffArgs),
    /// Export translation memory as TMX 1.4.
    Tmx(tmx::TmxArgs),
    /// Adopt an existing bilingual site: detect how its pages pair and
    /// write a commented bitext.toml (never over an existing one).
    Init(init::InitArgs),
    /// Print a release in one language with its boilerplate expanded.
    Render(render::RenderArgs),
    /// Build the bilingual site from every release that passes the gate
    /// (approved, embargo passed, check clean); exit 1 if one is blocked.
    Publish(publish::PublishArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell).
    Completions(generate::CompletionsArgs),
    /// Print the man page (roff) of bitext, or write one per command (--out).
    Man(generate::ManArgs),
}

/// The process exit status, as documented in `--help` and the README.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    Clean,
    Findings,
    Failure,
}

impl From<ExitStatus> for std::process::ExitCode {
    fn from(status: ExitStatus) -> Self {
        match status {
            ExitStatus::Clean => 0.into(),
            ExitStatus::Findings => 1.into(),
            ExitStatus::Failure => 2.into(),
        }
    }
}

/// What every subcommand gets: the workspace and how to print.
pub struct Context {
    pub ws: Workspace,
    pub style: bitext::report::Style,
}

/// Takes the workspace write lock before a command reads what it will
/// write (docs/security.md), saying on standard error when it waits for
/// another run.
pub fn lock_for_writing(cx: &Context) -> Result<bitext::workspace::WriteLock> {
    Ok(cx.ws.lock_for_writing(|| {
        eprintln!(
            "{}",
            bitext::tr!(
                "write-lock-waiting",
                path = cx.ws.root.join(bitext::workspace::CONFIG_FILE).display()
            )
        )
    })?)
}

/// The command-line definition, with every release argument (`RELEASE`,
/// in any subcommand) made to accept what people type: a release name, a
/// release folder, a file of a release, or `.` inside one. Completions and
/// the man page are generated from this same definition.
pub fn command() -> clap::Command {
    with_release_paths(Args::command())
}

/// Parses the process's arguments (exiting 2 on a usage error).
pub fn parse() -> Args {
    let matches = command().get_matches();
    Args::from_arg_matches(&matches).unwrap_or_else(|err| err.exit())
}

fn with_release_paths(mut cmd: clap::Command) -> clap::Command {
    for id in ["release", "releases"] {
        if cmd.get_arguments().any(|a| a.get_id() == id && a.is_positional()) {
            cmd = cmd.mut_arg(id, |arg| {
                arg.value_parser(clap::builder::ValueParser::new(release_arg))
                    .value_hint(clap::ValueHint::AnyPath)
            });
        }
    }
    let names: Vec<String> = cmd.get_subcommands().map(|c| c.get_name().to_owned()).collect();
    for name in names {
        cmd = cmd.mut_subcommand(name, with_release_paths);
    }
    cmd
}

/// A release argument as a slug: a plain name is kept as it is (whether it
/// exists is checked with the workspace, which suggests the nearest one);
/// a path is resolved to the release folder holding it, in the workspace
/// that holds the path.
fn release_arg(arg: &str) -> Result<String, bitext::Error> {
    use bitext::release::locate;
    let folder = std::path::Path::new(arg).is_dir();
    if arg != "." && !folder && bitext::workspace::check_slug(std::path::Path::new(arg), arg).is_ok() {
        return Ok(arg.to_owned());
    }
    let path = std::path::Path::new(arg);
    let start = if path.is_dir() {
        path
    } else {
        path.parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(std::path::Path::new("."))
    };
    // Outside any workspace (`--workspace` names it), the name is looked
    // up later, in the workspace the command runs in.
    let Ok(ws) = Workspace::discover(start) else {
        return Ok(arg.to_owned());
    };
    locate::release_of_arg(&ws, arg)
}

/// The releases and pages that release arguments name, each folder
/// replaced by what it holds (`bitext sign-off content/en`).
pub fn named(cx: &Context, names: Vec<String>) -> Result<Vec<String>> {
    Ok(bitext::release::locate::expand_folders(&cx.ws, names)?)
}

/// As `named`, for `check` and `status`, where the workspace root means
/// no selection at all: the whole workspace, with its orphan pages.
pub fn named_or_all(cx: &Context, names: Vec<String>) -> Result<Vec<String>> {
    if names.iter().any(|n| n == bitext::release::locate::WORKSPACE_ROOT) {
        return Ok(Vec::new());
    }
    named(cx, names)
}

/// The one release or page a command such as `diff` takes: a folder must
/// hold exactly one.
pub fn named_one(cx: &Context, name: &str) -> Result<String> {
    let mut names = named(cx, vec![name.to_owned()])?;
    if names.len() != 1 {
        anyhow::bail!(bitext::tr!(
            "folder-not-one-release",
            path = name,
            count = names.len()
        ));
    }
    Ok(names.remove(0))
}

/// Sets the UI language for the whole process: `--ui-lang`, else the
/// locale environment. Called before anything can produce a message.
pub fn choose_ui_lang(args: &Args) {
    use bitext::ui::{self, UiLang};
    ui::set_lang(match args.ui_lang {
        Some(UiLangArg::En) => UiLang::En,
        Some(UiLangArg::Fr) => UiLang::Fr,
        None => UiLang::from_env(),
    });
}

pub fn run(args: Args) -> Result<ExitStatus> {
    // These need no workspace: `init` writes one, and completions and the
    // man page describe the command line itself.
    match args.command {
        Command::Init(a) => return init::run(args.workspace, a),
        Command::Completions(a) => return generate::completions(a),
        Command::Man(a) => return generate::man(a),
        _ => {}
    }
    let ws = match &args.workspace {
        Some(dir) => Workspace::load(dir)?,
        None => Workspace::discover(&std::env::current_dir()?)?,
    };
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            use std::io::IsTerminal;
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
        }
    };
    let cx = Context {
        ws,
        style: bitext::report::Style { color },
    };
    match args.command {
        Command::Check(a) => check::run(&cx, a),
        Command::Status(a) => status::run(&cx, a),
        Command::Diff(a) => diff::run(&cx, a),
        Command::SignOff(a) => sign_off::run(&cx, a),
        Command::Align(a) => align::run(&cx, a),
        Command::New(a) => new::run(&cx, a),
        Command::Xliff(a) => xliff::run(&cx, a),
        Command::Tmx(a) => tmx::run(&cx, a),
        Command::Render(a) => render::run(&cx, a),
        Command::Publish(a) => publish::run(&cx, a),
        Command::Init(_) | Command::Completions(_) | Command::Man(_) => {
            unreachable!("handled before the workspace is loaded")
        }
    }
}
