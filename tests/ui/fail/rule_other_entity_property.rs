odata_derive::service! {
    pub mod bp = "../../../../metadata-samples/API_BUSINESS_PARTNER.edmx";
}

use bp::*;

// A property of another entity type in a query of business partners.
fn main() {
    let _ = Service.a_business_partner().list().filter(Customer::CUSTOMER.eq("1000042"));
}
