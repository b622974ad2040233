odata_derive::service! {
    pub mod shop = "../../../../metadata-samples/cap_shop.v4.edmx";
}

use shop::*;

// Only numbers add up; the customer is a string.
fn main() {
    let client = odata_runtime::Client::builder("http://localhost/").build().unwrap();
    let svc = Service::new(&client);
    let _ = svc.orders().aggregate(Orders::CURRENCY, Orders::CUSTOMER.sum());
}
