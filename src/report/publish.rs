//! Printing the outcome of `bitext publish`: the three lists (what is, or
//! would be with `--dry-run`, published and where; what waits; what is
//! blocked, with its reasons and the findings in full, as `check` shows
//! them), each held release that stays live at its previous version, the
//! releases withdrawn with their folder, then one summary line.

use std::path::Path;

use crate::publish::{Held, Outcome, Reason};
use crate::workspace::Workspace;

use super::human::{render_findings, Style};

pub fn render(outcome: &Outcome, ws: &Workspace, style: Style) -> String {
    let mut out = String::new();
    let where_ = shown(&outcome.out, ws);
    let mode = if outcome.dry_run { "dry-run" } else { "done" };
    // A refused run published nothing; a dry run still shows what would go
    // out with --skip-blocked.
    if !outcome.refused() || outcome.dry_run {
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
    }
    for held in &outcome.waiting {
        held_line(&mut out, held, &crate::tr!("publish-waiting"), style);
    }
    for held in &outcome.blocked {
        held_line(&mut out, held, &crate::tr!("publish-blocked"), style);
        for reason in &held.reasons {
            if let Reason::Findings(findings) = reason {
                out.push_str(&render_findings(findings, style));
            }
        }
    }
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
    for slug in &outcome.withdrawn {
        out.push_str(&format!(
            "{} {}\n",
            style.bold(&crate::tr!("publish-withdrawn")),
            crate::tr!("publish-withdrawn-why", mode = mode, release = slug.as_str())
        ));
    }
    let mut held = String::new();
    if !outcome.waiting.is_empty() {
        held.push_str(&crate::tr!(
            "publish-count-waiting",
            count = outcome.waiting.len()
        ));
    }
    if !outcome.blocked.is_empty() {
        held.push_str(&crate::tr!("publish-left-out", count = outcome.blocked.len()));
    }
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
            skipped = held,
            tail = tail
        )
    ));
    out
}

/// `waiting SLUG: reasons` or `blocked SLUG: reasons`, and whether the
/// release stays live at its previous version.
fn held_line(out: &mut String, held: &Held, label: &str, style: Style) {
    let mut reasons: Vec<String> = held.reasons.iter().map(Reason::describe).collect();
    if let Some(date) = &held.kept_live {
        reasons.push(crate::tr!("publish-kept-live", date = date.as_str()));
    }
    out.push_str(&format!(
        "{} {}\n",
        style.bold(label),
        crate::tr!(
            "publish-blocked-reasons",
            release = &held.slug,
            reasons = reasons.join(&crate::tr!("list-semicolon"))
        )
    ));
}

/// The output folder relative to the workspace when it is inside it.
fn shown(out: &Path, ws: &Workspace) -> String {
    out.strip_prefix(ws.real_root())
        .unwrap_or(out)
        .display()
        .to_string()
}
