odata_derive::service! {
    pub mod bp = "../../../../metadata-samples/API_BUSINESS_PARTNER.edmx";
}

use bp::*;

fn service() -> Service {
    Service::new(&odata_runtime::Client::builder("http://localhost:4004/odata/").build().unwrap())
}

// A_BusinessPartner is sap:deletable="false".
fn main() {
    let key = BusinessPartnerKey { business_partner: "1000042".into() };
    let _ = service().business_partner().delete(key);
}
