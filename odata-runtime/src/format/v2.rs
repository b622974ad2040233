//! OData V2 (verbose JSON) payload parts.

use serde::{Deserialize, Serialize};

/// The `__metadata` object of a V2 entity.
///
/// ```
/// use odata_runtime::__private::EntityMetadata;
/// let m: EntityMetadata = serde_json::from_str(
///     r#"{"uri":"https://host/sap/opu/odata/sap/X/Set('1')","type":"X.T","etag":"W/\"1\""}"#).unwrap();
/// assert_eq!(m.etag.as_deref(), Some("W/\"1\""));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityMetadata {
    /// `id`: the entity's identifier URI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `uri`: the entity's canonical URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
    /// `type`: the qualified entity type name.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub entity_type: Option<String>,
    /// `etag`: the entity's ETag, to be sent as `If-Match`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    /// `media_src` of a media entity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_src: Option<String>,
    /// `content_type` of a media entity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// `edit_media` of a media entity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edit_media: Option<String>,
}
