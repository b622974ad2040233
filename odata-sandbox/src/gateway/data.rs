//! The server's data: rows per entity set (and singleton), in the wire form of the
//! service's version, each with an ETag that changes on every write.

use super::values::{self, Cmp};
use odata_edmx::{ComplexTypeId, EntityTypeId, Model, Primitive, TypeRef};
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::sync::Arc;

/// One stored entity.
#[derive(Clone, Debug)]
pub(crate) struct Row {
    pub values: Map<String, Value>,
    pub version: u64,
    /// Media resources by name: `$value` (a media entity's) or a stream property's name,
    /// each `(content type, content)`.
    pub media: HashMap<String, (String, bytes::Bytes)>,
}

impl Row {
    /// `W/"'<version>'"`, in the style of Gateway's weak ETags.
    pub(crate) fn etag(&self) -> String {
        format!("W/\"'{}'\"", self.version)
    }
}

/// The rows of every entity set and singleton. Function handlers read and change it
/// through [`Data::rows`], [`Data::find`], [`Data::find_mut`] and [`Data::insert`].
#[derive(Clone, Debug)]
pub struct Data {
    model: Arc<Model>,
    sets: HashMap<String, Vec<Row>>,
    versions: u64,
    index: KeyIndex,
    /// The keys of deleted rows per set, with the version of the deletion (what a delta
    /// read reports as removed).
    removed: HashMap<String, Vec<Tombstone>>,
}

/// A deleted row's key, with the version of its deletion.
type Tombstone = (u64, Map<String, Value>);

/// Row positions by key per entity set, built on the first lookup after a change to
/// that set (so reading by key is not a scan of every row). A clone starts empty.
#[derive(Debug, Default)]
struct KeyIndex(std::sync::Mutex<HashMap<String, Arc<HashMap<String, usize>>>>);

impl Clone for KeyIndex {
    fn clone(&self) -> Self {
        KeyIndex::default()
    }
}

/// A key's values as one hashable text (numbers by their bits).
fn key_text<'a>(parts: impl Iterator<Item = &'a Cmp>) -> String {
    let mut text = String::new();
    for part in parts {
        match part {
            Cmp::Null => text.push('n'),
            Cmp::Bool(b) => text.push(if *b { 't' } else { 'f' }),
            Cmp::Num(n) => text.push_str(&format!("#{}", n.to_bits())),
            Cmp::Text(t) => {
                text.push('"');
                text.push_str(t);
            }
        }
        text.push('\0');
    }
    text
}

impl Data {
    pub(crate) fn new(model: Arc<Model>) -> Data {
        Data { model, sets: HashMap::new(), versions: 0, index: KeyIndex::default(), removed: HashMap::new() }
    }

    /// The position in `set` of the row with key `key` (every key property, in any order).
    pub(crate) fn row_by_key(&self, set: &str, key: &[(String, Cmp)]) -> Option<usize> {
        let ty = self.entity_type(set)?;
        let names = self.model.key_of(ty);
        let mut wanted = Vec::with_capacity(names.len());
        for name in names {
            wanted.push(&key.iter().find(|(n, _)| n == name)?.1);
        }
        let index = {
            let mut cache = self.index.0.lock().unwrap_or_else(|p| p.into_inner());
            cache
                .entry(set.to_owned())
                .or_insert_with(|| {
                    let mut index = HashMap::new();
                    for (i, row) in self.set(set).iter().enumerate() {
                        // The first row with a key wins, as a scan would find it.
                        index.entry(self.row_key_text(ty, &row.values)).or_insert(i);
                    }
                    Arc::new(index)
                })
                .clone()
        };
        index.get(&key_text(wanted.into_iter())).copied()
    }

    pub(crate) fn next_version(&mut self) -> u64 {
        self.versions += 1;
        self.versions
    }

    /// The version of the last write: a delta token (rows of a higher version changed
    /// after it).
    pub(crate) fn current_version(&self) -> u64 {
        self.versions
    }

    /// Deletes row `position` of `set`, keeping its key as a tombstone.
    pub(crate) fn remove_row(&mut self, set: &str, position: usize) {
        let row = self.set_mut(set).remove(position);
        let keys = self.entity_type(set).map(|ty| self.model.key_of(ty)).unwrap_or_default();
        let key: Map<String, Value> =
            row.values.into_iter().filter(|(name, _)| keys.iter().any(|k| k == name)).collect();
        let version = self.next_version();
        self.removed.entry(set.to_owned()).or_default().push((version, key));
    }

    /// The keys of rows of `set` deleted after version `since`.
    pub(crate) fn removed_since(&self, set: &str, since: u64) -> impl Iterator<Item = &Map<String, Value>> {
        self.removed.get(set).into_iter().flatten().filter(move |(v, _)| *v > since).map(|(_, key)| key)
    }

    pub(crate) fn set(&self, name: &str) -> &[Row] {
        self.sets.get(name).map_or(&[], Vec::as_slice)
    }

    /// Appends a row to `set`, keeping the set's key index (the new key is added; a
    /// duplicate key keeps pointing at the first row, as a scan would find it).
    pub(crate) fn push_row(&mut self, set: &str, row: Row) {
        let key = self.entity_type(set).map(|ty| self.row_key_text(ty, &row.values));
        let rows = self.sets.entry(set.to_owned()).or_default();
        rows.push(row);
        let position = rows.len() - 1;
        let cache = self.index.0.get_mut().unwrap_or_else(|p| p.into_inner());
        match (cache.get_mut(set), key) {
            (Some(index), Some(key)) => {
                Arc::make_mut(index).entry(key).or_insert(position);
            }
            _ => {
                cache.remove(set);
            }
        }
    }

    /// The key index's text for a row of entity type `ty`.
    fn row_key_text(&self, ty: EntityTypeId, values: &Map<String, Value>) -> String {
        let parts: Vec<Cmp> = self.model.key_of(ty).iter().map(|n| self.comparable(ty, values, n)).collect();
        key_text(parts.iter())
    }

    /// Row `position` of `set`, to change anything but its key (the key index stays).
    pub(crate) fn row_keeping_key(&mut self, set: &str, position: usize) -> Option<&mut Row> {
        self.sets.get_mut(set)?.get_mut(position)
    }

    pub(crate) fn set_mut(&mut self, name: &str) -> &mut Vec<Row> {
        self.index.0.get_mut().unwrap_or_else(|p| p.into_inner()).remove(name);
        self.sets.entry(name.to_owned()).or_default()
    }

    /// The entity type of an entity set or singleton, or of the entities a containment
    /// navigation holds (kept in the set `Set/Navigation`).
    pub(crate) fn entity_type(&self, set: &str) -> Option<EntityTypeId> {
        let c = &self.model.container;
        if let Some((parent, navigation)) = set.split_once('/') {
            let parent = self.entity_type(parent)?;
            let nav = self.model.entity_navigation(parent).into_iter().find(|n| n.name == navigation)?;
            return nav.contains_target.then_some(nav.target);
        }
        c.entity_sets
            .iter()
            .find(|s| s.name == set)
            .map(|s| s.entity_type)
            .or_else(|| c.singletons.iter().find(|s| s.name == set).map(|s| s.entity_type))
    }

    /// The primitive type of a property path of an entity type.
    pub(crate) fn primitive(&self, ty: EntityTypeId, path: &str) -> Option<Primitive> {
        let (first, rest) = path.split_once('/').unwrap_or((path, ""));
        let current = self.model.entity_properties(ty).into_iter().find(|p| p.name == first)?.ty.clone();
        self.primitive_below(current, rest)
    }

    /// The primitive type of a property path below complex type `c` (`City`, `Geo/Lat`).
    pub(crate) fn complex_primitive(&self, c: ComplexTypeId, path: &str) -> Option<Primitive> {
        self.primitive_below(TypeRef::Complex(c), path)
    }

    /// The primitive type at `path` (empty: `current` itself) below a value of `current`.
    fn primitive_below(&self, mut current: TypeRef, path: &str) -> Option<Primitive> {
        for part in path.split('/').filter(|p| !p.is_empty()) {
            let TypeRef::Complex(c) = current else { return None };
            current = self.model.complex_properties(c).into_iter().find(|p| p.name == part)?.ty.clone();
        }
        match current {
            TypeRef::Primitive(p) => Some(p),
            TypeRef::Definition(d) => Some(self.model.type_definitions[d.0].underlying.clone()),
            TypeRef::Enum(_) => Some(Primitive::String),
            _ => None,
        }
    }

    /// The element type of a property that is a collection of values.
    pub(crate) fn element_primitive(&self, ty: EntityTypeId, name: &str) -> Option<Primitive> {
        let property = self.model.entity_properties(ty).into_iter().find(|p| p.name == name)?;
        match &property.ty {
            TypeRef::Collection(element) => match element.as_ref() {
                TypeRef::Primitive(p) => Some(p.clone()),
                TypeRef::Definition(d) => Some(self.model.type_definitions[d.0].underlying.clone()),
                TypeRef::Enum(_) => Some(Primitive::String),
                _ => None,
            },
            _ => None,
        }
    }

    /// The element type of a property that is a collection of complex values.
    pub(crate) fn element_complex(&self, ty: EntityTypeId, name: &str) -> Option<ComplexTypeId> {
        let property = self.model.entity_properties(ty).into_iter().find(|p| p.name == name)?;
        match &property.ty {
            TypeRef::Collection(element) => match element.as_ref() {
                TypeRef::Complex(c) => Some(*c),
                _ => None,
            },
            _ => None,
        }
    }

    /// A property path of a complex value, as `$filter` compares it.
    pub(crate) fn complex_comparable(&self, c: ComplexTypeId, value: &Value, path: &str) -> Cmp {
        let found = path.split('/').try_fold(value, |v, part| v.get(part));
        match (self.complex_primitive(c, path), found) {
            (Some(p), Some(v)) => values::comparable(&p, v),
            _ => Cmp::Null,
        }
    }

    /// The values of a collection property of a row, as `$filter` compares them.
    pub(crate) fn elements(&self, ty: EntityTypeId, row: &Map<String, Value>, name: &str) -> Vec<Cmp> {
        let (Some(p), Some(Value::Array(items))) = (self.element_primitive(ty, name), row.get(name)) else {
            return Vec::new();
        };
        items.iter().map(|v| values::comparable(&p, v)).collect()
    }

    /// The key of a row of type `ty`, as [`row_by_key`](Self::row_by_key) looks it up.
    pub(crate) fn key_of_row(&self, ty: EntityTypeId, row: &Map<String, Value>) -> Vec<(String, Cmp)> {
        self.model.key_of(ty).iter().map(|k| (k.clone(), self.comparable(ty, row, k))).collect()
    }

    /// A property path of a row, as `$filter` compares it.
    pub(crate) fn comparable(&self, ty: EntityTypeId, row: &Map<String, Value>, path: &str) -> Cmp {
        let mut value = Some(&Value::Null);
        let mut object = Some(row);
        for part in path.split('/') {
            value = object.and_then(|o| o.get(part));
            object = value.and_then(Value::as_object);
        }
        match (self.primitive(ty, path), value) {
            (Some(p), Some(v)) => values::comparable(&p, v),
            _ => Cmp::Null,
        }
    }

    /// Whether a row has the key `key` (property name and literal value): the key
    /// properties' types are looked up once, not per row.
    pub(crate) fn key_matcher<'a>(
        &'a self,
        ty: EntityTypeId,
        key: &'a [(String, Cmp)],
    ) -> impl Fn(&Map<String, Value>) -> bool + 'a {
        let typed: Vec<_> = key.iter().map(|(name, wanted)| (name, self.primitive(ty, name), wanted)).collect();
        move |row| {
            typed.iter().all(|(name, primitive, wanted)| {
                let found = match (primitive, name.contains('/')) {
                    (Some(p), false) => row.get(name.as_str()).map_or(Cmp::Null, |v| values::comparable(p, v)),
                    _ => self.comparable(ty, row, name),
                };
                found == **wanted
            })
        }
    }

    /// The rows of an entity set (in the service's JSON form).
    pub fn rows(&self, set: &str) -> impl Iterator<Item = &Map<String, Value>> {
        self.set(set).iter().map(|r| &r.values)
    }

    /// The row of `set` whose key properties have these values (plain JSON, compared as
    /// the property's type: `"1000"`, `42`, an ISO date).
    pub fn find(&self, set: &str, key: &[(&str, Value)]) -> Option<&Map<String, Value>> {
        let position = self.position(set, key)?;
        Some(&self.set(set)[position].values)
    }

    /// Like [`Data::find`], to change the row; its ETag changes.
    pub fn find_mut(&mut self, set: &str, key: &[(&str, Value)]) -> Option<&mut Map<String, Value>> {
        let position = self.position(set, key)?;
        let version = self.next_version();
        let row = &mut self.set_mut(set)[position];
        row.version = version;
        Some(&mut row.values)
    }

    /// Adds a row (plain JSON, converted to the service's form).
    pub fn insert(&mut self, set: &str, row: Value) -> Result<(), String> {
        let ty = self.entity_type(set).ok_or_else(|| format!("no entity set `{set}`"))?;
        let values = match values::normalise(&self.model, &TypeRef::Entity(ty), &row)? {
            Value::Object(values) => values,
            _ => return Err(format!("a row of `{set}` must be an object")),
        };
        let version = self.next_version();
        self.push_row(set, Row { values, version, media: HashMap::new() });
        Ok(())
    }

    fn position(&self, set: &str, key: &[(&str, Value)]) -> Option<usize> {
        let ty = self.entity_type(set)?;
        let wanted: Vec<(String, Cmp)> = key
            .iter()
            .map(|(name, value)| {
                let p = self.primitive(ty, name).unwrap_or(Primitive::String);
                let normal =
                    values::normalise(&self.model, &TypeRef::Primitive(p.clone()), value).unwrap_or(Value::Null);
                ((*name).to_owned(), values::comparable(&p, &normal))
            })
            .collect();
        self.row_by_key(set, &wanted)
    }
}
