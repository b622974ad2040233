//! Entity types: the struct, its key and `Patch` structs, the typed query constants of
//! its properties and navigation properties, and the `Entity`/`EntityKey` impls.

use super::object::{write_value_struct, Codec, Field};
use super::{docs, ident, lit, Generator};
use crate::naming::Scope;
use crate::Error;
use odata_edmx::{ComplexTypeId, EntityTypeId, NavigationProperty, ODataVersion, Primitive, Property, TypeRef};
use proc_macro2::Ident;
use std::collections::HashSet;

/// `Option<ty>` as source text.
fn option(ty: &str) -> String {
    format!("::core::option::Option<{ty}>")
}

pub(super) fn naming_plain(name: &Ident) -> String {
    let s = name.to_string();
    s.strip_prefix("r#").map(str::to_owned).unwrap_or(s)
}

impl Generator<'_> {
    pub(super) fn property_doc(&self, p: &Property, is_key: bool, unit_of: Option<&str>) -> String {
        let mut paragraphs = docs::paragraphs(&p.docs);
        let mut facts = vec![format!("`{}`: {}", p.name, super::odata_type_name(self.model, &p.ty))];
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
    pub(super) fn property_field(&self, p: &Property, name: Ident, is_key: bool, boxed: bool) -> Field {
        let v2 = self.model.version == ODataVersion::V2;
        let edm = self.is_edm_value(&p.ty);
        let item = self.rust_type(&p.ty);
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
            doc: self.property_doc_once(p, is_key, || self.property_doc(p, is_key, None)).to_string(),
            codec,
            required,
            // Media content is never inline: it is read and written at its own URL.
            skip_none: stream,
        }
    }

    /// The field type and codec of navigation property `n` holding `target`s (the
    /// entity type, or its create type for a deep insert): `Option<Vec<_>>` or
    /// `Option<Box<_>>`, in V2's form or V4's.
    pub(super) fn navigation_type(&self, n: &NavigationProperty, target: &str) -> (String, Codec) {
        let v2 = self.model.version == ODataVersion::V2;
        if n.collection {
            (
                format!("::core::option::Option<::std::vec::Vec<{target}>>"),
                if v2 { Codec::NavManyV2 } else { Codec::Serde },
            )
        } else {
            (
                format!("::core::option::Option<::std::boxed::Box<{target}>>"),
                if v2 { Codec::NavOneV2 } else { Codec::Serde },
            )
        }
    }

    pub(super) fn navigation_field(&self, n: &NavigationProperty, name: Ident) -> Option<Field> {
        let target = self.entity_names.get(&n.target.0)?;
        let (ty, codec) = self.navigation_type(n, &target.to_string());
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
    pub(super) fn complex_reaches(&self, from: ComplexTypeId, to: ComplexTypeId) -> bool {
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

    pub(super) fn needs_box(&self, owner: Option<ComplexTypeId>, p: &Property) -> bool {
        match (owner, &p.ty) {
            (Some(owner), TypeRef::Complex(target)) => self.complex_reaches(*target, owner),
            _ => false,
        }
    }

    /// The query constant of a property (`Partner::LAST_NAME`), when the property can be
    /// used in `$filter`, `$orderby` or `$select` (single primitive, enum or type
    /// definition values; collections in `any`/`all`; others are selected through their
    /// navigation or not at all). `owner` is the Rust name of the property's entity or
    /// complex type, `sets` the entity sets of an entity type.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn property_const(
        &self,
        out: &mut String,
        owner: &Ident,
        sets: &[&odata_edmx::EntitySet],
        p: &Property,
        field: &Ident,
        is_key: bool,
        scope: &mut Scope,
    ) {
        let rt = &self.rt;
        let entity_name = owner;
        let odata = lit(&p.name);
        if matches!(p.ty, TypeRef::Primitive(Primitive::Stream)) {
            let name = scope.claim(&self.const_name_of(&naming_plain(field)));
            let doc = docs::attrs(&[format!("`{}`: a stream property, read and written at its own URL.", p.name)]);
            w!(
                out,
                "{doc}pub const {name}: {rt}::request::StreamProperty<{entity_name}> = \
                 {rt}::request::StreamProperty::new({odata});"
            );
            return;
        }
        let queryable = |ty: &TypeRef| match ty {
            TypeRef::Primitive(prim) => !matches!(
                prim,
                Primitive::Stream | Primitive::Geography(_) | Primitive::Geometry(_) | Primitive::Untyped(_)
            ),
            TypeRef::Enum(e) => self.enum_names.contains_key(&e.0),
            TypeRef::Definition(d) => self.definition_names.contains_key(&d.0),
            _ => false,
        };
        let filterable = p.annotations.filterable != Some(false)
            && sets.iter().all(|s| !s.capabilities.non_filterable.contains(&p.name));
        if let TypeRef::Collection(element) = &p.ty {
            if self.model.version != ODataVersion::V4 {
                return;
            }
            // Filtered with `any`/`all`: a collection of complex values with a condition on
            // the complex type's own constants, a collection of values with one on the element.
            let (kind, element_type, what) = match &**element {
                TypeRef::Complex(c) => match self.complex_names.get(&c.0) {
                    Some(complex) => ("ComplexCollection", complex.to_string(), format!("[`{complex}`]")),
                    None => return,
                },
                other if queryable(other) => {
                    ("Collection", self.rust_type(other), super::odata_type_name(self.model, other))
                }
                _ => return,
            };
            let name = scope.claim(&self.const_name_of(&naming_plain(field)));
            let f = if filterable { "Filterable" } else { "NotFilterable" };
            let mut fact = format!("`{}`: a collection of {what} values, filtered with `any`/`all`", p.name);
            if !filterable {
                fact.push_str("; not filterable");
            }
            let doc = docs::attrs(&[format!("{fact}.")]);
            w!(
                out,
                "{doc}pub const {name}: {rt}::query::{kind}<{entity_name}, {element_type}, {rt}::__private::{f}> = \
                 {rt}::query::{kind}::new({odata});"
            );
            return;
        }
        if !queryable(&p.ty) {
            return;
        }
        let value = self.rust_type(&p.ty);
        let sortable = p.annotations.sortable != Some(false)
            && sets.iter().all(|s| !s.capabilities.non_sortable.contains(&p.name));
        let f = if filterable { "Filterable" } else { "NotFilterable" };
        let s = if sortable { "Sortable" } else { "NotSortable" };
        let name = scope.claim(&self.const_name_of(&naming_plain(field)));
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

    pub(super) fn navigation_const(
        &self,
        out: &mut String,
        entity_name: &Ident,
        n: &NavigationProperty,
        field: &Ident,
        scope: &mut Scope,
    ) {
        let rt = &self.rt;
        let target = &self.entity_names[&n.target.0];
        let card = if n.collection { "Many" } else { "One" };
        let name = scope.claim(&self.const_name_of(&naming_plain(field)));
        let doc = docs::attrs(&[format!("Navigation `{}` to [`{target}`].", n.name)]);
        let odata = lit(&n.name);
        w!(
            out,
            "{doc}pub const {name}: {rt}::query::Navigation<{entity_name}, {target}, {rt}::__private::{card}> = \
             {rt}::query::Navigation::new({odata});"
        );
    }

    /// `XPatch`: the properties an update may change, each optional; only those set
    /// are sent, nullable ones as `Option<Option<T>>` so that `Some(None)` sets null.
    /// Keys and properties the metadata marks not updatable are left out, so changing
    /// them does not compile.
    pub(super) fn patch(&self, id: EntityTypeId, properties: &[&Property], key: &[String]) -> (String, String) {
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
            let fname = ident(&scope.claim(&self.field_name(&p.name)));
            let mut field = self.property_field(p, fname, false, false);
            // Three states: `None` unchanged, `Some(v)` the new value; for a nullable
            // property the value is itself an `Option`, so `Some(None)` sends `null`.
            field.ty = option(&field.ty);
            let nullable = p.facets.nullable && !p.ty.is_collection();
            let note = if nullable {
                "`None`: unchanged; `Some(Some(v))`: set to `v`; `Some(None)`: set to null."
            } else {
                "`None`: unchanged; `Some(v)`: set to `v` (not nullable: null cannot be sent)."
            };
            field.doc.push_str(&docs::attrs(&[note.to_owned()]));
            field.required = false;
            field.skip_none = true;
            fields.push(field);
        }
        let mut out = String::with_capacity(1024 + fields.len() * 600);
        out.push_str(&docs::attrs(&[format!(
            "Changes to a [`{entity}`] for `update`: only the fields that are `Some` are sent; \
             a nullable property is cleared with `Some(None)`. \
             Keys and properties the service does not let clients change are not here."
        )]));
        write_value_struct(&mut out, &name.to_string(), &fields);
        self.object_impl(&mut out, &name.to_string(), &fields, true);
        (name.to_string(), out)
    }

    pub(super) fn entity(&self, i: usize) -> Result<Vec<(String, String)>, Error> {
        let id = EntityTypeId(i);
        let t = self.model.entity(id);
        let name = &self.entity_names[&i];
        let key = self.model.key_of(id);
        let properties = self.model.entity_properties(id);
        let sets = self.sets_by_entity.get(&i).map_or(&[][..], Vec::as_slice);
        let entity_sets: Vec<&odata_edmx::EntitySet> =
            sets.iter().map(|&s| &self.model.container.entity_sets[s]).collect();
        let mut scope = Scope::snake();
        let mut fields: Vec<Field> = Vec::new();
        let mut key_fields: Vec<(Ident, &Property)> = Vec::new();
        let mut consts = Scope::snake();
        let mut query_consts = String::with_capacity(properties.len() * 400);
        for p in &properties {
            let fname = ident(&scope.claim(&self.field_name(&p.name)));
            let is_key = key.contains(&p.name);
            if is_key {
                key_fields.push((fname.clone(), p));
            }
            self.property_const(&mut query_consts, name, &entity_sets, p, &fname, is_key, &mut consts);
            fields.push(self.property_field(p, fname, is_key, false));
        }
        for n in self.model.entity_navigation(id) {
            if self.entity_names.contains_key(&n.target.0) {
                let fname = ident(&scope.claim(&self.field_name(&n.name)));
                self.navigation_const(&mut query_consts, name, n, &fname, &mut consts);
                fields.extend(self.navigation_field(n, fname));
            }
        }
        let rt = &self.rt;
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
        // First, where servers send it (and V4 wants control information).
        fields.insert(0, meta_field);

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
        let bound_params = self.bound_operations(&mut code, id, &mut consts);
        self.object_result_impl(&mut code, &name_text, "object");
        if self.model.version == ODataVersion::V4 {
            w!(code, "impl {rt}::__private::Lambdas for {name} {{}}");
            w!(code, "impl {rt}::__private::Aggregation for {name} {{}}");
        }
        if t.has_stream && self.key_names.contains_key(&i) {
            code.push_str(&docs::attrs(&[format!("[`{name}`] is a media entity: its content is at `$value`.")]));
            w!(code, "impl {rt}::request::MediaEntity for {name} {{}}");
        }
        let mut out = vec![(name_text, code)];
        out.extend(bound_params);
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
                w!(code, "{doc}pub {f}: {},", self.rust_type(&p.ty));
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
            out.extend(self.create_type(i));
            out.push((key_name.to_string(), code));
        }
        Ok(out)
    }
}
