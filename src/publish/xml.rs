//! The XML writer the feeds and the sitemap share: UTF-8 with a
//! declaration, indented by two spaces, text escaped by quick-xml.

use std::path::Path;

use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

use crate::error::{Error, Result};

pub(super) type Xml = Writer<Vec<u8>>;

/// A writer in memory, its XML declaration written.
pub(super) fn writer() -> Result<Xml> {
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    writer
        .write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))
        .map_err(error)?;
    Ok(writer)
}

/// Writing to memory fails only if quick-xml does; the error still says
/// what was being written.
pub(super) fn error(e: std::io::Error) -> Error {
    Error::io(Path::new("<xml>"), e)
}

/// `<name>text</name>`.
pub(super) fn text_element(w: &mut Xml, name: &str, text: &str) -> std::io::Result<()> {
    w.create_element(name).write_text_content(BytesText::new(text))?;
    Ok(())
}
