odata_derive::service! {
    pub mod bp = "../../../../metadata-samples/API_BUSINESS_PARTNER.edmx";
}

use bp::*;

// The address key has two properties.
fn main() {
    let key = BusinessPartnerAddressKey { business_partner: "1000042".into() };
    let _ = Service.a_business_partner_address().get(key);
}
