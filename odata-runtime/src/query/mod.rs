//! Typed query options: `$filter`, `$select`, `$expand`, `$orderby`, `$top`, `$skip`,
//! counts, rendered per protocol version.
//!
//! Generated entity types carry a constant per property ([`Property`]) and per
//! navigation property ([`Navigation`]). Their types encode what the metadata allows,
//! so mistakes do not compile: a property of another entity type, a value of the wrong
//! Edm type, a string function on a number, a filter on a property SAP marks
//! `sap:filterable="false"`, an `$orderby` on a non-sortable one, an `$expand` of
//! something that is not a navigation property.
//!
//! ```
//! use odata_runtime::query::{Filterable, Property, Sortable};
//! use odata_runtime::Version;
//!
//! struct Partner;
//! const LAST_NAME: Property<Partner, String> = Property::new("LastName");
//! const BLOCKED: Property<Partner, bool> = Property::new("IsBlocked");
//!
//! let filter = LAST_NAME.eq("O'Neil").and(BLOCKED.eq(false)).or(LAST_NAME.contains("x"));
//! assert_eq!(filter.render(Version::V2), "(LastName eq 'O''Neil' and IsBlocked eq false) or substringof('x',LastName)");
//! assert_eq!(filter.render(Version::V4), "(LastName eq 'O''Neil' and IsBlocked eq false) or contains(LastName,'x')");
//! ```

pub(crate) mod apply;
pub(crate) mod filter;
mod options;
mod select;

pub use apply::{Aggregate, Aggregates, GroupBy};
pub use filter::{Each, Filter, Operand, ValueOf};
pub use options::{encode_pairs, ExpandWith, Expansion, NestedQuery, OrderBy, QueryOptions};
pub use select::{Cardinality, Nullability, RawRow, Selection};

use std::marker::PhantomData;

/// Ties a query type to its entity and value types without owning them (and keeps it
/// `Send`, `Sync` and covariant whatever they are).
type Marker<T> = PhantomData<fn() -> T>;

/// `new`, `name` and `Clone`/`Copy` (whatever the type parameters) for a query
/// constant: an OData name and a type-level marker.
macro_rules! named_constant {
    ($ty:ident<$($p:ident),*>, $new_doc:literal) => {
        impl<$($p),*> $ty<$($p),*> {
            #[doc = $new_doc]
            pub const fn new(name: &'static str) -> Self {
                $ty { name, marker: PhantomData }
            }

            /// The OData name.
            pub const fn name(&self) -> &'static str {
                self.name
            }
        }

        impl<$($p),*> Clone for $ty<$($p),*> {
            fn clone(&self) -> Self {
                *self
            }
        }
        impl<$($p),*> Copy for $ty<$($p),*> {}
    };
}

/// Marks a property that may appear in `$filter`.
#[doc(hidden)]
pub struct Filterable;
/// Marks a property the service does not allow in `$filter`.
#[doc(hidden)]
pub struct NotFilterable;
/// Marks a property that may appear in `$orderby`.
#[doc(hidden)]
pub struct Sortable;
/// Marks a property the service does not allow in `$orderby`.
#[doc(hidden)]
pub struct NotSortable;

/// Implemented by [`Filterable`] only: filter methods require it.
#[diagnostic::on_unimplemented(
    message = "this property cannot be used in $filter: the service marks it not filterable",
    label = "not filterable (sap:filterable=\"false\" or Capabilities.FilterRestrictions)"
)]
#[doc(hidden)]
pub trait CanFilter {}
impl CanFilter for Filterable {}

/// Implemented by [`Sortable`] only: `asc`/`desc` require it.
#[diagnostic::on_unimplemented(
    message = "this property cannot be used in $orderby: the service marks it not sortable",
    label = "not sortable (sap:sortable=\"false\" or Capabilities.SortRestrictions)"
)]
#[doc(hidden)]
pub trait CanSort {}
impl CanSort for Sortable {}

/// Marks a property that always has a value (`Nullable="false"`, and keys).
#[doc(hidden)]
pub struct Required;
/// Marks a property that may be `null`.
#[doc(hidden)]
pub struct Nullable;

/// A structural property of entity type `E` whose values are `T`; `F` and `S` say
/// whether it may be filtered and sorted on, `N` whether it may be `null`
/// ([`Required`] or [`Nullable`]: a `$select` of it reads `T` or `Option<T>`).
pub struct Property<E, T, F = Filterable, S = Sortable, N = Required> {
    name: &'static str,
    marker: Marker<(E, T, F, S, N)>,
}

named_constant!(Property<E, T, F, S, N>, "The property with OData name `name`.");

/// A property of entity type `E` whose value is a collection of `T` (primitive or enum
/// values, `Collection(Edm.String)`); `F` says whether it may be filtered on, with the
/// lambda operators `any` and `all` (OData V4).
pub struct Collection<E, T, F = Filterable> {
    name: &'static str,
    marker: Marker<(E, T, F)>,
}

named_constant!(Collection<E, T, F>, "The collection property with OData name `name`.");

/// A property of entity (or complex) type `E` whose value is a collection of complex type
/// `C` values; `F` says whether it may be filtered on, with `any` and `all` and a
/// condition on `C`'s own constants (OData V4).
pub struct ComplexCollection<E, C, F = Filterable> {
    name: &'static str,
    marker: Marker<(E, C, F)>,
}

named_constant!(ComplexCollection<E, C, F>, "The collection property with OData name `name`.");

/// To one or to many.
#[doc(hidden)]
pub struct One;
/// To many.
#[doc(hidden)]
pub struct Many;

/// A navigation property of entity type `E` to entity type `T` (`C` is [`One`] or [`Many`]).
pub struct Navigation<E, T, C> {
    name: &'static str,
    marker: Marker<(E, T, C)>,
}

named_constant!(Navigation<E, T, C>, "The navigation property with OData name `name`.");

impl<E, T, C> Navigation<E, T, C> {
    /// Expands through this navigation property and on through `next` (a navigation
    /// property of the target type): `to_Item/to_ScheduleLine`.
    pub fn then<U, D>(self, next: Navigation<T, U, D>) -> NavigationPath<E, U, D> {
        NavigationPath { path: format!("{}/{}", self.name, next.name), marker: PhantomData }
    }
}

/// A path of navigation properties from entity type `E` to `T`.
pub struct NavigationPath<E, T, C> {
    path: String,
    marker: Marker<(E, T, C)>,
}

impl<E, T, C> NavigationPath<E, T, C> {
    /// The path, `A/B/C`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Continues the path through `next`.
    pub fn then<U, D>(self, next: Navigation<T, U, D>) -> NavigationPath<E, U, D> {
        NavigationPath { path: format!("{}/{}", self.path, next.name()), marker: PhantomData }
    }
}
