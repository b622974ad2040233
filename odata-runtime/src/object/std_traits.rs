//! `Debug`, `PartialEq` and `Clone` of generated structs, through their field tables.
//!
//! `#[derive]` writes a call per field for each of these traits, and in a service with
//! tens of thousands of fields type-checking those calls was a third of `cargo check`
//! (BENCHMARKS.md). A generated struct's impls call [`debug_object`], [`eq_objects`] and
//! [`clone_object`] instead, which walk the fields by index: a field of an Edm primitive
//! type through its [`FieldRef`] and [`FieldMut`], any other through
//! [`Object::other`] and [`Object::other_mut`] as an [`OtherField`]. The
//! results are the derives': the same text (`Name { field: value, .. }`, with `{:#?}`
//! too), equality field by field, and a deep clone.

use super::{FieldRef, Object};
use std::any::Any;
use std::fmt;

/// A field that is not an Edm primitive (an enum, a complex value, navigation,
/// metadata), seen through [`Object::other`] and [`Object::other_mut`].
pub trait OtherField: fmt::Debug + Any {
    /// `self == other` when `other` is of the same type; false otherwise.
    fn eq_field(&self, other: &dyn OtherField) -> bool;
    /// Makes `self` a clone of `from` when it is of the same type; false (and nothing
    /// changed) otherwise.
    fn clone_from_field(&mut self, from: &dyn OtherField) -> bool;
}

impl<T: fmt::Debug + PartialEq + Clone + 'static> OtherField for T {
    fn eq_field(&self, other: &dyn OtherField) -> bool {
        (other as &dyn Any).downcast_ref::<T>().is_some_and(|other| self == other)
    }

    fn clone_from_field(&mut self, from: &dyn OtherField) -> bool {
        match (from as &dyn Any).downcast_ref::<T>() {
            Some(from) => {
                self.clone_from(from);
                true
            }
            None => false,
        }
    }
}

/// `Debug` of a generated struct: `Name { field: value, … }` with the Rust names, as
/// `#[derive(Debug)]` prints it.
pub fn debug_object<T: Object>(value: &T, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let mut out = f.debug_struct(T::STRUCT);
    for (i, name) in T::NAMES.iter().enumerate() {
        match value.value(i) {
            FieldRef::Other => out.field(name, value.other(i)),
            known => out.field(name, &known),
        };
    }
    out.finish()
}

/// `PartialEq` of a generated struct: every field equal, as `#[derive(PartialEq)]`
/// compares.
pub fn eq_objects<T: Object>(a: &T, b: &T) -> bool {
    (0..T::KEYS.len()).all(|i| match (a.value(i), b.value(i)) {
        (FieldRef::Other, FieldRef::Other) => a.other(i).eq_field(b.other(i)),
        (x, y) => x == y,
    })
}

/// `Clone` of a generated struct that has a `Default`: from `Default`, each field
/// cloned from `value`'s.
///
/// # Panics
///
/// When the type's table disagrees with itself (field *i* is one variant in
/// [`Object::value`] and another in [`Object::value_mut`]), which is a bug of the
/// generator: every clone of that type panics, so the first test that clones one finds it.
pub fn clone_object<T: Object + Default>(value: &T) -> T {
    let mut out = T::default();
    for i in 0..T::KEYS.len() {
        let cloned = match out.other_mut(i) {
            Some(to) => to.clone_from_field(value.other(i)),
            None => out.value_mut(i).clone_from_ref(value.value(i)),
        };
        assert!(
            cloned,
            "`{}::{}`: the field table of the generated type disagrees with itself",
            T::STRUCT,
            T::NAMES[i]
        );
    }
    out
}
