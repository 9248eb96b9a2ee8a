//! Documents: a file's text held in memory with its line index, and what a
//! document format makes of it — segments with byte spans, and the inline
//! structure that exchange, boilerplate and publishing read. A format
//! (Markdown today) is one implementation of `Format`, in one file, picked
//! by extension from `FORMATS`; nothing outside this module matches on the
//! format. A `Document` is parsed once when a release is read and shared by
//! every command. Nothing here knows about the other language, pairing,
//! checks, publishing or the sign-off record.

mod element;
pub mod html;
pub mod inline;
pub mod markdown;
pub mod segment;
pub mod source;

use std::fmt;
use std::ops::{Deref, Range};
use std::path::Path;
use std::sync::{Arc, OnceLock};

use self::inline::{Ids, Inline, Inlines};
use self::segment::Segment;
use self::source::SourceFile;

/// A document format: how a file's text becomes segments and inline
/// structure, how inline content is written back, and how the document
/// reads as HTML.
pub trait Format: Sync {
    /// The format's name (`markdown`).
    fn name(&self) -> &'static str;

    /// File extensions without the dot; the first one names new documents.
    fn extensions(&self) -> &'static [&'static str];

    /// The document's segments, in document order.
    fn segment(&self, file: &SourceFile) -> Vec<Segment>;

    /// The document's inline structure.
    fn inlines(&self, text: &str) -> Arc<dyn Inlines>;

    /// Inline content as this format's text: text escaped so that it stays
    /// text, codes as their original bytes.
    fn write_inline(&self, nodes: &[Inline]) -> String;

    /// Whether the document's first block, after any front matter, is a
    /// heading: the page title `to_html` takes out.
    fn opens_with_title(&self, text: &str) -> bool;

    /// The document as HTML, its text and link targets passed through
    /// `rewrite` on the way. The body is not sanitised.
    fn to_html(&self, text: &str, rewrite: &Rewrite) -> Html;
}

/// What publishing changes while a document becomes HTML.
pub struct Rewrite<'a> {
    /// A run of text, or `None` to keep it.
    pub text: &'a dyn Fn(&str) -> Option<String>,
    /// A link or image target, or `None` to keep it.
    pub url: &'a dyn Fn(&str) -> Option<String>,
}

/// A document as HTML, in parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Html {
    /// The text of the first heading, empty when there is none.
    pub title: String,
    /// Everything but the title heading and front matter.
    pub body: String,
    /// The text of the first paragraph.
    pub summary: String,
    /// Whether the body carries raw HTML from the document.
    pub raw_html: bool,
}

/// The formats bitext reads, by extension. The first is the default: new
/// releases are written in it and the workspace names documents after it.
static FORMATS: &[&dyn Format] = &[&markdown::Markdown, &html::Html::new()];

/// The format a file is read as, by its extension.
pub fn format_for(path: &Path) -> Option<&'static dyn Format> {
    let extension = path.extension()?.to_str()?;
    FORMATS.iter().copied().find(|format| {
        format
            .extensions()
            .iter()
            .any(|e| e.eq_ignore_ascii_case(extension))
    })
}

/// The format of a release's documents.
pub fn default_format() -> &'static dyn Format {
    FORMATS[0]
}

impl fmt::Debug for dyn Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A file parsed by its format: its segments at once, its inline structure
/// the first time something asks for it (checks never do).
#[derive(Clone)]
pub struct Document {
    /// Shared, so that findings can point into it without a copy.
    file: Arc<SourceFile>,
    format: &'static dyn Format,
    segments: Vec<Segment>,
    inlines: OnceLock<Arc<dyn Inlines>>,
}

impl Document {
    /// Parses a file in the format its extension names; any other file is
    /// read in the default format.
    pub fn new(file: SourceFile) -> Self {
        let format = format_for(file.path()).unwrap_or_else(default_format);
        let segments = format.segment(&file);
        Document {
            file: Arc::new(file),
            format,
            segments,
            inlines: OnceLock::new(),
        }
    }

    /// The file, shared: what findings hold to point into it.
    pub fn shared_file(&self) -> Arc<SourceFile> {
        Arc::clone(&self.file)
    }

    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    fn inlines(&self) -> &dyn Inlines {
        self.inlines
            .get_or_init(|| self.format.inlines(self.file.text()))
            .as_ref()
    }

    /// The inline content of one of this document's segments and the byte
    /// range it covers, or `None` when it has none.
    pub fn content(&self, segment: &Segment, ids: &mut Ids) -> Option<(Vec<Inline>, Range<usize>)> {
        self.inlines().content(self.file.text(), segment, ids)
    }

    /// Whether a segment comes from a raw HTML block inside the document.
    pub fn in_html_block(&self, segment: &Segment) -> bool {
        self.inlines().in_html_block(segment)
    }

    /// Byte ranges of literal text, where markup is just text.
    pub fn literal_ranges(&self) -> Vec<Range<usize>> {
        self.inlines().literal_ranges()
    }

    /// Inline content written back in this document's format.
    pub fn write_inline(&self, nodes: &[Inline]) -> String {
        self.format.write_inline(nodes)
    }
}

/// A document is its file with more known about it: whatever reads the
/// file's text, path or positions reads them through the document.
impl Deref for Document {
    type Target = SourceFile;

    fn deref(&self) -> &SourceFile {
        &self.file
    }
}

impl fmt::Debug for Document {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Document")
            .field("path", &self.file.path())
            .field("format", &self.format)
            .field("segments", &self.segments.len())
            .finish()
    }
}
