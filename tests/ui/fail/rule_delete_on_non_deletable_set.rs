odata_derive::service! {
    pub mod bp = "../../../../metadata-samples/API_BUSINESS_PARTNER.edmx";
}

use bp::*;

// A_BusinessPartner is sap:deletable="false".
fn main() {
    let key = BusinessPartnerKey { business_partner: "1000042".into() };
    let _ = Service.a_business_partner().delete(key);
}
