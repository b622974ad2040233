odata_derive::service! {
    pub mod bp = "../../../../metadata-samples/API_BUSINESS_PARTNER.edmx";
}

use bp::*;

fn service() -> Service {
    Service::new(&odata_runtime::Client::builder("http://localhost:4004/odata/").build().unwrap())
}

// BusinessPartnerFullName is sap:updatable="false"; the key cannot be changed either.
fn main() {
    let _ = BusinessPartnerPatch { business_partner_full_name: Some("x".into()), ..Default::default() };
    let _ = BusinessPartnerPatch { business_partner: Some("2".into()), ..Default::default() };
}
