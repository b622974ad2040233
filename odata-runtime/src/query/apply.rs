//! `$apply` (OData V4 data aggregation): rows grouped by properties, with aggregates of
//! each group, read as typed values.
//!
//! An aggregate is a property's `sum`, `min`, `max`, `average` or `count_distinct`, or
//! [`Aggregate::count`], the number of entities in the group. Its alias in the request is
//! fixed (`Price_sum`, `ID_countdistinct`, `count`), so the answer is read back by name.
//!
//! ```
//! use odata_runtime::query::{Aggregate, Aggregates, Property, RawRow};
//! use odata_runtime::{edm::Decimal, Version};
//!
//! struct Order;
//! const TOTAL: Property<Order, Decimal> = Property::new("total");
//!
//! let aggregates = (TOTAL.sum(), TOTAL.max(), Aggregate::<Order, i64>::count());
//! let mut expressions = Vec::new();
//! aggregates.expressions(&mut expressions);
//! assert_eq!(expressions, ["total with sum as total_sum", "total with max as total_max", "$count as count"]);
//!
//! let row: RawRow = serde_json::from_str(r#"{"total_sum":30.5,"total_max":20,"count":2}"#).unwrap();
//! let (sum, max, count) = aggregates.decode_row(&row, Version::V4).unwrap();
//! assert_eq!((sum.unwrap().to_string(), max.unwrap().to_string(), count), ("30.5".into(), "20".into(), 2));
//! ```

use super::select::RawRow;
use super::{Marker, Property, Selection};
use crate::edm::json::from_json_text;
use crate::edm::{Decimal, EdmValue};
use crate::Version;
use std::marker::PhantomData;

/// An aggregate of entities of type `E`, read as `T`: see [`Property::sum`] and the
/// methods beside it, and [`Aggregate::count`].
pub struct Aggregate<E, T> {
    property: &'static str,
    method: &'static str,
    marker: Marker<(E, T)>,
}

impl<E, T> Clone for Aggregate<E, T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<E, T> Copy for Aggregate<E, T> {}

impl<E> Aggregate<E, i64> {
    /// The number of entities aggregated (`$count as count`).
    pub const fn count() -> Self {
        Aggregate { property: "", method: "count", marker: PhantomData }
    }
}

impl<E, T> Aggregate<E, T> {
    const fn of(property: &'static str, method: &'static str) -> Self {
        Aggregate { property, method, marker: PhantomData }
    }

    /// The name the aggregate has in the answer.
    fn alias(&self) -> String {
        if self.property.is_empty() {
            self.method.to_owned()
        } else {
            format!("{}_{}", self.property, self.method)
        }
    }
}

/// Edm number types: what `sum` and `average` add up to. Integers sum to `i64`
/// and average to `f64`; decimals stay decimals.
#[diagnostic::on_unimplemented(
    message = "`sum` and `average` need a number, and the property's values are `{Self}`",
    label = "not an Edm number type",
    note = "`min`, `max` and `count_distinct` take any property"
)]
#[doc(hidden)]
pub trait Numeric {
    /// What a sum reads as.
    type Sum: EdmValue;
    /// What an average reads as.
    type Average: EdmValue;
}

macro_rules! numeric {
    ($sum:ty, $average:ty: $($t:ty),+) => {
        $(impl Numeric for $t {
            type Sum = $sum;
            type Average = $average;
        })+
    };
}
numeric!(i64, f64: u8, i8, i16, i32, i64);
numeric!(f64, f64: f32, f64);
numeric!(Decimal, Decimal: Decimal);

/// Aggregates: `null` when no entity has a value.
impl<E, T, F, S, N> Property<E, T, F, S, N> {
    /// The sum of the property's values (`with sum`).
    pub fn sum(self) -> Aggregate<E, Option<T::Sum>>
    where
        T: Numeric,
    {
        Aggregate::of(self.name(), "sum")
    }

    /// The average of the property's values (`with average`).
    pub fn average(self) -> Aggregate<E, Option<T::Average>>
    where
        T: Numeric,
    {
        Aggregate::of(self.name(), "average")
    }

    /// The smallest value (`with min`).
    pub fn min(self) -> Aggregate<E, Option<T>> {
        Aggregate::of(self.name(), "min")
    }

    /// The largest value (`with max`).
    pub fn max(self) -> Aggregate<E, Option<T>> {
        Aggregate::of(self.name(), "max")
    }

    /// The number of distinct values (`with countdistinct`).
    pub fn count_distinct(self) -> Aggregate<E, i64> {
        Aggregate::of(self.name(), "countdistinct")
    }
}

/// Aggregates of entities of type `E` in one request: an [`Aggregate`], a tuple of
/// them, or `()` for none (distinct groups only). Each row reads as
/// [`Aggregates::Row`]: the aggregate's value, or a tuple of them.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an aggregate of `{E}`",
    label = "expected aggregates of `{E}` (`Property::sum()`, …, one or a tuple of them)"
)]
pub trait Aggregates<E> {
    /// What the aggregates of one group read as.
    type Row;

    /// Appends the `$apply` expressions (`total with sum as total_sum`).
    fn expressions(&self, out: &mut Vec<String>);

    /// Reads the aggregates of one group; a failure names the alias.
    fn decode_row(&self, row: &RawRow, version: Version) -> Result<Self::Row, (String, String)>;
}

impl<E, T: EdmValue> Aggregates<E> for Aggregate<E, T> {
    type Row = T;

    fn expressions(&self, out: &mut Vec<String>) {
        out.push(if self.property.is_empty() {
            format!("$count as {}", self.alias())
        } else {
            format!("{} with {} as {}", self.property, self.method, self.alias())
        });
    }

    fn decode_row(&self, row: &RawRow, version: Version) -> Result<T, (String, String)> {
        let alias = self.alias();
        let Some(json) = row.get(&alias) else {
            return Err((alias, "aggregated, but the server did not send it".to_owned()));
        };
        from_json_text(json, version).map_err(|e| (alias, e.to_string()))
    }
}

impl<E> Aggregates<E> for () {
    type Row = ();
    fn expressions(&self, _: &mut Vec<String>) {}
    fn decode_row(&self, _: &RawRow, _: Version) -> Result<(), (String, String)> {
        Ok(())
    }
}

/// Properties of entity type `E` to group by: a property, a tuple of them, or `()`
/// for one group of all entities. Each group reads as the properties' values
/// ([`Selection::Row`]).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot group entities of `{E}`",
    label = "expected properties of `{E}` (one, a tuple of them, or `()`)"
)]
pub trait GroupBy<E>: Selection<E> {}

impl<E, T, F, S, N> GroupBy<E> for Property<E, T, F, S, N> where Property<E, T, F, S, N>: Selection<E> {}
impl<E> GroupBy<E> for () {}

macro_rules! tuples {
    ($($name:ident),+) => {
        impl<E, $($name: GroupBy<E>),+> GroupBy<E> for ($($name,)+) {}

        impl<E, $($name: Aggregates<E>),+> Aggregates<E> for ($($name,)+) {
            type Row = ($($name::Row,)+);

            #[allow(non_snake_case)]
            fn expressions(&self, out: &mut Vec<String>) {
                let ($($name,)+) = self;
                $($name.expressions(out);)+
            }

            #[allow(non_snake_case)]
            fn decode_row(&self, row: &RawRow, version: Version) -> Result<Self::Row, (String, String)> {
                let ($($name,)+) = self;
                Ok(($($name.decode_row(row, version)?,)+))
            }
        }
    };
}

tuples!(A);
tuples!(A, B);
tuples!(A, B, C);
tuples!(A, B, C, D);
tuples!(A, B, C, D, G);
tuples!(A, B, C, D, G, H);
tuples!(A, B, C, D, G, H, I);
tuples!(A, B, C, D, G, H, I, J);

/// Entity types of OData V4 services, whose sets may be aggregated with `$apply`
/// (implemented by generated code).
#[diagnostic::on_unimplemented(
    message = "`$apply` needs OData V4, and `{Self}` belongs to an OData V2 service",
    label = "a V2 entity type",
    note = "SAP Gateway V2 services aggregate through analytical entity sets (sap:semantics=\"aggregate\") instead"
)]
#[doc(hidden)]
pub trait Aggregation {}

/// The `$apply` value: `filter(…)/groupby((…),aggregate(…))`, or `None` when there is
/// nothing to group or aggregate.
pub(crate) fn render(filter: Option<String>, groups: &[&'static str], aggregates: &[String]) -> Option<String> {
    let grouping = match (groups.is_empty(), aggregates.is_empty()) {
        (true, true) => return None,
        (true, false) => format!("aggregate({})", aggregates.join(",")),
        (false, true) => format!("groupby(({}))", groups.join(",")),
        (false, false) => format!("groupby(({}),aggregate({}))", groups.join(","), aggregates.join(",")),
    };
    Some(match filter {
        Some(filter) => format!("filter({filter})/{grouping}"),
        None => grouping,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Order;
    const CUSTOMER: Property<Order, String> = Property::new("customer");
    const TOTAL: Property<Order, Decimal, super::super::Filterable, super::super::Sortable, super::super::Nullable> =
        Property::new("total");

    #[test]
    fn renders_the_transformations_in_order() {
        let mut aggregates = Vec::new();
        (TOTAL.sum(), CUSTOMER.count_distinct()).expressions(&mut aggregates);
        let mut groups = Vec::new();
        CUSTOMER.names(&mut groups);
        assert_eq!(render(None, &[], &[]), None);
        assert_eq!(render(None, &groups, &[]).unwrap(), "groupby((customer))");
        assert_eq!(
            render(Some("total gt 5".into()), &[], &aggregates).unwrap(),
            "filter(total gt 5)/aggregate(total with sum as total_sum,customer with countdistinct as customer_countdistinct)"
        );
        assert_eq!(
            render(None, &["customer", "currency"], &aggregates[..1]).unwrap(),
            "groupby((customer,currency),aggregate(total with sum as total_sum))"
        );
    }

    #[test]
    fn a_missing_or_mistyped_aggregate_names_its_alias() {
        let row: RawRow = serde_json::from_str(r#"{"total_sum":null,"count":"x"}"#).unwrap();
        assert_eq!(TOTAL.sum().decode_row(&row, Version::V4).unwrap(), None);
        let e = TOTAL.max().decode_row(&row, Version::V4).unwrap_err();
        assert_eq!(e.0, "total_max");
        let e = Aggregate::<Order, i64>::count().decode_row(&row, Version::V4).unwrap_err();
        assert_eq!(e.0, "count");
    }
}
