//! Vocabulary annotations (`<Annotation Term=…>`, inline or in `<Annotations Target=…>`),
//! reduced to the values the model uses: descriptions, labels and capabilities.

use crate::model::{Capabilities, Docs, PropertyAnnotations};
use crate::xml::Element;
use std::collections::HashMap;

pub(crate) const CORE: &str = "Org.OData.Core.V1";
pub(crate) const CAPABILITIES: &str = "Org.OData.Capabilities.V1";
pub(crate) const COMMON: &str = "com.sap.vocabularies.Common.v1";
pub(crate) const MEASURES: &str = "Org.OData.Measures.V1";

/// Deepest nesting of records and collections read inside one annotation.
const MAX_VALUE_DEPTH: usize = 32;

/// An annotation value, as far as the model needs it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Value {
    Str(String),
    Bool(bool),
    Path(String),
    Record(Vec<(String, Value)>),
    Collection(Vec<Value>),
    Other,
}

impl Value {
    fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    fn as_text(&self) -> Option<&str> {
        match self {
            Value::Str(s) | Value::Path(s) => Some(s),
            _ => None,
        }
    }

    fn field(&self, name: &str) -> Option<&Value> {
        match self {
            Value::Record(fields) => fields.iter().find(|(n, _)| n == name).map(|(_, v)| v),
            _ => None,
        }
    }

    fn paths(&self) -> Vec<String> {
        match self {
            Value::Collection(items) => items.iter().filter_map(|v| v.as_text().map(str::to_owned)).collect(),
            _ => Vec::new(),
        }
    }
}

/// One annotation: its term with the vocabulary namespace (never the alias).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Annotation {
    pub namespace: String,
    pub term: String,
    pub value: Value,
}

/// Resolves vocabulary aliases (`Core` → `Org.OData.Core.V1`).
pub(crate) struct Vocabularies {
    pub aliases: HashMap<String, String>,
}

impl Vocabularies {
    fn namespace_of<'a>(&'a self, prefix: &'a str) -> &'a str {
        if let Some(ns) = self.aliases.get(prefix) {
            return ns;
        }
        // Conventional aliases, for documents that use them without a Reference.
        match prefix {
            "Core" => CORE,
            "Capabilities" => CAPABILITIES,
            "Common" => COMMON,
            "Measures" => MEASURES,
            other => other,
        }
    }

    /// Reads an `<Annotation>` element; `None` when it has no usable term.
    pub fn read(&self, element: &Element) -> Option<Annotation> {
        let term = element.attr("Term")?;
        let (prefix, name) = term.rsplit_once('.')?;
        let value = read_value(element, 0);
        Some(Annotation { namespace: self.namespace_of(prefix).to_owned(), term: name.to_owned(), value })
    }

    /// The inline annotations of `element` (its `<Annotation>` children).
    pub fn inline(&self, element: &Element) -> Vec<Annotation> {
        element.children_named("Annotation").filter_map(|a| self.read(a)).collect()
    }
}

fn read_value(element: &Element, depth: usize) -> Value {
    if depth > MAX_VALUE_DEPTH {
        return Value::Other;
    }
    for (attr, make) in [
        ("String", Value::Str as fn(String) -> Value),
        ("Path", Value::Path),
        ("PropertyPath", Value::Path),
        ("NavigationPropertyPath", Value::Path),
        ("EnumMember", Value::Str),
    ] {
        if let Some(v) = element.attr(attr) {
            return make(v.to_owned());
        }
    }
    if let Some(b) = element.attr("Bool") {
        return Value::Bool(b == "true");
    }
    if ["Int", "Decimal", "Float", "Date", "DateTimeOffset", "Guid", "AnnotationPath"]
        .iter()
        .any(|a| element.attr(a).is_some())
    {
        return Value::Other;
    }
    match element.children.iter().find(|c| c.name != "Annotation") {
        Some(child) => read_expression(child, depth + 1),
        // An annotation without a value means `true` for Boolean terms (Core.Computed).
        None if element.name == "Annotation" => Value::Bool(true),
        None => Value::Other,
    }
}

fn read_expression(element: &Element, depth: usize) -> Value {
    if depth > MAX_VALUE_DEPTH {
        return Value::Other;
    }
    match &*element.name {
        "String" | "EnumMember" => Value::Str(element.text.clone()),
        "Bool" => Value::Bool(element.text.trim() == "true"),
        "Path" | "PropertyPath" | "NavigationPropertyPath" => Value::Path(element.text.trim().to_owned()),
        "Record" => Value::Record(
            element
                .children_named("PropertyValue")
                .filter_map(|pv| Some((pv.attr("Property")?.to_owned(), read_value(pv, depth + 1))))
                .collect(),
        ),
        "Collection" => Value::Collection(element.children.iter().map(|c| read_expression(c, depth + 1)).collect()),
        _ => Value::Other,
    }
}

/// Applies documentation terms to `docs` (values already there are kept).
pub(crate) fn apply_docs(docs: &mut Docs, annotations: &[Annotation]) {
    for a in annotations {
        let text = a.value.as_text().map(str::to_owned);
        let slot = match (a.namespace.as_str(), a.term.as_str()) {
            (CORE, "Description") => &mut docs.description,
            (CORE, "LongDescription") => &mut docs.long_description,
            (COMMON, "Label") => &mut docs.label,
            (COMMON, "Heading") => &mut docs.heading,
            (COMMON, "QuickInfo") => &mut docs.quickinfo,
            _ => continue,
        };
        if slot.is_none() {
            *slot = text;
        }
    }
}

/// Applies `Core.Computed`, `Core.ComputedDefaultValue`, `Core.Immutable`,
/// `Common.FieldControl` and unit terms to a property.
pub(crate) fn apply_property(props: &mut PropertyAnnotations, annotations: &[Annotation]) {
    for a in annotations {
        match (a.namespace.as_str(), a.term.as_str()) {
            (CORE, "Computed") if a.value.as_bool() != Some(false) => {
                props.computed = true;
                props.creatable = Some(false);
                props.updatable = Some(false);
            }
            (CORE, "ComputedDefaultValue") if a.value.as_bool() != Some(false) => props.computed_default = true,
            (COMMON, "FieldControl") => {
                // A static `EnumMember` (`Common.FieldControlType/Mandatory`, under any alias).
                if let Value::Str(member) = &a.value {
                    props.mandatory = member.split_whitespace().any(|m| m.ends_with("FieldControlType/Mandatory"));
                }
            }
            (CORE, "Immutable") if a.value.as_bool() != Some(false) => props.updatable = Some(false),
            (MEASURES, "ISOCurrency" | "Unit") if props.unit.is_none() => {
                props.unit = a.value.as_text().map(str::to_owned);
            }
            _ => {}
        }
    }
}

/// Applies `Capabilities` terms, and `Common.DraftRoot`/`DraftNode`, to an entity set.
pub(crate) fn apply_capabilities(caps: &mut Capabilities, annotations: &[Annotation]) {
    for a in annotations.iter().filter(|a| a.namespace == COMMON) {
        let root = match a.term.as_str() {
            "DraftRoot" => true,
            "DraftNode" => false,
            _ => continue,
        };
        let action = |field: &str| a.value.field(field).and_then(Value::as_text).map(str::to_owned);
        caps.draft = Some(crate::model::Draft {
            root,
            activate: action("ActivationAction"),
            edit: action("EditAction"),
            prepare: action("PreparationAction"),
        });
    }
    for a in annotations.iter().filter(|a| a.namespace == CAPABILITIES) {
        let v = &a.value;
        let flag = |field: &str| v.field(field).and_then(Value::as_bool);
        match a.term.as_str() {
            "InsertRestrictions" => {
                caps.creatable = flag("Insertable").unwrap_or(caps.creatable);
                if let Some(paths) = v.field("NonInsertableNavigationProperties") {
                    caps.non_insertable_navigation.extend(paths.paths());
                }
            }
            "UpdateRestrictions" => caps.updatable = flag("Updatable").unwrap_or(caps.updatable),
            "DeleteRestrictions" => caps.deletable = flag("Deletable").unwrap_or(caps.deletable),
            "CountRestrictions" => caps.countable = flag("Countable").unwrap_or(caps.countable),
            "SearchRestrictions" => caps.searchable = flag("Searchable").unwrap_or(caps.searchable),
            // `Supported` defaults to true in the vocabulary.
            "ChangeTracking" => caps.change_tracking = flag("Supported").unwrap_or(true),
            "TopSupported" | "SkipSupported" if v.as_bool() == Some(false) => caps.pageable = false,
            "FilterRestrictions" => {
                caps.requires_filter = flag("RequiresFilter").unwrap_or(caps.requires_filter);
                if let Some(paths) = v.field("NonFilterableProperties") {
                    caps.non_filterable.extend(paths.paths());
                }
            }
            "SortRestrictions" => {
                if let Some(paths) = v.field("NonSortableProperties") {
                    caps.non_sortable.extend(paths.paths());
                }
            }
            _ => {}
        }
    }
}

/// Whether `Capabilities.FilterRestrictions/Filterable` or `SortRestrictions/Sortable`
/// switch filtering or sorting off for the whole set: `(filterable, sortable)`.
pub(crate) fn set_wide_flags(annotations: &[Annotation]) -> (bool, bool) {
    let mut filterable = true;
    let mut sortable = true;
    for a in annotations.iter().filter(|a| a.namespace == CAPABILITIES) {
        match a.term.as_str() {
            "FilterRestrictions" => filterable &= a.value.field("Filterable").and_then(Value::as_bool).unwrap_or(true),
            "SortRestrictions" => sortable &= a.value.field("Sortable").and_then(Value::as_bool).unwrap_or(true),
            _ => {}
        }
    }
    (filterable, sortable)
}
