//! Shared boilerplate: the Fluent resources in `locales/<lang>/*.ftl`, read
//! once per run for both languages of the workspace. This module loads and
//! indexes them and builds one `FluentBundle` per language (with that
//! language's `unic-langid`, so plural selection and numbers follow its
//! rules, and no fallback to the other language). Submodules own the
//! reference syntax in releases (`reference`), expansion (`expand`), the
//! compare-locales-style checks of the two trees (`locale_tree`), how
//! releases use boilerplate (`usage`), `DATE` (`date`) and the sign-off of
//! the locale tree (`locale_lock`). Pairing and the release lock are not
//! here.

pub mod date;
pub mod expand;
pub mod locale_lock;
pub mod locale_tree;
pub mod pattern;
pub mod reference;
pub mod usage;

use std::collections::hash_map::Entry as IndexEntry;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::FluentResource;
use fluent_syntax::ast::Entry;
use fluent_syntax::parser::{parse_runtime, ErrorKind, ParserError};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::diagnostic::Location;
use crate::document::source::{Position, SourceFile};
use crate::error::{Error, Result};
use crate::release::Release;
use crate::workspace::{Language, Workspace};

pub use expand::expand_release;

/// The bundle type: thread-safe, so that releases are checked in parallel
/// against the same bundles.
pub type Bundle = FluentBundle<Arc<FluentResource>>;

/// One `.ftl` file: its text, the parser's errors (fluent-syntax recovers:
/// a bad entry becomes junk), where the id of each entry is, and a line
/// index for positions. The syntax tree is not kept: at 100,000 messages
/// the trees of every file take ten times the memory of the text, and
/// faulting that memory in and freeing it costs more than parsing a file
/// again when its entries are walked (`tree`).
pub struct LocaleFile {
    /// Relative to the workspace root.
    path: PathBuf,
    line_starts: Vec<usize>,
    text: String,
    /// For each entry of the tree, the byte range of its id when it is a
    /// message or a term (a term's without its `-`), and whether it is a term.
    ids: Vec<Option<(std::ops::Range<usize>, bool)>>,
    pub errors: Vec<ParserError>,
}

/// The syntax tree of one `.ftl` file, borrowing its text.
pub type Tree<'a> = fluent_syntax::ast::Resource<&'a str>;

impl LocaleFile {
    fn read(ws: &Workspace, path: &Path) -> Result<Self> {
        let relative = ws.relative(path);
        crate::release::check_inside(ws, path)?;
        let limit = crate::document::source::MAX_FLUENT_BYTES;
        let bytes = crate::document::source::read_bytes_within(path, relative, limit)?;
        let mut text = match String::from_utf8(bytes) {
            Ok(text) => text,
            // Let `SourceFile` name the line and column of the bad byte.
            Err(err) => {
                return Err(SourceFile::from_bytes(relative, err.into_bytes())
                    .err()
                    .unwrap_or_else(|| {
                        Error::syntax(
                            relative,
                            Position { line: 1, column: 1 },
                            crate::tr!("invalid-utf8"),
                        )
                    }))
            }
        };
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        if let Some(at) = too_deep(&text) {
            let head = &text[..at];
            let line_start = head.rfind('\n').map_or(0, |i| i + 1);
            let position = Position {
                line: head.matches('\n').count() + 1,
                column: head[line_start..].chars().count() + 1,
            };
            return Err(Error::syntax(
                relative,
                position,
                crate::tr!("ftl-too-deep", limit = MAX_NESTING),
            ));
        }
        let line_starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .collect();
        let (ids, errors) = {
            let (tree, errors) = match parse_runtime(text.as_str()) {
                Ok(tree) => (tree, Vec::new()),
                Err((tree, errors)) => (tree, errors),
            };
            let span = |name: &str| {
                let start = pattern::offset_in(&text, name);
                start..start + name.len()
            };
            let ids = tree
                .body
                .iter()
                .map(|entry| match entry {
                    Entry::Message(m) => Some((span(m.id.name), false)),
                    Entry::Term(t) => Some((span(t.id.name), true)),
                    _ => None,
                })
                .collect();
            (ids, errors)
        };
        Ok(LocaleFile {
            path: relative.to_path_buf(),
            line_starts,
            text,
            ids,
            errors,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The file parsed again: entries are indexed as `EntryAt::index`
    /// counts them, and every slice of the tree points into `text`.
    pub fn tree(&self) -> Tree<'_> {
        match parse_runtime(self.text.as_str()) {
            Ok(tree) => tree,
            Err((tree, _)) => tree,
        }
    }

    /// The 1-based line and column (in characters) of a byte offset.
    pub fn position(&self, offset: usize) -> Position {
        let text = &self.text;
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let column = text[self.line_starts[line]..offset].chars().count() + 1;
        Position {
            line: line + 1,
            column,
        }
    }

    /// The position of a slice of this file's syntax tree.
    pub fn position_of(&self, slice: &str) -> Position {
        self.position(self.offset_of(slice))
    }

    /// The byte range of a slice of this file's syntax tree.
    pub fn span_of(&self, slice: &str) -> std::ops::Range<usize> {
        let start = self.offset_of(slice);
        start..start + slice.len()
    }

    fn offset_of(&self, slice: &str) -> usize {
        pattern::offset_in(&self.text, slice)
    }

    /// The byte range of an entry's id, if the entry is a message or a term.
    fn id_span(&self, index: usize) -> Option<std::ops::Range<usize>> {
        self.ids.get(index)?.as_ref().map(|(span, _)| span.clone())
    }
}

impl crate::diagnostic::Text for LocaleFile {
    fn path(&self) -> &Path {
        &self.path
    }

    fn text(&self) -> &str {
        &self.text
    }

    fn position(&self, offset: usize) -> Position {
        LocaleFile::position(self, offset)
    }
}

/// Where an entry is: file index and entry index in that file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntryAt {
    pub file: usize,
    pub index: usize,
}

/// A message or term found in a locale.
pub enum EntryRef<'a> {
    Message(&'a fluent_syntax::ast::Message<&'a str>),
    Term(&'a fluent_syntax::ast::Term<&'a str>),
}

impl<'a> EntryRef<'a> {
    pub fn name(&self) -> &'a str {
        match self {
            EntryRef::Message(m) => m.id.name,
            EntryRef::Term(t) => t.id.name,
        }
    }

    pub fn value(&self) -> Option<&'a fluent_syntax::ast::Pattern<&'a str>> {
        match self {
            EntryRef::Message(m) => m.value.as_ref(),
            EntryRef::Term(t) => Some(&t.value),
        }
    }

    pub fn attributes(&self) -> &'a [fluent_syntax::ast::Attribute<&'a str>] {
        match self {
            EntryRef::Message(m) => &m.attributes,
            EntryRef::Term(t) => &t.attributes,
        }
    }

    /// The entry written back as Fluent source: value and attributes.
    pub fn source(&self) -> String {
        pattern::entry_source(self.value(), self.attributes())
    }
}

/// The boilerplate of one language.
pub struct Locale {
    pub lang: Language,
    /// `locales/<tag>`, relative to the workspace root.
    pub dir: PathBuf,
    /// Shared, so that findings can point into them after the run.
    pub files: Vec<Arc<LocaleFile>>,
    /// Ids in file order (terms written `-id`), each with its first definition.
    pub order: Vec<(String, EntryAt)>,
    index: FxHashMap<String, EntryAt>,
    /// Later definitions of an id already defined: (id, first, later).
    pub duplicates: Vec<(String, EntryAt, EntryAt)>,
    bundle: OnceLock<Bundle>,
}

impl Locale {
    fn load(ws: &Workspace, lang: &Language) -> Result<Self> {
        let dir = ws.locales_dir.join(lang.tag.to_string());
        let mut paths = Vec::new();
        list_ftl(&dir, &mut paths)?;
        paths.sort();
        let files = paths
            .par_iter()
            .map(|path| LocaleFile::read(ws, path).map(Arc::new))
            .collect::<Result<Vec<_>>>()?;
        let entries = files.iter().map(|f| f.ids.len()).sum();
        let mut order = Vec::with_capacity(entries);
        let mut index = FxHashMap::with_capacity_and_hasher(entries, Default::default());
        let mut duplicates = Vec::new();
        for (f, locale_file) in files.iter().enumerate() {
            for (i, id) in locale_file.ids.iter().enumerate() {
                let id = match id {
                    Some((span, false)) => locale_file.text[span.clone()].to_owned(),
                    Some((span, true)) => format!("-{}", &locale_file.text[span.clone()]),
                    None => continue,
                };
                let at = EntryAt { file: f, index: i };
                match index.entry(id) {
                    IndexEntry::Occupied(first) => duplicates.push((first.key().clone(), *first.get(), at)),
                    IndexEntry::Vacant(slot) => {
                        order.push((slot.key().clone(), at));
                        slot.insert(at);
                    }
                }
            }
        }
        Ok(Locale {
            lang: lang.clone(),
            dir: ws.relative(&dir).to_path_buf(),
            files,
            order,
            index,
            duplicates,
            bundle: OnceLock::new(),
        })
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    pub fn get(&self, id: &str) -> Option<EntryAt> {
        self.index.get(id).copied()
    }

    pub fn has(&self, id: &str) -> bool {
        self.index.contains_key(id)
    }

    /// The ranges of `order` that each file defines, file by file: `order`
    /// lists ids in file order.
    pub fn order_by_file(&self) -> Vec<std::ops::Range<usize>> {
        let mut ranges = Vec::with_capacity(self.files.len());
        let mut start = 0;
        for f in 0..self.files.len() {
            let end = start + self.order[start..].partition_point(|(_, at)| at.file == f);
            ranges.push(start..end);
            start = end;
        }
        ranges
    }

    /// The file and position of an entry's id.
    pub fn position(&self, at: EntryAt) -> (&Path, Position) {
        let file = &self.files[at.file];
        let position = file
            .id_span(at.index)
            .map_or(Position { line: 1, column: 1 }, |span| file.position(span.start));
        (file.path(), position)
    }

    /// Where a finding about an entry points: its id, or the start of its
    /// file when the entry is not a message or a term.
    pub fn location(&self, at: EntryAt) -> Location {
        let span = self.files[at.file].id_span(at.index).unwrap_or(0..0);
        self.location_in(at.file, span)
    }

    /// A finding's location in one of this locale's files.
    pub fn location_in(&self, file: usize, span: std::ops::Range<usize>) -> Location {
        Location::new(self.lang.tag.to_string(), self.files[file].clone(), span)
    }

    /// The first syntax error of this language, as an error that stops a
    /// command which needs every message (render, sign-off, export).
    pub fn syntax_error(&self) -> Option<Error> {
        self.files.iter().find_map(|f| {
            f.errors.first().map(|e| {
                Error::syntax(
                    f.path(),
                    f.position(e.pos.start),
                    crate::tr!(
                        "locale-syntax-error",
                        error = describe_error(&e.kind),
                        lang = self.lang.name()
                    ),
                )
            })
        })
    }

    /// The bundle of this language, built on first use.
    pub fn bundle(&self) -> &Bundle {
        self.bundle.get_or_init(|| {
            let mut bundle = Bundle::new_concurrent(vec![self.lang.tag.clone()]);
            bundle.set_use_isolating(false);
            bundle.set_formatter(Some(date::Style::of(&self.lang).formatter()));
            // Both can only fail on a name defined twice, and these are the
            // only functions added.
            let _ = bundle.add_builtins();
            let _ = bundle.add_function("DATE", date::date_function);
            for file in &self.files {
                // The bundle owns its trees, so it parses its own copy of
                // each file; a parser error is a finding of the locale-tree
                // check, and the rest of the file still resolves.
                let resource = match FluentResource::try_new(file.text.clone()) {
                    Ok(resource) => resource,
                    Err((resource, _)) => resource,
                };
                // Errors here are ids defined twice, reported by the
                // locale-tree check; the first definition wins, as it does
                // everywhere in bitext.
                let _ = bundle.add_resource(Arc::new(resource));
            }
            bundle
        })
    }
}

/// The syntax trees of some files of a locale, parsed for one piece of
/// work and dropped with it, so that a large tree is never held whole.
pub struct Trees<'l> {
    trees: Vec<(usize, Tree<'l>)>,
}

impl<'l> Trees<'l> {
    /// Parses each file of `files` (indexes into `locale.files`) once.
    pub fn parse(locale: &'l Locale, files: impl IntoIterator<Item = usize>) -> Self {
        let mut files: Vec<usize> = files.into_iter().collect();
        files.sort_unstable();
        files.dedup();
        Trees {
            trees: files.into_iter().map(|f| (f, locale.files[f].tree())).collect(),
        }
    }

    /// The entry at `at`, if its file was parsed and it is a message or a
    /// term.
    pub fn entry(&self, at: EntryAt) -> Option<EntryRef<'_>> {
        let i = self.trees.binary_search_by_key(&at.file, |(f, _)| *f).ok()?;
        match self.trees[i].1.body.get(at.index)? {
            Entry::Message(m) => Some(EntryRef::Message(m)),
            Entry::Term(t) => Some(EntryRef::Term(t)),
            _ => None,
        }
    }
}

/// How deep placeables and selectors may nest in a `.ftl` file. Real
/// boilerplate nests two or three deep; the Fluent parser and every walk of
/// its tree recurse once per level, so a file nested thousands deep would
/// overflow the stack. It is refused before it is parsed.
pub const MAX_NESTING: usize = 64;

/// The byte offset of the first `{` that opens a placeable deeper than
/// `MAX_NESTING`, if any. Braces inside string literals do not count, nor
/// do those in comments; an entry that starts at column 0 ends any unclosed
/// placeable before it (as the parser's recovery does), so that one broken
/// entry does not count against the next. Every Fluent reader of bitext
/// applies it (`publish::labels` too).
pub(crate) fn too_deep(text: &str) -> Option<usize> {
    // Every byte that matters is ASCII, and no byte of a multi-byte UTF-8
    // character is, so bytes are scanned, not characters; outside
    // placeables and strings `memchr` skips to the next byte that matters
    // (this scan reads every file of every locale tree).
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    // At the top of this loop, `i` is at the start of a line.
    'lines: while i < bytes.len() {
        match bytes[i] {
            b'#' => match memchr::memchr(b'\n', &bytes[i..]) {
                Some(k) => {
                    i += k + 1;
                    continue;
                }
                None => return None,
            },
            b if b.is_ascii_alphabetic() || b == b'-' => depth = 0,
            _ => {}
        }
        let mut in_string = false;
        while i < bytes.len() {
            if in_string {
                let k = memchr::memchr3(b'\\', b'"', b'\n', &bytes[i..])?;
                i += k;
                match bytes[i] {
                    // The escaped byte is skipped, even a line break.
                    b'\\' => i += 2,
                    b'"' => {
                        in_string = false;
                        i += 1;
                    }
                    _ => {
                        i += 1;
                        continue 'lines;
                    }
                }
            } else if depth == 0 {
                // Out of placeables only `{` and line breaks matter.
                let k = memchr::memchr2(b'{', b'\n', &bytes[i..])?;
                i += k + 1;
                if bytes[i - 1] == b'\n' {
                    continue 'lines;
                }
                depth = 1;
            } else {
                match bytes[i] {
                    b'\n' => {
                        i += 1;
                        continue 'lines;
                    }
                    b'{' => {
                        depth += 1;
                        if depth > MAX_NESTING {
                            return Some(i);
                        }
                    }
                    b'}' => depth -= 1,
                    b'"' => in_string = true,
                    _ => {}
                }
                i += 1;
            }
        }
    }
    None
}

/// A parser error in words (fluent-syntax's own message).
pub fn describe_error(kind: &ErrorKind) -> String {
    kind.to_string()
}

fn list_ftl(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(dir, e)),
    };
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let path = entry.path();
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            list_ftl(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "ftl") {
            out.push(path);
        }
    }
    Ok(())
}

/// The boilerplate of both languages of a workspace.
pub struct Boilerplate {
    pub source: Locale,
    pub target: Locale,
}

impl Boilerplate {
    /// Reads and parses every `.ftl` file of both languages (in parallel).
    /// Syntax errors do not stop loading: they are findings of the
    /// locale-tree check and errors for commands that need the messages.
    pub fn load(ws: &Workspace) -> Result<Self> {
        let (source, target) = rayon::join(|| Locale::load(ws, &ws.source), || Locale::load(ws, &ws.target));
        Ok(Boilerplate {
            source: source?,
            target: target?,
        })
    }

    /// Whether the workspace has no boilerplate at all.
    pub fn is_empty(&self) -> bool {
        self.source.is_empty() && self.target.is_empty()
    }

    /// The locale of one of the workspace's two languages.
    pub fn locale(&self, lang: &Language) -> &Locale {
        if *lang == self.target.lang {
            &self.target
        } else {
            &self.source
        }
    }

    /// The other language's locale.
    pub fn other(&self, lang: &Language) -> &Locale {
        if *lang == self.target.lang {
            &self.source
        } else {
            &self.target
        }
    }
}

/// The release's Markdown in `lang` with every boilerplate reference
/// expanded. A reference that cannot be resolved in that language is an
/// error naming the release file, line and column, with Fluent's error.
pub fn expand(ws: &Workspace, release: &Release, lang: &Language) -> Result<String> {
    let boilerplate = Boilerplate::load(ws)?;
    expand_release(ws, &boilerplate, release, lang)
}

/// `(id, text)` of every message of `lang`, in file order: the value as
/// Fluent source (placeables such as `{ $phone }` kept), attributes as
/// `id.attribute`, terms as `-id`. Messages without a value give only their
/// attributes. For translation-memory export.
pub fn messages(ws: &Workspace, lang: &Language) -> Result<Vec<(String, String)>> {
    let boilerplate = Boilerplate::load(ws)?;
    let locale = boilerplate.locale(lang);
    if let Some(err) = locale.syntax_error() {
        return Err(err);
    }
    let mut out = Vec::new();
    for range in locale.order_by_file() {
        let ids = &locale.order[range];
        let trees = Trees::parse(locale, ids.first().map(|(_, at)| at.file));
        for (id, at) in ids {
            let Some(entry) = trees.entry(*at) else { continue };
            if let Some(value) = entry.value() {
                out.push((id.clone(), pattern::source(value)));
            }
            for attribute in entry.attributes() {
                out.push((
                    format!("{id}.{}", attribute.id.name),
                    pattern::source(&attribute.value),
                ));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
