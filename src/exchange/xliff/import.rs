//! Reading translated XLIFF (2.0 or 1.2) back into the target Markdown.
//! Each unit is found again by its source segment's hash; a unit whose
//! source or target changed since the export is refused, and then nothing
//! is written unless `partial` is asked for. A translated target replaces
//! the inline content of its target segments; a target for a segment that
//! had none is inserted after the target of the nearest earlier source
//! segment, with the source's block markup and spacing. Every other byte of
//! the file stays as it was, and each file is written atomically.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::document::source::position_in;
use crate::error::{Error, Result};
use crate::pairing::lock::{hash_hex, hash_text};
use crate::pairing::PairedRelease;
use crate::release::Release;
use crate::tr;
use crate::workspace::Workspace;

use super::export::{carries_target, target_content, target_hash};
use super::inline::{CodeKind, Document, Ids, Inline};
use super::unit_index;
use super::xml::{self, Element, Node};

/// A unit that could not be applied, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub release: String,
    pub unit: String,
    /// Line of the unit in the XLIFF file.
    pub line: usize,
    pub reason: String,
}

/// What an import changed in one target document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileChange {
    pub path: PathBuf,
    pub replaced: usize,
    pub inserted: usize,
    pub unchanged: usize,
}

#[derive(Debug, Default)]
pub struct Imported {
    pub files: Vec<FileChange>,
    pub refused: Vec<Refusal>,
    /// Whether the changes were written (false when a unit was refused
    /// and `partial` was not asked for).
    pub written: bool,
}

/// A unit as read from the file.
struct Unit {
    id: String,
    line: usize,
    hash: String,
    target_hash: Option<String>,
    target: Option<Vec<Inline>>,
}

struct Edit {
    range: Range<usize>,
    /// Document order among edits at the same place.
    order: usize,
    text: String,
}

pub fn import(ws: &Workspace, path: &Path, partial: bool) -> Result<Imported> {
    let file = crate::document::source::SourceFile::read(path)?;
    let text = file.text();
    let root = xml::parse(path, text)?;
    let at = |e: &Element| position_in(text, e.offset);
    if root.name != "xliff" {
        return Err(Error::syntax(path, at(&root), tr!("xliff-not-xliff")));
    }
    let v1 = match root.attr("version") {
        Some("1.2") => true,
        Some(v) if v.starts_with("2.") => false,
        Some(other) => {
            return Err(Error::syntax(
                path,
                at(&root),
                tr!("xliff-bad-version", version = other),
            ))
        }
        None => return Err(Error::syntax(path, at(&root), tr!("xliff-no-version"))),
    };
    let mut out = Imported::default();
    let mut writes: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    for file_el in root.elements().filter(|e| e.name == "file") {
        let slug = file_el
            .bitext_attr("release")
            .or_else(|| if v1 { None } else { file_el.attr("id") })
            .ok_or_else(|| Error::syntax(path, at(file_el), tr!("xliff-no-release")))?;
        let mut units = Vec::new();
        collect_units(path, text, file_el, v1, &mut units)?;
        let release = Release::load(ws, slug)?;
        let paired = PairedRelease::new(ws, &release);
        let (change, edits, refused) = plan(ws, &paired, &units);
        out.refused.extend(refused);
        if !edits.is_empty() {
            let target_path = ws.root.join(release.target.path());
            let bytes = apply(&target_path, release.target.text(), edits)?;
            writes.push((target_path, bytes));
        }
        out.files.push(change);
    }
    if out.refused.is_empty() || partial {
        for (path, bytes) in &writes {
            crate::atomic::write(path, bytes)?;
        }
        out.written = true;
    }
    Ok(out)
}

fn collect_units(path: &Path, text: &str, parent: &Element, v1: bool, out: &mut Vec<Unit>) -> Result<()> {
    for el in parent.elements() {
        match el.name.as_str() {
            "group" | "body" => collect_units(path, text, el, v1, out)?,
            "unit" if !v1 => out.push(read_unit(path, text, el, v1)?),
            "trans-unit" if v1 => out.push(read_unit(path, text, el, v1)?),
            _ => {}
        }
    }
    Ok(())
}

fn read_unit(path: &Path, text: &str, el: &Element, v1: bool) -> Result<Unit> {
    let at = |e: &Element| position_in(text, e.offset);
    let id = el.attr("id").unwrap_or_default().to_owned();
    let hash = el
        .bitext_attr("hash")
        .ok_or_else(|| Error::syntax(path, at(el), tr!("xliff-no-hash", unit = &id)))?
        .to_owned();
    let target_el = if v1 {
        el.child("target")
    } else {
        let segments: Vec<&Element> = el.elements().filter(|e| e.name == "segment").collect();
        if segments.len() > 1 {
            return Err(Error::syntax(
                path,
                at(el),
                tr!("xliff-split-unit", unit = &id, count = segments.len()),
            ));
        }
        segments.first().and_then(|s| s.child("target"))
    };
    let mut data = HashMap::new();
    if let Some(original) = el.child("originalData") {
        for d in original.elements().filter(|e| e.name == "data") {
            if let Some(did) = d.attr("id") {
                data.insert(did.to_owned(), d.text());
            }
        }
    }
    let target = match target_el {
        Some(t) => {
            let mut ids = Ids::default();
            Some(read_inline(path, text, t, &data, v1, &mut ids)?)
        }
        None => None,
    };
    Ok(Unit {
        line: at(el).line,
        id,
        hash,
        target_hash: el.bitext_attr("target-hash").map(str::to_owned),
        target,
    })
}

/// Inline content of a `<target>`: codes give back their original data,
/// from `<originalData>` (2.0) or their own content (1.2).
fn read_inline(
    path: &Path,
    text: &str,
    el: &Element,
    data: &HashMap<String, String>,
    v1: bool,
    ids: &mut Ids,
) -> Result<Vec<Inline>> {
    let mut out = Vec::new();
    for node in &el.children {
        let code = match node {
            Node::Text(t) => {
                out.push(Inline::Text(t.clone()));
                continue;
            }
            Node::Element(code) => code,
        };
        let unknown = |message: String| Error::syntax(path, position_in(text, code.offset), message);
        let data_of = |attr: &str| -> Result<String> {
            let key = code.attr(attr).ok_or_else(|| {
                unknown(tr!(
                    "xliff-inline-no-attribute",
                    element = &code.name,
                    attribute = attr
                ))
            })?;
            data.get(key)
                .cloned()
                .ok_or_else(|| unknown(tr!("xliff-inline-unknown-data", element = &code.name, key = key)))
        };
        let id = ids.fresh();
        match (code.name.as_str(), v1) {
            ("pc", false) => out.push(Inline::Paired {
                id,
                kind: CodeKind::Other,
                open: data_of("dataRefStart")?,
                close: data_of("dataRefEnd")?,
                children: read_inline(path, text, code, data, v1, ids)?,
            }),
            ("ph" | "sc" | "ec", false) => out.push(Inline::Placeholder {
                id,
                kind: CodeKind::Other,
                data: data_of("dataRef")?,
            }),
            ("ph" | "bpt" | "ept" | "it", true) => out.push(Inline::Placeholder {
                id,
                kind: CodeKind::Other,
                data: code.text(),
            }),
            ("cp", _) => {
                let c = code
                    .attr("hex")
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .and_then(char::from_u32)
                    .ok_or_else(|| unknown(tr!("xliff-inline-bad-hex", element = &code.name)))?;
                out.push(Inline::Text(c.to_string()));
            }
            // Annotations and grouping: their content is the text.
            ("mrk" | "g" | "sm" | "em", _) => out.extend(read_inline(path, text, code, data, v1, ids)?),
            _ => return Err(unknown(tr!("xliff-inline-foreign", element = &code.name))),
        }
    }
    Ok(out)
}

/// The edits one release's units make to its target document.
fn plan(ws: &Workspace, paired: &PairedRelease, units: &[Unit]) -> (FileChange, Vec<Edit>, Vec<Refusal>) {
    let source_doc = &paired.release.source;
    let target_doc = &paired.release.target;
    let hashes: Vec<String> = paired
        .source
        .iter()
        .map(|s| hash_hex(hash_text(&s.text)))
        .collect();
    let mut change = FileChange {
        path: paired.release.target.path().to_path_buf(),
        ..FileChange::default()
    };
    let mut edits = Vec::new();
    let mut refused = Vec::new();
    let source_name = ws.source.name();
    let target_name = ws.target.name();
    for unit in units {
        let Some(target) = &unit.target else { continue };
        let markdown = target_doc.write_inline(target);
        if markdown.trim().is_empty() {
            continue;
        }
        let mut refuse = |reason: String| {
            refused.push(Refusal {
                release: paired.release.slug.clone(),
                unit: unit.id.clone(),
                line: unit.line,
                reason,
            })
        };
        // The source segment with this hash nearest to where it was.
        let hint = unit_index(&unit.id).unwrap_or(0);
        let Some(index) = (0..hashes.len())
            .filter(|&i| hashes[i] == unit.hash)
            .min_by_key(|&i| i.abs_diff(hint))
        else {
            refuse(tr!("xliff-source-changed", source = &source_name));
            continue;
        };
        let Some(pair) = paired.pairs.iter().find(|p| p.alignment.source.contains(&index)) else {
            continue;
        };
        let targets = paired.target_segments(pair);
        let mut ids = Ids::default();
        let current = target_content(target_doc, targets, &mut ids);
        // Imported before (or translated the same way by hand): nothing to do.
        if current
            .as_ref()
            .is_some_and(|c| target_doc.write_inline(c) == markdown)
        {
            change.unchanged += 1;
            continue;
        }
        if target_hash(targets) != unit.target_hash {
            refuse(tr!("xliff-target-changed", target = &target_name));
            continue;
        }
        if !carries_target(paired, pair, index) {
            refuse(tr!("xliff-joined", target = &target_name));
            continue;
        }
        if targets.is_empty() {
            match insertion(paired, source_doc, index, &markdown) {
                Some(edit) => {
                    edits.push(edit);
                    change.inserted += 1;
                }
                None => refuse(tr!("xliff-not-markdown", source = &source_name)),
            }
            continue;
        }
        let ranges: Option<Vec<_>> = targets
            .iter()
            .map(|s| target_doc.content(s, &mut ids).map(|(_, r)| r))
            .collect();
        let (Some(_), Some(ranges)) = (current, ranges) else {
            refuse(tr!("xliff-raw-html", target = &target_name));
            continue;
        };
        let range = ranges[0].start..ranges[ranges.len() - 1].end;
        edits.push(Edit {
            order: index,
            range,
            text: markdown,
        });
        change.replaced += 1;
    }
    // Two edits of the same bytes (an image inside a translated paragraph,
    // say) cannot both apply: keep the first.
    edits.sort_by_key(|e| (e.range.start, e.order));
    let mut kept: Vec<Edit> = Vec::new();
    for edit in edits {
        if kept.last().is_some_and(|last| edit.range.start < last.range.end) {
            refused.push(Refusal {
                release: paired.release.slug.clone(),
                unit: super::unit_id(edit.order),
                line: 0,
                reason: "overlaps another translated unit of this import".into(),
            });
            continue;
        }
        kept.push(edit);
    }
    (change, kept, refused)
}

/// End of a block without its trailing whitespace.
fn trimmed_end(text: &str, range: &Range<usize>) -> usize {
    range.start + text[range.clone()].trim_end().len()
}

/// Where and how to insert a translation for a source segment that has no
/// target: after the target of the nearest earlier source segment that has
/// one, with the source's spacing and block markup (`- `, `## `, `> `).
fn insertion(paired: &PairedRelease, source_doc: &Document, index: usize, markdown: &str) -> Option<Edit> {
    let source_text = paired.release.source.text();
    let target_text = paired.release.target.text();
    let segment = &paired.source[index];
    let (_, content) = source_doc.content(segment, &mut Ids::default())?;
    let prefix = &source_text[segment.span.start..content.start];
    let anchor = (0..index).rev().find_map(|j| {
        let pair = paired.pairs.iter().find(|p| p.alignment.source.contains(&j))?;
        let last = paired.target_segments(pair).last()?;
        Some(trimmed_end(target_text, &last.span))
    });
    let edit = match anchor {
        Some(at) => {
            let previous = &paired.source[index - 1].span;
            let gap = &source_text[trimmed_end(source_text, previous)..segment.span.start];
            Edit {
                range: at..at,
                order: index,
                text: format!("{gap}{prefix}{markdown}"),
            }
        }
        None => {
            let at = paired.target.first().map_or(target_text.len(), |s| s.span.start);
            let gap = match paired.source.get(index + 1) {
                Some(next) => &source_text[trimmed_end(source_text, &segment.span)..next.span.start],
                None => "\n",
            };
            Edit {
                range: at..at,
                order: index,
                text: format!("{prefix}{markdown}{gap}"),
            }
        }
    };
    Some(edit)
}

/// The document with the edits made, its byte-order mark kept.
fn apply(path: &Path, text: &str, edits: Vec<Edit>) -> Result<Vec<u8>> {
    let bom = std::fs::read(path)
        .map_err(|e| Error::io(path, e))?
        .starts_with("\u{feff}".as_bytes());
    let mut out = String::with_capacity(text.len() + 256);
    if bom {
        out.push('\u{feff}');
    }
    let mut at = 0;
    for edit in edits {
        out.push_str(&text[at..edit.range.start]);
        out.push_str(&edit.text);
        at = edit.range.end;
    }
    out.push_str(&text[at..]);
    Ok(out.into_bytes())
}
