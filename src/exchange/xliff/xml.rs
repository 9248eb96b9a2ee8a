//! A small element tree read with quick-xml, enough for XLIFF and TMX:
//! elements with their local names, attributes and children, text with
//! entity and character references resolved, and each element's byte
//! offset so that errors can name a line and column.

use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::document::source::position_in;
use crate::error::{Error, Result};

#[derive(Debug, Clone)]
pub enum Node {
    Element(Element),
    Text(String),
}

#[derive(Debug, Clone)]
pub struct Element {
    /// The local name, without a namespace prefix.
    pub name: String,
    /// Attributes as written (`prefix:name` kept), values unescaped.
    pub attributes: Vec<(String, String)>,
    pub children: Vec<Node>,
    /// Byte offset of the start tag in the file.
    pub offset: usize,
}

impl Element {
    /// An attribute by its name as written (`id`, `xml:lang`).
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// An attribute of bitext's namespace, whatever prefix a tool gave it.
    pub fn bitext_attr(&self, local: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n.split_once(':').is_some_and(|(p, l)| l == local && p != "xml"))
            .map(|(_, v)| v.as_str())
    }

    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// All text inside, elements' text included.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for node in &self.children {
            match node {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) => out.push_str(&e.text()),
            }
        }
        out
    }
}

fn local(name: &[u8]) -> String {
    let name = String::from_utf8_lossy(name);
    match name.split_once(':') {
        Some((_, local)) => local.to_owned(),
        None => name.into_owned(),
    }
}

fn element(start: &BytesStart, offset: usize, path: &Path, text: &str) -> Result<Element> {
    let mut attributes = Vec::new();
    for attr in start.attributes() {
        let attr = attr.map_err(|e| Error::syntax(path, position_in(text, offset), e.to_string()))?;
        let value = attr
            .unescape_value()
            .map_err(|e| Error::syntax(path, position_in(text, offset), e.to_string()))?;
        attributes.push((
            String::from_utf8_lossy(attr.key.as_ref()).into_owned(),
            value.into_owned(),
        ));
    }
    Ok(Element {
        name: local(start.name().as_ref()),
        attributes,
        children: Vec::new(),
        offset,
    })
}

/// How deep elements may nest. An XLIFF file bitext exports nests about
/// ten deep (`xliff`, `file`, `group`, `unit`, `segment`, `target` and the
/// inline codes); the walks of the tree recurse once per level, so a file
/// nested thousands deep (30,000 `<group>`, 100,000 `<pc>`) is refused here,
/// before any walk, with the position of the first element too deep.
pub const MAX_DEPTH: usize = 100;

/// Parses a whole document and returns its root element.
pub fn parse(path: &Path, text: &str) -> Result<Element> {
    let mut reader = Reader::from_str(text);
    let mut stack: Vec<Element> = Vec::new();
    let mut root = None;
    let syntax = |offset: usize, message: String| Error::syntax(path, position_in(text, offset), message);
    loop {
        let offset = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|e| {
            syntax(
                reader.error_position() as usize,
                crate::tr!("xml-malformed", error = e.to_string()),
            )
        })?;
        let push_text = |stack: &mut Vec<Element>, t: String| {
            if let Some(top) = stack.last_mut() {
                match top.children.last_mut() {
                    Some(Node::Text(last)) => last.push_str(&t),
                    _ => top.children.push(Node::Text(t)),
                }
            }
        };
        match event {
            Event::Start(start) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(syntax(offset, crate::tr!("xml-too-deep", limit = MAX_DEPTH)));
                }
                stack.push(element(&start, offset, path, text)?)
            }
            Event::Empty(start) => {
                let e = element(&start, offset, path, text)?;
                match stack.last_mut() {
                    Some(top) => top.children.push(Node::Element(e)),
                    None => root = Some(e),
                }
            }
            Event::End(_) => {
                let done = stack
                    .pop()
                    .ok_or_else(|| syntax(offset, crate::tr!("xml-unexpected-end-tag")))?;
                match stack.last_mut() {
                    Some(top) => top.children.push(Node::Element(done)),
                    None => root = Some(done),
                }
            }
            Event::Text(t) => {
                let t = t.xml_content().map_err(|e| syntax(offset, e.to_string()))?;
                push_text(&mut stack, t.into_owned());
            }
            Event::CData(t) => {
                let t = t.decode().map_err(|e| syntax(offset, e.to_string()))?;
                push_text(&mut stack, t.into_owned());
            }
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref().map_err(|e| syntax(offset, e.to_string()))? {
                    Some(c) => c.to_string(),
                    None => {
                        let name = r.decode().map_err(|e| syntax(offset, e.to_string()))?;
                        quick_xml::escape::unescape(&format!("&{name};"))
                            .map_err(|_| syntax(offset, crate::tr!("xml-unknown-entity", name = &*name)))?
                            .into_owned()
                    }
                };
                push_text(&mut stack, resolved);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !stack.is_empty() {
        return Err(syntax(
            text.len(),
            "unexpected end of file: an element is not closed".into(),
        ));
    }
    root.ok_or_else(|| syntax(0, crate::tr!("xml-no-root")))
}

/// Escapes text or an attribute value for XML.
pub fn escape(text: &str) -> String {
    quick_xml::escape::escape(text).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_references_and_keeps_attributes() {
        let root = parse(
            Path::new("a.xlf"),
            "<?xml version=\"1.0\"?><a xmlns:b=\"urn:x\" b:hash=\"1&amp;2\">x &lt;y&gt; &#233;t&#xE9;<c/></a>",
        )
        .unwrap();
        assert_eq!(root.bitext_attr("hash"), Some("1&2"));
        assert_eq!(root.text(), "x <y> été");
        assert_eq!(root.elements().count(), 1);
    }

    #[test]
    fn malformed_xml_names_line_and_column() {
        let err = parse(Path::new("a.xlf"), "<a>\n  <b></c>\n</a>").unwrap_err();
        assert!(err.to_string().starts_with("a.xlf:2:"), "{err}");
    }
}
