odata_derive::service! {
    pub mod bp = "../../../../metadata-samples/API_BUSINESS_PARTNER.edmx";
}

use bp::*;

fn service() -> Service {
    Service::new(&odata_runtime::Client::builder("http://localhost:4004/odata/").build().unwrap())
}

// A_Customer is sap:creatable="false": it has no create type, and `create` does not
// compile, whatever it is given.
fn main() {
    let _ = service().customer().create(Default::default());
}
