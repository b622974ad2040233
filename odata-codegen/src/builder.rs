//! The build.rs door: writes the generated module to a file.

use crate::gen::{generate_module, ModuleSpec, Options};
use crate::{pretty, Error};
use std::path::{Path, PathBuf};

/// Generates a module from an EDMX file in `build.rs`, as prost-build does for protobuf.
///
/// The file `$OUT_DIR/<module>.rs` holds `pub mod <module> { … }`, pretty-printed, so
/// rust-analyzer and readers see plain Rust (the better door for very large services).
/// Cargo is told to rebuild when the EDMX file changes.
///
/// ```no_run
/// // build.rs
/// fn main() -> Result<(), Box<dyn std::error::Error>> {
///     odata_codegen::Builder::new()
///         .only(["A_BusinessPartner", "A_BusinessPartnerAddress"])
///         .generate("metadata/API_BUSINESS_PARTNER.edmx", "business_partner")?;
///     Ok(())
/// }
/// // src/lib.rs: include!(concat!(env!("OUT_DIR"), "/business_partner.rs"));
/// ```
#[derive(Clone, Debug, Default)]
pub struct Builder {
    options: Options,
    out_dir: Option<PathBuf>,
}

impl Builder {
    /// A builder with default options (runtime at `::odata_runtime`, everything generated).
    pub fn new() -> Self {
        Builder::default()
    }

    /// The path of the runtime crate in generated code (default `::odata_runtime`).
    pub fn runtime_path(mut self, path: &str) -> Result<Self, Error> {
        self.options.runtime_path = syn::parse_str(path)
            .map_err(|e| Error::Generate(format!("runtime path '{path}' is not a Rust path: {e}")))?;
        Ok(self)
    }

    /// Generates only these entity sets, singletons and operations, with the types they need.
    pub fn only<I, S>(mut self, names: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.options.only = Some(names.into_iter().map(Into::into).collect());
        self
    }

    /// Where to write (default: the `OUT_DIR` cargo gives build scripts).
    pub fn out_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// Generates `pub mod <module>` from `edmx` (relative to the current directory, which
    /// is the package root in build scripts) and returns the path of the written file.
    pub fn generate(&self, edmx: impl AsRef<Path>, module: &str) -> Result<PathBuf, Error> {
        let edmx = edmx.as_ref();
        let label = edmx.to_string_lossy().into_owned();
        let source = crate::read_edmx(edmx).map_err(|source| Error::Io { path: label.clone(), source })?;
        let code = self.generate_source(&source, &label, module)?;
        let out_dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR").map(PathBuf::from).ok_or_else(|| {
                Error::Generate("OUT_DIR is not set: call this from build.rs or set out_dir()".into())
            })?,
        };
        let target = out_dir.join(format!("{module}.rs"));
        std::fs::write(&target, code).map_err(|source| Error::Io { path: target.display().to_string(), source })?;
        if std::env::var_os("CARGO").is_some() && std::env::var_os("OUT_DIR").is_some() {
            println!("cargo:rerun-if-changed={}", edmx.display());
        }
        Ok(target)
    }

    /// Generates the module from EDMX text; `label` names the source in docs and errors.
    pub fn generate_source(&self, edmx: &str, label: &str, module: &str) -> Result<String, Error> {
        let model = odata_edmx::parse(edmx).map_err(|errors| Error::Edmx { path: label.to_owned(), errors })?;
        let options = Options { source_label: label.to_owned(), ..self.options.clone() };
        let tokens = generate_module(&model, &ModuleSpec::public(module)?, &options, proc_macro2::TokenStream::new())?;
        pretty(tokens)
    }
}
