//! Extension syntax that is not CommonMark, carried through untouched:
//! kramdown attribute lists and extensions (`{:.class}`, `{::nomarkdown}` …
//! `{:/nomarkdown}`, `{::options … /}`, `{::comment}` … `{:/comment}`),
//! Python-Markdown and pymdown admonitions and tabs (`!!! note "Title"`,
//! `??? tip`, `=== "Tab"`), Docusaurus and VuePress container fences
//! (`:::note` … `:::`), and opening tags of HTML custom elements or MDX
//! components that run over several lines (`<gcds-notice notice-title="…"`).
//!
//! `prepare` gives the parser a *view* of the document with the same byte
//! offsets: lines that are only extension syntax become blank (spaces, line
//! endings kept), so they end the paragraph before them and are never text;
//! an inline attribute list becomes `MASK` bytes, which the segmenter drops
//! and the inline reader turns into a placeholder. The indented body of an
//! admonition or a tab is blanked too and handed back dedented, as a
//! document of its own whose offsets map back into the file: its text is
//! text to pair, its code blocks stay code.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use super::MASK;

/// A document as the parser should see it, and the admonition bodies cut
/// out of it.
pub(super) struct Prepared<'t> {
    /// The document with extension syntax blanked or masked, byte for byte
    /// as long as the file (the file itself when it has none).
    pub view: Cow<'t, str>,
    pub bodies: Vec<Body>,
}

/// The indented body of an admonition or a tab, dedented.
pub(super) struct Body {
    pub text: String,
    /// For each line: where it starts in `text`, and in the file.
    lines: Vec<(usize, usize)>,
}

impl Body {
    /// The file offset of a byte offset in the dedented body.
    pub fn map(&self, at: usize) -> usize {
        let i = self.lines.partition_point(|&(d, _)| d <= at).saturating_sub(1);
        match self.lines.get(i) {
            Some(&(d, o)) => o + (at - d),
            None => at,
        }
    }

    /// A range in the dedented body as a range of the file.
    pub fn map_range(&self, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
        let start = self.map(range.start);
        if range.end <= range.start {
            return start..start;
        }
        start..self.map(range.end - 1) + 1
    }
}

/// `!!! note "Title"`, `??? tip`, `???+ warning inline end`.
static ADMONITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^(?:!!!|\?\?\?\+?)[ \t]+[A-Za-z][\w-]*(?:[ \t]+[\w-]+)*(?:[ \t]+"[^"\n]*")?[ \t]*$"#)
        .expect("valid regex")
});

/// `=== "Tab"`, `===! "Tab"`, `===+ "Tab"`.
static TAB: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"^===[!+]?[ \t]+"[^"\n]*"[ \t]*$"#).expect("valid regex"));

/// A kramdown tag: an attribute list `{:.c #id k="v"}`, an extension
/// `{::name …}` or `{::name … /}`, or its end `{:/name}` / `{:/}`.
static KRAMDOWN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\{:[^}\n]*\}").expect("valid regex"));

/// The start of an element whose opening tag may run over lines: a custom
/// element (`gcds-notice`) or an MDX component (`Tabs`, `Admonition`).
static COMPONENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^<(?:[a-z][a-z0-9]*-[a-z0-9-]*|[A-Z][A-Za-z0-9.]*)(?:[\s/>]|$)").expect("valid regex")
});

struct Line<'t> {
    start: usize,
    /// The line without its ending.
    content: &'t str,
}

impl Line<'_> {
    fn trimmed(&self) -> &str {
        self.content.trim_start_matches([' ', '\t'])
    }

    fn indent(&self) -> usize {
        self.content.len() - self.trimmed().len()
    }

    fn is_blank(&self) -> bool {
        self.content.trim().is_empty()
    }
}

fn lines(text: &str) -> Vec<Line<'_>> {
    // Line ends found with memchr's vector search: a document is read
    // line by line here before the parser reads it again.
    let mut start = 0;
    let mut lines: Vec<Line> = memchr::memchr_iter(b'\n', text.as_bytes())
        .map(|end| {
            let line = Line {
                start,
                content: text[start..end].trim_end_matches(['\n', '\r']),
            };
            start = end + 1;
            line
        })
        .collect();
    if start < text.len() {
        lines.push(Line {
            start,
            content: text[start..].trim_end_matches(['\n', '\r']),
        });
    }
    lines
}

/// The view's bytes as `prepare` changes them: the file's own until the
/// first change, copied then, so that a document with no extension syntax
/// (most of them) is neither copied nor compared with its copy.
struct ViewBytes<'t> {
    text: &'t str,
    copy: Option<Vec<u8>>,
}

impl<'t> ViewBytes<'t> {
    fn new(text: &'t str) -> Self {
        ViewBytes { text, copy: None }
    }

    /// Turns every byte of a range but line endings into `with`.
    fn fill(&mut self, range: std::ops::Range<usize>, with: u8) {
        let text = self.text;
        let view = self.copy.get_or_insert_with(|| text.as_bytes().to_vec());
        for byte in &mut view[range] {
            if *byte != b'\n' && *byte != b'\r' {
                *byte = with;
            }
        }
    }

    /// The view as text: the file itself when nothing was changed, or
    /// when what was blanked was blank already, which spares checking the
    /// copy's UTF-8 again.
    fn into_view(self) -> Cow<'t, str> {
        match self.copy {
            Some(view) if view != self.text.as_bytes() => {
                Cow::Owned(String::from_utf8(view).expect("only ASCII bytes were replaced"))
            }
            _ => Cow::Borrowed(self.text),
        }
    }
}

/// The bytes to strip from a line to remove `columns` columns of indent
/// (a tab counts to the next multiple of four), or `None` when the line is
/// indented less.
fn strip_indent(line: &str, columns: usize) -> Option<usize> {
    let mut width = 0;
    for (i, c) in line.char_indices() {
        if width >= columns {
            return Some(i);
        }
        match c {
            ' ' => width += 1,
            '\t' => width = (width / 4 + 1) * 4,
            _ => return None,
        }
    }
    (width >= columns).then_some(line.len())
}

/// The view of a document and its admonition bodies (see the module).
pub(super) fn prepare(text: &str) -> Prepared<'_> {
    // Most documents have no extension syntax: found so by a vector search
    // for what each form of it starts with, they are their own view, not
    // split into lines and read line by line.
    if !may_have_extension(text) {
        return Prepared {
            view: Cow::Borrowed(text),
            bodies: Vec::new(),
        };
    }
    let mut view = ViewBytes::new(text);
    let mut bodies = Vec::new();
    let all = lines(text);
    let mut fence: Option<(u8, usize)> = None;
    let mut comment = false;
    let mut i = 0;
    while i < all.len() {
        let line = &all[i];
        let trimmed = line.trimmed();
        let end = line.start + line.content.len();
        i += 1;
        if let Some((mark, len)) = fence {
            let run = trimmed.bytes().take_while(|&b| b == mark).count();
            if run >= len && trimmed[run..].trim().is_empty() {
                fence = None;
            }
            continue;
        }
        if comment {
            if trimmed.starts_with("{:/comment}") || trimmed.starts_with("{:/}") {
                comment = false;
            }
            view.fill(line.start..end, b' ');
            continue;
        }
        if line.indent() >= 4 {
            continue;
        }
        let mark = trimmed.bytes().next().unwrap_or(b' ');
        let run = trimmed.bytes().take_while(|&b| b == mark).count();
        if (mark == b'`' || mark == b'~') && run >= 3 {
            fence = Some((mark, run));
            continue;
        }
        // Each pattern is anchored at the start: its first byte rules most
        // lines out without running it.
        if (matches!(mark, b'!' | b'?') && ADMONITION.is_match(trimmed))
            || (mark == b'=' && TAB.is_match(trimmed))
        {
            view.fill(line.start..end, b' ');
            let columns = line.indent() + 4;
            let mut body: Vec<(&Line, usize)> = Vec::new();
            while let Some(next) = all.get(i) {
                let strip = if next.is_blank() {
                    next.content.len()
                } else {
                    match strip_indent(next.content, columns) {
                        Some(strip) => strip,
                        None => break,
                    }
                };
                body.push((next, strip));
                i += 1;
            }
            while body.last().is_some_and(|(l, _)| l.is_blank()) {
                body.pop();
                i -= 1;
            }
            if !body.is_empty() {
                bodies.push(cut_body(text, &mut view, &body));
            }
            continue;
        }
        if trimmed.starts_with(":::") {
            view.fill(line.start..end, b' ');
            continue;
        }
        if trimmed.starts_with("{:")
            && KRAMDOWN.find(trimmed).is_some_and(|m| m.start() == 0)
            && KRAMDOWN.replace_all(trimmed, "").trim().is_empty()
        {
            if trimmed.starts_with("{::comment}") && !trimmed.contains("{:/") {
                comment = true;
            }
            view.fill(line.start..end, b' ');
            continue;
        }
        if mark == b'<' && COMPONENT.is_match(trimmed) {
            let from = line.start + line.indent();
            if let Some(close) = tag_end(text, from) {
                if text[from..close].contains('\n') {
                    view.fill(from..close, b' ');
                    while all.get(i).is_some_and(|l| l.start < close) {
                        i += 1;
                    }
                }
            }
        }
    }
    // Inline kramdown tags left on lines of text: masked, not blanked, so
    // the text around them stays one paragraph. Blanking makes no `{:`, so
    // a text without one has none.
    if !text.contains("{:") {
        return Prepared {
            view: view.into_view(),
            bodies,
        };
    }
    let masked_text = match &view.copy {
        Some(copy) => Cow::Owned(String::from_utf8(copy.clone()).expect("only ASCII bytes were replaced")),
        None => Cow::Borrowed(text),
    };
    let mut fence_ranges = Vec::new();
    let mut in_fence: Option<(u8, usize, usize)> = None;
    for line in lines(&masked_text) {
        let trimmed = line.trimmed();
        let mark = trimmed.bytes().next().unwrap_or(b' ');
        let run = trimmed.bytes().take_while(|&b| b == mark).count();
        match in_fence {
            Some((m, len, start)) if mark == m && run >= len && trimmed[run..].trim().is_empty() => {
                fence_ranges.push(start..line.start + line.content.len());
                in_fence = None;
            }
            None if line.indent() < 4 && (mark == b'`' || mark == b'~') && run >= 3 => {
                in_fence = Some((mark, run, line.start));
            }
            _ => {}
        }
    }
    if let Some((_, _, start)) = in_fence {
        fence_ranges.push(start..masked_text.len());
    }
    for m in KRAMDOWN.find_iter(&masked_text) {
        if !fence_ranges.iter().any(|r| r.contains(&m.start())) {
            view.fill(m.range(), MASK as u8);
        }
    }
    Prepared {
        view: view.into_view(),
        bodies,
    }
}

/// Whether `text` may hold extension syntax: a kramdown tag (`{:`,
/// anywhere), or a line that opens with what every other form opens with
/// (`!!!`, `???`, `===`, `:::`, or a `<` before a capital or before a
/// lowercase name and a hyphen, as the tag of a component or a custom
/// element opens: `COMPONENT`). A text with none is its own view. Lines
/// are found by memchr's vector search; most of them open with a letter.
fn may_have_extension(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut line_starts = std::iter::once(0).chain(memchr::memchr_iter(b'\n', bytes).map(|end| end + 1));
    memchr::memmem::find(bytes, b"{:").is_some()
        || line_starts.any(|start| {
            let line = &bytes[start..];
            let indent = line.iter().take_while(|&&b| b == b' ' || b == b'\t').count();
            opens_extension(&line[indent..])
        })
}

/// Whether a line, its indent off, opens as extension syntax other than
/// a kramdown tag may.
fn opens_extension(line: &[u8]) -> bool {
    match line.first() {
        Some(b'!') => line.starts_with(b"!!!"),
        Some(b'?') => line.starts_with(b"???"),
        Some(b'=') => line.starts_with(b"==="),
        Some(b':') => line.starts_with(b":::"),
        Some(b'<') => match line.get(1) {
            Some(b'A'..=b'Z') => true,
            Some(b'a'..=b'z') => {
                let name = &line[1..];
                let run = name
                    .iter()
                    .take_while(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
                    .count();
                name.get(run) == Some(&b'-')
            }
            _ => false,
        },
        _ => false,
    }
}

/// Blanks an admonition body in the view and returns it dedented.
fn cut_body(text: &str, view: &mut ViewBytes, body: &[(&Line, usize)]) -> Body {
    let mut out = String::new();
    let mut map = Vec::with_capacity(body.len());
    for (line, strip) in body {
        let full_end = text[line.start..]
            .find('\n')
            .map_or(text.len(), |at| line.start + at + 1);
        map.push((out.len(), line.start + strip));
        out.push_str(&text[line.start + strip..full_end]);
        view.fill(line.start..full_end, b' ');
    }
    Body {
        text: out,
        lines: map,
    }
}

/// The end (past `>`) of the opening tag that starts at `from`, quotes and
/// JSX `{…}` expressions skipped.
pub(super) fn tag_end(text: &str, from: usize) -> Option<usize> {
    let mut quote: Option<u8> = None;
    let mut braces = 0usize;
    for (i, &b) in text.as_bytes()[from..].iter().enumerate() {
        match (quote, b) {
            (Some(q), b) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') if braces == 0 => quote = Some(b),
            (None, b'{') => braces += 1,
            (None, b'}') => braces = braces.saturating_sub(1),
            (None, b'>') if braces == 0 => return Some(from + i + 1),
            (None, b'<') if i > 0 && braces == 0 => return None,
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn view_keeps_offsets_and_blanks_extension_lines() {
        let text = "!!! note \"Titre\"\n    Corps.\n\nTexte {:.lead}\n{: #x}\n:::tip\n";
        let prepared = prepare(text);
        assert_eq!(prepared.view.len(), text.len());
        assert!(prepared.view.starts_with("                \n"));
        assert!(prepared.view.contains("Texte \u{1}"));
        assert_eq!(prepared.bodies.len(), 1);
        let body = &prepared.bodies[0];
        assert_eq!(body.text, "Corps.\n");
        assert_eq!(&text[body.map(0)..body.map(6)], "Corps.");
    }

    #[test]
    fn admonition_syntax_inside_a_code_fence_is_code() {
        let text = "```\n!!! note\n    Not a body.\n```\n";
        let prepared = prepare(text);
        assert_eq!(prepared.view, text);
        assert!(prepared.bodies.is_empty());
    }

    /// A text the vector search passes over is prepared as the full
    /// reading prepares it: on the corpus, with each form of extension
    /// syntax dropped in among its lines.
    #[test]
    fn texts_without_marks_are_their_own_view() {
        use proptest::prelude::*;
        use proptest::test_runner::{Config, TestRunner};
        let full = |text: &str| {
            // `prepare` as it reads a text that may hold extension syntax:
            // after a line with a mark, which changes nothing.
            let marked = format!("{{:\n{text}");
            let prepared = prepare(&marked);
            let view = prepared.view[3..].to_owned();
            (view, prepared.bodies.len())
        };
        for page in &super::super::tests::corpus_texts() {
            if !may_have_extension(page) {
                assert_eq!(full(page), (page.clone(), 0));
            }
        }
        let pieces = prop::sample::select(vec![
            "Text.",
            "\n",
            "\n\n",
            "    ",
            "!!! note",
            "!! note",
            "??? tip",
            "???+ x",
            "=== \"Tab\"",
            "== x",
            "::: tip",
            ":: x",
            "{:.c}",
            "{::comment}",
            "{:/comment}",
            "{ :x}",
            "<gcds-notice\n a=\"b\">",
            "<Tabs",
            "<div>",
            "<p class=\"x\">",
            "<a-b",
            "<x1-y",
            "< A",
            "```",
            "~~~",
            "é",
            "«\u{202f}",
            "  ",
            "\t",
            "\r\n",
            "x !!! y",
            "a ::: b",
            "q === r",
        ]);
        TestRunner::new(Config::with_cases(2000))
            .run(&prop::collection::vec(pieces, 0..12), |pieces| {
                let text: String = pieces.concat();
                if !may_have_extension(&text) {
                    let prepared = prepare(&text);
                    prop_assert_eq!((prepared.view.into_owned(), prepared.bodies.len()), full(&text));
                }
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn multi_line_component_tag_is_blanked() {
        let text = "<gcds-notice\n  notice-title=\"Avis\"\n  type=\"info\">\n\nTexte.\n";
        let prepared = prepare(text);
        assert!(
            prepared.view.trim_start().starts_with("Texte."),
            "{:?}",
            prepared.view
        );
    }
}
