//! Structs for entity and complex types, key structs, enums and type definitions.
//!
//! These are most of a service's code (several items per property), so they are written
//! as source text with `w!`, not built as tokens: see `gen`'s module docs.

use super::{docs, ident, lit, push_lit, Generator};
use crate::naming::{self, Scope};
use crate::Error;
use odata_edmx::{ComplexTypeId, EntityTypeId, NavigationProperty, ODataVersion, Primitive, Property, TypeRef};
use proc_macro2::Ident;
use std::collections::HashSet;

/// How a field's value is read and written in JSON: a codec of `odata_runtime::object`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Codec {
    /// An Edm value in the service's version's form (`EdmV2`/`EdmV4`).
    Edm,
    /// The value's own serde impls (complex types, V4 navigation, metadata).
    Serde,
    /// A V2 collection of complex values.
    ListV2,
    /// A V2 to-one navigation property.
    NavOneV2,
    /// A V2 to-many navigation property.
    NavManyV2,
}

/// One generated struct field.
pub(super) struct Field {
    pub(super) name: Ident,
    /// The JSON name.
    pub(super) odata: String,
    /// The Rust type, as source text.
    pub(super) ty: String,
    /// `#[doc = …]` attributes, as source text.
    pub(super) doc: String,
    pub(super) codec: Codec,
    /// Reading fails when the field is missing (otherwise it keeps its `Default`).
    pub(super) required: bool,
    /// `None` is left out when writing.
    pub(super) skip_none: bool,
}

impl Field {
    /// `pub name: Type,` with its docs.
    pub(super) fn write(&self, out: &mut String) {
        out.push_str(&self.doc);
        w!(out, "pub {}: ", self.name);
        out.push_str(&self.ty);
        out.push(',');
    }
}

/// `Option<ty>` as source text.
fn option(ty: &str) -> String {
    format!("::core::option::Option<{ty}>")
}

pub(super) fn naming_plain(name: &Ident) -> String {
    let s = name.to_string();
    s.strip_prefix("r#").map(str::to_owned).unwrap_or(s)
}

impl Generator<'_> {
    fn property_doc(&self, p: &Property, is_key: bool, unit_of: Option<&str>) -> String {
        let mut paragraphs = docs::paragraphs(&p.docs);
        let mut facts = vec![format!("`{}`: {}", p.name, super::type_text(self.model, &p.ty))];
        facts.extend(docs::facets(&p.facets));
        if is_key {
            facts.push("key".into());
        }
        let a = &p.annotations;
        match (a.creatable, a.updatable) {
            (Some(false), Some(false)) => facts.push("read-only".into()),
            (Some(false), _) => facts.push("not creatable".into()),
            (_, Some(false)) => facts.push("not updatable".into()),
            _ => {}
        }
        if a.filterable == Some(false) {
            facts.push("not filterable".into());
        }
        if a.sortable == Some(false) {
            facts.push("not sortable".into());
        }
        if p.concurrency_token {
            facts.push("part of the ETag".into());
        }
        if let Some(unit) = &a.unit {
            facts.push(format!("unit in `{}`", docs::clean(unit)));
        }
        if let Some(of) = unit_of {
            facts.push(format!("unit of `{of}`"));
        }
        if let Some(f) = &a.display_format {
            facts.push(format!("display format {}", docs::clean(f)));
        }
        if let Some(s) = &a.semantics {
            facts.push(format!("semantics {}", docs::clean(s)));
        }
        paragraphs.push(format!("{}.", facts.join(", ")));
        docs::attrs(&paragraphs)
    }

    /// The field for a structural property. `boxed` breaks recursion of complex types.
    fn property_field(&self, p: &Property, name: Ident, is_key: bool, boxed: bool) -> Field {
        let v2 = self.model.version == ODataVersion::V2;
        let edm = self.is_edm_value(&p.ty);
        let item = self.item_type_text(&p.ty);
        let stream = matches!(p.ty, TypeRef::Primitive(Primitive::Stream));
        let (ty, codec, required) = if p.ty.is_collection() {
            let codec = match (edm, v2) {
                (true, _) => Codec::Edm,
                (false, true) => Codec::ListV2,
                (false, false) => Codec::Serde,
            };
            (item, codec, false)
        } else {
            let item = if boxed { format!("::std::boxed::Box<{item}>") } else { item };
            let codec = if edm { Codec::Edm } else { Codec::Serde };
            if (p.facets.nullable || stream) && !is_key {
                (option(&item), codec, false)
            } else {
                (item, codec, true)
            }
        };
        Field {
            name,
            odata: p.name.clone(),
            ty,
            doc: self.property_doc(p, is_key, None),
            codec,
            required,
            // Media content is never inline: it is read and written at its own URL.
            skip_none: stream,
        }
    }

    fn navigation_field(&self, n: &NavigationProperty, name: Ident) -> Option<Field> {
        let target = self.entity_names.get(&n.target.0)?;
        let v2 = self.model.version == ODataVersion::V2;
        let (ty, codec) = if n.collection {
            (
                format!("::core::option::Option<::std::vec::Vec<{target}>>"),
                if v2 { Codec::NavManyV2 } else { Codec::Serde },
            )
        } else {
            (
                format!("::core::option::Option<::std::boxed::Box<{target}>>"),
                if v2 { Codec::NavOneV2 } else { Codec::Serde },
            )
        };
        let mut paragraphs = docs::paragraphs(&n.docs);
        let many = if n.collection {
            "to many"
        } else if n.nullable {
            "to zero or one"
        } else {
            "to one"
        };
        let target_name = &self.model.entity(n.target).name;
        let mut fact = format!("Navigation `{}` ({many}) to [`{target}`] (`{target_name}`)", n.name);
        if n.contains_target {
            fact.push_str(", contained");
        }
        paragraphs.push(format!("{fact}; `None` unless expanded."));
        Some(Field {
            name,
            odata: n.name.clone(),
            ty,
            doc: docs::attrs(&paragraphs),
            codec,
            required: false,
            skip_none: true,
        })
    }

    /// Whether complex type `from` reaches `to` through non-collection complex properties.
    fn complex_reaches(&self, from: ComplexTypeId, to: ComplexTypeId) -> bool {
        let mut seen = HashSet::new();
        let mut work = vec![from];
        while let Some(c) = work.pop() {
            if c == to {
                return true;
            }
            if !seen.insert(c) {
                continue;
            }
            for p in self.model.complex_properties(c) {
                if let TypeRef::Complex(next) = &p.ty {
                    work.push(*next);
                }
            }
        }
        false
    }

    fn needs_box(&self, owner: Option<ComplexTypeId>, p: &Property) -> bool {
        match (owner, &p.ty) {
            (Some(owner), TypeRef::Complex(target)) => self.complex_reaches(*target, owner),
            _ => false,
        }
    }

    /// The query constant of a property (`Partner::LAST_NAME`), when the property can be
    /// used in `$filter`, `$orderby` or `$select` (single primitive, enum or type
    /// definition values; others are selected through their navigation or not at all).
    /// `sets` are the entity sets of the property's entity type.
    #[allow(clippy::too_many_arguments)]
    fn property_const(
        &self,
        out: &mut String,
        entity: EntityTypeId,
        sets: &[&odata_edmx::EntitySet],
        p: &Property,
        field: &Ident,
        is_key: bool,
        scope: &mut Scope,
    ) {
        let rt = &self.rt_text;
        let entity_name = &self.entity_names[&entity.0];
        let odata = lit(&p.name);
        if matches!(p.ty, TypeRef::Primitive(Primitive::Stream)) {
            let name = scope.claim(&naming::const_name(&naming_plain(field)));
            let doc = docs::attrs(&[format!("`{}`: a stream property, read and written at its own URL.", p.name)]);
            w!(
                out,
                "{doc}pub const {name}: {rt}::request::StreamProperty<{entity_name}> = \
                 {rt}::request::StreamProperty::new({odata});"
            );
            return;
        }
        let queryable = match &p.ty {
            TypeRef::Primitive(prim) => !matches!(
                prim,
                Primitive::Stream | Primitive::Geography(_) | Primitive::Geometry(_) | Primitive::Untyped(_)
            ),
            TypeRef::Enum(e) => self.enum_names.contains_key(&e.0),
            TypeRef::Definition(d) => self.definition_names.contains_key(&d.0),
            _ => false,
        };
        if !queryable {
            return;
        }
        let value = self.item_type_text(&p.ty);
        let filterable = p.annotations.filterable != Some(false)
            && sets.iter().all(|s| !s.capabilities.non_filterable.contains(&p.name));
        let sortable = p.annotations.sortable != Some(false)
            && sets.iter().all(|s| !s.capabilities.non_sortable.contains(&p.name));
        let f = if filterable { "Filterable" } else { "NotFilterable" };
        let s = if sortable { "Sortable" } else { "NotSortable" };
        let name = scope.claim(&naming::const_name(&naming_plain(field)));
        // The property's label first, as SAP's UIs show it.
        let label = p.docs.label.as_deref().map(docs::clean).filter(|l| !l.is_empty());
        let mut facts = vec![match label {
            Some(label) => format!("{label} (`{}`)", p.name),
            None => format!("`{}`", p.name),
        }];
        if !filterable {
            facts.push("not filterable".into());
        }
        if !sortable {
            facts.push("not sortable".into());
        }
        // Nullable properties say so, so that a `$select` of them reads an `Option`.
        let nullable = p.facets.nullable && !is_key;
        if nullable {
            facts.push("nullable".into());
        }
        let doc = docs::attrs(&[format!("{}.", facts.join(", "))]);
        w!(
            out,
            "{doc}pub const {name}: {rt}::query::Property<{entity_name}, {value}, {rt}::__private::{f}, {rt}::__private::{s}"
        );
        if nullable {
            w!(out, ", {rt}::__private::Nullable");
        }
        w!(out, "> = {rt}::query::Property::new({odata});");
    }

    fn navigation_const(
        &self,
        out: &mut String,
        entity_name: &Ident,
        n: &NavigationProperty,
        field: &Ident,
        scope: &mut Scope,
    ) {
        let rt = &self.rt_text;
        let target = &self.entity_names[&n.target.0];
        let card = if n.collection { "Many" } else { "One" };
        let name = scope.claim(&naming::const_name(&naming_plain(field)));
        let doc = docs::attrs(&[format!("Navigation `{}` to [`{target}`].", n.name)]);
        let odata = lit(&n.name);
        w!(
            out,
            "{doc}pub const {name}: {rt}::query::Navigation<{entity_name}, {target}, {rt}::__private::{card}> = \
             {rt}::query::Navigation::new({odata});"
        );
    }

    /// `XPatch`: the properties an update may change, each optional; only those set
    /// are sent. Keys and properties the metadata marks not updatable are left out, so
    /// changing them does not compile.
    fn patch(&self, id: EntityTypeId, properties: &[&Property], key: &[String]) -> (String, String) {
        let name = &self.patch_names[&id.0];
        let entity = &self.entity_names[&id.0];
        let mut scope = Scope::snake();
        let mut fields = Vec::new();
        for p in properties {
            let updatable = !key.contains(&p.name)
                && p.annotations.updatable != Some(false)
                && !matches!(p.ty, TypeRef::Primitive(Primitive::Stream));
            if !updatable {
                continue;
            }
            let v2_complex_list =
                self.model.version == ODataVersion::V2 && p.ty.is_collection() && !self.is_edm_value(&p.ty);
            if v2_complex_list {
                continue; // rare in V2; replace the entity to change such a collection
            }
            let fname = ident(&scope.claim(&naming::field_name(&p.name)));
            let mut field = self.property_field(p, fname, false, false);
            let already_optional = p.facets.nullable && !p.ty.is_collection();
            if !already_optional {
                field.ty = option(&field.ty);
            }
            field.required = false;
            field.skip_none = true;
            fields.push(field);
        }
        let mut out = String::with_capacity(1024 + fields.len() * 600);
        out.push_str(&docs::attrs(&[format!(
            "Changes to a [`{entity}`] for `update`: only the fields that are `Some` are sent. \
             Keys and properties the service does not let clients change are not here."
        )]));
        write_value_struct(&mut out, &name.to_string(), &fields);
        self.write_object_impl(&mut out, &name.to_string(), &fields);
        (name.to_string(), out)
    }

    pub(super) fn entity(&self, i: usize) -> Result<Vec<(String, String)>, Error> {
        let id = EntityTypeId(i);
        let t = self.model.entity(id);
        let name = &self.entity_names[&i];
        let key = self.model.key_of(id);
        let properties = self.model.entity_properties(id);
        let entity_sets: Vec<&odata_edmx::EntitySet> =
            self.model.container.entity_sets.iter().filter(|s| s.entity_type == id).collect();
        let mut scope = Scope::snake();
        let mut fields: Vec<Field> = Vec::new();
        let mut key_fields: Vec<(Ident, &Property)> = Vec::new();
        let mut consts = Scope::snake();
        let mut query_consts = String::with_capacity(properties.len() * 400);
        for p in &properties {
            let fname = ident(&scope.claim(&naming::field_name(&p.name)));
            let is_key = key.contains(&p.name);
            if is_key {
                key_fields.push((fname.clone(), p));
            }
            self.property_const(&mut query_consts, id, &entity_sets, p, &fname, is_key, &mut consts);
            fields.push(self.property_field(p, fname, is_key, false));
        }
        for n in self.model.entity_navigation(id) {
            if self.entity_names.contains_key(&n.target.0) {
                let fname = ident(&scope.claim(&naming::field_name(&n.name)));
                self.navigation_const(&mut query_consts, name, n, &fname, &mut consts);
                fields.extend(self.navigation_field(n, fname));
            }
        }
        let rt = &self.rt_text;
        let meta_name = ident(&scope.claim(match self.model.version {
            ODataVersion::V2 => "odata_metadata",
            ODataVersion::V4 => "odata_etag",
        }));
        let (meta_field, etag_body) = match self.model.version {
            ODataVersion::V2 => (
                Field {
                    name: meta_name.clone(),
                    odata: "__metadata".into(),
                    ty: option(&format!("{rt}::__private::EntityMetadata")),
                    doc: docs::attrs(&["`__metadata`: URI, type and ETag as the server sent them.".into()]),
                    codec: Codec::Serde,
                    required: false,
                    skip_none: true,
                },
                format!("self.{meta_name}.as_ref().and_then(|m| m.etag.as_deref())"),
            ),
            ODataVersion::V4 => (
                Field {
                    name: meta_name.clone(),
                    odata: "@odata.etag".into(),
                    ty: option("::std::string::String"),
                    doc: docs::attrs(&["`@odata.etag`: the ETag as the server sent it.".into()]),
                    codec: Codec::Serde,
                    required: false,
                    skip_none: true,
                },
                format!("self.{meta_name}.as_deref()"),
            ),
        };
        fields.push(meta_field);

        let mut paragraphs = docs::paragraphs(&t.docs);
        let mut facts = format!("Entity type `{}`", t.name);
        if !key.is_empty() {
            let k: Vec<String> = key.iter().map(|k| format!("`{k}`")).collect();
            facts.push_str(&format!(", key {}", k.join(", ")));
        }
        if let Some(base) = t.base_type {
            facts.push_str(&format!(", derived from `{}`", self.model.entity(base).name));
        }
        if t.is_abstract {
            facts.push_str(", abstract");
        }
        if t.has_stream {
            facts.push_str(", media entity (its content is read and written at `$value`)");
        }
        let sets: Vec<String> = self
            .sel
            .sets
            .iter()
            .map(|&s| &self.model.container.entity_sets[s])
            .filter(|s| s.entity_type == id)
            .map(|s| format!("`{}`", s.name))
            .collect();
        if !sets.is_empty() {
            facts.push_str(&format!("; entity set {}", sets.join(", ")));
        }
        paragraphs.push(format!("{facts}."));
        let qualified = t.name.to_string();
        let name_text = name.to_string();
        let mut code = String::with_capacity(4096 + fields.len() * 800 + query_consts.len());
        code.push_str(&docs::attrs(&paragraphs));
        write_value_struct(&mut code, &name_text, &fields);
        self.object_impls(&mut code, &name_text, &qualified, &fields);
        w!(
            code,
            "#[doc = \" Properties and navigation properties, for typed queries.\"] impl {name} {{{query_consts}}}"
        );
        let (bound_operations, bound_params) = self.bound_operations(id, &mut consts);
        code.push_str(&bound_operations.to_string());
        self.object_result_impl(&mut code, &name_text, "object");
        if t.has_stream && self.key_names.contains_key(&i) {
            code.push_str(&docs::attrs(&[format!("[`{name}`] is a media entity: its content is at `$value`.")]));
            w!(code, "impl {rt}::request::MediaEntity for {name} {{}}");
        }
        let mut out = vec![(name_text, code)];
        out.extend(bound_params.into_iter().map(|(n, tokens)| (n, tokens.to_string())));
        if let Some(key_name) = self.key_names.get(&i) {
            let mut key_fields_sorted: Vec<(Ident, &Property)> = Vec::new();
            for k in key {
                if let Some(found) = key_fields.iter().find(|(_, p)| &p.name == k) {
                    key_fields_sorted.push(found.clone());
                } else {
                    return Err(Error::Generate(format!(
                        "the key of entity type '{}' uses '{k}', a property path, which is not supported yet",
                        t.name
                    )));
                }
            }
            let hashable = key_fields_sorted.iter().all(|(_, p)| {
                !matches!(
                    p.ty,
                    TypeRef::Primitive(
                        Primitive::Single
                            | Primitive::Double
                            | Primitive::Stream
                            | Primitive::Geography(_)
                            | Primitive::Geometry(_)
                            | Primitive::Untyped(_)
                    )
                )
            });
            let eq = if hashable { ", ::core::cmp::Eq, ::core::hash::Hash" } else { "" };
            let mut code = docs::attrs(&[format!("The key of [`{name}`] (entity type `{qualified}`).")]);
            w!(
                code,
                "#[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::cmp::PartialEq{eq})] pub struct {key_name} {{"
            );
            for (f, p) in &key_fields_sorted {
                let doc = docs::attrs(&[format!("`{}`", p.name)]);
                w!(code, "{doc}pub {f}: {},", self.item_type_text(&p.ty));
            }
            w!(
                code,
                "}} impl {rt}::EntityKey for {key_name} {{ fn key_values(&self, version: {rt}::Version) -> \
                 ::std::vec::Vec<(&'static str, ::std::string::String)> {{ ::std::vec!["
            );
            for (n, (f, p)) in key_fields_sorted.iter().enumerate() {
                let sep = if n > 0 { ", " } else { "" };
                w!(code, "{sep}({}, {rt}::edm::EdmValue::to_literal(&self.{f}, version))", lit(&p.name));
            }
            w!(
                code,
                "] }} }} impl {rt}::Entity for {name} {{ const ENTITY_TYPE: &'static str = {}; type Key = {key_name}; \
                 fn key(&self) -> {key_name} {{ {key_name} {{ ",
                lit(&qualified)
            );
            for (n, (f, _)) in key_fields_sorted.iter().enumerate() {
                let sep = if n > 0 { ", " } else { "" };
                w!(code, "{sep}{f}: ::core::clone::Clone::clone(&self.{f})");
            }
            w!(code, " }} }} fn etag(&self) -> ::core::option::Option<&str> {{ {etag_body} }} }}");
            out.push(self.patch(id, &properties, key));
            out.push((key_name.to_string(), code));
        }
        Ok(out)
    }

    pub(super) fn complex(&self, i: usize) -> (String, String) {
        let id = ComplexTypeId(i);
        let t = self.model.complex(id);
        let name = &self.complex_names[&i];
        let mut scope = Scope::snake();
        let mut fields = Vec::new();
        for p in self.model.complex_properties(id) {
            let fname = ident(&scope.claim(&naming::field_name(&p.name)));
            fields.push(self.property_field(p, fname, false, self.needs_box(Some(id), p)));
        }
        for c in self.model.complex_chain(id) {
            for n in &self.model.complex(c).navigation {
                if self.entity_names.contains_key(&n.target.0) {
                    let fname = ident(&scope.claim(&naming::field_name(&n.name)));
                    fields.extend(self.navigation_field(n, fname));
                }
            }
        }
        let mut paragraphs = docs::paragraphs(&t.docs);
        let mut facts = format!("Complex type `{}`", t.name);
        if let Some(base) = t.base_type {
            facts.push_str(&format!(", derived from `{}`", self.model.complex(base).name));
        }
        paragraphs.push(format!("{facts}."));
        let name_text = name.to_string();
        let mut code = docs::attrs(&paragraphs);
        write_value_struct(&mut code, &name_text, &fields);
        self.object_impls(&mut code, &name_text, &t.name.to_string(), &fields);
        self.object_result_impl(&mut code, &name_text, "object");
        (name_text, code)
    }

    pub(super) fn enum_type(&self, i: usize) -> (String, String) {
        let e = &self.model.enum_types[i];
        let name = &self.enum_names[&i];
        let rt = &self.rt_text;
        let qualified = lit(&e.name.to_string());
        let mut paragraphs = docs::paragraphs(&e.docs);
        let underlying = e.underlying.edm_name();
        let mut scope = Scope::variants();
        if e.is_flags || e.members.is_empty() {
            let mut consts = Scope::snake();
            let members: Vec<(Ident, &odata_edmx::EnumMember)> =
                e.members.iter().map(|m| (ident(&consts.claim(&naming::const_name(&m.name))), m)).collect();
            paragraphs.push(format!(
                "Flags enum type `{}` (`{underlying}`): a set of members, combined with `|`; written as `\"A,B\"`.",
                e.name
            ));
            let mut code = docs::attrs(&paragraphs);
            w!(
                code,
                "#[derive(::core::clone::Clone, ::core::marker::Copy, ::core::fmt::Debug, ::core::default::Default, \
                 ::core::cmp::PartialEq, ::core::cmp::Eq, ::core::hash::Hash)] pub struct {name}(pub i64); impl {name} {{"
            );
            for (c, m) in &members {
                let mut p = docs::paragraphs(&m.docs);
                p.push(format!("`{}` = {}.", m.name, m.value));
                w!(code, "{}pub const {c}: Self = Self({}i64);", docs::attrs(&p), m.value);
            }
            w!(
                code,
                "#[doc = \" Whether every bit of `other` is set in `self`.\"] \
                 pub const fn contains(self, other: Self) -> bool {{ self.0 & other.0 == other.0 }} }} \
                 impl ::core::ops::BitOr for {name} {{ type Output = Self; \
                 fn bitor(self, other: Self) -> Self {{ Self(self.0 | other.0) }} }} \
                 impl {rt}::edm::EdmFlags for {name} {{ const QUALIFIED_NAME: &'static str = {qualified}; \
                 const MEMBERS: &'static [(&'static str, i64)] = &["
            );
            for (n, (_, m)) in members.iter().enumerate() {
                let sep = if n > 0 { ", " } else { "" };
                w!(code, "{sep}({}, {}i64)", lit(&m.name), m.value);
            }
            w!(code, "]; fn bits(self) -> i64 {{ self.0 }} fn from_bits(bits: i64) -> Self {{ Self(bits) }} }}");
            self.enum_value_impls(&mut code, &name.to_string(), "flags");
            return (name.to_string(), code);
        }
        let variants: Vec<(Ident, &odata_edmx::EnumMember)> =
            e.members.iter().map(|m| (ident(&scope.claim(&naming::variant_name(&m.name))), m)).collect();
        paragraphs.push(format!("Enum type `{}` (`{underlying}`); written as the member name.", e.name));
        let mut code = docs::attrs(&paragraphs);
        w!(
            code,
            "#[derive(::core::clone::Clone, ::core::marker::Copy, ::core::fmt::Debug, ::core::default::Default, \
             ::core::cmp::PartialEq, ::core::cmp::Eq, ::core::hash::Hash, ::core::cmp::PartialOrd, ::core::cmp::Ord)] \
             pub enum {name} {{"
        );
        for (n, (v, m)) in variants.iter().enumerate() {
            let mut p = docs::paragraphs(&m.docs);
            p.push(format!("`{}` = {}.", m.name, m.value));
            let default = if n == 0 { "#[default]" } else { "" };
            w!(code, "{}{default}{v},", docs::attrs(&p));
        }
        w!(
            code,
            "}} impl {rt}::edm::EdmEnum for {name} {{ const QUALIFIED_NAME: &'static str = {qualified}; \
             const MEMBERS: &'static [(Self, &'static str, i64)] = &["
        );
        for (n, (v, m)) in variants.iter().enumerate() {
            let sep = if n > 0 { ", " } else { "" };
            w!(code, "{sep}(Self::{v}, {}, {}i64)", lit(&m.name), m.value);
        }
        code.push_str("]; fn member_name(self) -> &'static str { match self {");
        for (n, (v, m)) in variants.iter().enumerate() {
            let sep = if n > 0 { ", " } else { "" };
            w!(code, "{sep}Self::{v} => {}", lit(&m.name));
        }
        code.push_str("} } }");
        self.enum_value_impls(&mut code, &name.to_string(), "enum");
        (name.to_string(), code)
    }

    /// The codec's type in `odata_runtime::object`.
    fn codec_name(&self, codec: Codec) -> &'static str {
        let v2 = self.model.version == ODataVersion::V2;
        match codec {
            Codec::Edm if v2 => "EdmV2",
            Codec::Edm => "EdmV4",
            Codec::Serde => "Serde",
            Codec::ListV2 => "ListV2",
            Codec::NavOneV2 => "NavOneV2",
            Codec::NavManyV2 => "NavManyV2",
        }
    }

    /// `use odata_runtime::__private::{…};` of the codecs `fields` need.
    fn codec_imports(&self, out: &mut String, fields: &[Field]) {
        let mut codecs: Vec<Codec> = fields.iter().map(|f| f.codec).collect();
        codecs.sort();
        codecs.dedup();
        let names: Vec<&str> = codecs.into_iter().map(|c| self.codec_name(c)).collect();
        w!(out, "use {}::__private::{{{}}};", self.rt_text, names.join(", "));
    }

    /// `WriteObject` and `Serialize`: one line per field.
    pub(super) fn write_object_impl(&self, out: &mut String, name: &str, fields: &[Field]) {
        let rt = &self.rt_text;
        w!(
            out,
            "impl {rt}::__private::WriteObject for {name} {{ fn write_fields<M: {rt}::serde::ser::SerializeMap>(&self, \
             map: &mut M) -> ::core::result::Result<(), M::Error> {{"
        );
        self.codec_imports(out, fields);
        for f in fields {
            let method = if f.skip_none { "write_some" } else { "write" };
            w!(out, "{}::{method}(map, ", self.codec_name(f.codec));
            push_lit(out, &f.odata);
            w!(out, ", &self.{})?;", f.name);
        }
        w!(
            out,
            "::core::result::Result::Ok(()) }} }} impl {rt}::serde::Serialize for {name} {{ \
             fn serialize<S: {rt}::serde::Serializer>(&self, s: S) -> ::core::result::Result<S::Ok, S::Error> {{ \
             {rt}::__private::serialize(self, s) }} }}"
        );
    }

    /// `ReadObject`, `WriteObject`, `Deserialize` and `Serialize` of an entity or
    /// complex type. Fields are looked up in the order servers send them: `__metadata`
    /// and instance annotations first, then properties and navigation in metadata order.
    fn object_impls(&self, out: &mut String, name: &str, qualified: &str, fields: &[Field]) {
        let rt = &self.rt_text;
        let first = |f: &&Field| f.odata.starts_with("__") || f.odata.starts_with('@');
        let mut order: Vec<&Field> = fields.iter().filter(first).collect();
        order.extend(fields.iter().filter(|f| !first(f)));
        w!(
            out,
            "impl {rt}::__private::ReadObject for {name} {{ const NAME: &'static str = {}; \
             const FIELDS: &'static [&'static str] = &[",
            lit(qualified)
        );
        for (i, f) in order.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            push_lit(out, &f.odata);
        }
        out.push_str("]; const REQUIRED: &'static [usize] = &[");
        let mut sep = "";
        for (i, f) in order.iter().enumerate() {
            if f.required {
                w!(out, "{sep}{i}");
                sep = ", ";
            }
        }
        w!(
            out,
            "]; #[inline] fn read_field<'de, A: {rt}::serde::de::MapAccess<'de>>(&mut self, field: usize, map: &mut A) \
             -> ::core::result::Result<(), A::Error> {{"
        );
        self.codec_imports(out, fields);
        out.push_str("match field {");
        for (i, f) in order.iter().enumerate() {
            w!(out, "{i} => self.{} = {}::read(map)?,", f.name, self.codec_name(f.codec));
        }
        w!(
            out,
            "_ => {rt}::__private::skip(map)?, }} ::core::result::Result::Ok(()) }} }} \
             impl<'de> {rt}::serde::Deserialize<'de> for {name} {{ \
             fn deserialize<D: {rt}::serde::Deserializer<'de>>(d: D) -> ::core::result::Result<Self, D::Error> {{ \
             {rt}::__private::deserialize(d) }} }}"
        );
        self.write_object_impl(out, name, fields);
    }

    /// `OperationResult` for a generated type: operations can return it. `kind` is
    /// `object` (entity and complex types) or `value` (enums).
    fn object_result_impl(&self, out: &mut String, name: &str, kind: &str) {
        let rt = &self.rt_text;
        w!(
            out,
            "impl {rt}::__private::OperationResult for {name} {{ \
             fn decode(v: {rt}::Version, op: &str, body: &[u8]) -> ::core::result::Result<Self, {rt}::__private::DecodeError> {{ \
             {rt}::__private::decode_{kind}(v, op, body) }} \
             fn decode_many(v: {rt}::Version, op: &str, body: &[u8]) -> \
             ::core::result::Result<::std::vec::Vec<Self>, {rt}::__private::DecodeError> {{ \
             {rt}::__private::decode_{kind}s(v, op, body) }} }}"
        );
    }

    /// `Serialize`, `Deserialize`, `OperationResult` and `EdmValue` for a generated enum
    /// or flags type, delegating to the runtime's `serialize_enum`/`serialize_flags` family.
    fn enum_value_impls(&self, out: &mut String, name: &str, kind: &str) {
        let rt = &self.rt_text;
        w!(
            out,
            "impl {rt}::serde::Serialize for {name} {{ \
             fn serialize<S: {rt}::serde::Serializer>(&self, s: S) -> ::core::result::Result<S::Ok, S::Error> {{ \
             {rt}::__private::serialize_{kind}(*self, s) }} }} \
             impl<'de> {rt}::serde::Deserialize<'de> for {name} {{ \
             fn deserialize<D: {rt}::serde::Deserializer<'de>>(d: D) -> ::core::result::Result<Self, D::Error> {{ \
             {rt}::__private::deserialize_{kind}(d) }} }}"
        );
        self.object_result_impl(out, name, "value");
        w!(
            out,
            "impl {rt}::edm::EdmValue for {name} {{ \
             fn serialize_json<S: {rt}::serde::Serializer>(&self, _: {rt}::Version, s: S) -> \
             ::core::result::Result<S::Ok, S::Error> {{ {rt}::__private::serialize_{kind}(*self, s) }} \
             fn deserialize_json<'de, D: {rt}::serde::Deserializer<'de>>(_: {rt}::Version, d: D) -> \
             ::core::result::Result<Self, D::Error> {{ {rt}::__private::deserialize_{kind}(d) }} \
             fn write_literal(&self, v: {rt}::Version, out: &mut ::std::string::String) {{ \
             {rt}::__private::write_{kind}_literal(*self, v, out) }} \
             fn parse_literal(text: &str, v: {rt}::Version) -> ::core::result::Result<Self, {rt}::edm::LiteralError> {{ \
             {rt}::__private::parse_{kind}_literal(text, v) }} }}"
        );
    }

    pub(super) fn definition(&self, i: usize) -> (String, String) {
        let d = &self.model.type_definitions[i];
        let name = &self.definition_names[&i];
        let ty = self.primitive_text(&d.underlying);
        let mut paragraphs = docs::paragraphs(&d.docs);
        let mut facts = vec![format!("Type definition `{}`: `{}`", d.name, d.underlying.edm_name())];
        facts.extend(docs::facets(&d.facets));
        paragraphs.push(format!("{}.", facts.join(", ")));
        let mut code = docs::attrs(&paragraphs);
        w!(code, "pub type {name} = {ty};");
        (name.to_string(), code)
    }
}

/// The derives of generated value structs (entity, complex and `Patch` types).
const DERIVE_VALUE: &str =
    "#[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::default::Default, ::core::cmp::PartialEq)]";

/// `#[derive(…)] pub struct name { fields }` of an entity, complex or `Patch` type.
fn write_value_struct(out: &mut String, name: &str, fields: &[Field]) {
    w!(out, "{DERIVE_VALUE}pub struct {name} {{");
    for f in fields {
        f.write(out);
    }
    out.push('}');
}
