use anyhow::{bail, Result};
use clap::Args;

use bitext::diagnostic::Report;
use bitext::pairing::sign_off::{sign_off, Outcome};
use bitext::report::{self, Format};
use bitext::tr;

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

    /// Record unpaired segments as one-sided on purpose (an English-only
    /// contact block, say) instead of refusing.
    #[arg(long)]
    force: bool,
}

pub fn run(cx: &Context, args: SignOffArgs) -> Result<ExitStatus> {
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
            print(&lines)?;
            return Ok(ExitStatus::Clean);
        }
    }
    let slugs = if args.all {
        cx.ws.document_names()?
    } else {
        args.releases
    };
    if slugs.is_empty() {
        bail!(tr!("sign-off-nothing", dir = cx.ws.releases_dir.display()));
    }
    let mut refused = Report::default();
    let pages = if cx.ws.collections.is_empty() {
        Vec::new()
    } else {
        cx.ws.discovery()?.pairs.clone()
    };
    if (args.baseline || args.baseline_from_git)
        && !slugs.iter().any(|s| pages.iter().any(|p| &p.name() == s))
    {
        bail!(tr!("baseline-releases"));
    }
    for slug in &slugs {
        let page = pages.iter().find(|p| &p.name() == slug);
        if page.is_none() && (args.baseline || args.baseline_from_git) {
            // A baseline is for adopting a site; releases are signed off by a person.
            continue;
        }
        if let (Some(page), true) = (page, args.baseline || args.baseline_from_git) {
            use bitext::collection::git::{baseline, Baseline};
            let line = match baseline(&cx.ws, page, args.baseline_from_git)? {
                Baseline::Commit(commit) => tr!(
                    "baseline-git",
                    name = slug,
                    commit = &commit[..commit.len().min(12)]
                ),
                Baseline::Current(why) => tr!("baseline-current", name = slug, reason = why.id()),
            };
            lines.push_str(&line);
            lines.push('\n');
            continue;
        }
        let outcome = match page {
            Some(page) => bitext::collection::record::sign_off(&cx.ws, page, args.force)?,
            None => sign_off(&cx.ws, slug, args.force)?,
        };
        match outcome {
            Outcome::SignedOff { pairs, one_sided } => {
                lines.push_str(&tr!(
                    "sign-off-done",
                    release = slug,
                    pairs = pairs,
                    one_sided = one_sided
                ));
                lines.push('\n');
            }
            Outcome::Refused(findings) => {
                refused.releases.push(slug.clone());
                refused.findings.extend(findings);
                lines.push_str(&tr!("sign-off-refused", release = slug));
                lines.push('\n');
            }
        }
    }
    if !refused.releases.is_empty() {
        print(&report::render(&refused, Format::Human, cx.style))?;
    }
    print(&lines)?;
    Ok(if !refused.releases.is_empty() {
        ExitStatus::Findings
    } else {
        ExitStatus::Clean
    })
}
