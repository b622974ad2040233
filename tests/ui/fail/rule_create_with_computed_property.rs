odata_derive::service! {
    pub mod shop = "../../../../metadata-samples/cap_shop.v4.edmx";
}

use shop::*;

fn service() -> Service {
    Service::new(&odata_runtime::Client::builder("http://localhost:4004/shop/").build().unwrap())
}

// `createdAt` is `Core.Computed` (CAP's `managed`): the server sets it, so the create
// type has no such field.
fn main() {
    let new = NewOrders { created_at: Some(Default::default()), ..NewOrders::new("Ann") };
    let _ = service().orders().create(new);
}
