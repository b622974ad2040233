//! Integration tests of the workspace live in `tests/tests/`; this library holds the
//! services generated from every sample, so the generated code is compiled by every
//! test run (and by `cargo doc`).

odata_derive::service! {
    /// The V2 business-partner sample.
    pub mod business_partner = "../metadata-samples/API_BUSINESS_PARTNER.edmx";
    /// The V2 sales-order sample.
    pub mod sales_order = "../metadata-samples/API_SALES_ORDER_SRV.edmx";
    /// The V4 travel sample.
    pub mod travel = "../metadata-samples/TravelService.v4.edmx";
}
