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
            "{} {}\n",
            style.bold(&crate::tr!("publish-blocked")),
            crate::tr!(
                "publish-blocked-reasons",
                release = &blocked.slug,
                reasons = reasons.join(&crate::tr!("list-semicolon"))
            )
        ));
        for reason in &blocked.reasons {
            if let Reason::Findings(findings) = reason {
                out.push_str(&render_findings(findings, style));
            }
        }
    }
    let where_ = shown(&outcome.out, ws);
    if outcome.refused() {
        let label = format!(
            "{}{}",
            crate::tr!("severity", severity = "error"),
            crate::tr!("colon")
        );
        out.push_str(&format!(
            "{} {}\n",
            style.bold(&label),
            crate::tr!("publish-refused", count = outcome.blocked.len(), dir = &where_)
        ));
        return out;
    }
    let mode = if outcome.dry_run { "dry-run" } else { "done" };
    for planned in &outcome.planned {
        let note = if planned.first_time {
            format!(" {}", crate::tr!("publish-new"))
        } else {
            String::new()
        };
        out.push_str(&format!(
            "{}{note}\n",
            crate::tr!("publish-planned", mode = mode, release = &planned.slug)
        ));
        for (lang, path) in &planned.pages {
            out.push_str(&format!("  {lang:<6} {where_}/{path}\n"));
        }
    }
    let skipped = if outcome.blocked.is_empty() {
        String::new()
    } else {
        crate::tr!("publish-left-out", count = outcome.blocked.len())
    };
    let tail = if outcome.dry_run {
        format!(" {}", crate::tr!("publish-dry-run"))
    } else {
        String::new()
    };
    out.push_str(&format!(
        "{} {}\n",
        style.bold(&crate::tr!("report-ok")),
        crate::tr!(
            "publish-summary",
            mode = mode,
            count = outcome.planned.len(),
            dir = &where_,
            skipped = skipped,
            tail = tail
        )
    ));
    out
}

/// The output folder relative to the workspace when it is inside it.
fn shown(out: &Path, ws: &Workspace) -> String {
    let root = std::fs::canonicalize(&ws.root).unwrap_or_else(|_| ws.root.clone());
    out.strip_prefix(&root).unwrap_or(out).display().to_string()
}
