//! What a create sends: exactly the properties set in the generated `New…` type, never
//! a computed or read-only one, never a default the caller did not choose. The bodies
//! are compared for V2 and V4; the sandbox Gateway refuses what the typed API cannot
//! send; SAP CAP computes its keys and keeps its defaults.

mod support;

use odata_runtime::request::{Method, RequestPlan};
use odata_runtime::{Client, Entity, Error, Version};
use serde_json::{json, Value};

odata_derive::service! {
    mod bp = "../metadata-samples/API_BUSINESS_PARTNER.edmx";
    mod so = "../metadata-samples/API_SALES_ORDER_SRV.edmx";
    mod shop4 = "../metadata-samples/cap_shop.v4.edmx";
    mod shop2 = "../metadata-samples/cap_shop.v2.edmx";
}

fn client(root: impl Into<String>) -> Client {
    Client::builder(root).build().unwrap()
}

fn body(plan: &RequestPlan) -> Value {
    serde_json::from_slice(plan.body().expect("a create has a body")).unwrap()
}

#[test]
fn a_v2_create_sends_exactly_what_was_set() {
    let svc = bp::Service::new(&client("http://localhost/sap/opu/odata/sap/API_BUSINESS_PARTNER/"));
    // Not a `null` for every other property, not `""` for the non-nullable ones, none of
    // the read-only ones (`BusinessPartnerFullName`, `BusinessPartnerUUID`, `CreationDate`).
    let new = bp::NewBusinessPartner { first_name: Some("Ada".into()), ..bp::NewBusinessPartner::new("1000100") };
    let plan = svc.business_partner().create(new).plan().unwrap();
    assert_eq!((plan.method(), plan.path()), (Method::Post, "A_BusinessPartner"));
    assert_eq!(plan.body().unwrap(), &br#"{"BusinessPartner":"1000100","FirstName":"Ada"}"#[..]);

    // Deep insert: the items inside the order, V2's `results` form. The order's number is
    // the server's (`sap:creatable="false"`), so the order has no required property.
    let svc = so::Service::new(&client("http://localhost/sap/opu/odata/sap/API_SALES_ORDER_SRV/"));
    let item = so::NewSalesOrderItem {
        material: Some("TG11".into()),
        requested_quantity: Some("2".parse().unwrap()),
        ..so::NewSalesOrderItem::new("", "10")
    };
    let order = so::NewSalesOrder {
        sales_order_type: Some("OR".into()),
        sold_to_party: Some("17100001".into()),
        to_item: Some(vec![item]),
        ..so::NewSalesOrder::new()
    };
    let plan = svc.sales_order().create(order).plan().unwrap();
    assert_eq!(
        body(&plan),
        json!({
            "SalesOrderType": "OR",
            "SoldToParty": "17100001",
            "to_Item": {"results": [{"SalesOrder": "", "SalesOrderItem": "10", "Material": "TG11", "RequestedQuantity": "2"}]}
        })
    );
}

#[test]
fn a_v4_create_sends_exactly_what_was_set() {
    let svc = shop4::Service::new(&client("http://localhost/shop/"));
    // The key is CAP's to compute (`Core.ComputedDefaultValue`), `createdAt`… are
    // `Core.Computed`, `customer` is mandatory: the one argument.
    let plan = svc.orders().create(shop4::NewOrders::new("Ann")).plan().unwrap();
    assert_eq!(plan.body().unwrap(), &br#"{"customer":"Ann"}"#[..]);

    let id: odata_runtime::edm::Guid = "0be70000-0000-4000-8000-00000000c0de".parse().unwrap();
    let item = shop4::NewOrderItems { quantity: Some("2.5".parse().unwrap()), ..shop4::NewOrderItems::new(id, 1) };
    let order = shop4::NewOrders {
        id: Some(id),
        currency: Some("EUR".into()),
        items: Some(vec![item]),
        ..shop4::NewOrders::new("Ann")
    };
    let plan = svc.orders().create(order).plan().unwrap();
    assert_eq!(
        body(&plan),
        json!({
            "ID": "0be70000-0000-4000-8000-00000000c0de",
            "customer": "Ann",
            "currency": "EUR",
            "items": [{"order_ID": "0be70000-0000-4000-8000-00000000c0de", "pos": 1, "quantity": 2.5}]
        })
    );
    // `available` has a `DefaultValue`: left to the server unless set.
    let plan = svc.products().create(shop4::NewProducts::new("P9")).plan().unwrap();
    assert_eq!(plan.body().unwrap(), &br#"{"ID":"P9"}"#[..]);
}

/// The sandbox Gateway serving the V4 shop sample, without CSRF.
async fn shop_gateway() -> odata_sandbox::gateway::Gateway {
    odata_sandbox::gateway::Gateway::builder(include_str!("../../metadata-samples/cap_shop.v4.edmx"))
        .service_path("/shop/")
        .csrf(false)
        .start()
        .await
        .unwrap()
}

/// A raw `POST` of `payload` to `set`: the status and the error message.
async fn post_raw(client: &Client, set: &str, version: Version, payload: Value) -> (u16, String) {
    let plan = RequestPlan::new(Method::Post, set, version)
        .with_header("Content-Type", "application/json")
        .with_body(payload.to_string());
    match client.execute(&plan).await {
        Ok(response) => (response.status(), String::new()),
        Err(Error::Http(e)) => (e.status, e.message.clone()),
        Err(e) => panic!("{e}"),
    }
}

#[tokio::test]
async fn the_sandbox_gateway_refuses_what_the_typed_create_never_sends() {
    use odata_sandbox::gateway::Gateway;
    // V2: `sap:creatable="false"` properties (read-only and computed) in a create payload.
    let gateway = Gateway::builder(odata_sandbox::BUSINESS_PARTNER_EDMX).csrf(false).start().await.unwrap();
    let raw = client(gateway.url());
    for (property, value) in [
        ("BusinessPartnerFullName", json!("Ada Lovelace")),
        ("BusinessPartnerUUID", json!("0be70000-0000-4000-8000-000000000001")),
        ("CreationDate", json!("/Date(1700000000000)/")),
    ] {
        let payload = json!({"BusinessPartner": "2000001", "FirstName": "Ada", property: value});
        let (status, message) = post_raw(&raw, "A_BusinessPartner", Version::V2, payload).await;
        assert_eq!(status, 400, "{property}: {message}");
        assert!(message.contains(property) && message.contains("read-only"), "{message}");
    }
    // The typed create sends none of them; the server computes them.
    let svc = bp::Service::new(&raw);
    let new = bp::NewBusinessPartner { first_name: Some("Ada".into()), ..bp::NewBusinessPartner::new("2000001") };
    let created = svc.business_partner().create(new).send().await.unwrap();
    assert!(created.business_partner_uuid.is_some() && created.creation_date.is_some(), "{created:?}");

    // V4: `Core.Computed` (`createdAt`), and a mandatory property left out.
    let gateway = shop_gateway().await;
    let raw = client(gateway.url());
    let payload = json!({"customer": "Ann", "createdAt": "2024-01-01T00:00:00Z"});
    let (status, message) = post_raw(&raw, "Orders", Version::V4, payload).await;
    assert_eq!(status, 400, "{message}");
    assert!(message.contains("createdAt") && message.contains("read-only"), "{message}");
    let (status, message) = post_raw(&raw, "Orders", Version::V4, json!({"orderNo": "A1"})).await;
    assert_eq!(status, 400, "{message}");
    assert!(message.contains("customer") && message.contains("mandatory"), "{message}");
    // A key the server computes may still be chosen by the client.
    let payload = json!({"ID": "0be70000-0000-4000-8000-000000000002", "customer": "Ann"});
    assert_eq!(post_raw(&raw, "Orders", Version::V4, payload).await.0, 201);

    let svc = shop4::Service::new(&raw);
    let first = svc.orders().create(shop4::NewOrders::new("Bea")).send().await.unwrap();
    let second = svc.orders().create(shop4::NewOrders::new("Cy")).send().await.unwrap();
    assert_ne!(first.id, second.id, "server-computed keys");
    assert!(first.id != odata_runtime::edm::Guid::nil() && first.created_at.is_some(), "{first:?}");

    // A draft's administration is the server's (`Common.DraftRoot`): its flags are
    // read-only, its administrative navigation takes no deep insert.
    let gateway = Gateway::builder(include_str!("../../metadata-samples/cap_drafts.v4.edmx"))
        .service_path("/drafts/")
        .csrf(false)
        .start()
        .await
        .unwrap();
    let raw = client(gateway.url());
    let (status, message) = post_raw(&raw, "Notes", Version::V4, json!({"title": "A", "HasDraftEntity": true})).await;
    assert_eq!(status, 400, "{message}");
    assert!(message.contains("HasDraftEntity") && message.contains("read-only"), "{message}");
    let admin = json!({"title": "A", "DraftAdministrativeData": {"DraftUUID": "0be70000-0000-4000-8000-000000000003"}});
    let (status, message) = post_raw(&raw, "Notes", Version::V4, admin).await;
    assert_eq!(status, 400, "{message}");
    assert!(message.contains("DraftAdministrativeData cannot be filled on create"), "{message}");
    assert_eq!(post_raw(&raw, "Notes", Version::V4, json!({"title": "A"})).await.0, 201);
}

/// SAP CAP computes the keys of a create that leaves them out (no nil UUID, no
/// duplicate on the second create), sets its managed fields, refuses a create without a
/// `@mandatory` property (which the typed API cannot send), and keeps the default of a
/// property the create did not set.
#[tokio::test]
async fn sap_cap_computes_keys_and_keeps_defaults_of_what_was_not_sent() {
    let Some(cap) = support::cap::cap() else { return };
    let v4 = shop4::Service::new(&client(cap.v4_root()));
    let v2 = shop2::Service::new(&client(cap.v2_root()));

    let a = v4.orders().create(shop4::NewOrders::new("Computed A")).send().await.unwrap();
    let b = v4.orders().create(shop4::NewOrders::new("Computed B")).send().await.unwrap();
    let c = v2.orders().create(shop2::NewOrders::new("Computed C")).send().await.unwrap();
    let ids = [a.id, b.id, c.id];
    assert!(ids.iter().all(|id| *id != odata_runtime::edm::Guid::nil()), "{ids:?}");
    assert!(ids[0] != ids[1] && ids[1] != ids[2] && ids[0] != ids[2], "{ids:?}");
    assert!(a.created_at.is_some() && c.created_at.is_some(), "managed fields are CAP's");
    for id in ids {
        v4.orders().delete(shop4::OrdersKey { id }).if_match("*").send().await.unwrap();
    }

    let raw = client(cap.v4_root());
    let (status, message) = post_raw(&raw, "Orders", Version::V4, json!({"orderNo": "NO-CUSTOMER"})).await;
    assert_eq!(status, 400, "{message}");

    // `available` defaults to true: not sending it keeps that (a `null` replaced it).
    for (id, through_v2) in [("DEF4", false), ("DEF2", true)] {
        if through_v2 {
            v2.products().create(shop2::NewProducts::new(id)).send().await.unwrap();
        } else {
            v4.products().create(shop4::NewProducts::new(id)).send().await.unwrap();
        }
        let read = v4.products().get(shop4::ProductsKey { id: id.into() }).send().await.unwrap();
        assert_eq!(read.available, Some(true), "{id}");
        v4.products().delete(shop4::ProductsKey { id: id.into() }).send().await.unwrap();
    }
}

/// The sandbox Gateway stores a deep insert as a Gateway does: the children in their
/// sets with the keys they take from their parent (also a parent key the server made),
/// returned inline; a child that fails undoes the whole create.
#[tokio::test]
async fn the_sandbox_gateway_takes_deep_inserts_all_or_nothing() {
    use odata_sandbox::gateway::Gateway;
    let gateway = shop_gateway().await;
    let svc = shop4::Service::new(&client(gateway.url()));
    // The parent's key is the server's: the children's `order_ID` is filled from it.
    let placeholder = odata_runtime::edm::Guid::nil();
    let item = |pos: i32| shop4::NewOrderItems {
        product_id: Some("P1".into()),
        ..shop4::NewOrderItems::new(placeholder, pos)
    };
    let order = shop4::NewOrders { items: Some(vec![item(1), item(2)]), ..shop4::NewOrders::new("Deep") };
    let created = svc.orders().create(order).send().await.unwrap();
    let inline = created.items.as_ref().expect("the children come back inline");
    assert_eq!(inline.iter().map(|i| (i.pos, i.order_id)).collect::<Vec<_>>(), [(1, created.id), (2, created.id)]);
    let key = shop4::OrdersKey { id: created.id };
    let stored = svc.orders().key(key).to_many(shop4::Orders::ITEMS).count().send().await.unwrap();
    assert_eq!(stored, 2);

    // A duplicate child key fails the create, and nothing of it is stored.
    let orders_before = svc.orders().count().send().await.unwrap();
    let items_before = svc.order_items().count().send().await.unwrap();
    let id = odata_runtime::edm::Guid::new_v4();
    let order =
        shop4::NewOrders { id: Some(id), items: Some(vec![item(1), item(1)]), ..shop4::NewOrders::new("Twice") };
    let e = svc.orders().create(order).send().await.unwrap_err();
    assert_eq!(e.status(), Some(409), "{e}");
    assert_eq!(svc.orders().count().send().await.unwrap(), orders_before);
    assert_eq!(svc.order_items().count().send().await.unwrap(), items_before);

    // Deleting the order deletes its items (`OnDelete Action="Cascade"`), as SAP CAP does.
    let delete = svc.orders().delete(shop4::OrdersKey { id: created.id });
    delete.if_match(created.etag().expect("an ETag")).send().await.unwrap();
    assert_eq!(svc.order_items().count().send().await.unwrap(), items_before - 2);

    // V2: a sales order numbered by the server, its items in `{"results": [...]}`.
    let gateway = Gateway::builder(include_str!("../../metadata-samples/API_SALES_ORDER_SRV.edmx"))
        .csrf(false)
        .start()
        .await
        .unwrap();
    let svc = so::Service::new(&client(gateway.url()));
    let item = |n: &str| so::NewSalesOrderItem { material: Some("TG11".into()), ..so::NewSalesOrderItem::new("", n) };
    let order = so::NewSalesOrder { to_item: Some(vec![item("10"), item("20")]), ..so::NewSalesOrder::new() };
    let created = svc.sales_order().create(order).send().await.unwrap();
    assert!(!created.sales_order.is_empty());
    let items = created.to_item.expect("inline");
    assert!(items.iter().all(|i| i.sales_order == created.sales_order), "{items:?}");
    let key = so::SalesOrderKey { sales_order: created.sales_order.clone() };
    let stored = svc.sales_order().key(key).to_many(so::SalesOrder::TO_ITEM).list().send().await.unwrap();
    assert_eq!(stored.items.len(), 2);
}

/// A create through a to-many navigation property (`POST Orders(…)/items`, SAP Cloud
/// SDK's `asChildOf`) sends the item's create type to the navigation's path.
#[test]
fn a_create_through_a_navigation_property_posts_to_its_path() {
    let svc = shop4::Service::new(&client("http://localhost/odata/v4/shop/"));
    let id: odata_runtime::edm::Guid = "0be70000-0000-4000-8000-00000000c0de".parse().unwrap();
    let items = svc.orders().key(shop4::OrdersKey { id }).to_many(shop4::Orders::ITEMS);
    let new = shop4::NewOrderItems { quantity: Some("2".parse().unwrap()), ..shop4::NewOrderItems::new(id, 3) };
    let plan = items.create(new).plan().unwrap();
    assert_eq!((plan.method(), plan.path()), (Method::Post, "Orders(0be70000-0000-4000-8000-00000000c0de)/items"));
    assert_eq!(body(&plan), json!({"order_ID": "0be70000-0000-4000-8000-00000000c0de", "pos": 3, "quantity": 2}));

    let svc = so::Service::new(&client("http://localhost/sap/opu/odata/sap/API_SALES_ORDER_SRV/"));
    let key = so::SalesOrderKey { sales_order: "4711".into() };
    let new = so::NewSalesOrderItem { material: Some("TG11".into()), ..so::NewSalesOrderItem::new("4711", "30") };
    let plan = svc.sales_order().key(key).to_many(so::SalesOrder::TO_ITEM).create(new).plan().unwrap();
    assert_eq!((plan.method(), plan.path()), (Method::Post, "A_SalesOrder('4711')/to_Item"));
    assert_eq!(body(&plan), json!({"SalesOrder": "4711", "SalesOrderItem": "30", "Material": "TG11"}));
}

/// An item created through its order's navigation property belongs to that order, even
/// when the body names another: the server takes the link from the path.
async fn an_item_created_through_its_order_belongs_to_it(svc: shop4::Service, id: odata_runtime::edm::Guid) {
    svc.orders().create(shop4::NewOrders { id: Some(id), ..shop4::NewOrders::new("Child & Co") }).send().await.unwrap();
    let items = svc.orders().key(shop4::OrdersKey { id }).to_many(shop4::Orders::ITEMS);
    let elsewhere = odata_runtime::edm::Guid::from_u128(0x0e15_e1e0);
    let new = shop4::NewOrderItems { quantity: Some("3".parse().unwrap()), ..shop4::NewOrderItems::new(elsewhere, 1) };
    let item = items.create(new).send().await.unwrap();
    assert_eq!((item.order_id, item.pos), (id, 1), "{item:?}");
    assert_eq!(item.quantity, Some("3".parse().unwrap()));
    let listed = items.list().send().await.unwrap().items;
    assert_eq!(listed.iter().map(|i| (i.order_id, i.pos)).collect::<Vec<_>>(), [(id, 1)]);
    let stray = svc.order_items().get(shop4::OrderItemsKey { order_id: elsewhere, pos: 1 }).send_optional().await;
    assert!(stray.unwrap().is_none(), "nothing was created under the order the body named");
    // The item has no product: its to-one navigation leads nowhere.
    let item_key = shop4::OrderItemsKey { order_id: id, pos: 1 };
    let product = svc.order_items().key(item_key).to_one(shop4::OrderItems::PRODUCT).get().send_optional().await;
    assert!(product.unwrap().is_none());
}

#[tokio::test]
async fn against_sap_cap_an_item_created_through_its_order_belongs_to_it() {
    let Some(cap) = support::cap::cap() else { return };
    let svc = shop4::Service::new(&client(cap.v4_root()));
    an_item_created_through_its_order_belongs_to_it(svc, odata_runtime::edm::Guid::from_u128(0xc41d_0004)).await;
}

#[tokio::test]
async fn the_sandbox_gateway_links_an_item_created_through_its_order() {
    let gateway = shop_gateway().await;
    let svc = shop4::Service::new(&client(gateway.url()));
    an_item_created_through_its_order_belongs_to_it(svc, odata_runtime::edm::Guid::from_u128(0xc41d_0004)).await;

    // V2, as S/4HANA's sales order API wants an item of an existing order: the order's
    // number comes from the path.
    let gateway =
        odata_sandbox::gateway::Gateway::builder(include_str!("../../metadata-samples/API_SALES_ORDER_SRV.edmx"))
            .csrf(false)
            .start()
            .await
            .unwrap();
    let svc = so::Service::new(&client(gateway.url()));
    let order = svc.sales_order().create(so::NewSalesOrder::new()).send().await.unwrap();
    let key = so::SalesOrderKey { sales_order: order.sales_order.clone() };
    let items = svc.sales_order().key(key).to_many(so::SalesOrder::TO_ITEM);
    let new = so::NewSalesOrderItem { material: Some("TG11".into()), ..so::NewSalesOrderItem::new("", "10") };
    let item = items.create(new).send().await.unwrap();
    assert_eq!((item.sales_order.as_str(), item.sales_order_item.as_str()), (order.sales_order.as_str(), "10"));
    assert_eq!(items.count().send().await.unwrap(), 1);
}
