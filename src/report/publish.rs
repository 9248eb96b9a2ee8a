//! Printing the outcome of `bitext publish`: each blocked release with its
//! reasons (the findings in full, as `check` shows them), then what was
//! published, or would be with `--dry-run`, and where.

use std::path::Path;

use crate::publish::{Outcome, Reason};
use crate::workspace::Workspace;

use super::human::{render_findings, Style};

pub fn render(outcome: &Outcome, ws: &Workspace, style: Style) -> String {
    let mut out = String::new();
    for blocked in &outcome.blocked {
        let reasons: Vec<String> = blocked.reasons.iter().map(Reason::describe).collect();
        out.push_str(&format!(
            "{} {}: {}\n",
            style.bold("blocked"),
            blocked.slug,
            reasons.join("; ")
        ));
        for reason in &blocked.reasons {
            if let Reason::Findings(findings) = reason {
                out.push_str(&render_findings(findings, ws, style));
            }
        }
    }
    let where_ = shown(&outcome.out, ws);
    if outcome.refused() {
        out.push_str(&format!(
            "{} {} blocked: nothing was published and {where_} is unchanged (use --skip-blocked to publish the others)\n",
            style.bold("error:"),
            releases(outcome.blocked.len()),
        ));
        return out;
    }
    let verb = if outcome.dry_run {
        "would publish"
    } else {
        "published"
    };
    for planned in &outcome.planned {
        let note = if planned.first_time { " (new)" } else { "" };
        out.push_str(&format!("{verb} {}{note}\n", planned.slug));
        for (lang, path) in &planned.pages {
            out.push_str(&format!("  {lang:<6} {where_}/{path}\n"));
        }
    }
    let skipped = if outcome.blocked.is_empty() {
        String::new()
    } else {
        format!(", {} left out", releases(outcome.blocked.len()))
    };
    let tail = if outcome.dry_run {
        " (dry run: nothing written)"
    } else {
        ""
    };
    out.push_str(&format!(
        "{} {verb} {} in both languages to {where_}{skipped}{tail}\n",
        style.bold("ok:"),
        releases(outcome.planned.len()),
    ));
    out
}

fn releases(n: usize) -> String {
    format!("{n} release{}", if n == 1 { "" } else { "s" })
}

/// The output folder relative to the workspace when it is inside it.
fn shown(out: &Path, ws: &Workspace) -> String {
    let root = std::fs::canonicalize(&ws.root).unwrap_or_else(|_| ws.root.clone());
    out.strip_prefix(&root).unwrap_or(out).display().to_string()
}
