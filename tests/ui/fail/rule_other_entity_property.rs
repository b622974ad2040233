odata_derive::service! {
    pub mod bp = "../../../../metadata-samples/API_BUSINESS_PARTNER.edmx";
}

use bp::*;

fn service() -> Service {
    Service::new(&odata_runtime::Client::builder("http://localhost:4004/odata/").build().unwrap())
}

// A property of another entity type in a query of business partners.
fn main() {
    let _ = service().business_partner().list().filter(Customer::CUSTOMER.eq("1000042"));
}
