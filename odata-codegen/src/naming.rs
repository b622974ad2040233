//! Every naming rule of the generated code, in one place.
//!
//! - Types (structs, enums) are `UpperCamelCase`, fields `snake_case`, constants
//!   `SHOUTY_SNAKE_CASE` (heck). SAP's decorations are dropped from type names first: a
//!   leading `A_` (SAP's prefix for released APIs), then a trailing `_Type` (S/4HANA
//!   Cloud's V4 types: `SalesOrder_Type` → `SalesOrder`) or `Type` (V2:
//!   `A_BusinessPartnerType` → `BusinessPartner`), when something is left.
//! - Rust keywords become raw identifiers (`type` → `r#type`); `self`, `super`, `crate`,
//!   `Self` and `_`, which cannot be raw, get a trailing `_`.
//! - A name that does not start with a letter or `_` after conversion (`1stLevel`) gets a
//!   leading `_` (fields) or `N` (types and constants).
//! - Names are NFC-normalised first, as rustc normalises identifiers: the Kelvin sign
//!   `\u{212A}` is `K`, the Ohm sign `\u{2126}` is `Ω`, so they collide (and are
//!   numbered) here instead of in the compiler.
//! - Names that collide after conversion (`Name`/`NAME`/`Na_me`, the same type name in two
//!   namespaces, a type named like a key struct or a prelude type) keep the first one,
//!   in a fixed order, and give the others the suffix `2`, `3`, … (`_2` for fields and
//!   constants) until unique.
//! - One scope per namespace of the generated module: the module's types (entity,
//!   complex, enum and type definition structs, `…Key`, `…Patch`, `New…` and `…Parameters`)
//!   share one ([`Scope::camel`]); an entity type's constants and its bound operations
//!   (associated items of one type) share another. The suffixes are decided here:
//!   [`key_type`], [`patch_type`], [`new_type`], [`parameters_type`].

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};
use std::collections::HashSet;

/// Strict and reserved keywords of every edition (raw identifiers allowed).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn", "else", "enum",
    "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod", "move",
    "mut", "override", "priv", "pub", "ref", "return", "static", "struct", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Type names the generated module never defines, so user code and derives that name
/// prelude items keep working.
pub const RESERVED_TYPES: &[&str] = &[
    "Option",
    "Result",
    "Some",
    "None",
    "Ok",
    "Err",
    "Vec",
    "String",
    "Box",
    "Default",
    "Clone",
    "Copy",
    "Debug",
    "PartialEq",
    "Eq",
    "Hash",
    "Send",
    "Sync",
    "Sized",
    "From",
    "Into",
    "Iterator",
    "Drop",
    "Fn",
    "ToString",
    "Self",
];

/// Makes `candidate` a valid identifier: raw for keywords, `_` suffix for the others.
pub fn escape(candidate: &str) -> String {
    if NOT_RAW.contains(&candidate) {
        format!("{candidate}_")
    } else if KEYWORDS.contains(&candidate) {
        format!("r#{candidate}")
    } else {
        candidate.to_owned()
    }
}

/// Keeps only characters valid in identifiers and ensures a valid first character.
fn sanitize(name: &str, digit_prefix: &str) -> String {
    let mut out: String = name.chars().map(|c| if unicode_ident::is_xid_continue(c) { c } else { '_' }).collect();
    match out.chars().next() {
        None => out = format!("{digit_prefix}_"),
        Some(c) if !(unicode_ident::is_xid_start(c) || c == '_') => out.insert_str(0, digit_prefix),
        _ => {}
    }
    out
}

/// `name` in Unicode normalisation form C, the form rustc gives identifiers.
fn nfc(name: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::UnicodeNormalization;
    if name.is_ascii() {
        std::borrow::Cow::Borrowed(name)
    } else {
        std::borrow::Cow::Owned(name.nfc().collect())
    }
}

/// `odata` without SAP's decorations, where something is left: a leading `A_` (API
/// entity sets and types, `A_BusinessPartner`), then a trailing `_Type` (S/4HANA Cloud's
/// V4 types, `SalesOrder_Type`) or `Type` (V2 types, `A_BusinessPartnerType`).
fn undecorated(odata: &str) -> &str {
    let mut base = odata;
    if let Some(stripped) = base.strip_prefix("A_").filter(|s| !s.is_empty()) {
        base = stripped;
    }
    let left = |s: &&str| !s.is_empty() && !s.ends_with('_');
    if let Some(stripped) = base.strip_suffix("_Type").filter(left) {
        base = stripped;
    } else if let Some(stripped) = base.strip_suffix("Type").filter(left) {
        base = stripped;
    }
    base
}

/// The type name for an OData type or entity name.
pub fn type_name(odata: &str) -> String {
    let odata = &*nfc(odata);
    let base = undecorated(odata);
    let camel = base.to_upper_camel_case();
    let camel = if camel.is_empty() { base.to_owned() } else { camel };
    escape(&sanitize(&camel, "N"))
}

/// The key struct of entity type `entity` (a generated type name).
pub fn key_type(entity: &str) -> String {
    format!("{entity}Key")
}

/// The patch struct of entity type `entity` (a generated type name).
pub fn patch_type(entity: &str) -> String {
    format!("{entity}Patch")
}

/// The create type of entity type `entity` (a generated type name): what `create`
/// sends, `NewBusinessPartner` for `BusinessPartner`.
pub fn new_type(entity: &str) -> String {
    format!("New{entity}")
}

/// The parameters struct of operation `operation` (an OData name), bound to `bound_to`
/// (a generated entity type name; `collection` when bound to a collection of it) or
/// unbound.
pub fn parameters_type(bound_to: Option<&str>, operation: &str, collection: bool) -> String {
    let collection = if collection { "Collection" } else { "" };
    format!("{}{}{collection}Parameters", bound_to.unwrap_or(""), type_name(operation))
}

/// The `Service` method of an entity set or singleton: the type rule's decorations
/// dropped, then snake case (`A_BusinessPartner` → `business_partner`).
pub fn accessor_name(odata: &str) -> String {
    field_name(undecorated(&nfc(odata)))
}

/// The field name for an OData property name.
pub fn field_name(odata: &str) -> String {
    let odata = &*nfc(odata);
    let snake = odata.to_snake_case();
    let snake = if snake.is_empty() { odata.to_owned() } else { snake };
    escape(&sanitize(&snake, "_"))
}

/// The variant name for an enum member.
pub fn variant_name(odata: &str) -> String {
    let odata = &*nfc(odata);
    let camel = odata.to_upper_camel_case();
    let camel = if camel.is_empty() { odata.to_owned() } else { camel };
    escape(&sanitize(&camel, "N"))
}

/// The constant name for an OData name.
pub fn const_name(odata: &str) -> String {
    let odata = &*nfc(odata);
    let shouty = odata.to_shouty_snake_case();
    let shouty = if shouty.is_empty() { odata.to_owned() } else { shouty };
    escape(&sanitize(&shouty, "N"))
}

/// Hands out unique names within one scope.
#[derive(Debug, Default, Clone)]
pub struct Scope {
    used: HashSet<String>,
    separator: &'static str,
    /// The first suffix not yet tried for each base name: the nth collision of a name
    /// does not try suffixes 2 to n again (which made 20,000 same-named types quadratic).
    next: std::collections::HashMap<String, u64>,
}

impl Scope {
    /// A scope for fields and constants (suffixes `_2`, `_3`, …).
    pub fn snake() -> Self {
        Scope { used: HashSet::new(), separator: "_", next: Default::default() }
    }

    /// A scope for types and variants (suffixes `2`, `3`, …), with the prelude reserved.
    pub fn camel() -> Self {
        let mut scope = Scope { used: HashSet::new(), separator: "", next: Default::default() };
        for r in RESERVED_TYPES {
            scope.used.insert((*r).to_owned());
        }
        scope
    }

    /// A scope for enum variants (suffixes `2`, `3`, …): variants are always used as
    /// `Enum::Variant`, so prelude names such as `None` stay free.
    pub fn variants() -> Self {
        Scope { used: HashSet::new(), separator: "", next: Default::default() }
    }

    /// Marks `name` as taken without handing it out.
    pub fn reserve(&mut self, name: &str) {
        self.used.insert(unraw(name).to_owned());
    }

    /// `wanted`, or `wanted` with the first free suffix.
    pub fn claim(&mut self, wanted: &str) -> String {
        let plain = unraw(wanted);
        if self.used.insert(plain.to_owned()) {
            return wanted.to_owned();
        }
        let base = plain.trim_end_matches('_');
        let base = if base.is_empty() { plain } else { base };
        let next = self.next.entry(base.to_owned()).or_insert(2);
        loop {
            let candidate = format!("{base}{}{next}", self.separator);
            *next += 1;
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

fn unraw(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

#[cfg(test)]
mod tests {
    #[test]
    fn many_collisions_of_one_name_are_numbered_in_linear_time() {
        let mut scope = super::Scope::camel();
        scope.reserve("Order3");
        let names: Vec<String> = (0..20_000).map(|_| scope.claim("Order")).collect();
        assert_eq!(&names[..4], ["Order", "Order2", "Order4", "Order5"]);
        assert_eq!(names[19_999], "Order20001");
        assert_eq!(names.iter().collect::<std::collections::HashSet<_>>().len(), 20_000);
    }

    use super::*;

    type Rule = fn(&str) -> String;

    #[test]
    fn names_are_converted_and_escaped() {
        let cases: &[(&str, Rule, &str)] = &[
            ("A_BusinessPartnerType", type_name, "BusinessPartner"),
            ("SalesOrder_Type", type_name, "SalesOrder"),
            ("A_SalesOrder_Type", type_name, "SalesOrder"),
            ("_Type", type_name, "Type"),
            ("X__Type", type_name, "XType"),
            ("Type", type_name, "Type"),
            ("A_", type_name, "A"),
            ("CT_Address", type_name, "CtAddress"),
            ("1stLevel", type_name, "N1stLevel"),
            ("self", type_name, "Self_"),
            ("BusinessPartnerUUID", field_name, "business_partner_uuid"),
            ("to_BusinessPartnerAddress", field_name, "to_business_partner_address"),
            ("type", field_name, "r#type"),
            ("Type", field_name, "r#type"),
            ("Match", field_name, "r#match"),
            ("Self", field_name, "self_"),
            ("super", field_name, "super_"),
            ("crate", field_name, "crate_"),
            ("_", field_name, "__"),
            ("1stLevel", field_name, "_1st_level"),
            ("Größe", field_name, "größe"),
            ("A-B", field_name, "a_b"),
            ("async", field_name, "r#async"),
            ("Gen", field_name, "r#gen"),
            ("A_BusinessPartner", const_name, "A_BUSINESS_PARTNER"),
            ("Self", const_name, "SELF"),
            ("A_BusinessPartner", accessor_name, "business_partner"),
            ("A_SalesOrderItem", accessor_name, "sales_order_item"),
            ("Travels", accessor_name, "travels"),
            ("A_", accessor_name, "a"),
            ("A_Type", accessor_name, "r#type"),
            ("Open", variant_name, "Open"),
            // NFC, as rustc: the Kelvin sign is K, the Ohm sign Omega, A + ring above Å.
            ("\u{212A}", type_name, "K"),
            ("\u{2126}hm", type_name, "Ωhm"),
            ("\u{212A}elvin", field_name, "kelvin"),
            ("A\u{30A}", type_name, "Å"),
            ("名前", field_name, "名前"),
            ("名前", const_name, "名前"),
            ("self", variant_name, "Self_"),
        ];
        for (input, f, expected) in cases {
            assert_eq!(f(input), *expected, "{input}");
            let ident = f(input);
            let parsed = syn::parse_str::<syn::Ident>(&ident);
            assert!(parsed.is_ok(), "{input} -> {ident} is not an identifier");
        }
    }

    #[test]
    fn every_keyword_becomes_a_valid_identifier() {
        for k in KEYWORDS.iter().chain(NOT_RAW) {
            for f in [type_name, field_name, variant_name, const_name] {
                let ident = f(k);
                assert!(syn::parse_str::<syn::Ident>(&ident).is_ok(), "{k} -> {ident}");
            }
        }
    }

    #[test]
    fn collisions_get_deterministic_suffixes() {
        let mut fields = Scope::snake();
        assert_eq!(fields.claim("name"), "name");
        assert_eq!(fields.claim("name"), "name_2");
        assert_eq!(fields.claim("name_2"), "name_2_2");
        assert_eq!(fields.claim("name"), "name_3");
        let mut types = Scope::camel();
        assert_eq!(types.claim("Option"), "Option2");
        assert_eq!(types.claim("Address"), "Address");
        assert_eq!(types.claim("Address"), "Address2");
        // Names equal after NFC normalisation collide.
        let mut nfc = Scope::camel();
        assert_eq!(nfc.claim(&type_name("K")), "K");
        assert_eq!(nfc.claim(&type_name("\u{212A}")), "K2");
        // Constants and bound operations of one type share a scope: caseless names meet.
        let mut associated = Scope::snake();
        assert_eq!(associated.claim(&const_name("名前")), "名前");
        assert_eq!(associated.claim(&field_name("名前")), "名前_2");
        assert_eq!(associated.claim(&const_name("_")), "__");
        assert_eq!(associated.claim(&field_name("_")), "___2");
        assert_eq!(parameters_type(None, "find", false), "FindParameters");
        assert_eq!(parameters_type(Some("Order"), "XCancel", false), "OrderXCancelParameters");
        assert_eq!(parameters_type(Some("OrderX"), "Cancel", true), "OrderXCancelCollectionParameters");
        let mut raw = Scope::snake();
        assert_eq!(raw.claim("r#type"), "r#type");
        assert_eq!(raw.claim("r#type"), "type_2");
    }
}
