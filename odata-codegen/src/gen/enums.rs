//! Enum types: a Rust enum per OData enum, or a flags type where `IsFlags` says so, with
//! their JSON and URL literal forms delegated to the runtime.

use super::{docs, ident, lit, Generator};
use crate::naming::{self, Scope};
use proc_macro2::Ident;

impl Generator<'_> {
    pub(super) fn enum_type(&self, i: usize) -> (String, String) {
        let e = &self.model.enum_types[i];
        let name = &self.enum_names[&i];
        let rt = &self.rt;
        let qualified = lit(&e.name.to_string());
        let mut paragraphs = docs::paragraphs(&e.docs);
        let underlying = e.underlying.edm_name();
        let mut scope = Scope::variants();
        if e.is_flags || e.members.is_empty() {
            let mut consts = Scope::snake();
            let members: Vec<(Ident, &odata_edmx::EnumMember)> =
                e.members.iter().map(|m| (ident(&consts.claim(&naming::const_name(&m.name))), m)).collect();
            paragraphs.push(format!(
                "Flags enum type `{}` (`{underlying}`): a set of members, combined with `|`; written as `\"A,B\"`.",
                e.name
            ));
            let mut code = docs::attrs(&paragraphs);
            w!(
                code,
                "#[derive(::core::clone::Clone, ::core::marker::Copy, ::core::fmt::Debug, ::core::default::Default, \
                 ::core::cmp::PartialEq, ::core::cmp::Eq, ::core::hash::Hash)] pub struct {name}(pub i64); impl {name} {{"
            );
            for (c, m) in &members {
                let mut p = docs::paragraphs(&m.docs);
                p.push(format!("`{}` = {}.", m.name, m.value));
                w!(code, "{}pub const {c}: Self = Self({}i64);", docs::attrs(&p), m.value);
            }
            w!(
                code,
                "#[doc = \" Whether every bit of `other` is set in `self`.\"] \
                 pub const fn contains(self, other: Self) -> bool {{ self.0 & other.0 == other.0 }} }} \
                 impl ::core::ops::BitOr for {name} {{ type Output = Self; \
                 fn bitor(self, other: Self) -> Self {{ Self(self.0 | other.0) }} }} \
                 impl {rt}::edm::EdmFlags for {name} {{ const QUALIFIED_NAME: &'static str = {qualified}; \
                 const MEMBERS: &'static [(&'static str, i64)] = &["
            );
            for (n, (_, m)) in members.iter().enumerate() {
                let sep = if n > 0 { ", " } else { "" };
                w!(code, "{sep}({}, {}i64)", lit(&m.name), m.value);
            }
            w!(code, "]; fn bits(self) -> i64 {{ self.0 }} fn from_bits(bits: i64) -> Self {{ Self(bits) }} }}");
            self.enum_value_impls(&mut code, &name.to_string(), "flags");
            return (name.to_string(), code);
        }
        let variants: Vec<(Ident, &odata_edmx::EnumMember)> =
            e.members.iter().map(|m| (ident(&scope.claim(&naming::variant_name(&m.name))), m)).collect();
        paragraphs.push(format!("Enum type `{}` (`{underlying}`); written as the member name.", e.name));
        let mut code = docs::attrs(&paragraphs);
        w!(
            code,
            "#[derive(::core::clone::Clone, ::core::marker::Copy, ::core::fmt::Debug, ::core::default::Default, \
             ::core::cmp::PartialEq, ::core::cmp::Eq, ::core::hash::Hash, ::core::cmp::PartialOrd, ::core::cmp::Ord)] \
             pub enum {name} {{"
        );
        for (n, (v, m)) in variants.iter().enumerate() {
            let mut p = docs::paragraphs(&m.docs);
            p.push(format!("`{}` = {}.", m.name, m.value));
            let default = if n == 0 { "#[default]" } else { "" };
            w!(code, "{}{default}{v},", docs::attrs(&p));
        }
        w!(
            code,
            "}} impl {rt}::edm::EdmEnum for {name} {{ const QUALIFIED_NAME: &'static str = {qualified}; \
             const MEMBERS: &'static [(Self, &'static str, i64)] = &["
        );
        for (n, (v, m)) in variants.iter().enumerate() {
            let sep = if n > 0 { ", " } else { "" };
            w!(code, "{sep}(Self::{v}, {}, {}i64)", lit(&m.name), m.value);
        }
        code.push_str("]; fn member_name(self) -> &'static str { match self {");
        for (n, (v, m)) in variants.iter().enumerate() {
            let sep = if n > 0 { ", " } else { "" };
            w!(code, "{sep}Self::{v} => {}", lit(&m.name));
        }
        code.push_str("} } }");
        self.enum_value_impls(&mut code, &name.to_string(), "enum");
        (name.to_string(), code)
    }

    /// `Serialize`, `Deserialize`, `OperationResult` and `EdmValue` for a generated enum
    /// or flags type, delegating to the runtime's `serialize_enum`/`serialize_flags` family.
    pub(super) fn enum_value_impls(&self, out: &mut String, name: &str, kind: &str) {
        let rt = &self.rt;
        w!(
            out,
            "impl {rt}::serde::Serialize for {name} {{ \
             fn serialize<S: {rt}::serde::Serializer>(&self, s: S) -> ::core::result::Result<S::Ok, S::Error> {{ \
             {rt}::__private::serialize_{kind}(*self, s) }} }} \
             impl<'de> {rt}::serde::Deserialize<'de> for {name} {{ \
             fn deserialize<D: {rt}::serde::Deserializer<'de>>(d: D) -> ::core::result::Result<Self, D::Error> {{ \
             {rt}::__private::deserialize_{kind}(d) }} }}"
        );
        self.object_result_impl(out, name, "value");
        w!(
            out,
            "impl {rt}::edm::EdmValue for {name} {{ \
             fn serialize_json<S: {rt}::serde::Serializer>(&self, _: {rt}::Version, s: S) -> \
             ::core::result::Result<S::Ok, S::Error> {{ {rt}::__private::serialize_{kind}(*self, s) }} \
             fn deserialize_json<'de, D: {rt}::serde::Deserializer<'de>>(_: {rt}::Version, d: D) -> \
             ::core::result::Result<Self, D::Error> {{ {rt}::__private::deserialize_{kind}(d) }} \
             fn write_literal(&self, v: {rt}::Version, out: &mut ::std::string::String) {{ \
             {rt}::__private::write_{kind}_literal(*self, v, out) }} \
             fn parse_literal(text: &str, v: {rt}::Version) -> ::core::result::Result<Self, {rt}::edm::LiteralError> {{ \
             {rt}::__private::parse_{kind}_literal(text, v) }} }}"
        );
    }
}
