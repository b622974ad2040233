odata_derive::service! {
    pub mod bp = "../../../../metadata-samples/API_BUSINESS_PARTNER.edmx";
}

use bp::*;

// A string function on a number: RatingCount is Edm.Int32.
fn main() {
    let _ = BusinessPartnerRating::RATING_COUNT.contains("7");
}
