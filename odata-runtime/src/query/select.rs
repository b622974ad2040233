//! `$select` with typed results: a request that selects properties reads exactly those
//! properties, as a value or a tuple of values, and never a whole entity with invented
//! defaults for what the server did not send.
//!
//! ```
//! use odata_runtime::query::{Nullable, Property, RawRow, Selection};
//! use odata_runtime::query::{Filterable, Sortable};
//! use odata_runtime::Version;
//!
//! struct Partner;
//! const ID: Property<Partner, String> = Property::new("BusinessPartner");
//! const NAME: Property<Partner, String, Filterable, Sortable, Nullable> = Property::new("LastName");
//!
//! let row: RawRow = serde_json::from_str(r#"{"BusinessPartner":"1","LastName":null}"#).unwrap();
//! let (id, name): (String, Option<String>) = (ID, NAME).decode_row(&row, Version::V4).unwrap();
//! assert_eq!((id.as_str(), name), ("1", None));
//!
//! // A selected property the server did not send is an error, not a default.
//! let row: RawRow = serde_json::from_str(r#"{"BusinessPartner":"1"}"#).unwrap();
//! let e = (ID, NAME).decode_row(&row, Version::V4).unwrap_err();
//! assert_eq!(e.0, "LastName");
//! ```

use super::{Many, Navigation, One, Property, Required};
use crate::edm::json::from_json_text;
use crate::edm::EdmValue;
use crate::Version;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;
use std::collections::BTreeMap;

/// One entity as the server sent it: each property's JSON, not yet decoded.
#[derive(Debug, Default)]
#[doc(hidden)]
pub struct RawRow(BTreeMap<String, Box<RawValue>>);

impl<'de> Deserialize<'de> for RawRow {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        BTreeMap::deserialize(d).map(RawRow)
    }
}

impl RawRow {
    /// The JSON of property `name`, when the server sent it.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(|raw| raw.get())
    }
}

/// Properties of entity type `E` that can be listed in `$select`: a property, a
/// navigation property, or a tuple of them. A request with a selection reads
/// [`Selection::Row`]s: a property's value (`Option` where the property is nullable),
/// an expanded navigation property's entities, or a tuple of those.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be selected from `{E}`",
    label = "expected properties of `{E}` (one, or a tuple of them)"
)]
pub trait Selection<E> {
    /// What one selected entity reads as.
    type Row;

    /// Appends the OData names.
    fn names(&self, out: &mut Vec<&'static str>);

    /// Reads the selected properties of one entity; a failure names the property.
    fn decode_row(&self, row: &RawRow, version: Version) -> Result<Self::Row, (String, String)>;
}

/// Whether a property may be `null`: what its selected value reads as.
#[doc(hidden)]
pub trait Nullability {
    /// `T`, or `Option<T>`.
    type Value<T>;
    /// Reads the value from its JSON.
    fn decode<T: EdmValue>(json: &str, version: Version) -> Result<Self::Value<T>, serde_json::Error>;
}

impl Nullability for Required {
    type Value<T> = T;
    fn decode<T: EdmValue>(json: &str, version: Version) -> Result<T, serde_json::Error> {
        from_json_text(json, version)
    }
}

impl Nullability for super::Nullable {
    type Value<T> = Option<T>;
    fn decode<T: EdmValue>(json: &str, version: Version) -> Result<Option<T>, serde_json::Error> {
        from_json_text(json, version)
    }
}

fn sent<'r>(row: &'r RawRow, name: &str) -> Result<&'r str, (String, String)> {
    row.get(name).ok_or_else(|| (name.to_owned(), "selected, but the server did not send it".to_owned()))
}

impl<E, T: EdmValue, F, S, N: Nullability> Selection<E> for Property<E, T, F, S, N> {
    type Row = N::Value<T>;

    fn names(&self, out: &mut Vec<&'static str>) {
        out.push(self.name());
    }

    fn decode_row(&self, row: &RawRow, version: Version) -> Result<Self::Row, (String, String)> {
        N::decode::<T>(sent(row, self.name())?, version).map_err(|e| (self.name().to_owned(), e.to_string()))
    }
}

/// To one or to many: what an expanded navigation property reads as.
#[doc(hidden)]
pub trait Cardinality {
    /// `Option<T>` (to one) or `Option<Vec<T>>` (to many); `None` when not expanded.
    type Expanded<T>;
    /// Reads the expanded entities from their JSON.
    fn decode<T: DeserializeOwned>(json: &str, version: Version) -> Result<Self::Expanded<T>, serde_json::Error>;
}

impl Cardinality for One {
    type Expanded<T> = Option<T>;
    fn decode<T: DeserializeOwned>(json: &str, version: Version) -> Result<Option<T>, serde_json::Error> {
        let mut de = serde_json::Deserializer::from_str(json);
        let value = match version {
            Version::V2 => crate::edm::json::v2_nav_one::deserialize::<T, _>(&mut de)?.map(|b| *b),
            Version::V4 => Option::<T>::deserialize(&mut de)?,
        };
        de.end()?;
        Ok(value)
    }
}

impl Cardinality for Many {
    type Expanded<T> = Option<Vec<T>>;
    fn decode<T: DeserializeOwned>(json: &str, version: Version) -> Result<Option<Vec<T>>, serde_json::Error> {
        let mut de = serde_json::Deserializer::from_str(json);
        let value = match version {
            Version::V2 => crate::edm::json::v2_nav_many::deserialize::<T, _>(&mut de)?,
            Version::V4 => Option::<Vec<T>>::deserialize(&mut de)?,
        };
        de.end()?;
        Ok(value)
    }
}

impl<E, T: DeserializeOwned, C: Cardinality> Selection<E> for Navigation<E, T, C> {
    type Row = C::Expanded<T>;

    fn names(&self, out: &mut Vec<&'static str>) {
        out.push(self.name());
    }

    /// A navigation property is only sent when expanded: absent reads as `None`.
    fn decode_row(&self, row: &RawRow, version: Version) -> Result<Self::Row, (String, String)> {
        C::decode::<T>(row.get(self.name()).unwrap_or("null"), version)
            .map_err(|e| (self.name().to_owned(), e.to_string()))
    }
}

/// Nothing: what `()` groups by in `$apply` (one group of all entities).
impl<E> Selection<E> for () {
    type Row = ();
    fn names(&self, _: &mut Vec<&'static str>) {}
    fn decode_row(&self, _: &RawRow, _: Version) -> Result<(), (String, String)> {
        Ok(())
    }
}

macro_rules! tuple_selection {
    ($($name:ident),+) => {
        impl<E, $($name: Selection<E>),+> Selection<E> for ($($name,)+) {
            type Row = ($($name::Row,)+);

            #[allow(non_snake_case)]
            fn names(&self, out: &mut Vec<&'static str>) {
                let ($($name,)+) = self;
                $($name.names(out);)+
            }

            #[allow(non_snake_case)]
            fn decode_row(&self, row: &RawRow, version: Version) -> Result<Self::Row, (String, String)> {
                let ($($name,)+) = self;
                Ok(($($name.decode_row(row, version)?,)+))
            }
        }
    };
}

tuple_selection!(A);
tuple_selection!(A, B);
tuple_selection!(A, B, C);
tuple_selection!(A, B, C, D);
tuple_selection!(A, B, C, D, G);
tuple_selection!(A, B, C, D, G, H);
tuple_selection!(A, B, C, D, G, H, I);
tuple_selection!(A, B, C, D, G, H, I, J);
tuple_selection!(A, B, C, D, G, H, I, J, K);
tuple_selection!(A, B, C, D, G, H, I, J, K, L);
tuple_selection!(A, B, C, D, G, H, I, J, K, L, M);
tuple_selection!(A, B, C, D, G, H, I, J, K, L, M, N);
