odata_derive::service! {
    pub mod bp = "../../../../metadata-samples/API_BUSINESS_PARTNER.edmx";
}

use bp::*;

// LastName is a property, not a navigation property.
fn main() {
    let _ = Service.a_business_partner().list().expand(BusinessPartner::LAST_NAME);
}
