//! Broken documents: every error names the line, the column and the problem. These are
//! read strictly; what the default (forgiving) reading does instead is in `warnings.rs`.

use odata_edmx::{parse, parse_with, ParseOptions};

const V4_OPEN: &str = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
<edmx:DataServices><Schema Namespace="ns" xmlns="http://docs.oasis-open.org/odata/ns/edm">
"#;
const V4_CLOSE: &str = "</Schema></edmx:DataServices></edmx:Edmx>";

fn v4(body: &str) -> String {
    format!("{V4_OPEN}{body}\n{V4_CLOSE}")
}

/// The errors of `source` read strictly, each as `line:column: message`.
fn errors(source: &str) -> Vec<String> {
    let strict = ParseOptions { strict: true };
    parse_with(source, &strict).expect_err("the document should be rejected").0.iter().map(|e| e.to_string()).collect()
}

fn assert_one(source: &str, expected: &str) {
    let found = errors(source);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0], expected);
}

#[test]
fn malformed_xml() {
    let found = errors(&v4("<EntityType Name=\"A\">\n  <Key><PropertyRef Name=\"ID\"/></Key>\n</EntityTyp>"));
    assert_eq!(found.len(), 1);
    assert!(found[0].starts_with("5:1: malformed XML: ill-formed document: expected `</EntityType>`"), "{}", found[0]);
    assert!(errors("<Edmx")[0].starts_with("1:1: malformed XML"), "{:?}", errors("<Edmx"));
    assert!(errors(&format!("{V4_OPEN}<EntityType Name=\"A\">"))[0].contains("never closed"));
    assert!(errors("")[0].contains("no XML root element"));
}

#[test]
fn unknown_type() {
    let source = v4(r#"<EntityType Name="A"><Key><PropertyRef Name="ID"/></Key>
  <Property Name="ID" Type="Edm.Int32" Nullable="false"/>
  <Property Name="B" Type="ns.Missing"/>
</EntityType>"#);
    assert_one(&source, "5:3: Property 'B' of EntityType 'ns.A' has unknown type 'ns.Missing'");
    let edm = v4(r#"<ComplexType Name="C"><Property Name="X" Type="Edm.Strin"/></ComplexType>"#);
    assert_one(&edm, "3:23: Property 'X' of ComplexType 'ns.C' has unknown type 'Edm.Strin'");
}

#[test]
fn key_naming_no_property() {
    let source = v4(r#"<EntityType Name="A">
  <Key><PropertyRef Name="Id"/></Key>
  <Property Name="ID" Type="Edm.Int32" Nullable="false"/>
</EntityType>"#);
    assert_one(&source, "4:8: the Key of EntityType 'ns.A' names 'Id', which is not a property of it");
}

#[test]
fn missing_key() {
    assert_one(
        &v4(r#"<EntityType Name="A"><Property Name="ID" Type="Edm.Int32"/></EntityType>"#),
        "3:1: EntityType 'ns.A' has no Key",
    );
    // Abstract types may leave the key to their derived types.
    let ok = v4(r#"<EntityType Name="A" Abstract="true"><Property Name="ID" Type="Edm.Int32"/></EntityType>"#);
    assert!(parse(&ok).is_ok());
}

#[test]
fn unsupported_versions() {
    let v3 = r#"<edmx:Edmx Version="3.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"/>"#;
    assert_one(v3, "1:1: unsupported Edmx version '3.0' (supported: 1.0 for OData V2, 4.0 and 4.01 for OData V4)");
    let mixed = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://schemas.microsoft.com/ado/2007/06/edmx"/>"#;
    assert_eq!(errors(mixed)[0], "1:1: Edmx Version=\"4.0\" contradicts the document's namespaces");
    let other = r#"<Edmx Version="1.0" xmlns="urn:other"/>"#;
    assert!(errors(other)[0].contains("unknown EDMX namespace 'urn:other'"));
    assert!(errors("<html><body/></html>")[0].contains("not an EDMX document: the root element is <html>"));
}

#[test]
fn version_from_the_namespace_when_the_attribute_is_missing() {
    let v2 = r#"<edmx:Edmx xmlns:edmx="http://schemas.microsoft.com/ado/2007/06/edmx"><edmx:DataServices>
<Schema Namespace="ns" xmlns="http://schemas.microsoft.com/ado/2008/09/edm"/></edmx:DataServices></edmx:Edmx>"#;
    assert_eq!(parse(v2).unwrap().version, odata_edmx::ODataVersion::V2);
}

#[test]
fn cyclic_inheritance() {
    let source = v4(
        r#"<EntityType Name="A" BaseType="ns.B"><Key><PropertyRef Name="ID"/></Key><Property Name="ID" Type="Edm.Int32"/></EntityType>
<EntityType Name="B" BaseType="ns.A"/>"#,
    );
    let found = errors(&source);
    assert_eq!(
        found,
        [
            "3:1: EntityType 'ns.A' inherits from itself: ns.A -> ns.B -> ns.A",
            "4:1: EntityType 'ns.B' inherits from itself: ns.B -> ns.A -> ns.B"
        ]
    );
    let complex = v4(r#"<ComplexType Name="C" BaseType="ns.C"/>"#);
    assert_one(&complex, "3:1: ComplexType 'ns.C' inherits from itself: ns.C -> ns.C");
}

#[test]
fn type_definitions_must_be_primitive() {
    let source =
        v4(r#"<TypeDefinition Name="T" UnderlyingType="ns.U"/><TypeDefinition Name="U" UnderlyingType="ns.T"/>"#);
    let found = errors(&source);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(found[0].contains("UnderlyingType 'ns.U' of TypeDefinition 'ns.T' is not a primitive Edm type"));
}

#[test]
fn several_errors_are_reported_together_in_order() {
    let source = v4(r#"<EntityType Name="A"><Key><PropertyRef Name="Nope"/></Key>
  <Property Name="X" Type="ns.Unknown"/>
</EntityType>
<EntityContainer Name="C"><EntitySet Name="S" EntityType="ns.Nothing"/></EntityContainer>"#);
    let found = errors(&source);
    assert_eq!(found.len(), 3, "{found:#?}");
    assert!(found[0].starts_with("3:27:") && found[0].contains("'Nope'"));
    assert!(found[1].starts_with("4:3:") && found[1].contains("ns.Unknown"));
    assert!(found[2].starts_with("6:27:") && found[2].contains("unknown entity type 'ns.Nothing'"));
}

#[test]
fn v2_navigation_errors() {
    let source = r#"<edmx:Edmx Version="1.0" xmlns:edmx="http://schemas.microsoft.com/ado/2007/06/edmx"><edmx:DataServices>
<Schema Namespace="ns" xmlns="http://schemas.microsoft.com/ado/2008/09/edm">
<EntityType Name="A"><Key><PropertyRef Name="ID"/></Key><Property Name="ID" Type="Edm.Int32"/>
<NavigationProperty Name="ToB" Relationship="ns.A_B" FromRole="A" ToRole="B"/></EntityType>
</Schema></edmx:DataServices></edmx:Edmx>"#;
    assert_one(source, "4:1: NavigationProperty 'ToB' of EntityType 'ns.A' names unknown Association 'ns.A_B'");
}

#[test]
fn doctype_and_entities_are_refused() {
    let laughs = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">&lol2;</edmx:Edmx>"#;
    assert!(errors(laughs)[0].starts_with("2:1: DOCTYPE declarations are not allowed"), "{:?}", errors(laughs));
    let external = r#"<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><x>&xxe;</x>"#;
    assert!(errors(external)[0].contains("DOCTYPE"));
    let undeclared =
        r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">&xxe;</edmx:Edmx>"#;
    assert!(errors(undeclared)[0].contains("unknown XML entity '&xxe;'"));
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let depth = 100_000;
    let source = format!("{}{}", "<a>".repeat(depth), "</a>".repeat(depth));
    assert!(errors(&source)[0].contains("nested deeper than"));
}

#[test]
fn unknown_elements_and_attributes_are_skipped() {
    let source = v4(r#"<EntityType Name="A" Foo="bar" xmlns:x="urn:x" x:Extra="1"><Key><PropertyRef Name="ID"/></Key>
  <Property Name="ID" Type="Edm.Int32" Nullable="false" Unknown="1"/>
  <x:Widget><x:Gadget/></x:Widget>
  <Annotation Term="Some.Unknown.Term"><Record><PropertyValue Property="P" Int="1"/></Record></Annotation>
</EntityType>
<Term Name="T" Type="Edm.String"/>
<Annotations Target="ns.Nowhere/Else"><Annotation Term="Core.Description" String="x"/></Annotations>"#);
    let model = parse(&source).unwrap();
    assert_eq!(model.entity_types[0].properties.len(), 1);
}

#[test]
fn columns_count_characters_not_bytes() {
    let source = v4("<!-- äöü --><ComplexType Name=\"C\"><Property Name=\"X\" Type=\"ns.Nope\"/></ComplexType>");
    assert_eq!(errors(&source)[0], "3:35: Property 'X' of ComplexType 'ns.C' has unknown type 'ns.Nope'");
}
