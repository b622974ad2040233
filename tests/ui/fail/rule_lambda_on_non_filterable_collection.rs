odata_derive::service! {
    pub mod travel = "../../../../metadata-samples/TravelService.v4.edmx";
}

use travel::*;

// Travels lists `Tags` among its NonFilterableProperties.
fn main() {
    let _ = Travel::TAGS.any(|tag| tag.eq("beach"));
}
