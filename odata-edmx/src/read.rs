//! Element tree → resolved [`Model`], collecting every error with its position.

use crate::annotations::{self, Annotation, Vocabularies};
use crate::error::{Error, Errors, Pos};
use crate::model::*;
use crate::xml::Element;
use std::collections::{HashMap, HashSet};

const EDMX_V2: &str = "http://schemas.microsoft.com/ado/2007/06/edmx";
const EDMX_V4: &str = "http://docs.oasis-open.org/odata/ns/edmx";
const SAP: &str = "http://www.sap.com/Protocols/SAPData";
const META: &str = "http://schemas.microsoft.com/ado/2007/08/dataservices/metadata";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Decl {
    Entity(usize),
    Complex(usize),
    Enum(usize),
    Definition(usize),
}

/// V2 navigation details kept until partners and association sets are resolved.
struct V2Nav {
    entity: usize,
    index: usize,
    relationship: (String, String),
    from_role: String,
    to_role: String,
}

/// A V2 navigation's entity, association and (from, to) roles.
type NavEnds<'n> = (usize, &'n (String, String), &'n str, &'n str);

struct Reader<'a> {
    version: ODataVersion,
    errors: Vec<Error>,
    /// Warnings are errors.
    strict: bool,
    /// Schema and reference aliases → namespace.
    aliases: HashMap<String, String>,
    vocab: Vocabularies,
    decls: HashMap<(String, String), Decl>,
    associations: HashMap<(String, String), &'a Element<'a>>,
    operations_by_name: HashMap<(String, String), Vec<usize>>,
    model: Model,
    entity_elements: Vec<(&'a Element<'a>, String)>,
    complex_elements: Vec<(&'a Element<'a>, String)>,
    v2_navs: Vec<V2Nav>,
    /// Indices into `v2_navs` by (association, from role), for `AssociationSet`s.
    v2_navs_by_role: HashMap<((String, String), String), Vec<usize>>,
    /// Entity set index by name (the first of a name).
    set_index: HashMap<String, usize>,
    /// Declared keys with the position of each `PropertyRef`, checked after inheritance.
    key_refs: Vec<(usize, Vec<(String, Pos)>)>,
    /// External `<Annotations Target>` blocks: (target, qualifier, annotations, position).
    external: Vec<(String, String, Vec<Annotation>, Pos)>,
    /// Set-wide `(Filterable, Sortable)` flags by entity set name.
    set_wide: Vec<(String, (bool, bool))>,
    /// Entity types that inherit from themselves (reported once, not checked further).
    cyclic: HashSet<usize>,
}

/// Reads a parsed EDMX document into a [`Model`].
pub(crate) fn read(root: &Element, options: &crate::ParseOptions) -> Result<Model, Errors> {
    let (version, disagreement) = detect_version(root)?;
    if let (Some(problem), true) = (&disagreement, options.strict) {
        return Err(Error::new(root.pos, problem.clone()).into());
    }
    let edmx_version =
        root.attr("Version").unwrap_or(if version == ODataVersion::V2 { "1.0" } else { "4.0" }).to_owned();
    let services = root
        .children
        .iter()
        .find(|c| c.name == "DataServices")
        .ok_or_else(|| Error::new(root.pos, "the Edmx element has no DataServices element"))?;
    let schemas: Vec<&Element> = services.children_named("Schema").collect();
    if schemas.is_empty() {
        return Err(Error::new(services.pos, "DataServices contains no Schema").into());
    }

    let mut reader = Reader {
        version,
        errors: Vec::new(),
        strict: options.strict,
        aliases: HashMap::new(),
        vocab: Vocabularies { aliases: HashMap::new() },
        decls: HashMap::new(),
        associations: HashMap::new(),
        operations_by_name: HashMap::new(),
        model: Model {
            version,
            edmx_version,
            schemas: Vec::new(),
            references: Vec::new(),
            entity_types: Vec::new(),
            complex_types: Vec::new(),
            enum_types: Vec::new(),
            type_definitions: Vec::new(),
            operations: Vec::new(),
            container: EntityContainer::default(),
            warnings: Vec::new(),
        },
        entity_elements: Vec::new(),
        complex_elements: Vec::new(),
        v2_navs: Vec::new(),
        v2_navs_by_role: HashMap::new(),
        set_index: HashMap::new(),
        key_refs: Vec::new(),
        set_wide: Vec::new(),
        cyclic: HashSet::new(),
        external: Vec::new(),
    };
    if let Some(problem) = disagreement {
        reader.warn(root.pos, problem, &format!("read as OData {:?}, as the namespaces say", version));
    }
    reader.read_references(root);
    for schema in &schemas {
        reader.declare(schema);
    }
    reader.vocab.aliases = reader.aliases.clone();
    for i in 0..reader.entity_elements.len() {
        reader.fill_entity(i);
    }
    for i in 0..reader.complex_elements.len() {
        reader.fill_complex(i);
    }
    reader.check_inheritance();
    reader.check_keys();
    reader.resolve_v2_partners();
    reader.index_v2_navs();
    for schema in &schemas {
        reader.read_operations(schema);
    }
    for schema in &schemas {
        reader.read_containers(schema);
    }
    for schema in &schemas {
        reader.collect_external_annotations(schema);
    }
    reader.apply_external_annotations();
    reader.derive_drafts();
    reader.derive_property_capabilities();

    if reader.errors.is_empty() {
        reader.model.warnings.sort_by_key(|w| w.pos);
        Ok(reader.model)
    } else {
        reader.errors.sort_by_key(|e| e.pos);
        reader.errors.dedup();
        Err(Errors(reader.errors))
    }
}

/// The OData version the namespaces say, and a warning when `Version` says otherwise
/// (SAP serves V2 documents with `Version="4.0"`): the namespaces decide, as they decide
/// how every element is read.
fn detect_version(root: &Element) -> Result<(ODataVersion, Option<String>), Error> {
    if root.name != "Edmx" {
        return Err(Error::new(
            root.pos,
            format!("not an EDMX document: the root element is <{}>, expected <edmx:Edmx>", root.name),
        ));
    }
    let declared = root.attr("Version");
    let unsupported = |v: &str| {
        Error::new(
            root.pos,
            format!("unsupported Edmx version '{v}' (supported: 1.0 for OData V2, 4.0 and 4.01 for OData V4)"),
        )
    };
    let overruled = |v: &str| Some(format!("Edmx Version=\"{v}\" contradicts the document's namespaces"));
    match &*root.ns {
        EDMX_V2 => match declared {
            None | Some("1.0") => Ok((ODataVersion::V2, None)),
            Some(v @ ("4.0" | "4.01")) => Ok((ODataVersion::V2, overruled(v))),
            Some(v) => Err(unsupported(v)),
        },
        EDMX_V4 => match declared {
            None | Some("4.0") | Some("4.01") => Ok((ODataVersion::V4, None)),
            Some(v @ "1.0") => Ok((ODataVersion::V4, overruled(v))),
            Some(v) => Err(unsupported(v)),
        },
        other => Err(Error::new(
            root.pos,
            format!("unknown EDMX namespace '{other}' (expected {EDMX_V2} for OData V2 or {EDMX_V4} for OData V4)"),
        )),
    }
}

/// The members of inheritance cycles, each with its path back to itself
/// (`[a, b, a]`), given each type's base.
fn cycles(bases: &[Option<usize>]) -> Vec<(usize, Vec<usize>)> {
    let mut found = Vec::new();
    for start in 0..bases.len() {
        let mut path = vec![start];
        let mut current = start;
        while let Some(base) = bases[current] {
            if base == start {
                path.push(base);
                found.push((start, path));
                break;
            }
            if path.contains(&base) {
                break; // a cycle further up, which its own members report
            }
            path.push(base);
            current = base;
        }
    }
    found
}

fn parse_bool(value: Option<&str>) -> Option<bool> {
    match value? {
        "true" | "1" => Some(true),
        "false" | "0" => Some(false),
        _ => None,
    }
}

impl<'a> Reader<'a> {
    fn error(&mut self, pos: Pos, message: impl Into<String>) {
        self.errors.push(Error::new(pos, message));
    }

    /// `problem` made something unusable and `consequence` is what was done about it: a
    /// warning `problem: consequence`, or in strict mode the error `problem`.
    fn warn(&mut self, pos: Pos, problem: String, consequence: &str) {
        if self.strict {
            self.error(pos, problem);
        } else {
            self.model.warnings.push(Error::new(pos, format!("{problem}: {consequence}")));
        }
    }

    fn required<'e>(&mut self, element: &'e Element, attr: &str) -> Option<&'e str> {
        let value = element.attr(attr);
        if value.is_none() {
            self.error(element.pos, format!("<{}> has no {attr} attribute", element.name));
        }
        value
    }

    fn read_references(&mut self, root: &Element) {
        for reference in root.children_named("Reference") {
            let mut includes = Vec::new();
            for include in reference.children_named("Include") {
                if let Some(ns) = include.attr("Namespace") {
                    let alias = include.attr("Alias").map(str::to_owned);
                    if let Some(alias) = &alias {
                        self.aliases.insert(alias.clone(), ns.to_owned());
                    }
                    includes.push((ns.to_owned(), alias));
                }
            }
            self.model
                .references
                .push(Reference { uri: reference.attr("Uri").unwrap_or_default().to_owned(), includes });
        }
    }

    /// First pass: every type of a schema gets its id, so later passes can resolve names.
    fn declare(&mut self, schema: &'a Element) {
        let Some(namespace) = self.required(schema, "Namespace").map(str::to_owned) else { return };
        let alias = schema.attr("Alias").map(str::to_owned);
        if let Some(alias) = &alias {
            self.aliases.insert(alias.clone(), namespace.clone());
        }
        self.model.schemas.push(Schema { namespace: namespace.clone(), alias });
        for child in &schema.children {
            let kind = &*child.name;
            if !matches!(kind, "EntityType" | "ComplexType" | "EnumType" | "TypeDefinition" | "Association") {
                continue;
            }
            let Some(name) = self.required(child, "Name").map(str::to_owned) else { continue };
            let key = (namespace.clone(), name.clone());
            if kind == "Association" {
                self.associations.insert(key, child);
                continue;
            }
            if self.decls.contains_key(&key) {
                self.error(child.pos, format!("type '{namespace}.{name}' is declared twice"));
                continue;
            }
            let qname = QualifiedName { namespace: namespace.clone(), name };
            let docs = self.docs(child);
            let decl = match kind {
                "EntityType" => {
                    self.entity_elements.push((child, namespace.clone()));
                    self.model.entity_types.push(EntityType {
                        name: qname,
                        base_type: None,
                        is_abstract: parse_bool(child.attr("Abstract")).unwrap_or(false),
                        open_type: parse_bool(child.attr("OpenType")).unwrap_or(false),
                        has_stream: parse_bool(child.attr("HasStream").or(child.attr_ns(META, "HasStream")))
                            .unwrap_or(false),
                        key: Vec::new(),
                        properties: Vec::new(),
                        navigation: Vec::new(),
                        semantics: child.attr_ns(SAP, "semantics").map(str::to_owned),
                        docs,
                        pos: child.pos,
                    });
                    Decl::Entity(self.model.entity_types.len() - 1)
                }
                "ComplexType" => {
                    self.complex_elements.push((child, namespace.clone()));
                    self.model.complex_types.push(ComplexType {
                        name: qname,
                        base_type: None,
                        is_abstract: parse_bool(child.attr("Abstract")).unwrap_or(false),
                        open_type: parse_bool(child.attr("OpenType")).unwrap_or(false),
                        properties: Vec::new(),
                        navigation: Vec::new(),
                        docs,
                        pos: child.pos,
                    });
                    Decl::Complex(self.model.complex_types.len() - 1)
                }
                "EnumType" => {
                    let e = self.read_enum(child, qname, docs);
                    self.model.enum_types.push(e);
                    Decl::Enum(self.model.enum_types.len() - 1)
                }
                _ => {
                    let underlying = child.attr("UnderlyingType").unwrap_or("");
                    let underlying = match Primitive::from_edm_name(underlying) {
                        Some(p) => p,
                        None => {
                            self.error(
                                child.pos,
                                format!("UnderlyingType '{underlying}' of TypeDefinition '{qname}' is not a primitive Edm type"),
                            );
                            Primitive::String
                        }
                    };
                    let facets = self.facets(child);
                    self.model.type_definitions.push(TypeDefinition {
                        name: qname,
                        underlying,
                        facets,
                        docs,
                        pos: child.pos,
                    });
                    Decl::Definition(self.model.type_definitions.len() - 1)
                }
            };
            self.decls.insert(key, decl);
        }
    }

    fn read_enum(&mut self, element: &Element, name: QualifiedName, docs: Docs) -> EnumType {
        let underlying_name = element.attr("UnderlyingType").unwrap_or("Edm.Int32");
        let underlying = match Primitive::from_edm_name(underlying_name) {
            Some(p @ (Primitive::Byte | Primitive::SByte | Primitive::Int16 | Primitive::Int32 | Primitive::Int64)) => {
                p
            }
            _ => {
                self.error(
                    element.pos,
                    format!("UnderlyingType '{underlying_name}' of EnumType '{name}' must be Edm.Byte, SByte, Int16, Int32 or Int64"),
                );
                Primitive::Int32
            }
        };
        let is_flags = parse_bool(element.attr("IsFlags")).unwrap_or(false);
        let mut members = Vec::new();
        let mut next = 0i64;
        for m in element.children_named("Member") {
            let Some(member_name) = self.required(m, "Name") else { continue };
            let value = match m.attr("Value") {
                Some(v) => match v.parse::<i64>() {
                    Ok(v) => v,
                    Err(_) => {
                        self.error(
                            m.pos,
                            format!("Value '{v}' of member '{member_name}' of EnumType '{name}' is not an integer"),
                        );
                        continue;
                    }
                },
                None => next,
            };
            next = value.wrapping_add(1);
            members.push(EnumMember { name: member_name.to_owned(), value, docs: self.docs(m) });
        }
        EnumType { name, underlying, is_flags, members, docs, pos: element.pos }
    }

    fn qualify(&self, raw: &str) -> Option<(String, String)> {
        let (prefix, name) = raw.rsplit_once('.')?;
        let namespace = self.aliases.get(prefix).map_or(prefix, String::as_str);
        Some((namespace.to_owned(), name.to_owned()))
    }

    fn lookup(&self, raw: &str) -> Option<Decl> {
        self.qualify(raw).and_then(|key| self.decls.get(&key).copied())
    }

    /// Resolves a type name; reports `what` (e.g. "Property 'X' of EntityType 'Y'") when unknown.
    fn resolve_type(&mut self, raw: &str, pos: Pos, what: &str) -> Option<TypeRef> {
        match self.try_resolve_type(raw, pos, what) {
            Ok(ty) => Some(ty),
            Err(message) => {
                self.error(pos, message);
                None
            }
        }
    }

    /// Resolves a type name; when unknown, warns that `skipped` (what cannot be used
    /// without the type) is skipped.
    fn resolve_or_skip(&mut self, raw: &str, pos: Pos, what: &str, skipped: &str) -> Option<TypeRef> {
        match self.try_resolve_type(raw, pos, what) {
            Ok(ty) => Some(ty),
            Err(message) => {
                self.warn(pos, message, &format!("{skipped} is skipped"));
                None
            }
        }
    }

    /// Resolves a type name. A name in the `Edm` namespace that OData does not define
    /// (`Edm.Float`, a vendor's type) is read as raw JSON, with a warning; any other
    /// unknown name is `Err` with the message.
    fn try_resolve_type(&mut self, raw: &str, pos: Pos, what: &str) -> Result<TypeRef, String> {
        if let Some(inner) = raw.strip_prefix("Collection(").and_then(|r| r.strip_suffix(')')) {
            return self.try_resolve_type(inner, pos, what).map(|t| TypeRef::Collection(Box::new(t)));
        }
        if raw.starts_with("Edm.") {
            if let Some(p) = Primitive::from_edm_name(raw) {
                return Ok(TypeRef::Primitive(p));
            }
            self.warn(pos, format!("{what} has unknown type '{raw}'"), "read as raw JSON (edm::RawJson)");
            return Ok(TypeRef::Primitive(Primitive::Untyped(raw.to_owned())));
        } else if let Some(decl) = self.lookup(raw) {
            return Ok(match decl {
                Decl::Entity(i) => TypeRef::Entity(EntityTypeId(i)),
                Decl::Complex(i) => TypeRef::Complex(ComplexTypeId(i)),
                Decl::Enum(i) => TypeRef::Enum(EnumTypeId(i)),
                Decl::Definition(i) => TypeRef::Definition(TypeDefinitionId(i)),
            });
        }
        Err(format!("{what} has unknown type '{raw}'"))
    }

    fn facets(&mut self, element: &Element) -> Facets {
        let mut f = Facets { nullable: parse_bool(element.attr("Nullable")).unwrap_or(true), ..Facets::default() };
        if let Some(v) = element.attr("MaxLength") {
            f.max_length = if v.eq_ignore_ascii_case("max") {
                Some(MaxLength::Max)
            } else {
                v.parse().ok().map(MaxLength::Length)
            };
        }
        f.fixed_length = parse_bool(element.attr("FixedLength"));
        f.precision = element.attr("Precision").and_then(|v| v.parse().ok());
        f.scale = element.attr("Scale").and_then(|v| match v {
            "variable" => Some(Scale::Variable),
            "floating" => Some(Scale::Floating),
            n => n.parse().ok().map(Scale::Fixed),
        });
        f.srid = element.attr("SRID").map(str::to_owned);
        f.unicode = parse_bool(element.attr("Unicode"));
        f.default_value = element.attr("DefaultValue").map(str::to_owned);
        f
    }

    /// Docs from `sap:` attributes, `<Documentation>` and inline annotations.
    fn docs(&self, element: &Element) -> Docs {
        let mut docs = Docs {
            label: element.attr_ns(SAP, "label").map(str::to_owned),
            heading: element.attr_ns(SAP, "heading").map(str::to_owned),
            quickinfo: element.attr_ns(SAP, "quickinfo").map(str::to_owned),
            ..Docs::default()
        };
        if let Some(doc) = element.child("Documentation") {
            docs.description = doc.child("Summary").map(|s| s.text.clone()).filter(|s| !s.is_empty());
            docs.long_description = doc.child("LongDescription").map(|s| s.text.clone()).filter(|s| !s.is_empty());
        }
        annotations::apply_docs(&mut docs, &self.vocab.inline(element));
        docs
    }

    fn property(&mut self, element: &Element, owner: &str) -> Option<Property> {
        let name = self.required(element, "Name")?.to_owned();
        let raw_type = self.required(element, "Type")?;
        let what = format!("Property '{name}' of {owner}");
        let ty = self.resolve_or_skip(raw_type, element.pos, &what, "the property")?;
        let sap = |attr: &str| parse_bool(element.attr_ns(SAP, attr));
        let mut annotations = PropertyAnnotations {
            creatable: sap("creatable"),
            updatable: sap("updatable"),
            filterable: sap("filterable"),
            sortable: sap("sortable"),
            display_format: element.attr_ns(SAP, "display-format").map(str::to_owned),
            semantics: element.attr_ns(SAP, "semantics").map(str::to_owned),
            unit: element.attr_ns(SAP, "unit").map(str::to_owned),
            text: element.attr_ns(SAP, "text").map(str::to_owned),
            required_in_filter: sap("required-in-filter"),
            visible: sap("visible"),
            ..PropertyAnnotations::default()
        };
        annotations::apply_property(&mut annotations, &self.vocab.inline(element));
        Some(Property {
            name,
            ty,
            facets: self.facets(element),
            concurrency_token: element.attr("ConcurrencyMode") == Some("Fixed"),
            docs: self.docs(element),
            annotations,
            pos: element.pos,
        })
    }

    fn structural(&mut self, element: &Element, owner: &str) -> Vec<Property> {
        let mut seen = HashSet::new();
        let mut properties = Vec::new();
        for p in element.children_named("Property") {
            if let Some(p) = self.property(p, owner) {
                if !seen.insert(p.name.clone()) {
                    self.error(p.pos, format!("Property '{}' of {owner} is declared twice", p.name));
                    continue;
                }
                properties.push(p);
            }
        }
        properties
    }

    fn fill_entity(&mut self, index: usize) {
        let (element, _) = self.entity_elements[index];
        let owner = format!("EntityType '{}'", self.model.entity_types[index].name);
        if let Some(base) = element.attr("BaseType") {
            match self.lookup(base) {
                Some(Decl::Entity(b)) => self.model.entity_types[index].base_type = Some(EntityTypeId(b)),
                _ => self
                    .error(element.pos, format!("BaseType '{base}' of {owner} is not an entity type of this document")),
            }
        }
        let properties = self.structural(element, &owner);
        let mut key = Vec::new();
        if let Some(k) = element.child("Key") {
            for r in k.children_named("PropertyRef") {
                if let Some(name) = self.required(r, "Name") {
                    key.push((name.to_owned(), r.pos));
                }
            }
            if key.is_empty() {
                self.error(k.pos, format!("the Key of {owner} names no property"));
            }
        }
        let mut navigation = Vec::new();
        for n in element.children_named("NavigationProperty") {
            if let Some(nav) = self.navigation(n, &owner, Some((index, navigation.len()))) {
                navigation.push(nav);
            }
        }
        let t = &mut self.model.entity_types[index];
        t.properties = properties;
        t.navigation = navigation;
        t.key = key.iter().map(|(k, _)| k.clone()).collect();
        // Key names are checked later, once base types are known.
        self.key_refs.push((index, key));
    }

    fn fill_complex(&mut self, index: usize) {
        let (element, _) = self.complex_elements[index];
        let owner = format!("ComplexType '{}'", self.model.complex_types[index].name);
        if let Some(base) = element.attr("BaseType") {
            match self.lookup(base) {
                Some(Decl::Complex(b)) => self.model.complex_types[index].base_type = Some(ComplexTypeId(b)),
                _ => self
                    .error(element.pos, format!("BaseType '{base}' of {owner} is not a complex type of this document")),
            }
        }
        let properties = self.structural(element, &owner);
        let mut navigation = Vec::new();
        for n in element.children_named("NavigationProperty") {
            if let Some(nav) = self.navigation(n, &owner, None) {
                navigation.push(nav);
            }
        }
        let t = &mut self.model.complex_types[index];
        t.properties = properties;
        t.navigation = navigation;
    }

    /// Reads a navigation property; `slot` is (entity type, index of the property) for V2.
    fn navigation(
        &mut self,
        element: &Element,
        owner: &str,
        slot: Option<(usize, usize)>,
    ) -> Option<NavigationProperty> {
        let name = self.required(element, "Name")?.to_owned();
        let what = format!("NavigationProperty '{name}' of {owner}");
        let sap = |attr: &str| parse_bool(element.attr_ns(SAP, attr));
        let mut nav = NavigationProperty {
            name: name.clone(),
            target: EntityTypeId(0),
            collection: false,
            nullable: true,
            partner: element.attr("Partner").map(str::to_owned),
            contains_target: parse_bool(element.attr("ContainsTarget")).unwrap_or(false),
            referential_constraints: Vec::new(),
            on_delete_cascade: cascades(element),
            creatable: sap("creatable"),
            filterable: sap("filterable"),
            docs: self.docs(element),
            pos: element.pos,
        };
        if let Some(relationship) = element.attr("Relationship") {
            let from = self.required(element, "FromRole")?.to_owned();
            let to = self.required(element, "ToRole")?.to_owned();
            let Some(key) = self.qualify(relationship) else {
                self.error(element.pos, format!("{what} has an unqualified Relationship '{relationship}'"));
                return None;
            };
            let Some(association) = self.associations.get(&key).copied() else {
                self.error(element.pos, format!("{what} names unknown Association '{relationship}'"));
                return None;
            };
            let Some(end) = association.children_named("End").find(|e| e.attr("Role") == Some(to.as_str())) else {
                self.error(element.pos, format!("{what}: Association '{relationship}' has no End with Role '{to}'"));
                return None;
            };
            // V2 puts `OnDelete` on the association's end whose deletion cascades.
            nav.on_delete_cascade =
                association.children_named("End").find(|e| e.attr("Role") == Some(from.as_str())).is_some_and(cascades);
            let end_type = end.attr("Type").unwrap_or_default();
            match self.lookup(end_type) {
                Some(Decl::Entity(t)) => nav.target = EntityTypeId(t),
                _ => {
                    self.error(
                        end.pos,
                        format!("End '{to}' of Association '{relationship}' has unknown entity type '{end_type}'"),
                    );
                    return None;
                }
            }
            match end.attr("Multiplicity") {
                Some("*") => nav.collection = true,
                Some("1") => nav.nullable = false,
                _ => {}
            }
            if let Some(constraint) = association.child("ReferentialConstraint") {
                let refs = |role: &str| -> Vec<String> {
                    constraint
                        .children_named(role)
                        .flat_map(|r| r.children_named("PropertyRef"))
                        .filter_map(|p| p.attr("Name"))
                        .map(str::to_owned)
                        .collect()
                };
                nav.referential_constraints = refs("Dependent").into_iter().zip(refs("Principal")).collect();
            }
            if let Some((entity, index)) = slot {
                self.v2_navs.push(V2Nav { entity, index, relationship: key, from_role: from, to_role: to });
            }
        } else {
            let raw_type = self.required(element, "Type")?;
            match self.resolve_type(raw_type, element.pos, &what)? {
                TypeRef::Entity(t) => nav.target = t,
                TypeRef::Collection(inner) => match *inner {
                    TypeRef::Entity(t) => {
                        nav.target = t;
                        nav.collection = true;
                    }
                    _ => {
                        self.error(element.pos, format!("{what} has type '{raw_type}', which is not an entity type"));
                        return None;
                    }
                },
                _ => {
                    self.error(element.pos, format!("{what} has type '{raw_type}', which is not an entity type"));
                    return None;
                }
            }
            nav.nullable = parse_bool(element.attr("Nullable")).unwrap_or(true);
            nav.referential_constraints = element
                .children_named("ReferentialConstraint")
                .filter_map(|c| Some((c.attr("Property")?.to_owned(), c.attr("ReferencedProperty")?.to_owned())))
                .collect();
        }
        Some(nav)
    }
}

impl<'a> Reader<'a> {
    /// Reports every type that inherits from itself, then cuts those cycles so later
    /// passes (and [`Model`]'s helpers) never loop.
    fn check_inheritance(&mut self) {
        let entities: Vec<_> =
            self.model.entity_types.iter().map(|t| (t.base_type.map(|b| b.0), t.name.to_string(), t.pos)).collect();
        for i in self.report_cycles("EntityType", &entities) {
            self.model.entity_types[i].base_type = None;
            self.cyclic.insert(i);
        }
        let complex: Vec<_> =
            self.model.complex_types.iter().map(|t| (t.base_type.map(|b| b.0), t.name.to_string(), t.pos)).collect();
        for i in self.report_cycles("ComplexType", &complex) {
            self.model.complex_types[i].base_type = None;
        }
    }

    /// Reports each member of an inheritance cycle among `types` (base, name, position)
    /// and returns the members.
    fn report_cycles(&mut self, kind: &str, types: &[(Option<usize>, String, Pos)]) -> Vec<usize> {
        let bases: Vec<Option<usize>> = types.iter().map(|t| t.0).collect();
        let mut members = Vec::new();
        for (i, path) in cycles(&bases) {
            let names: Vec<&str> = path.iter().map(|t| types[*t].1.as_str()).collect();
            self.error(types[i].2, format!("{kind} '{}' inherits from itself: {}", types[i].1, names.join(" -> ")));
            members.push(i);
        }
        members
    }

    fn check_keys(&mut self) {
        for (index, refs) in std::mem::take(&mut self.key_refs) {
            let id = EntityTypeId(index);
            let names: HashSet<String> = self.model.entity_properties(id).iter().map(|p| p.name.clone()).collect();
            for (name, pos) in refs {
                let first = name.split('/').next().unwrap_or_default();
                if !names.contains(first) {
                    let owner = self.model.entity(id).name.to_string();
                    self.error(
                        pos,
                        format!("the Key of EntityType '{owner}' names '{name}', which is not a property of it"),
                    );
                }
            }
        }
        for i in 0..self.model.entity_types.len() {
            let t = &self.model.entity_types[i];
            if !t.is_abstract && !self.cyclic.contains(&i) && self.model.key_of(EntityTypeId(i)).is_empty() {
                let msg = format!("EntityType '{}' has no Key", t.name);
                let pos = t.pos;
                self.error(pos, msg);
            }
        }
    }

    /// Indexes the V2 navigation properties by (association, from role), which
    /// `AssociationSet`s in the containers look up.
    fn index_v2_navs(&mut self) {
        for (i, n) in self.v2_navs.iter().enumerate() {
            self.v2_navs_by_role.entry((n.relationship.clone(), n.from_role.clone())).or_default().push(i);
        }
    }

    fn resolve_v2_partners(&mut self) {
        let navs = std::mem::take(&mut self.v2_navs);
        // The first navigation of each (entity, association, from role, to role).
        let mut by_ends: HashMap<NavEnds, usize> = HashMap::new();
        for (i, n) in navs.iter().enumerate() {
            by_ends.entry((n.entity, &n.relationship, &n.from_role, &n.to_role)).or_insert(i);
        }
        for a in &navs {
            let target = self.model.entity_types[a.entity].navigation[a.index].target.0;
            let partner = by_ends.get(&(target, &a.relationship, &a.to_role, &a.from_role)).map(|&i| &navs[i]);
            if let Some(b) = partner {
                let name = self.model.entity_types[b.entity].navigation[b.index].name.clone();
                self.model.entity_types[a.entity].navigation[a.index].partner.get_or_insert(name);
            }
        }
        self.v2_navs = navs;
    }

    /// The parameters of an operation; `None` (with a warning) when one has an unknown
    /// type, which makes the operation unusable.
    fn parameters(&mut self, element: &Element, owner: &str) -> Option<Vec<Parameter>> {
        let mut parameters = Vec::new();
        for p in element.children_named("Parameter") {
            let (Some(name), Some(raw)) = (self.required(p, "Name"), self.required(p, "Type")) else { continue };
            let what = format!("Parameter '{name}' of {owner}");
            let ty = self.resolve_or_skip(raw, p.pos, &what, owner)?;
            {
                let mut facets = self.facets(p);
                if self.version == ODataVersion::V2 {
                    // SAP Gateway marks optional function import parameters with
                    // Nullable="true"; the others are mandatory.
                    facets.nullable = parse_bool(p.attr("Nullable")).unwrap_or(false);
                }
                parameters.push(Parameter { name: name.to_owned(), ty, facets, docs: self.docs(p), pos: p.pos });
            }
        }
        Some(parameters)
    }

    fn push_operation(&mut self, op: Operation) -> OperationId {
        let key = (op.name.namespace.clone(), op.name.name.clone());
        self.model.operations.push(op);
        let id = self.model.operations.len() - 1;
        self.operations_by_name.entry(key).or_default().push(id);
        OperationId(id)
    }

    /// V4 functions and actions declared at schema level.
    fn read_operations(&mut self, schema: &Element) {
        let Some(namespace) = schema.attr("Namespace") else { return };
        for element in schema.children.iter().filter(|c| c.name == "Function" || c.name == "Action") {
            let Some(name) = self.required(element, "Name") else { continue };
            let kind = if element.name == "Function" { OperationKind::Function } else { OperationKind::Action };
            let owner = format!("{} '{namespace}.{name}'", element.name);
            let is_bound = parse_bool(element.attr("IsBound")).unwrap_or(false);
            let Some(parameters) = self.parameters(element, &owner) else { continue };
            if is_bound && parameters.is_empty() {
                self.error(element.pos, format!("bound {owner} has no binding parameter"));
                continue;
            }
            let return_type = match element.child("ReturnType") {
                Some(r) => match self.required(r, "Type") {
                    Some(raw) => {
                        let what = format!("the ReturnType of {owner}");
                        match self.resolve_or_skip(raw, r.pos, &what, &owner) {
                            Some(ty) => Some(ReturnType { ty, facets: self.facets(r) }),
                            None => continue,
                        }
                    }
                    None => continue,
                },
                None => None,
            };
            let op = Operation {
                name: QualifiedName { namespace: namespace.to_owned(), name: name.to_owned() },
                kind,
                is_bound,
                is_composable: parse_bool(element.attr("IsComposable")).unwrap_or(false),
                parameters,
                return_type,
                entity_set_path: element.attr("EntitySetPath").map(str::to_owned),
                http_method: if kind == OperationKind::Function { "GET" } else { "POST" }.to_owned(),
                action_for: None,
                docs: self.docs(element),
                pos: element.pos,
            };
            self.push_operation(op);
        }
    }

    fn read_containers(&mut self, schema: &Element) {
        let Some(namespace) = schema.attr("Namespace").map(str::to_owned) else { return };
        for container in schema.children_named("EntityContainer") {
            let name = container.attr("Name").unwrap_or_default();
            let is_default = parse_bool(container.attr_ns(META, "IsDefaultEntityContainer")).unwrap_or(false);
            if self.model.container.name.is_empty() || is_default {
                self.model.container.name = name.to_owned();
                self.model.container.docs = self.docs(container);
            }
            for child in &container.children {
                match &*child.name {
                    "EntitySet" => self.entity_set(child),
                    "Singleton" => self.singleton(child),
                    "AssociationSet" => self.association_set(child),
                    "FunctionImport" if self.version == ODataVersion::V2 => self.v2_function_import(child, &namespace),
                    "FunctionImport" | "ActionImport" => self.v4_import(child),
                    _ => {}
                }
            }
        }
    }

    fn entity_type_attr(&mut self, element: &Element, attr: &str) -> Option<EntityTypeId> {
        let raw = self.required(element, attr)?;
        match self.lookup(raw) {
            Some(Decl::Entity(t)) => Some(EntityTypeId(t)),
            _ => {
                let name = element.attr("Name").unwrap_or_default();
                self.error(element.pos, format!("{} '{name}' has unknown entity type '{raw}'", element.name));
                None
            }
        }
    }

    fn bindings(element: &Element) -> Vec<(String, String)> {
        element
            .children_named("NavigationPropertyBinding")
            .filter_map(|b| Some((b.attr("Path")?.to_owned(), b.attr("Target")?.to_owned())))
            .collect()
    }

    fn entity_set(&mut self, element: &Element) {
        let Some(name) = self.required(element, "Name").map(str::to_owned) else { return };
        let Some(entity_type) = self.entity_type_attr(element, "EntityType") else { return };
        let sap = |attr: &str, default: bool| parse_bool(element.attr_ns(SAP, attr)).unwrap_or(default);
        // V2 sets search only with `sap:searchable="true"`; V4 sets unless
        // `Capabilities.SearchRestrictions` says otherwise (the vocabulary's default).
        let v4 = self.version == ODataVersion::V4;
        let mut capabilities = Capabilities {
            creatable: sap("creatable", true),
            updatable: sap("updatable", true),
            deletable: sap("deletable", true),
            pageable: sap("pageable", true) && sap("topable", true),
            countable: sap("countable", true),
            searchable: sap("searchable", v4),
            requires_filter: sap("requires-filter", false),
            addressable: sap("addressable", true),
            change_tracking: sap("change-tracking", false),
            ..Capabilities::default()
        };
        let inline = self.vocab.inline(element);
        annotations::apply_capabilities(&mut capabilities, &inline);
        self.set_wide.push((name.clone(), annotations::set_wide_flags(&inline)));
        let set = EntitySet {
            name,
            entity_type,
            capabilities,
            navigation_bindings: Self::bindings(element),
            docs: self.docs(element),
            pos: element.pos,
        };
        self.set_index.entry(set.name.clone()).or_insert(self.model.container.entity_sets.len());
        self.model.container.entity_sets.push(set);
    }

    fn singleton(&mut self, element: &Element) {
        let Some(name) = self.required(element, "Name").map(str::to_owned) else { return };
        let Some(entity_type) = self.entity_type_attr(element, "Type") else { return };
        let singleton = Singleton {
            name,
            entity_type,
            navigation_bindings: Self::bindings(element),
            docs: self.docs(element),
            pos: element.pos,
        };
        self.model.container.singletons.push(singleton);
    }

    /// V2: turns `AssociationSet` ends into navigation bindings of the sets.
    fn association_set(&mut self, element: &Element) {
        let Some(key) = element.attr("Association").and_then(|a| self.qualify(a)) else { return };
        let ends: Vec<(String, String)> = element
            .children_named("End")
            .filter_map(|e| Some((e.attr("EntitySet")?.to_owned(), e.attr("Role")?.to_owned())))
            .collect();
        let [(set_a, role_a), (set_b, role_b)] = ends.as_slice() else { return };
        for ((from_set, from_role), (to_set, _)) in
            [((set_a, role_a), (set_b, role_b)), ((set_b, role_b), (set_a, role_a))]
        {
            let Some(&set_index) = self.set_index.get(from_set) else {
                continue;
            };
            let entity = self.model.container.entity_sets[set_index].entity_type;
            let chain = self.model.entity_chain(entity);
            let candidates = self.v2_navs_by_role.get(&(key.clone(), from_role.clone())).map_or(&[][..], Vec::as_slice);
            let bindings: Vec<(String, String)> = candidates
                .iter()
                .map(|&i| &self.v2_navs[i])
                .filter(|n| chain.contains(&EntityTypeId(n.entity)))
                .map(|n| (self.model.entity_types[n.entity].navigation[n.index].name.clone(), to_set.clone()))
                .collect();
            self.model.container.entity_sets[set_index].navigation_bindings.extend(bindings);
        }
    }

    fn v2_function_import(&mut self, element: &Element, namespace: &str) {
        let Some(name) = self.required(element, "Name").map(str::to_owned) else { return };
        let owner = format!("FunctionImport '{name}'");
        let Some(parameters) = self.parameters(element, &owner) else { return };
        let return_type = match element.attr("ReturnType") {
            Some(raw) => match self.resolve_or_skip(raw, element.pos, &format!("the ReturnType of {owner}"), &owner) {
                Some(ty) => Some(ReturnType { ty, facets: Facets::default() }),
                None => return,
            },
            None => None,
        };
        let http_method = element.attr_ns(META, "HttpMethod").unwrap_or("GET").to_ascii_uppercase();
        let docs = self.docs(element);
        let op = Operation {
            name: QualifiedName { namespace: namespace.to_owned(), name: name.clone() },
            kind: if http_method == "GET" { OperationKind::Function } else { OperationKind::Action },
            is_bound: false,
            is_composable: false,
            parameters,
            return_type,
            entity_set_path: element.attr("EntitySet").map(str::to_owned),
            http_method,
            action_for: element.attr_ns(SAP, "action-for").map(str::to_owned),
            docs: docs.clone(),
            pos: element.pos,
        };
        let id = self.push_operation(op);
        let import = OperationImport {
            name,
            operations: vec![id],
            entity_set: element.attr("EntitySet").map(str::to_owned),
            docs,
            pos: element.pos,
        };
        self.model.container.imports.push(import);
    }

    fn v4_import(&mut self, element: &Element) {
        let Some(name) = self.required(element, "Name").map(str::to_owned) else { return };
        let attr = if element.name == "FunctionImport" { "Function" } else { "Action" };
        let Some(target) = self.required(element, attr) else { return };
        let operations: Vec<OperationId> = self
            .qualify(target)
            .and_then(|key| self.operations_by_name.get(&key))
            .map(|ids| ids.iter().copied().filter(|i| !self.model.operations[*i].is_bound).map(OperationId).collect())
            .unwrap_or_default();
        if operations.is_empty() {
            let problem = format!("{} '{name}' names unknown unbound {} '{target}'", element.name, attr.to_lowercase());
            self.warn(element.pos, problem, "the import is skipped");
            return;
        }
        let import = OperationImport {
            name,
            operations,
            entity_set: element.attr("EntitySet").map(str::to_owned),
            docs: self.docs(element),
            pos: element.pos,
        };
        self.model.container.imports.push(import);
    }

    fn collect_external_annotations(&mut self, schema: &Element) {
        for block in schema.children_named("Annotations") {
            let Some(target) = block.attr("Target") else { continue };
            let list = self.vocab.inline(block);
            if !list.is_empty() {
                let qualifier = block.attr("Qualifier").unwrap_or_default().to_owned();
                self.external.push((target.to_owned(), qualifier, list, block.pos));
            }
        }
    }

    fn apply_external_annotations(&mut self) {
        for (target, qualifier, list, _pos) in std::mem::take(&mut self.external) {
            if !qualifier.is_empty() {
                continue; // qualified annotations are for specific UIs, not the model
            }
            let (head, rest) = match target.split_once('/') {
                Some((h, r)) => (h, Some(r)),
                None => (target.as_str(), None),
            };
            let head = head.split('(').next().unwrap_or(head);
            let Some((ns, name)) = self.qualify(head) else { continue };
            if let Some(decl) = self.decls.get(&(ns.clone(), name.clone())).copied() {
                self.annotate_type(decl, rest, &list);
            } else if name == self.model.container.name {
                self.annotate_container(rest, &list);
            } else if let Some(ids) = self.operations_by_name.get(&(ns, name)).cloned() {
                for id in ids {
                    let op = &mut self.model.operations[id];
                    match rest {
                        None => annotations::apply_docs(&mut op.docs, &list),
                        Some(p) => {
                            if let Some(param) = op.parameters.iter_mut().find(|x| x.name == p) {
                                annotations::apply_docs(&mut param.docs, &list);
                            }
                        }
                    }
                }
            }
        }
    }

    fn annotate_type(&mut self, decl: Decl, member: Option<&str>, list: &[Annotation]) {
        fn annotate_members(
            props: &mut [Property],
            navs: &mut [NavigationProperty],
            member: &str,
            list: &[Annotation],
        ) {
            if let Some(p) = props.iter_mut().find(|p| p.name == member) {
                annotations::apply_docs(&mut p.docs, list);
                annotations::apply_property(&mut p.annotations, list);
            } else if let Some(n) = navs.iter_mut().find(|n| n.name == member) {
                annotations::apply_docs(&mut n.docs, list);
            }
        }
        match (decl, member) {
            (Decl::Entity(i), None) => annotations::apply_docs(&mut self.model.entity_types[i].docs, list),
            (Decl::Entity(i), Some(m)) => {
                let t = &mut self.model.entity_types[i];
                annotate_members(&mut t.properties, &mut t.navigation, m, list);
            }
            (Decl::Complex(i), None) => annotations::apply_docs(&mut self.model.complex_types[i].docs, list),
            (Decl::Complex(i), Some(m)) => {
                let t = &mut self.model.complex_types[i];
                annotate_members(&mut t.properties, &mut t.navigation, m, list);
            }
            (Decl::Enum(i), None) => annotations::apply_docs(&mut self.model.enum_types[i].docs, list),
            (Decl::Enum(i), Some(m)) => {
                if let Some(member) = self.model.enum_types[i].members.iter_mut().find(|x| x.name == m) {
                    annotations::apply_docs(&mut member.docs, list);
                }
            }
            (Decl::Definition(i), _) => annotations::apply_docs(&mut self.model.type_definitions[i].docs, list),
        }
    }

    fn annotate_container(&mut self, member: Option<&str>, list: &[Annotation]) {
        let container = &mut self.model.container;
        let Some(member) = member else {
            annotations::apply_docs(&mut container.docs, list);
            return;
        };
        if member.contains('/') {
            return;
        }
        if let Some(set) = container.entity_sets.iter_mut().find(|s| s.name == member) {
            annotations::apply_docs(&mut set.docs, list);
            annotations::apply_capabilities(&mut set.capabilities, list);
            self.set_wide.push((member.to_owned(), annotations::set_wide_flags(list)));
        } else if let Some(s) = container.singletons.iter_mut().find(|s| s.name == member) {
            annotations::apply_docs(&mut s.docs, list);
        } else if let Some(i) = container.imports.iter_mut().find(|i| i.name == member) {
            annotations::apply_docs(&mut i.docs, list);
        }
    }

    /// What a draft-enabled set leaves to the server: its administrative properties are
    /// computed (never sent on create or update; `IsActiveEntity`, a key, may be left out
    /// of a create, which then makes a draft) and its administrative navigation is not
    /// insertable.
    fn derive_drafts(&mut self) {
        const PROPERTIES: [&str; 3] = ["IsActiveEntity", "HasActiveEntity", "HasDraftEntity"];
        const NAVIGATION: [&str; 2] = ["DraftAdministrativeData", "SiblingEntity"];
        let mut types = Vec::new();
        for set in &mut self.model.container.entity_sets {
            if set.capabilities.draft.is_some() {
                set.capabilities.non_insertable_navigation.extend(NAVIGATION.map(str::to_owned));
                types.push(set.entity_type);
            }
        }
        for mut id in types {
            // The type and its base types, as far as they declare the properties.
            for _ in 0..=self.model.entity_types.len() {
                let t = &mut self.model.entity_types[id.0];
                for p in t.properties.iter_mut().filter(|p| PROPERTIES.contains(&&*p.name)) {
                    p.annotations.computed = true;
                    // A create without it makes a draft.
                    p.annotations.computed_default = p.name == "IsActiveEntity";
                    p.annotations.creatable = Some(false);
                    p.annotations.updatable = Some(false);
                }
                match t.base_type {
                    Some(base) => id = base,
                    None => break,
                }
            }
        }
    }

    /// Non-filterable and non-sortable properties of each set, from `sap:filterable`/
    /// `sap:sortable` on properties and set-wide `Capabilities` restrictions.
    fn derive_property_capabilities(&mut self) {
        let set_wide = std::mem::take(&mut self.set_wide);
        for i in 0..self.model.container.entity_sets.len() {
            let set = &self.model.container.entity_sets[i];
            let (mut filterable, mut sortable) = (true, true);
            for (_, (f, s)) in set_wide.iter().filter(|(name, _)| *name == set.name) {
                filterable &= f;
                sortable &= s;
            }
            let mut non_filterable = Vec::new();
            let mut non_sortable = Vec::new();
            for p in self.model.entity_properties(set.entity_type) {
                if !filterable || p.annotations.filterable == Some(false) {
                    non_filterable.push(p.name.clone());
                }
                if !sortable || p.annotations.sortable == Some(false) {
                    non_sortable.push(p.name.clone());
                }
            }
            let caps = &mut self.model.container.entity_sets[i].capabilities;
            caps.non_filterable.extend(non_filterable);
            caps.non_sortable.extend(non_sortable);
        }
    }
}

/// Whether an element (a V4 navigation property, a V2 association end) has
/// `<OnDelete Action="Cascade"/>`.
fn cascades(element: &Element) -> bool {
    element.child("OnDelete").and_then(|o| o.attr("Action")) == Some("Cascade")
}
