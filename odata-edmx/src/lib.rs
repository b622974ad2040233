//! Reads OData `$metadata` documents (EDMX 1.0 with CSDL for OData V2, EDMX 4.0/4.01 for
//! OData V4) into one resolved, version-neutral [`Model`].
//!
//! ```
//! let edmx = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
//!   <edmx:DataServices><Schema Namespace="demo" xmlns="http://docs.oasis-open.org/odata/ns/edm">
//!     <EntityType Name="Book"><Key><PropertyRef Name="ID"/></Key>
//!       <Property Name="ID" Type="Edm.Int32" Nullable="false"/></EntityType>
//!     <EntityContainer Name="C"><EntitySet Name="Books" EntityType="demo.Book"/></EntityContainer>
//!   </Schema></edmx:DataServices></edmx:Edmx>"#;
//! let model = odata_edmx::parse(edmx).unwrap();
//! assert_eq!(model.version, odata_edmx::ODataVersion::V4);
//! assert_eq!(model.container.entity_sets[0].name, "Books");
//! ```
//!
//! Errors carry the line and column of the element at fault; every error of a document
//! is reported at once. Unknown elements and attributes are skipped.

mod annotations;
mod error;
pub mod model;
mod read;
pub mod xml;

pub use error::{Error, Errors, Pos, Warning};
pub use model::*;

/// The largest document [`parse`] reads: 64 MiB. The largest SAP services' `$metadata`
/// are a few MB; anything far beyond is a mistake or an attack, refused before parsing.
pub const MAX_DOCUMENT_BYTES: usize = 64 << 20;

/// How forgiving [`parse_with`] is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ParseOptions {
    /// Every warning is an error: nothing is skipped, no unknown `Edm.` type is read as
    /// raw JSON, and a `Version` that contradicts the namespaces is refused.
    pub strict: bool,
}

/// Parses and resolves an EDMX document, forgiving what real SAP `$metadata` gets wrong:
/// an item that cannot be used (an import naming an operation declared nowhere, an
/// operation or property with an unknown type) is skipped, an unknown `Edm.` type is
/// read as raw JSON, a `Version` that contradicts the namespaces is overruled by them;
/// each with a warning in [`Model::warnings`].
///
/// ```
/// let edmx = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
///   <edmx:DataServices><Schema Namespace="demo" xmlns="http://docs.oasis-open.org/odata/ns/edm">
///     <EntityType Name="Book"><Key><PropertyRef Name="ID"/></Key>
///       <Property Name="ID" Type="Edm.Int32" Nullable="false"/>
///       <Property Name="Weight" Type="Edm.Float"/></EntityType>
///     <EntityContainer Name="C"><EntitySet Name="Books" EntityType="demo.Book"/>
///       <ActionImport Name="Reprice" Action="demo.Reprice"/></EntityContainer>
///   </Schema></edmx:DataServices></edmx:Edmx>"#;
/// let model = odata_edmx::parse(edmx).unwrap();
/// assert_eq!(model.warnings.len(), 2);
/// assert!(model.warnings[0].message.contains("Edm.Float"));
/// assert!(model.container.imports.is_empty());
/// let strict = odata_edmx::ParseOptions { strict: true };
/// assert_eq!(odata_edmx::parse_with(edmx, &strict).unwrap_err().0.len(), 2);
/// ```
pub fn parse(source: &str) -> Result<Model, Errors> {
    parse_with(source, &ParseOptions::default())
}

/// [`parse`] with options (strict: every warning an error).
pub fn parse_with(source: &str, options: &ParseOptions) -> Result<Model, Errors> {
    if source.len() > MAX_DOCUMENT_BYTES {
        return Err(Error::new(Pos { line: 1, column: 1 }, too_large(source.len() as u64)).into());
    }
    let root = xml::parse(source)?;
    read::read(&root, options)
}

/// The message for a document of `bytes` bytes, above [`MAX_DOCUMENT_BYTES`].
pub fn too_large(bytes: u64) -> String {
    format!(
        "the document is {:.1} MiB; EDMX documents above {} MiB are refused",
        bytes as f64 / (1 << 20) as f64,
        MAX_DOCUMENT_BYTES >> 20
    )
}

/// The crate README's example, compiled and run as a doc test.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctest;
