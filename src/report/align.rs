//! `bitext align`: every aligned pair of a release in document order, as
//! JSON for scripts (`{"pairs": [{"status", "source": [...], "target": [...]}]}`)
//! or as a plain listing.

use serde::Serialize;

use crate::pairing::PairedRelease;
use crate::segment::Segment;
use crate::source::SourceFile;

#[derive(Serialize)]
struct JsonSegment<'a> {
    line: usize,
    column: usize,
    kind: &'static str,
    text: &'a str,
}

#[derive(Serialize)]
struct JsonPair<'a> {
    status: &'static str,
    source: Vec<JsonSegment<'a>>,
    target: Vec<JsonSegment<'a>>,
}

#[derive(Serialize)]
struct JsonAlignment<'a> {
    pairs: Vec<JsonPair<'a>>,
}

fn segments<'a>(file: &SourceFile, segments: &'a [Segment]) -> Vec<JsonSegment<'a>> {
    segments
        .iter()
        .map(|s| {
            let at = file.position(s.span.start);
            JsonSegment {
                line: at.line,
                column: at.column,
                kind: s.kind.name(),
                text: &s.text,
            }
        })
        .collect()
}

pub fn json(paired: &PairedRelease) -> String {
    let pairs = paired
        .pairs
        .iter()
        .map(|pair| JsonPair {
            status: pair.status.name(),
            source: segments(&paired.release.source, paired.source_segments(pair)),
            target: segments(&paired.release.target, paired.target_segments(pair)),
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&JsonAlignment { pairs }).expect("alignment serialises");
    text.push('\n');
    text
}

/// One block per pair: its status, then each side's lines and text.
pub fn plain(paired: &PairedRelease) -> String {
    let mut out = String::new();
    for pair in &paired.pairs {
        out.push_str(&format!("[{}]\n", pair.status.name()));
        for (file, segs) in [
            (&paired.release.source, paired.source_segments(pair)),
            (&paired.release.target, paired.target_segments(pair)),
        ] {
            for seg in segs {
                let at = file.position(seg.span.start);
                out.push_str(&format!(
                    "  {}:{}  {}\n",
                    file.path().display(),
                    at.line,
                    seg.text
                ));
            }
        }
    }
    out
}
