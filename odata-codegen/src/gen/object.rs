//! What makes a generated struct JSON: its fields and their codecs, `ReadObject`,
//! `WriteObject`, serde's `Serialize`/`Deserialize` through them, and the result impls
//! that let operations return the type.

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
    pub(super) fn codec_imports(&self, out: &mut String, fields: &[Field]) {
        let mut codecs: Vec<Codec> = fields.iter().map(|f| f.codec).collect();
        codecs.sort();
        codecs.dedup();
        let names: Vec<&str> = codecs.into_iter().map(|c| self.codec_name(c)).collect();
        w!(out, "use {}::__private::{{{}}};", self.rt, names.join(", "));
    }

    /// `WriteObject` and `Serialize`: one `match` arm per field.
    pub(super) fn write_object_impl(&self, out: &mut String, name: &str, fields: &[Field]) {
        let rt = &self.rt;
        w!(
            out,
            "impl {rt}::__private::WriteObject for {name} {{ const WRITTEN: usize = {}; \
             fn write_field<M: {rt}::serde::ser::SerializeMap>(&self, field: usize, map: &mut M) \
             -> ::core::result::Result<(), M::Error> {{",
            fields.len()
        );
        self.codec_imports(out, fields);
        out.push_str("match field {");
        for (i, f) in fields.iter().enumerate() {
            let method = if f.skip_none { "write_some" } else { "write" };
            w!(out, "{i} => {}::{method}(map, ", self.codec_name(f.codec));
            push_lit(out, &f.odata);
            w!(out, ", &self.{}),", f.name);
        }
        w!(
            out,
            "_ => ::core::result::Result::Ok(()), }} }} }} impl {rt}::serde::Serialize for {name} {{ \
             fn serialize<S: {rt}::serde::Serializer>(&self, s: S) -> ::core::result::Result<S::Ok, S::Error> {{ \
             {rt}::__private::serialize(self, s) }} }}"
        );
    }

    /// `ReadObject`, `WriteObject`, `Deserialize` and `Serialize` of an entity or
    /// complex type. Fields are looked up in the order servers send them: `__metadata`
    /// and instance annotations first, then properties and navigation in metadata order.
    pub(super) fn object_impls(&self, out: &mut String, name: &str, qualified: &str, fields: &[Field]) {
        let rt = &self.rt;
        let first = |f: &&Field| f.odata.starts_with("__") || f.odata.starts_with('@');
        let mut order: Vec<&Field> = fields.iter().filter(first).collect();
        order.extend(fields.iter().filter(|f| !first(f)));
        w!(
            out,
            "impl {rt}::__private::ReadObject for {name} {{ const NAME: &'static str = {}; \
             const FIELDS: &'static [&'static str] = &[",
            lit(qualified)
        );
        for (i, f) in order.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            push_lit(out, &f.odata);
        }
        out.push_str("]; const REQUIRED: &'static [usize] = &[");
        let mut sep = "";
        for (i, f) in order.iter().enumerate() {
            if f.required {
                w!(out, "{sep}{i}");
                sep = ", ";
            }
        }
        w!(
            out,
            "]; #[inline] fn read_field<'de, A: {rt}::serde::de::MapAccess<'de>>(&mut self, field: usize, map: &mut A) \
             -> ::core::result::Result<(), A::Error> {{"
        );
        self.codec_imports(out, fields);
        out.push_str("match field {");
        for (i, f) in order.iter().enumerate() {
            w!(out, "{i} => {}::read_into(map, &mut self.{}),", self.codec_name(f.codec), f.name);
        }
        w!(
            out,
            "_ => {rt}::__private::skip(map), }} }} }} \
             impl<'de> {rt}::serde::Deserialize<'de> for {name} {{ \
             fn deserialize<D: {rt}::serde::Deserializer<'de>>(d: D) -> ::core::result::Result<Self, D::Error> {{ \
             {rt}::__private::deserialize(d) }} }}"
        );
        self.write_object_impl(out, name, fields);
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

/// The derives of generated value structs (entity, complex and `Patch` types).
const DERIVE_VALUE: &str =
    "#[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::default::Default, ::core::cmp::PartialEq)]";

/// `#[derive(…)] pub struct name { fields }` of an entity, complex or `Patch` type.
pub(super) fn write_value_struct(out: &mut String, name: &str, fields: &[Field]) {
    w!(out, "{DERIVE_VALUE}pub struct {name} {{");
    for f in fields {
        f.write(out);
    }
    out.push('}');
}
