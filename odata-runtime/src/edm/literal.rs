//! URL literal helpers shared by the Edm types.

use std::fmt;

/// A URL literal that is not a valid value of its Edm type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LiteralError {
    edm_type: &'static str,
    literal: String,
    reason: String,
}

impl LiteralError {
    pub(crate) fn new(edm_type: &'static str, literal: &str, reason: impl fmt::Display) -> Self {
        // Literals can be user data; keep the message short.
        let literal: String = literal.chars().take(80).collect();
        LiteralError { edm_type, literal, reason: reason.to_string() }
    }

    /// The Edm type the literal was read as.
    pub fn edm_type(&self) -> &str {
        self.edm_type
    }
}

impl fmt::Display for LiteralError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid {} literal {:?}: {}", self.edm_type, self.literal, self.reason)
    }
}

impl std::error::Error for LiteralError {}

/// Writes `'value'` with every `'` doubled, as OData string literals require.
pub(crate) fn write_quoted(value: &str, out: &mut String) {
    out.reserve(value.len() + 2);
    out.push('\'');
    for part in value.split('\'').enumerate() {
        if part.0 > 0 {
            out.push_str("''");
        }
        out.push_str(part.1);
    }
    out.push('\'');
}

/// Reads a quoted literal: `'O''Neil'` is `O'Neil`. A lone `'` inside is an error.
pub(crate) fn read_quoted(text: &str) -> Result<String, &'static str> {
    let inner = text
        .strip_prefix('\'')
        .and_then(|t| t.strip_suffix('\''))
        .filter(|_| text.len() >= 2)
        .ok_or("expected a value in single quotes")?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\'' && chars.next() != Some('\'') {
            return Err("a single quote inside the value must be doubled");
        }
        out.push(c);
    }
    Ok(out)
}

/// Reads `prefix'…'` (prefix case-insensitive), returning the quoted part unquoted.
pub(crate) fn strip_typed<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    if !head.eq_ignore_ascii_case(prefix) {
        return None;
    }
    let rest = &text[prefix.len()..];
    rest.strip_prefix('\'')?.strip_suffix('\'')
}

/// Strips one of the suffix letters (`L`, `M`, `D`, `F`, either case) when present.
pub(crate) fn strip_suffix_letter(text: &str, letter: char) -> &str {
    text.strip_suffix(letter.to_ascii_uppercase())
        .or_else(|| text.strip_suffix(letter.to_ascii_lowercase()))
        .unwrap_or(text)
}

/// Percent-encodes a literal for a URL path segment or query value.
///
/// Unreserved characters and the literal syntax characters `'` stay as they are, so
/// `'A B'` becomes `'A%20B'`; everything that could change the meaning of the URL
/// (`/ ? # & = + ( ) , %` and all non-ASCII bytes) is encoded.
///
/// ```
/// use odata_runtime::edm::percent_encode_literal;
/// assert_eq!(percent_encode_literal("'a/b&c=d'"), "'a%2Fb%26c%3Dd'");
/// assert_eq!(percent_encode_literal("'Zoë'"), "'Zo%C3%AB'");
/// ```
pub fn percent_encode_literal(literal: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(literal.len());
    for &b in literal.as_bytes() {
        let keep = b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'\'' | b':');
        if keep {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 15) as usize] as char);
        }
    }
    out
}
