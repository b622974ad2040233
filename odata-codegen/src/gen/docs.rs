//! Doc comments for generated items, from `sap:label`, `sap:quickinfo`, `Documentation`
//! and `Core.Description`, plus a line of facts (OData name, key, Edm type, flags).

use odata_edmx::{Docs, Facets, MaxLength, Scale};

/// Collapses white space and escapes what rustdoc would read as links or HTML.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            match c {
                '[' => out.push_str("\\["),
                ']' => out.push_str("\\]"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '`' => out.push('\''),
                c => out.push(c),
            }
        }
    }
    out
}

/// Paragraphs for `docs`: a title (label, quickinfo), the description and the long text.
pub fn paragraphs(docs: &Docs) -> Vec<String> {
    let mut out = Vec::new();
    let label = docs.label.as_deref().map(clean).filter(|s| !s.is_empty());
    let quickinfo = docs.quickinfo.as_deref().map(clean).filter(|s| !s.is_empty());
    let heading = docs.heading.as_deref().map(clean).filter(|s| !s.is_empty());
    let title = match (label, quickinfo.clone(), heading) {
        (Some(l), Some(q), _) if l != q => Some(format!("{l}: {q}")),
        (Some(l), _, _) => Some(l),
        (None, Some(q), _) => Some(q),
        (None, None, h) => h,
    };
    out.extend(title);
    for text in [&docs.description, &docs.long_description].into_iter().flatten() {
        let text = clean(text);
        if !text.is_empty() && !out.contains(&text) {
            out.push(text);
        }
    }
    out
}

/// The lines of `#[doc = …]` attributes: paragraphs separated by empty lines.
pub fn lines(paragraphs: &[String]) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for (i, p) in paragraphs.iter().enumerate() {
        if i > 0 {
            lines.push(String::new());
        }
        lines.push(format!(" {p}"));
    }
    lines
}

/// `#[doc = …]` attributes as source text: paragraphs separated by empty lines.
pub fn attrs(paragraphs: &[String]) -> String {
    let mut out = String::with_capacity(paragraphs.iter().map(|p| p.len() + 40).sum());
    for (i, p) in paragraphs.iter().enumerate() {
        if i > 0 {
            out.push_str("#[doc = \"\"]");
        }
        out.push_str("#[doc = \" ");
        super::push_escaped(&mut out, p);
        out.push_str("\"]");
    }
    out
}

/// Facets as words: `max length 10`, `precision 16, scale 3`.
pub fn facets(f: &Facets) -> Vec<String> {
    let mut out = Vec::new();
    match f.max_length {
        Some(MaxLength::Length(n)) => out.push(format!("max length {n}")),
        Some(MaxLength::Max) => out.push("max length unbounded".into()),
        None => {}
    }
    if let Some(p) = f.precision {
        out.push(format!("precision {p}"));
    }
    match f.scale {
        Some(Scale::Fixed(s)) => out.push(format!("scale {s}")),
        Some(Scale::Variable) => out.push("scale variable".into()),
        Some(Scale::Floating) => out.push("scale floating".into()),
        None => {}
    }
    if let Some(d) = &f.default_value {
        out.push(format!("default {}", clean(d)));
    }
    out
}
