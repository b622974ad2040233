odata_derive::service! {
    pub mod bp = "../../../../metadata-samples/API_BUSINESS_PARTNER.edmx";
}

use bp::*;

fn service() -> Service {
    Service::new(&odata_runtime::Client::builder("http://localhost:4004/odata/").build().unwrap())
}

// A string function on a number: RatingCount is Edm.Int32.
fn main() {
    let _ = BusinessPartnerRating::RATING_COUNT.contains("7");
}
