odata_derive::service! {
    pub mod shop = "../../../../metadata-samples/cap_shop.v4.edmx";
}

use shop::*;

fn service() -> Service {
    Service::new(&odata_runtime::Client::builder("http://localhost:4004/odata/").build().unwrap())
}

// `Orders::ITEMS` leads to `OrderItems`: a create through it takes `NewOrderItems`, and a
// new product does not compile there.
fn main() {
    let id = odata_runtime::edm::Guid::nil();
    let _ = service().orders().key(OrdersKey { id }).to_many(Orders::ITEMS).create(NewProducts::new("P1"));
}
