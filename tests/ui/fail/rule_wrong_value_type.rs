odata_derive::service! {
    pub mod bp = "../../../../metadata-samples/API_BUSINESS_PARTNER.edmx";
}

use bp::*;

// A value of the wrong Edm type: LastName is Edm.String.
fn main() {
    let _ = BusinessPartner::LAST_NAME.eq(42);
}
