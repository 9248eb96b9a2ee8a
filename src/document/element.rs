//! HTML element names as both formats need them: which elements are
//! blocks (they end a segment) and which are void (they never close). Raw
//! HTML inside Markdown and whole HTML pages read the same vocabulary.

/// A block element: it ends the text before it and starts its own.
pub(super) fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "figure"
            | "figcaption"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "aside"
            | "main"
            | "nav"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "caption"
            | "details"
            | "summary"
            | "hr"
            | "iframe"
            | "video"
            | "audio"
            | "form"
            | "fieldset"
    )
}

/// A void element: it has no end tag.
pub(super) fn is_void(name: &str) -> bool {
    matches!(
        name,
        "hr" | "br"
            | "img"
            | "input"
            | "meta"
            | "link"
            | "source"
            | "embed"
            | "wbr"
            | "area"
            | "col"
            | "track"
    )
}
