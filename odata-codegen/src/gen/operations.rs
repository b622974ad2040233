//! Operations: a `Service` method per operation import, associated functions for
//! operations bound to an entity type (V4), and the parameters structs both take.

use super::object::{Codec, Field};
use super::{docs, ident, lit, odata_type_name, Generator, Item, Params};
use crate::naming::Scope;
use odata_edmx::{ODataVersion, OperationKind, TypeRef};
use std::collections::HashSet;

impl Generator<'_> {
    /// How an operation is called: `…::Call::V4Function` and the like.
    fn call_text(&self, op: &odata_edmx::Operation) -> String {
        let rt = &self.rt;
        match (self.model.version, op.kind) {
            (ODataVersion::V2, _) if op.http_method == "POST" => {
                format!("{rt}::__private::Call::V2FunctionImport({rt}::request::Method::Post)")
            }
            (ODataVersion::V2, _) => format!("{rt}::__private::Call::V2FunctionImport({rt}::request::Method::Get)"),
            (ODataVersion::V4, OperationKind::Function) => format!("{rt}::__private::Call::V4Function"),
            (ODataVersion::V4, OperationKind::Action) => format!("{rt}::__private::Call::V4Action"),
        }
    }

    /// The result type of an operation: `()` when it returns nothing.
    fn result_text(&self, op: &odata_edmx::Operation) -> String {
        op.return_type.as_ref().map_or_else(|| "()".to_owned(), |r| self.rust_type(&r.ty))
    }

    /// The `Service` method for an operation import, and its parameters struct.
    pub(super) fn operation_import(&self, i: usize, methods: &mut Scope) -> (Item, Option<Item>) {
        let rt = &self.rt;
        let import = &self.model.container.imports[i];
        // Overloads of one unbound function share the import; the first is generated.
        let op = &self.model.operations[import.operations[0].0];
        let odata = lit(&import.name);
        let method = ident(&methods.claim(&self.field_name(&import.name))).to_string();
        let call = self.call_text(op);
        let result = self.result_text(op);
        let mut paragraphs = docs::paragraphs(&import.docs);
        paragraphs.push(self.operation_summary(import.operations[0].0, true));
        let mut code = docs::attrs(&paragraphs);
        if op.parameters.is_empty() {
            w!(
                code,
                "pub fn {method}(&self) -> {rt}::operation::OperationRequest<{result}> {{ \
                 {rt}::operation::OperationRequest::new(::core::clone::Clone::clone(&self.client), {odata}, {call}, &()) }}"
            );
            return ((method, code), None);
        }
        let params = self.params_names[&Params::Import(i)].to_string();
        let params_item =
            self.parameters_struct(&params, &op.parameters, &format!("[`Service::{method}`] (`{}`)", import.name));
        w!(
            code,
            "pub fn {method}(&self, parameters: {params}) -> {rt}::operation::OperationRequest<{result}> {{ \
             {rt}::operation::OperationRequest::new(::core::clone::Clone::clone(&self.client), {odata}, {call}, &parameters) }}"
        );
        ((method, code), Some((params, params_item)))
    }

    /// The operations bound to entity type `id` (V4), as associated functions of its
    /// struct (appended to `out`): those bound to one entity take its `EntityRef`,
    /// those bound to a collection take any collection of the type (an entity set, a
    /// to-many navigation). Returns their parameters structs.
    ///
    /// `associated` holds the names of the type's constants: associated functions share
    /// their namespace.
    pub(super) fn bound_operations(
        &self,
        out: &mut String,
        id: odata_edmx::EntityTypeId,
        associated: &mut Scope,
    ) -> Vec<Item> {
        let rt = &self.rt;
        let entity = &self.entity_names[&id.0];
        let mut fns = String::new();
        let mut params_items = Vec::new();
        let one = TypeRef::Entity(id);
        let many = TypeRef::Collection(Box::new(TypeRef::Entity(id)));
        // A collection-bound operation takes the plain name unless an operation of the
        // same name is bound to a single entity of the type (OData allows both).
        let bound = self.bound_by_entity.get(&id.0).map_or(&[][..], Vec::as_slice);
        let on_one: HashSet<&str> = bound
            .iter()
            .map(|&i| &self.model.operations[i])
            .filter(|op| op.is_bound && op.parameters.first().map(|p| &p.ty) == Some(&one))
            .map(|op| op.name.name.as_str())
            .collect();
        for &i in bound {
            let op = &self.model.operations[i];
            let binding = op.parameters.first().map(|p| &p.ty);
            let collection = match binding {
                Some(b) if op.is_bound && *b == one => false,
                Some(b) if op.is_bound && *b == many => true,
                _ => continue, // unbound, or bound to another type
            };
            let suffix = if collection && on_one.contains(op.name.name.as_str()) { "_on_collection" } else { "" };
            let method = ident(&associated.claim(&self.field_name(&format!("{}{suffix}", op.name.name))));
            let qualified = op.name.to_string();
            let call = self.call_text(op);
            let result = self.result_text(op);
            let mut paragraphs = docs::paragraphs(&op.docs);
            paragraphs.push(self.operation_summary(i, false));
            fns.push_str(&docs::attrs(&paragraphs));
            let target = if collection {
                format!("&(impl {rt}::__private::BindingTarget<Binding = [{entity}]> + ?Sized)")
            } else {
                format!("&{rt}::request::EntityRef<{entity}>")
            };
            let rest = &op.parameters[1..];
            let (parameters, argument) = if rest.is_empty() {
                (String::new(), "&()")
            } else {
                let params = self.params_names[&Params::Bound(i)].to_string();
                let of = format!("[`{entity}::{method}`] (`{qualified}`)");
                params_items.push((params.clone(), self.parameters_struct(&params, rest, &of)));
                (format!(", parameters: {params}"), "&parameters")
            };
            w!(
                fns,
                "pub fn {method}(target: {target}{parameters}) -> {rt}::operation::OperationRequest<{result}> {{ \
                 {rt}::operation::OperationRequest::bound(target, {}, {call}, {argument}) }}",
                lit(&qualified)
            );
        }
        if !fns.is_empty() {
            out.push_str(&docs::attrs(&[format!(
                "Operations bound to [`{entity}`]: `{entity}::op(&service.set().key(key))` on one entity, \
                 `{entity}::op(&service.set())` on a collection (`op_on_collection` where both exist)."
            )]));
            w!(out, "impl {entity} {{{fns}}}");
        }
        params_items
    }

    /// A parameters struct (one field per parameter, `Option` where nullable), its
    /// `Object` impl (actions' JSON body) and its `Parameters` impl, which writes
    /// the URL literals of functions.
    fn parameters_struct(&self, params: &str, parameters: &[odata_edmx::Parameter], of: &str) -> String {
        let rt = &self.rt;
        let mut names = Scope::snake();
        let mut fields = Vec::new();
        let mut arguments = String::new();
        for p in parameters {
            let f = ident(&names.claim(&self.field_name(&p.name)));
            let name = lit(&p.name);
            let item = self.rust_type(&p.ty);
            let edm = self.is_edm_value(&p.ty);
            let optional = p.facets.nullable;
            let ty = if optional { format!("::core::option::Option<{item}>") } else { item };
            let mut pdoc = docs::paragraphs(&p.docs);
            pdoc.push(format!(
                "`{}`: {}{}.",
                p.name,
                odata_type_name(self.model, &p.ty),
                if optional { ", optional" } else { "" }
            ));
            // Complex values have no literal form: they are sent as JSON.
            let argument = if edm {
                format!("{rt}::__private::Argument::edm(value, version)")
            } else {
                format!("{rt}::__private::Argument::json(value)")
            };
            if optional {
                w!(
                    arguments,
                    "if let ::core::option::Option::Some(value) = &self.{f} {{ out.push(({name}, {argument})); }}"
                );
            } else {
                w!(arguments, "{{ let value = &self.{f}; out.push(({name}, {argument})); }}");
            }
            fields.push(Field {
                name: f,
                odata: p.name.clone(),
                ty,
                doc: docs::attrs(&pdoc),
                codec: if edm { Codec::Edm } else { Codec::Serde },
                required: false,
                skip_none: optional,
            });
        }
        let mut code = docs::attrs(&[format!("The parameters of {of}.")]);
        super::object::write_value_struct(&mut code, params, &fields);
        self.object_impl(&mut code, params, &fields, true);
        w!(
            code,
            "impl {rt}::__private::Parameters for {params} {{ fn arguments(&self, version: {rt}::Version) -> \
             ::std::vec::Vec<(&'static str, {rt}::__private::Argument)> {{ let _ = version; \
             let mut out = ::std::vec::Vec::new(); {arguments} out }} }}"
        );
        code
    }

    /// `GET`/`POST`, parameters and result of an operation, in one sentence.
    pub(super) fn operation_summary(&self, i: usize, import: bool) -> String {
        let op = &self.model.operations[i];
        let kind = match op.kind {
            OperationKind::Function => "Function",
            OperationKind::Action => "Action",
        };
        let skip = usize::from(op.is_bound);
        let params: Vec<String> = op.parameters[skip..]
            .iter()
            .map(|p| format!("`{}`: {}", p.name, odata_type_name(self.model, &p.ty)))
            .collect();
        let binding = if op.is_bound {
            format!(" bound to {}", odata_type_name(self.model, &op.parameters[0].ty))
        } else {
            String::new()
        };
        let result = op
            .return_type
            .as_ref()
            .map_or_else(|| "no result".to_owned(), |r| format!("returns {}", odata_type_name(self.model, &r.ty)));
        let params =
            if params.is_empty() { "no parameters".to_owned() } else { format!("parameters {}", params.join(", ")) };
        let name = if import { op.name.name.clone() } else { op.name.to_string() };
        format!("{kind}{binding} ({} `{name}`): {params}; {result}.", op.http_method)
    }
}
