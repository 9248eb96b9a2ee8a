//! Segments: the units of text that pairing works on, whatever the format
//! they were cut from. A segment has a kind, its normalised text (whitespace
//! folded, markup stripped, inline code and link targets kept) and its byte
//! range in the file. Cutting a document into segments is a format's job
//! (see `markdown`).

use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "level")]
pub enum SegmentKind {
    Heading(u8),
    Paragraph,
    ListItem,
    Quote,
    TableRow,
    /// Image alt text or a figure caption.
    Image,
    /// A boilerplate reference on a line of its own (`{{@ id }}`).
    Boilerplate,
}

impl SegmentKind {
    pub fn name(self) -> &'static str {
        match self {
            SegmentKind::Heading(_) => "heading",
            SegmentKind::Paragraph => "paragraph",
            SegmentKind::ListItem => "list-item",
            SegmentKind::Quote => "quote",
            SegmentKind::TableRow => "table-row",
            SegmentKind::Image => "image",
            SegmentKind::Boilerplate => "boilerplate",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub kind: SegmentKind,
    /// Normalised text: markup stripped, whitespace folded to single spaces,
    /// inline code kept in backticks.
    pub text: String,
    /// Byte range of the block in the file.
    pub span: Range<usize>,
    /// Link and image targets inside the segment.
    pub links: Vec<String>,
    /// Inline code spans inside the segment.
    pub code: Vec<String>,
}

/// Opening of a boilerplate reference (see `boilerplate`). Only the lexical
/// mark lives here: segmenting must not read it as text to mask.
pub const REFERENCE_OPEN: &str = "{{@";

/// Whether a paragraph's whole (normalised) text is one boilerplate reference.
pub fn is_block_reference(text: &str) -> bool {
    text.starts_with(REFERENCE_OPEN) && text.ends_with("}}") && text.matches("}}").count() == 1
}
