//! `$apply` basics (OData V4 data aggregation): `filter(…)`, then `groupby((…))` with an
//! optional `aggregate(…)`, or `aggregate(…)` alone: `sum`, `min`, `max`, `average`,
//! `countdistinct` of properties and `$count`, each `as` an alias.

use super::data::Data;
use super::path::{split_top_level, Query};
use super::serve::{Outcome, State};
use super::values::Cmp;
use super::wire;
use super::ServiceError;
use odata_edmx::{ODataVersion, Primitive};
use serde_json::{json, Map, Value};
use std::cmp::Ordering;

/// One `aggregate(…)` item: `property with method as alias`, or `$count as alias`.
struct Aggregate {
    property: Option<String>,
    method: String,
    alias: String,
}

fn bad(message: impl Into<String>) -> ServiceError {
    ServiceError::bad_request(format!("invalid $apply: {}", message.into()))
}

/// `name(inner)` → `inner`.
fn call<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    text.strip_prefix(name)?.trim_start().strip_prefix('(')?.strip_suffix(')')
}

fn aggregates(list: &str) -> Result<Vec<Aggregate>, ServiceError> {
    let mut out = Vec::new();
    for item in split_top_level(list, ',') {
        let words: Vec<&str> = item.split_whitespace().collect();
        match words.as_slice() {
            ["$count", "as", alias] => {
                out.push(Aggregate { property: None, method: "count".into(), alias: (*alias).into() })
            }
            [property, "with", method, "as", alias]
                if ["sum", "min", "max", "average", "countdistinct"].contains(method) =>
            {
                out.push(Aggregate {
                    property: Some((*property).into()),
                    method: (*method).into(),
                    alias: (*alias).into(),
                })
            }
            _ => return Err(bad(format!("`{}` is no aggregate this server knows", item.trim()))),
        }
    }
    Ok(out)
}

impl State {
    /// Answers `$apply` on `set`: one row per group, the grouped properties and the
    /// aggregates.
    pub(super) fn apply(&self, data: &Data, set: &str, rows: Vec<usize>, text: &str) -> Outcome {
        if self.version() == ODataVersion::V2 {
            return Err(ServiceError::bad_request("$apply needs OData V4"));
        }
        let ty = self.entity_type(data, set)?;
        let mut rows = rows;
        let mut groups: Vec<String> = Vec::new();
        let mut aggregate = Vec::new();
        for step in split_top_level(text, '/') {
            let step = step.trim();
            if let Some(condition) = call(step, "filter") {
                let query = Query(vec![("$filter".to_owned(), condition.to_owned())]);
                rows = self.filtered(data, set, rows, &query)?;
            } else if let Some(inner) = call(step, "groupby") {
                let parts = split_top_level(inner, ',');
                let names =
                    parts.first().and_then(|p| call(p.trim(), "")).ok_or_else(|| bad("groupby((…)) expected"))?;
                groups = names.split(',').map(|n| n.trim().to_owned()).filter(|n| !n.is_empty()).collect();
                if let Some(rest) = parts.get(1) {
                    let list =
                        call(rest.trim(), "aggregate").ok_or_else(|| bad("groupby((…),aggregate(…)) expected"))?;
                    aggregate = aggregates(list)?;
                }
                if parts.len() > 2 {
                    return Err(bad("groupby takes the properties and one aggregate(…)"));
                }
            } else if let Some(list) = call(step, "aggregate") {
                aggregate = aggregates(list)?;
            } else {
                return Err(bad(format!("`{step}` is no transformation this server knows")));
            }
        }
        for name in groups.iter().chain(aggregate.iter().filter_map(|a| a.property.as_ref())) {
            if data.primitive(ty, name).is_none() {
                return Err(bad(format!("property {name} not found in type {}", self.model.entity(ty).name)));
            }
        }
        // Groups in the order their first row comes.
        let mut order: Vec<(Vec<Value>, Vec<usize>)> = Vec::new();
        let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        for r in rows {
            let values = &data.set(set)[r].values;
            let key: Vec<Value> = groups.iter().map(|g| values.get(g).cloned().unwrap_or(Value::Null)).collect();
            match index.entry(Value::Array(key.clone()).to_string()) {
                std::collections::hash_map::Entry::Occupied(at) => order[*at.get()].1.push(r),
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(order.len());
                    order.push((key, vec![r]));
                }
            }
        }
        if groups.is_empty() && order.is_empty() {
            order.push((Vec::new(), Vec::new()));
        }
        let mut items = Vec::new();
        for (key, members) in order {
            let mut out = Map::new();
            for (name, value) in groups.iter().zip(key) {
                out.insert(name.clone(), value);
            }
            for a in &aggregate {
                out.insert(a.alias.clone(), self.aggregate(data, set, ty, &members, a));
            }
            items.push(Value::Object(out));
        }
        let names: Vec<&str> =
            groups.iter().map(String::as_str).chain(aggregate.iter().map(|a| a.alias.as_str())).collect();
        let context = format!("$metadata#{set}({})", names.join(","));
        Ok(self.json(200, wire::collection(self.version(), &context, items, None, None)))
    }

    fn aggregate(&self, data: &Data, set: &str, ty: odata_edmx::EntityTypeId, rows: &[usize], a: &Aggregate) -> Value {
        let Some(property) = &a.property else { return json!(rows.len()) };
        let values: Vec<(&Value, Cmp)> = rows
            .iter()
            .filter_map(|&r| {
                let row = &data.set(set)[r].values;
                let value = row.get(property).filter(|v| !v.is_null())?;
                Some((value, data.comparable(ty, row, property)))
            })
            .collect();
        let numbers = || values.iter().filter_map(|(_, c)| if let Cmp::Num(n) = c { Some(*n) } else { None });
        match a.method.as_str() {
            "countdistinct" => {
                let mut seen: Vec<&Value> = Vec::new();
                for (v, _) in &values {
                    if !seen.contains(v) {
                        seen.push(v);
                    }
                }
                json!(seen.len())
            }
            _ if values.is_empty() => Value::Null,
            "sum" => {
                let sum = numbers().sum::<f64>();
                let integral = matches!(
                    data.primitive(ty, property),
                    Some(Primitive::Byte | Primitive::SByte | Primitive::Int16 | Primitive::Int32 | Primitive::Int64)
                );
                if integral {
                    json!(sum as i64)
                } else {
                    json!(sum)
                }
            }
            "average" => json!(numbers().sum::<f64>() / values.len() as f64),
            "min" | "max" => {
                let want = if a.method == "min" { Ordering::Less } else { Ordering::Greater };
                let mut best = &values[0];
                for candidate in &values[1..] {
                    if candidate.1.compare(&best.1) == Some(want) {
                        best = candidate;
                    }
                }
                best.0.clone()
            }
            _ => Value::Null,
        }
    }
}
