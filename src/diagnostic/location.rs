//! Where a finding points: a byte span into a file that is held in memory
//! and shared, never copied per finding. Line and column (1-based, columns
//! in characters) are worked out from the file's line index when a reporter
//! asks, and the line shown under a finding is taken from the same text, so
//! nothing is read from disk again to print a report.
//!
//! A location can also be *resolved*: its path, line, column and the
//! excerpt printed under it are kept, and the file's text is let go (see
//! `Location::resolved`). That is how the check cache replays a release
//! without reading its documents: every reporter prints it the same.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use crate::document::source::{Position, SourceFile};

/// The text of a file findings point into, with its line index: a release
/// document or a `.ftl` resource.
pub trait Text: Send + Sync {
    /// Relative to the workspace root.
    fn path(&self) -> &Path;

    /// The text, without a byte-order mark: spans are offsets into it.
    fn text(&self) -> &str;

    /// The 1-based line and column (in characters) of a byte offset.
    fn position(&self, offset: usize) -> Position;
}

impl Text for SourceFile {
    fn path(&self) -> &Path {
        SourceFile::path(self)
    }

    fn text(&self) -> &str {
        SourceFile::text(self)
    }

    fn position(&self, offset: usize) -> Position {
        SourceFile::position(self, offset)
    }
}

/// The longest excerpt of a line shown under a finding, in characters.
const EXCERPT: usize = 140;

/// A span of one file on one side: the language and the byte range.
#[derive(Clone)]
pub struct Location {
    /// The language tag of the side (`en-GB`).
    pub lang: String,
    place: Place,
    pub span: Range<usize>,
}

/// What a location points into: the file's text, or what is printed of it.
#[derive(Clone)]
enum Place {
    File(Arc<dyn Text>),
    Resolved(Arc<Path>, Position, Box<str>),
}

impl Location {
    pub fn new(lang: impl Into<String>, file: Arc<dyn Text>, span: Range<usize>) -> Self {
        Location {
            lang: lang.into(),
            place: Place::File(file),
            span,
        }
    }

    /// A location that no longer needs its file: the path, the position of
    /// the span's start and the excerpt printed under it (`excerpt()` of a
    /// location into the file, as it was).
    pub fn resolved(
        lang: impl Into<String>,
        path: Arc<Path>,
        span: Range<usize>,
        position: Position,
        excerpt: impl Into<Box<str>>,
    ) -> Self {
        Location {
            lang: lang.into(),
            place: Place::Resolved(path, position, excerpt.into()),
            span,
        }
    }

    pub fn path(&self) -> &Path {
        match &self.place {
            Place::File(file) => file.path(),
            Place::Resolved(path, ..) => path,
        }
    }

    /// The line and column where the span starts.
    pub fn position(&self) -> Position {
        match &self.place {
            Place::File(file) => file.position(self.span.start),
            Place::Resolved(_, position, _) => *position,
        }
    }

    /// The line the span starts on as it is printed under a finding: the
    /// whole line, or, when it is long, `EXCERPT` characters of it around
    /// the column, with an ellipsis where it was cut.
    pub fn excerpt(&self) -> Cow<'_, str> {
        match &self.place {
            Place::File(_) => excerpt(self.line_text(), self.position().column),
            Place::Resolved(_, _, excerpt) => Cow::Borrowed(excerpt),
        }
    }

    /// The whole line the span starts on, without its line ending (for a
    /// resolved location, the excerpt that was kept of it).
    pub fn line_text(&self) -> &str {
        let text = match &self.place {
            Place::File(file) => file.text(),
            Place::Resolved(_, _, excerpt) => return excerpt,
        };
        let mut at = self.span.start.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        text[start..end].trim_end_matches(['\n', '\r'])
    }
}

/// A line cut to a readable width around the column it points at. The cut
/// is found by counting characters, not by collecting them: a report of
/// many findings on long lines cuts every one.
fn excerpt(line: &str, column: usize) -> Cow<'_, str> {
    if line.len() <= EXCERPT {
        return Cow::Borrowed(line);
    }
    let count = line.chars().count();
    if count <= EXCERPT {
        return Cow::Borrowed(line);
    }
    let start = column.saturating_sub(1).min(count - EXCERPT);
    let from = line.char_indices().nth(start).map_or(line.len(), |(i, _)| i);
    let to = line[from..]
        .char_indices()
        .nth(EXCERPT)
        .map_or(line.len(), |(i, _)| from + i);
    let mut text = String::with_capacity(to - from + 2 * '…'.len_utf8());
    if start > 0 {
        text.push('…');
    }
    text.push_str(&line[from..to]);
    if start + EXCERPT < count {
        text.push('…');
    }
    Cow::Owned(text)
}

impl PartialEq for Location {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang && self.span == other.span && self.path() == other.path()
    }
}

impl Eq for Location {}

impl fmt::Debug for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Location")
            .field("lang", &self.lang)
            .field("path", &self.path())
            .field("span", &self.span)
            .finish()
    }
}

/// The JSON contract names the line and column, not the span: they are
/// worked out here, as the report is written.
impl Serialize for Location {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let position = self.position();
        let mut out = serializer.serialize_struct("Location", 4)?;
        out.serialize_field("lang", &self.lang)?;
        out.serialize_field("path", self.path())?;
        out.serialize_field("line", &position.line)?;
        out.serialize_field("column", &position.column)?;
        out.end()
    }
}

/// One file as findings on one side point into it: the side's language and
/// the shared text. Every location made from it shares the one copy.
#[derive(Clone)]
pub struct Origin {
    lang: String,
    file: Arc<dyn Text>,
}

impl Origin {
    pub fn new(lang: impl Into<String>, file: Arc<dyn Text>) -> Self {
        Origin {
            lang: lang.into(),
            file,
        }
    }

    /// A location in this file.
    pub fn at(&self, span: Range<usize>) -> Location {
        Location::new(self.lang.clone(), Arc::clone(&self.file), span)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The excerpt as it was cut before `excerpt` counted characters: from
    /// the line collected into characters.
    fn excerpt_by_chars(line: &str, column: usize) -> String {
        if line.chars().count() <= EXCERPT {
            return line.to_owned();
        }
        let chars: Vec<char> = line.chars().collect();
        let start = column.saturating_sub(1).min(chars.len().saturating_sub(EXCERPT));
        let end = (start + EXCERPT).min(chars.len());
        let mut text: String = chars[start..end].iter().collect();
        if start > 0 {
            text.insert(0, '…');
        }
        if end < chars.len() {
            text.push('…');
        }
        text
    }

    proptest! {
        #[test]
        fn excerpts_cut_where_the_characters_cut(
            line in "[a-zé« »\u{202f}\u{1F600}]{0,300}",
            column in 0usize..320,
        ) {
            prop_assert_eq!(excerpt(&line, column).into_owned(), excerpt_by_chars(&line, column));
        }
    }

    #[test]
    fn line_and_column_come_from_the_span_when_asked() {
        let file: Arc<dyn Text> = Arc::new(SourceFile::new(Path::new("fr.md"), "« Été »\r\nà : b\n".into()));
        let at = Location::new("fr-FR", file, 16..17);
        assert_eq!(at.position(), Position { line: 2, column: 3 });
        assert_eq!(at.line_text(), "à : b");
        assert_eq!(
            serde_json::to_string(&at).unwrap(),
            r#"{"lang":"fr-FR","path":"fr.md","line":2,"column":3}"#
        );
    }
}
