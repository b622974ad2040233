//! `service!`: typed Rust for an OData service, generated at build time from its
//! `$metadata` file (EDMX, OData V2 or V4).
//!
//! This crate only forwards tokens; parsing, generation and error reporting live in
//! [`odata_codegen`], which the build.rs `Builder` and the CLI share, so all three emit
//! the same code.

use proc_macro::TokenStream;

/// Generates a module of typed entity, complex and enum types from an EDMX file.
///
/// The path is relative to the crate root (`CARGO_MANIFEST_DIR`); cargo rebuilds the
/// crate when the file changes. Options: `only: [...]` generates just the named entity
/// sets, singletons and operations with the types they need; `runtime: path` names the
/// runtime crate if it is not `::odata_runtime`.
///
/// ```ignore
/// odata_derive::service! {
///     /// S/4HANA business partners.
///     pub mod business_partner = "metadata/API_BUSINESS_PARTNER.edmx";
///     pub mod travel = "metadata/TravelService.v4.edmx" { only: ["Travels"] }
/// }
/// let key = business_partner::BusinessPartnerKey { business_partner: "1000042".into() };
/// ```
///
/// A broken file is a compile error on the path, naming `file:line:column` and the
/// problem; the macro never panics.
#[proc_macro]
pub fn service(input: TokenStream) -> TokenStream {
    odata_codegen::expand_service(input.into()).into()
}
