//! Writes: create (keys and computed properties filled in; a payload carrying a
//! read-only or computed property, or missing a mandatory one, is refused as a Gateway
//! refuses it), update (PUT replaces, PATCH and MERGE merge; read-only properties
//! ignored), delete; ETags checked.

use super::data::{Data, Row};
use super::serve::{with_header, Outcome, State};
use super::values::{self, Cmp};
use super::wire;
use super::ServiceError;
use crate::http::{self, Request};
use odata_edmx::{EntityTypeId, Primitive, TypeRef};
use serde_json::{json, Map, Value};
use std::sync::atomic::Ordering;

impl State {
    /// The body's properties, checked and converted: on create a read-only property is
    /// refused, on update it is dropped.
    pub(super) fn incoming(
        &self,
        ty: EntityTypeId,
        body: &[u8],
        creating: bool,
    ) -> Result<Map<String, Value>, ServiceError> {
        let parsed: Value =
            serde_json::from_slice(body).map_err(|e| ServiceError::bad_request(format!("the body is no JSON: {e}")))?;
        let parsed = match parsed {
            Value::Object(mut o) if o.len() == 1 && o.contains_key("d") => o.remove("d").unwrap_or_default(),
            other => other,
        };
        let Value::Object(fields) = parsed else {
            return Err(ServiceError::bad_request("the body must be a JSON object"));
        };
        let props = self.model.entity_properties(ty);
        let navs = self.model.entity_navigation(ty);
        let mut out = Map::new();
        for (name, value) in fields {
            if name == "__metadata" || name.starts_with('@') || name.contains("@odata.") {
                continue;
            }
            let Some(p) = props.iter().find(|p| p.name == name) else {
                if navs.iter().any(|n| n.name == name) {
                    return Err(ServiceError::bad_request(format!(
                        "deep inserts ({name}) are not supported by the sandbox"
                    )));
                }
                return Err(ServiceError::bad_request(format!(
                    "Property {name} is invalid for {}",
                    self.model.entity(ty).name
                )));
            };
            if creating && p.annotations.creatable == Some(false) {
                // A key the server computes may be chosen by the client (CAP's UUIDs);
                // anything else the server computes is refused, as RAP and SADL do.
                let key_of_choice = p.annotations.computed && self.model.key_of(ty).contains(&name);
                if !key_of_choice {
                    return Err(ServiceError::bad_request(format!(
                        "Property {name} is read-only and cannot be set on create"
                    )));
                }
            }
            if !creating && p.annotations.updatable == Some(false) {
                continue; // a PUT sends the whole entity; the server keeps its own values
            }
            if value.is_null() && !p.facets.nullable {
                return Err(ServiceError::bad_request(format!("Property {name} may not be null")));
            }
            let value = values::normalise(&self.model, &p.ty, &value)
                .map_err(|e| ServiceError::bad_request(format!("Property {name}: {e}")))?;
            out.insert(name, value);
        }
        Ok(out)
    }

    pub(super) fn create(&self, data: &mut Data, base: &str, set: &str, request: &Request) -> Outcome {
        if !self.capabilities(set).creatable || self.model.entity_set(set).is_none() {
            return Err(ServiceError::new(405, "SANDBOX/405", format!("{set} is not creatable")));
        }
        let ty = self.entity_type(data, set)?;
        let mut values = self.incoming(ty, &request.body, true)?;
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
                _ => None,
            };
            if let Some(value) = generated {
                let value = values::normalise(&self.model, &p.ty, &value).map_err(ServiceError::bad_request)?;
                values.insert(p.name.clone(), value);
            }
        }
        let key: Vec<(String, Cmp)> =
            self.model.key_of(ty).iter().map(|k| (k.clone(), data.comparable(ty, &values, k))).collect();
        if data.row_by_key(set, &key).is_some() {
            return Err(ServiceError::new(
                409,
                "SANDBOX/409",
                format!("an entity with this key already exists in {set}"),
            ));
        }
        let version = data.next_version();
        let row = Row { values, version };
        let etag = row.etag();
        data.push_row(set, row);
        let index = data.set(set).len() - 1;
        let out = self.write_row(data, base, set, index, None, &[])?;
        let location = format!("{base}{set}{}", wire::key_predicate(&self.model, ty, &data.set(set)[index].values));
        let response = self.json(201, wire::single(self.version(), &format!("$metadata#{set}/$entity"), out));
        Ok(with_header(with_header(response, "etag", &etag), "location", &location))
    }

    /// `412` when `If-Match` names another version, `428` when it is required and missing.
    pub(super) fn check_etag(&self, row: &Row, request: &Request) -> Result<(), ServiceError> {
        match request.header("if-match") {
            Some("*") => Ok(()),
            Some(sent) if sent == row.etag() => Ok(()),
            Some(_) => {
                Err(ServiceError::new(412, "SANDBOX/412", "the entity was changed since it was read (ETag mismatch)"))
            }
            None if self.require_if_match => Err(ServiceError::new(
                428,
                "SANDBOX/428",
                "this change requires an If-Match header with the entity's ETag",
            )),
            None => Ok(()),
        }
    }

    pub(super) fn update(
        &self,
        data: &mut Data,
        base: &str,
        set: &str,
        row: usize,
        request: &Request,
        replace: bool,
    ) -> Outcome {
        if !self.capabilities(set).updatable {
            return Err(ServiceError::new(405, "SANDBOX/405", format!("{set} is not updatable")));
        }
        let ty = self.entity_type(data, set)?;
        self.check_etag(&data.set(set)[row], request)?;
        let changes = self.incoming(ty, &request.body, false)?;
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
            let out = self.write_row(data, base, set, row, None, &[])?;
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
        data.set_mut(set).remove(row);
        Ok(http::raw(204, "text/plain", ""))
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
fn uuid(serial: u64) -> String {
    let mut bytes = [0u8; 16];
    let _ = ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut bytes);
    bytes[..8].copy_from_slice(&serial.to_be_bytes());
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
}
