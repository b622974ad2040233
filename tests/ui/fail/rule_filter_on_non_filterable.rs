odata_derive::service! {
    pub mod bp = "../../../../metadata-samples/API_BUSINESS_PARTNER.edmx";
}

use bp::*;

// LastChangeDateTime is sap:filterable="false".
fn main() {
    let _ = BusinessPartner::LAST_CHANGE_DATE_TIME.is_null();
}
