odata_derive::service! {
    pub mod bp = "../../../../metadata-samples/API_BUSINESS_PARTNER.edmx";
}

use bp::*;

fn service() -> Service {
    Service::new(&odata_runtime::Client::builder("http://localhost:4004/odata/").build().unwrap())
}

// BusinessPartnerFullName is sap:sortable="false".
fn main() {
    let _ = service().business_partner().list().order_by(BusinessPartner::BUSINESS_PARTNER_FULL_NAME.desc());
}
