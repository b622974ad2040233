//! Model → Rust source.
//!
//! [`generate_module_source`] is the one function behind all three doors (the proc
//! macro, the build.rs [`Builder`](crate::Builder) and the CLI), so they emit the same
//! code; [`generate_module`] turns it into tokens.
//!
//! The bulk of a service (types: several items per property) is written as source text
//! and lexed once, not built token by token with `quote!`: a large service is over a
//! million tokens, and building, copying and dropping each one as a `proc_macro2` value
//! cost several times the rest of the generator (in a real macro each is also a call
//! across the compiler's proc-macro bridge, where one lexing call is cheap). Smaller,
//! rarer parts (the service struct, operations) stay `quote!`.

/// Appends formatted source text to a `String` (`write!` that cannot fail).
macro_rules! w {
    ($out:expr, $($arg:tt)*) => {{
        use ::std::fmt::Write as _;
        let _ = ::std::write!($out, $($arg)*);
    }};
}

mod docs;
mod select;
mod types;

pub use select::Selection;

use crate::naming::{self, Scope};
use crate::Error;
use odata_edmx::{Model, ODataVersion, Primitive, TypeRef};
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use std::collections::{BTreeMap, HashSet};

/// What to generate and how to refer to the runtime.
#[derive(Clone, Debug)]
pub struct Options {
    /// Path of the runtime crate in generated code (default `::odata_runtime`).
    pub runtime_path: syn::Path,
    /// Generate only these entity sets, singletons and operations (with the types they need).
    pub only: Option<Vec<String>>,
    /// How the source file is named in generated docs.
    pub source_label: String,
}

impl Default for Options {
    fn default() -> Self {
        Options { runtime_path: syn::parse_quote!(::odata_runtime), only: None, source_label: String::new() }
    }
}

/// The module to generate: its name, visibility and outer attributes (docs).
#[derive(Clone)]
pub struct ModuleSpec {
    pub name: Ident,
    pub vis: syn::Visibility,
    pub attrs: Vec<syn::Attribute>,
}

impl ModuleSpec {
    /// `pub mod name`.
    pub fn public(name: &str) -> Result<Self, Error> {
        let name = syn::parse_str::<Ident>(name)
            .map_err(|_| Error::Generate(format!("'{name}' is not a valid module name")))?;
        Ok(ModuleSpec { name, vis: syn::parse_quote!(pub), attrs: Vec::new() })
    }
}

/// Generates `#vis mod #name { … }` for `model`, with `extra` items inside the module,
/// as tokens (in a proc macro the compiler lexes the source in one call).
pub fn generate_module(
    model: &Model,
    spec: &ModuleSpec,
    options: &Options,
    extra: TokenStream,
) -> Result<TokenStream, Error> {
    let source = generate_module_source(model, spec, options, extra)?;
    source.parse().map_err(|e| Error::Generate(format!("generated code does not lex (a bug): {e}")))
}

/// Generates `#vis mod #name { … }` for `model`, with `extra` items inside the module,
/// as source text (unformatted; [`crate::pretty`] formats it).
pub fn generate_module_source(
    model: &Model,
    spec: &ModuleSpec,
    options: &Options,
    extra: TokenStream,
) -> Result<String, Error> {
    let selection = match &options.only {
        None => Selection::all(model),
        Some(names) => Selection::only(model, names)
            .map_err(|unknown| Error::UnknownNames { unknown, available: Selection::available_names(model) })?,
    };
    let g = Generator::new(model, options, selection);
    let ModuleSpec { name, vis, attrs } = spec;
    let header = g.module_doc();
    let mut out = quote! {
        #(#attrs)*
        #[allow(clippy::all, non_camel_case_types, non_snake_case, unused_imports, dead_code, rustdoc::bare_urls)]
        #vis mod #name {
            #header
            #extra
        }
    }
    .to_string();
    // The module's closing brace is the last character; the items go before it.
    out.pop();
    g.write_items(&mut out)?;
    out.push('}');
    Ok(out)
}

/// A string literal as source text.
pub(crate) fn lit(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    push_lit(&mut out, text);
    out
}

/// Appends `text` as a string literal.
pub(crate) fn push_lit(out: &mut String, text: &str) {
    out.reserve(text.len() + 2);
    out.push('"');
    push_escaped(out, text);
    out.push('"');
}

/// Appends the inside of a string literal for `text`: printable ASCII as it is, anything
/// else escaped the way `{:?}` escapes it.
pub(crate) fn push_escaped(out: &mut String, text: &str) {
    if text.bytes().all(|b| (b' '..=b'~').contains(&b) && b != b'"' && b != b'\\') {
        out.push_str(text);
    } else {
        let quoted = format!("{text:?}");
        out.push_str(&quoted[1..quoted.len() - 1]);
    }
}

/// Naming and type mapping for one generation run.
pub(crate) struct Generator<'m> {
    pub model: &'m Model,
    pub rt: syn::Path,
    /// `rt` as source text.
    pub rt_text: String,
    pub sel: Selection,
    pub source_label: String,
    pub entity_names: BTreeMap<usize, Ident>,
    pub key_names: BTreeMap<usize, Ident>,
    pub patch_names: BTreeMap<usize, Ident>,
    pub complex_names: BTreeMap<usize, Ident>,
    pub enum_names: BTreeMap<usize, Ident>,
    pub definition_names: BTreeMap<usize, Ident>,
    /// The parameters struct of each operation import (by import) and bound operation
    /// (by operation) that has parameters: claimed with every other type of the module.
    pub params_names: BTreeMap<Params, Ident>,
}

/// Whose parameters struct.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Params {
    Import(usize),
    Bound(usize),
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Entity,
    Complex,
    Enum,
    Definition,
}

pub(crate) fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

impl<'m> Generator<'m> {
    fn new(model: &'m Model, options: &Options, sel: Selection) -> Self {
        // Every type name is claimed in the order of the qualified OData names, so the
        // result does not depend on declaration order; key structs come after all types.
        let mut decls: Vec<(String, Kind, usize)> = Vec::new();
        decls.extend(sel.entities.iter().map(|&i| (model.entity_types[i].name.to_string(), Kind::Entity, i)));
        decls.extend(sel.complex.iter().map(|&i| (model.complex_types[i].name.to_string(), Kind::Complex, i)));
        decls.extend(sel.enums.iter().map(|&i| (model.enum_types[i].name.to_string(), Kind::Enum, i)));
        decls
            .extend(sel.definitions.iter().map(|&i| (model.type_definitions[i].name.to_string(), Kind::Definition, i)));
        decls.sort();
        let mut scope = Scope::camel();
        scope.reserve("Service"); // the generated service struct
        let mut g = Generator {
            model,
            rt: options.runtime_path.clone(),
            rt_text: path_text(&options.runtime_path),
            sel,
            source_label: options.source_label.clone(),
            entity_names: BTreeMap::new(),
            key_names: BTreeMap::new(),
            patch_names: BTreeMap::new(),
            complex_names: BTreeMap::new(),
            enum_names: BTreeMap::new(),
            definition_names: BTreeMap::new(),
            params_names: BTreeMap::new(),
        };
        for (qualified, kind, i) in &decls {
            let simple = qualified.rsplit('.').next().unwrap_or(qualified);
            let name = ident(&scope.claim(&naming::type_name(simple)));
            match kind {
                Kind::Entity => g.entity_names.insert(*i, name),
                Kind::Complex => g.complex_names.insert(*i, name),
                Kind::Enum => g.enum_names.insert(*i, name),
                Kind::Definition => g.definition_names.insert(*i, name),
            };
        }
        for (_, kind, i) in &decls {
            if *kind == Kind::Entity && !model.key_of(odata_edmx::EntityTypeId(*i)).is_empty() {
                let wanted = naming::key_type(&g.entity_names[i].to_string());
                g.key_names.insert(*i, ident(&scope.claim(&wanted)));
                let wanted = naming::patch_type(&g.entity_names[i].to_string());
                g.patch_names.insert(*i, ident(&scope.claim(&wanted)));
            }
        }
        // Parameters structs live beside the types: the same claim table.
        for &i in &g.sel.imports {
            let import = &model.container.imports[i];
            let op = &model.operations[import.operations[0].0];
            if !op.parameters.is_empty() {
                let wanted = naming::parameters_type(None, &import.name, false);
                g.params_names.insert(Params::Import(i), ident(&scope.claim(&wanted)));
            }
        }
        for &i in &g.sel.operations {
            let op = &model.operations[i];
            if let Some((entity, collection)) = g.bound_to(op) {
                if op.parameters.len() > 1 {
                    let wanted = naming::parameters_type(Some(&entity.to_string()), &op.name.name, collection);
                    g.params_names.insert(Params::Bound(i), ident(&scope.claim(&wanted)));
                }
            }
        }
        g
    }

    /// The generated entity type an operation is bound to, and whether to a collection
    /// of it; `None` for unbound operations and those bound to anything else.
    fn bound_to(&self, op: &odata_edmx::Operation) -> Option<(&Ident, bool)> {
        if !op.is_bound {
            return None;
        }
        match &op.parameters.first()?.ty {
            TypeRef::Entity(id) => Some((self.entity_names.get(&id.0)?, false)),
            TypeRef::Collection(inner) => match &**inner {
                TypeRef::Entity(id) => Some((self.entity_names.get(&id.0)?, true)),
                _ => None,
            },
            _ => None,
        }
    }

    pub fn version_tokens(&self) -> TokenStream {
        let rt = &self.rt;
        match self.model.version {
            ODataVersion::V2 => quote!(#rt::Version::V2),
            ODataVersion::V4 => quote!(#rt::Version::V4),
        }
    }

    /// The Rust type of a primitive, as source text.
    pub fn primitive_text(&self, p: &Primitive) -> String {
        let rt = &self.rt_text;
        match p {
            Primitive::String => "::std::string::String".into(),
            Primitive::Boolean => "bool".into(),
            Primitive::Byte => "u8".into(),
            Primitive::SByte => "i8".into(),
            Primitive::Int16 => "i16".into(),
            Primitive::Int32 => "i32".into(),
            Primitive::Int64 => "i64".into(),
            Primitive::Single => "f32".into(),
            Primitive::Double => "f64".into(),
            Primitive::Decimal => format!("{rt}::edm::Decimal"),
            Primitive::Guid => format!("{rt}::edm::Guid"),
            Primitive::Binary => format!("{rt}::edm::Binary"),
            Primitive::DateTime => format!("{rt}::edm::DateTime"),
            Primitive::DateTimeOffset => format!("{rt}::edm::DateTimeOffset"),
            Primitive::Date => format!("{rt}::edm::Date"),
            Primitive::Time | Primitive::TimeOfDay => format!("{rt}::edm::TimeOfDay"),
            Primitive::Duration => format!("{rt}::edm::Duration"),
            Primitive::Stream | Primitive::Geography(_) | Primitive::Geometry(_) | Primitive::Untyped(_) => {
                format!("{rt}::edm::RawJson")
            }
        }
    }

    /// The Rust type of a type reference (no `Option`), as source text. A type outside
    /// the selection (which the selection's closure prevents) is kept as raw JSON, never
    /// a panic.
    pub fn item_type_text(&self, ty: &TypeRef) -> String {
        let named = match ty {
            TypeRef::Primitive(p) => return self.primitive_text(p),
            TypeRef::Collection(inner) => return format!("::std::vec::Vec<{}>", self.item_type_text(inner)),
            TypeRef::Entity(id) => self.entity_names.get(&id.0),
            TypeRef::Complex(id) => self.complex_names.get(&id.0),
            TypeRef::Enum(id) => self.enum_names.get(&id.0),
            TypeRef::Definition(id) => self.definition_names.get(&id.0),
        };
        match named {
            Some(name) => name.to_string(),
            None => format!("{}::edm::RawJson", self.rt_text),
        }
    }

    /// [`item_type_text`](Self::item_type_text) as tokens.
    pub fn item_type(&self, ty: &TypeRef) -> TokenStream {
        self.tokens(&self.item_type_text(ty))
    }

    /// Source text this generator wrote, as tokens (for `quote!` parts).
    fn tokens(&self, source: &str) -> TokenStream {
        // The text is made of identifiers, paths and literals written here; should it
        // ever fail to lex, the error is a compile error at the macro call.
        source.parse().unwrap_or_else(|e: proc_macro2::LexError| {
            let message = format!("odata-codegen wrote source that does not lex (a bug): {e}");
            quote!(::core::compile_error!(#message))
        })
    }

    /// Whether values of `ty` are written through the Edm adapters (not serde derives).
    pub fn is_edm_value(&self, ty: &TypeRef) -> bool {
        match ty.item() {
            TypeRef::Primitive(_) => true,
            TypeRef::Enum(id) => self.enum_names.contains_key(&id.0),
            TypeRef::Definition(id) => self.definition_names.contains_key(&id.0),
            TypeRef::Entity(id) => !self.entity_names.contains_key(&id.0),
            TypeRef::Complex(id) => !self.complex_names.contains_key(&id.0),
            TypeRef::Collection(_) => false,
        }
    }

    fn module_doc(&self) -> TokenStream {
        let m = self.model;
        let namespaces: Vec<String> = m.schemas.iter().map(|s| format!("`{}`", s.namespace)).collect();
        let version = match m.version {
            ODataVersion::V2 => "OData V2",
            ODataVersion::V4 => "OData V4",
        };
        let mut paragraphs = docs::paragraphs(&m.container.docs);
        let source =
            if self.source_label.is_empty() { String::new() } else { format!(" from `{}`", self.source_label) };
        paragraphs.push(format!(
            "Generated{source} by odata-codegen: {version} (Edmx {}), namespace {}, entity container `{}`.",
            m.edmx_version,
            namespaces.join(", "),
            m.container.name
        ));
        paragraphs.push(format!(
            "{}, {}, {}, {}, {}.",
            count(self.sel.entities.len(), "entity type"),
            count(self.sel.complex.len(), "complex type"),
            count(self.sel.enums.len(), "enum type"),
            count(self.sel.sets.len(), "entity set"),
            count(self.sel.operations.len(), "operation")
        ));
        let lines = docs::lines(&paragraphs);
        quote! { #(#![doc = #lines])* }
    }

    /// Appends the module's items to `out`.
    fn write_items(&self, out: &mut String) -> Result<(), Error> {
        let mut items: Vec<(String, String)> = Vec::new();
        for &i in &self.sel.entities {
            items.extend(self.entity(i)?);
        }
        for &i in &self.sel.complex {
            items.push(self.complex(i));
        }
        for &i in &self.sel.enums {
            items.push(self.enum_type(i));
        }
        for &i in &self.sel.definitions {
            items.push(self.definition(i));
        }
        items.sort_by(|a, b| a.0.cmp(&b.0));
        let constants = self.constants();
        let version = self.version_tokens();
        let rt = &self.rt;
        let namespace = self.model.schemas.first().map(|s| s.namespace.clone()).unwrap_or_default();
        let service = self.service();
        let head = quote! {
            /// The OData version of this service.
            pub const VERSION: #rt::Version = #version;
            /// The namespace of the service's first schema.
            pub const NAMESPACE: &str = #namespace;
            #constants
            #service
        }
        .to_string();
        out.reserve(head.len() + items.iter().map(|(_, code)| code.len()).sum::<usize>());
        out.push_str(&head);
        for (_, code) in items {
            out.push_str(&code);
        }
        Ok(())
    }

    /// `entity_sets`, `singletons` and `operations` modules of name constants.
    fn constants(&self) -> TokenStream {
        let c = &self.model.container;
        let mut sets = Scope::snake();
        let set_consts = self.sel.sets.iter().map(|&i| {
            let set = &c.entity_sets[i];
            let name = ident(&sets.claim(&naming::const_name(&set.name)));
            let odata = &set.name;
            let ty = &self.entity_names[&set.entity_type.0];
            let mut flags = Vec::new();
            let caps = &set.capabilities;
            for (ok, word) in
                [(caps.creatable, "creatable"), (caps.updatable, "updatable"), (caps.deletable, "deletable")]
            {
                if !ok {
                    flags.push(format!("not {word}"));
                }
            }
            let mut paragraphs = docs::paragraphs(&set.docs);
            let flags = if flags.is_empty() { String::new() } else { format!(" ({})", flags.join(", ")) };
            paragraphs.push(format!("Entity set `{odata}` of [`{ty}`](super::{ty}){flags}."));
            let doc = docs::attr_tokens(&paragraphs);
            (name.to_string(), quote! { #doc pub const #name: &str = #odata; })
        });
        let set_consts = sorted(set_consts);
        let mut singles = Scope::snake();
        let singleton_consts = self.sel.singletons.iter().map(|&i| {
            let s = &c.singletons[i];
            let name = ident(&singles.claim(&naming::const_name(&s.name)));
            let odata = &s.name;
            let ty = &self.entity_names[&s.entity_type.0];
            let mut paragraphs = docs::paragraphs(&s.docs);
            paragraphs.push(format!("Singleton `{odata}` of [`{ty}`](super::{ty})."));
            let doc = docs::attr_tokens(&paragraphs);
            (name.to_string(), quote! { #doc pub const #name: &str = #odata; })
        });
        let singleton_consts = sorted(singleton_consts);
        let mut ops = Scope::snake();
        let import_consts = self
            .sel
            .imports
            .iter()
            .map(|&i| {
                let import = &c.imports[i];
                let name = ident(&ops.claim(&naming::const_name(&import.name)));
                let odata = &import.name;
                let mut paragraphs = docs::paragraphs(&import.docs);
                for id in &import.operations {
                    paragraphs.push(self.operation_summary(id.0, true));
                }
                let doc = docs::attr_tokens(&paragraphs);
                (name.to_string(), quote! { #doc pub const #name: &str = #odata; })
            })
            .collect::<Vec<_>>();
        let bound: Vec<usize> =
            self.sel.operations.iter().copied().filter(|&i| self.model.operations[i].is_bound).collect();
        let mut bound_names: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for i in bound {
            bound_names.entry(self.model.operations[i].name.to_string()).or_default().push(i);
        }
        let bound_consts = bound_names.iter().map(|(qualified, overloads)| {
            let simple = &self.model.operations[overloads[0]].name.name;
            let name = ident(&ops.claim(&naming::const_name(simple)));
            let mut paragraphs = docs::paragraphs(&self.model.operations[overloads[0]].docs);
            for &i in overloads {
                paragraphs.push(self.operation_summary(i, false));
            }
            let doc = docs::attr_tokens(&paragraphs);
            (name.to_string(), quote! { #doc pub const #name: &str = #qualified; })
        });
        let operation_consts = sorted(import_consts.into_iter().chain(bound_consts));
        // A module only where the service has something to put in it.
        let sets = (!set_consts.is_empty()).then(|| {
            quote! {
                /// Entity set names (the first URL segment after the service root).
                pub mod entity_sets { #(#set_consts)* }
            }
        });
        let singletons = (!singleton_consts.is_empty()).then(|| {
            quote! {
                /// Singleton names.
                pub mod singletons { #(#singleton_consts)* }
            }
        });
        let operations = (!operation_consts.is_empty()).then(|| {
            quote! {
                /// Operation names: imports (unbound) by their name, bound operations by
                /// their qualified name, as they appear in URLs.
                pub mod operations { #(#operation_consts)* }
            }
        });
        quote! { #sets #singletons #operations }
    }

    /// The `sets` module (a marker type per entity set, with the capabilities the
    /// metadata grants) and `Service`, whose accessors start typed requests.
    fn service(&self) -> TokenStream {
        let rt = &self.rt;
        let version = self.version_tokens();
        let c = &self.model.container;
        let mut types = Scope::camel();
        let mut methods = Scope::snake();
        // `Service`'s own methods.
        methods.reserve("new");
        methods.reserve("batch");
        let mut markers = Vec::new();
        let mut accessors = Vec::new();
        for &i in &self.sel.sets {
            let set = &c.entity_sets[i];
            if !self.key_names.contains_key(&set.entity_type.0) {
                continue; // an entity type without a key cannot be addressed
            }
            let marker = ident(&types.claim(&naming::type_name(&set.name)));
            let entity = &self.entity_names[&set.entity_type.0];
            let patch = &self.patch_names[&set.entity_type.0];
            let odata = &set.name;
            let caps = &set.capabilities;
            let create = caps.creatable.then(|| quote!(impl #rt::request::Creatable for #marker {}));
            let update = caps.updatable.then(|| quote!(impl #rt::request::Updatable for #marker {}));
            let delete = caps.deletable.then(|| quote!(impl #rt::request::Deletable for #marker {}));
            let mut paragraphs = docs::paragraphs(&set.docs);
            let can: Vec<&str> = [(caps.creatable, "create"), (caps.updatable, "update"), (caps.deletable, "delete")]
                .into_iter()
                .filter_map(|(ok, word)| ok.then_some(word))
                .collect();
            let can = if can.is_empty() { "read-only".to_owned() } else { format!("read, {}", can.join(", ")) };
            paragraphs.push(format!("Entity set `{odata}` of [`{entity}`](super::{entity}): {can}."));
            let doc = docs::attr_tokens(&paragraphs);
            let capabilities = quote!(#create #update #delete);
            markers.push((marker.to_string(), self.set_marker(doc, &marker, entity, patch, odata, capabilities)));
            let method = ident(&methods.claim(&naming::accessor_name(&set.name)));
            let doc = docs::attr_tokens(&[format!("The entity set `{odata}` of [`{entity}`].")]);
            let accessor = self.accessor(doc, &method, quote!(#rt::request::EntitySetRef), &marker);
            accessors.push((method.to_string(), accessor));
        }
        for &i in &self.sel.singletons {
            let single = &c.singletons[i];
            if !self.key_names.contains_key(&single.entity_type.0) {
                continue;
            }
            let marker = ident(&types.claim(&naming::type_name(&single.name)));
            let entity = &self.entity_names[&single.entity_type.0];
            let patch = &self.patch_names[&single.entity_type.0];
            let odata = &single.name;
            let mut paragraphs = docs::paragraphs(&single.docs);
            paragraphs.push(format!("Singleton `{odata}` of [`{entity}`](super::{entity}): read, update."));
            let doc = docs::attr_tokens(&paragraphs);
            let capabilities = quote!(impl #rt::request::Updatable for #marker {});
            markers.push((marker.to_string(), self.set_marker(doc, &marker, entity, patch, odata, capabilities)));
            let method = ident(&methods.claim(&naming::accessor_name(&single.name)));
            let doc = docs::attr_tokens(&[format!("The singleton `{odata}` of [`{entity}`].")]);
            let accessor = self.accessor(doc, &method, quote!(#rt::request::SingletonRef), &marker);
            accessors.push((method.to_string(), accessor));
        }
        let mut operations = Vec::new();
        for &i in &self.sel.imports {
            let (method, tokens, params) = self.operation_import(i, &mut methods);
            accessors.push((method, tokens));
            operations.extend(params);
        }
        let markers = sorted(markers);
        let accessors = sorted(accessors);
        let operations = sorted(operations);
        quote! {
            /// A marker type per entity set and singleton, carrying what the metadata
            /// allows on it.
            pub mod sets {
                #(#markers)*
            }

            #(#operations)*

            /// The service: one accessor per entity set and singleton, and a method per
            /// operation import, each starting typed requests on the client the service
            /// was made with.
            #[derive(::core::clone::Clone, ::core::fmt::Debug)]
            pub struct Service {
                client: #rt::Client,
            }

            impl Service {
                /// The service on `client` (whose service root is this service's URL).
                pub fn new(client: &#rt::Client) -> Self {
                    Service { client: ::core::clone::Clone::clone(client) }
                }

                /// A `$batch` of this service's requests: reads, and changesets of
                /// writes applied all or none (see the runtime's `batch` module).
                pub fn batch(&self) -> #rt::batch::Batch {
                    #rt::batch::Batch::new(&self.client, #version)
                }

                #(#accessors)*
            }
        }
    }

    /// The marker type of an entity set or singleton, with what the metadata allows.
    fn set_marker(
        &self,
        doc: TokenStream,
        marker: &Ident,
        entity: &Ident,
        patch: &Ident,
        odata: &str,
        capabilities: TokenStream,
    ) -> TokenStream {
        let rt = &self.rt;
        let version = self.version_tokens();
        quote! {
            #doc
            pub struct #marker;
            impl #rt::request::EntitySet for #marker {
                type Entity = super::#entity;
                type Patch = super::#patch;
                const NAME: &'static str = #odata;
                const VERSION: #rt::Version = #version;
            }
            #capabilities
        }
    }

    /// The `Service` method starting requests on an entity set or singleton.
    fn accessor(&self, doc: TokenStream, method: &Ident, reference: TokenStream, marker: &Ident) -> TokenStream {
        quote! {
            #doc
            pub fn #method(&self) -> #reference<sets::#marker> {
                #reference::new(::core::clone::Clone::clone(&self.client))
            }
        }
    }

    /// The `Service` method for an operation import, and its parameters struct.
    fn operation_import(&self, i: usize, methods: &mut Scope) -> (String, TokenStream, Option<(String, TokenStream)>) {
        let rt = &self.rt;
        let import = &self.model.container.imports[i];
        // Overloads of one unbound function share the import; the first is generated.
        let op = &self.model.operations[import.operations[0].0];
        let odata = &import.name;
        let method = ident(&methods.claim(&naming::field_name(odata)));
        let call = match (self.model.version, op.kind) {
            (ODataVersion::V2, _) if op.http_method == "POST" => {
                quote!(#rt::__private::Call::V2FunctionImport(#rt::request::Method::Post))
            }
            (ODataVersion::V2, _) => quote!(#rt::__private::Call::V2FunctionImport(#rt::request::Method::Get)),
            (ODataVersion::V4, odata_edmx::OperationKind::Function) => quote!(#rt::__private::Call::V4Function),
            (ODataVersion::V4, odata_edmx::OperationKind::Action) => quote!(#rt::__private::Call::V4Action),
        };
        let result = match &op.return_type {
            None => quote!(()),
            Some(r) => self.item_type(&r.ty),
        };
        let mut paragraphs = docs::paragraphs(&import.docs);
        paragraphs.push(self.operation_summary(import.operations[0].0, true));
        let doc = docs::attr_tokens(&paragraphs);
        if op.parameters.is_empty() {
            let tokens = quote! {
                #doc
                pub fn #method(&self) -> #rt::operation::OperationRequest<#result> {
                    #rt::operation::OperationRequest::new(::core::clone::Clone::clone(&self.client), #odata, #call, &())
                }
            };
            return (method.to_string(), tokens, None);
        }
        let params = self.params_names[&Params::Import(i)].clone();
        let params_tokens =
            self.parameters_struct(&params, &op.parameters, &format!("[`Service::{method}`] (`{odata}`)"));
        let tokens = quote! {
            #doc
            pub fn #method(&self, parameters: #params) -> #rt::operation::OperationRequest<#result> {
                #rt::operation::OperationRequest::new(::core::clone::Clone::clone(&self.client), #odata, #call, &parameters)
            }
        };
        (method.to_string(), tokens, Some((params.to_string(), params_tokens)))
    }

    /// The operations bound to entity type `id` (V4), as associated functions of its
    /// struct: those bound to one entity take its [`EntityRef`], those bound to a
    /// collection take any collection of the type (an entity set, a to-many navigation).
    ///
    /// `associated` holds the names of the type's constants: associated functions share
    /// their namespace.
    pub(crate) fn bound_operations(
        &self,
        id: odata_edmx::EntityTypeId,
        associated: &mut Scope,
    ) -> (TokenStream, Vec<(String, TokenStream)>) {
        let rt = &self.rt;
        let entity = &self.entity_names[&id.0];
        let mut fns = Vec::new();
        let mut params_items = Vec::new();
        let names = associated;
        let one = TypeRef::Entity(id);
        let many = TypeRef::Collection(Box::new(TypeRef::Entity(id)));
        // A collection-bound operation takes the plain name unless an operation of the
        // same name is bound to a single entity of the type (OData allows both).
        let on_one: HashSet<&str> = self
            .sel
            .operations
            .iter()
            .map(|&i| &self.model.operations[i])
            .filter(|op| op.is_bound && op.parameters.first().map(|p| &p.ty) == Some(&one))
            .map(|op| op.name.name.as_str())
            .collect();
        for &i in &self.sel.operations {
            let op = &self.model.operations[i];
            let binding = op.parameters.first().map(|p| &p.ty);
            let collection = match binding {
                Some(b) if op.is_bound && *b == one => false,
                Some(b) if op.is_bound && *b == many => true,
                _ => continue, // unbound, or bound to another type
            };
            let suffix = if collection && on_one.contains(op.name.name.as_str()) { "_on_collection" } else { "" };
            let method = ident(&names.claim(&naming::field_name(&format!("{}{suffix}", op.name.name))));
            let qualified = op.name.to_string();
            let call = match op.kind {
                odata_edmx::OperationKind::Function => quote!(#rt::__private::Call::V4Function),
                odata_edmx::OperationKind::Action => quote!(#rt::__private::Call::V4Action),
            };
            let result = match &op.return_type {
                None => quote!(()),
                Some(r) => self.item_type(&r.ty),
            };
            let mut paragraphs = docs::paragraphs(&op.docs);
            paragraphs.push(self.operation_summary(i, false));
            let doc = docs::attr_tokens(&paragraphs);
            let target = if collection {
                quote!(&(impl #rt::__private::BindingTarget<Binding = [#entity]> + ?Sized))
            } else {
                quote!(&#rt::request::EntityRef<#entity>)
            };
            let rest = &op.parameters[1..];
            if rest.is_empty() {
                fns.push(quote! {
                    #doc
                    pub fn #method(target: #target) -> #rt::operation::OperationRequest<#result> {
                        #rt::operation::OperationRequest::bound(target, #qualified, #call, &())
                    }
                });
            } else {
                let params = &self.params_names[&Params::Bound(i)];
                params_items.push((
                    params.to_string(),
                    self.parameters_struct(params, rest, &format!("[`{entity}::{method}`] (`{qualified}`)")),
                ));
                fns.push(quote! {
                    #doc
                    pub fn #method(target: #target, parameters: #params) -> #rt::operation::OperationRequest<#result> {
                        #rt::operation::OperationRequest::bound(target, #qualified, #call, &parameters)
                    }
                });
            }
        }
        if fns.is_empty() {
            return (TokenStream::new(), params_items);
        }
        let doc = docs::attr_tokens(&[format!(
            "Operations bound to [`{entity}`]: `{entity}::op(&service.set().key(key))` on one entity, \
             `{entity}::op(&service.set())` on a collection (`op_on_collection` where both exist)."
        )]);
        (quote! { #doc impl #entity { #(#fns)* } }, params_items)
    }

    /// A parameters struct (one field per parameter, `Option` where nullable) and its
    /// `Parameters` impl, which writes the URL literals of functions.
    fn parameters_struct(&self, params: &Ident, parameters: &[odata_edmx::Parameter], of: &str) -> TokenStream {
        let rt = &self.rt;
        let mut names = Scope::snake();
        let mut fields = Vec::new();
        let mut literal_tokens = Vec::new();
        for p in parameters {
            let f = ident(&names.claim(&naming::field_name(&p.name)));
            let name = &p.name;
            let item = self.item_type_text(&p.ty);
            let edm = self.is_edm_value(&p.ty);
            let optional = p.facets.nullable;
            let ty = if optional { format!("::core::option::Option<{item}>") } else { item };
            let mut pdoc = docs::paragraphs(&p.docs);
            pdoc.push(format!(
                "`{name}`: {}{}.",
                type_text(self.model, &p.ty),
                if optional { ", optional" } else { "" }
            ));
            let literal = if edm {
                quote!(#rt::__private::Argument::edm(value, version))
            } else {
                // Complex values have no literal form: they are sent as JSON.
                quote!(#rt::__private::Argument::json(value))
            };
            literal_tokens.push(if optional {
                quote! { if let ::core::option::Option::Some(value) = &self.#f { out.push((#name, #literal)); } }
            } else {
                quote! { { let value = &self.#f; out.push((#name, #literal)); } }
            });
            fields.push(types::Field {
                name: f,
                odata: name.clone(),
                ty,
                doc: docs::attrs(&pdoc),
                codec: if edm { types::Codec::Edm } else { types::Codec::Serde },
                required: false,
                skip_none: optional,
            });
        }
        let mut source = String::new();
        for f in &fields {
            f.write(&mut source);
        }
        let field_tokens = self.tokens(&source);
        source.clear();
        self.write_object_impl(&mut source, &params.to_string(), &fields);
        let write = self.tokens(&source);
        let params_doc = docs::attr_tokens(&[format!("The parameters of {of}.")]);
        quote! {
            #params_doc
            #[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::default::Default, ::core::cmp::PartialEq)]
            pub struct #params {
                #field_tokens
            }

            #write

            impl #rt::__private::Parameters for #params {
                fn arguments(&self, version: #rt::Version) -> ::std::vec::Vec<(&'static str, #rt::__private::Argument)> {
                    let mut out = ::std::vec::Vec::new();
                    #(#literal_tokens)*
                    out
                }
            }
        }
    }

    /// `GET`/`POST`, parameters and result of an operation, in one sentence.
    fn operation_summary(&self, i: usize, import: bool) -> String {
        let op = &self.model.operations[i];
        let kind = match op.kind {
            odata_edmx::OperationKind::Function => "Function",
            odata_edmx::OperationKind::Action => "Action",
        };
        let skip = usize::from(op.is_bound);
        let params: Vec<String> =
            op.parameters[skip..].iter().map(|p| format!("`{}`: {}", p.name, type_text(self.model, &p.ty))).collect();
        let binding = if op.is_bound {
            format!(" bound to {}", type_text(self.model, &op.parameters[0].ty))
        } else {
            String::new()
        };
        let result = op
            .return_type
            .as_ref()
            .map_or_else(|| "no result".to_owned(), |r| format!("returns {}", type_text(self.model, &r.ty)));
        let params =
            if params.is_empty() { "no parameters".to_owned() } else { format!("parameters {}", params.join(", ")) };
        let name = if import { op.name.name.clone() } else { op.name.to_string() };
        format!("{kind}{binding} ({} `{name}`): {params}; {result}.", op.http_method)
    }
}

/// Items sorted by name, so that generated code diffs stay small.
fn sorted(items: impl IntoIterator<Item = (String, TokenStream)>) -> Vec<TokenStream> {
    let mut items: Vec<(String, TokenStream)> = items.into_iter().collect();
    items.sort_by(|a, b| a.0.cmp(&b.0));
    items.into_iter().map(|(_, tokens)| tokens).collect()
}

fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// The OData name of a type reference, for docs.
pub(crate) fn type_text(model: &Model, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Primitive(p) => format!("`{}`", p.edm_name()),
        TypeRef::Entity(id) => format!("`{}`", model.entity(*id).name),
        TypeRef::Complex(id) => format!("`{}`", model.complex(*id).name),
        TypeRef::Enum(id) => format!("`{}`", model.enum_types[id.0].name),
        TypeRef::Definition(id) => format!("`{}`", model.type_definitions[id.0].name),
        TypeRef::Collection(inner) => format!("collection of {}", type_text(model, inner)),
    }
}

/// A path as source text (`::odata_runtime`).
fn path_text(path: &syn::Path) -> String {
    let mut out = String::new();
    if path.leading_colon.is_some() {
        out.push_str("::");
    }
    let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    out.push_str(&segments.join("::"));
    out
}
