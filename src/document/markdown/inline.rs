//! Markdown's inline structure. A segment's content is read from
//! pulldown-cmark's events over the whole document (so quote prefixes and
//! table pipes are seen for what they are) into text and codes: emphasis,
//! strong, strike-through and links become paired codes whose delimiters
//! (`*`, `**`, `[`, `](url)`) a translator cannot touch; inline code, inline
//! HTML, images inside text, hard breaks, table cell separators and template
//! or boilerplate tags (`{{@ id }}`, `{{ … }}`, `{% … %}`) become
//! placeholders. Going back, text is escaped for Markdown and codes give
//! back their original bytes.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::{extension, MASK, OPTIONS};
use crate::document::inline::{CodeKind, Ids, Inline, Inlines};
use crate::document::segment::{Segment, SegmentKind};

/// A document's events with their byte ranges, parsed once.
pub(super) struct Events {
    events: Vec<(Event<'static>, Range<usize>)>,
    /// The ranges of raw HTML blocks, in order, so that asking about a
    /// segment is a binary search, not a pass over every event.
    html_blocks: Vec<Range<usize>>,
}

impl Events {
    /// Parses a document's view (see `extension`); each admonition body is
    /// parsed on its own and its events put where the body stands.
    pub(super) fn parse(text: &str) -> Self {
        let prepared = extension::prepare(text);
        let mut events: Vec<(Event<'static>, Range<usize>)> = Parser::new_ext(&prepared.view, OPTIONS)
            .into_offset_iter()
            .map(|(event, range)| (event.into_static(), range))
            .collect();
        for body in &prepared.bodies {
            let region = body.map(0);
            let at = events
                .iter()
                .position(|(event, range)| match event {
                    Event::End(_) => range.end > region,
                    _ => range.start >= region,
                })
                .unwrap_or(events.len());
            let inner = Events::parse(&body.text)
                .events
                .into_iter()
                .map(|(event, range)| (event, body.map_range(range)));
            events.splice(at..at, inner);
        }
        let html_blocks = events
            .iter()
            .filter(|(event, _)| matches!(event, Event::Start(Tag::HtmlBlock)))
            .map(|(_, range)| range.start..range.end.max(range.start + 1))
            .collect();
        Events { events, html_blocks }
    }
}

impl Inlines for Events {
    fn in_html_block(&self, segment: &Segment) -> bool {
        let at = segment.span.start;
        let after = self.html_blocks.partition_point(|r| r.start <= at);
        // HTML blocks never hold one another: the last one starting at or
        // before the segment is the only one that can hold it.
        self.html_blocks[..after].last().is_some_and(|r| at < r.end)
    }

    fn content(&self, text: &str, segment: &Segment, ids: &mut Ids) -> Option<(Vec<Inline>, Range<usize>)> {
        let first = self.events.partition_point(|(_, r)| r.start < segment.span.start);
        let mut events = self.events[first..]
            .iter()
            .take_while(|(_, r)| r.start < segment.span.end.max(segment.span.start + 1));
        let mut depth_image = 0usize;
        if segment.kind == SegmentKind::Image {
            // A Markdown image: its content is the alt text, inside the tag.
            events.position(|(e, _)| matches!(e, Event::Start(Tag::Image { .. })))?;
            depth_image = 1;
        }
        let mut builder = Builder::new(text, ids, segment.kind == SegmentKind::TableRow);
        for (event, range) in events {
            if segment.kind == SegmentKind::Image {
                match event {
                    Event::Start(Tag::Image { .. }) => {
                        depth_image += 1;
                        continue;
                    }
                    Event::End(TagEnd::Image) => {
                        depth_image -= 1;
                        if depth_image == 0 {
                            break;
                        }
                        continue;
                    }
                    _ => {}
                }
            }
            builder.event(event, range.clone());
        }
        builder.finish()
    }

    fn literal_ranges(&self) -> Vec<Range<usize>> {
        let mut ranges = Vec::new();
        let mut block_start = None;
        for (event, range) in &self.events {
            match event {
                Event::Code(_) => ranges.push(range.clone()),
                Event::Start(Tag::CodeBlock(_) | Tag::MetadataBlock(_)) => block_start = Some(range.start),
                Event::End(TagEnd::CodeBlock | TagEnd::MetadataBlock(_)) => {
                    if let Some(start) = block_start.take() {
                        ranges.push(start..range.end);
                    }
                }
                _ => {}
            }
        }
        ranges
    }
}

struct Frame {
    kind: CodeKind,
    range: Range<usize>,
    children: Vec<Inline>,
    content: Option<Range<usize>>,
}

/// How deep paired codes (emphasis, links) may nest before the rest is kept
/// as one placeholder; exchange and rendering walk the tree recursively.
const MAX_DEPTH: usize = 32;

struct Builder<'t, 'i> {
    text: &'t str,
    ids: &'i mut Ids,
    table: bool,
    stack: Vec<Frame>,
    /// Inside an image within text: the whole image is one placeholder.
    skip_image: usize,
    /// Inside a paired code nested deeper than `MAX_DEPTH`: the whole code
    /// is one placeholder.
    skip_deep: usize,
    last_cell_end: Option<usize>,
}

impl<'t, 'i> Builder<'t, 'i> {
    fn new(text: &'t str, ids: &'i mut Ids, table: bool) -> Self {
        Builder {
            text,
            ids,
            table,
            stack: vec![Frame {
                kind: CodeKind::Other,
                range: 0..0,
                children: Vec::new(),
                content: None,
            }],
            skip_image: 0,
            skip_deep: 0,
            last_cell_end: None,
        }
    }

    fn top(&mut self) -> &mut Frame {
        self.stack.last_mut().expect("the root frame")
    }

    fn covered(&mut self, range: &Range<usize>) {
        let top = self.top();
        top.content = Some(match &top.content {
            Some(c) => c.start.min(range.start)..c.end.max(range.end),
            None => range.clone(),
        });
    }

    fn push(&mut self, node: Inline, range: Range<usize>) {
        self.covered(&range);
        let children = &mut self.top().children;
        match (children.last_mut(), node) {
            (Some(Inline::Text(last)), Inline::Text(text)) => last.push_str(&text),
            (_, node) => children.push(node),
        }
    }

    fn placeholder(&mut self, kind: CodeKind, range: Range<usize>) {
        let data = self.text[range.clone()].to_owned();
        let id = self.ids.fresh();
        self.push(Inline::Placeholder { id, kind, data }, range);
    }

    fn event(&mut self, event: &Event, range: Range<usize>) {
        if self.skip_deep > 0 {
            match event {
                Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. }) => {
                    self.skip_deep += 1
                }
                Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link) => {
                    self.skip_deep -= 1
                }
                _ => {}
            }
            return;
        }
        if self.skip_image > 0 {
            match event {
                Event::Start(Tag::Image { .. }) => self.skip_image += 1,
                Event::End(TagEnd::Image) => self.skip_image -= 1,
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(Tag::TableCell) | Event::End(TagEnd::TableCell) if self.table => {
                // The pipes between two cells' content become one placeholder,
                // made when the next content starts.
                self.last_cell_end = self.stack[0].content.as_ref().map(|c| c.end);
                return;
            }
            _ => {}
        }
        if self.stack.len() == 1 {
            if let Some(end) = self.last_cell_end.take() {
                if end < range.start && is_content(event) {
                    self.placeholder(CodeKind::Cell, end..range.start);
                }
            }
        }
        if let Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. }) = event {
            if self.stack.len() > MAX_DEPTH {
                // Deeper than any real text: the whole element is one code
                // that keeps its bytes, so that no walk of the tree recurses
                // thousands deep (`***…x***` with 100,000 stars).
                self.skip_deep = 1;
                self.placeholder(CodeKind::Other, range);
                return;
            }
        }
        match event {
            Event::Start(Tag::Emphasis) => self.open(CodeKind::Emphasis, range),
            Event::Start(Tag::Strong) => self.open(CodeKind::Strong, range),
            Event::Start(Tag::Strikethrough) => self.open(CodeKind::Strikethrough, range),
            Event::Start(Tag::Link { .. }) => self.open(CodeKind::Link, range),
            Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link) => {
                self.close()
            }
            Event::Start(Tag::Image { .. }) => {
                self.skip_image = 1;
                self.placeholder(CodeKind::Image, range);
            }
            Event::Text(text) => self.text_with_tags(text, range),
            Event::Code(_) => self.placeholder(CodeKind::Code, range),
            Event::InlineHtml(html) => {
                let kind = if html.get(..3).is_some_and(|t| t.eq_ignore_ascii_case("<br")) {
                    CodeKind::Break
                } else {
                    CodeKind::Html
                };
                self.placeholder(kind, range);
            }
            Event::HardBreak => self.placeholder(CodeKind::Break, range),
            Event::SoftBreak => self.push(Inline::Text(" ".into()), range),
            Event::FootnoteReference(_) | Event::InlineMath(_) | Event::TaskListMarker(_) => {
                self.placeholder(CodeKind::Other, range)
            }
            // Block structure is not content.
            _ => {}
        }
    }

    fn open(&mut self, kind: CodeKind, range: Range<usize>) {
        self.stack.push(Frame {
            kind,
            range,
            children: Vec::new(),
            content: None,
        });
    }

    fn close(&mut self) {
        if self.stack.len() < 2 {
            return;
        }
        let frame = self.stack.pop().expect("an open frame");
        let node = match &frame.content {
            Some(content) if !frame.children.is_empty() => Inline::Paired {
                id: self.ids.fresh(),
                kind: frame.kind,
                open: self.text[frame.range.start..content.start].to_owned(),
                close: self.text[content.end..frame.range.end].to_owned(),
                children: frame.children,
            },
            _ => Inline::Placeholder {
                id: self.ids.fresh(),
                kind: frame.kind,
                data: self.text[frame.range.clone()].to_owned(),
            },
        };
        self.push(node, frame.range);
    }

    /// Text, with carried extension syntax (masked in the view the
    /// document was parsed from) made placeholders.
    fn text_with_tags(&mut self, text: &str, range: Range<usize>) {
        if !text.contains(MASK) {
            return self.text_with_template_tags(text, range);
        }
        let file = &self.text[range.clone()];
        // Masked bytes stand for the same number of bytes in the file.
        let raw = file.len() == text.len()
            && file
                .bytes()
                .zip(text.bytes())
                .all(|(f, t)| f == t || t == MASK as u8);
        if !raw {
            let kept: String = text.chars().filter(|&c| c != MASK).collect();
            return self.text_with_template_tags(&kept, range);
        }
        let mut rest = 0;
        while rest < text.len() {
            let masked = text[rest..].starts_with(MASK);
            let len = text[rest..]
                .find(|c: char| (c == MASK) != masked)
                .unwrap_or(text.len() - rest);
            let piece = range.start + rest..range.start + rest + len;
            if masked {
                self.placeholder(CodeKind::Template, piece);
            } else {
                self.text_with_template_tags(&text[rest..rest + len], piece);
            }
            rest += len;
        }
    }

    /// Text, with template and boilerplate tags made placeholders.
    fn text_with_template_tags(&mut self, text: &str, range: Range<usize>) {
        // Offsets inside `text` match the file only when the event is the
        // raw bytes (no escapes or entities were resolved).
        let raw = &self.text[range.clone()] == text;
        let mut rest = 0;
        while let Some((start, end)) = raw.then(|| find_tag(&text[rest..])).flatten() {
            let (start, end) = (rest + start, rest + end);
            if start > rest {
                self.push(
                    Inline::Text(text[rest..start].to_owned()),
                    range.start + rest..range.start + start,
                );
            }
            self.placeholder(CodeKind::Template, range.start + start..range.start + end);
            rest = end;
        }
        if rest < text.len() {
            self.push(
                Inline::Text(text[rest..].to_owned()),
                range.start + rest..range.end,
            );
        }
    }

    fn finish(mut self) -> Option<(Vec<Inline>, Range<usize>)> {
        while self.stack.len() > 1 {
            self.close();
        }
        let root = self.stack.pop()?;
        Some((root.children, root.content?))
    }
}

fn is_content(event: &Event) -> bool {
    matches!(
        event,
        Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. })
            | Event::Text(_)
            | Event::Code(_)
            | Event::InlineHtml(_)
            | Event::HardBreak
            | Event::FootnoteReference(_)
            | Event::InlineMath(_)
    )
}

/// The first template tag in `text`: `{{ … }}` (boilerplate `{{@ … }}` and
/// Hugo `{{< … >}}` included) or `{% … %}`, as a byte range.
fn find_tag(text: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(at) = text[from..].find('{') {
        let start = from + at;
        let tail = &text[start..];
        let close = if tail.starts_with("{{") {
            Some("}}")
        } else if tail.starts_with("{%") {
            Some("%}")
        } else {
            None
        };
        if let Some(close) = close {
            if let Some(end) = tail[2..].find(close) {
                return Some((start, start + 2 + end + close.len()));
            }
        }
        from = start + 1;
    }
    None
}

/// Markdown for inline content: text escaped so it stays text, codes as
/// their original bytes. Line breaks a translator typed become spaces: a
/// segment is one block.
pub(super) fn to_markdown(nodes: &[Inline]) -> String {
    let mut out = String::new();
    write_markdown(nodes, &mut out);
    escape_block_start(&out)
}

fn write_markdown(nodes: &[Inline], out: &mut String) {
    for node in nodes {
        match node {
            Inline::Text(text) => escape_text(text, out),
            Inline::Placeholder { data, .. } => out.push_str(data),
            Inline::Paired {
                open,
                close,
                children,
                ..
            } => {
                out.push_str(open);
                write_markdown(children, out);
                out.push_str(close);
            }
        }
    }
}

fn escape_text(text: &str, out: &mut String) {
    let mut chars = text.chars().peekable();
    let mut space = false;
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\r' | '\t' => {
                if !space {
                    out.push(' ');
                }
                space = true;
                continue;
            }
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '{' if matches!(chars.peek(), Some('{' | '%')) => out.push_str("\\{"),
            '&' => {
                // `&amp;` only where the text would read as an entity.
                let rest: String = chars.clone().take(33).collect();
                let looks_like_entity = rest.find(';').is_some_and(|at| {
                    at > 0 && rest[..at].chars().all(|c| c.is_ascii_alphanumeric() || c == '#')
                });
                out.push_str(if looks_like_entity { "&amp;" } else { "&" });
            }
            c => out.push(c),
        }
        space = c == ' ';
    }
}

/// Escapes what would turn the start of the content into another block:
/// a heading, a quote, a list item or a thematic break.
fn escape_block_start(text: &str) -> String {
    let trimmed = text.trim_start_matches(' ');
    let lead = &text[..text.len() - trimmed.len()];
    let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
    let after_digits = &trimmed[digits..];
    let needs = trimmed.starts_with(['#', '>', '=', '+', '-'])
        || (digits > 0 && digits < 10 && (after_digits.starts_with(". ") || after_digits.starts_with(") ")));
    if !needs {
        return text.to_owned();
    }
    if digits > 0 {
        format!("{lead}{}\\{}", &trimmed[..digits], &trimmed[digits..])
    } else {
        format!("{lead}\\{trimmed}")
    }
}
