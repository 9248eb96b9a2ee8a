//! Inline Markdown ↔ XLIFF inline codes. A segment's content is read from
//! pulldown-cmark's events over the whole document (so quote prefixes and
//! table pipes are seen for what they are) into text and protected codes:
//! emphasis, strong, strike-through and links become paired codes whose
//! delimiters (`*`, `**`, `[`, `](url)`) a translator cannot touch; inline
//! code, inline HTML, images inside text, hard breaks, table cell separators
//! and template or boilerplate tags (`{{@ id }}`, `{{ … }}`, `{% … %}`)
//! become placeholders. Going back, text is escaped for Markdown and codes
//! give back their original bytes.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::document::segment::{Segment, SegmentKind};

/// One piece of a segment's inline content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    /// A standalone code: its original Markdown bytes.
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

impl CodeKind {
    /// XLIFF 2.0 `type` and `subType` of the code.
    pub fn xliff2_type(self) -> (&'static str, Option<&'static str>) {
        match self {
            CodeKind::Emphasis => ("fmt", Some("xlf:i")),
            CodeKind::Strong => ("fmt", Some("xlf:b")),
            CodeKind::Strikethrough => ("fmt", None),
            CodeKind::Link => ("link", None),
            CodeKind::Image => ("image", None),
            CodeKind::Break => ("fmt", Some("xlf:lb")),
            CodeKind::Code | CodeKind::Html | CodeKind::Cell | CodeKind::Template | CodeKind::Block => {
                ("other", None)
            }
            CodeKind::Other => ("other", None),
        }
    }

    /// XLIFF 1.2 `ctype` of the code.
    pub fn xliff1_ctype(self) -> &'static str {
        match self {
            CodeKind::Emphasis => "italic",
            CodeKind::Strong => "bold",
            CodeKind::Link => "link",
            CodeKind::Image => "image",
            CodeKind::Break => "lb",
            CodeKind::Strikethrough => "x-strikethrough",
            CodeKind::Code => "x-code",
            CodeKind::Html => "x-html",
            CodeKind::Cell => "x-cell",
            CodeKind::Template => "x-template",
            CodeKind::Block => "x-block",
            CodeKind::Other => "x-other",
        }
    }
}

/// A document parsed once, to read the inline content of its segments.
pub struct Document<'a> {
    text: &'a str,
    events: Vec<(Event<'a>, Range<usize>)>,
}

impl<'a> Document<'a> {
    /// Parses with the options the segmenter uses.
    pub fn new(text: &'a str) -> Self {
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
            | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_STRIKETHROUGH;
        Document {
            text,
            events: Parser::new_ext(text, options).into_offset_iter().collect(),
        }
    }

    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Whether a segment comes from a raw HTML block, whose text is not
    /// Markdown and is left to be edited by hand.
    pub fn in_html_block(&self, segment: &Segment) -> bool {
        self.events.iter().any(|(event, range)| {
            matches!(event, Event::Start(Tag::HtmlBlock))
                && range.start <= segment.span.start
                && segment.span.start < range.end.max(range.start + 1)
        })
    }

    /// The inline content of a segment and the byte range it covers (the
    /// part of the block a translation replaces), or `None` when the
    /// segment has no Markdown inline content.
    pub fn content(&self, segment: &Segment, ids: &mut Ids) -> Option<(Vec<Inline>, Range<usize>)> {
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
        let mut builder = Builder::new(self.text, ids, segment.kind == SegmentKind::TableRow);
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

struct Frame {
    kind: CodeKind,
    range: Range<usize>,
    children: Vec<Inline>,
    content: Option<Range<usize>>,
}

struct Builder<'t, 'i> {
    text: &'t str,
    ids: &'i mut Ids,
    table: bool,
    stack: Vec<Frame>,
    /// Inside an image within text: the whole image is one placeholder.
    skip_image: usize,
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

    /// Text, with template and boilerplate tags made placeholders.
    fn text_with_tags(&mut self, text: &str, range: Range<usize>) {
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
pub fn to_markdown(nodes: &[Inline]) -> String {
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

/// The plain text of inline content: text and the original bytes of
/// placeholders, the content of paired codes without their delimiters.
pub fn plain(nodes: &[Inline]) -> String {
    let mut out = String::new();
    for node in nodes {
        match node {
            Inline::Text(text) => out.push_str(text),
            Inline::Placeholder { data, .. } => out.push_str(data),
            Inline::Paired { children, .. } => out.push_str(&plain(children)),
        }
    }
    out
}

/// Gives target codes the id of the source code with the same bytes, so a
/// CAT tool sees them as the same tags; codes found only in the target get
/// fresh ids after the source's.
pub fn match_ids(source: &[Inline], target: &mut [Inline], ids: &mut Ids) {
    let mut pool: Vec<(String, String)> = Vec::new();
    collect_codes(source, &mut pool);
    assign(target, &mut pool, ids);
}

fn code_key(node: &Inline) -> Option<(String, String)> {
    match node {
        Inline::Text(_) => None,
        Inline::Placeholder { id, data, .. } => Some((id.clone(), data.clone())),
        Inline::Paired { id, open, close, .. } => Some((id.clone(), format!("{open}\u{0}{close}"))),
    }
}

fn collect_codes(nodes: &[Inline], pool: &mut Vec<(String, String)>) {
    for node in nodes {
        if let Some(key) = code_key(node) {
            pool.push(key);
        }
        if let Inline::Paired { children, .. } = node {
            collect_codes(children, pool);
        }
    }
}

fn assign(nodes: &mut [Inline], pool: &mut Vec<(String, String)>, ids: &mut Ids) {
    for node in nodes {
        if let Some((_, key)) = code_key(node) {
            let id = match pool.iter().position(|(_, k)| *k == key) {
                Some(at) => pool.remove(at).0,
                None => ids.fresh(),
            };
            match node {
                Inline::Placeholder { id: slot, .. } | Inline::Paired { id: slot, .. } => *slot = id,
                Inline::Text(_) => {}
            }
        }
        if let Inline::Paired { children, .. } = node {
            assign(children, pool, ids);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::source::SourceFile;
    use std::path::Path;

    fn content(markdown: &str, index: usize) -> (Vec<Inline>, String) {
        let file = SourceFile::new(Path::new("en.md"), markdown.into());
        let segments = crate::document::segment::segment(&file);
        let doc = Document::new(file.text());
        let (nodes, range) = doc.content(&segments[index], &mut Ids::default()).unwrap();
        (nodes, markdown[range].to_owned())
    }

    #[test]
    fn links_emphasis_and_code_become_codes() {
        let md = "See [gov.uk](https://www.gov.uk/mod) for *more* on `PJHQ` **now**.\n";
        let (nodes, raw) = content(md, 0);
        assert_eq!(raw, md.trim_end());
        assert_eq!(plain(&nodes), "See gov.uk for more on `PJHQ` now.");
        match &nodes[1] {
            Inline::Paired {
                kind, open, close, ..
            } => {
                assert_eq!(*kind, CodeKind::Link);
                assert_eq!(open, "[");
                assert_eq!(close, "](https://www.gov.uk/mod)");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(to_markdown(&nodes), md.trim_end());
    }

    #[test]
    fn headings_lists_and_quotes_give_their_content_range_only() {
        let md = "## Notes to editors\n\n- First *item*\n- Second\n\n> Quoted line one\n> and two.\n";
        assert_eq!(content(md, 0).1, "Notes to editors");
        assert_eq!(content(md, 1).1, "First *item*");
        let (nodes, raw) = content(md, 3);
        assert_eq!(raw, "Quoted line one\n> and two.");
        assert_eq!(to_markdown(&nodes), "Quoted line one and two.");
    }

    #[test]
    fn table_cells_and_tags_are_placeholders() {
        let md = "| Nation | Units |\n|---|---:|\n| England | 45 |\n\nCall {{@ media-enquiries(phone: \"020\") }} today.\n";
        let (nodes, raw) = content(md, 1);
        assert_eq!(raw, "England | 45");
        assert!(
            matches!(&nodes[1], Inline::Placeholder { kind: CodeKind::Cell, data, .. } if data == " | "),
            "{nodes:?}"
        );
        let (nodes, _) = content(md, 2);
        assert!(matches!(
            &nodes[1],
            Inline::Placeholder {
                kind: CodeKind::Template,
                ..
            }
        ));
        assert_eq!(
            to_markdown(&nodes),
            "Call {{@ media-enquiries(phone: \"020\") }} today."
        );
    }

    #[test]
    fn text_is_escaped_so_it_stays_text() {
        let nodes = vec![Inline::Text("2. *Not* [a link] & AT&T &amp; x|y\nz".into())];
        let md = to_markdown(&nodes);
        assert_eq!(md, r"2\. \*Not\* \[a link\] & AT&T &amp;amp; x\|y z");
        let file = SourceFile::new(Path::new("fr.md"), md);
        assert_eq!(
            crate::document::segment::segment(&file)[0].text,
            "2. *Not* [a link] & AT&T &amp; x|y z"
        );
    }

    #[test]
    fn target_codes_take_the_ids_of_matching_source_codes() {
        let (source, _) = content("A [b](u) and `c`.\n", 0);
        let (mut target, _) = content("`c` et [b](u).\n", 0);
        let mut ids = Ids { next: 10 };
        match_ids(&source, &mut target, &mut ids);
        let id = |n: &Inline| code_key(n).unwrap().0;
        assert_eq!(id(&target[0]), id(&source[3]));
        assert_eq!(id(&target[2]), id(&source[1]));
    }
}
