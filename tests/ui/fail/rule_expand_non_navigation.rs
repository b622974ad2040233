odata_derive::service! {
    pub mod bp = "../../../../metadata-samples/API_BUSINESS_PARTNER.edmx";
}

use bp::*;

fn service() -> Service {
    Service::new(&odata_runtime::Client::builder("http://localhost:4004/odata/").build().unwrap())
}

// LastName is a property, not a navigation property.
fn main() {
    let _ = service().business_partner().list().expand(BusinessPartner::LAST_NAME);
}
