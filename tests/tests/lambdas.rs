//! Lambda operators (`any`, `all`) over collection navigation, typed: the inner
//! condition is a filter on the target entity type. OData V4 only; on V2 they do not
//! compile (`tests/ui/fail/rule_lambda_on_v2.rs`).

mod support;

use odata_runtime::{Client, Version};

odata_derive::service! {
    mod shop = "../metadata-samples/cap_shop.v4.edmx";
    mod travel = "../metadata-samples/TravelService.v4.edmx";
}

use shop::{OrderItems, Orders};

#[test]
fn the_inner_condition_is_on_the_target_behind_its_own_variable() {
    let f = Orders::ITEMS.any(OrderItems::POS.gt(1).and(OrderItems::PRODUCT_ID.eq("P'1")));
    assert_eq!(f.render(Version::V4), "items/any(d0:d0/pos gt 1 and d0/product_ID eq 'P''1')");
    let f = Orders::ITEMS.all(OrderItems::QUANTITY.ge(1)).or(Orders::ITEMS.exists().not());
    assert_eq!(f.render(Version::V4), "items/all(d0:d0/quantity ge 1) or not (items/any())");
    // Nested: each level has its own variable; functions apply inside.
    let f = travel::Customer::TRAVELS.any(
        travel::Travel::BOOKINGS
            .any(travel::Booking::SEAT_COUNT.gt(2))
            .and(travel::Travel::DESCRIPTION.to_lower().contains("x")),
    );
    assert_eq!(
        f.render(Version::V4),
        "Travels/any(d0:d0/Bookings/any(d1:d1/SeatCount gt 2) and contains(tolower(d0/Description),'x'))"
    );
}

/// Against SAP CAP: the orders with an item past position 1 are exactly those whose
/// items, read with them, say so.
#[tokio::test]
async fn against_sap_cap_any_and_all_select_what_the_items_say() {
    let Some(cap) = support::cap::cap() else { return };
    let svc = shop::Service::new(&Client::builder(cap.v4_root()).build().unwrap());
    // Beside the seed order (items 1 and 2): one without items, one with item 1 only.
    let empty = svc.orders().create(shop::NewOrders::new("No items")).send().await.unwrap().id;
    let single = odata_runtime::edm::Guid::new_v4();
    let order = shop::NewOrders {
        id: Some(single),
        items: Some(vec![shop::NewOrderItems::new(single, 1)]),
        ..shop::NewOrders::new("One item")
    };
    svc.orders().create(order).send().await.unwrap();
    let all = svc.orders().list().expand(Orders::ITEMS).send().await.unwrap().items;
    let expected = |keep: &dyn Fn(&[shop::OrderItems]) -> bool| -> Vec<odata_runtime::edm::Guid> {
        let mut ids: Vec<_> =
            all.iter().filter(|o| keep(o.items.as_deref().unwrap_or_default())).map(|o| o.id).collect();
        ids.sort();
        ids
    };
    let ids = |page: Vec<Orders>| -> Vec<odata_runtime::edm::Guid> {
        let mut ids: Vec<_> = page.into_iter().map(|o| o.id).collect();
        ids.sort();
        ids
    };
    let any = svc.orders().list().filter(Orders::ITEMS.any(OrderItems::POS.gt(1))).send().await.unwrap().items;
    let any = ids(any);
    assert_eq!(any, expected(&|items| items.iter().any(|i| i.pos > 1)));
    assert!(!any.is_empty() && !any.contains(&single) && !any.contains(&empty));
    let none = svc.orders().list().filter(Orders::ITEMS.exists().not()).send().await.unwrap().items;
    let none = ids(none);
    assert_eq!(none, expected(&|items| items.is_empty()));
    assert!(none.contains(&empty) && !none.contains(&single));
    let all_first = svc.orders().list().filter(Orders::ITEMS.all(OrderItems::POS.eq(1))).send().await.unwrap().items;
    let all_first = ids(all_first);
    assert_eq!(all_first, expected(&|items| items.iter().all(|i| i.pos == 1)));
    assert!(all_first.contains(&single) && all_first.contains(&empty), "`all` holds for no items too");
}
