//! Hostile `$metadata`: each is a clear error with its line and column from the same
//! generator the macro runs, within a second or two (in this unoptimised test build),
//! never a hang, a stack overflow or unbounded memory. The macro's own error for some of
//! them is in the trybuild suite (`tests/ui/fail/hostile_*.rs`).

use std::time::{Duration, Instant};

const BUDGET: Duration = Duration::from_secs(2);

fn v4(schema: &str) -> String {
    format!(
        r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
<edmx:DataServices><Schema Namespace="ns" xmlns="http://docs.oasis-open.org/odata/ns/edm">
{schema}
</Schema></edmx:DataServices></edmx:Edmx>"#
    )
}

/// Runs the generator on `source` and returns its error message, checking the time.
fn refused(case: &str, source: &str) -> String {
    let started = Instant::now();
    let options = odata_codegen::Options { source_label: format!("{case}.edmx"), ..Default::default() };
    let result = odata_codegen::generate_tokens(source, "svc", &options);
    let elapsed = started.elapsed();
    assert!(elapsed < BUDGET, "{case}: {elapsed:?}");
    match result {
        Err(e) => e.to_string(),
        Ok(_) => panic!("{case}: accepted"),
    }
}

#[test]
fn deep_nesting_is_an_error_at_the_level_that_is_too_deep() {
    let depth = 100_000;
    let source = format!("{}{}", "<a>".repeat(depth), "</a>".repeat(depth));
    let message = refused("deep", &source);
    assert!(message.starts_with("deep.edmx:1:769: elements are nested deeper than 256 levels"), "{message}");
}

#[test]
fn a_hundred_megabyte_file_is_refused_before_it_is_read() {
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("hundred_megabytes.edmx");
    {
        use std::io::Write;
        let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        file.write_all(v4("<!--").as_bytes()).unwrap();
        let chunk = vec![b'x'; 1 << 20];
        for _ in 0..100 {
            file.write_all(&chunk).unwrap();
        }
        file.write_all(b"-->").unwrap();
    }
    let started = Instant::now();
    let out = std::env::temp_dir();
    let e = odata_codegen::Builder::new().out_dir(out).generate(&path, "huge").unwrap_err();
    assert!(started.elapsed() < BUDGET);
    let message = e.to_string();
    assert!(message.contains("hundred_megabytes.edmx") && message.contains("100.0 MiB"), "{message}");
    assert!(message.contains("EDMX documents above 64 MiB are refused"), "{message}");
    std::fs::remove_file(&path).unwrap();

    // The parser itself refuses such text too, at once.
    let text = "x".repeat(odata_edmx::MAX_DOCUMENT_BYTES + 1);
    assert!(refused("text", &text).starts_with("text.edmx:1:1: the document is 64.0 MiB"));
}

#[test]
fn entity_expansion_and_external_entities_are_refused() {
    let laughs = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol9 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><x a="&lol9;"/></edmx:Edmx>"#;
    let message = refused("laughs", laughs);
    assert!(message.starts_with("laughs.edmx:2:1: DOCTYPE declarations are not allowed in EDMX"), "{message}");

    for (case, source) in [
        ("file", r#"<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><x>&xxe;</x>"#),
        ("http", r#"<!DOCTYPE x SYSTEM "http://127.0.0.1:9/evil.dtd"><x/>"#),
        ("parameter", r#"<!DOCTYPE x [<!ENTITY % p SYSTEM "file:///etc/hostname"> %p;]><x/>"#),
    ] {
        assert!(refused(case, source).contains("DOCTYPE declarations are not allowed"), "{case}");
    }
    // An entity reference without any declaration is not looked up anywhere either.
    let message = refused("undeclared", &v4(r#"<EntityType Name="&xxe;"/>"#));
    assert!(message.contains("unrecognized entity `xxe`"), "{message}");
    let message = refused("in_text", &v4(r#"<Annotation Term="Core.Description"><String>&xxe;</String></Annotation>"#));
    assert!(message.contains("unknown XML entity '&xxe;'"), "{message}");
}

#[test]
fn cyclic_inheritance_is_an_error_naming_the_cycle() {
    let entities = v4(r#"<EntityType Name="A" BaseType="ns.B"><Property Name="X" Type="Edm.String"/></EntityType>
<EntityType Name="B" BaseType="ns.C"/>
<EntityType Name="C" BaseType="ns.A"/>"#);
    let message = refused("entities", &entities);
    assert!(
        message.contains("entities.edmx:3:1: EntityType 'ns.A' inherits from itself: ns.A -> ns.B -> ns.C -> ns.A"),
        "{message}"
    );
    let complex = v4(r#"<ComplexType Name="C" BaseType="ns.D"/><ComplexType Name="D" BaseType="ns.C"/>"#);
    assert!(refused("complex", &complex).contains("ComplexType 'ns.C' inherits from itself"));
}

#[test]
fn cyclic_type_definitions_are_an_error() {
    let source =
        v4(r#"<TypeDefinition Name="T1" UnderlyingType="ns.T2"/><TypeDefinition Name="T2" UnderlyingType="ns.T1"/>"#);
    let message = refused("typedefs", &source);
    assert!(
        message.contains(
            "typedefs.edmx:3:1: UnderlyingType 'ns.T2' of TypeDefinition 'ns.T1' is not a primitive Edm type"
        ),
        "{message}"
    );
}

#[test]
fn self_referencing_complex_types_generate_boxed_fields() {
    let source = v4(
        r#"<ComplexType Name="Node"><Property Name="Child" Type="ns.Node"/><Property Name="Kids" Type="Collection(ns.Node)"/></ComplexType>
<ComplexType Name="A"><Property Name="B" Type="ns.B" Nullable="false"/></ComplexType>
<ComplexType Name="B"><Property Name="A" Type="ns.A" Nullable="false"/></ComplexType>
<EntityType Name="E"><Key><PropertyRef Name="ID"/></Key><Property Name="ID" Type="Edm.Int32" Nullable="false"/><Property Name="Tree" Type="ns.Node"/></EntityType>
<EntityContainer Name="C"><EntitySet Name="Es" EntityType="ns.E"/></EntityContainer>"#,
    );
    let started = Instant::now();
    let code = odata_codegen::generate_source(&source, "svc", &Default::default()).unwrap();
    assert!(started.elapsed() < BUDGET);
    assert!(code.contains("pub child: ::core::option::Option<::std::boxed::Box<Node>>"), "{code}");
    assert!(code.contains("pub b: ::std::boxed::Box<B>") && code.contains("pub a: ::std::boxed::Box<A>"));
}

/// A service past the generator's item limit fails before any code is generated, with a
/// message that says what to do; the limit counts what would be generated.
#[test]
fn a_service_past_the_item_limit_fails_early_with_a_clear_error() {
    let source = std::fs::read_to_string("../metadata-samples/API_BUSINESS_PARTNER.edmx").unwrap();
    let small = odata_codegen::Options { max_items: 50, ..Default::default() };
    let e = odata_codegen::generate_source(&source, "svc", &small).unwrap_err().to_string();
    assert!(e.contains("more than the generator's limit of 50") && e.contains("only: [...]"), "{e}");
    let only = odata_codegen::Options { max_items: 50, only: Some(vec!["A_AddressEmailAddress".into()]), ..small };
    odata_codegen::generate_source(&source, "svc", &only).unwrap();
    assert_eq!(odata_codegen::MAX_ITEMS, odata_codegen::Options::default().max_items);
}
