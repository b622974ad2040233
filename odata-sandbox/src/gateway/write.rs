//! Writes: create (keys and computed properties filled in; a payload carrying a
//! read-only or computed property, or missing a mandatory one, is refused as a Gateway
//! refuses it), update (PUT replaces, PATCH and MERGE merge; read-only properties
//! ignored), delete; ETags checked.

use super::data::{Data, Row};
use super::read::Expansion;
use super::serve::{with_header, Link, Outcome, State};
use super::values;
use super::wire;
use super::ServiceError;
use crate::http::{self, Request};
use odata_edmx::{EntityTypeId, OnCreate, Primitive, TypeRef};
use serde_json::{json, Map, Value};
use std::sync::atomic::Ordering;

impl State {
    /// The body's properties, checked and converted: on create a read-only property is
    /// refused, on update it is dropped. Entities inside a create's navigation
    /// properties (deep insert) come back as `deep`; an update may not carry any.
    pub(super) fn incoming(&self, ty: EntityTypeId, body: &[u8], creating: bool) -> Result<Incoming, ServiceError> {
        let parsed: Value =
            serde_json::from_slice(body).map_err(|e| ServiceError::bad_request(format!("the body is no JSON: {e}")))?;
        let parsed = match parsed {
            Value::Object(mut o) if o.len() == 1 && o.contains_key("d") => o.remove("d").unwrap_or_default(),
            other => other,
        };
        let Value::Object(fields) = parsed else {
            return Err(ServiceError::bad_request("the body must be a JSON object"));
        };
        self.fields(ty, fields, creating, 0)
    }

    /// [`incoming`](Self::incoming) of one JSON object; `depth` counts deep-insert levels.
    fn fields(
        &self,
        ty: EntityTypeId,
        fields: Map<String, Value>,
        creating: bool,
        depth: usize,
    ) -> Result<Incoming, ServiceError> {
        let props = self.model.entity_properties(ty);
        let navs = self.model.entity_navigation(ty);
        let mut out = Incoming::default();
        for (name, value) in fields {
            if name == "__metadata" || name.starts_with('@') || name.contains("@odata.") {
                continue;
            }
            let Some(p) = props.iter().find(|p| p.name == name) else {
                if navs.iter().any(|n| n.name == name) {
                    if !creating {
                        return Err(ServiceError::bad_request(format!(
                            "navigation property {name} cannot be changed by an update"
                        )));
                    }
                    if depth >= MAX_DEEP_INSERT_DEPTH {
                        return Err(ServiceError::bad_request("the deep insert is nested too deeply"));
                    }
                    out.deep.push((name.clone(), deep_entities(&name, value)?));
                    continue;
                }
                return Err(ServiceError::bad_request(format!(
                    "Property {name} is invalid for {}",
                    self.model.entity(ty).name
                )));
            };
            // The rule the generated create types follow: a key the server computes may
            // be chosen by the client (CAP's UUIDs); anything else it computes or refuses
            // is an error, as RAP and SADL answer it.
            if creating && p.on_create(self.model.key_of(ty).contains(&name)) == OnCreate::Leave {
                return Err(ServiceError::bad_request(format!(
                    "Property {name} is read-only and cannot be set on create"
                )));
            }
            if !creating && p.annotations.updatable == Some(false) {
                continue; // a PUT sends the whole entity; the server keeps its own values
            }
            if value.is_null() && !p.facets.nullable {
                return Err(ServiceError::bad_request(format!("Property {name} may not be null")));
            }
            let value = values::normalise(&self.model, &p.ty, &value)
                .map_err(|e| ServiceError::bad_request(format!("Property {name}: {e}")))?;
            out.values.insert(name, value);
        }
        Ok(out)
    }

    /// A create in `set`; through a navigation property, `link` has the entity navigated
    /// from and the properties that tie the new entity to it, which win over the body's.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn create(
        &self,
        data: &mut Data,
        base: &str,
        set: &str,
        request: &Request,
        link: Option<&Link>,
        user: Option<&str>,
    ) -> Outcome {
        self.require_creatable(set)?;
        self.check_draft_create(data, set, link, user)?;
        let ty = self.entity_type(data, set)?;
        let mut incoming = self.incoming(ty, &request.body, true)?;
        incoming.values.extend(link.iter().flat_map(|l| l.values.iter().cloned()));
        self.draft_defaults(set, &mut incoming.values);
        if let Some(entity_set) = self.model.entity_set(set) {
            let navs = self.model.entity_navigation(ty);
            for (name, _) in &incoming.deep {
                if navs.iter().any(|n| &n.name == name && !n.deep_insertable_in(entity_set)) {
                    return Err(ServiceError::bad_request(format!(
                        "navigation property {name} cannot be filled on create in {set}"
                    )));
                }
            }
        }
        let inline: Vec<Expansion> = incoming.deep.iter().map(|(nav, _)| Expansion::plain(nav)).collect();
        // All or nothing: a child that fails undoes its parent and its siblings (a copy
        // of the data, taken only for deep inserts; a plain create fails before it stores).
        let before = (!incoming.deep.is_empty()).then(|| data.clone());
        let index = match self.insert(data, set, ty, incoming, 0) {
            Ok(index) => index,
            Err(e) => {
                if let Some(before) = before {
                    *data = before;
                }
                return Err(e);
            }
        };
        self.draft_created(data, set, index, user);
        self.created(data, base, set, index, &inline, user)
    }

    /// `405` unless `set` is an entity set that takes creates.
    pub(super) fn require_creatable(&self, set: &str) -> Result<(), ServiceError> {
        if !self.capabilities(set).creatable || self.model.entity_set(set).is_none() {
            return Err(ServiceError::new(405, "SANDBOX/405", format!("{set} is not creatable")));
        }
        Ok(())
    }

    /// `405` unless the entities of `set` may be changed.
    pub(super) fn require_updatable(&self, set: &str) -> Result<(), ServiceError> {
        if !self.capabilities(set).updatable {
            return Err(ServiceError::new(405, "SANDBOX/405", format!("{set} is not updatable")));
        }
        Ok(())
    }

    /// The answer to a create: `201` with the stored row (and what was inserted with it),
    /// its ETag and its address in `Location`.
    pub(super) fn created(
        &self,
        data: &Data,
        base: &str,
        set: &str,
        index: usize,
        inline: &[Expansion],
        user: Option<&str>,
    ) -> Outcome {
        let ty = self.entity_type(data, set)?;
        let etag = data.set(set)[index].etag();
        let out = self.write_row(data, base, set, index, None, inline, user)?;
        let location = format!("{base}{set}{}", wire::key_predicate(&self.model, ty, &data.set(set)[index].values));
        let response = self.json(201, wire::single(self.version(), &format!("$metadata#{set}/$entity"), out));
        Ok(with_header(with_header(response, "etag", &etag), "location", &location))
    }

    /// Stores a new row of `set` (keys and computed properties filled in) and, for a deep
    /// insert, its children in their sets with the keys they take from it; the row's
    /// index. The caller undoes everything when this fails.
    pub(super) fn insert(
        &self,
        data: &mut Data,
        set: &str,
        ty: EntityTypeId,
        incoming: Incoming,
        depth: usize,
    ) -> Result<usize, ServiceError> {
        let Incoming { mut values, deep } = incoming;
        for p in self.model.entity_properties(ty) {
            if values.contains_key(&p.name) {
                continue;
            }
            if p.annotations.mandatory {
                return Err(ServiceError::bad_request(format!("Property {} is mandatory on create", p.name)));
            }
            let is_key = self.model.key_of(ty).contains(&p.name);
            let computed = p.annotations.creatable == Some(false);
            let generated = match &p.ty {
                TypeRef::Primitive(Primitive::Guid) if is_key || computed => {
                    Some(json!(uuid(self.serial.fetch_add(1, Ordering::Relaxed))))
                }
                TypeRef::Primitive(Primitive::DateTime | Primitive::DateTimeOffset) if computed => {
                    Some(json!(values::iso(values::now_millis() / 1000 * 1000)))
                }
                TypeRef::Primitive(
                    prim @ (Primitive::String | Primitive::Int16 | Primitive::Int32 | Primitive::Int64),
                ) if is_key => {
                    let highest =
                        data.rows(set).filter_map(|r| r.get(&p.name).and_then(number_of)).fold(0.0_f64, f64::max);
                    let next = highest as i64 + 1;
                    Some(if *prim == Primitive::String { json!(next.to_string()) } else { json!(next) })
                }
                // A complex value is never null in V2 (nor where V4 says so): a create
                // that leaves it out gets one with nothing set, as a Gateway answers.
                TypeRef::Complex(c) if !p.facets.nullable => Some(initial_complex(&self.model, *c, 0)),
                // A collection left out is empty: a collection is never null (its
                // `Nullable` facet is about its elements).
                TypeRef::Collection(_) => Some(json!([])),
                // The metadata's default, as a server applies it (`available default true`).
                TypeRef::Primitive(prim) if p.facets.default_value.is_some() => {
                    let text = p.facets.default_value.as_deref().unwrap_or_default();
                    match prim {
                        Primitive::Boolean => text.parse::<bool>().ok().map(|b| json!(b)),
                        Primitive::Byte | Primitive::SByte | Primitive::Int16 | Primitive::Int32 => {
                            text.parse::<i64>().ok().map(|n| json!(n))
                        }
                        Primitive::String => Some(json!(text)),
                        _ => None,
                    }
                }
                _ => None,
            };
            if let Some(value) = generated {
                let value = values::normalise(&self.model, &p.ty, &value).map_err(ServiceError::bad_request)?;
                values.insert(p.name.clone(), value);
            }
        }
        let key = data.key_of_row(ty, &values);
        if data.row_by_key(set, &key).is_some() {
            return Err(ServiceError::new(
                409,
                "SANDBOX/409",
                format!("an entity with this key already exists in {set}"),
            ));
        }
        let version = data.next_version();
        let row = Row { values, version, media: std::collections::HashMap::new() };
        data.push_row(set, row);
        let index = data.set(set).len() - 1;
        for (nav_name, children) in deep {
            let nav = self
                .model
                .entity_navigation(ty)
                .into_iter()
                .find(|n| n.name == nav_name)
                .cloned()
                .ok_or_else(|| ServiceError::bad_request(format!("no navigation property {nav_name}")))?;
            let refused =
                nav.creatable == Some(false) || self.capabilities(set).non_insertable_navigation.contains(&nav_name);
            if refused {
                return Err(ServiceError::bad_request(format!("{nav_name} does not allow deep inserts")));
            }
            let (target_set, pairs) = self.link(set, ty, &nav)?;
            if !self.capabilities(&target_set).creatable {
                return Err(ServiceError::bad_request(format!("{target_set} is not creatable")));
            }
            for child in children {
                let mut incoming = self.fields(nav.target, child, true, depth + 1)?;
                // The child's keys and foreign keys that point at this row are this row's.
                for (source, target) in &pairs {
                    if let Some(value) = data.set(set)[index].values.get(source) {
                        incoming.values.insert(target.clone(), value.clone());
                    }
                }
                self.insert(data, &target_set, nav.target, incoming, depth + 1)?;
            }
        }
        Ok(index)
    }

    /// `412` when `If-Match` names another version, `428` when it is required and missing.
    pub(super) fn check_etag(&self, row: &Row, request: &Request) -> Result<(), ServiceError> {
        match request.header("if-match") {
            Some("*") => Ok(()),
            Some(sent) if sent == row.etag() => Ok(()),
            Some(_) => {
                Err(ServiceError::new(412, "SANDBOX/412", "the entity was changed since it was read (ETag mismatch)"))
            }
            // A draft is locked to its user: it needs no ETag.
            None if self.require_if_match && !super::draft::is_draft(row) => Err(ServiceError::new(
                428,
                "SANDBOX/428",
                "this change requires an If-Match header with the entity's ETag",
            )),
            None => Ok(()),
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn update(
        &self,
        data: &mut Data,
        base: &str,
        set: &str,
        row: usize,
        request: &Request,
        replace: bool,
        user: Option<&str>,
    ) -> Outcome {
        self.require_updatable(set)?;
        let ty = self.entity_type(data, set)?;
        self.check_etag(&data.set(set)[row], request)?;
        let changes = self.incoming(ty, &request.body, false)?.values;
        let key = self.model.key_of(ty).to_vec();
        let current = data.set(set)[row].values.clone();
        for k in &key {
            if let Some(v) = changes.get(k) {
                if data.comparable(ty, &current, k) != data.comparable(ty, &changes, k) || v.is_null() {
                    return Err(ServiceError::bad_request(format!("the key property {k} cannot be changed")));
                }
            }
        }
        let version = data.next_version();
        // The key was checked unchanged above: the key index stays valid.
        let stored = data.row_keeping_key(set, row).ok_or_else(|| ServiceError::not_found("the entity is gone"))?;
        if replace {
            for p in self.model.entity_properties(ty) {
                if !key.contains(&p.name) && p.annotations.updatable != Some(false) && !changes.contains_key(&p.name) {
                    stored.values.insert(p.name.clone(), Value::Null);
                }
            }
        }
        stored.values.extend(changes);
        stored.version = version;
        let etag = stored.etag();
        let representation = request.header("prefer").is_some_and(|p| p.contains("return=representation"));
        let response = if representation {
            let out = self.write_row(data, base, set, row, None, &[], user)?;
            self.json(200, wire::single(self.version(), &format!("$metadata#{set}/$entity"), out))
        } else {
            http::raw(204, "text/plain", "")
        };
        Ok(with_header(response, "etag", &etag))
    }

    pub(super) fn delete(&self, data: &mut Data, set: &str, row: usize, request: &Request) -> Outcome {
        if !self.capabilities(set).deletable || self.model.entity_set(set).is_none() {
            return Err(ServiceError::new(405, "SANDBOX/405", format!("{set} is not deletable")));
        }
        self.check_etag(&data.set(set)[row], request)?;
        self.remove_cascading(data, set, row);
        Ok(http::raw(204, "text/plain", ""))
    }

    /// Removes row `row` of `set` (with its draft: [`remove_with_draft`](Self::remove_with_draft))
    /// and what its navigation properties with `OnDelete Action="Cascade"` lead to, on down
    /// (a composition's children, as SAP CAP deletes them).
    fn remove_cascading(&self, data: &mut Data, set: &str, row: usize) {
        // Everything is found first (positions stay put), then removed by key.
        let Some(ty) = data.entity_type(set) else { return };
        let mut doomed = vec![(set.to_owned(), data.key_of_row(ty, &data.set(set)[row].values))];
        doomed.extend(self.descendants(data, set, row, |nav, _| nav.on_delete_cascade));
        for (set, key) in doomed {
            // A draft removed with its active entity is gone already.
            if let Some(row) = data.row_by_key(&set, &key) {
                self.remove_with_draft(data, &set, row);
            }
        }
    }
}

fn number_of(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

/// A version-4-shaped GUID, unique per server run.
pub(super) fn uuid(serial: u64) -> String {
    let mut bytes = [0u8; 16];
    let _ = ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut bytes);
    bytes[..8].copy_from_slice(&serial.to_be_bytes());
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
}

/// The deepest a deep insert nests (an order, its items, their schedule lines, …).
const MAX_DEEP_INSERT_DEPTH: usize = 8;

/// What a write's body holds: property values, and for a create the entities of its
/// navigation properties (deep insert).
#[derive(Default)]
pub(super) struct Incoming {
    pub(super) values: Map<String, Value>,
    pub(super) deep: Vec<(String, Vec<Map<String, Value>>)>,
}

/// The entities of navigation property `name` in a deep insert: an object (to one), an
/// array, or V2's `{"results": [...]}` (to many).
fn deep_entities(name: &str, value: Value) -> Result<Vec<Map<String, Value>>, ServiceError> {
    let items = match value {
        Value::Object(mut o) if o.len() == 1 && o.get("results").is_some_and(Value::is_array) => {
            o.remove("results").unwrap_or_default()
        }
        other => other,
    };
    let items = match items {
        Value::Array(items) => items,
        Value::Object(o) => vec![Value::Object(o)],
        _ => return Err(ServiceError::bad_request(format!("{name} must hold entities"))),
    };
    items
        .into_iter()
        .map(|item| match item {
            Value::Object(o) => Ok(o),
            _ => Err(ServiceError::bad_request(format!("{name} must hold entities"))),
        })
        .collect()
}

/// A complex value with nothing set, as a Gateway fills one in: nested non-nullable
/// complex values likewise, non-nullable primitives with their initial value, the rest
/// null.
fn initial_complex(model: &odata_edmx::Model, id: odata_edmx::ComplexTypeId, depth: usize) -> Value {
    let mut out = Map::new();
    for p in model.complex_properties(id) {
        let value = match &p.ty {
            _ if p.facets.nullable => Value::Null,
            TypeRef::Complex(inner) if depth < 8 => initial_complex(model, *inner, depth + 1),
            TypeRef::Collection(_) => json!([]),
            TypeRef::Primitive(Primitive::String) => json!(""),
            TypeRef::Primitive(Primitive::Boolean) => json!(false),
            TypeRef::Primitive(
                Primitive::Byte | Primitive::SByte | Primitive::Int16 | Primitive::Int32 | Primitive::Int64,
            ) => json!(0),
            TypeRef::Primitive(Primitive::Decimal | Primitive::Double | Primitive::Single) => json!("0"),
            _ => Value::Null,
        };
        out.insert(p.name.clone(), value);
    }
    Value::Object(out)
}
