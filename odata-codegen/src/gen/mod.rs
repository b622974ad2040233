//! Model → Rust source, written as text.
//!
//! [`generate_module_source`] is the one function behind all three doors (the proc
//! macro, the build.rs [`Builder`](crate::Builder) and the CLI), so they emit the same
//! code; [`generate_module`] lexes it into tokens once.
//!
//! Every item is written as source text with `w!` into one `String`, one file per kind
//! of item: `entity.rs` (entity, key and `Patch` structs, query constants), `complex.rs`
//! (complex types, type definitions), `enums.rs`, `object.rs` (fields and the JSON impls
//! every struct gets), `operations.rs` (operation methods and parameters structs) and
//! `service.rs` (name constants, set markers, `Service`). Names come from
//! `naming.rs`. Text, not `quote!`: a large service is over a million
//! tokens, and building each as a `proc_macro2` value cost several times the rest of the
//! generator; the compiler lexes the text in one call.

/// Appends formatted source text to a `String` (`write!` that cannot fail).
macro_rules! w {
    ($out:expr, $($arg:tt)*) => {{
        use ::std::fmt::Write as _;
        let _ = ::std::write!($out, $($arg)*);
    }};
}

mod complex;
mod create;
mod docs;
mod entity;
mod enums;
mod object;
mod operations;
mod select;
mod service;

pub use select::Selection;

use crate::naming::{self, Scope};
use crate::Error;
use odata_edmx::{Model, ODataVersion, Primitive, Property, TypeRef};
use proc_macro2::{Ident, Span, TokenStream};
use quote::ToTokens;
use std::collections::BTreeMap;

/// A generated item: its name (the order items are written in) and its source.
type Item = (String, String);

/// What to generate and how to refer to the runtime.
#[derive(Clone, Debug)]
pub struct Options {
    /// Path of the runtime crate in generated code (default `::odata_runtime`).
    pub runtime_path: syn::Path,
    /// Generate only these entity sets, singletons and operations (with the types they need).
    pub only: Option<Vec<String>>,
    /// How the source file is named in generated docs.
    pub source_label: String,
    /// Every warning of the EDMX reader is an error (nothing is skipped).
    pub strict: bool,
    /// The most items (types, properties, navigation properties, operations, entity
    /// sets) a module is generated with; a larger service fails before any code is
    /// generated. Default [`MAX_ITEMS`].
    pub max_items: usize,
}

/// The default [`Options::max_items`]: 500,000, about a 36 MB `$metadata` document
/// (the largest real SAP services have a few thousand). Generating it takes about 20×
/// the document's size in memory on the macro's path and 40× pretty-printed.
pub const MAX_ITEMS: usize = 500_000;

impl Default for Options {
    fn default() -> Self {
        Options {
            runtime_path: syn::parse_quote!(::odata_runtime),
            only: None,
            source_label: String::new(),
            strict: false,
            max_items: MAX_ITEMS,
        }
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
    // About 1,100 bytes of source per item (a property's field, constant, table arms and
    // docs; the ERP-shaped sample): one allocation for most services. Past it the text grows
    // by an eighth at a time, not by doubling, which would hold twice the module at the end;
    // but each step copies the text so far (an estimate 10 % short cost the ERP sample
    // 37 % of its generate time in the criterion bench).
    let (selection, items) = select(model, options)?;
    let mut out = String::with_capacity(items.saturating_mul(1150));
    write_module(model, spec, options, selection, extra, &mut |_, code| {
        if out.capacity() - out.len() < code.len() {
            out.reserve_exact(code.len().max(out.capacity() / 8));
        }
        out.push_str(code);
        Ok(())
    })?;
    out.push('}');
    Ok(out)
}

/// What `options.only` selects of `model` (everything without it) and how many items
/// that is; more than `options.max_items` fails here, before anything is generated.
pub(crate) fn select(model: &Model, options: &Options) -> Result<(Selection, usize), Error> {
    let selection = match &options.only {
        None => Selection::all(model),
        Some(names) => Selection::only(model, names)
            .map_err(|unknown| Error::UnknownNames { unknown, available: Selection::available_names(model) })?,
    };
    let items = selection.item_count(model);
    if items > options.max_items {
        return Err(Error::Generate(format!(
            "the service has {items} items (types, properties, navigation properties, operations, entity sets), \
             more than the generator's limit of {}: generate the parts you use with `only: [...]`",
            options.max_items
        )));
    }
    Ok((selection, items))
}

/// A piece of a module's source, as [`write_module`] hands it out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Part {
    /// The module's outer attributes and `vis mod name {`.
    Head,
    /// Whole items (the first piece starts with the module's inner doc attributes), in
    /// their order; the closing `}` is the caller's.
    Items,
}

/// Writes the module's source for `selection` (from [`select`]) piece by piece into `sink`, each item (an entity type with
/// its key and patch types, a complex type, …) as soon as it is generated, so that no
/// more than the output and one item's text are held at once. Items come in the order
/// of their names.
pub(crate) fn write_module(
    model: &Model,
    spec: &ModuleSpec,
    options: &Options,
    selection: Selection,
    extra: TokenStream,
    sink: &mut dyn FnMut(Part, &str) -> Result<(), Error>,
) -> Result<(), Error> {
    let g = Generator::new(model, options, selection);
    let ModuleSpec { name, vis, attrs } = spec;
    // The module's own attributes and the macro's extra items come as tokens (the
    // user's input); they are written out once, as everything else is written.
    let mut head = String::new();
    for attr in attrs {
        w!(head, "{}", attr.to_token_stream());
    }
    w!(
        head,
        "#[allow(clippy::all, non_camel_case_types, non_snake_case, unused_imports, dead_code, rustdoc::bare_urls)] \
         {} mod {name} {{",
        vis.to_token_stream()
    );
    sink(Part::Head, &head)?;
    let mut first = String::new();
    g.module_doc(&mut first);
    w!(first, "{extra}");
    g.write_items(&mut first, &mut |code| sink(Part::Items, code))
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
    /// The runtime's path in generated code (`::odata_runtime`), as source text.
    pub rt: String,
    pub sel: Selection,
    pub source_label: String,
    pub entity_names: BTreeMap<usize, Ident>,
    pub key_names: BTreeMap<usize, Ident>,
    pub patch_names: BTreeMap<usize, Ident>,
    /// The create type (`NewX`) of each entity type a create can send (see
    /// `create::creatable_entities`).
    pub new_names: BTreeMap<usize, Ident>,
    pub complex_names: BTreeMap<usize, Ident>,
    pub enum_names: BTreeMap<usize, Ident>,
    pub definition_names: BTreeMap<usize, Ident>,
    /// The Rust type of each type definition's underlying primitive, by the
    /// definition's name: a field of an alias type is read and written as that primitive.
    pub definition_primitives: std::collections::HashMap<String, String>,
    /// The parameters struct of each operation import (by import) and bound operation
    /// (by operation) that has parameters: claimed with every other type of the module.
    pub params_names: BTreeMap<Params, Ident>,
    /// The selected operations bound to each entity type, in model order: each entity
    /// looks up its own instead of scanning every operation (quadratic at scale).
    pub bound_by_entity: std::collections::HashMap<usize, Vec<usize>>,
    /// The entity sets of each entity type, in model order.
    pub sets_by_entity: std::collections::HashMap<usize, Vec<usize>>,
    /// The complex types that are elements of a collection property (V4): they get
    /// query constants, for conditions inside `any`/`all`.
    pub element_complex: std::collections::HashSet<usize>,
    /// [`naming::field_name`] of each OData name asked for: entity, create and patch
    /// types ask for the same names (computed once: case conversion is a large part of
    /// generating a big service).
    field_names: std::cell::RefCell<std::collections::HashMap<String, String>>,
    /// [`naming::const_name`] of each field name asked for, likewise.
    const_names: std::cell::RefCell<std::collections::HashMap<String, String>>,
    /// The doc comment of each property as a field (by the property's address and
    /// whether it is a key): the entity, its create and its patch type share it.
    property_docs: std::cell::RefCell<std::collections::HashMap<(usize, bool), std::rc::Rc<str>>>,
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

/// `name(key)`, computed once per key in `cache`.
fn remembered(
    cache: &std::cell::RefCell<std::collections::HashMap<String, String>>,
    key: &str,
    name: fn(&str) -> String,
) -> String {
    if let Some(known) = cache.borrow().get(key) {
        return known.clone();
    }
    let made = name(key);
    cache.borrow_mut().insert(key.to_owned(), made.clone());
    made
}

pub(crate) fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

impl<'m> Generator<'m> {
    /// [`naming::field_name`], remembered per OData name.
    pub(crate) fn field_name(&self, odata: &str) -> String {
        remembered(&self.field_names, odata, naming::field_name)
    }

    /// [`naming::const_name`] of a field name (`last_name` → `LAST_NAME`), remembered.
    pub(crate) fn const_name_of(&self, field: &str) -> String {
        remembered(&self.const_names, field, naming::const_name)
    }

    /// The doc comment of property `p` as a field, made once per property (`make`).
    pub(crate) fn property_doc_once(
        &self,
        p: &Property,
        is_key: bool,
        make: impl FnOnce() -> String,
    ) -> std::rc::Rc<str> {
        let id = (p as *const Property as usize, is_key);
        if let Some(doc) = self.property_docs.borrow().get(&id) {
            return doc.clone();
        }
        let doc: std::rc::Rc<str> = make().into();
        self.property_docs.borrow_mut().insert(id, doc.clone());
        doc
    }

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
            rt: path_text(&options.runtime_path),
            sel,
            source_label: options.source_label.clone(),
            entity_names: BTreeMap::new(),
            key_names: BTreeMap::new(),
            patch_names: BTreeMap::new(),
            new_names: BTreeMap::new(),
            complex_names: BTreeMap::new(),
            enum_names: BTreeMap::new(),
            definition_names: BTreeMap::new(),
            definition_primitives: Default::default(),
            params_names: BTreeMap::new(),
            bound_by_entity: Default::default(),
            sets_by_entity: Default::default(),
            element_complex: Default::default(),
            field_names: Default::default(),
            const_names: Default::default(),
            property_docs: Default::default(),
        };
        if model.version == odata_edmx::ODataVersion::V4 {
            let entity_properties = g.sel.entities.iter().flat_map(|&i| &model.entity_types[i].properties);
            let complex_properties = g.sel.complex.iter().flat_map(|&i| &model.complex_types[i].properties);
            for p in entity_properties.chain(complex_properties) {
                if let TypeRef::Collection(element) = &p.ty {
                    if let TypeRef::Complex(c) = &**element {
                        g.element_complex.insert(c.0);
                    }
                }
            }
        }
        for (i, set) in model.container.entity_sets.iter().enumerate() {
            g.sets_by_entity.entry(set.entity_type.0).or_default().push(i);
        }
        for &i in &g.sel.operations {
            let op = &model.operations[i];
            let bound = op.parameters.first().filter(|_| op.is_bound).and_then(|p| match &p.ty {
                TypeRef::Entity(id) => Some(id.0),
                TypeRef::Collection(inner) => match &**inner {
                    TypeRef::Entity(id) => Some(id.0),
                    _ => None,
                },
                _ => None,
            });
            if let Some(entity) = bound {
                g.bound_by_entity.entry(entity).or_default().push(i);
            }
        }
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
        let primitives: Vec<(String, String)> = g
            .definition_names
            .iter()
            .map(|(&i, name)| (name.to_string(), g.primitive_text(&model.type_definitions[i].underlying)))
            .collect();
        g.definition_primitives.extend(primitives);
        for (_, kind, i) in &decls {
            if *kind == Kind::Entity && !model.key_of(odata_edmx::EntityTypeId(*i)).is_empty() {
                let wanted = naming::key_type(&g.entity_names[i].to_string());
                g.key_names.insert(*i, ident(&scope.claim(&wanted)));
                let wanted = naming::patch_type(&g.entity_names[i].to_string());
                g.patch_names.insert(*i, ident(&scope.claim(&wanted)));
            }
        }
        let creatable = g.creatable_entities();
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
        // Create types last, so that adding them renamed nothing that existed before.
        for (_, kind, i) in &decls {
            if *kind == Kind::Entity && creatable.contains(i) {
                let wanted = naming::new_type(&g.entity_names[i].to_string());
                g.new_names.insert(*i, ident(&scope.claim(&wanted)));
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

    /// `::odata_runtime::Version::V2` or `…V4`.
    pub fn version_text(&self) -> String {
        match self.model.version {
            ODataVersion::V2 => format!("{}::Version::V2", self.rt),
            ODataVersion::V4 => format!("{}::Version::V4", self.rt),
        }
    }

    /// The Rust type of a primitive, as source text.
    pub fn primitive_text(&self, p: &Primitive) -> String {
        let rt = &self.rt;
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
    pub fn rust_type(&self, ty: &TypeRef) -> String {
        let named = match ty {
            TypeRef::Primitive(p) => return self.primitive_text(p),
            TypeRef::Collection(inner) => return format!("::std::vec::Vec<{}>", self.rust_type(inner)),
            TypeRef::Entity(id) => self.entity_names.get(&id.0),
            TypeRef::Complex(id) => self.complex_names.get(&id.0),
            TypeRef::Enum(id) => self.enum_names.get(&id.0),
            TypeRef::Definition(id) => self.definition_names.get(&id.0),
        };
        match named {
            Some(name) => name.to_string(),
            None => format!("{}::edm::RawJson", self.rt),
        }
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

    /// The module's inner doc attributes.
    fn module_doc(&self, out: &mut String) {
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
        for line in docs::lines(&paragraphs) {
            w!(out, "#![doc = {}]", lit(&line));
        }
    }

    /// Appends the module's items to `out`.
    /// Writes the items after `first` (the module's docs and extra items): the constants
    /// and the service, then every type in the order of its name (an entity type with
    /// its key and patch types), each handed to `sink` when it is written.
    fn write_items(&self, first: &mut String, sink: &mut dyn FnMut(&str) -> Result<(), Error>) -> Result<(), Error> {
        let namespace = self.model.schemas.first().map(|s| s.namespace.as_str()).unwrap_or_default();
        w!(
            first,
            "/// The OData version of this service.\npub const VERSION: {}::Version = {};\n\
             /// The namespace of the service's first schema.\npub const NAMESPACE: &str = {};",
            self.rt,
            self.version_text(),
            lit(namespace)
        );
        self.constants(first);
        self.service(first);
        sink(first)?;
        let mut units: Vec<(String, Kind, usize)> = Vec::new();
        units.extend(self.sel.entities.iter().map(|i| (self.entity_names[i].to_string(), Kind::Entity, *i)));
        units.extend(self.sel.complex.iter().map(|i| (self.complex_names[i].to_string(), Kind::Complex, *i)));
        units.extend(self.sel.enums.iter().map(|i| (self.enum_names[i].to_string(), Kind::Enum, *i)));
        units.extend(self.sel.definitions.iter().map(|i| (self.definition_names[i].to_string(), Kind::Definition, *i)));
        units.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        for (_, kind, i) in units {
            match kind {
                Kind::Entity => {
                    for (_, code) in self.entity(i)? {
                        sink(&code)?;
                    }
                }
                Kind::Complex => sink(&self.complex(i).1)?,
                Kind::Enum => sink(&self.enum_type(i).1)?,
                Kind::Definition => sink(&self.definition(i).1)?,
            }
        }
        Ok(())
    }
}

/// Items sorted by name, so that generated code diffs stay small.
fn sorted(items: impl IntoIterator<Item = Item>) -> Vec<String> {
    let mut items: Vec<Item> = items.into_iter().collect();
    items.sort_by(|a, b| a.0.cmp(&b.0));
    items.into_iter().map(|(_, code)| code).collect()
}

fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// The OData name of a type reference, for docs (`` `Edm.String` ``, `collection of …`).
pub(crate) fn odata_type_name(model: &Model, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Primitive(p) => format!("`{}`", p.edm_name()),
        TypeRef::Entity(id) => format!("`{}`", model.entity(*id).name),
        TypeRef::Complex(id) => format!("`{}`", model.complex(*id).name),
        TypeRef::Enum(id) => format!("`{}`", model.enum_types[id.0].name),
        TypeRef::Definition(id) => format!("`{}`", model.type_definitions[id.0].name),
        TypeRef::Collection(inner) => format!("collection of {}", odata_type_name(model, inner)),
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
