odata_derive::service! {
    pub mod bp = "../../../../metadata-samples/API_BUSINESS_PARTNER.edmx";
}

use bp::*;

fn service() -> Service {
    Service::new(&odata_runtime::Client::builder("http://localhost:4004/odata/").build().unwrap())
}

// LastChangeDateTime is sap:filterable="false".
fn main() {
    let _ = BusinessPartner::LAST_CHANGE_DATE_TIME.is_null();
}
