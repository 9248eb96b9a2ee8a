//! `bitext diff`: for each drifted pair of a release, the word diff of the
//! source from sign-off to now, then the current target that must follow,
//! each with its file and line.

use crate::document::segment::Segment;
use crate::document::source::SourceFile;
use crate::pairing::{join_text, PairedRelease};
use crate::report::Style;
use crate::tr;
use crate::workspace::Workspace;

/// The line a run of segments starts on, or `None` for an empty run.
fn first_line(file: &SourceFile, segments: &[Segment]) -> Option<usize> {
    segments.first().map(|s| file.position(s.span.start).line)
}

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
        let (source_file, target_file) = (&paired.release.source, &paired.release.target);
        let (Some(source_line), Some(target_line)) =
            (first_line(source_file, source), first_line(target_file, target))
        else {
            continue;
        };
        out.push_str(&format!(
            "{} {}:{}\n",
            style.severity(crate::diagnostic::Severity::Error, "source-drifted"),
            source_file.path().display(),
            source_line
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
                path = target_file.path().display(),
                line = target_line
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
