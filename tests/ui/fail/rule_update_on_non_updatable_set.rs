odata_derive::service! {
    pub mod bp = "../../../../metadata-samples/API_BUSINESS_PARTNER.edmx";
}

use bp::*;

fn service() -> Service {
    Service::new(&odata_runtime::Client::builder("http://localhost:4004/odata/").build().unwrap())
}

// A_BusinessPartnerRole is sap:updatable="false".
fn main() {
    let key = BusinessPartnerRoleKey { business_partner: "1".into(), business_partner_role: "FLCU01".into() };
    let _ = service().business_partner_role().update(key, BusinessPartnerRolePatch::default());
}
