odata_derive::service! {
    pub mod bp = "../../../../metadata-samples/API_BUSINESS_PARTNER.edmx";
}

use bp::*;

fn service() -> Service {
    Service::new(&odata_runtime::Client::builder("http://localhost:4004/odata/").build().unwrap())
}

// Only A_BusinessPartner is sap:searchable="true"; its addresses are not.
fn main() {
    let _ = service().business_partner().search("curie");
    let _ = service().business_partner_address().search("Bonn");
}
