//! What makes a generated struct JSON: its fields and their codecs, the runtime's
//! `Object` (the field table) and `ReadObject`, serde's `Serialize`/`Deserialize`
//! through them, and the result impls that let operations return the type.
//!
//! A field of an Edm primitive type is named by a variant of the runtime's `FieldMut`/
//! `FieldRef` (`0 => F::OptString(&mut self.name)`), which the runtime reads and writes;
//! the other fields get one codec call each in `read_other`/`write_other`. A struct with
//! no field of a kind gets no function for it.
//!
//! The same tables give the structs `Debug`, `PartialEq` and (every struct with a
//! `Default`) `Clone`: one call each into the runtime instead of a derive's call per
//! field, written by the runtime's `object_impls!` macro. Fields the runtime does not
//! know are handed over as `&dyn OtherField` (`other`, `other_mut`).

use super::{lit, push_lit, Generator};
use odata_edmx::ODataVersion;
use proc_macro2::Ident;

/// How a field's value is read and written in JSON: a codec of the runtime's `object` module.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Codec {
    /// An Edm value in the service's version's form (`EdmV2`/`EdmV4`).
    Edm,
    /// The value's own serde impls (complex types, V4 navigation, metadata).
    Serde,
    /// A V2 collection of complex values.
    ListV2,
    /// A V2 to-one navigation property.
    NavOneV2,
    /// A V2 to-many navigation property.
    NavManyV2,
}

/// One generated struct field.
pub(super) struct Field {
    pub(super) name: Ident,
    /// The JSON name.
    pub(super) odata: String,
    /// The Rust type, as source text.
    pub(super) ty: String,
    /// `#[doc = …]` attributes, as source text.
    pub(super) doc: String,
    pub(super) codec: Codec,
    /// Reading fails when the field is missing (otherwise it keeps its `Default`).
    pub(super) required: bool,
    /// `None` is left out when writing.
    pub(super) skip_none: bool,
}

impl Field {
    /// `pub name: Type,` with its docs.
    pub(super) fn write(&self, out: &mut String) {
        out.push_str(&self.doc);
        w!(out, "pub {}: ", self.name);
        out.push_str(&self.ty);
        out.push(',');
    }
}

impl Generator<'_> {
    /// The codec's type in `odata_runtime::object`.
    pub(super) fn codec_name(&self, codec: Codec) -> &'static str {
        let v2 = self.model.version == ODataVersion::V2;
        match codec {
            Codec::Edm if v2 => "EdmV2",
            Codec::Edm => "EdmV4",
            Codec::Serde => "Serde",
            Codec::ListV2 => "ListV2",
            Codec::NavOneV2 => "NavOneV2",
            Codec::NavManyV2 => "NavManyV2",
        }
    }

    /// `use odata_runtime::__private::{…};` of the codecs `fields` need.
    pub(super) fn codec_imports(&self, out: &mut String, fields: &[&Field]) {
        let mut codecs: Vec<Codec> = fields.iter().map(|f| f.codec).collect();
        codecs.sort();
        codecs.dedup();
        let names: Vec<&str> = codecs.into_iter().map(|c| self.codec_name(c)).collect();
        w!(out, "use {}::__private::{{{}}};", self.rt, names.join(", "));
    }

    /// The `FieldMut`/`FieldRef` variant of a field that holds an Edm primitive, an
    /// `Option` or a collection of one, or (patches) an `Option` of those: `(shape,
    /// primitive)` such as `("Opt", "Date")`; a type definition counts as its
    /// underlying primitive (the Rust type is an alias of it). `None` for every other
    /// field: the struct reads and writes those itself (`read_other`, `write_other`).
    fn variant(&self, f: &Field) -> Option<(&'static str, &'static str)> {
        if f.codec != Codec::Edm {
            return None;
        }
        fn wrapped<'a>(ty: &'a str, outer: &str) -> Option<&'a str> {
            ty.strip_prefix(outer).and_then(|t| t.strip_suffix('>'))
        }
        let (shape, item) = if let Some(inner) = wrapped(&f.ty, OPTION) {
            if let Some(item) = wrapped(inner, OPTION) {
                ("OptOpt", item)
            } else if let Some(item) = wrapped(inner, VEC) {
                ("OptVec", item)
            } else {
                ("Opt", inner)
            }
        } else if let Some(item) = wrapped(&f.ty, VEC) {
            ("Vec", item)
        } else {
            ("", f.ty.as_str())
        };
        let item = self.definition_primitives.get(item).map_or(item, String::as_str);
        let primitive = match item {
            "::std::string::String" => "String",
            "bool" => "Bool",
            "u8" => "U8",
            "i8" => "I8",
            "i16" => "I16",
            "i32" => "I32",
            "i64" => "I64",
            "f32" => "F32",
            "f64" => "F64",
            _ => {
                let edm = item.strip_prefix(self.rt.as_str())?.strip_prefix("::edm::")?;
                EDM_VARIANTS.iter().copied().find(|v| *v == edm)?
            }
        };
        Some((shape, primitive))
    }

    /// `Object`, `Serialize`, `Debug`, `PartialEq` and `Clone` of a generated struct:
    /// its field table (JSON names, Rust names, one `match` naming each primitive field's
    /// `FieldRef`, one its `FieldMut`, and the other fields' arms) and one runtime call
    /// per trait (`object_impls!`). `Clone` reads the table when the struct has a
    /// `Default` (`clone`); otherwise the caller derives it.
    ///
    /// Returns each field's `FieldMut`/`FieldRef` variant (`None`: an other field).
    pub(super) fn object_impl(
        &self,
        out: &mut String,
        name: &str,
        fields: &[Field],
        clone: bool,
    ) -> Vec<Option<(&'static str, &'static str)>> {
        let rt = &self.rt;
        // A `None` in a `FieldRef` is left out or written as null for the whole struct;
        // a field that wants the other rule is written by `write_other` (and is an
        // `other` field for printing, comparing and cloning too).
        let variants: Vec<Option<(&'static str, &'static str)>> = fields.iter().map(|f| self.variant(f)).collect();
        let omit_none = fields
            .iter()
            .zip(&variants)
            .find(|(_, v)| v.is_some_and(|(shape, _)| shape.starts_with("Opt")))
            .is_some_and(|(f, _)| f.skip_none);
        let mut known = Vec::new();
        let mut others = Vec::new();
        for (i, (f, variant)) in fields.iter().zip(&variants).enumerate() {
            match *variant {
                Some((shape, _)) if shape.starts_with("Opt") && f.skip_none != omit_none => others.push((i, f)),
                Some(variant) => known.push((i, f, variant)),
                None => others.push((i, f)),
            }
        }
        w!(out, "impl {rt}::__private::Object for {name} {{ const KEYS: &'static [&'static str] = ");
        write_names(out, fields.iter().map(|f| f.odata.as_str()));
        w!(
            out,
            "; const OMIT_NONE: bool = {omit_none}; const VERSION: {rt}::Version = {}; const STRUCT: &'static str = ",
            self.version_text()
        );
        push_lit(out, name);
        out.push_str("; const NAMES: &'static [&'static str] = &[");
        for (i, f) in fields.iter().enumerate() {
            // A Rust identifier needs no escaping; a raw one is printed without `r#`.
            let start = out.len() + usize::from(i > 0) * 2 + 1;
            w!(out, "{}\"{}\"", if i > 0 { ", " } else { "" }, f.name);
            if out[start..].starts_with("r#") {
                out.replace_range(start..start + 2, "");
            }
        }
        out.push_str("];");
        if !known.is_empty() {
            w!(
                out,
                "fn value(&self, field: usize) -> {rt}::__private::FieldRef<'_> {{ \
                 use {rt}::__private::FieldRef as F; match field {{"
            );
            for (i, f, (shape, primitive)) in &known {
                w!(out, "{i} => F::{shape}{primitive}(&self.{}),", f.name);
            }
            out.push_str("_ => F::Other, } }");
        }
        // Reading goes through `value_mut` for every primitive field, also those
        // written by `write_other`.
        let mut any_mut = false;
        for (i, (f, variant)) in fields.iter().zip(&variants).enumerate() {
            if let Some((shape, primitive)) = variant {
                if !any_mut {
                    w!(
                        out,
                        "fn value_mut(&mut self, field: usize) -> {rt}::__private::FieldMut<'_> {{ \
                         use {rt}::__private::FieldMut as F; match field {{"
                    );
                    any_mut = true;
                }
                w!(out, "{i} => F::{shape}{primitive}(&mut self.{}),", f.name);
            }
        }
        if any_mut {
            out.push_str("_ => F::Other, } }");
        }
        if !others.is_empty() {
            w!(
                out,
                "fn write_other<M: {rt}::serde::ser::SerializeMap>(&self, field: usize, key: &'static str, map: &mut M) \
                 -> ::core::result::Result<(), M::Error> {{"
            );
            self.codec_imports(out, &others.iter().map(|(_, f)| *f).collect::<Vec<_>>());
            out.push_str("match field {");
            for (i, f) in &others {
                let method = if f.skip_none { "write_some" } else { "write" };
                w!(out, "{i} => {}::{method}(map, key, &self.{}),", self.codec_name(f.codec), f.name);
            }
            out.push_str("_ => ::core::result::Result::Ok(()), } }");
            w!(out, "fn other(&self, field: usize) -> &dyn {rt}::__private::OtherField {{ match field {{");
            for (i, f) in &others {
                w!(out, "{i} => &self.{},", f.name);
            }
            w!(
                out,
                "_ => &(), }} }} \
                 fn other_mut(&mut self, field: usize) -> ::core::option::Option<&mut dyn {rt}::__private::OtherField> {{ \
                 match field {{"
            );
            for (i, f) in &others {
                w!(out, "{i} => ::core::option::Option::Some(&mut self.{}),", f.name);
            }
            out.push_str("_ => ::core::option::Option::None, } }");
        }
        // `Serialize`, `Debug`, `PartialEq` (and `Clone`): a runtime macro writes the
        // three or four one-line impls, a tenth of the text.
        let clone = if clone { ", clone" } else { "" };
        w!(out, "}} {rt}::__private::object_impls!({name}{clone});");
        variants
    }

    /// `ReadObject`, `Deserialize` and everything of [`object_impl`](Self::object_impl)
    /// for an entity or complex type. The callers put `__metadata` and instance
    /// annotations first, where servers send them (and V4 wants control information).
    pub(super) fn object_impls(&self, out: &mut String, name: &str, qualified: &str, fields: &[Field]) {
        let rt = &self.rt;
        let variants = self.object_impl(out, name, fields, true);
        w!(out, "impl {rt}::__private::ReadObject for {name} {{ const NAME: &'static str = {};", lit(qualified));
        out.push_str("const REQUIRED: &'static [usize] = &[");
        let mut sep = "";
        for (i, f) in fields.iter().enumerate() {
            if f.required {
                w!(out, "{sep}{i}");
                sep = ", ";
            }
        }
        out.push_str("];");
        let others: Vec<(usize, &Field)> =
            fields.iter().enumerate().zip(&variants).filter(|(_, v)| v.is_none()).map(|(f, _)| f).collect();
        if !others.is_empty() {
            w!(
                out,
                "#[inline] fn read_other<'de, A: {rt}::serde::de::MapAccess<'de>>(&mut self, field: usize, map: &mut A) \
                 -> ::core::result::Result<(), A::Error> {{"
            );
            self.codec_imports(out, &others.iter().map(|(_, f)| *f).collect::<Vec<_>>());
            out.push_str("match field {");
            for (i, f) in &others {
                w!(out, "{i} => {}::read_into(map, &mut self.{}),", self.codec_name(f.codec), f.name);
            }
            w!(out, "_ => {rt}::__private::skip(map), }} }}");
        }
        w!(
            out,
            "}} impl<'de> {rt}::serde::Deserialize<'de> for {name} {{ \
             fn deserialize<D: {rt}::serde::Deserializer<'de>>(d: D) -> ::core::result::Result<Self, D::Error> {{ \
             {rt}::__private::deserialize(d) }} }}"
        );
    }

    /// `OperationResult` for a generated type: operations can return it. `kind` is
    /// `object` (entity and complex types) or `value` (enums).
    pub(super) fn object_result_impl(&self, out: &mut String, name: &str, kind: &str) {
        let rt = &self.rt;
        w!(
            out,
            "impl {rt}::__private::OperationResult for {name} {{ \
             fn decode(v: {rt}::Version, op: &str, body: &[u8]) -> ::core::result::Result<Self, {rt}::__private::DecodeError> {{ \
             {rt}::__private::decode_{kind}(v, op, body) }} \
             fn decode_many(v: {rt}::Version, op: &str, body: &[u8]) -> \
             ::core::result::Result<::std::vec::Vec<Self>, {rt}::__private::DecodeError> {{ \
             {rt}::__private::decode_{kind}s(v, op, body) }} }}"
        );
    }
}

const OPTION: &str = "::core::option::Option<";
const VEC: &str = "::std::vec::Vec<";

/// The `odata_runtime::edm` types with `FieldMut`/`FieldRef` variants of the same name.
const EDM_VARIANTS: [&str; 9] =
    ["Decimal", "Guid", "Binary", "DateTime", "DateTimeOffset", "Date", "TimeOfDay", "Duration", "RawJson"];

/// `&["a", "b"]`.
fn write_names<'a>(out: &mut String, names: impl Iterator<Item = &'a str>) {
    out.push_str("&[");
    for (i, n) in names.enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        push_lit(out, n);
    }
    out.push(']');
}

/// `#[derive(Default)] pub struct name { fields }` of an entity, complex, `Patch` or
/// parameter struct. `Debug`, `PartialEq` and `Clone` come from the field table
/// ([`Generator::object_impl`]).
pub(super) fn write_value_struct(out: &mut String, name: &str, fields: &[Field]) {
    w!(out, "#[derive(::core::default::Default)] pub struct {name} {{");
    for f in fields {
        f.write(out);
    }
    out.push('}');
}
