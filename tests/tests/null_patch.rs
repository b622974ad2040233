//! Setting a nullable property to null with a patch (`Some(None)`: PATCH on V4, MERGE on
//! V2), against the sandbox's Gateway; `cap_e2e.rs` does the same against SAP CAP. A
//! null for a property that cannot be null does not compile
//! (`tests/ui/fail/rule_patch_null_for_non_nullable.rs`).

mod support;

use odata_runtime::edm::Guid;
use odata_runtime::{Client, Entity};

odata_derive::service! {
    mod shop4 = "../metadata-samples/cap_shop.v4.edmx";
    mod shop2 = "../metadata-samples/cap_shop.v2.edmx";
}

macro_rules! clears_a_nullable_property {
    ($name:ident, $module:ident, $edmx:literal, $body:literal) => {
        #[tokio::test]
        async fn $name() {
            use $module::{NewOrders, OrdersKey, OrdersPatch, Service};
            let gateway = support::gateway(include_str!($edmx), "/shop/").await;
            let svc = Service::new(&Client::builder(gateway.url()).build().unwrap());
            let id = Guid::from_u128(0x5eed);
            let order = NewOrders { id: Some(id), currency: Some("EUR".into()), ..NewOrders::new("Ann") };
            let created = svc.orders().create(order).send().await.unwrap();

            let clear =
                svc.orders().update(OrdersKey { id }, OrdersPatch { currency: Some(None), ..Default::default() });
            assert_eq!(clear.plan().unwrap().body().unwrap(), &$body[..]);
            clear.if_match(created.etag().expect("the Gateway sends ETags")).send().await.unwrap();
            let read = svc.orders().get(OrdersKey { id }).send().await.unwrap();
            assert_eq!(
                (read.currency.as_deref(), read.customer.as_deref()),
                (None, Some("Ann")),
                "only currency changed"
            );

            // `None` leaves a property as it is: an empty patch changes nothing.
            let empty = svc.orders().update(OrdersKey { id }, OrdersPatch::default());
            empty.if_match(read.etag().unwrap()).send().await.unwrap();
            let again = svc.orders().get(OrdersKey { id }).send().await.unwrap();
            assert_eq!((again.currency, again.customer), (read.currency, read.customer));
        }
    };
}

clears_a_nullable_property!(
    v4_patch_sets_null,
    shop4,
    "../../metadata-samples/cap_shop.v4.edmx",
    br#"{"currency":null}"#
);
clears_a_nullable_property!(
    v2_merge_sets_null,
    shop2,
    "../../metadata-samples/cap_shop.v2.edmx",
    br#"{"currency":null}"#
);
