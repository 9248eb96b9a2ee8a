use std::io::Write;

use anyhow::{bail, Result};
use clap::Args;

use bitext::checks::driver::{self, Refusal, SignOff, Sink};
use bitext::diagnostic::{Finding, Severity};
use bitext::pairing::lock::Signature;
use bitext::pairing::sign_off::{self, Accept, Approval, Summary};
use bitext::report::{Format, Stream};
use bitext::tr;
use bitext::workspace::Workspace;

use super::{output::print, Context, ExitStatus};

#[derive(Debug, Args)]
pub struct SignOffArgs {
    /// Releases to sign off.
    #[arg(value_name = "RELEASE", required_unless_present_any = ["all", "locales"])]
    releases: Vec<String>,

    /// Sign off every release and collection page of the workspace.
    #[arg(long, conflicts_with = "releases")]
    all: bool,

    /// Sign off the boilerplate in locales/: record every message defined
    /// in both languages in locales/bitext.lock (with or without releases).
    #[arg(long)]
    locales: bool,

    /// Approve the findings on this line that would refuse the sign-off: a
    /// drifted pair kept as it is, an unpaired segment recorded as
    /// one-sided, an error accepted. LINE is a line number (the English
    /// line, or the French one for a French-only segment), or
    /// `en.md:LINE` / `fr.md:LINE` as `check` prints it.
    #[arg(long, value_name = "LINE", num_args = 1..)]
    accept: Vec<String>,

    /// For collection pages: record as a baseline the English as it was at
    /// the last commit that changed the French, paired with that French,
    /// marked as inferred (not approved by a person). Pages without
    /// history get the current state, with a message saying why.
    #[arg(long, conflicts_with = "baseline")]
    baseline_from_git: bool,

    /// For collection pages: record the current state as a baseline,
    /// marked as inferred (not approved by a person).
    #[arg(long)]
    baseline: bool,

    /// Approve every finding that would refuse the sign-off.
    #[arg(long)]
    force: bool,

    /// Who signs off, recorded in the lock. Default: the git author
    /// (`user.name` and `user.email`), else the operating-system user.
    #[arg(long, value_name = "NAME")]
    by: Option<String>,
}

pub fn run(cx: &Context, args: SignOffArgs) -> Result<ExitStatus> {
    let _lock = super::lock_for_writing(cx)?;
    // Every lock and collection record of the run is written, or none (a
    // full disk, a read-only folder).
    let mut batch = Some(bitext::atomic::batch());
    let mut lines = String::new();
    if args.locales {
        let signed = bitext::boilerplate::locale_lock::sign_off(&cx.ws)?;
        lines.push_str(&tr!("sign-off-locales", messages = signed.messages));
        if signed.untranslated > 0 {
            lines.push_str(&tr!(
                "sign-off-locales-untranslated",
                count = signed.untranslated,
                target = cx.ws.target.name()
            ));
        }
        lines.push('\n');
        if !args.all && args.releases.is_empty() {
            commit(batch.take())?;
            print(&lines)?;
            return Ok(ExitStatus::Clean);
        }
    }
    let slugs = if args.all {
        cx.ws.document_names()?
    } else {
        super::named(cx, args.releases)?
    };
    if slugs.is_empty() {
        bail!(tr!("sign-off-nothing", dir = cx.ws.releases_dir.display()));
    }
    let approval = Approval {
        force: args.force,
        accept: args
            .accept
            .iter()
            .map(|text| parse_accept(&cx.ws, text))
            .collect::<Result<_>>()?,
    };
    let signature = Signature {
        by: sign_off::signer(&cx.ws.root, args.by.as_deref()),
        at: sign_off::signed_at(),
    };
    if args.baseline || args.baseline_from_git {
        return baselines(cx, &slugs, args.baseline_from_git, lines, batch.take());
    }
    // The refused releases' findings are rendered as each is decided and
    // spooled (`report::Stream`), so that they are not kept to the end.
    let stream = Stream::new(Format::Human, cx.style, Severity::Info)?;
    let mut refused = Vec::new();
    for (slug, outcome) in driver::sign_off(&cx.ws, &slugs, &approval, &signature, &Printer(&stream))? {
        match outcome {
            SignOff::Signed(summary) => {
                lines.push_str(&tr!(
                    "sign-off-done",
                    release = slug.as_str(),
                    pairs = summary.pairs
                ));
                lines.push_str(&details(&cx.ws, &summary));
                lines.push('\n');
            }
            SignOff::Refused(refusal) => {
                let release = slug.as_str();
                lines.push_str(&match refusal {
                    Refusal::Unpaired => tr!("sign-off-refused", release = release),
                    Refusal::Drifted => tr!("sign-off-refused-drifted", release = release),
                    Refusal::Errors => tr!("sign-off-refused-errors", release = release),
                });
                lines.push('\n');
                refused.push(slug);
            }
        }
    }
    commit(batch.take())?;
    if !refused.is_empty() {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        stream.finish(&refused, &mut out)?;
        out.flush()?;
    }
    print(&lines)?;
    Ok(if !refused.is_empty() {
        ExitStatus::Findings
    } else {
        ExitStatus::Clean
    })
}

/// Hands each refused release's findings to the report as it is decided.
struct Printer<'a>(&'a Stream);

impl Sink for Printer<'_> {
    fn findings(&self, order: usize, findings: Vec<Finding>) -> bitext::error::Result<()> {
        self.0.add(order, &findings)
    }
}

fn commit(batch: Option<bitext::atomic::Batch>) -> Result<()> {
    if let Some(batch) = batch {
        batch.commit()?;
    }
    Ok(())
}

/// `--baseline` and `--baseline-from-git`: an inferred first record for
/// each collection page named; releases are signed off by a person, so
/// they are left out.
fn baselines(
    cx: &Context,
    names: &[String],
    from_git: bool,
    mut lines: String,
    batch: Option<bitext::atomic::Batch>,
) -> Result<ExitStatus> {
    use bitext::collection::git::{baseline, Baseline};
    let pages = if cx.ws.collections.is_empty() {
        Vec::new()
    } else {
        cx.ws.discovery()?.pairs.clone()
    };
    let named: Vec<_> = pages.iter().filter(|p| names.contains(&p.name())).collect();
    if named.is_empty() {
        bail!(tr!("baseline-releases"));
    }
    for page in named {
        let name = page.name();
        let line = match baseline(&cx.ws, page, from_git)? {
            Baseline::Commit(commit) => tr!(
                "baseline-git",
                name = name.as_str(),
                commit = &commit[..commit.len().min(12)]
            ),
            Baseline::Current(why) => tr!("baseline-current", name = name.as_str(), reason = why.id()),
        };
        lines.push_str(&line);
        lines.push('\n');
    }
    commit(batch)?;
    print(&lines)?;
    Ok(ExitStatus::Clean)
}

/// What a sign-off approved beyond pairs in sync: ` (2 new, 1 French edit
/// approved, 1 drift accepted as is)`, or nothing.
fn details(ws: &Workspace, summary: &Summary) -> String {
    let target = ws.target.name();
    let parts: Vec<String> = [
        (summary.new, tr!("sign-off-new", count = summary.new)),
        (
            summary.target_edits,
            tr!(
                "sign-off-target-edits",
                count = summary.target_edits,
                target = target.as_str()
            ),
        ),
        (
            summary.drifts_accepted,
            tr!("sign-off-drifts-accepted", count = summary.drifts_accepted),
        ),
        (
            summary.one_sided,
            tr!("sign-off-one-sided", count = summary.one_sided),
        ),
        (
            summary.errors_accepted,
            tr!("sign-off-errors-accepted", count = summary.errors_accepted),
        ),
    ]
    .into_iter()
    .filter(|(count, _)| *count > 0)
    .map(|(_, text)| text)
    .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(", "))
    }
}

/// `12`, `en.md:12`, `fr.md:12`, or a location as `check` prints it
/// (`releases/x/en.md:12:1`).
fn parse_accept(ws: &Workspace, text: &str) -> Result<Accept> {
    let mut parts: Vec<&str> = text.rsplitn(3, ':').collect();
    parts.reverse();
    let numbers = parts
        .iter()
        .rev()
        .take_while(|p| p.parse::<usize>().is_ok())
        .count();
    let (file, line) = match (parts.as_slice(), numbers) {
        ([line], 1) => (None, line),
        ([file, line], 1) | ([file, line, _], 2) => (Some(*file), line),
        ([line, _], 2) => (None, line),
        _ => bail!(tr!("sign-off-accept-bad", value = text)),
    };
    let line: usize = line.parse()?;
    Ok(match file {
        None => Accept::Line(line),
        Some(file) if file.ends_with(&ws.source.document_name()) => Accept::Source(line),
        Some(file) if file.ends_with(&ws.target.document_name()) => Accept::Target(line),
        Some(_) => bail!(tr!("sign-off-accept-bad", value = text)),
    })
}
