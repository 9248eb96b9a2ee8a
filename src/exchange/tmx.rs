//! TMX 1.4 export: a translation memory of every signed-off pair of the
//! workspace (pairs in sync, boilerplate references left out) and of the
//! boilerplate messages translated in `locales/`, with the workspace's
//! language tags. Inline Markdown travels as TMX inline codes (`<bpt>`,
//! `<ept>`, `<ph>`) with its original bytes, as in XLIFF 1.2.

use std::fmt::Write as _;

use crate::document::segment::{Segment, SegmentKind};
use crate::error::Result;
use crate::exchange::xliff::export::{write_codes, CodeNames};
use crate::exchange::xliff::inline::{Document, Ids, Inline};
use crate::exchange::xliff::xml::escape;
use crate::pairing::{PairStatus, PairedRelease};
use crate::release::Release;
use crate::workspace::Workspace;

/// A TMX document and how many translation units it holds.
#[derive(Debug)]
pub struct Exported {
    pub xml: String,
    pub pairs: usize,
    pub boilerplate: usize,
}

pub fn export(ws: &Workspace) -> Result<Exported> {
    let mut body = String::new();
    let mut pairs = 0;
    for slug in ws.document_names()? {
        let release = Release::load(ws, &slug)?;
        let paired = PairedRelease::new(ws, &release);
        let source_doc = &release.source;
        let target_doc = &release.target;
        for pair in paired.pairs.iter().filter(|p| p.status == PairStatus::InSync) {
            let source = paired.source_segments(pair);
            let target = paired.target_segments(pair);
            if source
                .iter()
                .chain(target)
                .any(|s| s.kind == SegmentKind::Boilerplate)
            {
                continue;
            }
            let Some(first) = pair.alignment.source.clone().next() else {
                continue;
            };
            let tuid = format!("{slug}/{}", crate::exchange::xliff::unit_id(first));
            let _ = writeln!(
                body,
                "    <tu tuid=\"{}\">\n      <prop type=\"x-release\">{}</prop>\n      <tuv xml:lang=\"{}\"><seg>{}</seg></tuv>\n      <tuv xml:lang=\"{}\"><seg>{}</seg></tuv>\n    </tu>",
                escape(&tuid),
                escape(&slug),
                ws.source,
                seg(source_doc, source),
                ws.target,
                seg(target_doc, target),
            );
            pairs += 1;
        }
    }
    let messages = boilerplate_pairs(ws)?;
    for (id, source, target) in &messages {
        let _ = writeln!(
            body,
            "    <tu tuid=\"boilerplate/{}\">\n      <prop type=\"x-boilerplate\">{}</prop>\n      <tuv xml:lang=\"{}\"><seg>{}</seg></tuv>\n      <tuv xml:lang=\"{}\"><seg>{}</seg></tuv>\n    </tu>",
            escape(id),
            escape(id),
            ws.source,
            source,
            ws.target,
            target,
        );
    }
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n  <header creationtool=\"bitext\" creationtoolversion=\"{}\" datatype=\"plaintext\" segtype=\"paragraph\" adminlang=\"en\" srclang=\"{}\" o-tmf=\"bitext\"/>\n  <body>\n{body}  </body>\n</tmx>\n",
        env!("CARGO_PKG_VERSION"),
        ws.source,
    );
    Ok(Exported {
        xml,
        pairs,
        boilerplate: messages.len(),
    })
}

/// A side of a pair as TMX segment content: inline codes where the text is
/// Markdown, the normalised text where it sits in raw HTML.
fn seg(doc: &Document, segments: &[Segment]) -> String {
    let mut out = String::new();
    let mut ids = Ids::default();
    for (i, segment) in segments.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        match (!doc.in_html_block(segment))
            .then(|| doc.content(segment, &mut ids))
            .flatten()
        {
            Some((nodes, _)) => write_inline(&nodes, &mut out),
            None => out.push_str(&escape(&segment.text)),
        }
    }
    out
}

/// TMX 1.4 names its inline codes' attributes `x`, `i` and `type`.
const TMX_CODES: CodeNames = CodeNames {
    placeholder_id: "x",
    pair_id: "i",
    kind: "type",
};

fn write_inline(nodes: &[Inline], out: &mut String) {
    write_codes(nodes, &TMX_CODES, out);
}

/// Boilerplate messages defined in both languages, as (id, source seg,
/// target seg). Messages whose value selects between variants (plurals)
/// are not single segments and are left out.
fn boilerplate_pairs(ws: &Workspace) -> Result<Vec<(String, String, String)>> {
    let source = crate::boilerplate::messages(ws, &ws.source)?;
    let target = crate::boilerplate::messages(ws, &ws.target)?;
    Ok(source
        .into_iter()
        .filter_map(|(id, s)| {
            let t = &target.iter().find(|(tid, _)| *tid == id)?.1;
            Some((id, placeables_as_codes(&s)?, placeables_as_codes(t)?))
        })
        .collect())
}

/// A message's Fluent source as a TMX segment: text escaped, each
/// placeable (`{ $phone }`, `{ -mod }`) a `<ph>` so that a CAT tool keeps it
/// whole. `None` for a select expression, which is not one segment.
fn placeables_as_codes(source: &str) -> Option<String> {
    let mut out = String::new();
    let mut rest = source;
    let mut n = 0;
    while let Some(open) = rest.find('{') {
        out.push_str(&escape(&rest[..open]));
        let close = open + rest[open..].find('}')?;
        let placeable = &rest[open..=close];
        if placeable.contains("->") || placeable[1..].contains('{') {
            return None;
        }
        n += 1;
        let _ = write!(out, "<ph x=\"{n}\">{}</ph>", escape(placeable));
        rest = &rest[close + 1..];
    }
    out.push_str(&escape(rest));
    Some(out)
}
