//! The build.rs door: the same samples the library expands with `service!`, written to
//! `OUT_DIR` by `odata_codegen::Builder` and included by `src/lib.rs`, so the builder's
//! output is compiled too (and compared with the macro's by `tests/three_doors.rs`).

fn main() {
    for (file, module) in [
        ("../metadata-samples/API_BUSINESS_PARTNER.edmx", "business_partner"),
        ("../metadata-samples/API_SALES_ORDER_SRV.edmx", "sales_order"),
        ("../metadata-samples/TravelService.v4.edmx", "travel"),
        // Every naming clash and odd shape (an entity whose properties are all keys has an
        // empty patch struct): its output must compile without a warning too.
        ("fixtures/naming_edge_cases.edmx", "naming"),
    ] {
        if let Err(e) = odata_codegen::Builder::new().generate(file, module) {
            panic!("{e}");
        }
    }
    odata_codegen::Builder::new()
        .only(["A_BusinessPartner", "ValidateBusinessPartner"])
        .generate("../metadata-samples/API_BUSINESS_PARTNER.edmx", "business_partner_only")
        .unwrap_or_else(|e| panic!("{e}"));
}
