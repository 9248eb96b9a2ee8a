//! `bitext diff`: for each drifted pair of a release, the word diff of the
//! source from sign-off to now, then the current target that must follow,
//! each with its file and line.

use crate::checks::driver::location;
use crate::pairing::{join_text, PairedRelease};
use crate::report::Style;
use crate::tr;
use crate::workspace::Workspace;

pub fn render(ws: &Workspace, paired: &PairedRelease, style: Style) -> String {
    let mut out = String::new();
    let mut drifted = 0;
    for pair in &paired.pairs {
        let Some(before) = paired.signed_off_source(pair) else {
            continue;
        };
        drifted += 1;
        let source = paired.source_segments(pair);
        let target = paired.target_segments(pair);
        let (Some(s), Some(t)) = (
            location(&ws.source, &paired.release.source, source),
            location(&ws.target, &paired.release.target, target),
        ) else {
            continue;
        };
        out.push_str(&format!(
            "{} {}:{}\n",
            style.severity(crate::diagnostic::Severity::Error, "source-drifted"),
            s.path.display(),
            s.line
        ));
        out.push_str(&format!(
            "  {} {}\n",
            style.bold(&tr!("diff-source-since", lang = ws.source.name())),
            style.word_diff(before, &join_text(source))
        ));
        out.push_str(&format!(
            "  {} {}\n",
            style.bold(&tr!(
                "diff-target-now",
                lang = ws.target.name(),
                path = t.path.display(),
                line = t.line
            )),
            join_text(target)
        ));
        out.push('\n');
    }
    if drifted == 0 {
        out.push_str(&tr!("diff-none", release = &paired.release.slug));
        out.push('\n');
    }
    out
}
