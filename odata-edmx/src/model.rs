//! The resolved, version-neutral service model.
//!
//! Every type reference is resolved (through namespaces and aliases) to an index into
//! the model's lists; V2 associations are turned into navigation properties with a
//! target and a cardinality, as V4 declares them; V2 function imports become
//! operations with an import, as V4 functions and actions are.

use crate::error::Pos;
use std::collections::BTreeSet;
use std::fmt;

/// The OData protocol version of a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ODataVersion {
    /// EDMX 1.0 with CSDL 1.0–3.0 (OData V2, and V3 read as V2).
    V2,
    /// EDMX 4.0 or 4.01 with CSDL 4.
    V4,
}

/// `Namespace.Name`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct QualifiedName {
    /// The schema namespace (never the alias).
    pub namespace: String,
    /// The simple name.
    pub name: String,
}

impl fmt::Display for QualifiedName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.namespace, self.name)
    }
}

macro_rules! ids {
    ($($(#[$doc:meta])* $id:ident),*) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $id(pub usize);
    )*};
}

ids!(
    /// Index into [`Model::entity_types`].
    EntityTypeId,
    /// Index into [`Model::complex_types`].
    ComplexTypeId,
    /// Index into [`Model::enum_types`].
    EnumTypeId,
    /// Index into [`Model::type_definitions`].
    TypeDefinitionId,
    /// Index into [`Model::operations`].
    OperationId
);

/// An Edm primitive type.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Primitive {
    Binary,
    Boolean,
    Byte,
    Date,
    /// V2 only.
    DateTime,
    DateTimeOffset,
    Decimal,
    Double,
    Duration,
    Guid,
    Int16,
    Int32,
    Int64,
    SByte,
    Single,
    Stream,
    String,
    /// V2 only.
    Time,
    TimeOfDay,
    /// `Edm.Geography*`: the full name, e.g. `Edm.GeographyPoint`.
    Geography(String),
    /// `Edm.Geometry*`.
    Geometry(String),
    /// `Edm.PrimitiveType`, `Edm.Untyped` and other abstract types.
    Untyped(String),
}

impl Primitive {
    /// Reads `Edm.X`; `None` for names that are not Edm primitives.
    pub fn from_edm_name(name: &str) -> Option<Primitive> {
        let local = name.strip_prefix("Edm.")?;
        Some(match local {
            "Binary" => Primitive::Binary,
            "Boolean" => Primitive::Boolean,
            "Byte" => Primitive::Byte,
            "Date" => Primitive::Date,
            "DateTime" => Primitive::DateTime,
            "DateTimeOffset" => Primitive::DateTimeOffset,
            "Decimal" => Primitive::Decimal,
            "Double" => Primitive::Double,
            "Duration" => Primitive::Duration,
            "Guid" => Primitive::Guid,
            "Int16" => Primitive::Int16,
            "Int32" => Primitive::Int32,
            "Int64" => Primitive::Int64,
            "SByte" => Primitive::SByte,
            "Single" => Primitive::Single,
            "Stream" => Primitive::Stream,
            "String" => Primitive::String,
            "Time" => Primitive::Time,
            "TimeOfDay" => Primitive::TimeOfDay,
            "PrimitiveType"
            | "Untyped"
            | "AnnotationPath"
            | "PropertyPath"
            | "NavigationPropertyPath"
            | "ModelElementPath"
            | "AnyPropertyPath" => Primitive::Untyped(name.to_owned()),
            g if g.starts_with("Geography") => Primitive::Geography(name.to_owned()),
            g if g.starts_with("Geometry") => Primitive::Geometry(name.to_owned()),
            _ => return None,
        })
    }

    /// The `Edm.X` name.
    pub fn edm_name(&self) -> String {
        match self {
            Primitive::Geography(n) | Primitive::Geometry(n) | Primitive::Untyped(n) => n.clone(),
            other => format!("Edm.{other:?}"),
        }
    }
}

/// A resolved reference to a type.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TypeRef {
    Primitive(Primitive),
    Entity(EntityTypeId),
    Complex(ComplexTypeId),
    Enum(EnumTypeId),
    Definition(TypeDefinitionId),
    Collection(Box<TypeRef>),
}

impl TypeRef {
    /// The item type of a collection, or `self`.
    pub fn item(&self) -> &TypeRef {
        match self {
            TypeRef::Collection(item) => item.item(),
            other => other,
        }
    }

    /// Whether this is `Collection(…)`.
    pub fn is_collection(&self) -> bool {
        matches!(self, TypeRef::Collection(_))
    }
}

/// `MaxLength`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MaxLength {
    Max,
    Length(u64),
}

/// `Scale`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scale {
    Fixed(u32),
    Variable,
    Floating,
}

/// Type facets of a property, parameter, return type or type definition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Facets {
    /// `Nullable` (default true).
    pub nullable: bool,
    pub max_length: Option<MaxLength>,
    pub fixed_length: Option<bool>,
    pub precision: Option<u32>,
    pub scale: Option<Scale>,
    pub srid: Option<String>,
    pub unicode: Option<bool>,
    pub default_value: Option<String>,
}

impl Default for Facets {
    fn default() -> Self {
        Facets {
            nullable: true,
            max_length: None,
            fixed_length: None,
            precision: None,
            scale: None,
            srid: None,
            unicode: None,
            default_value: None,
        }
    }
}

/// Human-readable texts for an element, from `sap:` attributes, `Documentation` and
/// `Core`/`Common` annotations.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Docs {
    /// `sap:label` or `Common.Label`.
    pub label: Option<String>,
    /// `sap:heading` or `Common.Heading`.
    pub heading: Option<String>,
    /// `sap:quickinfo` or `Common.QuickInfo`.
    pub quickinfo: Option<String>,
    /// `Documentation/Summary` or `Core.Description`.
    pub description: Option<String>,
    /// `Documentation/LongDescription` or `Core.LongDescription`.
    pub long_description: Option<String>,
}

impl Docs {
    /// Whether there is nothing to show.
    pub fn is_empty(&self) -> bool {
        *self == Docs::default()
    }
}

/// SAP and Core annotations of a property.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PropertyAnnotations {
    /// `sap:creatable="false"` or `Core.Computed`: the client may not send it on create.
    pub creatable: Option<bool>,
    /// `sap:updatable="false"`, `Core.Computed` or `Core.Immutable`.
    pub updatable: Option<bool>,
    /// `sap:filterable`.
    pub filterable: Option<bool>,
    /// `sap:sortable`.
    pub sortable: Option<bool>,
    /// `sap:display-format` (`Date`, `NonNegative`, `UpperCase`).
    pub display_format: Option<String>,
    /// `sap:semantics`.
    pub semantics: Option<String>,
    /// `sap:unit` (or `Measures.Unit`/`Measures.ISOCurrency` path): the unit property.
    pub unit: Option<String>,
    /// `sap:text`: the property holding this one's text.
    pub text: Option<String>,
    /// `sap:required-in-filter`.
    pub required_in_filter: Option<bool>,
    /// `sap:visible`.
    pub visible: Option<bool>,
    /// `Core.Computed`: the server computes the value (a client never sends it, except
    /// for a key, which a client may choose).
    pub computed: bool,
    /// `Core.ComputedDefaultValue`: the server computes the value when the client sends
    /// none (CAP's managed UUID keys).
    pub computed_default: bool,
    /// `Common.FieldControl` with the static value `Mandatory`: a create must send it.
    /// (A `Path`, and V2's `sap:field-control`, are decided per instance at run time.)
    pub mandatory: bool,
}

/// A structural property.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Property {
    pub name: String,
    pub ty: TypeRef,
    pub facets: Facets,
    /// `ConcurrencyMode="Fixed"` (V2): the property is part of the ETag.
    pub concurrency_token: bool,
    pub docs: Docs,
    pub annotations: PropertyAnnotations,
    pub pos: Pos,
}

/// A navigation property (V2 associations are resolved to this form).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NavigationProperty {
    pub name: String,
    pub target: EntityTypeId,
    /// To-many (`Collection(…)` or multiplicity `*`).
    pub collection: bool,
    /// For to-one: `0..1` or `Nullable` true.
    pub nullable: bool,
    /// The reverse navigation property, where known.
    pub partner: Option<String>,
    pub contains_target: bool,
    /// `(dependent property, principal property)` pairs.
    pub referential_constraints: Vec<(String, String)>,
    /// `OnDelete Action="Cascade"` (V4 on the navigation property, V2 on its association's
    /// end of this side): deleting the entity deletes the ones it leads to.
    pub on_delete_cascade: bool,
    /// `sap:creatable` on a V2 navigation property (deep create allowed).
    pub creatable: Option<bool>,
    /// `sap:filterable` on a V2 navigation property.
    pub filterable: Option<bool>,
    pub docs: Docs,
    pub pos: Pos,
}

/// An entity type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityType {
    pub name: QualifiedName,
    pub base_type: Option<EntityTypeId>,
    pub is_abstract: bool,
    pub open_type: bool,
    pub has_stream: bool,
    /// The key declared on this type (empty when inherited: see [`Model::key_of`]).
    pub key: Vec<String>,
    /// Properties declared on this type (base types' are in [`Model::entity_properties`]).
    pub properties: Vec<Property>,
    pub navigation: Vec<NavigationProperty>,
    /// `sap:semantics`.
    pub semantics: Option<String>,
    pub docs: Docs,
    pub pos: Pos,
}

/// A complex type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ComplexType {
    pub name: QualifiedName,
    pub base_type: Option<ComplexTypeId>,
    pub is_abstract: bool,
    pub open_type: bool,
    pub properties: Vec<Property>,
    pub navigation: Vec<NavigationProperty>,
    pub docs: Docs,
    pub pos: Pos,
}

/// An enum type member.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnumMember {
    pub name: String,
    pub value: i64,
    pub docs: Docs,
}

/// An enum type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnumType {
    pub name: QualifiedName,
    pub underlying: Primitive,
    pub is_flags: bool,
    pub members: Vec<EnumMember>,
    pub docs: Docs,
    pub pos: Pos,
}

/// A type definition (a named primitive type with facets).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeDefinition {
    pub name: QualifiedName,
    pub underlying: Primitive,
    pub facets: Facets,
    pub docs: Docs,
    pub pos: Pos,
}

/// What a client may do with an entity set, from `sap:` attributes or `Capabilities`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Capabilities {
    pub creatable: bool,
    pub updatable: bool,
    pub deletable: bool,
    /// `$top`/`$skip` (`sap:pageable`, `TopSupported`/`SkipSupported`).
    pub pageable: bool,
    /// `$inlinecount`/`$count` (`sap:countable`, `CountRestrictions`).
    pub countable: bool,
    /// `sap:searchable` or `SearchRestrictions`.
    pub searchable: bool,
    /// `sap:requires-filter` or `FilterRestrictions/RequiresFilter`.
    pub requires_filter: bool,
    /// `sap:addressable`.
    pub addressable: bool,
    /// Properties that may not appear in `$filter`.
    pub non_filterable: BTreeSet<String>,
    /// Properties that may not appear in `$orderby`.
    pub non_sortable: BTreeSet<String>,
    /// Navigation properties a create may not fill (deep insert):
    /// `InsertRestrictions/NonInsertableNavigationProperties`.
    pub non_insertable_navigation: BTreeSet<String>,
    /// Edited as drafts (`Common.DraftRoot`, or `Common.DraftNode` below a root).
    pub draft: Option<Draft>,
    /// Delta links for changes since a read (`sap:change-tracking="true"` in V2,
    /// `Capabilities.ChangeTracking/Supported` in V4).
    pub change_tracking: bool,
}

/// How an entity set is edited as drafts (SAP Fiori's draft choreography: SAP CAP's
/// `@odata.draft.enabled`, SAP RAP): its key has `IsActiveEntity`, a create makes a
/// draft, and these bound actions edit, prepare and activate one. The reader marks the
/// draft's administrative properties (`IsActiveEntity`, `HasActiveEntity`,
/// `HasDraftEntity`) computed and its administrative navigation (`DraftAdministrativeData`,
/// `SiblingEntity`) not insertable, so creates and patches leave them to the server.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    /// `Common.DraftRoot` (editable on its own) rather than `Common.DraftNode` (a
    /// composition child of a root, edited with it).
    pub root: bool,
    /// `ActivationAction`: turns a draft into the active entity.
    pub activate: Option<String>,
    /// `EditAction`: makes a draft of an active entity.
    pub edit: Option<String>,
    /// `PreparationAction`: validates a draft before activation.
    pub prepare: Option<String>,
}

impl Default for Capabilities {
    fn default() -> Self {
        Capabilities {
            creatable: true,
            updatable: true,
            deletable: true,
            pageable: true,
            countable: true,
            searchable: false,
            requires_filter: false,
            addressable: true,
            non_filterable: BTreeSet::new(),
            non_sortable: BTreeSet::new(),
            non_insertable_navigation: BTreeSet::new(),
            draft: None,
            change_tracking: false,
        }
    }
}

/// What a create does with a property, from the metadata alone (the generated create
/// types and the sandbox's Gateway decide with the same rule).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnCreate {
    /// Not sent: the server computes it or refuses it.
    Leave,
    /// Sent only when the client has a value.
    Optional,
    /// Always sent.
    Required,
}

impl Property {
    /// What a create does with this property (`is_key`: part of the entity's key):
    ///
    /// - left out: `Core.Computed` (except keys), `sap:creatable="false"`, stream
    ///   properties (media is written at its own URL);
    /// - optional: keys and properties the server computes when none is given
    ///   (`Core.Computed` keys, `Core.ComputedDefaultValue`), nullable properties, those
    ///   with a `DefaultValue`, collections, complex values;
    /// - required: other keys, `Common.FieldControl` `Mandatory`, and non-nullable
    ///   primitive, enum and type definition properties without a default.
    pub fn on_create(&self, is_key: bool) -> OnCreate {
        let a = &self.annotations;
        if matches!(self.ty, TypeRef::Primitive(Primitive::Stream)) {
            return OnCreate::Leave;
        }
        if a.computed_default || (is_key && a.computed) {
            return OnCreate::Optional;
        }
        if a.creatable == Some(false) {
            return OnCreate::Leave;
        }
        if is_key || a.mandatory {
            return OnCreate::Required;
        }
        // A complex value's own properties decide what it needs; V2 declares every complex
        // property `Nullable="false"`, which says nothing about whether a create needs it.
        let complex = matches!(self.ty, TypeRef::Complex(_));
        if !self.facets.nullable && self.facets.default_value.is_none() && !self.ty.is_collection() && !complex {
            return OnCreate::Required;
        }
        OnCreate::Optional
    }
}

impl NavigationProperty {
    /// Whether a create in `set` may carry entities for this navigation property (deep
    /// insert): not `sap:creatable="false"`, not in the set's
    /// `InsertRestrictions/NonInsertableNavigationProperties` (nor a draft's
    /// administrative navigation).
    pub fn deep_insertable_in(&self, set: &EntitySet) -> bool {
        self.creatable != Some(false) && !set.capabilities.non_insertable_navigation.contains(&self.name)
    }
}

/// An entity set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntitySet {
    pub name: String,
    pub entity_type: EntityTypeId,
    pub capabilities: Capabilities,
    /// `(navigation path, target entity set)` (V4 bindings; V2 association sets).
    pub navigation_bindings: Vec<(String, String)>,
    pub docs: Docs,
    pub pos: Pos,
}

/// A singleton.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Singleton {
    pub name: String,
    pub entity_type: EntityTypeId,
    pub navigation_bindings: Vec<(String, String)>,
    pub docs: Docs,
    pub pos: Pos,
}

/// Function (no side effects, GET) or action (POST).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OperationKind {
    Function,
    Action,
}

/// A parameter of an operation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parameter {
    pub name: String,
    pub ty: TypeRef,
    pub facets: Facets,
    pub docs: Docs,
    pub pos: Pos,
}

/// The return type of an operation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReturnType {
    pub ty: TypeRef,
    pub facets: Facets,
}

/// A function or action (V4), or a V2 function import.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Operation {
    /// For V2 function imports: the schema namespace and the import's name.
    pub name: QualifiedName,
    pub kind: OperationKind,
    /// Bound: the first parameter is the binding parameter.
    pub is_bound: bool,
    pub is_composable: bool,
    pub parameters: Vec<Parameter>,
    pub return_type: Option<ReturnType>,
    /// `EntitySetPath` (V4) or the import's `EntitySet`.
    pub entity_set_path: Option<String>,
    /// GET or POST (V2 `m:HttpMethod`; functions GET, actions POST in V4).
    pub http_method: String,
    /// `sap:action-for` (V2): the entity type the import acts on.
    pub action_for: Option<String>,
    pub docs: Docs,
    pub pos: Pos,
}

/// A function or action import (V2: every function import).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OperationImport {
    pub name: String,
    /// The unbound overloads the import exposes.
    pub operations: Vec<OperationId>,
    pub entity_set: Option<String>,
    pub docs: Docs,
    pub pos: Pos,
}

/// The entity container.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EntityContainer {
    pub name: String,
    pub entity_sets: Vec<EntitySet>,
    pub singletons: Vec<Singleton>,
    pub imports: Vec<OperationImport>,
    pub docs: Docs,
}

/// A schema (namespace and optional alias).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Schema {
    pub namespace: String,
    pub alias: Option<String>,
}

/// `edmx:Reference` with its `edmx:Include`s.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    pub uri: String,
    /// `(namespace, alias)`.
    pub includes: Vec<(String, Option<String>)>,
}

/// A whole `$metadata` document, resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Model {
    pub version: ODataVersion,
    /// The `Version` attribute of `edmx:Edmx` (`1.0`, `4.0`, `4.01`).
    pub edmx_version: String,
    pub schemas: Vec<Schema>,
    pub references: Vec<Reference>,
    pub entity_types: Vec<EntityType>,
    pub complex_types: Vec<ComplexType>,
    pub enum_types: Vec<EnumType>,
    pub type_definitions: Vec<TypeDefinition>,
    pub operations: Vec<Operation>,
    pub container: EntityContainer,
    /// What was skipped (or read as raw JSON) because it was unusable, with where and
    /// why, in document order.
    pub warnings: Vec<crate::Warning>,
}

impl Model {
    /// The entity type with id `id`.
    pub fn entity(&self, id: EntityTypeId) -> &EntityType {
        &self.entity_types[id.0]
    }

    /// The complex type with id `id`.
    pub fn complex(&self, id: ComplexTypeId) -> &ComplexType {
        &self.complex_types[id.0]
    }

    /// The base-type chain of an entity type, root first, ending with `id` itself.
    pub fn entity_chain(&self, id: EntityTypeId) -> Vec<EntityTypeId> {
        let mut chain = vec![id];
        let mut current = id;
        while let Some(base) = self.entity(current).base_type {
            if chain.contains(&base) {
                break; // cycles are rejected while reading; never loop here
            }
            chain.push(base);
            current = base;
        }
        chain.reverse();
        chain
    }

    /// All properties of an entity type, inherited ones first.
    pub fn entity_properties(&self, id: EntityTypeId) -> Vec<&Property> {
        self.entity_chain(id).into_iter().flat_map(|t| self.entity(t).properties.iter()).collect()
    }

    /// All navigation properties of an entity type, inherited ones first.
    pub fn entity_navigation(&self, id: EntityTypeId) -> Vec<&NavigationProperty> {
        self.entity_chain(id).into_iter().flat_map(|t| self.entity(t).navigation.iter()).collect()
    }

    /// The key property names of an entity type (declared here or on a base type).
    pub fn key_of(&self, id: EntityTypeId) -> &[String] {
        self.entity_chain(id)
            .into_iter()
            .rev()
            .map(|t| &self.entity(t).key)
            .find(|k| !k.is_empty())
            .map_or(&[], |k| k.as_slice())
    }

    /// The base-type chain of a complex type, root first.
    pub fn complex_chain(&self, id: ComplexTypeId) -> Vec<ComplexTypeId> {
        let mut chain = vec![id];
        let mut current = id;
        while let Some(base) = self.complex(current).base_type {
            if chain.contains(&base) {
                break;
            }
            chain.push(base);
            current = base;
        }
        chain.reverse();
        chain
    }

    /// All properties of a complex type, inherited ones first.
    pub fn complex_properties(&self, id: ComplexTypeId) -> Vec<&Property> {
        self.complex_chain(id).into_iter().flat_map(|t| self.complex(t).properties.iter()).collect()
    }

    /// The entity set named `name`.
    pub fn entity_set(&self, name: &str) -> Option<&EntitySet> {
        self.container.entity_sets.iter().find(|s| s.name == name)
    }

    /// The entity type named `Namespace.Name` (or `Alias.Name`).
    pub fn entity_type_by_name(&self, qualified: &str) -> Option<EntityTypeId> {
        let (ns, name) = qualified.rsplit_once('.')?;
        let ns = self.schemas.iter().find(|s| s.alias.as_deref() == Some(ns)).map_or(ns, |s| &s.namespace);
        self.entity_types.iter().position(|t| t.name.namespace == ns && t.name.name == name).map(EntityTypeId)
    }

    /// The number of structural properties declared in the whole model.
    pub fn property_count(&self) -> usize {
        self.entity_types.iter().map(|t| t.properties.len()).sum::<usize>()
            + self.complex_types.iter().map(|t| t.properties.len()).sum::<usize>()
    }
}
