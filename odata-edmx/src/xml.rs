//! XML to a small element tree in which every element keeps its line and column.
//!
//! The tree is built without recursion, `<!DOCTYPE>` (and so every entity declaration,
//! internal or external) is refused, and nesting deeper than [`MAX_DEPTH`] is an error,
//! so hostile input cannot expand, reach the network or overflow the stack.

use crate::error::{Error, Pos};
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;
use std::borrow::Cow;
use std::sync::Arc;

/// Deepest element nesting accepted. Real `$metadata` documents stay below 20.
pub const MAX_DEPTH: usize = 256;

/// An XML element with its namespace, attributes, children and text. Names and
/// attribute values borrow from the document where they appear in it as they are (no
/// entity or whitespace to resolve); namespaces are shared between the elements that
/// use them: a large document is not one allocation per name.
#[derive(Debug, Clone)]
pub struct Element<'a> {
    /// Namespace URI of the element (empty when unbound).
    pub ns: Arc<str>,
    /// Local name.
    pub name: Cow<'a, str>,
    /// Attributes in document order.
    pub attrs: Vec<Attr<'a>>,
    /// Child elements.
    pub children: Vec<Element<'a>>,
    /// Text content directly inside this element (trimmed concatenation).
    pub text: String,
    /// Where the element starts.
    pub pos: Pos,
}

/// One attribute.
#[derive(Debug, Clone)]
pub struct Attr<'a> {
    /// Namespace URI (empty for unprefixed attributes).
    pub ns: Arc<str>,
    /// Local name.
    pub name: Cow<'a, str>,
    /// Unescaped value.
    pub value: Cow<'a, str>,
}

impl<'a> Element<'a> {
    /// The value of the unprefixed attribute `name`.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|a| a.ns.is_empty() && a.name == name).map(|a| &*a.value)
    }

    /// The value of the attribute `name` in namespace `ns`.
    pub fn attr_ns(&self, ns: &str, name: &str) -> Option<&str> {
        self.attrs.iter().find(|a| &*a.ns == ns && a.name == name).map(|a| &*a.value)
    }

    /// Children with local name `name` (in any namespace).
    pub fn children_named<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'s Element<'a>> + 's {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The first child with local name `name`.
    pub fn child(&self, name: &str) -> Option<&Element<'a>> {
        self.children.iter().find(|c| c.name == name)
    }
}

/// Maps byte offsets to 1-based line and column (columns count characters).
///
/// The parser asks for offsets in increasing order, so the characters between the last
/// offset and the next are counted once: linear in the document even when it is one
/// line (as SAP serves `$metadata`), where counting from the line start every time was
/// quadratic.
struct Lines<'a> {
    source: &'a str,
    starts: Vec<usize>,
    /// The last offset asked for, its line (0-based) and its column (0-based, in
    /// characters).
    last: std::cell::Cell<(usize, usize, usize)>,
}

impl<'a> Lines<'a> {
    fn new(source: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(source.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i + 1));
        Lines { source, starts, last: std::cell::Cell::new((0, 0, 0)) }
    }

    fn pos(&self, offset: usize) -> Pos {
        let offset = offset.min(self.source.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let (last_offset, last_line, last_column) = self.last.get();
        // From the last offset when it is on this line and not past this one.
        let (from, counted) = if last_line == line && last_offset <= offset && last_offset >= start {
            (last_offset, last_column)
        } else {
            (start, 0)
        };
        let column = match self.source.get(from..offset) {
            Some(between) => {
                let column = counted + between.chars().count();
                self.last.set((offset, line, column));
                column
            }
            None => offset - start,
        };
        Pos { line: line as u32 + 1, column: column as u32 + 1 }
    }
}

/// Parses `source` and returns its root element.
pub fn parse(source: &str) -> Result<Element<'_>, Error> {
    let lines = Lines::new(source);
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let bom = lines.source.len() - source.len();
    let mut reader = NsReader::from_str(source);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<Element<'_>> = Vec::new();
    let mut root: Option<Element<'_>> = None;
    let mut namespaces = Namespaces::default();
    loop {
        let start = reader.buffer_position() as usize + bom;
        let (ns, event) = match reader.read_resolved_event() {
            Ok((ns, event)) => (namespaces.get(ns), event),
            Err(e) => {
                let at = reader.error_position() as usize + bom;
                return Err(Error::new(lines.pos(at), format!("malformed XML: {e}")));
            }
        };
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                if root.is_some() {
                    return Err(Error::new(lines.pos(start), "malformed XML: content after the root element"));
                }
                if stack.len() >= MAX_DEPTH {
                    return Err(Error::new(
                        lines.pos(start),
                        format!("elements are nested deeper than {MAX_DEPTH} levels"),
                    ));
                }
                let pos = lines.pos(start);
                // The tag's text as a slice of the document, so that names and values
                // can borrow from it.
                let tag = within(source, e)
                    .ok_or_else(|| Error::new(pos, "the XML reader did not read this tag from the document"))?;
                let name_len = e.name().as_ref().len();
                let mut attrs = Vec::new();
                for attr in quick_xml::events::attributes::Attributes::new(tag, name_len) {
                    let attr = attr.map_err(|err| Error::new(pos, format!("malformed XML attribute: {err}")))?;
                    let key = attr.key;
                    if key.as_ref() == "xmlns" || key.as_ref().starts_with("xmlns:") {
                        continue;
                    }
                    let (attr_ns, _) = reader.resolver().resolve_attribute(key);
                    let value = attr
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map_err(|err| Error::new(pos, format!("malformed XML attribute value: {err}")))?;
                    attrs.push(Attr {
                        ns: namespaces.get(attr_ns),
                        name: Cow::Borrowed(local_name(key.into_inner())),
                        value,
                    });
                }
                let element = Element {
                    ns,
                    name: Cow::Borrowed(local_name(&tag[..name_len])),
                    attrs,
                    children: Vec::new(),
                    text: String::new(),
                    pos,
                };
                if matches!(event, Event::Start(_)) {
                    stack.push(element);
                } else {
                    close(element, &mut stack, &mut root);
                }
            }
            Event::End(_) => {
                let element =
                    stack.pop().ok_or_else(|| Error::new(lines.pos(start), "malformed XML: unexpected end tag"))?;
                close(element, &mut stack, &mut root);
            }
            Event::Text(t) => push_text(&mut stack, &t.xml10_content()),
            Event::CData(t) => push_text(&mut stack, &t.into_inner()),
            Event::GeneralRef(r) => {
                let text = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => match quick_xml::escape::resolve_predefined_entity(&r) {
                        Some(s) => s.to_owned(),
                        None => {
                            return Err(Error::new(
                                lines.pos(start),
                                format!("unknown XML entity '&{};' (entities are not supported)", &*r),
                            ))
                        }
                    },
                };
                push_text(&mut stack, &text);
            }
            Event::DocType(_) => {
                return Err(Error::new(
                    lines.pos(start),
                    "DOCTYPE declarations are not allowed in EDMX (they can declare entities)",
                ));
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
        }
    }
    if let Some(open) = stack.last() {
        return Err(Error::new(open.pos, format!("malformed XML: element <{}> is never closed", open.name)));
    }
    root.ok_or_else(|| Error::new(Pos { line: 1, column: 1 }, "the file has no XML root element"))
}

/// The namespace URIs met so far, each shared by every element and attribute in it.
#[derive(Default)]
struct Namespaces {
    known: Vec<Arc<str>>,
    unbound: Option<Arc<str>>,
}

impl Namespaces {
    fn get(&mut self, ns: ResolveResult<'_>) -> Arc<str> {
        let ResolveResult::Bound(ns) = ns else {
            return self.unbound.get_or_insert_with(|| Arc::from("")).clone();
        };
        let uri: &str = ns.as_ref();
        // A document uses a handful of namespaces: a scan is quicker than a hash.
        if let Some(known) = self.known.iter().find(|k| &***k == uri) {
            return known.clone();
        }
        let new: Arc<str> = Arc::from(uri);
        // Shared only while there are few (a hostile document may declare thousands).
        if self.known.len() < 32 {
            self.known.push(new.clone());
        }
        new
    }
}

/// `text` (the content of an event of a reader over `source`) as a slice of `source`
/// itself, so that what is taken from it lives as long as the document. A reader over a
/// `&str` borrows every event from it; `None` should it not.
fn within<'a>(source: &'a str, text: &str) -> Option<&'a str> {
    let offset = (text.as_ptr() as usize).wrapping_sub(source.as_ptr() as usize);
    source.get(offset..offset.checked_add(text.len())?).filter(|slice| slice.as_ptr() == text.as_ptr())
}

/// The local part of a qualified name (`sap:label` → `label`).
fn local_name(qualified: &str) -> &str {
    qualified.rsplit_once(':').map_or(qualified, |(_, local)| local)
}

fn push_text(stack: &mut [Element<'_>], text: &str) {
    if let Some(top) = stack.last_mut() {
        if !text.trim().is_empty() || !top.text.is_empty() {
            top.text.push_str(text);
        }
    }
}

fn close<'a>(mut element: Element<'a>, stack: &mut [Element<'a>], root: &mut Option<Element<'a>>) {
    let trimmed = element.text.trim();
    if trimmed.len() != element.text.len() {
        element.text = trimmed.to_owned();
    }
    match stack.last_mut() {
        Some(parent) => parent.children.push(element),
        None => *root = Some(element),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_plain_values_borrow_from_the_document_and_namespaces_are_shared() {
        let doc = r#"<e:Root xmlns:e="urn:a" xmlns:s="urn:s"><e:Child s:label="Tom &amp; Jerry" Name="plain"/><e:Child/></e:Root>"#;
        let root = parse(doc).unwrap();
        assert!(matches!(root.name, Cow::Borrowed("Root")));
        let child = &root.children[0];
        assert_eq!((&*child.ns, &*child.name), ("urn:a", "Child"));
        assert!(Arc::ptr_eq(&child.ns, &root.ns) && Arc::ptr_eq(&root.children[1].ns, &root.ns));
        assert!(matches!(child.attrs[1].value, Cow::Borrowed("plain")));
        // An escaped value is unescaped, so it is the one that is owned.
        assert_eq!(child.attr_ns("urn:s", "label"), Some("Tom & Jerry"));
        assert!(matches!(child.attrs[0].value, Cow::Owned(_)));
        assert_eq!(child.attr("Name"), Some("plain"));
    }

    #[test]
    fn many_namespaces_are_read_without_sharing_them_all() {
        let declared: String = (0..100).map(|i| format!(r#" xmlns:n{i}="urn:{i}""#)).collect();
        let children: String = (0..100).map(|i| format!("<n{i}:C/>")).collect();
        let doc = format!("<Root{declared}>{children}</Root>");
        let root = parse(&doc).unwrap();
        assert_eq!(root.children.len(), 100);
        assert_eq!(&*root.children[99].ns, "urn:99");
    }
}
