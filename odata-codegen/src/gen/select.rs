//! Which parts of a model to generate: everything, or the named entity sets, singletons
//! and operations together with every type they need.

use odata_edmx::{Model, TypeRef};
use std::collections::BTreeSet;

/// The parts of a model that are generated.
#[derive(Debug, Default)]
pub struct Selection {
    pub entities: BTreeSet<usize>,
    pub complex: BTreeSet<usize>,
    pub enums: BTreeSet<usize>,
    pub definitions: BTreeSet<usize>,
    pub sets: Vec<usize>,
    pub singletons: Vec<usize>,
    pub imports: Vec<usize>,
    pub operations: BTreeSet<usize>,
}

impl Selection {
    /// How many items the module would have: types, their properties and navigation
    /// properties, operations, entity sets, singletons and imports.
    pub fn item_count(&self, model: &Model) -> usize {
        let entities: usize = self
            .entities
            .iter()
            .map(|&i| 1 + model.entity_types[i].properties.len() + model.entity_types[i].navigation.len())
            .sum();
        let complex: usize = self.complex.iter().map(|&i| 1 + model.complex_types[i].properties.len()).sum();
        entities
            + complex
            + self.enums.len()
            + self.definitions.len()
            + self.operations.len()
            + self.sets.len()
            + self.singletons.len()
            + self.imports.len()
    }

    /// Everything in the model.
    pub fn all(model: &Model) -> Self {
        Selection {
            entities: (0..model.entity_types.len()).collect(),
            complex: (0..model.complex_types.len()).collect(),
            enums: (0..model.enum_types.len()).collect(),
            definitions: (0..model.type_definitions.len()).collect(),
            sets: (0..model.container.entity_sets.len()).collect(),
            singletons: (0..model.container.singletons.len()).collect(),
            imports: (0..model.container.imports.len()).collect(),
            operations: (0..model.operations.len()).collect(),
        }
    }

    /// The named entity sets, singletons, operation imports and operations, with every
    /// type they need. Names that match nothing are returned as the error.
    pub fn only(model: &Model, names: &[String]) -> Result<Self, Vec<String>> {
        let mut s = Selection::default();
        let mut unknown = Vec::new();
        let c = &model.container;
        for name in names {
            let mut found = false;
            if let Some(i) = c.entity_sets.iter().position(|x| &x.name == name) {
                s.sets.push(i);
                found = true;
            }
            if let Some(i) = c.singletons.iter().position(|x| &x.name == name) {
                s.singletons.push(i);
                found = true;
            }
            if let Some(i) = c.imports.iter().position(|x| &x.name == name) {
                s.imports.push(i);
                s.operations.extend(c.imports[i].operations.iter().map(|o| o.0));
                found = true;
            }
            for (i, op) in model.operations.iter().enumerate() {
                if op.is_bound && &op.name.name == name {
                    s.operations.insert(i);
                    found = true;
                }
            }
            if !found {
                unknown.push(name.clone());
            }
        }
        if !unknown.is_empty() {
            return Err(unknown);
        }
        s.sets.sort_unstable();
        s.sets.dedup();
        s.singletons.sort_unstable();
        s.singletons.dedup();
        s.imports.sort_unstable();
        s.imports.dedup();

        let mut work: Vec<TypeRef> = Vec::new();
        for &i in &s.sets {
            work.push(TypeRef::Entity(c.entity_sets[i].entity_type));
        }
        for &i in &s.singletons {
            work.push(TypeRef::Entity(c.singletons[i].entity_type));
        }
        for &i in &s.operations {
            let op = &model.operations[i];
            work.extend(op.parameters.iter().map(|p| p.ty.clone()));
            work.extend(op.return_type.iter().map(|r| r.ty.clone()));
        }
        while let Some(ty) = work.pop() {
            match ty.item() {
                TypeRef::Entity(id) => {
                    if s.entities.insert(id.0) {
                        let t = model.entity(*id);
                        work.extend(t.base_type.map(TypeRef::Entity));
                        work.extend(t.properties.iter().map(|p| p.ty.clone()));
                    }
                }
                TypeRef::Complex(id) => {
                    if s.complex.insert(id.0) {
                        let t = model.complex(*id);
                        work.extend(t.base_type.map(TypeRef::Complex));
                        work.extend(t.properties.iter().map(|p| p.ty.clone()));
                    }
                }
                TypeRef::Enum(id) => {
                    s.enums.insert(id.0);
                }
                TypeRef::Definition(id) => {
                    s.definitions.insert(id.0);
                }
                TypeRef::Primitive(_) | TypeRef::Collection(_) => {}
            }
        }
        Ok(s)
    }

    /// The names a user may pass to `only`, sorted.
    pub fn available_names(model: &Model) -> Vec<String> {
        let c = &model.container;
        let mut names: BTreeSet<String> = c.entity_sets.iter().map(|s| s.name.clone()).collect();
        names.extend(c.singletons.iter().map(|s| s.name.clone()));
        names.extend(c.imports.iter().map(|s| s.name.clone()));
        names.extend(model.operations.iter().filter(|o| o.is_bound).map(|o| o.name.name.clone()));
        names.into_iter().collect()
    }
}
