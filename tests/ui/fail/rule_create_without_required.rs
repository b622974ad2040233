odata_derive::service! {
    pub mod shop = "../../../../metadata-samples/cap_shop.v4.edmx";
}

use shop::*;

fn service() -> Service {
    Service::new(&odata_runtime::Client::builder("http://localhost:4004/shop/").build().unwrap())
}

// `customer` is `@mandatory` in CAP (Common.FieldControl: Mandatory), `Products.ID` a key
// the server does not compute: a create without them does not compile, neither through
// the constructor nor as a struct literal.
fn main() {
    let svc = service();
    let _ = svc.orders().create(NewOrders { order_no: Some("SO-1".into()), ..NewOrders::new() });
    let _ = svc.products().create(NewProducts { name: Some("Pretzel".into()), stock: None, price: None, rating: None, released_at: None, available: None });
}
