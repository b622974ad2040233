//! Integration tests of the workspace live in `tests/tests/` and `tests/ui/`; this library
//! holds the services generated from the samples through both build-time doors, so every
//! test run compiles the generated code (and `cargo doc` shows it).

odata_derive::service! {
    /// The V2 business-partner sample, from the `service!` macro.
    pub mod business_partner = "../metadata-samples/API_BUSINESS_PARTNER.edmx";
    /// The V2 sales-order sample, from the `service!` macro.
    pub mod sales_order = "../metadata-samples/API_SALES_ORDER_SRV.edmx";
    /// The V4 travel sample, from the `service!` macro.
    pub mod travel = "../metadata-samples/TravelService.v4.edmx";
    /// The V4 business-partner sample, from the `service!` macro.
    pub mod business_partner_v4 = "../metadata-samples/API_BUSINESS_PARTNER.v4.edmx";
}

pub mod robustness;

/// The same samples from `odata_codegen::Builder` in `build.rs`.
pub mod built {
    include!(concat!(env!("OUT_DIR"), "/business_partner.rs"));
    include!(concat!(env!("OUT_DIR"), "/sales_order.rs"));
    include!(concat!(env!("OUT_DIR"), "/travel.rs"));
    include!(concat!(env!("OUT_DIR"), "/business_partner_only.rs"));
    include!(concat!(env!("OUT_DIR"), "/naming.rs"));
}

/// This process's resident set now and at its peak, in bytes (`VmRSS`, `VmHWM` of
/// `/proc/self/status`; 0 where there is none): what the load and bounds tests bound.
pub fn process_memory() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .map_or(0, |kb| kb * 1024)
    };
    (field("VmRSS:"), field("VmHWM:"))
}
