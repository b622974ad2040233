//! XML to a small element tree in which every element keeps its line and column.
//!
//! The tree is built without recursion, `<!DOCTYPE>` (and so every entity declaration,
//! internal or external) is refused, and nesting deeper than [`MAX_DEPTH`] is an error,
//! so hostile input cannot expand, reach the network or overflow the stack.

use crate::error::{Error, Pos};
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

/// Deepest element nesting accepted. Real `$metadata` documents stay below 20.
pub const MAX_DEPTH: usize = 256;

/// An XML element with its namespace, attributes, children and text.
#[derive(Debug, Clone)]
pub struct Element {
    /// Namespace URI of the element (empty when unbound).
    pub ns: String,
    /// Local name.
    pub name: String,
    /// Attributes in document order.
    pub attrs: Vec<Attr>,
    /// Child elements.
    pub children: Vec<Element>,
    /// Text content directly inside this element (trimmed concatenation).
    pub text: String,
    /// Where the element starts.
    pub pos: Pos,
}

/// One attribute.
#[derive(Debug, Clone)]
pub struct Attr {
    /// Namespace URI (empty for unprefixed attributes).
    pub ns: String,
    /// Local name.
    pub name: String,
    /// Unescaped value.
    pub value: String,
}

impl Element {
    /// The value of the unprefixed attribute `name`.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|a| a.ns.is_empty() && a.name == name).map(|a| a.value.as_str())
    }

    /// The value of the attribute `name` in namespace `ns`.
    pub fn attr_ns(&self, ns: &str, name: &str) -> Option<&str> {
        self.attrs.iter().find(|a| a.ns == ns && a.name == name).map(|a| a.value.as_str())
    }

    /// Children with local name `name` (in any namespace).
    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The first child with local name `name`.
    pub fn child(&self, name: &str) -> Option<&Element> {
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
pub fn parse(source: &str) -> Result<Element, Error> {
    let lines = Lines::new(source);
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let bom = lines.source.len() - source.len();
    let mut reader = NsReader::from_str(source);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let start = reader.buffer_position() as usize + bom;
        let (ns, event) = match reader.read_resolved_event() {
            Ok((ns, event)) => (namespace(ns), event),
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
                let mut attrs = Vec::new();
                for attr in e.attributes() {
                    let attr = attr.map_err(|err| Error::new(pos, format!("malformed XML attribute: {err}")))?;
                    let key = attr.key;
                    if key.as_ref() == "xmlns" || key.as_ref().starts_with("xmlns:") {
                        continue;
                    }
                    let (attr_ns, local) = reader.resolver().resolve_attribute(key);
                    let value = attr
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map_err(|err| Error::new(pos, format!("malformed XML attribute value: {err}")))?;
                    attrs.push(Attr {
                        ns: namespace(attr_ns),
                        name: local.as_ref().to_owned(),
                        value: value.into_owned(),
                    });
                }
                let element = Element {
                    ns,
                    name: e.local_name().as_ref().to_owned(),
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

fn namespace(ns: ResolveResult<'_>) -> String {
    match ns {
        ResolveResult::Bound(ns) => ns.as_ref().to_owned(),
        _ => String::new(),
    }
}

fn push_text(stack: &mut [Element], text: &str) {
    if let Some(top) = stack.last_mut() {
        if !text.trim().is_empty() || !top.text.is_empty() {
            top.text.push_str(text);
        }
    }
}

fn close(mut element: Element, stack: &mut [Element], root: &mut Option<Element>) {
    let trimmed = element.text.trim();
    if trimmed.len() != element.text.len() {
        element.text = trimmed.to_owned();
    }
    match stack.last_mut() {
        Some(parent) => parent.children.push(element),
        None => *root = Some(element),
    }
}
