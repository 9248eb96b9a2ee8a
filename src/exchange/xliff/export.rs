//! Writing XLIFF: one `<file>` per release, one unit per source segment of
//! the selected pairs (boilerplate references and segments inside raw HTML
//! blocks left out), with the current target if any, its state, the source
//! at sign-off as a note for drifted pairs, and the hashes that let the
//! import refuse stale units.

use std::fmt::Write as _;

use crate::document::segment::{Segment, SegmentKind};
use crate::error::Result;
use crate::pairing::lock::{hash_hex, hash_side, hash_text};
use crate::pairing::{Pair, PairStatus, PairedRelease};
use crate::release::Release;
use crate::workspace::Workspace;

use super::inline::{self, CodeKind, Document, Ids, Inline};
use super::xml::escape;
use super::{unit_id, Selection, State, Version, BITEXT_NS, XLIFF1_NS, XLIFF2_NS};

/// An export and what it holds.
#[derive(Debug)]
pub struct Exported {
    pub xml: String,
    pub files: usize,
    pub units: usize,
    /// Source segments left out because they sit in raw HTML blocks.
    pub skipped_html: usize,
}

/// One unit ready to be written.
struct Unit {
    id: String,
    kind: SegmentKind,
    status: PairStatus,
    hash: String,
    target_hash: Option<String>,
    source: Vec<Inline>,
    target: Option<Vec<Inline>>,
    notes: Vec<(&'static str, String)>,
}

pub fn export(ws: &Workspace, slugs: &[String], selection: &Selection, version: Version) -> Result<Exported> {
    let mut out = Exported {
        xml: String::new(),
        files: 0,
        units: 0,
        skipped_html: 0,
    };
    let mut body = String::new();
    for slug in slugs {
        let release = Release::load(ws, slug)?;
        let paired = PairedRelease::new(ws, &release);
        let units = units(&paired, selection, &mut out.skipped_html);
        out.files += 1;
        out.units += units.len();
        let original = release.source.path().display().to_string();
        match version {
            Version::V2_0 => write_file2(&mut body, slug, &original, &units),
            Version::V1_2 => write_file1(&mut body, ws, slug, &original, &units),
        }
    }
    let (src, tgt) = (escape(&ws.source.to_string()), escape(&ws.target.to_string()));
    out.xml = match version {
        Version::V2_0 => format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff xmlns=\"{XLIFF2_NS}\" xmlns:bitext=\"{BITEXT_NS}\" version=\"2.0\" srcLang=\"{src}\" trgLang=\"{tgt}\">\n{body}</xliff>\n"
        ),
        Version::V1_2 => format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff xmlns=\"{XLIFF1_NS}\" xmlns:bitext=\"{BITEXT_NS}\" version=\"1.2\">\n{body}</xliff>\n"
        ),
    };
    Ok(out)
}

fn units(paired: &PairedRelease, selection: &Selection, skipped_html: &mut usize) -> Vec<Unit> {
    let source_doc = &paired.release.source;
    let target_doc = &paired.release.target;
    let mut units = Vec::new();
    for pair in &paired.pairs {
        if !selection.wants(pair.status) {
            continue;
        }
        let mut first = true;
        for index in pair.alignment.source.clone() {
            let segment = &paired.source[index];
            if segment.kind == SegmentKind::Boilerplate {
                continue;
            }
            if source_doc.in_html_block(segment) {
                *skipped_html += 1;
                continue;
            }
            let mut ids = Ids::default();
            let Some((source, _)) = source_doc.content(segment, &mut ids) else {
                continue;
            };
            let targets = paired.target_segments(pair);
            let mut notes = Vec::new();
            let target = if first {
                let target = target_content(target_doc, targets, &mut ids);
                if let Some(target) = &target {
                    let mut target = target.clone();
                    inline::match_ids(&source, &mut target, &mut ids);
                    Some(target)
                } else {
                    None
                }
            } else {
                notes.push((
                    "bitext:translated-with",
                    format!(
                        "Translated together with unit {}: put the translation there.",
                        units.last().map_or_else(String::new, |u: &Unit| u.id.clone())
                    ),
                ));
                None
            };
            if first {
                if let Some(before) = paired.signed_off_source(pair) {
                    notes.push(("bitext:source-at-sign-off", before.to_owned()));
                }
            }
            units.push(Unit {
                id: unit_id(index),
                kind: segment.kind,
                status: pair.status,
                hash: hash_hex(hash_text(&segment.text)),
                target_hash: target_hash(targets),
                source,
                target,
                notes,
            });
            first = false;
        }
    }
    units
}

/// The hash of a pair's target side, as `bitext:target-hash` carries it.
pub fn target_hash(targets: &[Segment]) -> Option<String> {
    (!targets.is_empty()).then(|| {
        hash_hex(hash_side(
            &targets.iter().map(|s| hash_text(&s.text)).collect::<Vec<_>>(),
        ))
    })
}

/// The inline content of a pair's target segments as one run, the bytes
/// between segments kept as placeholders; `None` when there is no target
/// or part of it is not Markdown.
pub fn target_content(doc: &Document, targets: &[Segment], ids: &mut Ids) -> Option<Vec<Inline>> {
    let mut nodes: Vec<Inline> = Vec::new();
    let mut last_end: Option<usize> = None;
    for segment in targets {
        if doc.in_html_block(segment) {
            return None;
        }
        let (content, range) = doc.content(segment, ids)?;
        if let Some(end) = last_end {
            nodes.push(Inline::Placeholder {
                id: ids.fresh(),
                kind: CodeKind::Block,
                data: doc.text()[end..range.start].to_owned(),
            });
        }
        nodes.extend(content);
        last_end = Some(range.end);
    }
    last_end.map(|_| nodes)
}

/// Original data of a unit's codes, by data id (XLIFF 2.0).
fn original_data(nodes: &[Inline], out: &mut Vec<(String, String)>) {
    for node in nodes {
        let mut add = |id: String, data: &str| {
            if !out.iter().any(|(i, _)| *i == id) {
                out.push((id, data.to_owned()));
            }
        };
        match node {
            Inline::Text(_) => {}
            Inline::Placeholder { id, data, .. } => add(format!("d{id}"), data),
            Inline::Paired {
                id,
                open,
                close,
                children,
                ..
            } => {
                add(format!("d{id}s"), open);
                add(format!("d{id}e"), close);
                original_data(children, out);
            }
        }
    }
}

fn inline2(nodes: &[Inline], out: &mut String) {
    for node in nodes {
        match node {
            Inline::Text(text) => out.push_str(&escape(text)),
            Inline::Placeholder { id, kind, data } => {
                let (ty, sub) = kind.xliff2_type();
                let _ = write!(
                    out,
                    "<ph id=\"{id}\" dataRef=\"d{id}\" type=\"{ty}\"{} disp=\"{}\"/>",
                    sub.map_or_else(String::new, |s| format!(" subType=\"{s}\"")),
                    escape(data)
                );
            }
            Inline::Paired {
                id, kind, children, ..
            } => {
                let (ty, sub) = kind.xliff2_type();
                let _ = write!(
                    out,
                    "<pc id=\"{id}\" dataRefStart=\"d{id}s\" dataRefEnd=\"d{id}e\" type=\"{ty}\"{}>",
                    sub.map_or_else(String::new, |s| format!(" subType=\"{s}\""))
                );
                inline2(children, out);
                out.push_str("</pc>");
            }
        }
    }
}

fn write_file2(out: &mut String, slug: &str, original: &str, units: &[Unit]) {
    let _ = writeln!(
        out,
        "  <file id=\"{}\" original=\"{}\" bitext:release=\"{}\">",
        escape(slug),
        escape(original),
        escape(slug)
    );
    for unit in units {
        let _ = write!(
            out,
            "    <unit id=\"{}\" bitext:kind=\"{}\" bitext:status=\"{}\" bitext:hash=\"{}\"",
            unit.id,
            unit.kind.name(),
            unit.status.name(),
            unit.hash
        );
        if let Some(h) = &unit.target_hash {
            let _ = write!(out, " bitext:target-hash=\"{h}\"");
        }
        out.push_str(">\n");
        if !unit.notes.is_empty() {
            out.push_str("      <notes>\n");
            for (category, text) in &unit.notes {
                let _ = writeln!(
                    out,
                    "        <note category=\"{category}\" appliesTo=\"source\">{}</note>",
                    escape(text)
                );
            }
            out.push_str("      </notes>\n");
        }
        let mut data = Vec::new();
        original_data(&unit.source, &mut data);
        if let Some(target) = &unit.target {
            original_data(target, &mut data);
        }
        if !data.is_empty() {
            out.push_str("      <originalData>\n");
            for (id, text) in &data {
                let _ = writeln!(out, "        <data id=\"{id}\">{}</data>", escape(text));
            }
            out.push_str("      </originalData>\n");
        }
        let state = match (&unit.target, State::of(unit.status)) {
            (None, _) => State::Initial,
            (Some(_), state) => state,
        };
        let _ = write!(
            out,
            "      <segment state=\"{}\">\n        <source>",
            state.xliff2()
        );
        inline2(&unit.source, out);
        out.push_str("</source>\n");
        if let Some(target) = &unit.target {
            out.push_str("        <target>");
            inline2(target, out);
            out.push_str("</target>\n");
        }
        out.push_str("      </segment>\n    </unit>\n");
    }
    out.push_str("  </file>\n");
}

/// The attribute names of inline codes in XLIFF 1.2 and TMX 1.4, which
/// use the same elements (`<ph>`, `<bpt>`, `<ept>`) but name them apart.
pub(crate) struct CodeNames {
    pub placeholder_id: &'static str,
    pub pair_id: &'static str,
    pub kind: &'static str,
}

const XLIFF_1_2: CodeNames = CodeNames {
    placeholder_id: "id",
    pair_id: "id",
    kind: "ctype",
};

/// Inline content as XLIFF 1.2 / TMX 1.4 text and codes.
pub(crate) fn write_codes(nodes: &[Inline], names: &CodeNames, out: &mut String) {
    for node in nodes {
        match node {
            Inline::Text(text) => out.push_str(&escape(text)),
            Inline::Placeholder { id, kind, data } => {
                let _ = write!(
                    out,
                    "<ph {}=\"{id}\" {}=\"{}\">{}</ph>",
                    names.placeholder_id,
                    names.kind,
                    kind.xliff1_ctype(),
                    escape(data)
                );
            }
            Inline::Paired {
                id,
                kind,
                open,
                close,
                children,
            } => {
                let _ = write!(
                    out,
                    "<bpt {}=\"{id}\" {}=\"{}\">{}</bpt>",
                    names.pair_id,
                    names.kind,
                    kind.xliff1_ctype(),
                    escape(open)
                );
                write_codes(children, names, out);
                let _ = write!(out, "<ept {}=\"{id}\">{}</ept>", names.pair_id, escape(close));
            }
        }
    }
}

fn inline1(nodes: &[Inline], out: &mut String) {
    write_codes(nodes, &XLIFF_1_2, out);
}

fn write_file1(out: &mut String, ws: &Workspace, slug: &str, original: &str, units: &[Unit]) {
    let _ = writeln!(
        out,
        "  <file original=\"{}\" source-language=\"{}\" target-language=\"{}\" datatype=\"x-markdown\" bitext:release=\"{}\">\n    <body>",
        escape(original),
        escape(&ws.source.to_string()),
        escape(&ws.target.to_string()),
        escape(slug)
    );
    for unit in units {
        let state = State::of(unit.status);
        let _ = write!(
            out,
            "      <trans-unit id=\"{}\" resname=\"{}/{}\"{} bitext:kind=\"{}\" bitext:status=\"{}\" bitext:hash=\"{}\"",
            unit.id,
            escape(slug),
            unit.id,
            if unit.target.is_some() && state == State::Final {
                " approved=\"yes\""
            } else {
                ""
            },
            unit.kind.name(),
            unit.status.name(),
            unit.hash
        );
        if let Some(h) = &unit.target_hash {
            let _ = write!(out, " bitext:target-hash=\"{h}\"");
        }
        out.push_str(">\n        <source xml:space=\"preserve\">");
        inline1(&unit.source, out);
        out.push_str("</source>\n");
        if let Some(target) = &unit.target {
            let _ = write!(
                out,
                "        <target xml:space=\"preserve\" state=\"{}\">",
                state.xliff1()
            );
            inline1(target, out);
            out.push_str("</target>\n");
        }
        for (category, text) in &unit.notes {
            let _ = writeln!(
                out,
                "        <note from=\"{category}\" annotates=\"source\">{}</note>",
                escape(text)
            );
        }
        out.push_str("      </trans-unit>\n");
    }
    out.push_str("    </body>\n  </file>\n");
}

/// Whether a pair's target is the one a unit of this source segment
/// carries: the first exportable source segment of its pair.
pub fn carries_target(paired: &PairedRelease, pair: &Pair, index: usize) -> bool {
    pair.alignment
        .source
        .clone()
        .find(|&i| paired.source[i].kind != SegmentKind::Boilerplate)
        == Some(index)
}
