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

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::FluentResource;
use fluent_syntax::ast::Entry;
use fluent_syntax::parser::{ErrorKind, ParserError};
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

/// One `.ftl` file: its parsed resource (which owns the text) with the
/// parser's errors (fluent-syntax recovers: a bad entry becomes junk), and
/// a line index for positions. The text is held once: at 100,000 messages
/// a second copy costs more than the comparison.
pub struct LocaleFile {
    /// Relative to the workspace root.
    path: PathBuf,
    line_starts: Vec<usize>,
    pub resource: Arc<FluentResource>,
    pub errors: Vec<ParserError>,
}

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
        let (resource, errors) = match FluentResource::try_new(text) {
            Ok(resource) => (resource, Vec::new()),
            Err((resource, errors)) => (resource, errors),
        };
        Ok(LocaleFile {
            path: relative.to_path_buf(),
            line_starts,
            resource: Arc::new(resource),
            errors,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The 1-based line and column (in characters) of a byte offset.
    pub fn position(&self, offset: usize) -> Position {
        let text = self.resource.source();
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
        pattern::offset_in(self.resource.source(), slice)
    }
}

impl crate::diagnostic::Text for LocaleFile {
    fn path(&self) -> &Path {
        &self.path
    }

    fn text(&self) -> &str {
        self.resource.source()
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
        let entries = files.iter().map(|f| f.resource.entries().count()).sum();
        let mut order = Vec::with_capacity(entries);
        let mut index = FxHashMap::with_capacity_and_hasher(entries, Default::default());
        let mut duplicates = Vec::new();
        for (f, locale_file) in files.iter().enumerate() {
            for (i, entry) in locale_file.resource.entries().enumerate() {
                let id = match entry {
                    Entry::Message(m) => m.id.name.to_owned(),
                    Entry::Term(t) => format!("-{}", t.id.name),
                    _ => continue,
                };
                let at = EntryAt { file: f, index: i };
                match index.get(&id) {
                    Some(&first) => duplicates.push((id, first, at)),
                    None => {
                        index.insert(id.clone(), at);
                        order.push((id, at));
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

    pub fn entry(&self, at: EntryAt) -> Option<EntryRef<'_>> {
        match self.files[at.file].resource.get_entry(at.index)? {
            Entry::Message(m) => Some(EntryRef::Message(m)),
            Entry::Term(t) => Some(EntryRef::Term(t)),
            _ => None,
        }
    }

    /// The file and position of an entry's id.
    pub fn position(&self, at: EntryAt) -> (&Path, Position) {
        let file = &self.files[at.file];
        let position = self
            .entry(at)
            .map_or(Position { line: 1, column: 1 }, |e| file.position_of(e.name()));
        (file.path(), position)
    }

    /// Where a finding about an entry points: its id, or the start of its
    /// file when the entry cannot be read.
    pub fn location(&self, at: EntryAt) -> Location {
        let span = self
            .entry(at)
            .map_or(0..0, |e| self.files[at.file].span_of(e.name()));
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
                // Errors here are ids defined twice, reported by the
                // locale-tree check; the first definition wins, as it does
                // everywhere in bitext.
                let _ = bundle.add_resource(Arc::clone(&file.resource));
            }
            bundle
        })
    }
}

impl Drop for Locale {
    /// The syntax trees are most of a large tree's memory, and freeing them
    /// one file after another is sequential time at the end of a run: the
    /// files are freed in parallel (a file some finding still points at is
    /// freed with its last finding).
    fn drop(&mut self) {
        std::mem::take(&mut self.files).into_par_iter().for_each(drop);
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
    for (id, at) in &locale.order {
        let Some(entry) = locale.entry(*at) else { continue };
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
    Ok(out)
}

#[cfg(test)]
mod tests;
