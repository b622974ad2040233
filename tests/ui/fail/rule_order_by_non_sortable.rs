odata_derive::service! {
    pub mod bp = "../../../../metadata-samples/API_BUSINESS_PARTNER.edmx";
}

use bp::*;

// BusinessPartnerFullName is sap:sortable="false".
fn main() {
    let _ = Service.a_business_partner().list().order_by(BusinessPartner::BUSINESS_PARTNER_FULL_NAME.desc());
}
