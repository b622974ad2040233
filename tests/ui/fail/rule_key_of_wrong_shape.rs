odata_derive::service! {
    pub mod bp = "../../../../metadata-samples/API_BUSINESS_PARTNER.edmx";
}

use bp::*;

// A business partner key used to read a customer.
fn main() {
    let key = BusinessPartnerKey { business_partner: "1000042".into() };
    let _ = Service.a_customer().get(key);
}
