use std::path::PathBuf;

use anyhow::{anyhow, Result};
use clap::{Args, ValueEnum};

use std::io::Write;

use bitext::checks::driver::{Progress, Sink};
use bitext::diagnostic::{Finding, Severity};
use bitext::report::{Format, Stream};
use bitext::tr;

use super::{output::print, Context, ExitStatus};

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Releases to check: a folder name under releases/, a release folder,
    /// a file in one, or `.` inside one; or collection pages by source path;
    /// any other folder for everything under it; all when none given.
    #[arg(value_name = "RELEASE")]
    releases: Vec<String>,

    /// Check only the releases with files changed since the git revision
    /// REV (committed or not, and new files), and every release that uses
    /// a message of a changed `.ftl` file.
    #[arg(
        long,
        value_name = "REV",
        conflicts_with = "releases",
        help_heading = "Selection"
    )]
    changed_since: Option<String>,

    /// Print error-level findings only (the same as `--min-severity error`).
    #[arg(short, long, conflicts_with = "min_severity", help_heading = "Output")]
    quiet: bool,

    /// Report only findings of this severity or above, in every format.
    #[arg(long, value_enum, value_name = "LEVEL", default_value_t = SeverityArg::Info, help_heading = "Output")]
    min_severity: SeverityArg,

    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Human, help_heading = "Output")]
    format: FormatArg,

    /// Check every release again instead of replaying the findings of
    /// unchanged ones from `.bitext/cache/`, and leave the cache as it is.
    #[arg(
        long,
        env = "BITEXT_NO_CACHE",
        value_parser = clap::builder::FalseyValueParser::new(),
        help_heading = "Selection"
    )]
    no_cache: bool,

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

#[derive(Debug, Clone, Copy, ValueEnum)]
enum SeverityArg {
    Error,
    Warning,
    Info,
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

pub fn run(cx: &Context, mut args: CheckArgs) -> Result<ExitStatus> {
    args.releases = super::named_or_all(cx, std::mem::take(&mut args.releases))?;
    if let Some(rev) = &args.changed_since {
        let changed = changed_files(&cx.ws.root, rev)?;
        args.releases = bitext::release::locate::changed_releases(&cx.ws, &changed)?;
        if args.releases.is_empty() {
            if !args.quiet {
                eprintln!("{}", tr!("changed-since-none", rev = rev.as_str()));
            }
            return Ok(ExitStatus::Clean);
        }
    }
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
    // Held until the report is printed: the check sees what the fixes wrote.
    let _lock = if args.fix {
        Some(super::lock_for_writing(cx)?)
    } else {
        None
    };
    if args.fix {
        // Every fixed file is staged before any is replaced: a full disk
        // leaves all of them as they were.
        let fixes = bitext::checks::driver::fixes(&cx.ws, &args.releases)?;
        let files: Vec<_> = fixes
            .iter()
            .map(|f| (cx.ws.root.join(&f.path), f.after.as_bytes()))
            .collect();
        bitext::atomic::write_all(&files)?;
    }
    let min = if args.quiet {
        Severity::Error
    } else {
        match args.min_severity {
            SeverityArg::Error => Severity::Error,
            SeverityArg::Warning => Severity::Warning,
            SeverityArg::Info => Severity::Info,
        }
    };
    let bar = Bar::new(!args.quiet);
    // Each release's findings are printed into the stream as soon as it is
    // checked, and only counts are kept (`report::Stream`).
    let stream = Stream::new(args.format.format(), cx.style, min)?;
    let sink = Printer(&stream);
    let checked =
        bitext::checks::driver::check_streaming(&cx.ws, &args.releases, min, &bar, !args.no_cache, &sink)?;
    bar.finish();
    // Pages of a collection with no partner, or keys claimed twice: last.
    let pages = bitext::collection::document_findings(&cx.ws, &args.releases)?;
    stream.add(usize::MAX, &pages)?;
    let totals = stream.totals();
    // A run that exits 2 writes nothing, not even its cache.
    if let Some(cache) = checked.cache.filter(|_| !totals.broken) {
        cache.save(args.releases.is_empty());
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    stream.finish(&checked.releases, &mut out)?;
    out.flush()?;
    Ok(if totals.broken {
        ExitStatus::Failure
    } else if totals.errors > 0 {
        ExitStatus::Findings
    } else {
        ExitStatus::Clean
    })
}

/// Hands each release's findings to the report as it is checked.
struct Printer<'a>(&'a Stream);

impl Sink for Printer<'_> {
    fn findings(&self, order: usize, findings: Vec<Finding>) -> bitext::error::Result<()> {
        self.0.add(order, &findings)
    }

    fn printer(&self) -> Option<&dyn bitext::cache::Printer> {
        Some(self.0)
    }
}

/// The files changed since `rev`, relative to the workspace root: tracked
/// files that differ from `rev` (committed or not) and untracked files not
/// ignored. Git itself answers, as the user's own `git diff` would (same
/// configuration, same worktree), rather than a reimplementation such as
/// `gix`, which would add a large dependency for two commands.
fn changed_files(root: &std::path::Path, rev: &str) -> Result<Vec<PathBuf>> {
    let git = |args: &[&str]| -> Result<String> {
        let output = std::process::Command::new("git")
            .arg("-C")
            .arg(root)
            .args(args)
            .output()
            .map_err(|e| anyhow!(tr!("changed-since-git", rev = rev, error = e.to_string())))?;
        if !output.status.success() {
            let error = String::from_utf8_lossy(&output.stderr).trim().to_owned();
            return Err(anyhow!(tr!("changed-since-git", rev = rev, error = error)));
        }
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    };
    let tracked = git(&["diff", "--name-only", "--relative", "--no-renames", rev, "--"])?;
    let untracked = git(&["ls-files", "--others", "--exclude-standard"])?;
    Ok(tracked
        .lines()
        .chain(untracked.lines())
        .map(PathBuf::from)
        .collect())
}

/// A progress bar on standard error while releases are checked, shown
/// only on a terminal and outside CI (the `CI` variable every CI service
/// sets), so that logs and pipes get none.
struct Bar(Option<indicatif::ProgressBar>);

impl Bar {
    fn new(wanted: bool) -> Self {
        use std::io::IsTerminal;
        let show =
            wanted && std::io::stderr().is_terminal() && std::env::var_os("CI").is_none_or(|v| v.is_empty());
        Bar(show.then(|| {
            let bar = indicatif::ProgressBar::hidden();
            bar.set_style(
                indicatif::ProgressStyle::with_template("{msg} {bar:30} {pos}/{len}")
                    .expect("a valid template"),
            );
            bar.set_message(tr!("progress-checking"));
            bar
        }))
    }

    fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

impl Progress for Bar {
    fn start(&self, releases: usize) {
        if let Some(bar) = &self.0 {
            bar.set_length(releases as u64);
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            bar.enable_steady_tick(std::time::Duration::from_millis(200));
        }
    }

    fn advance(&self) {
        if let Some(bar) = &self.0 {
            bar.inc(1);
        }
    }
}
