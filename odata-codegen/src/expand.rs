//! The `service!` macro's input and expansion, outside the proc-macro crate so it can be
//! tested and shared (the macro crate only forwards tokens).
//!
//! ```text
//! odata_derive::service! {
//!     /// Docs for the module.
//!     pub mod business_partner = "metadata-samples/API_BUSINESS_PARTNER.edmx";
//!     pub mod travel = "metadata-samples/TravelService.v4.edmx" {
//!         only: ["Travels", "acceptTravel"],
//!         runtime: ::odata_runtime,
//!     }
//! }
//! ```

use crate::gen::{generate_module, ModuleSpec, Options};
use crate::Error;
use proc_macro2::TokenStream;
use quote::quote;
use std::path::PathBuf;
use syn::parse::{Parse, ParseStream};
use syn::{braced, bracketed, Attribute, Ident, LitStr, Token};

struct Service {
    spec: ModuleSpec,
    path: LitStr,
    only: Option<(Vec<String>, proc_macro2::Span)>,
    runtime: Option<syn::Path>,
    strict: bool,
}

struct Services(Vec<Service>);

impl Parse for Services {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut services = Vec::new();
        while !input.is_empty() {
            services.push(input.parse()?);
        }
        if services.is_empty() {
            return Err(input.error("expected `pub mod name = \"path/to/metadata.edmx\";`"));
        }
        Ok(Services(services))
    }
}

impl Parse for Service {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let attrs = input.call(Attribute::parse_outer)?;
        let vis: syn::Visibility = input.parse()?;
        input.parse::<Token![mod]>()?;
        let name: Ident = input.parse()?;
        input.parse::<Token![=]>()?;
        let path: LitStr = input.parse()?;
        let mut service =
            Service { spec: ModuleSpec { name, vis, attrs }, path, only: None, runtime: None, strict: false };
        if input.peek(syn::token::Brace) {
            let content;
            braced!(content in input);
            while !content.is_empty() {
                let key: Ident = content.parse()?;
                content.parse::<Token![:]>()?;
                match key.to_string().as_str() {
                    "only" => {
                        let list;
                        let bracket = bracketed!(list in content);
                        let names = list.parse_terminated(|p: ParseStream| p.parse::<LitStr>(), Token![,])?;
                        service.only = Some((names.iter().map(LitStr::value).collect(), bracket.span.join()));
                    }
                    "runtime" => service.runtime = Some(content.parse()?),
                    "strict" => service.strict = content.parse::<syn::LitBool>()?.value,
                    other => {
                        return Err(syn::Error::new(
                            key.span(),
                            format!("unknown option `{other}`; the options are `only: [\"EntitySet\", …]`, `runtime: path::to::odata_runtime` and `strict: true`"),
                        ))
                    }
                }
                if !content.is_empty() {
                    content.parse::<Token![,]>()?;
                }
            }
        } else {
            input.parse::<Token![;]>()?;
            return Ok(service);
        }
        let _ = input.parse::<Option<Token![;]>>()?;
        Ok(service)
    }
}

/// Expands the input of `odata_derive::service!`. Never panics: every problem becomes a
/// `compile_error!` spanned on the part of the input at fault (the path literal for
/// anything wrong with the EDMX file, with `file:line:column`).
pub fn expand_service(input: TokenStream) -> TokenStream {
    let services = match syn::parse2::<Services>(input) {
        Ok(s) => s,
        Err(e) => return e.to_compile_error(),
    };
    services.0.iter().map(|s| expand_one(s).unwrap_or_else(|e| e.to_compile_error())).collect()
}

fn expand_one(service: &Service) -> syn::Result<TokenStream> {
    let written = service.path.value();
    let span = service.path.span();
    let mut full = PathBuf::from(&written);
    if full.is_relative() {
        let root = std::env::var_os("CARGO_MANIFEST_DIR")
            .ok_or_else(|| syn::Error::new(span, "CARGO_MANIFEST_DIR is not set; give an absolute path"))?;
        full = PathBuf::from(root).join(full);
    }
    let source = crate::read_edmx(&full).map_err(|e| {
        syn::Error::new(
            span,
            format!("cannot read {written}: {e} (relative paths start at the crate root, CARGO_MANIFEST_DIR)"),
        )
    })?;
    let strict = odata_edmx::ParseOptions { strict: service.strict };
    let model = odata_edmx::parse_with(&source, &strict).map_err(|errors| {
        let mut combined = syn::Error::new(span, format!("{written}: the EDMX document is invalid"));
        for (i, e) in errors.0.iter().enumerate() {
            let error = syn::Error::new(span, format!("{written}:{e}"));
            if i == 0 {
                combined = error;
            } else {
                combined.combine(error);
            }
        }
        combined
    })?;
    let mut options = Options { source_label: written.clone(), strict: service.strict, ..Options::default() };
    if let Some(rt) = &service.runtime {
        options.runtime_path = rt.clone();
    }
    options.only = service.only.as_ref().map(|(names, _)| names.clone());
    let full_text = full.to_string_lossy().into_owned();
    let warnings = warnings(&crate::warnings_of(&model, &written), span);
    let track = quote! {
        // Makes cargo rebuild this crate when the EDMX file changes.
        const _: &[u8] = ::core::include_bytes!(#full_text);
        #warnings
    };
    generate_module(&model, &service.spec, &options, track).map_err(|e| {
        let at = match (&e, &service.only) {
            (Error::UnknownNames { .. }, Some((_, only_span))) => *only_span,
            _ => span,
        };
        syn::Error::new(at, format!("{written}: {e}"))
    })
}

/// At most this many warnings are shown one by one; the rest are counted in one more.
const MAX_WARNINGS: usize = 32;

/// Compiler warnings at `span` (the path literal), one per EDMX warning. A proc macro
/// cannot emit warnings on stable Rust, but the use of a `#[deprecated]` item can: each
/// becomes `warning: use of deprecated unit struct …: <file:line:column: message>`, which
/// `#[allow(deprecated)]` on the macro call silences and `-D warnings` makes an error.
fn warnings(messages: &[String], span: proc_macro2::Span) -> TokenStream {
    let mut shown: Vec<String> = messages.iter().take(MAX_WARNINGS).cloned().collect();
    if messages.len() > MAX_WARNINGS {
        shown.push(format!(
            "… and {} more warnings (the CLI lists them: odata-codegen inspect FILE)",
            messages.len() - MAX_WARNINGS
        ));
    }
    shown
        .iter()
        .map(|message| {
            let note = message.clone();
            quote::quote_spanned! {span=>
                const _: () = {
                    #[deprecated(note = #note)]
                    #[allow(non_camel_case_types)]
                    struct edmx_warning;
                    let _ = edmx_warning;
                };
            }
        })
        .collect()
}
