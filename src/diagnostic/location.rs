//! Where a finding points: a byte span into a file that is held in memory
//! and shared, never copied per finding. Line and column (1-based, columns
//! in characters) are worked out from the file's line index when a reporter
//! asks, and the line shown under a finding is taken from the same text, so
//! nothing is read from disk again to print a report.

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

/// A span of one file on one side: the language and the byte range.
#[derive(Clone)]
pub struct Location {
    /// The language tag of the side (`en-GB`).
    pub lang: String,
    file: Arc<dyn Text>,
    pub span: Range<usize>,
}

impl Location {
    pub fn new(lang: impl Into<String>, file: Arc<dyn Text>, span: Range<usize>) -> Self {
        Location {
            lang: lang.into(),
            file,
            span,
        }
    }

    pub fn path(&self) -> &Path {
        self.file.path()
    }

    /// The line and column where the span starts.
    pub fn position(&self) -> Position {
        self.file.position(self.span.start)
    }

    /// The whole line the span starts on, without its line ending.
    pub fn line_text(&self) -> &str {
        let text = self.file.text();
        let mut at = self.span.start.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        text[start..end].trim_end_matches(['\n', '\r'])
    }
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
    use super::*;

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
