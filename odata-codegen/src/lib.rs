//! Generates typed Rust for OData services from their `$metadata` (EDMX, V2 and V4).
//!
//! One generator, three doors that emit the same code:
//! - the proc macro `odata_derive::service!` (a thin wrapper around [`expand_service`]),
//! - [`Builder`], for `build.rs`, which writes a pretty-printed module to `OUT_DIR`,
//! - the `odata-codegen` CLI (`generate FILE`, `inspect FILE`).
//!
//! ```
//! let edmx = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
//!   <edmx:DataServices><Schema Namespace="demo" xmlns="http://docs.oasis-open.org/odata/ns/edm">
//!     <EntityType Name="Book"><Key><PropertyRef Name="ID"/></Key>
//!       <Property Name="ID" Type="Edm.Int32" Nullable="false"/>
//!       <Property Name="Title" Type="Edm.String"/></EntityType>
//!     <EntityContainer Name="C"><EntitySet Name="Books" EntityType="demo.Book"/></EntityContainer>
//!   </Schema></edmx:DataServices></edmx:Edmx>"#;
//! let code = odata_codegen::generate_source(edmx, "books", &Default::default()).unwrap();
//! assert!(code.contains("pub struct Book {"));
//! assert!(code.contains("pub title: ::core::option::Option<::std::string::String>"));
//! ```

mod builder;
mod expand;
pub mod gen;
pub mod naming;

pub use builder::{Builder, Generated};
pub use expand::expand_service;
pub use gen::{generate_module, generate_module_source, ModuleSpec, Options, MAX_ITEMS};

use std::fmt;

/// What can go wrong while generating code.
#[derive(Debug)]
pub enum Error {
    /// The EDMX file could not be read.
    Io { path: String, source: std::io::Error },
    /// The EDMX document is broken: every problem with its line and column.
    Edmx { path: String, errors: odata_edmx::Errors },
    /// `only` names entity sets or operations the service does not have.
    UnknownNames { unknown: Vec<String>, available: Vec<String> },
    /// The model cannot be turned into code.
    Generate(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => write!(f, "cannot read {path}: {source}"),
            Error::Edmx { path, errors } => write!(f, "{}", errors.display_with_file(path)),
            Error::UnknownNames { unknown, available } => write!(
                f,
                "`only` names {} that the service does not have; available: {}",
                quoted(unknown),
                quoted(available)
            ),
            Error::Generate(message) => f.write_str(message),
        }
    }
}

fn quoted(names: &[String]) -> String {
    names.iter().map(|n| format!("'{n}'")).collect::<Vec<_>>().join(", ")
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            Error::Edmx { errors, .. } => Some(errors),
            _ => None,
        }
    }
}

/// Reads an EDMX file, refusing one above [`odata_edmx::MAX_DOCUMENT_BYTES`] before
/// reading it.
pub fn read_edmx(path: &std::path::Path) -> std::io::Result<String> {
    let size = std::fs::metadata(path)?.len();
    if size > odata_edmx::MAX_DOCUMENT_BYTES as u64 {
        return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, odata_edmx::too_large(size)));
    }
    std::fs::read_to_string(path)
}

/// Reads `edmx` (named `label` in errors) forgivingly, or strictly with
/// [`Options::strict`]: the model, whose [`warnings`](odata_edmx::Model::warnings) say
/// what was skipped.
pub fn read_model(edmx: &str, label: &str, options: &Options) -> Result<odata_edmx::Model, Error> {
    let parse = odata_edmx::ParseOptions { strict: options.strict };
    odata_edmx::parse_with(edmx, &parse).map_err(|errors| Error::Edmx { path: label.to_owned(), errors })
}

/// The warnings of a model, each as `file:line:column: message`.
pub fn warnings_of(model: &odata_edmx::Model, label: &str) -> Vec<String> {
    model.warnings.iter().map(|w| format!("{label}:{w}")).collect()
}

/// Parses `edmx` and generates `pub mod module_name { … }`.
pub fn generate_tokens(edmx: &str, module_name: &str, options: &Options) -> Result<proc_macro2::TokenStream, Error> {
    let model = read_model(edmx, &options.source_label, options)?;
    generate_module(&model, &ModuleSpec::public(module_name)?, options, proc_macro2::TokenStream::new())
}

/// Like [`generate_tokens`], pretty-printed as a Rust source file.
pub fn generate_source(edmx: &str, module_name: &str, options: &Options) -> Result<String, Error> {
    let model = read_model(edmx, &options.source_label, options)?;
    pretty_module(&model, &ModuleSpec::public(module_name)?, options)
}

/// The module for `model`, pretty-printed item by item (syn + prettyplease): the
/// syntax tree of one item at a time is held, never the whole module's, so memory stays
/// a small multiple of the output however large the service.
pub fn pretty_module(model: &odata_edmx::Model, spec: &ModuleSpec, options: &Options) -> Result<String, Error> {
    let mut out = String::new();
    let (selection, _) = gen::select(model, options)?;
    gen::write_module(model, spec, options, selection, proc_macro2::TokenStream::new(), &mut |part, code| {
        match part {
            gen::Part::Head => {
                // The module's attributes and `mod name {`, as prettyplease writes an empty module.
                let empty = pretty_file(&format!("{code}}}"))?;
                let open = empty.trim_end().strip_suffix("{}").ok_or_else(|| bug("the module head"))?;
                out.push_str(open);
                out.push_str("{\n");
            }
            gen::Part::Items => {
                // Formatted inside a module, as they will stand: indented, within the width.
                let wrapped = pretty_file(&format!("mod __chunk {{{code}}}"))?;
                let inner = wrapped
                    .strip_prefix("mod __chunk {\n")
                    .and_then(|rest| rest.strip_suffix("}\n"))
                    .ok_or_else(|| bug("an item chunk"))?;
                out.push_str(inner);
            }
        }
        Ok(())
    })?;
    out.push_str("}\n");
    Ok(out)
}

/// Source text of whole items (or inner attributes), parsed and pretty-printed.
fn pretty_file(code: &str) -> Result<String, Error> {
    let file: syn::File = syn::parse_str(code).map_err(|e| bug(&format!("generated code does not parse: {e}")))?;
    Ok(prettyplease::unparse(&file))
}

fn bug(what: &str) -> Error {
    Error::Generate(format!("{what} (a bug in the generator)"))
}

/// Pretty-prints tokens as a source file (syn + prettyplease).
pub fn pretty(tokens: proc_macro2::TokenStream) -> Result<String, Error> {
    let file: syn::File =
        syn::parse2(tokens).map_err(|e| Error::Generate(format!("generated code does not parse (a bug): {e}")))?;
    Ok(prettyplease::unparse(&file))
}
