//! The service: name constants (`entity_sets`, `singletons`, `operations`), a marker
//! type per entity set and singleton carrying what the metadata allows on it (`sets`),
//! and `Service`, whose accessors start typed requests.

use super::{docs, ident, lit, sorted, Generator, Item};
use crate::naming::{self, Scope};
use std::collections::BTreeMap;

impl Generator<'_> {
    /// `entity_sets`, `singletons` and `operations` modules of name constants, each only
    /// where the service has something to put in it.
    pub(super) fn constants(&self, out: &mut String) {
        let c = &self.model.container;
        let constant = |doc: &[String], name: &str, value: &str| -> Item {
            let mut code = docs::attrs(doc);
            w!(code, "pub const {name}: &str = {};", lit(value));
            (name.to_owned(), code)
        };
        let mut sets = Scope::snake();
        let set_consts = self.sel.sets.iter().map(|&i| {
            let set = &c.entity_sets[i];
            let name = ident(&sets.claim(&naming::const_name(&set.name)));
            let odata = &set.name;
            let ty = &self.entity_names[&set.entity_type.0];
            let mut flags = Vec::new();
            let caps = &set.capabilities;
            for (ok, word) in
                [(caps.creatable, "creatable"), (caps.updatable, "updatable"), (caps.deletable, "deletable")]
            {
                if !ok {
                    flags.push(format!("not {word}"));
                }
            }
            let mut paragraphs = docs::paragraphs(&set.docs);
            let flags = if flags.is_empty() { String::new() } else { format!(" ({})", flags.join(", ")) };
            paragraphs.push(format!("Entity set `{odata}` of [`{ty}`](super::{ty}){flags}."));
            constant(&paragraphs, &name.to_string(), odata)
        });
        let set_consts = sorted(set_consts);
        let mut singles = Scope::snake();
        let singleton_consts = self.sel.singletons.iter().map(|&i| {
            let s = &c.singletons[i];
            let name = ident(&singles.claim(&naming::const_name(&s.name)));
            let odata = &s.name;
            let ty = &self.entity_names[&s.entity_type.0];
            let mut paragraphs = docs::paragraphs(&s.docs);
            paragraphs.push(format!("Singleton `{odata}` of [`{ty}`](super::{ty})."));
            constant(&paragraphs, &name.to_string(), odata)
        });
        let singleton_consts = sorted(singleton_consts);
        let mut ops = Scope::snake();
        let import_consts = self
            .sel
            .imports
            .iter()
            .map(|&i| {
                let import = &c.imports[i];
                let name = ident(&ops.claim(&naming::const_name(&import.name)));
                let mut paragraphs = docs::paragraphs(&import.docs);
                for id in &import.operations {
                    paragraphs.push(self.operation_summary(id.0, true));
                }
                constant(&paragraphs, &name.to_string(), &import.name)
            })
            .collect::<Vec<_>>();
        let mut bound_names: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for &i in &self.sel.operations {
            if self.model.operations[i].is_bound {
                bound_names.entry(self.model.operations[i].name.to_string()).or_default().push(i);
            }
        }
        let bound_consts = bound_names.iter().map(|(qualified, overloads)| {
            let simple = &self.model.operations[overloads[0]].name.name;
            let name = ident(&ops.claim(&naming::const_name(simple)));
            let mut paragraphs = docs::paragraphs(&self.model.operations[overloads[0]].docs);
            for &i in overloads {
                paragraphs.push(self.operation_summary(i, false));
            }
            constant(&paragraphs, &name.to_string(), qualified)
        });
        let operation_consts = sorted(import_consts.into_iter().chain(bound_consts));
        for (doc, module, items) in [
            ("/// Entity set names (the first URL segment after the service root).\n", "entity_sets", set_consts),
            ("/// Singleton names.\n", "singletons", singleton_consts),
            (
                "/// Operation names: imports (unbound) by their name, bound operations by\n\
                 /// their qualified name, as they appear in URLs.\n",
                "operations",
                operation_consts,
            ),
        ] {
            if !items.is_empty() {
                w!(out, "{doc}pub mod {module} {{");
                items.iter().for_each(|code| out.push_str(code));
                out.push('}');
            }
        }
    }

    /// The `sets` module (a marker type per entity set, with the capabilities the
    /// metadata grants), the parameters structs of operation imports, and `Service`.
    pub(super) fn service(&self, out: &mut String) {
        let rt = &self.rt;
        let c = &self.model.container;
        let mut types = Scope::camel();
        let mut methods = Scope::snake();
        // `Service`'s own methods.
        methods.reserve("new");
        methods.reserve("batch");
        let mut markers = Vec::new();
        let mut accessors = Vec::new();
        for &i in &self.sel.sets {
            let set = &c.entity_sets[i];
            if !self.key_names.contains_key(&set.entity_type.0) {
                continue; // an entity type without a key cannot be addressed
            }
            let marker = ident(&types.claim(&naming::type_name(&set.name))).to_string();
            let entity = &self.entity_names[&set.entity_type.0];
            let odata = &set.name;
            let caps = &set.capabilities;
            let mut capabilities = String::new();
            if let Some(new) = self.new_names.get(&set.entity_type.0).filter(|_| caps.creatable) {
                w!(capabilities, "impl {rt}::request::Creatable for {marker} {{ type New = super::{new}; }}");
            }
            for (ok, capability) in [
                (caps.updatable, "Updatable"),
                (caps.deletable, "Deletable"),
                (caps.searchable, "Searchable"),
                (caps.change_tracking, "ChangeTracking"),
            ] {
                if ok {
                    w!(capabilities, "impl {rt}::request::{capability} for {marker} {{}}");
                }
            }
            let mut paragraphs = docs::paragraphs(&set.docs);
            let can: Vec<&str> = [(caps.creatable, "create"), (caps.updatable, "update"), (caps.deletable, "delete")]
                .into_iter()
                .filter_map(|(ok, word)| ok.then_some(word))
                .collect();
            let can = if can.is_empty() { "read-only".to_owned() } else { format!("read, {}", can.join(", ")) };
            paragraphs.push(format!("Entity set `{odata}` of [`{entity}`](super::{entity}): {can}."));
            if let Some(draft) = &caps.draft {
                let simple =
                    |name: &Option<String>| name.as_deref().map(|n| format!("`{}`", n.rsplit('.').next().unwrap_or(n)));
                let actions: Vec<String> =
                    [&draft.edit, &draft.prepare, &draft.activate].into_iter().filter_map(simple).collect();
                paragraphs.push(format!(
                    "Edited as drafts (`Common.{}`): a create makes a draft (`IsActiveEntity` false) that only its \
                     user sees; the bound actions {} edit, prepare and activate; deleting a draft's key discards it.",
                    if draft.root { "DraftRoot" } else { "DraftNode" },
                    if actions.is_empty() { "of the service".to_owned() } else { actions.join(", ") }
                ));
            }
            markers.push(self.set_marker(&paragraphs, &marker, set.entity_type.0, odata, &capabilities));
            let method = ident(&methods.claim(&naming::accessor_name(&set.name))).to_string();
            let doc = [format!("The entity set `{odata}` of [`{entity}`].")];
            accessors.push(accessor(&doc, &method, &format!("{rt}::request::EntitySetRef"), &marker));
        }
        for &i in &self.sel.singletons {
            let single = &c.singletons[i];
            if !self.key_names.contains_key(&single.entity_type.0) {
                continue;
            }
            let marker = ident(&types.claim(&naming::type_name(&single.name))).to_string();
            let entity = &self.entity_names[&single.entity_type.0];
            let odata = &single.name;
            let mut paragraphs = docs::paragraphs(&single.docs);
            paragraphs.push(format!("Singleton `{odata}` of [`{entity}`](super::{entity}): read, update."));
            let capabilities = format!("impl {rt}::request::Updatable for {marker} {{}}");
            markers.push(self.set_marker(&paragraphs, &marker, single.entity_type.0, odata, &capabilities));
            let method = ident(&methods.claim(&naming::accessor_name(&single.name))).to_string();
            let doc = [format!("The singleton `{odata}` of [`{entity}`].")];
            accessors.push(accessor(&doc, &method, &format!("{rt}::request::SingletonRef"), &marker));
        }
        let mut operations = Vec::new();
        for &i in &self.sel.imports {
            let (method, params) = self.operation_import(i, &mut methods);
            accessors.push(method);
            operations.extend(params);
        }
        out.push_str(
            "/// A marker type per entity set and singleton, carrying what the metadata\n\
             /// allows on it.\n\
             pub mod sets {",
        );
        sorted(markers).iter().for_each(|code| out.push_str(code));
        out.push('}');
        sorted(operations).iter().for_each(|code| out.push_str(code));
        let version = self.version_text();
        let example = self.service_example();
        w!(
            out,
            "/// The service: one accessor per entity set and singleton, and a method per\n\
             /// operation import, each starting typed requests on the client the service\n\
             /// was made with.\n{example}\
             #[derive(::core::clone::Clone, ::core::fmt::Debug)] pub struct Service {{ client: {rt}::Client, }} \
             impl Service {{\n\
             /// The service on `client` (whose service root is this service's URL).\n\
             pub fn new(client: &{rt}::Client) -> Self {{ Service {{ client: ::core::clone::Clone::clone(client) }} }}\n\
             /// A `$batch` of this service's requests: reads, and changesets of\n\
             /// writes applied all or none (see the runtime's `batch` module).\n\
             pub fn batch(&self) -> {rt}::batch::Batch {{ {rt}::batch::Batch::new(&self.client, {version}) }}"
        );
        sorted(accessors).iter().for_each(|code| out.push_str(code));
        out.push('}');
    }

    /// A doc example for `Service`: a client, the service, a page of the first entity
    /// set (not compiled: where the module sits in the user's crate is unknown).
    fn service_example(&self) -> String {
        let c = &self.model.container;
        let first =
            self.sel.sets.iter().map(|&i| &c.entity_sets[i]).find(|s| self.key_names.contains_key(&s.entity_type.0));
        let Some(set) = first else { return String::new() };
        let mut methods = Scope::snake();
        methods.reserve("new");
        methods.reserve("batch");
        let method = methods.claim(&naming::accessor_name(&set.name));
        let entity = &self.entity_names[&set.entity_type.0];
        let rt = self.rt.trim_start_matches("::");
        let mut out = String::new();
        for line in [
            "",
            "```ignore",
            &format!("let client = {rt}::Client::builder(\"https://host/path/to/service/\").build()?;"),
            "let svc = Service::new(&client);",
            &format!("let page = svc.{method}().list().top(10).with_count().send().await?;"),
            &format!("for item in &page.items {{ /* {entity} */ }}"),
            "```",
        ] {
            w!(out, "/// {line}\n");
        }
        out
    }

    /// The marker type of an entity set or singleton, with what the metadata allows.
    fn set_marker(&self, doc: &[String], marker: &str, entity: usize, odata: &str, capabilities: &str) -> Item {
        let rt = &self.rt;
        let mut code = docs::attrs(doc);
        w!(
            code,
            "pub struct {marker}; impl {rt}::request::EntitySet for {marker} {{ type Entity = super::{}; \
             type Patch = super::{}; const NAME: &'static str = {}; const VERSION: {rt}::Version = {}; }}{capabilities}",
            self.entity_names[&entity],
            self.patch_names[&entity],
            lit(odata),
            self.version_text()
        );
        (marker.to_owned(), code)
    }
}

/// The `Service` method starting requests on an entity set or singleton.
fn accessor(doc: &[String], method: &str, reference: &str, marker: &str) -> Item {
    let mut code = docs::attrs(doc);
    w!(
        code,
        "pub fn {method}(&self) -> {reference}<sets::{marker}> {{ {reference}::new(::core::clone::Clone::clone(&self.client)) }}"
    );
    (method.to_owned(), code)
}
