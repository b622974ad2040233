//! End-to-end against SAP CAP over loopback HTTP: the same typed calls on the OData V4
//! service and on its V2 face (the odata-v2-adapter), with clients generated from the
//! `$metadata` CAP serves (saved in `metadata-samples/cap_shop.v{2,4}.edmx`).

mod support;

use odata_runtime::request::{Method, RequestPlan};
use odata_runtime::{Client, Entity, Error, Version};

odata_derive::service! {
    /// The test shop as CAP serves it in OData V4.
    pub mod shop4 = "../metadata-samples/cap_shop.v4.edmx";
    /// The same shop through CAP's OData V2 adapter.
    pub mod shop2 = "../metadata-samples/cap_shop.v2.edmx";
}

fn client(root: String) -> Client {
    Client::builder(root).build().unwrap()
}

async fn get_text(client: &Client, path: &str) -> String {
    let plan = RequestPlan::new(Method::Get, path, Version::V4).with_header("Accept", "application/xml");
    String::from_utf8(client.execute(&plan).await.unwrap().body().to_vec()).unwrap()
}

/// The generated clients are built from what CAP serves; this fails when the two drift
/// (after a CAP upgrade or a model change). Update the files with
/// `ODATA_UPDATE_CAP_METADATA=1 cargo test -p odata-tests --test cap_e2e`.
#[tokio::test]
async fn saved_metadata_is_what_cap_serves() {
    let Some(cap) = support::cap::cap() else { return };
    let saved = [
        (cap.v4_root(), "cap_shop.v4.edmx"),
        (cap.v2_root(), "cap_shop.v2.edmx"),
        (cap.drafts_root(), "cap_drafts.v4.edmx"),
    ];
    for (root, file) in saved {
        let served = get_text(&client(root), "$metadata").await;
        let path = format!("{}/../metadata-samples/{file}", env!("CARGO_MANIFEST_DIR"));
        if std::env::var_os("ODATA_UPDATE_CAP_METADATA").is_some() {
            std::fs::write(&path, &served).unwrap();
        }
        let saved = std::fs::read_to_string(&path).unwrap();
        assert!(saved == served, "{file} differs from the $metadata CAP serves; see this test's doc to update it");
    }
}

/// An `Edm.DateTimeOffset` written through either face of the service is stored as the
/// instant it names, whatever its offset: read back through V2 and V4 it is the same
/// instant. (V2 used to write the value's own offset, `/Date(ms+0120)/`, which CAP's V2
/// adapter stored two hours off.)
#[tokio::test]
async fn a_date_time_offset_keeps_its_instant_through_both_versions() {
    let Some(cap) = support::cap::cap() else { return };
    let v2 = shop2::Service::new(&client(cap.v2_root()));
    let v4 = shop4::Service::new(&client(cap.v4_root()));
    for (n, text) in
        ["2024-08-08T10:07:00+02:00", "2024-08-08T10:07:00-05:30", "2024-08-08T10:07:00+00:00"].into_iter().enumerate()
    {
        let instant = odata_runtime::chrono::DateTime::parse_from_rfc3339(text).unwrap();
        for through_v2 in [true, false] {
            let id = format!("DT{n}{}", if through_v2 { "V2" } else { "V4" });
            if through_v2 {
                let new = shop2::NewProducts { released_at: Some(instant), ..shop2::NewProducts::new(id.clone()) };
                v2.products().create(new).send().await.unwrap();
            } else {
                let new = shop4::NewProducts { released_at: Some(instant), ..shop4::NewProducts::new(id.clone()) };
                v4.products().create(new).send().await.unwrap();
            }
            let by_v2 = v2.products().get(shop2::ProductsKey { id: id.clone() }).send().await.unwrap().released_at;
            let by_v4 = v4.products().get(shop4::ProductsKey { id: id.clone() }).send().await.unwrap().released_at;
            let written = if through_v2 { "V2" } else { "V4" };
            assert_eq!(
                by_v2.map(|t| t.timestamp_millis()),
                Some(instant.timestamp_millis()),
                "{text} written through {written}, read through V2"
            );
            assert_eq!(
                by_v4.map(|t| t.timestamp_millis()),
                Some(instant.timestamp_millis()),
                "{text} written through {written}, read through V4"
            );
            v4.products().delete(shop4::ProductsKey { id }).send().await.unwrap();
        }
    }
}

macro_rules! both_versions {
    ($($version:ident => $module:ident, $root:ident;)*) => {$(
        mod $version {
            use super::*;
            use super::$module::{
                sets, NewOrderItems, NewOrders, NewProducts, OrderItems, OrderItemsKey, Orders, OrdersKey, OrdersPatch, PriceInfoParameters, ProductCountParameters,
                Products, ProductsBelowParameters, ProductsKey, RestockParameters, Service, TouchParameters,
            };
            use odata_runtime::Entity;

            fn service(cap: &support::cap::Cap) -> Service {
                Service::new(&client(cap.$root()))
            }

            #[tokio::test]
            async fn list_with_filter_select_order_top_skip_and_count() {
                let Some(cap) = support::cap::cap() else { return };
                let svc = service(cap);
                let filter = || Products::STOCK.gt(10).and(Products::NAME.contains("Bread"));
                let page = svc
                    .products()
                    .list()
                    .filter(filter())
                    .select((Products::ID, Products::NAME, Products::PRICE, Products::STOCK))
                    .order_by(Products::PRICE.desc())
                    .order_by(Products::ID)
                    .top(3)
                    .skip(1)
                    .with_count()
                    .send()
                    .await
                    .unwrap();
                let all = svc.products().list().filter(filter()).order_by(Products::PRICE.desc()).order_by(Products::ID).send().await.unwrap();
                assert!(all.items.len() > 4, "the seed data has enough bread");
                assert_eq!(page.count, Some(all.items.len() as u64));
                // The items are exactly the selected values, typed: (ID, name, price, stock).
                let rows: Vec<(String, Option<String>, Option<odata_runtime::bigdecimal::BigDecimal>, Option<i32>)> =
                    page.items;
                let ids: Vec<&str> = rows.iter().map(|(id, ..)| id.as_str()).collect();
                let expected: Vec<&str> = all.items[1..4].iter().map(|p| p.id.as_str()).collect();
                assert_eq!(ids, expected);
                for ((_, name, price, stock), whole) in rows.iter().zip(&all.items[1..4]) {
                    assert!(stock.unwrap() > 10 && name.as_deref().unwrap().contains("Bread"));
                    assert_eq!((name, price, stock), (&whole.name, &whole.price, &whole.stock));
                }
                let counted = svc.products().count().filter(filter()).send().await.unwrap();
                assert_eq!(counted, all.items.len() as u64);
            }

            #[tokio::test]
            async fn server_driven_paging_reports_the_next_link() {
                let Some(cap) = support::cap::cap() else { return };
                let page = service(cap).products().list().send().await.unwrap();
                assert_eq!(page.items.len(), 20, "CAP's page size for Products");
                assert!(page.next_link.is_some(), "45 products, so there is a next page");
            }

            #[tokio::test]
            async fn stream_follows_every_next_link() {
                use futures_util::StreamExt;
                let Some(cap) = support::cap::cap() else { return };
                let svc = service(cap);
                let ids: Vec<String> = svc
                    .products()
                    .list()
                    .filter(Products::ID.starts_with("P"))
                    .order_by(Products::ID)
                    .stream()
                    .map(|p| p.unwrap().id)
                    .collect()
                    .await;
                assert_eq!(ids.len(), 45, "all seeded products, over three server pages");
                let expected: Vec<String> = (1..=45).map(|i| format!("P{i:03}")).collect();
                assert_eq!(ids, expected);
            }

            #[tokio::test]
            async fn get_by_single_and_composite_guid_key() {
                let Some(cap) = support::cap::cap() else { return };
                let svc = service(cap);
                let p = svc.products().get(ProductsKey { id: "P001".into() }).send().await.unwrap();
                assert_eq!(p.name.as_deref(), Some("Rye Bread 1"));
                assert_eq!(p.price.unwrap(), "4.70".parse::<odata_runtime::edm::Decimal>().unwrap()); // by value: CAP sends 4.7
                assert_eq!(p.released_at.unwrap().to_rfc3339(), "2024-02-02T08:30:00+00:00");
                let order = "7d9c7a2e-4f1b-4c3a-9b8e-1a2b3c4d5e6f".parse().unwrap();
                let item = svc.order_items().get(OrderItemsKey { order_id: order, pos: 2 }).send().await.unwrap();
                assert_eq!(item.product_id.as_deref(), Some("P002"));
                assert_eq!(item.quantity.unwrap(), "1".parse::<odata_runtime::edm::Decimal>().unwrap());
            }

            #[tokio::test]
            async fn create_read_back_delete() {
                let Some(cap) = support::cap::cap() else { return };
                let svc = service(cap);
                let id = format!("N{}", stringify!($version).to_uppercase());
                let new = NewProducts {
                    name: Some("Zoë's \"quoted\" & /slashed/ bread".into()),
                    price: Some("1234567.89".parse().unwrap()),
                    stock: Some(7),
                    rating: Some(4.25),
                    available: Some(true),
                    ..NewProducts::new(id.clone())
                };
                let created = svc.products().create(new.clone()).send().await.unwrap();
                assert_eq!(created.id, id);
                let read = svc.products().get(ProductsKey { id: id.clone() }).send().await.unwrap();
                assert_eq!((read.name.clone(), read.price.clone(), read.stock, read.rating), (new.name, new.price, new.stock, new.rating));
                svc.products().delete(ProductsKey { id: id.clone() }).send().await.unwrap();
                let gone = svc.products().get(ProductsKey { id }).send().await.unwrap_err();
                assert!(gone.is_not_found(), "{gone}");
                assert!(matches!(gone, Error::Http(ref e) if !e.message.is_empty()), "{gone:?}");
            }

            #[tokio::test]
            async fn update_replace_and_etag_conflict() {
                let Some(cap) = support::cap::cap() else { return };
                let svc = service(cap);
                // One order per version: both tests share CAP's database.
                let id = odata_runtime::edm::Guid::from_u128(0x5eed_0000 + u128::from(stringify!($version).as_bytes()[1]));
                let key = || OrdersKey { id };
                let order = NewOrders { id: Some(id), order_no: Some("SO-9".into()), currency: Some("EUR".into()), ..NewOrders::new("Ann") };
                let created = svc.orders().create(order).send().await.unwrap();
                let first_etag = created.etag().expect("CAP sends the ETag of Orders").to_owned();
                // modifiedAt is the ETag; let the clock move on.
                tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                let changes = OrdersPatch { customer: Some(Some("Ann O'Neil".into())), total: Some(Some("99.90".parse().unwrap())), ..Default::default() };
                svc.orders().update(key(), changes).if_match(first_etag.clone()).send().await.unwrap();
                let read = svc.orders().get(key()).send().await.unwrap();
                assert_eq!(read.customer.as_deref(), Some("Ann O'Neil"));
                assert_eq!(read.currency.as_deref(), Some("EUR"), "an update changes only what it sends");
                let second_etag = read.etag().unwrap().to_owned();
                assert_ne!(second_etag, first_etag);
                let refreshed = svc.orders().refresh(&created).send().await.unwrap();
                assert_eq!(refreshed.customer.as_deref(), Some("Ann O'Neil"), "refresh reads the current state");

                // `Some(None)` clears a nullable property: `null` is sent, and read back.
                tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                let clear = svc.orders().update(key(), OrdersPatch { currency: Some(None), ..Default::default() });
                assert_eq!(clear.plan().unwrap().body().unwrap(), &br#"{"currency":null}"#[..]);
                let cleared = clear.if_match(second_etag).send().await.unwrap();
                let read = svc.orders().get(key()).send().await.unwrap();
                assert_eq!((read.currency.as_deref(), read.customer.as_deref()), (None, Some("Ann O'Neil")));
                let second_etag = cleared.etag.unwrap_or_else(|| read.etag().unwrap().to_owned());

                let stale = svc.orders().update(key(), OrdersPatch { customer: Some(Some("lost".into())), ..Default::default() });
                let conflict = stale.if_match(first_etag).send().await.unwrap_err();
                assert!(conflict.is_etag_conflict(), "{conflict:?}");
                let unchanged = svc.orders().get(key()).send().await.unwrap();
                assert_eq!(unchanged.customer.as_deref(), Some("Ann O'Neil"));

                tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                let mut whole = unchanged.clone();
                whole.customer = Some("Bea".into());
                svc.orders().replace(key(), whole).if_match(second_etag).send().await.unwrap();
                let replaced = svc.orders().get(key()).send().await.unwrap();
                assert_eq!((replaced.customer.as_deref(), replaced.currency.as_deref()), (Some("Bea"), None));
                svc.orders().delete(key()).if_match(replaced.etag().unwrap()).send().await.unwrap();
            }

            #[tokio::test]
            async fn deep_create_writes_the_children_too() {
                let Some(cap) = support::cap::cap() else { return };
                let svc = service(cap);
                let id = odata_runtime::edm::Guid::from_u128(0xdee9_0000 + u128::from(stringify!($version).as_bytes()[1]));
                let item = |pos: i32, product: &str| NewOrderItems {
                    product_id: Some(product.into()),
                    quantity: Some("2.5".parse().unwrap()),
                    ..NewOrderItems::new(id, pos)
                };
                let order = NewOrders {
                    id: Some(id),
                    order_no: Some("SO-DEEP".into()),
                    items: Some(vec![item(1, "P003"), item(2, "P004")]),
                    ..NewOrders::new("Deep & Co")
                };
                svc.orders().create(order).send().await.unwrap();
                let read = svc.orders().get(OrdersKey { id }).expand(Orders::ITEMS).send().await.unwrap();
                let etag = read.etag().unwrap().to_owned();
                let mut items: Vec<(i32, Option<String>)> =
                    read.items.unwrap().into_iter().map(|i| (i.pos, i.product_id)).collect();
                items.sort();
                assert_eq!(items, [(1, Some("P003".into())), (2, Some("P004".into()))]);
                let second = svc.order_items().get(OrderItemsKey { order_id: id, pos: 2 }).send().await.unwrap();
                assert_eq!(second.quantity.unwrap(), "2.5".parse::<odata_runtime::edm::Decimal>().unwrap());
                // The ETag is required: without If-Match the server refuses (428).
                let refused = svc.orders().delete(OrdersKey { id }).send().await.unwrap_err();
                assert_eq!(refused.status(), Some(428), "{refused}");
                svc.orders().delete(OrdersKey { id }).if_match(etag).send().await.unwrap();
                let gone = svc.order_items().get(OrderItemsKey { order_id: id, pos: 1 }).send().await.unwrap_err();
                assert!(gone.is_not_found(), "deleting the order deletes its items: {gone}");
            }

            #[tokio::test]
            async fn functions_return_values_entities_collections_and_complex_values() {
                let Some(cap) = support::cap::cap() else { return };
                let svc = service(cap);
                let count = svc.product_count(ProductCountParameters { min_stock: 10 }).send().await.unwrap();
                let listed = svc.products().count().filter(Products::STOCK.ge(10)).send().await.unwrap();
                assert_eq!(count as u64, listed);
                let cheapest: Products = svc.cheapest_product().send().await.unwrap();
                let first = svc.products().list().filter(Products::PRICE.is_not_null()).order_by(Products::PRICE).order_by(Products::ID).top(1).send().await.unwrap();
                assert_eq!(cheapest.id, first.items[0].id);
                let price: odata_runtime::edm::Decimal = "5".parse().unwrap();
                let below: Vec<Products> = svc.products_below(ProductsBelowParameters { price: price.clone() }).send().await.unwrap();
                assert!(!below.is_empty() && below.iter().all(|p| p.price.clone().unwrap() < price));
                let all = svc.price_info(PriceInfoParameters { available: None }).send().await.unwrap();
                let available = svc.price_info(PriceInfoParameters { available: Some(true) }).send().await.unwrap();
                assert!(all.count.unwrap() > available.count.unwrap());
                assert!(all.lowest.clone().unwrap() <= all.highest.clone().unwrap());
            }

            #[tokio::test]
            async fn actions_with_and_without_a_result() {
                let Some(cap) = support::cap::cap() else { return };
                let svc = service(cap);
                let key = || ProductsKey { id: "R001".into() };
                let before = svc.products().get(key()).send().await.unwrap().stock.unwrap();
                let restocked: Products = svc.restock(RestockParameters { product: "R001".into(), quantity: 1 }).send().await.unwrap();
                assert_eq!(restocked.id, "R001");
                assert!(restocked.stock.unwrap() > before, "the action ran and returned the entity");
                let () = svc.touch(TouchParameters { product: "R001".into() }).send().await.unwrap();
                assert_eq!(svc.products().get(key()).send().await.unwrap().available, Some(true));
            }

            #[tokio::test]
            async fn navigation_from_a_key() {
                let Some(cap) = support::cap::cap() else { return };
                let svc = service(cap);
                let order = OrdersKey { id: "7d9c7a2e-4f1b-4c3a-9b8e-1a2b3c4d5e6f".parse().unwrap() };
                let items = svc.orders().key(order).to_many(Orders::ITEMS);
                let page = items.list().order_by(OrderItems::POS.desc()).send().await.unwrap();
                let positions: Vec<i32> = page.items.iter().map(|i| i.pos).collect();
                assert_eq!(positions, [2, 1]);
                assert_eq!(items.count().send().await.unwrap(), 2);
                assert_eq!(items.count().filter(OrderItems::POS.eq(2)).send().await.unwrap(), 1);
                let key = OrderItemsKey { order_id: "7d9c7a2e-4f1b-4c3a-9b8e-1a2b3c4d5e6f".parse().unwrap(), pos: 1 };
                let parent = svc.order_items().key(key).to_one(OrderItems::ORDER).get().send().await.unwrap();
                assert_eq!(parent.order_no.as_deref(), Some("SO-1"));
            }

            #[tokio::test]
            async fn batches_with_reads_and_changesets_one_failing() {
                use odata_runtime::batch::BatchFormat;
                let Some(cap) = support::cap::cap() else { return };
                let svc = service(cap);
                let seeded = OrdersKey { id: "7d9c7a2e-4f1b-4c3a-9b8e-1a2b3c4d5e6f".parse().unwrap() };
                for (n, format) in [BatchFormat::Multipart, BatchFormat::Json].into_iter().enumerate() {
                    let tag = u128::from(stringify!($version).as_bytes()[1]) * 16 + n as u128;
                    let (kept, dropped) = (
                        odata_runtime::edm::Guid::from_u128(0xba7c_0000 + tag),
                        odata_runtime::edm::Guid::from_u128(0xba7d_0000 + tag),
                    );
                    // Reads only.
                    let mut reads = svc.batch().format(format);
                    let product = reads.add(svc.products().get(ProductsKey { id: "R001".into() }));
                    let all = reads.add(svc.products().count());
                    let mut answers = reads.send().await.unwrap();
                    assert_eq!(answers.take(product).unwrap().id, "R001", "{format:?}");
                    assert!(answers.take(all).unwrap() > 2, "{format:?}");

                    // Reads and two changesets, the second failing.
                    let mut batch = svc.batch().format(format);
                    let page = batch.add(svc.products().list().order_by(Products::ID).top(2));
                    let count = batch.add(svc.products().count().filter(Products::STOCK.ge(10)));
                    let missing = batch.add(svc.orders().get(OrdersKey { id: dropped }));
                    let (created, renamed) = batch.changeset(|cs| {
                        let order = NewOrders { id: Some(kept), order_no: Some("SO-B1".into()), ..NewOrders::new("Batch") };
                        let created = cs.add(svc.orders().create(order));
                        let patch = OrdersPatch { customer: Some(Some("Batch & Co".into())), ..Default::default() };
                        let renamed = cs.add(svc.orders().update_created(&created, patch).ignore_etag());
                        (created, renamed)
                    });
                    let (doomed, stale) = batch.changeset(|cs| {
                        let order = NewOrders { id: Some(dropped), order_no: Some("SO-B2".into()), ..NewOrders::new("Batch") };
                        let doomed = cs.add(svc.orders().create(order));
                        let patch = OrdersPatch { customer: Some(Some("lost".into())), ..Default::default() };
                        let stale = cs.add(svc.orders().update(seeded.clone(), patch).if_match("W/\"2000-01-01T00:00:00.000Z\""));
                        (doomed, stale)
                    });
                    let mut response = batch.send().await.unwrap();
                    let ids: Vec<String> = response.take(page).unwrap().items.into_iter().map(|p| p.id).collect();
                    assert_eq!(ids.len(), 2, "{format:?}");
                    let counted = response.take(count).unwrap();
                    assert_eq!(counted, svc.products().count().filter(Products::STOCK.ge(10)).send().await.unwrap());
                    assert!(response.take(missing).unwrap_err().is_not_found(), "{format:?}");
                    assert_eq!(response.take(created).unwrap().order_no.as_deref(), Some("SO-B1"));
                    response.take(renamed).unwrap();
                    let stale = response.take(stale).unwrap_err();
                    assert!(stale.is_etag_conflict(), "{format:?}: {stale}");
                    let doomed = response.take(doomed).unwrap_err();
                    assert!(doomed.status().is_some(), "{format:?}: never a success: {doomed}");
                    let read = svc.orders().get(OrdersKey { id: kept }).send().await.unwrap();
                    assert_eq!(read.customer.as_deref(), Some("Batch & Co"), "{format:?}: the $1 reference");
                    let gone = svc.orders().get(OrdersKey { id: dropped }).send().await.unwrap_err();
                    assert!(gone.is_not_found(), "{format:?}: the failed changeset's create was rolled back: {gone}");
                    svc.orders().delete(OrdersKey { id: kept }).if_match("*").send().await.unwrap();
                }
            }

            #[tokio::test]
            async fn read_only_set_reads() {
                let Some(cap) = support::cap::cap() else { return };
                let best = odata_runtime::request::EntitySetRef::<sets::Bestsellers>::new(client(cap.$root()));
                let page = best.list().send().await.unwrap();
                assert!(!page.items.is_empty());
                assert!(page.items.iter().all(|p| p.rating.unwrap() >= 4.5));
            }
        }
    )*};
}

both_versions! {
    v4 => shop4, v4_root;
    v2 => shop2, v2_root;
}

/// A fresh order for the operation tests (one per version: they share the database).
fn new_order(id: u128) -> odata_runtime::edm::Guid {
    odata_runtime::edm::Guid::from_u128(0x0be7_0000 + id)
}

#[tokio::test]
async fn v4_bound_action_and_function() {
    use shop4::{NewOrders, Orders, OrdersCancelParameters, OrdersKey};
    let Some(cap) = support::cap::cap() else { return };
    let svc = shop4::Service::new(&client(cap.v4_root()));
    let id = new_order(4);
    let created = svc.orders().create(NewOrders { id: Some(id), ..NewOrders::new("Ann") }).send().await.unwrap();
    let order = svc.orders().key(OrdersKey { id });
    assert_eq!(Orders::item_count(&order).send().await.unwrap(), 0);
    let cancel = Orders::cancel(&order, OrdersCancelParameters { reason: Some("late".into()) });
    let cancelled = cancel.if_match(created.etag().unwrap()).send().await.unwrap();
    assert_eq!(cancelled.customer.as_deref(), Some("cancelled: late"));
    let etag = cancelled.etag().unwrap().to_owned();
    svc.orders().delete(OrdersKey { id }).if_match(etag).send().await.unwrap();
}

#[tokio::test]
async fn v4_nested_expand_options() {
    use shop4::{OrderItems, Orders, OrdersKey};
    let Some(cap) = support::cap::cap() else { return };
    let svc = shop4::Service::new(&client(cap.v4_root()));
    let key = OrdersKey { id: "7d9c7a2e-4f1b-4c3a-9b8e-1a2b3c4d5e6f".parse().unwrap() };
    let only_second = Orders::ITEMS.with(|q| q.filter(OrderItems::POS.eq(2)).order_by(OrderItems::POS).top(5));
    let order = svc.orders().get(key).expand(only_second).send().await.unwrap();
    let items = order.items.unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!((items[0].pos, items[0].product_id.as_deref()), (2, Some("P002")));
}

#[tokio::test]
async fn v2_refuses_nested_expand_options_before_sending() {
    use shop2::{OrderItems, Orders};
    let svc = shop2::Service::new(&client("http://127.0.0.1:9/odata/v2/shop/".into()));
    let request = svc.orders().list().expand(Orders::ITEMS.with(|q| q.top(1).filter(OrderItems::POS.gt(0))));
    assert_eq!(request.plan().query()[0].1, "items($filter=pos gt 0;$top=1)");
    let e = request.send().await.unwrap_err();
    assert!(matches!(e, Error::InvalidInput(ref m) if m.contains("need OData V4")), "{e:?}");
}

#[tokio::test]
async fn v2_bound_operations_as_function_imports() {
    use shop2::{NewOrders, OrdersCancelParameters, OrdersItemCountParameters, OrdersKey};
    let Some(cap) = support::cap::cap() else { return };
    let svc = shop2::Service::new(&client(cap.v2_root()));
    let id = new_order(2);
    let created = svc.orders().create(NewOrders { id: Some(id), ..NewOrders::new("Bea") }).send().await.unwrap();
    assert_eq!(svc.orders_item_count(OrdersItemCountParameters { id }).send().await.unwrap(), 0);
    let cancel = svc.orders_cancel(OrdersCancelParameters { id, reason: Some("late".into()) });
    let cancelled = cancel.if_match(created.etag().unwrap()).send().await.unwrap();
    assert_eq!(cancelled.customer.as_deref(), Some("cancelled: late"));
    let etag = cancelled.etag().unwrap().to_owned();
    svc.orders().delete(OrdersKey { id }).if_match(etag).send().await.unwrap();
}

#[tokio::test]
async fn links_to_another_host_are_refused_before_any_request() {
    let client = client("http://127.0.0.1:9/shop/".into());
    for link in
        ["http://evil.example/shop/Products?$skiptoken=1", "https://127.0.0.1:9/shop/Products", "//evil.example/x"]
    {
        let plan = RequestPlan::new(Method::Get, link, Version::V4);
        let e = client.execute(&plan).await.unwrap_err();
        assert!(matches!(e, Error::InvalidInput(ref m) if m.contains("not on the service's host")), "{link}: {e:?}");
    }
}

#[tokio::test]
async fn connection_refused_is_a_transport_error() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let svc = shop4::Service::new(&client(format!("http://127.0.0.1:{port}/shop/")));
    let e = svc.products().list().send().await.unwrap_err();
    assert!(matches!(e, Error::Transport { timeout: false, .. }), "{e:?}");
    assert!(e.to_string().starts_with(&format!("http://127.0.0.1:{port}/shop/Products: request failed")), "{e}");
}

#[tokio::test]
async fn selected_properties_read_as_typed_values_in_both_versions() {
    let Some(cap) = support::cap::cap() else { return };
    let v4 = shop4::Service::new(&client(cap.v4_root()));
    let key = || shop4::ProductsKey { id: "P003".into() };
    let (id, rating) =
        v4.products().get(key()).select((shop4::Products::ID, shop4::Products::RATING)).send().await.unwrap();
    assert_eq!((id.as_str(), rating), ("P003", Some(4.8)));
    let v2 = shop2::Service::new(&client(cap.v2_root()));
    let names: Vec<Option<String>> = v2
        .products()
        .list()
        .filter(shop2::Products::ID.eq("P001").or(shop2::Products::ID.eq("P002")))
        .order_by(shop2::Products::ID)
        .select(shop2::Products::NAME)
        .send()
        .await
        .unwrap()
        .items;
    assert_eq!(names, [Some("Rye Bread 1".to_owned()), Some("Croissant 2".to_owned())]);
}

#[tokio::test]
async fn v4_operations_bound_to_a_collection() {
    use shop4::{Products, ProductsDiscontinueCollectionParameters, ProductsTopRatedCollectionParameters};
    let Some(cap) = support::cap::cap() else { return };
    let svc = shop4::Service::new(&client(cap.v4_root()));
    let top = Products::top_rated(&svc.products(), ProductsTopRatedCollectionParameters { limit: Some(2) });
    assert_eq!(top.plan().unwrap().path(), "Products/ShopService.topRated(limit=2)");
    let top: Vec<String> = top.send().await.unwrap().into_iter().map(|p| p.id).collect();
    let expected = svc.products().list().order_by(Products::RATING.desc()).order_by(Products::ID).top(2);
    let expected: Vec<String> = expected.select(Products::ID).send().await.unwrap().items;
    assert_eq!(top, expected);
    let ids = vec!["X001".to_owned(), "no such".to_owned()];
    let discontinue =
        Products::discontinue(&svc.products(), ProductsDiscontinueCollectionParameters { ids: Some(ids) });
    assert_eq!(discontinue.send().await.unwrap(), 1, "one product matched");
    let x = svc.products().get(shop4::ProductsKey { id: "X001".into() }).select(Products::AVAILABLE).send().await;
    assert_eq!(x.unwrap(), Some(false));
}

#[tokio::test]
async fn function_parameters_that_are_collections_or_complex() {
    let Some(cap) = support::cap::cap() else { return };
    let ids = || Some(vec!["P001".to_owned(), "P002".to_owned(), "O'Brien".to_owned()]);
    // V4: a collection and a complex value go in parameter aliases.
    let v4 = shop4::Service::new(&client(cap.v4_root()));
    let count = v4.count_in(shop4::CountInParameters { ids: ids() });
    let plan = count.plan().unwrap();
    assert_eq!(plan.path(), "countIn(ids=@ids)");
    assert_eq!(plan.query(), [("@ids".to_owned(), r#"["P001","P002","O'Brien"]"#.to_owned())]);
    assert_eq!(count.send().await.unwrap(), 2);
    let info =
        shop4::PriceInfo { lowest: Some("1.5".parse().unwrap()), highest: Some("20".parse().unwrap()), count: Some(3) };
    let text = v4.price_of(shop4::PriceOfParameters { info: Some(info) }).send().await.unwrap();
    assert_eq!(text, "1.5..20 (3)");
    // V2 has no collection literal: the query option is repeated per item.
    let v2 = shop2::Service::new(&client(cap.v2_root()));
    let count = v2.count_in(shop2::CountInParameters { ids: ids() });
    let plan = count.plan().unwrap();
    let query = plan.query();
    assert_eq!(query.iter().filter(|(n, _)| n == "ids").count(), 3);
    assert_eq!(count.send().await.unwrap(), 2);
}

#[tokio::test]
async fn v2_media_entity_value_written_and_read_back() {
    use futures_util::StreamExt;
    use shop2::{DocumentsKey, NewDocuments};
    let Some(cap) = support::cap::cap() else { return };
    let svc = shop2::Service::new(&client(cap.v2_root()));
    let key = || DocumentsKey { id: "DOC2".into() };
    svc.documents()
        .create(NewDocuments { title: Some("notes".into()), ..NewDocuments::new("DOC2") })
        .send()
        .await
        .unwrap();
    let content: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
    let doc = svc.documents().key(key());
    doc.upload_media(content.clone(), "application/octet-stream").send().await.unwrap();
    let media = doc.media().send().await.unwrap();
    assert_eq!(media.content_type, "application/octet-stream");
    assert_eq!(media.bytes, content);
    let mut stream = std::pin::pin!(doc.media().open().await.unwrap().into_stream());
    let mut streamed = Vec::new();
    while let Some(chunk) = stream.next().await {
        streamed.extend_from_slice(&chunk.unwrap());
    }
    assert_eq!(streamed, content);
    let entity = svc.documents().get(key()).send().await.unwrap();
    assert_eq!(entity.media_type.as_deref(), Some("application/octet-stream"), "CAP records the media type");
    svc.documents().delete(key()).send().await.unwrap();
    let gone = svc.documents().key(key()).media().send().await.unwrap_err();
    assert!(gone.is_not_found(), "{gone:?}");
}

#[tokio::test]
async fn v4_stream_property_written_and_read_back() {
    use shop4::{Documents, DocumentsKey, NewDocuments};
    let Some(cap) = support::cap::cap() else { return };
    let svc = shop4::Service::new(&client(cap.v4_root()));
    let key = || DocumentsKey { id: "DOC4".into() };
    svc.documents().create(NewDocuments::new("DOC4")).send().await.unwrap();
    let doc = svc.documents().key(key());
    let text = "Grüße, 世界 \u{1F600}\n".repeat(1000);
    doc.upload_stream(Documents::CONTENT, text.clone(), "text/plain").send().await.unwrap();
    let media = doc.stream(Documents::CONTENT).send().await.unwrap();
    assert!(media.content_type.starts_with("text/plain"), "{}", media.content_type);
    assert_eq!(std::str::from_utf8(&media.bytes).unwrap(), text);
    svc.documents().delete(key()).send().await.unwrap();
}

#[tokio::test]
async fn v4_singleton_read_and_updated() {
    use shop4::SettingsPatch;
    let Some(cap) = support::cap::cap() else { return };
    let svc = shop4::Service::new(&client(cap.v4_root()));
    let settings = svc.settings().get().send().await.unwrap();
    assert_eq!((settings.currency.as_deref(), settings.page_size), (Some("EUR"), Some(20)));
    let update = svc.settings().update(SettingsPatch { page_size: Some(Some(50)), ..Default::default() });
    assert_eq!(update.plan().unwrap().path(), "Settings");
    update.send().await.unwrap();
    let page_size = svc.settings().get().select(shop4::Settings::PAGE_SIZE).send().await.unwrap();
    assert_eq!(page_size, Some(50));
    svc.settings().update(SettingsPatch { page_size: Some(Some(20)), ..Default::default() }).send().await.unwrap();
}
