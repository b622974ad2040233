//! Create types: `NewX`, what `create` sends for entity type `X`.
//!
//! A create type holds only the properties a service accepts on create, by odata-edmx's
//! rule ([`Property::on_create`](odata_edmx::Property::on_create), which the sandbox's
//! Gateway applies too). The struct is written with the same field names as the entity
//! (so `NewX { name: …, ..NewX::new(…) }` reads like the entity) and an `Object`
//! impl (the field table) that leaves out every optional field left `None`, and
//! `NewEntity` naming its entity type (for creates through a navigation property).

use super::object::{Codec, Field};
use super::{docs, ident, Generator};
use crate::naming::Scope;
use odata_edmx::{EntityTypeId, NavigationProperty, ODataVersion, OnCreate, Property};
use std::collections::BTreeSet;

impl Generator<'_> {
    /// Entity types that get a create type: those of the selected entity sets that
    /// accept creates, and what their insertable navigation properties reach (deep
    /// insert).
    pub(super) fn creatable_entities(&self) -> BTreeSet<usize> {
        let mut out = BTreeSet::new();
        let mut work: Vec<usize> = self
            .sel
            .sets
            .iter()
            .map(|&s| &self.model.container.entity_sets[s])
            .filter(|s| s.capabilities.creatable)
            .map(|s| s.entity_type.0)
            .collect();
        while let Some(i) = work.pop() {
            if !self.entity_names.contains_key(&i) || self.model.key_of(EntityTypeId(i)).is_empty() || !out.insert(i) {
                continue;
            }
            for n in self.model.entity_navigation(EntityTypeId(i)) {
                if self.deep_insertable(i, n) {
                    work.push(n.target.0);
                }
            }
        }
        out
    }

    /// Whether a create of entity type `entity` may carry navigation property `n`'s
    /// entities (deep insert): not `sap:creatable="false"`, not in any of the type's
    /// sets' `NonInsertableNavigationProperties`.
    fn deep_insertable(&self, entity: usize, n: &NavigationProperty) -> bool {
        let sets = self.sets_by_entity.get(&entity).map_or(&[][..], Vec::as_slice);
        sets.iter().all(|&s| n.deep_insertable_in(&self.model.container.entity_sets[s])) && n.creatable != Some(false)
    }

    /// `NewX` for entity type `i`, when it has one: the struct, `new(required…)`, and its
    /// JSON writing.
    pub(super) fn create_type(&self, i: usize) -> Option<(String, String)> {
        let name = self.new_names.get(&i)?.to_string();
        let id = EntityTypeId(i);
        let entity = &self.entity_names[&i];
        let key = self.model.key_of(id);
        let v2 = self.model.version == ODataVersion::V2;
        // Field names as the entity has them: every property and navigation property
        // claims its name in the entity's order, also those left out here.
        let mut scope = Scope::snake();
        let mut fields: Vec<Field> = Vec::new();
        for p in self.model.entity_properties(id) {
            let fname = ident(&scope.claim(&self.field_name(&p.name)));
            let is_key = key.contains(&p.name);
            let v2_complex_list = v2 && p.ty.is_collection() && !self.is_edm_value(&p.ty);
            let how = if v2_complex_list { OnCreate::Leave } else { p.on_create(is_key) };
            if how == OnCreate::Leave {
                continue;
            }
            let required = how == OnCreate::Required;
            let ty = self.rust_type(&p.ty);
            let mut doc = self.property_doc_once(p, is_key, || self.property_doc(p, is_key, None)).to_string();
            doc.push_str(&docs::attrs(&[create_note(p, is_key, how)]));
            fields.push(Field {
                name: fname,
                odata: p.name.clone(),
                ty: if required { ty } else { format!("::core::option::Option<{ty}>") },
                doc,
                codec: if self.is_edm_value(&p.ty) { Codec::Edm } else { Codec::Serde },
                required,
                skip_none: !required,
            });
        }
        for n in self.model.entity_navigation(id) {
            if !self.entity_names.contains_key(&n.target.0) {
                continue;
            }
            let fname = ident(&scope.claim(&self.field_name(&n.name)));
            let Some(target) = self.new_names.get(&n.target.0).filter(|_| self.deep_insertable(i, n)) else {
                continue;
            };
            let (ty, codec) = self.navigation_type(n, &target.to_string());
            let many = if n.collection { "entities" } else { "entity" };
            let doc = docs::attrs(&[format!(
                "Navigation `{}`: new [`{target}`] {many} created with this one (deep insert); not sent when `None`.",
                n.name
            )]);
            fields.push(Field { name: fname, odata: n.name.clone(), ty, doc, codec, required: false, skip_none: true });
        }
        let required: Vec<&Field> = fields.iter().filter(|f| f.required).collect();

        let mut out = String::with_capacity(1024 + fields.len() * 600);
        out.push_str(&docs::attrs(&[
            format!(
                "A new [`{entity}`] for `create`: only the properties the service accepts on create. \
                 Required ones are the arguments of [`{name}::new`]; the others are sent only when `Some`, so \
                 the server's defaults stay in force."
            ),
            format!("Set optional ones with struct update syntax: `{name} {{ field: Some(…), ..{name}::new(…) }}`."),
        ]));
        // Without required fields the type has a `Default`, and its `Clone` reads the
        // field table; otherwise `Clone` is derived.
        let derive = if required.is_empty() { "::core::default::Default" } else { "::core::clone::Clone" };
        w!(out, "#[derive({derive})] pub struct {name} {{");
        for f in &fields {
            f.write(&mut out);
        }
        out.push('}');
        // The constructor: required properties in metadata order.
        let args: Vec<String> =
            required.iter().map(|f| format!("{}: impl ::core::convert::Into<{}>", f.name, f.ty)).collect();
        let what = if required.is_empty() {
            "nothing set: every property is left to the server".to_owned()
        } else {
            let names: Vec<String> = required.iter().map(|f| format!("`{}`", f.odata)).collect();
            format!("its required properties ({}) and nothing else", names.join(", "))
        };
        w!(
            out,
            "impl {name} {{ #[doc = \" A new [`{entity}`] with {what}.\"] #[must_use] pub fn new({}) -> Self {{ {name} {{",
            args.join(", ")
        );
        for f in &fields {
            if f.skip_none {
                w!(out, "{}: ::core::option::Option::None,", f.name);
            } else {
                w!(out, "{}: ::core::convert::Into::into({}),", f.name, f.name);
            }
        }
        out.push_str("} } }");
        self.object_impl(&mut out, &name, &fields, required.is_empty());
        w!(out, "impl {}::request::NewEntity for {name} {{ type Entity = {entity}; }}", self.rt);
        Some((name, out))
    }
}

/// The sentence a create type's field adds to the property's docs.
fn create_note(p: &Property, is_key: bool, how: OnCreate) -> String {
    let a = &p.annotations;
    match how {
        OnCreate::Required if is_key => "Required on create: part of the key.".into(),
        OnCreate::Required if a.mandatory => "Required on create: the service marks it mandatory.".into(),
        OnCreate::Required => "Required on create: not nullable and without a default.".into(),
        OnCreate::Optional if a.computed_default || a.computed => {
            "Optional: the server computes it when it is not sent.".into()
        }
        OnCreate::Optional => match &p.facets.default_value {
            Some(d) => format!("Optional: the server's default `{}` applies when it is not sent.", docs::clean(d)),
            None => "Optional: not sent when `None`.".into(),
        },
        OnCreate::Leave => String::new(),
    }
}
