//! A pull reader over quick-xml, enough for XLIFF: start and end tags
//! with their local names, attributes and byte offsets (so that errors
//! can name a line and column), text with entity and character references
//! resolved. It never holds the whole document as a tree: `Events` hands
//! out one event at a time, checking well-formedness and the nesting
//! limit as it goes, and `Events::subtree` builds a small `Element` tree
//! for one element only (an XLIFF unit), so that a reader keeps just what
//! it needs from each unit. A tree of a whole 90 MB file took 20 times
//! its size in memory.

use std::path::Path;

use quick_xml::events::{BytesStart, Event as XmlEvent};
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

/// How deep elements may nest. An XLIFF file bitext exports nests about
/// ten deep (`xliff`, `file`, `group`, `unit`, `segment`, `target` and the
/// inline codes); the walks of a unit's tree recurse once per level, so a
/// file nested thousands deep (30,000 `<group>`, 100,000 `<pc>`) is
/// refused as it is read, with the position of the first element too deep.
pub const MAX_DEPTH: usize = 100;

/// One step of a document, as `Events` reads it.
#[derive(Debug)]
pub enum Event {
    /// A start tag; its children follow, then its `End`.
    Start(Element),
    /// An element without content (`<ph/>`).
    Empty(Element),
    End,
    /// Text, CDATA or a resolved reference (several may follow each other).
    Text(String),
}

/// The events of a document, read as they come: only the open elements'
/// depth is kept, never the elements themselves.
pub struct Events<'a> {
    reader: Reader<&'a [u8]>,
    path: &'a Path,
    text: &'a str,
    depth: usize,
    /// Whether the root element was seen.
    rooted: bool,
    done: bool,
}

impl<'a> Events<'a> {
    pub fn new(path: &'a Path, text: &'a str) -> Self {
        Events {
            reader: Reader::from_str(text),
            path,
            text,
            depth: 0,
            rooted: false,
            done: false,
        }
    }

    /// The error at a byte offset of the document.
    pub fn error(&self, offset: usize, message: String) -> Error {
        Error::syntax(self.path, position_in(self.text, offset), message)
    }

    /// The next event, `None` at the end of a well-formed document. A
    /// malformed document, an unknown entity (which is how a DOCTYPE's
    /// external or recursive entities are refused), an element nested
    /// deeper than `MAX_DEPTH`, a second root element or an element left
    /// open is an error with its position.
    pub fn read(&mut self) -> Result<Option<Event>> {
        loop {
            if self.done {
                return Ok(None);
            }
            let offset = self.reader.buffer_position() as usize;
            let event = self.reader.read_event().map_err(|e| {
                self.error(
                    self.reader.error_position() as usize,
                    crate::tr!("xml-malformed", error = e.to_string()),
                )
            })?;
            let event = match event {
                XmlEvent::Start(start) => {
                    if self.depth >= MAX_DEPTH {
                        return Err(self.error(offset, crate::tr!("xml-too-deep", limit = MAX_DEPTH)));
                    }
                    let e = self.element(&start, offset)?;
                    if self.depth == 0 {
                        self.root(offset)?;
                    }
                    self.depth += 1;
                    Event::Start(e)
                }
                XmlEvent::Empty(start) => {
                    let e = self.element(&start, offset)?;
                    if self.depth == 0 {
                        self.root(offset)?;
                    }
                    Event::Empty(e)
                }
                XmlEvent::End(_) => {
                    if self.depth == 0 {
                        return Err(self.error(offset, crate::tr!("xml-unexpected-end-tag")));
                    }
                    self.depth -= 1;
                    Event::End
                }
                XmlEvent::Text(t) => {
                    let t = t.xml_content().map_err(|e| self.error(offset, e.to_string()))?;
                    Event::Text(t.into_owned())
                }
                XmlEvent::CData(t) => {
                    let t = t.decode().map_err(|e| self.error(offset, e.to_string()))?;
                    Event::Text(t.into_owned())
                }
                XmlEvent::GeneralRef(r) => {
                    let resolved = match r
                        .resolve_char_ref()
                        .map_err(|e| self.error(offset, e.to_string()))?
                    {
                        Some(c) => c.to_string(),
                        None => {
                            let name = r.decode().map_err(|e| self.error(offset, e.to_string()))?;
                            quick_xml::escape::unescape(&format!("&{name};"))
                                .map_err(|_| {
                                    self.error(offset, crate::tr!("xml-unknown-entity", name = &*name))
                                })?
                                .into_owned()
                        }
                    };
                    Event::Text(resolved)
                }
                XmlEvent::Eof => {
                    self.done = true;
                    if self.depth > 0 {
                        return Err(self.error(self.text.len(), crate::tr!("xml-not-closed")));
                    }
                    if !self.rooted {
                        return Err(self.error(0, crate::tr!("xml-no-root")));
                    }
                    return Ok(None);
                }
                _ => continue,
            };
            return Ok(Some(event));
        }
    }

    /// A top-level element starts at `offset`: the root, unless there was one.
    fn root(&mut self, offset: usize) -> Result<()> {
        if std::mem::replace(&mut self.rooted, true) {
            return Err(self.error(offset, crate::tr!("xml-second-root")));
        }
        Ok(())
    }

    fn element(&self, start: &BytesStart, offset: usize) -> Result<Element> {
        let mut attributes = Vec::new();
        for attr in start.attributes() {
            let attr = attr.map_err(|e| self.error(offset, e.to_string()))?;
            let value = attr
                .unescape_value()
                .map_err(|e| self.error(offset, e.to_string()))?;
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

    /// The whole of an element whose `Start` was just read, as a tree: its
    /// children up to its `End`. Built without recursion; `MAX_DEPTH`
    /// bounds how deep the tree can be.
    pub fn subtree(&mut self, start: Element) -> Result<Element> {
        let mut stack = vec![start];
        loop {
            let Some(event) = self.read()? else {
                // `read` refuses an element left open at the end.
                return Err(self.error(self.text.len(), crate::tr!("xml-not-closed")));
            };
            let top = stack.last_mut().expect("an open element");
            match event {
                Event::Start(e) => stack.push(e),
                Event::Empty(e) => top.children.push(Node::Element(e)),
                Event::Text(t) => match top.children.last_mut() {
                    Some(Node::Text(last)) => last.push_str(&t),
                    _ => top.children.push(Node::Text(t)),
                },
                Event::End => {
                    let done = stack.pop().expect("an open element");
                    match stack.last_mut() {
                        Some(parent) => parent.children.push(Node::Element(done)),
                        None => return Ok(done),
                    }
                }
            }
        }
    }

    /// Reads to the end, only to find the document's own errors.
    pub fn finish(&mut self) -> Result<()> {
        while self.read()?.is_some() {}
        Ok(())
    }
}

/// Escapes text or an attribute value for XML.
pub fn escape(text: &str) -> String {
    quick_xml::escape::escape(text).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The root element of a document, as a tree.
    fn parse(text: &str) -> Result<Element> {
        let mut events = Events::new(Path::new("a.xlf"), text);
        let root = loop {
            match events.read()? {
                Some(Event::Start(e)) => break events.subtree(e)?,
                Some(Event::Empty(e)) => break e,
                Some(_) => continue,
                None => unreachable!("`read` refuses a document without a root"),
            }
        };
        events.finish()?;
        Ok(root)
    }

    #[test]
    fn resolves_references_and_keeps_attributes() {
        let root = parse(
            "<?xml version=\"1.0\"?><a xmlns:b=\"urn:x\" b:hash=\"1&amp;2\">x &lt;y&gt; &#233;t&#xE9;<c/></a>",
        )
        .unwrap();
        assert_eq!(root.bitext_attr("hash"), Some("1&2"));
        assert_eq!(root.text(), "x <y> été");
        assert_eq!(root.elements().count(), 1);
    }

    #[test]
    fn malformed_xml_names_line_and_column() {
        let err = parse("<a>\n  <b></c>\n</a>").unwrap_err();
        assert!(err.to_string().starts_with("a.xlf:2:"), "{err}");
    }

    #[test]
    fn a_document_needs_one_closed_root() {
        for (text, line) in [
            ("<a><b/>\n", "a.xlf:2:"),
            ("\n<a/>\n<b/>", "a.xlf:3:"),
            ("  ", "a.xlf:1:"),
        ] {
            let err = parse(text).unwrap_err();
            assert!(err.to_string().starts_with(line), "{text:?}: {err}");
        }
    }

    #[test]
    fn entities_other_than_xml_own_are_refused() {
        let text = "<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<a>&x;</a>";
        let err = parse(text).unwrap_err();
        assert!(err.to_string().starts_with("a.xlf:2:"), "{err}");
    }

    #[test]
    fn nesting_deeper_than_the_limit_is_refused_without_recursion() {
        let text = format!("{}{}", "<g>".repeat(50_000), "</g>".repeat(50_000));
        let err = parse(&text).unwrap_err();
        assert!(err.to_string().contains("100"), "{err}");
    }
}
