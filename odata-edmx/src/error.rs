//! Errors with the place in the EDMX file they come from.

use std::fmt;

/// A 1-based line and column (columns count characters) in the EDMX source.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    /// Line, from 1.
    pub line: u32,
    /// Column, from 1.
    pub column: u32,
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// One problem in an EDMX document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    /// Where the problem is.
    pub pos: Pos,
    /// What is wrong, in one sentence.
    pub message: String,
}

impl Error {
    pub(crate) fn new(pos: Pos, message: impl Into<String>) -> Self {
        Error { pos, message: message.into() }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.pos, self.message)
    }
}

impl std::error::Error for Error {}

/// Something in a document that made one item unusable: the item was skipped (or, for
/// an unknown `Edm.` type, read as raw JSON) and the rest of the service is generated.
/// [`crate::ParseOptions::strict`] turns every warning into an [`Error`].
pub type Warning = Error;

/// Every problem found in one document (at least one), in document order.
///
/// ```
/// let errors = odata_edmx::parse("<Edmx").unwrap_err();
/// let text = errors.display_with_file("x.edmx").to_string();
/// assert!(text.starts_with("x.edmx:1:"), "{text}");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Errors(pub Vec<Error>);

impl Errors {
    /// The errors, each as `file:line:column: message`, one per line.
    pub fn display_with_file<'a>(&'a self, file: &'a str) -> impl fmt::Display + 'a {
        WithFile(self, file)
    }

    /// The errors as a slice.
    pub fn as_slice(&self) -> &[Error] {
        &self.0
    }
}

impl From<Error> for Errors {
    fn from(e: Error) -> Self {
        Errors(vec![e])
    }
}

impl fmt::Display for Errors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Errors {}

struct WithFile<'a>(&'a Errors, &'a str);

impl fmt::Display for WithFile<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0 .0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{}:{}", self.1, e)?;
        }
        Ok(())
    }
}
