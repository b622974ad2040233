//! Operation parameters as values: how each is written into a function call's URL
//! (or an action's body). The operation layer sends them; the values know their forms.

use super::EdmValue;
use crate::Version;

/// The parameters of an operation: generated per operation, one field each.
pub trait Parameters: serde::Serialize {
    /// `(OData name, value)` per parameter that has a value, for URLs.
    fn arguments(&self, version: Version) -> Vec<(&'static str, Argument)>;
}

impl Parameters for () {
    fn arguments(&self, _: Version) -> Vec<(&'static str, Argument)> {
        Vec::new()
    }
}

/// One parameter value as a function call writes it into the URL.
///
/// ```
/// use odata_runtime::__private::Argument;
/// use odata_runtime::Version;
///
/// assert_eq!(Argument::edm(&7i64, Version::V2), Argument::Literal("7L".into()));
/// let ids = vec!["a".to_owned(), "b".to_owned()];
/// assert_eq!(
///     Argument::edm(&ids, Version::V4),
///     Argument::Collection { literals: vec!["'a'".into(), "'b'".into()], json: r#"["a","b"]"#.into() }
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Argument {
    /// A primitive or enum value: its URL literal (`'text'`, `42L`).
    Literal(String),
    /// A collection of primitive or enum values: each item's literal (V2 repeats the
    /// query option per item) and the whole as JSON (V4 passes it as a parameter
    /// alias, `f(ids=@ids)?@ids=[…]`).
    Collection {
        /// Each item's URL literal.
        literals: Vec<String>,
        /// The collection as JSON.
        json: String,
    },
    /// A complex value, or a collection of them, as JSON (V4: a parameter alias).
    Json(String),
    /// A value that could not be written (the request fails before it is sent).
    Unwritable(String),
}

impl Argument {
    /// The argument of an Edm value (primitive, enum, type definition, or a collection
    /// of them).
    pub fn edm<T: EdmValue>(value: &T, version: Version) -> Self {
        value.to_argument(version)
    }

    /// The argument of a complex value or a collection of them: its JSON.
    pub fn json<T: serde::Serialize>(value: &T) -> Self {
        match serde_json::to_string(value) {
            Ok(json) => Argument::Json(json),
            Err(e) => Argument::Unwritable(e.to_string()),
        }
    }
}
