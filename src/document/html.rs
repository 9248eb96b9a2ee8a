//! HTML pages, the second document format. A page (a whole document, or a
//! Jekyll page: front matter then a body fragment, as GCWeb and Canada.ca
//! sites keep them) is read by block elements: headings, paragraphs and
//! other text blocks, list items, table rows (cells joined), figure
//! captions and `alt` text. Scripts, styles, preformatted code and the
//! navigation chrome (`<nav>`, `<header>`, `<footer>`, and any selector the
//! options add) are skipped; when the page has a `<main>`, only its
//! content is read. Liquid tags (`{% … %}`, `{{ … }}`) are carried.
//!
//! The parser is `html5gum`: a WHATWG tokenizer that gives every tag, text
//! run and attribute value its byte span in the file, which is what segments
//! and write-back need. A tree builder (`html5ever`, `scraper`) would fix
//! up the markup and lose the spans. Inline elements become paired codes,
//! other tags and comments placeholders; text is decoded for the
//! translator and escaped again when it is written back.

use std::ops::Range;
use std::sync::Arc;

use html5gum::{DefaultEmitter, Token, Tokenizer};

use crate::document::inline::{CodeKind, Ids, Inline, Inlines};
use crate::document::segment::{Segment, SegmentKind};
use crate::document::source::SourceFile;
use crate::document::{element, Format, Html as HtmlOut, Rewrite};

/// Stands in for each byte of a Liquid tag (see `markdown::MASK`).
const MASK: char = '\u{1}';

/// The HTML format, with its options.
pub struct Html {
    /// Selectors of navigation chrome skipped besides `nav`, `header` and
    /// `footer`: an element name (`aside`), a class (`.pagedetails`) or an
    /// id (`#wb-lng`).
    skip: Vec<String>,
}

impl Html {
    /// The format as the registry holds it: the default chrome only.
    pub const fn new() -> Self {
        Html { skip: Vec::new() }
    }

    /// The format with more chrome to skip, as a collection's settings give it.
    pub fn with_skip(skip: Vec<String>) -> Self {
        Html { skip }
    }
}

impl Default for Html {
    fn default() -> Self {
        Html::new()
    }
}

impl Format for Html {
    fn name(&self) -> &'static str {
        "html"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["html", "htm"]
    }

    fn segment(&self, file: &SourceFile) -> Vec<Segment> {
        let page = Page::parse(file.text());
        page.segments(&self.skip)
    }

    fn inlines(&self, text: &str) -> Arc<dyn Inlines> {
        Arc::new(Page::parse(text))
    }

    fn write_inline(&self, nodes: &[Inline]) -> String {
        let mut out = String::new();
        write_html(nodes, &mut out);
        out
    }

    fn opens_with_title(&self, text: &str) -> bool {
        let page = Page::parse(text);
        page.segments(&self.skip)
            .first()
            .is_some_and(|s| s.kind == SegmentKind::Heading(1))
    }

    fn to_html(&self, text: &str, rewrite: &Rewrite) -> HtmlOut {
        Page::parse(text).to_html(text, &self.skip, rewrite)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    Start { self_closing: bool },
    End,
    Text,
    Comment,
    Other,
}

#[derive(Debug, Clone)]
struct Tok {
    kind: Kind,
    span: Range<usize>,
    /// Lower-case tag name.
    name: String,
    /// Decoded text of a text run.
    text: String,
    class: String,
    id: String,
    href: Option<(String, Range<usize>)>,
    src: Option<(String, Range<usize>)>,
    alt: Option<(String, Range<usize>)>,
}

/// A page's tokens with their byte spans, parsed once.
struct Page {
    toks: Vec<Tok>,
    /// Where the body starts, after any front matter.
    body: usize,
    /// The raw text with Liquid tags masked, for telling them apart.
    masked: String,
}

/// The byte where the body of a page starts: after YAML or JSON front
/// matter between `---` lines.
fn front_matter_end(text: &str) -> usize {
    let Some(rest) = text.strip_prefix("---") else {
        return 0;
    };
    if !rest.starts_with(['\n', '\r']) {
        return 0;
    }
    let mut at = 3;
    for line in rest.split_inclusive('\n') {
        if at > 3 && line.trim_end() == "---" {
            return at + line.len();
        }
        at += line.len();
    }
    0
}

/// Replaces every byte of a Liquid tag with `MASK`, keeping line breaks.
fn mask_liquid(text: &str) -> String {
    let mut bytes = text.as_bytes().to_vec();
    let mut at = 0;
    while let Some(found) = text[at..].find('{') {
        let start = at + found;
        at = start + 1;
        let close = match text.as_bytes().get(start + 1) {
            Some(b'{') => "}}",
            Some(b'%') => "%}",
            _ => continue,
        };
        if let Some(end) = text[start + 2..].find(close) {
            let end = start + 2 + end + close.len();
            for byte in &mut bytes[start..end] {
                if *byte != b'\n' && *byte != b'\r' {
                    *byte = MASK as u8;
                }
            }
            at = end;
        }
    }
    String::from_utf8(bytes).expect("masking keeps UTF-8 valid")
}

/// An attribute's decoded value and the byte range of its raw value
/// (inside the quotes) in the file.
fn attr(
    text: &str,
    tag: &html5gum::StartTag<usize>,
    name: &str,
    base: usize,
) -> Option<(String, Range<usize>)> {
    tag.attributes.get(name.as_bytes()).map(|value| {
        // The span covers `name="value"`: keep what is inside the quotes.
        let whole = base + value.span.start..base + value.span.end;
        let raw = text.get(whole.clone()).unwrap_or("");
        let range = match raw.find('=') {
            Some(eq) => {
                let after = raw[eq + 1..].trim_start();
                let mut start = whole.end - after.len();
                let mut end = whole.end;
                if after.starts_with(['"', '\'']) && after.len() >= 2 {
                    start += 1;
                    end -= 1;
                }
                start..end
            }
            None => whole.end..whole.end,
        };
        (String::from_utf8_lossy(&value.value).into_owned(), range)
    })
}

impl Page {
    fn parse(text: &str) -> Self {
        let body = front_matter_end(text);
        let masked = mask_liquid(text);
        let mut emitter = DefaultEmitter::<usize>::new_with_span();
        emitter.naively_switch_states(true);
        let mut toks = Vec::new();
        for token in Tokenizer::new_with_emitter(&masked[body..], emitter).flatten() {
            let tok = match token {
                Token::StartTag(tag) => Tok {
                    kind: Kind::Start {
                        self_closing: tag.self_closing,
                    },
                    span: body + tag.span.start..body + tag.span.end,
                    name: String::from_utf8_lossy(&tag.name).to_ascii_lowercase(),
                    text: String::new(),
                    class: attr(&masked, &tag, "class", body)
                        .map(|a| a.0)
                        .unwrap_or_default(),
                    id: attr(&masked, &tag, "id", body).map(|a| a.0).unwrap_or_default(),
                    href: attr(&masked, &tag, "href", body),
                    src: attr(&masked, &tag, "src", body),
                    alt: attr(&masked, &tag, "alt", body),
                },
                Token::EndTag(tag) => Tok {
                    kind: Kind::End,
                    span: body + tag.span.start..body + tag.span.end,
                    name: String::from_utf8_lossy(&tag.name).to_ascii_lowercase(),
                    ..Tok::other()
                },
                Token::String(s) => Tok {
                    kind: Kind::Text,
                    span: body + s.span.start..body + s.span.end,
                    text: String::from_utf8_lossy(&s.value).into_owned(),
                    ..Tok::other()
                },
                Token::Comment(c) => Tok {
                    kind: Kind::Comment,
                    span: body + c.span.start..body + c.span.end,
                    ..Tok::other()
                },
                _ => continue,
            };
            // Adjacent text runs are one run.
            if tok.kind == Kind::Text {
                if let Some(last) = toks
                    .last_mut()
                    .filter(|t: &&mut Tok| t.kind == Kind::Text && t.span.end == tok.span.start)
                {
                    last.text.push_str(&tok.text);
                    last.span.end = tok.span.end;
                    continue;
                }
            }
            toks.push(tok);
        }
        Page { toks, body, masked }
    }

    /// Whether a start tag opens chrome or code that is never text.
    fn skipped(tok: &Tok, skip: &[String]) -> bool {
        matches!(
            tok.name.as_str(),
            "script"
                | "style"
                | "pre"
                | "template"
                | "noscript"
                | "textarea"
                | "svg"
                | "nav"
                | "header"
                | "footer"
        ) || skip.iter().any(|s| {
            if let Some(class) = s.strip_prefix('.') {
                tok.class.split_ascii_whitespace().any(|c| c == class)
            } else if let Some(id) = s.strip_prefix('#') {
                tok.id == id
            } else {
                tok.name.eq_ignore_ascii_case(s)
            }
        })
    }

    /// Indices of the tokens that are read: inside `<main>` when the page
    /// has one, outside skipped elements.
    fn readable(&self, skip: &[String]) -> Vec<bool> {
        let has_main = self
            .toks
            .iter()
            .any(|t| t.name == "main" && matches!(t.kind, Kind::Start { .. }));
        let mut out = Vec::with_capacity(self.toks.len());
        let mut in_main = !has_main;
        let mut skipping: Option<(String, usize)> = None;
        for tok in &self.toks {
            match (&tok.kind, &mut skipping) {
                (Kind::Start { self_closing }, Some((name, depth))) => {
                    if *name == tok.name && !self_closing {
                        *depth += 1;
                    }
                    out.push(false);
                }
                (Kind::End, Some((name, depth))) => {
                    if *name == tok.name {
                        *depth -= 1;
                        if *depth == 0 {
                            skipping = None;
                        }
                    }
                    out.push(false);
                }
                (_, Some(_)) => out.push(false),
                (Kind::Start { self_closing }, None)
                    if Page::skipped(tok, skip) && !element::is_void(&tok.name) =>
                {
                    if !self_closing {
                        skipping = Some((tok.name.clone(), 1));
                    }
                    out.push(false);
                }
                (Kind::Start { .. }, None) if tok.name == "main" => {
                    in_main = true;
                    out.push(false);
                }
                (Kind::End, None) if tok.name == "main" => {
                    in_main = !has_main;
                    out.push(false);
                }
                _ => out.push(in_main),
            }
        }
        out
    }

    fn segments(&self, skip: &[String]) -> Vec<Segment> {
        let readable = self.readable(skip);
        let mut list = Builder::default();
        for (tok, read) in self.toks.iter().zip(readable) {
            if !read {
                if matches!(tok.kind, Kind::Start { .. } | Kind::End) && is_block(&tok.name) {
                    list.flush();
                }
                continue;
            }
            list.token(tok, &self.masked);
        }
        list.flush();
        list.segments.sort_by_key(|s| s.span.start);
        list.segments
    }

    fn to_html(&self, text: &str, skip: &[String], rewrite: &Rewrite) -> HtmlOut {
        let segments = self.segments(skip);
        let title_segment = segments.first().filter(|s| s.kind == SegmentKind::Heading(1));
        let title = title_segment.map(|s| s.text.clone()).unwrap_or_default();
        let summary = segments
            .iter()
            .find(|s| s.kind == SegmentKind::Paragraph)
            .map(|s| s.text.clone())
            .unwrap_or_default();
        // The title's element: from its start tag to its end tag.
        let title_range = title_segment.and_then(|s| {
            let start = self.toks.iter().rposition(|t| {
                t.name == "h1" && matches!(t.kind, Kind::Start { .. }) && t.span.start <= s.span.start
            })?;
            let end = self.toks[start..]
                .iter()
                .position(|t| t.name == "h1" && t.kind == Kind::End)?;
            Some(self.toks[start].span.start..self.toks[start + end].span.end)
        });
        let mut body = String::with_capacity(text.len());
        let mut at = self.body;
        let mut edits: Vec<(Range<usize>, String)> = Vec::new();
        for tok in &self.toks {
            if tok.kind == Kind::Text && !tok.text.contains(MASK) {
                if let Some(new) = (rewrite.text)(&tok.text) {
                    edits.push((tok.span.clone(), escape(&new)));
                }
            }
            for (value, span) in [&tok.href, &tok.src].into_iter().flatten() {
                if let Some(new) = (rewrite.url)(value) {
                    edits.push((span.clone(), escape(&new)));
                }
            }
        }
        if let Some(range) = &title_range {
            edits.push((range.clone(), String::new()));
        }
        edits.sort_by_key(|(r, _)| r.start);
        for (range, new) in edits {
            if range.start < at {
                continue;
            }
            body.push_str(&text[at..range.start]);
            body.push_str(&new);
            at = range.end;
        }
        body.push_str(&text[at..]);
        HtmlOut {
            title,
            body,
            summary,
            raw_html: true,
        }
    }
}

impl Tok {
    fn other() -> Self {
        Tok {
            kind: Kind::Other,
            span: 0..0,
            name: String::new(),
            text: String::new(),
            class: String::new(),
            id: String::new(),
            href: None,
            src: None,
            alt: None,
        }
    }
}

struct Open {
    kind: SegmentKind,
    start: usize,
    end: usize,
    text: String,
    links: Vec<String>,
    code: Vec<String>,
}

#[derive(Default)]
struct Builder {
    segments: Vec<Segment>,
    open: Option<Open>,
    /// Open block elements, innermost last.
    stack: Vec<String>,
    /// Inside `<code>`: its text so far.
    code: Option<String>,
}

impl Builder {
    fn kind(&self) -> SegmentKind {
        for name in self.stack.iter().rev() {
            match name.as_str() {
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                    return SegmentKind::Heading(name.as_bytes()[1] - b'0')
                }
                "li" | "dt" | "dd" => return SegmentKind::ListItem,
                "figcaption" => return SegmentKind::Image,
                "blockquote" => return SegmentKind::Quote,
                "td" | "th" => return SegmentKind::TableRow,
                _ => {}
            }
        }
        SegmentKind::Paragraph
    }

    fn open_at(&mut self, start: usize) -> &mut Open {
        let kind = self.kind();
        self.open.get_or_insert_with(|| Open {
            kind,
            start,
            end: start,
            text: String::new(),
            links: Vec::new(),
            code: Vec::new(),
        })
    }

    fn flush(&mut self) {
        if let Some(open) = self.open.take() {
            let text = normalise(&open.text);
            if !text.is_empty() {
                self.segments.push(Segment {
                    kind: open.kind,
                    text,
                    span: open.start..open.end,
                    links: open.links,
                    code: open.code,
                });
            }
        }
    }

    fn token(&mut self, tok: &Tok, masked: &str) {
        match &tok.kind {
            Kind::Start { self_closing } => match tok.name.as_str() {
                "img" | "area" | "input" => {
                    if let Some((alt, _)) = &tok.alt {
                        let text = normalise(alt);
                        if !text.is_empty() {
                            self.segments.push(Segment {
                                kind: SegmentKind::Image,
                                text,
                                span: tok.span.clone(),
                                links: tok.src.iter().map(|s| s.0.clone()).collect(),
                                code: Vec::new(),
                            });
                        }
                    }
                }
                "br" => {
                    if let Some(open) = &mut self.open {
                        open.text.push(' ');
                    }
                }
                "a" => {
                    if let Some((href, _)) = &tok.href {
                        self.open_at(tok.span.start).links.push(href.clone());
                    }
                }
                "code" if !self_closing => {
                    self.code = Some(String::new());
                    self.push_text("`", None);
                }
                "td" | "th" => {
                    match &mut self.open {
                        Some(open)
                            if open.kind == SegmentKind::TableRow
                                && self.stack.last().is_some_and(|n| n == "tr") =>
                        {
                            if !open.text.trim().is_empty() {
                                open.text.push_str(" | ");
                            }
                        }
                        _ => self.flush(),
                    }
                    self.stack.push(tok.name.clone());
                }
                name if is_block(name) => {
                    self.flush();
                    if !element::is_void(name) && !self_closing {
                        self.stack.push(name.to_owned());
                    }
                }
                _ => {}
            },
            Kind::End => match tok.name.as_str() {
                "code" => {
                    if let Some(code) = self.code.take() {
                        self.push_text("`", None);
                        if let Some(open) = &mut self.open {
                            open.code.push(normalise(&code));
                        }
                    }
                }
                "td" | "th" => pop_to(&mut self.stack, &tok.name),
                "a" => {
                    if let Some(open) = &mut self.open {
                        open.end = open.end.max(tok.span.end);
                    }
                }
                name if is_block(name) => {
                    if name == "tr" || !matches!(self.stack.last().map(String::as_str), Some("td" | "th")) {
                        self.flush();
                    }
                    pop_to(&mut self.stack, name);
                }
                _ => {}
            },
            Kind::Text => {
                let raw = &masked[tok.span.clone()];
                let text: String = tok.text.chars().filter(|&c| c != MASK).collect();
                if let Some(code) = &mut self.code {
                    code.push_str(&text);
                }
                let lead = raw.len() - raw.trim_start().len();
                let trail = raw.len() - raw.trim_end().len();
                if text.trim().is_empty() && raw.trim_matches(MASK).trim().is_empty() {
                    if let Some(open) = &mut self.open {
                        open.text.push(' ');
                    }
                    return;
                }
                self.push_text(&text, Some(tok.span.start + lead..tok.span.end - trail));
            }
            Kind::Comment | Kind::Other => {}
        }
    }

    fn push_text(&mut self, text: &str, span: Option<Range<usize>>) {
        match span {
            Some(span) => {
                let open = self.open_at(span.start);
                open.text.push_str(text);
                open.end = open.end.max(span.end);
            }
            None => {
                if let Some(open) = &mut self.open {
                    open.text.push_str(text);
                }
            }
        }
    }
}

fn pop_to(stack: &mut Vec<String>, name: &str) {
    if let Some(at) = stack.iter().rposition(|n| n == name) {
        stack.truncate(at);
    }
}

/// Folds whitespace, drops masked Liquid bytes and empty code marks; a
/// run of nothing but no-break spaces is a spacer, not text.
fn normalise(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut pending_space = false;
    for c in raw.replace("``", "").chars() {
        match c {
            MASK => {}
            c if c.is_ascii_whitespace() || c == '\u{200b}' => pending_space = true,
            c => {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(c);
            }
        }
    }
    if out.chars().all(|c| c.is_whitespace() || c == '`') {
        out.clear();
    }
    out
}

/// A block element of a page: the blocks Markdown's raw HTML has, and the
/// form, document and head elements a whole page adds.
fn is_block(name: &str) -> bool {
    element::is_block(name)
        || matches!(
            name,
            "legend"
                | "label"
                | "option"
                | "select"
                | "button"
                | "pre"
                | "script"
                | "style"
                | "template"
                | "noscript"
                | "body"
                | "html"
                | "head"
                | "title"
        )
}

/// Elements inside text: paired codes around translatable content.
fn is_inline(name: &str) -> bool {
    matches!(
        name,
        "a" | "abbr"
            | "b"
            | "bdi"
            | "bdo"
            | "cite"
            | "code"
            | "data"
            | "del"
            | "dfn"
            | "em"
            | "i"
            | "ins"
            | "kbd"
            | "mark"
            | "q"
            | "s"
            | "samp"
            | "small"
            | "span"
            | "strong"
            | "sub"
            | "sup"
            | "time"
            | "u"
            | "var"
            | "font"
    )
}

fn code_kind(name: &str) -> CodeKind {
    match name {
        "a" => CodeKind::Link,
        "em" | "i" | "cite" | "dfn" => CodeKind::Emphasis,
        "strong" | "b" => CodeKind::Strong,
        "s" | "del" => CodeKind::Strikethrough,
        "code" | "kbd" | "samp" | "var" => CodeKind::Code,
        "br" => CodeKind::Break,
        "img" => CodeKind::Image,
        "td" | "th" => CodeKind::Cell,
        _ => CodeKind::Html,
    }
}

impl Inlines for Page {
    fn content(&self, text: &str, segment: &Segment, ids: &mut Ids) -> Option<(Vec<Inline>, Range<usize>)> {
        let first = self.toks.partition_point(|t| t.span.start < segment.span.start);
        if segment.kind == SegmentKind::Image {
            if let Some(tok) = self.toks.get(first).filter(|t| t.span == segment.span) {
                let (alt, range) = tok.alt.clone()?;
                return Some((vec![Inline::Text(alt)], range));
            }
        }
        let toks: Vec<&Tok> = self.toks[first..]
            .iter()
            .take_while(|t| t.span.end <= segment.span.end)
            .collect();
        let mut builder = InlineBuilder {
            text,
            masked: &self.masked,
            ids,
            stack: vec![(None, Vec::new())],
        };
        for tok in toks {
            builder.token(tok);
        }
        let nodes = builder.finish();
        (!nodes.is_empty()).then(|| (nodes, segment.span.clone()))
    }

    fn in_html_block(&self, _segment: &Segment) -> bool {
        false
    }

    fn literal_ranges(&self) -> Vec<Range<usize>> {
        let mut ranges = Vec::new();
        ranges.push(0..self.body);
        let mut open: Option<(String, usize)> = None;
        for tok in &self.toks {
            match (&tok.kind, &open) {
                (Kind::Start { self_closing: false }, None)
                    if matches!(
                        tok.name.as_str(),
                        "script" | "style" | "pre" | "code" | "template"
                    ) =>
                {
                    open = Some((tok.name.clone(), tok.span.start))
                }
                (Kind::End, Some((name, start))) if *name == tok.name => {
                    ranges.push(*start..tok.span.end);
                    open = None;
                }
                _ => {}
            }
        }
        ranges
    }
}

struct InlineBuilder<'a> {
    text: &'a str,
    masked: &'a str,
    ids: &'a mut Ids,
    /// Open inline elements: the start tag's token and the content so far.
    stack: Vec<(Option<Tok>, Vec<Inline>)>,
}

impl InlineBuilder<'_> {
    fn push(&mut self, node: Inline) {
        let children = &mut self.stack.last_mut().expect("the root").1;
        match (children.last_mut(), node) {
            (Some(Inline::Text(last)), Inline::Text(text)) => last.push_str(&text),
            (_, node) => children.push(node),
        }
    }

    fn placeholder(&mut self, kind: CodeKind, span: Range<usize>) {
        let id = self.ids.fresh();
        let data = self.text[span].to_owned();
        self.push(Inline::Placeholder { id, kind, data });
    }

    fn token(&mut self, tok: &Tok) {
        match &tok.kind {
            Kind::Start { self_closing: false } if is_inline(&tok.name) => {
                self.stack.push((Some(tok.clone()), Vec::new()));
            }
            Kind::End
                if is_inline(&tok.name)
                    && self
                        .stack
                        .iter()
                        .any(|(t, _)| t.as_ref().is_some_and(|t| t.name == tok.name)) =>
            {
                while let Some((Some(open), _)) = self.stack.last() {
                    let name = open.name.clone();
                    if name == tok.name {
                        let (open, children) = self.stack.pop().expect("an open element");
                        let open = open.expect("an element");
                        let node = if children.is_empty() {
                            Inline::Placeholder {
                                id: self.ids.fresh(),
                                kind: code_kind(&name),
                                data: self.text[open.span.start..tok.span.end].to_owned(),
                            }
                        } else {
                            Inline::Paired {
                                id: self.ids.fresh(),
                                kind: code_kind(&name),
                                open: self.text[open.span.clone()].to_owned(),
                                close: self.text[tok.span.clone()].to_owned(),
                                children,
                            }
                        };
                        self.push(node);
                        return;
                    }
                    self.unwrap_top();
                }
            }
            Kind::Text => self.text_run(tok),
            _ => self.placeholder(code_kind(&tok.name), tok.span.clone()),
        }
    }

    /// An element left open: its start tag becomes a placeholder before
    /// its content.
    fn unwrap_top(&mut self) {
        if self.stack.len() < 2 {
            return;
        }
        let (open, children) = self.stack.pop().expect("an open element");
        if let Some(open) = open {
            self.placeholder(code_kind(&open.name), open.span);
        }
        for child in children {
            self.push(child);
        }
    }

    /// Text, with Liquid tags made placeholders; the text between them is
    /// decoded on its own.
    fn text_run(&mut self, tok: &Tok) {
        let raw = &self.masked[tok.span.clone()];
        if !raw.contains(MASK) {
            self.push(Inline::Text(tok.text.clone()));
            return;
        }
        let mut rest = 0;
        while rest < raw.len() {
            let masked = raw[rest..].starts_with(MASK);
            let len = raw[rest..]
                .find(|c: char| (c == MASK) != masked)
                .unwrap_or(raw.len() - rest);
            let span = tok.span.start + rest..tok.span.start + rest + len;
            if masked {
                self.placeholder(CodeKind::Template, span);
            } else {
                self.push(Inline::Text(decode(&self.text[span])));
            }
            rest += len;
        }
    }

    fn finish(mut self) -> Vec<Inline> {
        while self.stack.len() > 1 {
            self.unwrap_top();
        }
        self.stack.pop().map(|(_, n)| n).unwrap_or_default()
    }
}

/// The name and value of every attribute of every opening tag in `html`,
/// as the WHATWG tokenizer reads them (names lowercased, character
/// references resolved), without the parser's changes of state: what
/// `<script>` or `<textarea>` holds is read as markup too, so nothing a
/// parser could take for an attribute is missed (publishing looks for the
/// files a page may reference with it).
pub fn opening_tag_attributes(html: &str) -> Vec<(String, String)> {
    let mut attributes = Vec::new();
    for token in Tokenizer::new(html).flatten() {
        if let Token::StartTag(tag) = token {
            for (name, value) in tag.attributes {
                attributes.push((
                    String::from_utf8_lossy(&name).into_owned(),
                    String::from_utf8_lossy(&value).into_owned(),
                ));
            }
        }
    }
    attributes
}

/// The text of a run of HTML text, character references resolved.
fn decode(raw: &str) -> String {
    let mut out = String::new();
    for token in Tokenizer::new(raw).flatten() {
        if let Token::String(s) = token {
            out.push_str(&String::from_utf8_lossy(&s));
        }
    }
    out
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

fn write_html(nodes: &[Inline], out: &mut String) {
    for node in nodes {
        match node {
            Inline::Text(text) => out.push_str(&escape(text)),
            Inline::Placeholder { data, .. } => out.push_str(data),
            Inline::Paired {
                open,
                close,
                children,
                ..
            } => {
                out.push_str(open);
                write_html(children, out);
                out.push_str(close);
            }
        }
    }
}

#[cfg(test)]
mod tests;
