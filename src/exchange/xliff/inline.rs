//! Inline content as XLIFF sees it: the XLIFF type of each code, the plain
//! text of a segment, and code ids matched between source and target. The
//! inline structure itself comes from the document's format (see
//! `document::inline`); it is re-exported here for the XLIFF and TMX code
//! that reads it.

pub use crate::document::inline::{CodeKind, Ids, Inline};
pub use crate::document::Document;

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
    use crate::document::Format;
    use std::path::Path;

    fn content(markdown: &str, index: usize) -> (Vec<Inline>, String) {
        let doc = Document::new(SourceFile::new(Path::new("en.md"), markdown.into()));
        let (nodes, range) = doc.content(&doc.segments()[index], &mut Ids::default()).unwrap();
        (nodes, markdown[range].to_owned())
    }

    fn to_markdown(nodes: &[Inline]) -> String {
        crate::document::markdown::Markdown.write_inline(nodes)
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
            crate::document::markdown::segment(&file)[0].text,
            "2. *Not* [a link] & AT&T &amp; x|y z"
        );
    }

    #[test]
    fn target_codes_take_the_ids_of_matching_source_codes() {
        let (source, _) = content("A [b](u) and `c`.\n", 0);
        let (mut target, _) = content("`c` et [b](u).\n", 0);
        let mut ids = Ids::default();
        for _ in 0..10 {
            ids.fresh();
        }
        match_ids(&source, &mut target, &mut ids);
        let id = |n: &Inline| code_key(n).unwrap().0;
        assert_eq!(id(&target[0]), id(&source[3]));
        assert_eq!(id(&target[2]), id(&source[1]));
    }
}
