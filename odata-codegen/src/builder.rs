//! The build.rs door: writes the generated module to a file.

use crate::gen::{ModuleSpec, Options};
use crate::Error;
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

    /// Makes every warning an error: an item the generator would skip (an import
    /// naming an operation declared nowhere, an unknown type) fails the build instead.
    pub fn strict(mut self, strict: bool) -> Self {
        self.options.strict = strict;
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
        let Generated { code, warnings } = self.generate_code(&source, &label, module)?;
        let in_build_script = std::env::var_os("CARGO").is_some() && std::env::var_os("OUT_DIR").is_some();
        if in_build_script {
            let _ = write_cargo_warnings(&warnings, &mut std::io::stdout().lock());
        } else {
            for warning in &warnings {
                eprintln!("warning: {warning}");
            }
        }
        let out_dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR").map(PathBuf::from).ok_or_else(|| {
                Error::Generate("OUT_DIR is not set: call this from build.rs or set out_dir()".into())
            })?,
        };
        let target = out_dir.join(format!("{module}.rs"));
        std::fs::write(&target, code).map_err(|source| Error::Io { path: target.display().to_string(), source })?;
        if in_build_script {
            println!("cargo:rerun-if-changed={}", edmx.display());
        }
        Ok(target)
    }

    /// Generates the module from EDMX text; `label` names the source in docs and errors.
    /// Warnings are dropped: [`Builder::generate_code`] returns them.
    pub fn generate_source(&self, edmx: &str, label: &str, module: &str) -> Result<String, Error> {
        Ok(self.generate_code(edmx, label, module)?.code)
    }

    /// Generates the module from EDMX text, with the warnings of what was skipped.
    pub fn generate_code(&self, edmx: &str, label: &str, module: &str) -> Result<Generated, Error> {
        let options = Options { source_label: label.to_owned(), ..self.options.clone() };
        let model = crate::read_model(edmx, label, &options)?;
        let code = crate::pretty_module(&model, &ModuleSpec::public(module)?, &options)?;
        Ok(Generated { code, warnings: crate::warnings_of(&model, label) })
    }
}

/// Tells cargo about each warning from a build script: one `cargo:warning=` line each
/// (cargo shows `warning: <crate>@<version>: <text>`).
fn write_cargo_warnings(warnings: &[String], out: &mut impl std::io::Write) -> std::io::Result<()> {
    for warning in warnings {
        writeln!(out, "cargo:warning={}", warning.replace(['\r', '\n'], " "))?;
    }
    Ok(())
}

/// A generated module and the warnings of what the generator skipped.
#[derive(Clone, Debug)]
pub struct Generated {
    /// The pretty-printed module.
    pub code: String,
    /// Each as `file:line:column: message`.
    pub warnings: Vec<String>,
}

#[cfg(test)]
mod tests {
    #[test]
    fn each_warning_is_one_cargo_warning_line() {
        let mut out = Vec::new();
        super::write_cargo_warnings(&["a.edmx:3:9: skipped\nsecond line".into(), "a.edmx:4:1: x".into()], &mut out)
            .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "cargo:warning=a.edmx:3:9: skipped second line\ncargo:warning=a.edmx:4:1: x\n"
        );
    }
}
