//! Traits that generated entity and key types implement.

use crate::edm::percent_encode_literal;
use crate::Version;

/// An entity type of a generated service.
///
/// ```
/// # use odata_runtime::{Entity, EntityKey, Version};
/// # #[derive(Clone)] struct Partner { id: String }
/// # #[derive(Clone)] struct PartnerKey { id: String }
/// # impl EntityKey for PartnerKey {
/// #     fn key_values(&self, v: Version) -> Vec<(&'static str, String)> {
/// #         use odata_runtime::edm::EdmValue;
/// #         vec![("Id", self.id.to_literal(v))]
/// #     }
/// # }
/// # impl Entity for Partner {
/// #     const ENTITY_TYPE: &'static str = "NS.Partner";
/// #     type Key = PartnerKey;
/// #     fn key(&self) -> PartnerKey { PartnerKey { id: self.id.clone() } }
/// #     fn etag(&self) -> Option<&str> { None }
/// # }
/// let p = Partner { id: "1000042".into() };
/// assert_eq!(p.key().segment(Version::V2), "('1000042')");
/// ```
pub trait Entity {
    /// The qualified OData name of the entity type (`Namespace.Name`).
    const ENTITY_TYPE: &'static str;
    /// The key type.
    type Key: EntityKey;
    /// The key of this entity.
    fn key(&self) -> Self::Key;
    /// The ETag the server sent with this entity (`__metadata.etag` or `@odata.etag`).
    fn etag(&self) -> Option<&str>;
}

/// The key of an entity type: writes the key segment of its URL.
pub trait EntityKey {
    /// The key properties' OData names with their literals (not percent-encoded).
    fn key_values(&self, version: Version) -> Vec<(&'static str, String)>;

    /// The key segment: `('A')` for a single key, `(K1='a',K2=1)` for a composite one.
    /// Only the values are percent-encoded; the key syntax stays as it is.
    fn segment(&self, version: Version) -> String {
        write_key_segment(&self.key_values(version))
    }
}

/// Writes `(lit)` for one key property and `(Name=lit,…)` for several.
pub fn write_key_segment(values: &[(&str, String)]) -> String {
    let mut out = String::from("(");
    if let [(_, literal)] = values {
        out.push_str(&percent_encode_literal(literal));
    } else {
        for (i, (name, literal)) in values.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(name);
            out.push('=');
            out.push_str(&percent_encode_literal(literal));
        }
    }
    out.push(')');
    out
}
