//! Complex types (structs, like entity types without keys) and type definitions (type
//! aliases of their underlying primitive).

use super::object::write_value_struct;
use super::{docs, ident, Generator};
use crate::naming::Scope;
use odata_edmx::ComplexTypeId;

impl Generator<'_> {
    pub(super) fn complex(&self, i: usize) -> (String, String) {
        let id = ComplexTypeId(i);
        let t = self.model.complex(id);
        let name = &self.complex_names[&i];
        let mut scope = Scope::snake();
        let mut fields = Vec::new();
        // Query constants only where a condition can use them: inside `any`/`all` over a
        // collection of this type.
        let queried = self.element_complex.contains(&i);
        let (mut consts, mut query_consts) = (Scope::snake(), String::new());
        for p in self.model.complex_properties(id) {
            let fname = ident(&scope.claim(&self.field_name(&p.name)));
            if queried {
                self.property_const(&mut query_consts, name, &[], p, &fname, false, &mut consts);
            }
            fields.push(self.property_field(p, fname, false, self.needs_box(Some(id), p)));
        }
        for c in self.model.complex_chain(id) {
            for n in &self.model.complex(c).navigation {
                if self.entity_names.contains_key(&n.target.0) {
                    let fname = ident(&scope.claim(&self.field_name(&n.name)));
                    fields.extend(self.navigation_field(n, fname));
                }
            }
        }
        let mut paragraphs = docs::paragraphs(&t.docs);
        let mut facts = format!("Complex type `{}`", t.name);
        if let Some(base) = t.base_type {
            facts.push_str(&format!(", derived from `{}`", self.model.complex(base).name));
        }
        paragraphs.push(format!("{facts}."));
        let name_text = name.to_string();
        let mut code = docs::attrs(&paragraphs);
        write_value_struct(&mut code, &name_text, &fields);
        self.object_impls(&mut code, &name_text, &t.name.to_string(), &fields);
        self.object_result_impl(&mut code, &name_text, "object");
        if queried {
            let rt = &self.rt;
            w!(code, "#[doc = \" Properties, for conditions inside `any`/`all`.\"] impl {name} {{{query_consts}}}");
            w!(code, "impl {rt}::__private::Lambdas for {name} {{}}");
        }
        (name_text, code)
    }

    pub(super) fn definition(&self, i: usize) -> (String, String) {
        let d = &self.model.type_definitions[i];
        let name = &self.definition_names[&i];
        let ty = self.primitive_text(&d.underlying);
        let mut paragraphs = docs::paragraphs(&d.docs);
        let mut facts = vec![format!("Type definition `{}`: `{}`", d.name, d.underlying.edm_name())];
        facts.extend(docs::facets(&d.facets));
        paragraphs.push(format!("{}.", facts.join(", ")));
        let mut code = docs::attrs(&paragraphs);
        w!(code, "pub type {name} = {ty};");
        (name.to_string(), code)
    }
}
