//! Reading translated XLIFF (2.0 or 1.2) back into the target Markdown.
//! Each unit is found again by its source segment's hash; a unit whose
//! source or target changed since the export is refused, and then nothing
//! is written unless `partial` is asked for. A translated target replaces
//! the inline content of its target segments; a target for a segment that
//! had none is inserted after the target of the nearest earlier source
//! segment, with the source's block markup and spacing. Every other byte of
//! the file stays as it was, and each file is written atomically.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::document::source::SourceFile;
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
    /// The target's text and the codes it refers to, by data key; what
    /// the codes stand for comes from the export, never from the file.
    target: Option<Vec<Piece>>,
    /// The unit's `<originalData>` (2.0) or the content of its codes (1.2),
    /// by data key: it must be what the export wrote.
    data: Vec<(String, String)>,
}

/// A piece of a target as the file has it. Codes are named by data key:
/// `d3` for placeholder 3, `d3s` and `d3e` for the two ends of paired code
/// 3 (2.0 `dataRef`s; 1.2 `<ph id="3">`, `<bpt id="3">`, `<ept id="3">`).
enum Piece {
    Text(String),
    Placeholder(String),
    /// One end of a paired code written apart (`<sc>`/`<ec>`, `<bpt>`/`<ept>`).
    Start(String),
    End(String),
    Paired {
        start: String,
        end: String,
        children: Vec<Piece>,
    },
}

/// A code the export wrote for a unit: a placeholder's bytes, or the two
/// ends of a paired code.
enum Code {
    Placeholder(String),
    Paired(String, String),
}

/// The codes the export wrote for a unit, by code id, and the ids of the
/// source's codes, which a translation must keep.
#[derive(Default)]
struct Codes {
    by_id: HashMap<String, Code>,
    /// The kind of every code the export wrote, source and target.
    kinds: HashMap<String, CodeKind>,
    /// The source's codes that must not be dropped, with their kind.
    required: Vec<(String, CodeKind)>,
}

struct Edit {
    range: Range<usize>,
    /// Document order among edits at the same place.
    order: usize,
    /// The unit that made it, and its line in the XLIFF file.
    unit: String,
    line: usize,
    text: String,
}

pub fn import(ws: &Workspace, path: &Path, partial: bool) -> Result<Imported> {
    let file = SourceFile::read_within(path, crate::document::source::MAX_EXCHANGE_BYTES)?;
    let text = file.text();
    if let Some(at) = text.find(|c: char| is_forbidden(c)) {
        return Err(Error::syntax(
            path,
            file.position(at),
            tr!("xliff-control-character"),
        ));
    }
    let releases = read_units(ws, path, &file)?;
    let mut out = Imported::default();
    let mut writes: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    for (slug, units) in &releases {
        let release = Release::load(ws, slug)?;
        let paired = PairedRelease::new(ws, &release);
        let (change, edits, refused) = plan(ws, &paired, units);
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

/// Characters XML 1.0 does not allow, which no Markdown file should get
/// from a translation: NUL and the other C0 controls but tab and line
/// ends, and the non-characters U+FFFE and U+FFFF.
fn is_forbidden(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{fffe}' | '\u{ffff}')
}

/// What an open element is to an import.
#[derive(Clone, Copy)]
enum Open {
    /// `<xliff>`.
    Root,
    /// A `<file>`, or a `<group>` (1.2: `<body>`) in one: the units in it
    /// belong to release number `n` of the import.
    Units(usize),
    /// Anything else: units inside it are not read.
    Other,
}

/// The file's units by release, in the order releases first appear: two
/// `<file>` elements for one release are one set of edits to one document.
/// The file is read as a stream of events, and only each unit is built as a
/// tree, then kept as a `Unit`: memory follows the units' text, not a tree
/// of the whole file. A malformed document is refused before anything it
/// says, as when it was read whole: after the first error in what it says,
/// the rest is still read for errors of its own.
fn read_units(ws: &Workspace, path: &Path, file: &SourceFile) -> Result<Vec<(String, Vec<Unit>)>> {
    let mut events = xml::Events::new(path, file.text());
    let mut releases: Vec<(String, Vec<Unit>)> = Vec::new();
    let mut open: Vec<Open> = Vec::new();
    let mut v1 = false;
    let mut failed = None;
    while let Some(event) = events.read()? {
        if failed.is_some() {
            continue;
        }
        let (el, empty) = match event {
            xml::Event::Start(el) => (el, false),
            xml::Event::Empty(el) => (el, true),
            xml::Event::End => {
                open.pop();
                continue;
            }
            xml::Event::Text(_) => continue,
        };
        let step = match open.last().copied() {
            None => root(ws, path, file, &el).map(|is_v1| {
                v1 = is_v1;
                Open::Root
            }),
            Some(Open::Root) if el.name == "file" => {
                file_release(ws, path, file, &el, v1, &mut releases).map(Open::Units)
            }
            Some(Open::Units(n)) => match el.name.as_str() {
                "group" | "body" => Ok(Open::Units(n)),
                name if name == if v1 { "trans-unit" } else { "unit" } => {
                    let el = if empty { el } else { events.subtree(el)? };
                    match read_unit(path, file, &el, v1) {
                        Ok(unit) => releases[n].1.push(unit),
                        Err(err) => failed = Some(err),
                    }
                    // The subtree read the unit's end tag.
                    continue;
                }
                _ => Ok(Open::Other),
            },
            Some(_) => Ok(Open::Other),
        };
        match step {
            Ok(step) if !empty => open.push(step),
            Ok(_) => {}
            Err(err) => failed = Some(err),
        }
    }
    match failed {
        Some(err) => Err(err),
        None => Ok(releases),
    }
}

/// Checks the root element; whether the file is XLIFF 1.2.
fn root(ws: &Workspace, path: &Path, file: &SourceFile, root: &Element) -> Result<bool> {
    let at = file.position(root.offset);
    if root.name != "xliff" {
        return Err(Error::syntax(path, at, tr!("xliff-not-xliff")));
    }
    let v1 = match root.attr("version") {
        Some("1.2") => true,
        Some(v) if v.starts_with("2.") => false,
        Some(other) => return Err(Error::syntax(path, at, tr!("xliff-bad-version", version = other))),
        None => return Err(Error::syntax(path, at, tr!("xliff-no-version"))),
    };
    languages(ws, path, file, root, "srcLang", "trgLang")?;
    Ok(v1)
}

/// A `<file>` element's release, as its number among the import's releases.
fn file_release(
    ws: &Workspace,
    path: &Path,
    file: &SourceFile,
    el: &Element,
    v1: bool,
    releases: &mut Vec<(String, Vec<Unit>)>,
) -> Result<usize> {
    if v1 {
        languages(ws, path, file, el, "source-language", "target-language")?;
    }
    let slug = el
        .bitext_attr("release")
        .or_else(|| if v1 { None } else { el.attr("id") })
        .ok_or_else(|| Error::syntax(path, file.position(el.offset), tr!("xliff-no-release")))?;
    Ok(match releases.iter().position(|(s, _)| s == slug) {
        Some(n) => n,
        None => {
            releases.push((slug.to_owned(), Vec::new()));
            releases.len() - 1
        }
    })
}

/// Refuses an element whose source or target language attribute is not the
/// workspace's.
fn languages(
    ws: &Workspace,
    path: &Path,
    file: &SourceFile,
    el: &Element,
    src: &str,
    trg: &str,
) -> Result<()> {
    for (attr, lang) in [(src, &ws.source), (trg, &ws.target)] {
        if let Some(value) = el.attr(attr) {
            if !value.eq_ignore_ascii_case(&lang.to_string()) {
                return Err(Error::syntax(
                    path,
                    file.position(el.offset),
                    tr!(
                        "xliff-wrong-language",
                        attribute = attr,
                        found = value,
                        expected = lang.to_string()
                    ),
                ));
            }
        }
    }
    Ok(())
}

fn read_unit(path: &Path, file: &SourceFile, el: &Element, v1: bool) -> Result<Unit> {
    let at = |e: &Element| file.position(e.offset);
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
    let mut data = Vec::new();
    if let Some(original) = el.child("originalData") {
        for d in original.elements().filter(|e| e.name == "data") {
            if let Some(did) = d.attr("id") {
                data.push((did.to_owned(), d.text()));
            }
        }
    }
    let target = match target_el {
        Some(t) => Some(read_inline(path, file, t, v1, &mut data)?),
        None => None,
    };
    Ok(Unit {
        line: at(el).line,
        id,
        hash,
        target_hash: el.bitext_attr("target-hash").map(str::to_owned),
        target,
        data,
    })
}

/// A `<target>` as text and codes named by data key; in 1.2, the codes'
/// content is added to `data` to be compared with the export.
fn read_inline(
    path: &Path,
    file: &SourceFile,
    el: &Element,
    v1: bool,
    data: &mut Vec<(String, String)>,
) -> Result<Vec<Piece>> {
    let mut out = Vec::new();
    for node in &el.children {
        let code = match node {
            Node::Text(t) => {
                out.push(Piece::Text(t.clone()));
                continue;
            }
            Node::Element(code) => code,
        };
        let unknown = |message: String| Error::syntax(path, file.position(code.offset), message);
        let key = |attr: &str| -> Result<String> {
            code.attr(attr).map(str::to_owned).ok_or_else(|| {
                unknown(tr!(
                    "xliff-inline-no-attribute",
                    element = &code.name,
                    attribute = attr
                ))
            })
        };
        match (code.name.as_str(), v1) {
            ("pc", false) => out.push(Piece::Paired {
                start: key("dataRefStart")?,
                end: key("dataRefEnd")?,
                children: read_inline(path, file, code, v1, data)?,
            }),
            ("ph", false) => out.push(Piece::Placeholder(key("dataRef")?)),
            ("sc", false) => out.push(Piece::Start(key("dataRef")?)),
            ("ec", false) => out.push(Piece::End(key("dataRef")?)),
            ("ph" | "bpt" | "ept", true) => {
                let (piece, key): (fn(String) -> Piece, String) = match code.name.as_str() {
                    "ph" => (Piece::Placeholder, format!("d{}", key("id")?)),
                    "bpt" => (Piece::Start, format!("d{}s", key("id")?)),
                    _ => (Piece::End, format!("d{}e", key("id")?)),
                };
                data.push((key.clone(), code.text()));
                out.push(piece(key));
            }
            ("cp", _) => {
                let c = code
                    .attr("hex")
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .and_then(char::from_u32)
                    .filter(|&c| !is_forbidden(c))
                    .ok_or_else(|| unknown(tr!("xliff-inline-bad-hex", element = &code.name)))?;
                out.push(Piece::Text(c.to_string()));
            }
            // Annotations and grouping: their content is the text.
            ("mrk" | "g" | "sm" | "em", _) => out.extend(read_inline(path, file, code, v1, data)?),
            _ => return Err(unknown(tr!("xliff-inline-foreign", element = &code.name))),
        }
    }
    Ok(out)
}

/// The codes the export wrote for the unit of source segment `index`:
/// made again the way `export` makes them, from the same documents.
fn exported_codes(paired: &PairedRelease, pair: &crate::pairing::Pair, index: usize) -> Codes {
    let mut codes = Codes::default();
    let mut ids = Ids::default();
    let Some((source, _)) = paired.release.source.content(&paired.source[index], &mut ids) else {
        return codes;
    };
    collect_codes(&source, &mut codes, true);
    if carries_target(paired, pair, index) {
        let targets = paired.target_segments(pair);
        if let Some(mut target) = target_content(&paired.release.target, targets, &mut ids) {
            super::inline::match_ids(&source, &mut target, &mut ids);
            collect_codes(&target, &mut codes, false);
        }
    }
    codes
}

fn collect_codes(nodes: &[Inline], codes: &mut Codes, required: bool) {
    for node in nodes {
        let (id, kind, code) = match node {
            Inline::Text(_) => continue,
            Inline::Placeholder { id, kind, data } => (id, kind, Code::Placeholder(data.clone())),
            Inline::Paired {
                id,
                kind,
                open,
                close,
                children,
            } => {
                collect_codes(children, codes, required);
                (id, kind, Code::Paired(open.clone(), close.clone()))
            }
        };
        // Emphasis, inline code and breaks are the translator's to keep or
        // drop; a link, an image, a template tag or a table's cell
        // boundaries are not: dropping one loses what the text points to.
        let optional = !matches!(
            kind,
            CodeKind::Link | CodeKind::Image | CodeKind::Template | CodeKind::Cell
        );
        if !codes.by_id.contains_key(id) {
            if required && !optional {
                codes.required.push((id.clone(), *kind));
            }
            codes.kinds.insert(id.clone(), *kind);
            codes.by_id.insert(id.clone(), code);
        }
    }
}

impl Codes {
    /// Whether `data` (the unit's original data as the file has it) is
    /// what the export wrote; the first key that is not, if any.
    fn changed_data<'d>(&self, data: &'d [(String, String)]) -> Option<&'d str> {
        data.iter()
            .find(|(key, text)| self.data(key).is_none_or(|d| d != text))
            .map(|(key, _)| key.as_str())
    }

    /// What a data key stands for, as the export wrote it.
    fn data(&self, key: &str) -> Option<&str> {
        let key = key.strip_prefix('d')?;
        if let Some(code) = self.by_id.get(key) {
            return match code {
                Code::Placeholder(data) => Some(data),
                Code::Paired(..) => None,
            };
        }
        let (id, end) = key.split_at(key.len().checked_sub(1)?);
        match (self.by_id.get(id)?, end) {
            (Code::Paired(open, _), "s") => Some(open),
            (Code::Paired(_, close), "e") => Some(close),
            _ => None,
        }
    }

    /// The target as inline content, each code's bytes from the export.
    /// Refused (with the reason) when a code is not one the export wrote,
    /// is used twice, or a code of the source is missing.
    fn resolve(&self, pieces: &[Piece]) -> std::result::Result<Vec<Inline>, String> {
        let mut used = HashSet::new();
        let mut ids = Ids::default();
        let out = self.resolve_in(pieces, &mut used, &mut ids)?;
        let whole = |id: &str| match self.by_id[id] {
            Code::Placeholder(_) => used.contains(&format!("d{id}")),
            Code::Paired(..) => used.contains(&format!("d{id}s")) && used.contains(&format!("d{id}e")),
        };
        // A source link may stand in the target as the target's own link
        // (a localised address the export wrote as a code of its own): what
        // counts is that no link, image, template tag or cell is lost.
        for (id, kind) in &self.required {
            let needed = self.required.iter().filter(|(_, k)| k == kind).count();
            let kept = self
                .kinds
                .iter()
                .filter(|(other, k)| *k == kind && whole(other.as_str()))
                .count();
            if kept < needed && !whole(id) {
                return Err(tr!("xliff-code-missing", code = id.as_str()));
            }
        }
        Ok(out)
    }

    /// A code's bytes, once: a key used twice is refused.
    fn take(&self, key: &str, used: &mut HashSet<String>) -> std::result::Result<String, String> {
        let data = self
            .data(key)
            .ok_or_else(|| tr!("xliff-code-unknown", key = key))?;
        if !used.insert(key.to_owned()) {
            return Err(tr!("xliff-code-twice", key = key));
        }
        Ok(data.to_owned())
    }

    fn resolve_in(
        &self,
        pieces: &[Piece],
        used: &mut HashSet<String>,
        ids: &mut Ids,
    ) -> std::result::Result<Vec<Inline>, String> {
        let mut out = Vec::new();
        for piece in pieces {
            let placeholder = |data: String, ids: &mut Ids| Inline::Placeholder {
                id: ids.fresh(),
                kind: CodeKind::Other,
                data,
            };
            let node = match piece {
                Piece::Text(text) => Inline::Text(text.clone()),
                // A placeholder stands for a placeholder the export wrote,
                // never for one end of a paired code (an unbalanced `[`).
                Piece::Placeholder(key)
                    if key
                        .strip_prefix('d')
                        .is_some_and(|id| self.by_id.contains_key(id)) =>
                {
                    placeholder(self.take(key, used)?, ids)
                }
                Piece::Start(key) if key.ends_with('s') => placeholder(self.take(key, used)?, ids),
                // An end after its start.
                Piece::End(key)
                    if key
                        .strip_suffix('e')
                        .is_some_and(|k| used.contains(&format!("{k}s"))) =>
                {
                    placeholder(self.take(key, used)?, ids)
                }
                Piece::Placeholder(key) | Piece::Start(key) | Piece::End(key) => {
                    return Err(tr!("xliff-code-unknown", key = key))
                }
                Piece::Paired { start, end, children } => {
                    let same = start
                        .strip_suffix('s')
                        .is_some_and(|s| end.strip_suffix('e') == Some(s));
                    if !same {
                        return Err(tr!("xliff-code-unknown", key = end));
                    }
                    let open = self.take(start, used)?;
                    let close = self.take(end, used)?;
                    Inline::Paired {
                        id: ids.fresh(),
                        kind: CodeKind::Other,
                        open,
                        close,
                        children: self.resolve_in(children, used, ids)?,
                    }
                }
            };
            out.push(node);
        }
        Ok(out)
    }
}

/// The edits one release's units make to its target document.
fn plan(ws: &Workspace, paired: &PairedRelease, units: &[Unit]) -> (FileChange, Vec<Edit>, Vec<Refusal>) {
    let source_doc = &paired.release.source;
    let target_doc = &paired.release.target;
    // Source segments by hash, and the pair of each source segment: one
    // pass each, so that an import is linear in its units.
    let mut by_hash: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, s) in paired.source.iter().enumerate() {
        by_hash.entry(hash_hex(hash_text(&s.text))).or_default().push(i);
    }
    let mut pair_of: Vec<Option<usize>> = vec![None; paired.source.len()];
    for (p, pair) in paired.pairs.iter().enumerate() {
        for i in pair.alignment.source.clone() {
            if let Some(slot) = pair_of.get_mut(i) {
                slot.get_or_insert(p);
            }
        }
    }
    let ends_before = ends_before(paired);
    let mut change = FileChange {
        path: paired.release.target.path().to_path_buf(),
        ..FileChange::default()
    };
    let mut edits = Vec::new();
    let mut refused = Vec::new();
    let source_name = ws.source.name();
    let target_name = ws.target.name();
    for unit in units {
        let Some(pieces) = &unit.target else { continue };
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
        let Some(index) = by_hash
            .get(&unit.hash)
            .and_then(|found| found.iter().copied().min_by_key(|&i| i.abs_diff(hint)))
        else {
            if pieces
                .iter()
                .any(|p| !matches!(p, Piece::Text(t) if t.trim().is_empty()))
            {
                refuse(tr!("xliff-source-changed", source = &source_name));
            }
            continue;
        };
        let Some(pair) = pair_of[index].map(|p| &paired.pairs[p]) else {
            continue;
        };
        // The codes and their bytes come from the export, made again from
        // the same documents; the file only says where they go.
        let codes = exported_codes(paired, pair, index);
        if let Some(key) = codes.changed_data(&unit.data) {
            refuse(tr!("xliff-data-changed", key = key));
            continue;
        }
        let target = match codes.resolve(pieces) {
            Ok(target) => target,
            Err(reason) => {
                refuse(reason);
                continue;
            }
        };
        let markdown = target_doc.write_inline(&target);
        if markdown.trim().is_empty() {
            continue;
        }
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
            // Alt text inside a heading or a list item that has no
            // translation: it goes in with the text that holds it.
            let before = ends_before[index];
            if before > paired.source[index].span.start {
                refuse(tr!("xliff-joined", target = &target_name));
                continue;
            }
            match insertion(paired, &pair_of, source_doc, index, before, &markdown) {
                Some(mut edit) => {
                    edit.unit = unit.id.clone();
                    edit.line = unit.line;
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
            unit: unit.id.clone(),
            line: unit.line,
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
                unit: edit.unit,
                line: edit.line,
                reason: tr!("xliff-overlaps"),
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

/// For each source segment, where the segments before it end, trimmed: a
/// running maximum, taken once by `plan`. It is past the segment's start
/// when the segment lies inside one of them (image alt text inside its
/// heading or list item).
fn ends_before(paired: &PairedRelease) -> Vec<usize> {
    let text = paired.release.source.text();
    let mut end = 0;
    paired
        .source
        .iter()
        .map(|s| {
            let before = end;
            end = end.max(trimmed_end(text, &s.span));
            before
        })
        .collect()
}

/// Where and how to insert a translation for a source segment that has no
/// target: after the target of the nearest earlier source segment that has
/// one, with the source's spacing and block markup (`- `, `## `, `> `).
/// `pair_of` is the pair of each source segment, indexed once by `plan`,
/// so that an import inserting thousands of segments stays linear;
/// `before` is its entry of `ends_before`, at most the segment's start.
fn insertion(
    paired: &PairedRelease,
    pair_of: &[Option<usize>],
    source_doc: &Document,
    index: usize,
    before: usize,
    markdown: &str,
) -> Option<Edit> {
    let source_text = paired.release.source.text();
    let target_text = paired.release.target.text();
    let segment = &paired.source[index];
    let (_, content) = source_doc.content(segment, &mut Ids::default())?;
    let prefix = &source_text[segment.span.start..content.start];
    let anchor = (0..index).rev().find_map(|j| {
        let pair = &paired.pairs[pair_of[j]?];
        let last = paired.target_segments(pair).last()?;
        Some(trimmed_end(target_text, &last.span))
    });
    let edit = match anchor {
        Some(at) => {
            let gap = &source_text[before..segment.span.start];
            Edit {
                range: at..at,
                order: index,
                unit: String::new(),
                line: 0,
                text: format!("{gap}{prefix}{markdown}"),
            }
        }
        None => {
            let at = paired.target.first().map_or(target_text.len(), |s| s.span.start);
            // The next segment that is not inside this one.
            let end = trimmed_end(source_text, &segment.span);
            let gap = match paired.source[index + 1..]
                .iter()
                .find(|next| next.span.start >= end)
            {
                Some(next) => &source_text[end..next.span.start],
                None => "\n",
            };
            Edit {
                range: at..at,
                order: index,
                unit: String::new(),
                line: 0,
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
