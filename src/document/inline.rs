//! The inline structure of a segment, whatever its format: text, and the
//! codes a translator must not touch. Paired codes (emphasis, links) wrap
//! translatable content; placeholders (inline code, tags, breaks) stand for
//! their original bytes. A format reads this structure out of a document
//! and writes it back (see `Format`); what exchange does with it (XLIFF
//! codes, TMX) is not known here.

use std::ops::Range;

use crate::document::segment::Segment;

/// One piece of a segment's inline content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    /// A standalone code: its original bytes.
    Placeholder {
        id: String,
        kind: CodeKind,
        data: String,
    },
    /// A paired code around translatable content.
    Paired {
        id: String,
        kind: CodeKind,
        open: String,
        close: String,
        children: Vec<Inline>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeKind {
    Emphasis,
    Strong,
    Strikethrough,
    Link,
    Image,
    Code,
    Html,
    Break,
    Cell,
    Template,
    /// Several target segments translated as one unit: the bytes between them.
    Block,
    Other,
}

/// Numbers codes within one unit.
#[derive(Debug, Default)]
pub struct Ids {
    next: usize,
}

impl Ids {
    pub fn fresh(&mut self) -> String {
        self.next += 1;
        self.next.to_string()
    }
}

/// A document's inline structure as its format parsed it, once, to be
/// asked about each of its segments.
pub trait Inlines: Send + Sync {
    /// The inline content of a segment and the byte range it covers (the
    /// part of the block a translation replaces), or `None` when the
    /// segment has no inline content in this format.
    fn content(&self, text: &str, segment: &Segment, ids: &mut Ids) -> Option<(Vec<Inline>, Range<usize>)>;

    /// Whether a segment comes from a raw HTML block embedded in the
    /// document, whose text is left to be edited by hand.
    fn in_html_block(&self, segment: &Segment) -> bool;

    /// Byte ranges of literal text (inline code, code blocks, front
    /// matter), where markup such as a boilerplate reference is just text.
    fn literal_ranges(&self) -> Vec<Range<usize>>;
}
