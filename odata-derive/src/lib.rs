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
/// ```
/// odata_derive::service! {
///     /// S/4HANA-style business partners.
///     pub mod business_partner = "../metadata-samples/API_BUSINESS_PARTNER.edmx";
///     /// Only the travels of a V4 service, with the types they need.
///     pub mod travel = "../metadata-samples/TravelService.v4.edmx" { only: ["Travels"] }
/// }
/// use odata_runtime::{EntityKey, Version};
///
/// let key = business_partner::BusinessPartnerKey { business_partner: "1000042".into() };
/// assert_eq!(key.segment(Version::V2), "('1000042')");
/// let travel = travel::Travel { description: Some("Walldorf".into()), ..Default::default() };
/// assert_eq!(travel.status, travel::TravelStatus::Open);
/// ```
///
/// A broken file is a compile error on the path, naming `file:line:column` and the
/// problem; the macro never panics.
#[proc_macro]
pub fn service(input: TokenStream) -> TokenStream {
    odata_codegen::expand_service(input.into()).into()
}
