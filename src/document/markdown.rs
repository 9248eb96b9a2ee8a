//! Markdown, the first document format. Segments: headings, paragraphs,
//! list items, quotes, table rows and image alt text, with normalised text
//! (whitespace folded, markup stripped, inline code and link targets kept)
//! and byte ranges. Front matter, code blocks, Liquid/Hugo shortcodes and
//! VuePress container fences are carried through untranslated; text inside
//! raw HTML blocks is segmented by element with an HTML tokenizer. The
//! inline structure (`inline`) and HTML (`html`) come from pulldown-cmark's
//! events too; this is the only place that parses Markdown.

mod extension;
mod html;
mod inline;

use std::borrow::Cow;
use std::sync::Arc;

use std::convert::Infallible;

use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Emitter, ForwardingEmitter, Span, Tokenizer};
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use crate::document::inline::{Inline, Inlines};
use crate::document::segment::{is_block_reference, Segment, SegmentKind, REFERENCE_OPEN};
use crate::document::source::SourceFile;
use crate::document::{element, Format, Html, Rewrite};

/// The Markdown format (CommonMark with tables, footnotes, strike-through
/// and front matter).
pub struct Markdown;

impl Format for Markdown {
    fn name(&self) -> &'static str {
        "markdown"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["md", "markdown"]
    }

    fn segment(&self, file: &SourceFile) -> Vec<Segment> {
        segment(file)
    }

    fn inlines(&self, text: &str) -> Arc<dyn Inlines> {
        Arc::new(inline::Events::parse(text))
    }

    fn write_inline(&self, nodes: &[Inline]) -> String {
        inline::to_markdown(nodes)
    }

    fn opens_with_title(&self, text: &str) -> bool {
        html::opens_with_heading(text)
    }

    fn to_html(&self, text: &str, rewrite: &Rewrite) -> Html {
        html::to_html(text, rewrite)
    }
}

/// The parser options every reading of a document uses, so that segments,
/// inline content and HTML agree on where blocks are.
const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_YAML_STYLE_METADATA_BLOCKS)
    .union(Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS)
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH);

/// Segments a Markdown document, in document order.
pub fn segment(file: &SourceFile) -> Vec<Segment> {
    segment_text(file.text())
}

/// Segments Markdown text: extension syntax carried (see `extension`),
/// admonition bodies segmented as documents of their own.
fn segment_text(text: &str) -> Vec<Segment> {
    let prepared = extension::prepare(text);
    let mut segments = segment_view(&prepared.view);
    for body in &prepared.bodies {
        segments.extend(segment_text(&body.text).into_iter().map(|mut s| {
            s.span = body.map_range(s.span);
            s
        }));
    }
    if !prepared.bodies.is_empty() {
        segments.sort_by_key(|s| s.span.start);
    }
    segments
}

fn segment_view(view: &str) -> Vec<Segment> {
    let mut builder = SegmentList::default();
    let masked = mask_template_tags(view);
    let text: &str = &masked;
    let mut quote_depth = 0usize;
    let mut skip_depth = 0usize;
    for (event, range) in Parser::new_ext(text, OPTIONS).into_offset_iter() {
        if skip_depth > 0 {
            match event {
                Event::Start(Tag::CodeBlock(_) | Tag::MetadataBlock(_)) => skip_depth += 1,
                Event::End(TagEnd::CodeBlock | TagEnd::MetadataBlock(_) | TagEnd::Paragraph) => {
                    skip_depth -= 1
                }
                _ => {}
            }
            continue;
        }
        match event {
            // Indented HTML after a blank line parses as an indented code
            // block, and an HTML opening tag that runs over lines is a
            // paragraph of inline HTML to CommonMark: both are the HTML
            // blocks they look like (`reads_as_html`).
            Event::Start(ref tag @ (Tag::CodeBlock(CodeBlockKind::Indented) | Tag::Paragraph))
                if reads_as_html(tag, builder.open_kind(), &text[range.clone()]) =>
            {
                builder.close(range.start);
                segment_html(
                    &text[range.clone()],
                    range.start,
                    quote_depth > 0,
                    &mut builder.segments,
                    &mut builder.html,
                );
                skip_depth = 1;
            }
            Event::Start(Tag::CodeBlock(_) | Tag::MetadataBlock(_)) => skip_depth = 1,
            Event::Start(Tag::Paragraph) => {
                if builder.open_kind() == Some(SegmentKind::ListItem) {
                    builder.push_text(" ");
                } else {
                    let kind = if quote_depth > 0 {
                        SegmentKind::Quote
                    } else {
                        SegmentKind::Paragraph
                    };
                    builder.open(kind, range.start);
                }
            }
            Event::End(TagEnd::Paragraph) if builder.open_kind() != Some(SegmentKind::ListItem) => {
                builder.close(range.end)
            }
            Event::Start(Tag::Heading { level, .. }) => {
                builder.open(SegmentKind::Heading(level as u8), range.start)
            }
            Event::End(TagEnd::Heading(_)) => builder.close(range.end),
            // A nested list ends the text of the item that holds it.
            Event::Start(Tag::List(_)) => builder.close(range.start),
            Event::Start(Tag::Item) => builder.open(SegmentKind::ListItem, range.start),
            Event::End(TagEnd::Item) => builder.close(range.end),
            Event::Start(Tag::BlockQuote(_)) => quote_depth += 1,
            Event::End(TagEnd::BlockQuote(_)) => quote_depth = quote_depth.saturating_sub(1),
            Event::Start(Tag::TableHead | Tag::TableRow) => builder.open(SegmentKind::TableRow, range.start),
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => builder.close(range.end),
            Event::Start(Tag::TableCell) => builder.separate_cell(),
            Event::Start(Tag::Image { dest_url, .. }) => {
                builder.open_image(range.start, dest_url.to_string())
            }
            Event::End(TagEnd::Image) => builder.close_image(range.end),
            Event::Start(Tag::Link { dest_url, .. }) => builder.push_link(dest_url.to_string()),
            Event::Start(Tag::HtmlBlock) => {
                builder.close(range.start);
                segment_html(
                    &text[range.clone()],
                    range.start,
                    quote_depth > 0,
                    &mut builder.segments,
                    &mut builder.html,
                );
            }
            Event::Text(t) => builder.push_text(&t),
            Event::Code(code) => builder.push_code(&code),
            Event::SoftBreak => builder.push_text("\n"),
            Event::HardBreak => builder.push_text(" "),
            Event::InlineHtml(html) => builder.push_inline_html(&html),
            _ => {}
        }
    }
    builder.finish()
}

/// Whether a block starts with an HTML opening tag (`<img`, `<a`, a
/// custom element) whose closing `>` is on a later line.
fn opens_with_wrapped_tag(block: &str) -> bool {
    let bytes = block.as_bytes();
    bytes.first() == Some(&b'<')
        && bytes.get(1).is_some_and(u8::is_ascii_alphabetic)
        && extension::tag_end(block, 0).is_some_and(|end| block[..end].contains('\n'))
}

/// Stands in for each byte of a template tag, so that offsets stay those
/// of the file; `normalise` drops it.
pub(super) const MASK: char = '\u{1}';

#[derive(Debug)]
struct OpenSegment {
    kind: SegmentKind,
    start: usize,
    text: String,
    links: Vec<String>,
    code: Vec<String>,
}

impl OpenSegment {
    fn new(kind: SegmentKind, start: usize) -> Self {
        OpenSegment {
            kind,
            start,
            text: String::new(),
            links: Vec::new(),
            code: Vec::new(),
        }
    }
}

#[derive(Default)]
struct SegmentList {
    segments: Vec<Segment>,
    open: Option<OpenSegment>,
    image: Option<OpenSegment>,
    /// The raw text of the last segment closed, emptied, for the next one
    /// opened to write into: the buffer grows once per document, not
    /// again for every segment.
    spare: String,
    html: HtmlBuffers,
}

impl SegmentList {
    fn open_kind(&self) -> Option<SegmentKind> {
        self.open.as_ref().map(|o| o.kind)
    }

    fn open(&mut self, kind: SegmentKind, start: usize) {
        self.close(start);
        let mut open = OpenSegment::new(kind, start);
        open.text = std::mem::take(&mut self.spare);
        self.open = Some(open);
    }

    fn close(&mut self, end: usize) {
        if let Some(open) = self.open.take() {
            self.spare = push_segment(&mut self.segments, open, end);
        }
    }

    fn separate_cell(&mut self) {
        if let Some(open) = &mut self.open {
            if !open.text.trim().is_empty() {
                open.text.push_str(" | ");
            }
        }
    }

    fn open_image(&mut self, start: usize, target: String) {
        let mut image = OpenSegment::new(SegmentKind::Image, start);
        image.links.push(target);
        self.image = Some(image);
    }

    fn close_image(&mut self, end: usize) {
        if let Some(image) = self.image.take() {
            push_segment(&mut self.segments, image, end);
        }
    }

    fn target(&mut self) -> Option<&mut OpenSegment> {
        self.image.as_mut().or(self.open.as_mut())
    }

    fn push_text(&mut self, text: &str) {
        if let Some(open) = self.target() {
            open.text.push_str(text);
        }
    }

    fn push_code(&mut self, code: &str) {
        if let Some(open) = self.target() {
            open.text.push('`');
            open.text.push_str(code);
            open.text.push('`');
            open.code.push(code.to_owned());
        }
    }

    fn push_link(&mut self, target: String) {
        if let Some(open) = self.target() {
            open.links.push(target);
        }
    }

    /// Inline tags carry no text, but a line break separates words.
    fn push_inline_html(&mut self, html: &str) {
        if html.get(..3).is_some_and(|t| t.eq_ignore_ascii_case("<br")) {
            self.push_text(" ");
        }
    }

    fn finish(mut self) -> Vec<Segment> {
        let end = self.open.as_ref().map_or(0, |o| o.start);
        self.close(end);
        // Image segments are pushed when the image ends, before the
        // paragraph around them: put everything back in document order.
        self.segments.sort_by_key(|s| s.span.start);
        self.segments
    }
}

/// Pushes a segment's normalised text, unless it has none, and gives back
/// its raw text buffer emptied, for the next segment to reuse.
fn push_segment(segments: &mut Vec<Segment>, mut open: OpenSegment, end: usize) -> String {
    let text = normalise(&open.text);
    open.text.clear();
    if text.is_empty() {
        return open.text;
    }
    let kind = if open.kind == SegmentKind::Paragraph && is_block_reference(&text) {
        SegmentKind::Boilerplate
    } else {
        open.kind
    };
    segments.push(Segment {
        kind,
        text,
        span: open.start..end.max(open.start),
        links: open.links,
        code: open.code,
    });
    open.text
}

/// Folds whitespace and drops VuePress container fences and masked
/// template tags. No-break spaces are typography, not layout: they stay.
fn normalise(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for line in split_lines(raw) {
        if line.trim_start().starts_with(":::") {
            continue;
        }
        // Breaks at either end of a line add nothing (its first word is
        // spaced from the text before it in any case): a line folded but
        // for them, an indented line of raw HTML say, is copied whole too.
        let folded = is_folded(line);
        let line = if folded { line } else { line.trim_matches(is_break) };
        let bytes = line.as_bytes();
        // Most lines are already folded: copied whole, with no test of
        // each byte that branches.
        if folded || is_folded(line) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(line);
            continue;
        }
        let mut pending_space = true;
        let mut at = 0;
        while at < bytes.len() {
            // Text is copied in runs as long as possible: words and the
            // single spaces between them, so that a line already folded
            // is copied whole.
            let start = at;
            loop {
                while at < bytes.len() && !BREAKS[usize::from(bytes[at])] {
                    at += 1;
                }
                match bytes.get(at..at + 2) {
                    Some([b' ', next]) if at > start && !BREAKS[usize::from(*next)] => at += 1,
                    // A character that starts with 0xE2 (’, «, …, a narrow
                    // no-break space), not the zero-width space: three
                    // bytes of text.
                    _ if bytes.get(at) == Some(&0xE2) && !is_zero_width_space(&bytes[at..]) => at += 3,
                    _ => break,
                }
            }
            if at > start {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push_str(&line[start..at]);
            }
            match bytes.get(at) {
                None => {}
                Some(&b) if b == MASK as u8 => at += 1,
                Some(&0xE2) => {
                    pending_space = true;
                    at += 3;
                }
                Some(_) => {
                    pending_space = true;
                    at += 1;
                }
            }
        }
    }
    // A segment of nothing but no-break spaces is a spacer, not text.
    if out.chars().all(char::is_whitespace) {
        out.clear();
    }
    out
}

/// What `normalise` folds: ASCII whitespace and the zero-width space
/// (a run of them is one space), and `MASK` (nothing).
fn is_break(c: char) -> bool {
    c.is_ascii_whitespace() || c == MASK || c == '\u{200b}'
}

/// The pieces of `text` between line feeds, as `split('\n')` gives them,
/// found by memchr's vector search: the standard library's reads a word
/// at a time, and a paragraph is a long line.
fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len()));
    ends.map(move |end| {
        let line = &text[start..end];
        start = end + 1;
        line
    })
}

/// The bytes that end a run of text in `normalise`: ASCII whitespace,
/// `MASK`, and 0xE2, which starts the zero-width space (and other
/// characters). None of them is a byte inside another character.
const BREAKS: [bool; 256] = {
    let mut breaks = [false; 256];
    let mut b = 0;
    while b < 256 {
        breaks[b] = (b as u8).is_ascii_whitespace() || b == MASK as usize || b == 0xE2;
        b += 1;
    }
    breaks
};

/// Whether a line is words and single spaces between them, with no other
/// break (no tab, no mask, no zero-width space, no space at either end):
/// the text `normalise` makes of it is the line itself. An empty line is
/// not, so that it adds no space. The tests are compares of each byte and
/// the next folded together without a branch or a table, so that the
/// compiler checks many bytes at a time (a table lookup per byte cost 5 %
/// of a sync-only run).
fn is_folded(line: &str) -> bool {
    let bytes = line.as_bytes();
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
        return false;
    };
    // ASCII whitespace other than the space, or the mask; `|` and `&`
    // rather than `||` and `&&`, so that nothing branches.
    let is_other_break =
        |b: u8| (b == b'\t') | (b == b'\n') | (b == b'\x0c') | (b == b'\r') | (b == MASK as u8);
    let (marked, wide) = bytes.iter().zip(&bytes[1..]).fold(
        (is_other_break(last), last == 0xE2),
        |(marked, wide), (&b, &next)| {
            (
                marked | is_other_break(b) | ((b == b' ') & (next == b' ')),
                wide | (b == 0xE2),
            )
        },
    );
    first != b' '
        && last != b' '
        && !marked
        // A byte 0xE2 starts ’, « or …, which are text; only the
        // zero-width space among them is a break.
        && (!wide || !has_zero_width_space(bytes))
}

/// Whether a zero-width space is among `bytes`: each 0xE2 (found by
/// memchr) tested, where a search for the whole character was set up for
/// each line with a ’ or a «.
fn has_zero_width_space(bytes: &[u8]) -> bool {
    memchr::memchr_iter(0xE2, bytes).any(|at| is_zero_width_space(&bytes[at..]))
}

fn is_zero_width_space(bytes: &[u8]) -> bool {
    bytes.starts_with("\u{200b}".as_bytes())
}

/// Replaces every byte of Liquid (`{% … %}`, `{{ … }}`) and Hugo (`{{< … >}}`,
/// `{{% … %}}`) tags with `MASK`, keeping line breaks, so that a tag spanning
/// paragraphs is not read as text and byte offsets are unchanged.
/// Boilerplate references (`{{@ … }}`) are kept.
/// The template tags `mask_template_tags` masks, opening and closing,
/// longest opening first.
const TEMPLATE_TAGS: [(&str, &str); 4] = [("{{<", ">}}"), ("{{%", "%}}"), ("{%", "%}"), ("{{", "}}")];

fn mask_template_tags(text: &str) -> Cow<'_, str> {
    // Written at the first tag only (most documents have none), from
    // pieces of the text and ASCII, so that it is UTF-8 without a check.
    let mut masked: Option<String> = None;
    let mut copied = 0;
    let mut at = 0;
    while let Some(found) = memchr::memchr(b'{', &text.as_bytes()[at..]) {
        let start = at + found;
        let tail = &text[start..];
        at = start + 1;
        if tail.starts_with(REFERENCE_OPEN) {
            continue;
        }
        for (open, close) in TEMPLATE_TAGS {
            if let Some(end) = tail.strip_prefix(open).and_then(|inner| inner.find(close)) {
                let end = start + open.len() + end + close.len();
                let out = masked.get_or_insert_with(|| String::with_capacity(text.len()));
                out.push_str(&text[copied..start]);
                // A byte each, line endings kept: offsets stay the file's.
                out.extend(text.as_bytes()[start..end].iter().map(|&b| match b {
                    b'\n' | b'\r' => char::from(b),
                    _ => MASK,
                }));
                (copied, at) = (end, end);
                break;
            }
        }
    }
    match masked {
        Some(mut out) => {
            out.push_str(&text[copied..]);
            Cow::Owned(out)
        }
        None => Cow::Borrowed(text),
    }
}

/// Segments the text inside a raw HTML block by element: headings, list
/// items, paragraphs and other blocks, table rows, image alt text and figure
/// captions. Scripts, styles and preformatted code are skipped.
/// Whether a block CommonMark parses as `tag` is HTML to bitext: indented
/// HTML after a blank line (exported pages are full of it, and it is
/// text), or an opening tag that runs over lines (`<img alt="…"` with its
/// attributes below), which CommonMark reads as a paragraph because it
/// wants the whole tag on the first line; so the same element gives the
/// same segments however its tag wraps (but not as a list item's text).
fn reads_as_html(tag: &Tag, open: Option<SegmentKind>, block: &str) -> bool {
    match tag {
        Tag::CodeBlock(CodeBlockKind::Indented) => block.trim_start().starts_with('<'),
        Tag::Paragraph => open != Some(SegmentKind::ListItem) && opens_with_wrapped_tag(block),
        _ => false,
    }
}

fn segment_html(html: &str, base: usize, in_quote: bool, out: &mut Vec<Segment>, buffers: &mut HtmlBuffers) {
    let mut blocks = HtmlBlocks {
        base,
        in_quote,
        out,
        open: None,
        stack: std::mem::take(&mut buffers.stack),
        skipping: None,
        tag: StartTag {
            name: std::mem::take(&mut buffers.tag_name),
            ..StartTag::default()
        },
        end_name: std::mem::take(&mut buffers.end_name),
    };
    // The callback emitter lends each name and value for one event: no
    // allocation per token, where the default emitter made a string of
    // each and a map of every tag's attributes.
    let emitter = CallbackEmitter::new(
        |event: CallbackEvent<'_>, span: Span<usize>| -> Option<Infallible> {
            blocks.event(event, span);
            None
        },
    );
    for _ in Tokenizer::new_with_emitter(html, WithoutErrors(emitter)) {}
    flush_html(&mut blocks.open, base + html.len(), blocks.out);
    // Left empty, as a new block's would be.
    blocks.stack.clear();
    blocks.tag.name.clear();
    blocks.end_name.clear();
    (buffers.stack, buffers.tag_name, buffers.end_name) = (blocks.stack, blocks.tag.name, blocks.end_name);
}

/// The buffers of `segment_html` that outlive a raw HTML block, for the
/// next block of the document: they grow once per document, where each
/// block's cost an allocation or three.
#[derive(Default)]
struct HtmlBuffers {
    stack: Vec<String>,
    tag_name: String,
    end_name: String,
}

/// An emitter that does not ask the tokenizer for parse errors: segments
/// never use them, and looking for them (a control character, a
/// noncharacter) costs a test of every byte of the block.
struct WithoutErrors<E>(E);

impl<E: Emitter> ForwardingEmitter for WithoutErrors<E> {
    type Token = E::Token;

    fn inner(&mut self) -> &mut impl Emitter<Token = Self::Token> {
        &mut self.0
    }

    fn should_emit_errors(&mut self) -> bool {
        false
    }
}

/// A start tag as the tokenizer reads it, up to its `>`: its name, where
/// it starts, and the attributes segments take (the first of each name,
/// as HTML keeps it).
#[derive(Default)]
struct StartTag {
    name: String,
    start: usize,
    alt: Option<Vec<u8>>,
    src: Option<Vec<u8>>,
    href: Option<Vec<u8>>,
    /// The attribute whose value comes next, when it is one of those.
    value_of: Option<Attribute>,
}

#[derive(Clone, Copy)]
enum Attribute {
    Alt,
    Src,
    Href,
}

impl StartTag {
    fn attribute(&mut self, which: Attribute) -> &mut Option<Vec<u8>> {
        match which {
            Attribute::Alt => &mut self.alt,
            Attribute::Src => &mut self.src,
            Attribute::Href => &mut self.href,
        }
    }
}

/// The state of `segment_html` between tokenizer events.
struct HtmlBlocks<'o> {
    base: usize,
    in_quote: bool,
    out: &'o mut Vec<Segment>,
    open: Option<OpenSegment>,
    stack: Vec<String>,
    skipping: Option<String>,
    tag: StartTag,
    end_name: String,
}

impl HtmlBlocks<'_> {
    fn event(&mut self, event: CallbackEvent<'_>, span: Span<usize>) {
        match event {
            CallbackEvent::OpenStartTag { name } => {
                let tag = &mut self.tag;
                lowercase_into(&mut tag.name, name);
                tag.start = span.start;
                (tag.alt, tag.src, tag.href, tag.value_of) = (None, None, None, None);
            }
            CallbackEvent::AttributeName { name } => {
                let which = match name {
                    b"alt" => Some(Attribute::Alt),
                    b"src" => Some(Attribute::Src),
                    b"href" => Some(Attribute::Href),
                    _ => None,
                };
                // A repeated attribute is ignored: the first one counts.
                self.tag.value_of = which.filter(|&w| self.tag.attribute(w).is_none());
                if let Some(which) = self.tag.value_of {
                    *self.tag.attribute(which) = Some(Vec::new());
                }
            }
            CallbackEvent::AttributeValue { value } => {
                if let Some(which) = self.tag.value_of {
                    if let Some(held) = self.tag.attribute(which) {
                        held.extend_from_slice(value);
                    }
                }
            }
            CallbackEvent::CloseStartTag { self_closing } => self.start_tag(self_closing, span.end),
            CallbackEvent::EndTag { name } => {
                lowercase_into(&mut self.end_name, name);
                self.end_tag(self.base + span.end);
            }
            CallbackEvent::String { value } => self.text(value, self.base + span.start),
            _ => {}
        }
    }

    fn start_tag(&mut self, self_closing: bool, end: usize) {
        let at = self.base + self.tag.start;
        if self.skipping.is_some() {
            return;
        }
        let lossy = |bytes: &[u8]| as_text(bytes).into_owned();
        let name = self.tag.name.as_str();
        match name {
            "script" | "style" | "pre" | "template" | "noscript" if !self_closing => {
                flush_html(&mut self.open, at, self.out);
                self.skipping = Some(name.to_owned());
            }
            "img" => {
                if let Some(alt) = &self.tag.alt {
                    push_segment(
                        self.out,
                        OpenSegment {
                            kind: SegmentKind::Image,
                            start: at,
                            text: lossy(alt),
                            links: self.tag.src.as_deref().map(lossy).into_iter().collect(),
                            code: Vec::new(),
                        },
                        self.base + end,
                    );
                }
            }
            "br" => {
                if let Some(o) = &mut self.open {
                    o.text.push(' ');
                }
            }
            "a" => {
                if let Some(href) = &self.tag.href {
                    let kind = html_kind(&self.stack, self.in_quote);
                    self.open
                        .get_or_insert_with(|| OpenSegment::new(kind, at))
                        .links
                        .push(lossy(href));
                }
            }
            "td" | "th" => {
                match &mut self.open {
                    Some(o) if o.kind == SegmentKind::TableRow => {
                        if !o.text.trim().is_empty() {
                            o.text.push_str(" | ");
                        }
                    }
                    _ => {
                        flush_html(&mut self.open, at, self.out);
                        self.open = Some(OpenSegment::new(SegmentKind::TableRow, at));
                    }
                }
                self.stack.push(name.to_owned());
            }
            name if element::is_block(name) => {
                flush_html(&mut self.open, at, self.out);
                if !element::is_void(name) && !self_closing {
                    self.stack.push(name.to_owned());
                }
            }
            _ => {}
        }
    }

    /// An end tag, `end_name`, whose `>` is at `at`.
    fn end_tag(&mut self, at: usize) {
        let name = self.end_name.as_str();
        if let Some(skip) = &self.skipping {
            if skip == name {
                self.skipping = None;
            }
            return;
        }
        if name == "td" || name == "th" {
            pop_to(&mut self.stack, name);
        } else if element::is_block(name) {
            flush_html(&mut self.open, at, self.out);
            pop_to(&mut self.stack, name);
        }
    }

    fn text(&mut self, value: &[u8], at: usize) {
        if self.skipping.is_some() {
            return;
        }
        let value = as_text(value);
        match &mut self.open {
            Some(o) => o.text.push_str(&value),
            None if value.trim().is_empty() => {}
            None => {
                let mut o = OpenSegment::new(html_kind(&self.stack, self.in_quote), at);
                o.text = value.into_owned();
                self.open = Some(o);
            }
        }
    }
}

/// Bytes from the tokenizer as text, invalid sequences replaced as
/// `String::from_utf8_lossy` does. They come from a `str`, so valid:
/// simdutf8 says so for less than the standard check on a long run of
/// text (a short one it hands to the standard check), and both for less
/// than the lossy reading's byte-by-byte walk.
fn as_text(bytes: &[u8]) -> Cow<'_, str> {
    simdutf8::basic::from_utf8(bytes).map_or_else(|_| String::from_utf8_lossy(bytes), Cow::Borrowed)
}

/// `name` in lowercase, in `into`'s buffer.
fn lowercase_into(into: &mut String, name: &[u8]) {
    into.clear();
    into.push_str(&as_text(name));
    into.make_ascii_lowercase();
}

fn flush_html(open: &mut Option<OpenSegment>, end: usize, out: &mut Vec<Segment>) {
    if let Some(o) = open.take() {
        push_segment(out, o, end);
    }
}

fn pop_to(stack: &mut Vec<String>, name: &str) {
    if let Some(at) = stack.iter().rposition(|n| n == name) {
        stack.truncate(at);
    }
}

fn html_kind(stack: &[String], in_quote: bool) -> SegmentKind {
    for name in stack.iter().rev() {
        match name.as_str() {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                return SegmentKind::Heading(name.as_bytes()[1] - b'0');
            }
            "li" | "dt" | "dd" => return SegmentKind::ListItem,
            "figcaption" => return SegmentKind::Image,
            "blockquote" => return SegmentKind::Quote,
            _ => {}
        }
    }
    if in_quote {
        SegmentKind::Quote
    } else {
        SegmentKind::Paragraph
    }
}

#[cfg(test)]
mod tests;
