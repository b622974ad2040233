odata_derive::service! {
    pub mod bp = "../../../../metadata-samples/API_BUSINESS_PARTNER.edmx";
}

use bp::*;

fn service() -> Service {
    Service::new(&odata_runtime::Client::builder("http://localhost:4004/odata/").build().unwrap())
}

// A value of the wrong Edm type: LastName is Edm.String.
fn main() {
    let _ = BusinessPartner::LAST_NAME.eq(42);
}
