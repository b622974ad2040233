//! `$apply` (OData V4 data aggregation), typed: rows grouped by properties with sums,
//! extremes, averages and counts of each group, read as the properties' and aggregates'
//! types. V4 only; on V2 it does not compile (`tests/ui/fail/rule_aggregate_on_v2.rs`).

mod support;

use odata_runtime::edm::Decimal;
use odata_runtime::query::Aggregate;
use odata_runtime::Client;
use std::collections::BTreeMap;
use std::str::FromStr;

odata_derive::service! {
    mod shop = "../metadata-samples/cap_shop.v4.edmx";
}

use shop::Orders;

fn decimal(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

#[test]
fn the_plan_filters_then_groups_then_aggregates() {
    let client = Client::builder("http://127.0.0.1:1/shop/").build().unwrap();
    let svc = shop::Service::new(&client);
    let plan = svc
        .orders()
        .aggregate((Orders::CUSTOMER, Orders::CURRENCY), (Orders::TOTAL.sum(), Aggregate::count()))
        .filter(Orders::CUSTOMER.starts_with("A'"))
        .plan();
    assert_eq!(
        plan.query(),
        [(
            "$apply".to_owned(),
            "filter(startswith(customer,'A'''))/groupby((customer,currency),aggregate(total with sum as total_sum,$count as count))"
                .to_owned()
        )]
    );
}

/// Against SAP CAP: what the server aggregates equals what the orders add up to.
#[tokio::test]
async fn against_sap_cap_groups_and_aggregates_match_the_orders() {
    let Some(cap) = support::cap::cap() else { return };
    groups_and_aggregates_match_the_orders(&shop::Service::new(&Client::builder(cap.v4_root()).build().unwrap())).await;
}

/// The same against the sandbox's Gateway.
#[tokio::test]
async fn the_sandbox_gateway_groups_and_aggregates_like_cap() {
    let gateway = support::gateway(include_str!("../../metadata-samples/cap_shop.v4.edmx"), "/shop/").await;
    groups_and_aggregates_match_the_orders(&shop::Service::new(&Client::builder(gateway.url()).build().unwrap())).await;
}

async fn groups_and_aggregates_match_the_orders(svc: &shop::Service) {
    let orders = [
        ("Agg Ann", Some("EUR"), Some("10.50")),
        ("Agg Ann", Some("EUR"), Some("20.00")),
        ("Agg Ann", Some("USD"), Some("5.00")),
        ("Agg Bob", Some("EUR"), Some("7.25")),
        ("Agg Bob", Some("EUR"), None),
    ];
    for (customer, currency, total) in orders {
        let order = shop::NewOrders {
            currency: currency.map(str::to_owned),
            total: total.map(decimal),
            ..shop::NewOrders::new(customer)
        };
        svc.orders().create(order).send().await.unwrap();
    }
    let ours = || Orders::CUSTOMER.starts_with("Agg ");

    // Per customer and currency: sum, max, average and count.
    let page = svc
        .orders()
        .aggregate(
            (Orders::CUSTOMER, Orders::CURRENCY),
            (Orders::TOTAL.sum(), Orders::TOTAL.max(), Orders::TOTAL.average(), Aggregate::count()),
        )
        .filter(ours())
        .send()
        .await
        .unwrap();
    // `customer` is nullable in the metadata (`@mandatory` is checked on create only).
    let mut groups: BTreeMap<(Option<String>, Option<String>), _> = BTreeMap::new();
    for ((customer, currency), (sum, max, average, count)) in page.items {
        groups.insert((customer, currency), (sum, max, average, count));
    }
    assert_eq!(groups.len(), 3, "{groups:?}");
    let (sum, max, average, count) = &groups[&(Some("Agg Ann".to_owned()), Some("EUR".to_owned()))];
    assert_eq!(sum.as_ref(), Some(&decimal("30.50")));
    assert_eq!(max.as_ref(), Some(&decimal("20.00")));
    assert_eq!(average.as_ref(), Some(&decimal("15.25")));
    assert_eq!(*count, 2);
    let (sum, _, _, count) = &groups[&(Some("Agg Bob".to_owned()), Some("EUR".to_owned()))];
    assert_eq!(sum.as_ref(), Some(&decimal("7.25")), "a null total adds nothing");
    assert_eq!(*count, 2, "but its order is counted");

    // No grouping: one row over every order of the test.
    let page = svc
        .orders()
        .aggregate((), (Aggregate::count(), Orders::CUSTOMER.count_distinct(), Orders::TOTAL.min()))
        .filter(ours())
        .send()
        .await
        .unwrap();
    assert_eq!(page.items.len(), 1);
    let ((), (count, customers, min)) = &page.items[0];
    assert_eq!((*count, *customers), (5, 2));
    assert_eq!(min.as_ref(), Some(&decimal("5.00")));

    // Grouping alone: the distinct values.
    let page = svc.orders().aggregate(Orders::CUSTOMER, ()).filter(ours()).send().await.unwrap();
    let mut customers: Vec<Option<String>> = page.items.into_iter().map(|(customer, ())| customer).collect();
    customers.sort();
    assert_eq!(customers, [Some("Agg Ann".to_owned()), Some("Agg Bob".to_owned())]);

    // Neither: refused before anything is sent.
    let e = svc.orders().aggregate((), ()).send().await.unwrap_err();
    assert!(matches!(e, odata_runtime::Error::InvalidInput(ref m) if m.contains("group by or an aggregate")), "{e}");
}
