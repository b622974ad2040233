//! Function imports, functions and actions (bound ones too): parameters from the query
//! (V2), the path and its `@` aliases (V4 functions) or the body (V4 actions), the
//! registered handler called, its result written as the return type says.

use super::data::Data;
use super::path::Query;
use super::serve::{Outcome, State};
use super::values::{self, Cmp};
use super::wire::{self, EntityOut};
use super::{Call, ServiceError};
use crate::http::{self, lock, Request};
use odata_edmx::{ODataVersion, Operation, OperationKind, Primitive, TypeRef};
use serde_json::{json, Map, Value};

impl State {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn operate(
        &self,
        data: &mut Data,
        base: &str,
        method: &str,
        index: usize,
        binding: Option<(String, Vec<usize>, bool)>,
        args: Option<Vec<(Option<String>, String)>>,
        query: &Query,
        request: &Request,
        user: Option<String>,
    ) -> Outcome {
        let operation: &Operation = &self.model.operations[index];
        let name = operation.name.name.clone();
        let expected = match (self.version(), operation.kind) {
            (ODataVersion::V2, _) => operation.http_method.to_ascii_uppercase(),
            (_, OperationKind::Function) => "GET".into(),
            (_, OperationKind::Action) => "POST".into(),
        };
        if method != expected && !(method == "HEAD" && expected == "GET") {
            return Err(ServiceError::new(
                405,
                "SANDBOX/405",
                format!("{name} is called with {expected}, not {method}"),
            ));
        }
        let body: Map<String, Value> = if operation.kind == OperationKind::Action
            && self.version() == ODataVersion::V4
            && !request.body.is_empty()
        {
            serde_json::from_slice(&request.body)
                .map_err(|e| ServiceError::bad_request(format!("the body is no JSON object: {e}")))?
        } else {
            Map::new()
        };
        let mut parameters = Map::new();
        let declared = operation.parameters.iter().skip(usize::from(operation.is_bound));
        for p in declared {
            let raw = if self.version() == ODataVersion::V2 {
                query.get(&p.name).map(|t| Raw::Literal(t.to_owned()))
            } else if operation.kind == OperationKind::Action {
                body.get(&p.name).cloned().map(Raw::Json)
            } else {
                args.iter().flatten().find(|(n, _)| n.as_deref() == Some(p.name.as_str())).map(|(_, v)| {
                    match v.strip_prefix('@') {
                        Some(alias) => Raw::Literal(query.get(&format!("@{alias}")).unwrap_or("null").to_owned()),
                        None => Raw::Literal(v.clone()),
                    }
                })
            };
            let value = match raw {
                None if p.facets.nullable => continue,
                None => {
                    return Err(ServiceError::bad_request(format!("the parameter {} of {name} is missing", p.name)))
                }
                Some(Raw::Json(v)) => v,
                Some(Raw::Literal(text)) if text.starts_with(['[', '{']) => serde_json::from_str(&text)
                    .map_err(|e| ServiceError::bad_request(format!("parameter {}: {e}", p.name)))?,
                Some(Raw::Literal(text)) => {
                    let cmp = values::literal(&text)
                        .map_err(|e| ServiceError::bad_request(format!("parameter {}: {e}", p.name)))?;
                    match (&p.ty, cmp) {
                        (TypeRef::Primitive(Primitive::DateTime | Primitive::DateTimeOffset), Cmp::Num(ms)) => {
                            json!(values::iso(ms as i64))
                        }
                        (_, cmp) => cmp.to_json(),
                    }
                }
            };
            parameters.insert(p.name.clone(), value);
        }
        if let Some((set, rows, false)) = &binding {
            let row = rows.first().copied().ok_or_else(|| ServiceError::not_found(format!("{name}: no entity")))?;
            if let Some(outcome) = self.draft_action(data, base, set, row, operation, &parameters, user.as_deref()) {
                return outcome;
            }
        }
        let handler = lock(&self.handlers).get(&name).cloned();
        let handler = handler
            .ok_or_else(|| ServiceError::new(501, "SANDBOX/501", format!("no handler is registered for {name}")))?;
        let bound_entity = binding
            .as_ref()
            .filter(|(_, _, collection)| !collection)
            .and_then(|(set, rows, _)| rows.first().map(|&r| data.set(set)[r].values.clone()));
        let result = handler(&mut Call { name: name.clone(), parameters, binding: bound_entity, user, data })?;
        let Some(returns) = &operation.return_type else { return Ok(http::raw(204, "text/plain", "")) };
        let context = format!("$metadata#{name}");
        match returns.ty.item() {
            TypeRef::Entity(ty) => {
                let set = operation
                    .entity_set_path
                    .clone()
                    .filter(|s| self.model.entity_set(s).is_some())
                    .or_else(|| {
                        self.model.container.imports.iter().find(|i| i.name == name).and_then(|i| i.entity_set.clone())
                    })
                    .or_else(|| {
                        self.model.container.entity_sets.iter().find(|s| s.entity_type == *ty).map(|s| s.name.clone())
                    })
                    .ok_or_else(|| ServiceError::bad_request(format!("no entity set for the result of {name}")))?;
                let items = match result {
                    Value::Array(items) => items,
                    Value::Null => Vec::new(),
                    one => vec![one],
                };
                let mut out = Vec::new();
                for item in items {
                    let values = match values::normalise(&self.model, &TypeRef::Entity(*ty), &item) {
                        Ok(Value::Object(v)) => v,
                        _ => {
                            return Err(ServiceError::new(
                                500,
                                "SANDBOX/500",
                                format!("the handler of {name} returned no {set} entity"),
                            ))
                        }
                    };
                    let key = data.key_of_row(*ty, &values);
                    let etag = data.row_by_key(&set, &key).map(|r| data.set(&set)[r].etag());
                    let url = format!("{base}{set}{}", wire::key_predicate(&self.model, *ty, &values));
                    out.push(
                        EntityOut { model: &self.model, ty: *ty, url, etag, select: None, expanded: Map::new() }
                            .write(&values),
                    );
                }
                if returns.ty.is_collection() {
                    Ok(self.json(200, wire::collection(self.version(), &context, out, None, None)))
                } else {
                    let one = out
                        .into_iter()
                        .next()
                        .ok_or_else(|| ServiceError::not_found(format!("{name} found nothing")))?;
                    Ok(self.json(200, wire::single(self.version(), &context, one)))
                }
            }
            _ => {
                let value = values::normalise(&self.model, &returns.ty, &result).map_err(|e| {
                    ServiceError::new(500, "SANDBOX/500", format!("the handler of {name} returned {e}"))
                })?;
                if returns.ty.is_collection() && self.version() == ODataVersion::V2 {
                    return Ok(self.json(200, json!({"d": {"results": value}})));
                }
                Ok(self.json(200, wire::value(self.version(), &context, &name, value)))
            }
        }
    }
}

enum Raw {
    Literal(String),
    Json(Value),
}
