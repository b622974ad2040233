//! What goes on the wire: V2 verbose JSON (`d`, `results`, `__metadata`, `__deferred`,
//! `__count`, `__next`) and V4 JSON (`@odata.context`, `value`, `@odata.etag`,
//! `@odata.count`, `@odata.nextLink`), entity URLs with key predicates, and SAP-shaped
//! error bodies.

use super::values;
use odata_edmx::{EntityTypeId, Model, ODataVersion, Primitive, TypeRef};
use serde_json::{json, Map, Value};

/// The URL literal of a stored key value.
pub(crate) fn literal(version: ODataVersion, p: &Primitive, value: &Value) -> String {
    let v2 = version == ODataVersion::V2;
    let text = match value {
        Value::String(s) => s.clone(),
        Value::Null => return "null".into(),
        other => other.to_string(),
    };
    match p {
        Primitive::String => format!("'{}'", encode(&text.replace('\'', "''"))),
        Primitive::Int64 if v2 => format!("{text}L"),
        Primitive::Decimal if v2 => format!("{text}M"),
        Primitive::Guid if v2 => format!("guid'{text}'"),
        Primitive::DateTime | Primitive::DateTimeOffset => {
            let iso = values::date_millis(&text).map(values::iso).unwrap_or(text);
            match (v2, p) {
                (true, Primitive::DateTime) => format!("datetime'{}'", iso.trim_end_matches('Z')),
                (true, _) => format!("datetimeoffset'{}'", encode(&iso)),
                _ => encode(&iso),
            }
        }
        Primitive::Time => format!("time'{text}'"),
        _ => text,
    }
}

fn encode(text: &str) -> String {
    crate::http::percent_encode(text, b"-._~'!*:@$")
}

/// `(1)`, `('A')` or `(A='x',B=2)` for a row.
pub(crate) fn key_predicate(model: &Model, ty: EntityTypeId, row: &Map<String, Value>) -> String {
    let key = model.key_of(ty);
    let props = model.entity_properties(ty);
    let part = |name: &String| {
        let p = props.iter().find(|p| &p.name == name).and_then(|p| match &p.ty {
            TypeRef::Primitive(p) => Some(p.clone()),
            TypeRef::Definition(d) => Some(model.type_definitions[d.0].underlying.clone()),
            _ => None,
        });
        literal(model.version, &p.unwrap_or(Primitive::String), row.get(name).unwrap_or(&Value::Null))
    };
    match key {
        [single] => format!("({})", part(single)),
        many => format!("({})", many.iter().map(|k| format!("{k}={}", part(k))).collect::<Vec<_>>().join(",")),
    }
}

/// How one entity is written.
pub(crate) struct EntityOut<'a> {
    pub model: &'a Model,
    pub ty: EntityTypeId,
    /// Its canonical URL, absolute (`http://host/root/Set('1')`).
    pub url: String,
    pub etag: Option<String>,
    /// `$select`ed properties (`None`: all).
    pub select: Option<&'a [String]>,
    /// Expanded navigation properties, already written.
    pub expanded: Map<String, Value>,
}

impl EntityOut<'_> {
    /// The entity's JSON object (without the V2 `d` or the V4 context).
    pub(crate) fn write(self, values: &Map<String, Value>) -> Value {
        let model = self.model;
        let v2 = model.version == ODataVersion::V2;
        let key = model.key_of(self.ty);
        let selected = |name: &str| {
            self.select
                .is_none_or(|s| s.iter().any(|x| x == name || x == "*") || (!v2 && key.iter().any(|k| k == name)))
        };
        let mut out = Map::new();
        let entity = model.entity(self.ty);
        if v2 {
            let mut meta = json!({"id": self.url, "uri": self.url, "type": entity.name.to_string()});
            if let Some(etag) = &self.etag {
                meta["etag"] = json!(etag);
            }
            out.insert("__metadata".into(), meta);
        } else if let Some(etag) = &self.etag {
            out.insert("@odata.etag".into(), json!(etag));
        }
        for p in model.entity_properties(self.ty) {
            if selected(&p.name) {
                out.insert(p.name.clone(), values.get(&p.name).cloned().unwrap_or(Value::Null));
            }
        }
        for nav in model.entity_navigation(self.ty) {
            if let Some(inline) = self.expanded.get(&nav.name) {
                out.insert(nav.name.clone(), inline.clone());
            } else if v2 && selected(&nav.name) {
                out.insert(nav.name.clone(), json!({"__deferred": {"uri": format!("{}/{}", self.url, nav.name)}}));
            }
        }
        Value::Object(out)
    }
}

/// A page of entities: `{"d":{"results":…}}` or `{"value":…}` with count and next link.
pub(crate) fn collection(
    version: ODataVersion,
    context: &str,
    items: Vec<Value>,
    count: Option<usize>,
    next: Option<String>,
) -> Value {
    if version == ODataVersion::V2 {
        let mut d = json!({ "results": items });
        if let Some(count) = count {
            d["__count"] = json!(count.to_string());
        }
        if let Some(next) = next {
            d["__next"] = json!(next);
        }
        json!({ "d": d })
    } else {
        let mut out = json!({ "@odata.context": context });
        if let Some(count) = count {
            out["@odata.count"] = json!(count);
        }
        out["value"] = Value::Array(items);
        if let Some(next) = next {
            out["@odata.nextLink"] = json!(next);
        }
        out
    }
}

/// One entity as a whole response body.
pub(crate) fn single(version: ODataVersion, context: &str, entity: Value) -> Value {
    match (version, entity) {
        (ODataVersion::V2, entity) => json!({ "d": entity }),
        (_, Value::Object(mut fields)) => {
            let mut out = Map::new();
            out.insert("@odata.context".into(), json!(context));
            out.append(&mut fields);
            Value::Object(out)
        }
        (_, other) => other,
    }
}

/// A function's primitive or complex result (V2: named after the function).
pub(crate) fn value(version: ODataVersion, context: &str, function: &str, value: Value) -> Value {
    if version == ODataVersion::V2 {
        json!({ "d": { function: value } })
    } else {
        json!({ "@odata.context": context, "value": value })
    }
}

/// An SAP Gateway-style error body (V2: `message` is `{lang, value}`; V4: a string).
pub(crate) fn error(version: ODataVersion, code: &str, message: &str, transaction: u64) -> Value {
    if version == ODataVersion::V2 {
        json!({"error": {
            "code": code,
            "message": {"lang": "en", "value": message},
            "innererror": {
                "application": {"component_id": "", "service_namespace": "/SAP/", "service_id": "SANDBOX", "service_version": "0001"},
                "transactionid": format!("{transaction:032X}"),
                "timestamp": values::iso(values::now_millis()),
                "errordetails": [{"code": code, "message": message, "propertyref": "", "severity": "error", "target": "", "transition": false}],
            },
        }})
    } else {
        json!({"error": {"code": code, "message": message, "details": [], "innererror": {"transactionid": format!("{transaction:032X}")}}})
    }
}
