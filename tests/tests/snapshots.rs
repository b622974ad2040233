//! Snapshots of the generated code for each small sample, for review in diffs.
//! The same code is compiled by this crate (`src/lib.rs`) and by the trybuild cases, so
//! a snapshot can never hold code that does not build. Update with
//! `INSTA_UPDATE=always cargo test -p odata-tests --test snapshots` (or `cargo insta review`).

use odata_codegen::Builder;

fn generate(file: &str, module: &str) -> String {
    let path = format!("../metadata-samples/{file}");
    let source = std::fs::read_to_string(&path).unwrap();
    Builder::new().generate_source(&source, &path, module).unwrap()
}

#[test]
fn business_partner() {
    insta::assert_snapshot!(generate("API_BUSINESS_PARTNER.edmx", "business_partner"));
}

#[test]
fn sales_order() {
    insta::assert_snapshot!(generate("API_SALES_ORDER_SRV.edmx", "sales_order"));
}

#[test]
fn travel() {
    insta::assert_snapshot!(generate("TravelService.v4.edmx", "travel"));
}

#[test]
fn naming_edge_cases() {
    let source = std::fs::read_to_string("fixtures/naming_edge_cases.edmx").unwrap();
    insta::assert_snapshot!(Builder::new()
        .generate_source(&source, "fixtures/naming_edge_cases.edmx", "naming")
        .unwrap());
}
