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

pub use error::{Error, Errors, Pos};
pub use model::*;

/// Parses and resolves an EDMX document.
pub fn parse(source: &str) -> Result<Model, Errors> {
    let root = xml::parse(source)?;
    read::read(&root)
}
