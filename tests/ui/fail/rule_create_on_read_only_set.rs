odata_derive::service! {
    pub mod bp = "../../../../metadata-samples/API_BUSINESS_PARTNER.edmx";
}

use bp::*;

// A_Customer is sap:creatable="false".
fn main() {
    let _ = Service.a_customer().create(Customer::default());
}
