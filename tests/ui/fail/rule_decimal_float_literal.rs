odata_derive::service! {
    pub mod travel = "../../../../metadata-samples/TravelService.v4.edmx";
}

use travel::*;

// A float is not an exact decimal: `Edm.Decimal` filters take a Decimal or an integer,
// and the message says how to write 2.5.
fn main() {
    let _ = Booking::FLIGHT_PRICE.gt(2.5);
    let _ = Booking::FLIGHT_PRICE.lt(3); // an integer is exact
}
