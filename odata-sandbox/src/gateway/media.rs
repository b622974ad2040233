//! Media resources: a media entity's `$value` (`HasStream="true"`) and V4 stream
//! properties, read (`GET`) and replaced (`PUT`, with the entity's ETag rule) as bytes
//! with their content type; a media entity created from its content (`POST Set` with
//! the bytes as the body and the key in `Slug`), as a Gateway's `CREATE_STREAM` does.

use super::serve::{with_header, Outcome, State};
use super::write::Incoming;
use super::{Data, ServiceError};
use crate::http::{self, Request};
use odata_edmx::{Primitive, TypeRef};
use serde_json::{Map, Value};

/// The name a media entity's own content is kept under.
pub(super) const VALUE: &str = "$value";

impl State {
    /// Whether segment `name` after an entity of `set` is a media resource: `$value` of
    /// a media entity, or a stream property.
    pub(super) fn is_media(&self, data: &Data, set: &str, name: &str) -> Result<bool, ServiceError> {
        let ty = self.entity_type(data, set)?;
        if name == VALUE {
            return if self.model.entity(ty).has_stream {
                Ok(true)
            } else {
                Err(ServiceError::bad_request(format!("the entities of {set} have no media resource")))
            };
        }
        Ok(self
            .model
            .entity_properties(ty)
            .iter()
            .any(|p| p.name == name && matches!(p.ty, TypeRef::Primitive(Primitive::Stream))))
    }

    /// `GET …/$value` or `GET …/StreamProperty`: the content as uploaded.
    pub(super) fn media(&self, data: &Data, set: &str, row: usize, name: &str) -> Outcome {
        let row = &data.set(set)[row];
        match row.media.get(name) {
            Some((content_type, bytes)) => {
                Ok(with_header(http::raw(200, content_type, bytes.clone()), "etag", &row.etag()))
            }
            None if name == VALUE => Err(ServiceError::not_found(format!("this entity of {set} has no content yet"))),
            // An empty stream property (OData: 204).
            None => Ok(http::raw(204, "text/plain", "")),
        }
    }

    /// `PUT …/$value` or `PUT …/StreamProperty`: replaces the content, which changes the
    /// entity's ETag.
    pub(super) fn upload_media(
        &self,
        data: &mut Data,
        set: &str,
        row: usize,
        name: &str,
        request: &Request,
    ) -> Outcome {
        self.require_updatable(set)?;
        self.check_etag(&data.set(set)[row], request)?;
        let content_type = request.header("content-type").unwrap_or("application/octet-stream").to_owned();
        let version = data.next_version();
        let stored = data.row_keeping_key(set, row).ok_or_else(|| ServiceError::not_found("the entity is gone"))?;
        stored.media.insert(name.to_owned(), (content_type, request.body.clone()));
        stored.version = version;
        Ok(with_header(http::raw(204, "text/plain", ""), "etag", &stored.etag()))
    }

    /// Whether a `POST` to `set` carries a media entity's content rather than JSON.
    pub(super) fn is_media_create(&self, data: &Data, set: &str, request: &Request) -> bool {
        let json = request.header("content-type").is_none_or(|t| t.trim_start().starts_with("application/json"));
        !json && data.entity_type(set).is_some_and(|ty| self.model.entity(ty).has_stream)
    }

    /// `POST Set` with the content as the body: a new media entity whose single string
    /// key is the `Slug` header (percent-decoded), other properties left to their defaults.
    pub(super) fn create_media(
        &self,
        data: &mut Data,
        base: &str,
        set: &str,
        request: &Request,
        user: Option<&str>,
    ) -> Outcome {
        self.require_creatable(set)?;
        let ty = self.entity_type(data, set)?;
        let key = match self.model.key_of(ty) {
            [key] if data.primitive(ty, key) == Some(Primitive::String) => key.clone(),
            _ => return Err(ServiceError::bad_request(format!("{set}: a media create needs one string key"))),
        };
        let slug = request.header("slug").ok_or_else(|| ServiceError::bad_request("a media create needs a Slug"))?;
        let mut values = Map::new();
        values.insert(key, Value::String(http::percent_decode(slug, false)));
        // Everything else as a create without those properties would have it (defaults,
        // computed values; a mandatory property refuses), the key taken from the Slug.
        let index = self.insert(data, set, ty, Incoming { values, deep: Vec::new() }, 0)?;
        let content_type = request.header("content-type").unwrap_or("application/octet-stream").to_owned();
        if let Some(stored) = data.row_keeping_key(set, index) {
            stored.media.insert(VALUE.to_owned(), (content_type, request.body.clone()));
        }
        self.created(data, base, set, index, &[], user)
    }
}
