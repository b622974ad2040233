//! The whole chain on loopback: generated calls → the runtime (XSUAA token exchange,
//! CSRF, ETags) → the sandbox's connectivity proxy → its Gateway-like server. V2 with
//! the business-partner sample as the `Sandbox` serves it (in the user's name), V4 with the shop
//! sample behind the same Cloud Connector (the app's own token).

use odata_runtime::btp::bindings::Bindings;
use odata_runtime::btp::connectivity::Connectivity;
use odata_runtime::btp::xsuaa::Xsuaa;
use odata_runtime::btp::UserToken;
use odata_runtime::{Client, Entity, Error};
use odata_sandbox::gateway::{Fault, Gateway};
use odata_sandbox::{Sandbox, LOCATION_ID, VIRTUAL_HOST};
use serde_json::json;
use std::time::Duration;

odata_derive::service! {
    mod bp = "../metadata-samples/API_BUSINESS_PARTNER.edmx";
    mod shop = "../metadata-samples/cap_shop.v4.edmx";
}

use bp::{BusinessPartner as Bp, BusinessPartnerAddress as Address, BusinessPartnerKey as BpKey};

struct Chain {
    sandbox: Sandbox,
    /// The business-partner service on premise, every call through Cloud Connector.
    svc: bp::Service,
    alice: UserToken,
}

async fn chain() -> Chain {
    let sandbox = Sandbox::start().await.unwrap();
    let bindings = Bindings::from_vcap_services(&sandbox.vcap_services().to_string()).unwrap();
    let client = Client::builder(sandbox.on_premise_url())
        .xsuaa(Xsuaa::from_binding(bindings.find("xsuaa").unwrap()).unwrap())
        .connectivity(Connectivity::from_binding(bindings.find("connectivity").unwrap()).unwrap())
        .principal_propagation()
        .always_via_cloud_connector(Some(LOCATION_ID.to_owned()))
        .build()
        .unwrap();
    let alice = UserToken::parse(&sandbox.log_in("alice")).unwrap();
    Chain { svc: bp::Service::new(&client), sandbox, alice }
}

fn key(id: &str) -> BpKey {
    BpKey { business_partner: id.into() }
}

fn ids(partners: &[Bp]) -> Vec<&str> {
    partners.iter().map(|p| p.business_partner.as_str()).collect()
}

#[tokio::test]
async fn v2_reads_through_the_whole_chain() {
    let Chain { sandbox, svc, alice } = chain().await;
    let partners = svc.business_partner();
    let filter =
        || Bp::SEARCH_TERM1.starts_with("F").or(Bp::LANGUAGE.eq("JA")).and(Bp::BUSINESS_PARTNER_IS_BLOCKED.eq(false));
    let page = partners.list().filter(filter()).order_by(Bp::BUSINESS_PARTNER.desc()).with_count().as_user(&alice);
    let page = page.send().await.unwrap();
    assert_eq!((ids(&page.items), page.count), (vec!["1000005", "1000002"], Some(2)));
    let second = partners.list().order_by(Bp::BUSINESS_PARTNER).skip(1).top(2).as_user(&alice).send().await.unwrap();
    assert_eq!(ids(&second.items), ["1000002", "1000003"]);
    let quoted = partners.list().filter(Bp::ORGANIZATION_BP_NAME1.eq("O'Brien & Sons Ltd")).as_user(&alice);
    assert_eq!(ids(&quoted.send().await.unwrap().items), ["1000004"], "quotes and ampersands in literals");
    assert_eq!(partners.count().filter(Bp::FIRST_NAME.contains("a")).as_user(&alice).send().await.unwrap(), 2);

    let marie = partners.get(key("1000003")).as_user(&alice).send().await.unwrap();
    assert_eq!((marie.first_name.as_deref(), marie.last_name.as_deref()), (Some("Marie"), Some("Curie")));
    assert!(marie.etag().is_some_and(|e| e.starts_with("W/")), "{:?}", marie.etag());
    assert!(marie.creation_date.is_some() && marie.last_change_date_time.is_some(), "dates decode: {marie:?}");

    let addresses = partners.key(key("1000003")).to_many(Bp::TO_BUSINESS_PARTNER_ADDRESS);
    let addresses = addresses.list().as_user(&alice).send().await.unwrap().items;
    assert_eq!(addresses.iter().map(|a| a.city_name.as_deref()).collect::<Vec<_>>(), [Some("Paris")]);
    let expanded =
        partners.get(key("1000001")).expand(Bp::TO_BUSINESS_PARTNER_ADDRESS).as_user(&alice).send().await.unwrap();
    let inline = expanded.to_business_partner_address.unwrap();
    assert_eq!(inline.iter().map(|a| a.address_id.as_str()).collect::<Vec<_>>(), ["22001"]);
    let in_hamburg = svc.business_partner_address().count().filter(Address::CITY_NAME.eq("Hamburg")).as_user(&alice);
    assert_eq!(in_hamburg.send().await.unwrap(), 2);

    let missing = partners.get(key("0000000")).as_user(&alice).send().await.unwrap_err();
    assert!(missing.is_not_found(), "{missing}");

    // Every call went through the proxy in alice's name and reached the Gateway as alice.
    let at_proxy = sandbox.proxy.seen();
    assert!(at_proxy.len() >= 9 && at_proxy.iter().all(|s| s.user.as_deref() == Some("alice")), "{at_proxy:?}");
    assert!(at_proxy.iter().all(|s| s.url.starts_with(&format!("http://{VIRTUAL_HOST}/"))));
    let at_gateway = sandbox.gateway.requests();
    assert!(at_gateway.iter().all(|r| r.user.as_deref() == Some("alice")), "{at_gateway:?}");
}

#[tokio::test]
async fn v2_writes_with_csrf_and_etags() {
    let Chain { sandbox, svc, alice } = chain().await;
    let partners = svc.business_partner();
    let new = bp::NewBusinessPartner {
        business_partner_category: Some("1".into()),
        first_name: Some("Grace".into()),
        last_name: Some("Hopper".into()),
        ..bp::NewBusinessPartner::new("2000001")
    };
    let created = partners.create(new).as_user(&alice).send().await.unwrap();
    assert_eq!(created.first_name.as_deref(), Some("Grace"));
    assert_eq!(created.business_partner_full_name, None, "read-only properties are the server's");
    assert!(created.business_partner_uuid.is_some() && created.creation_date.is_some(), "computed on create");
    let first = created.etag().unwrap().to_owned();

    let patch = bp::BusinessPartnerPatch { search_term1: Some(Some("HOPPER".into())), ..Default::default() };
    let missing = partners.update(key("2000001"), patch.clone()).as_user(&alice).send().await.unwrap_err();
    assert_eq!(missing.status(), Some(428), "{missing}");
    let updated =
        partners.update(key("2000001"), patch.clone()).if_match(first.clone()).as_user(&alice).send().await.unwrap();
    let second = updated.etag.unwrap();
    assert_ne!(first, second);
    let conflict = partners.update(key("2000001"), patch).if_match(first).as_user(&alice).send().await.unwrap_err();
    assert!(conflict.is_etag_conflict(), "{conflict}");
    assert!(conflict.to_string().contains("ETag mismatch"), "{conflict}");

    // The server forgets its CSRF tokens (a session timeout): one 403, one refetch, success.
    sandbox.gateway.forget_csrf_tokens();
    let replaced = Bp { business_partner: "2000001".into(), first_name: Some("Grace B.".into()), ..created.clone() };
    partners.replace(key("2000001"), replaced).if_match(second).as_user(&alice).send().await.unwrap();
    let statuses: Vec<(String, u16)> =
        sandbox.gateway.requests().iter().rev().take(3).map(|r| (r.method.clone(), r.status)).rev().collect();
    assert_eq!(statuses[0].1, 403, "{statuses:?}");
    assert_eq!(statuses[2], ("PUT".to_owned(), 204), "{statuses:?}");
    let read = partners.get(key("2000001")).as_user(&alice).send().await.unwrap();
    assert_eq!((read.first_name.as_deref(), read.last_name.as_deref()), (Some("Grace B."), Some("Hopper")));
    assert_eq!(read.search_term1, None, "PUT replaces the whole entity");

    // A deletable set: addresses (their AddressID is assigned by the server).
    let addresses = svc.business_partner_address();
    let address = bp::NewBusinessPartnerAddress {
        city_name: Some("Arlington".into()),
        ..bp::NewBusinessPartnerAddress::new("2000001")
    };
    let address = addresses.create(address).as_user(&alice).send().await.unwrap();
    assert!(!address.address_id.is_empty());
    let address_key =
        bp::BusinessPartnerAddressKey { business_partner: "2000001".into(), address_id: address.address_id.clone() };
    let delete = addresses.delete(address_key.clone()).if_match(address.etag().unwrap()).as_user(&alice);
    delete.send().await.unwrap();
    assert!(addresses.get(address_key).as_user(&alice).send().await.unwrap_err().is_not_found());
}

#[tokio::test]
async fn v2_function_imports_of_every_shape() {
    let Chain { sandbox, svc, alice } = chain().await;
    let count = svc.count_partners_in_city(bp::CountPartnersInCityParameters { city_name: "Hamburg".into() });
    assert_eq!(count.as_user(&alice).send().await.unwrap(), 2, "primitive result");
    let roles = svc.get_roles_of_partner(bp::GetRolesOfPartnerParameters { business_partner: "1000001".into() });
    let roles: Vec<String> =
        roles.as_user(&alice).send().await.unwrap().into_iter().map(|r| r.business_partner_role).collect();
    assert_eq!(roles, ["FLCU01", "FLVN01"], "collection of entities");
    let parameters = bp::ValidateBusinessPartnerParameters {
        business_partner: "1000004".into(),
        key_date: "2024-05-01T00:00:00".parse().unwrap(),
    };
    let validation = svc.validate_business_partner(parameters).as_user(&alice).send().await.unwrap();
    assert_eq!(validation.is_valid, Some(false), "complex result: {validation:?}");
    assert_eq!(validation.message_text.as_deref(), Some("Business partner 1000004 is blocked"));
    let block = bp::BlockBusinessPartnerParameters { business_partner: "1000001".into(), block_reason: None };
    let blocked = svc.block_business_partner(block).as_user(&alice).send().await.unwrap();
    assert_eq!(blocked.business_partner_is_blocked, Some(true), "POST import returning an entity");
    let now = svc.business_partner().get(key("1000001")).as_user(&alice).send().await.unwrap();
    assert_eq!(now.business_partner_is_blocked, Some(true));
    let recalculate =
        bp::RecalculateRatingsParameters { rating_procedure: "BASIC".into(), minimum_score: "1.5".parse().unwrap() };
    svc.recalculate_ratings(recalculate).as_user(&alice).send().await.unwrap();
    let unknown = bp::BlockBusinessPartnerParameters { business_partner: "9999999".into(), block_reason: None };
    let e = svc.block_business_partner(unknown).as_user(&alice).send().await.unwrap_err();
    assert!(matches!(&e, Error::Http(h) if h.status == 404 && h.code.as_deref() == Some("BP/001")), "{e}");
    assert!(e.to_string().contains("Business partner 9999999 does not exist"), "{e}");
    assert!(sandbox.proxy.seen().iter().all(|s| s.user.as_deref() == Some("alice")));
}

#[tokio::test]
async fn v2_server_driven_paging_is_followed() {
    let xsuaa = odata_sandbox::xsuaa::Xsuaa::start().await.unwrap();
    let gateway = Gateway::builder(odata_sandbox::BUSINESS_PARTNER_EDMX).page_size(2).start().await.unwrap();
    gateway.seed_json(odata_sandbox::BUSINESS_PARTNER_SEED).unwrap();
    drop(xsuaa);
    let svc = bp::Service::new(&Client::builder(gateway.url()).build().unwrap());
    let first = svc.business_partner().list().order_by(Bp::BUSINESS_PARTNER).send().await.unwrap();
    assert_eq!((first.items.len(), first.next_link.is_some()), (2, true));
    use futures_util::StreamExt;
    let all: Vec<String> = svc
        .business_partner()
        .list()
        .order_by(Bp::BUSINESS_PARTNER.desc())
        .top(5)
        .stream()
        .map(|p| p.unwrap().business_partner)
        .collect()
        .await;
    assert_eq!(all, ["1000006", "1000005", "1000004", "1000003", "1000002"]);
    let pages = gateway.requests().iter().filter(|r| r.target.contains("skiptoken")).count();
    assert_eq!(pages, 2, "two next links followed");
}

#[tokio::test]
async fn select_with_expand_returns_the_expanded_entities_or_fails_before_sending() {
    let gateway = Gateway::builder(odata_sandbox::BUSINESS_PARTNER_EDMX).start().await.unwrap();
    gateway.seed_json(odata_sandbox::BUSINESS_PARTNER_SEED).unwrap();
    let svc = bp::Service::new(&Client::builder(gateway.url()).build().unwrap());
    let partners = svc.business_partner();
    let key = || bp::BusinessPartnerKey { business_partner: "1000001".into() };
    // Selected and expanded: the selected value is the expanded entities.
    let (id, addresses) = partners
        .get(key())
        .select((Bp::BUSINESS_PARTNER, Bp::TO_BUSINESS_PARTNER_ADDRESS))
        .expand(Bp::TO_BUSINESS_PARTNER_ADDRESS)
        .send()
        .await
        .unwrap();
    assert_eq!(id, "1000001");
    let addresses = addresses.expect("expanded");
    assert_eq!(addresses.iter().map(|a| a.address_id.as_str()).collect::<Vec<_>>(), ["22001"]);
    // Expanded but not selected (in either order, list or get): refused before any request.
    let before = gateway.requests().len();
    let list = partners.list().select(Bp::LAST_NAME).expand(Bp::TO_BUSINESS_PARTNER_ADDRESS).send().await;
    let get = partners.get(key()).expand(Bp::TO_CUSTOMER).select(Bp::LAST_NAME).send().await;
    for e in [list.map(drop).unwrap_err(), get.map(drop).unwrap_err()] {
        assert!(matches!(&e, Error::InvalidInput(m) if m.contains("expanded but not selected")), "{e}");
    }
    assert_eq!(gateway.requests().len(), before, "nothing sent");
}

#[tokio::test]
async fn v2_pages_by_hand_carry_the_count_and_end_with_the_last_page() {
    let gateway = Gateway::builder(odata_sandbox::BUSINESS_PARTNER_EDMX).page_size(2).start().await.unwrap();
    gateway.seed_json(odata_sandbox::BUSINESS_PARTNER_SEED).unwrap();
    let svc = bp::Service::new(&Client::builder(gateway.url()).build().unwrap());
    let total = svc.business_partner().count().send().await.unwrap();
    let mut pages = svc.business_partner().list().order_by(Bp::BUSINESS_PARTNER).with_count().pages();
    let mut ids = Vec::new();
    let mut requests = 0;
    while let Some(page) = pages.next().await {
        let page = page.unwrap();
        requests += 1;
        assert!(page.items.len() <= 2);
        assert_eq!(page.count, Some(total), "page {requests} keeps $inlinecount");
        ids.extend(page.items.into_iter().map(|p| p.business_partner));
    }
    assert_eq!(ids.len() as u64, total);
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "{ids:?}");
    assert_eq!(requests as u64, total.div_ceil(2));
    let lists = gateway.requests().iter().filter(|r| r.target.contains("/A_BusinessPartner?")).count();
    assert_eq!(lists, requests, "one request per page");
}

#[tokio::test]
async fn each_fault_gives_the_typed_error_a_user_would_expect() {
    let Chain { sandbox, svc, alice } = chain().await;
    let count = || svc.business_partner().count().as_user(&alice).send();
    let list = || svc.business_partner().list().as_user(&alice).send();
    let route = "A_BusinessPartner";

    sandbox.gateway.set_fault(route, Some(Fault::Status(500)));
    let e = list().await.unwrap_err();
    assert!(matches!(&e, Error::Http(h) if h.status == 500 && h.message == "the sandbox was told to fail"), "{e}");

    sandbox.gateway.set_fault(route, Some(Fault::RetryAfter { status: 503, seconds: 60 }));
    assert_eq!(list().await.unwrap_err().status(), Some(503));

    sandbox.gateway.set_fault(route, Some(Fault::HtmlLogin));
    let e = list().await.unwrap_err();
    assert!(matches!(&e, Error::UnexpectedContent { status: 200, .. }), "{e:?}");
    assert!(
        e.to_string().contains(
            "the server answered with an HTML page (status 200): the session or credentials are probably invalid"
        ),
        "{e}"
    );

    sandbox.gateway.set_fault(route, Some(Fault::ContentType("text/plain".into())));
    let e = list().await.unwrap_err();
    assert!(matches!(&e, Error::UnexpectedContent { .. }), "{e:?}");
    assert!(e.to_string().contains("expected OData JSON, got `text/plain`"), "{e}");

    // Through Cloud Connector, a body cut short or a dropped connection is the proxy's 502;
    // reached directly, the runtime sees the broken connection itself.
    let direct = bp::Service::new(
        &Client::builder(sandbox.gateway.url()).bearer_token(sandbox.log_in("alice")).build().unwrap(),
    );
    sandbox.gateway.set_fault(route, Some(Fault::TruncatedBody));
    let e = list().await.unwrap_err();
    assert_eq!(e.status(), Some(502), "{e}");
    assert!(e.to_string().contains("did not answer"), "{e}");
    let e = direct.business_partner().list().send().await.unwrap_err();
    assert!(matches!(&e, Error::Transport { timeout: false, .. }), "a cut body is never a success: {e:?}");

    sandbox.gateway.set_fault(route, Some(Fault::DropConnection));
    assert_eq!(count().await.unwrap_err().status(), Some(502));
    let e = direct.business_partner().count().send().await.unwrap_err();
    assert!(matches!(&e, Error::Transport { .. }), "{e:?}");

    sandbox.gateway.set_fault(route, Some(Fault::Delay(Duration::from_millis(300))));
    let started = std::time::Instant::now();
    assert_eq!(count().await.unwrap(), 6, "a slow answer is still an answer");
    assert!(started.elapsed() >= Duration::from_millis(300));

    sandbox.gateway.set_fault(route, None);
    assert_eq!(count().await.unwrap(), 6, "and nothing is left broken");
}

/// The V4 shop sample with seed data behind the sandbox's Cloud Connector, with CSRF and
/// ETags; the client reaches it through the proxy with the app's XSUAA token.
async fn shop() -> (Gateway, shop::Service, Sandbox) {
    let sandbox = Sandbox::start().await.unwrap();
    let edmx = include_str!("../../metadata-samples/cap_shop.v4.edmx");
    let gateway = Gateway::builder(edmx)
        .service_path("/odata/v4/shop/")
        .accept_tokens_from(&sandbox.xsuaa)
        .start()
        .await
        .unwrap();
    sandbox.proxy.add_virtual_host("shop.onprem:443", Some(LOCATION_ID), gateway.addr());
    gateway
        .seed_json(
            &json!({
                "Products": [
                    {"ID": "P001", "name": "Rye Bread", "price": 3.5, "stock": 20, "rating": 4.5, "available": true, "releasedAt": "2024-01-15T08:00:00Z"},
                    {"ID": "P002", "name": "Croissant", "price": 1.2, "stock": 0, "rating": 4.9, "available": false},
                    {"ID": "P003", "name": "Baguette", "price": 2.1, "stock": 35, "rating": 3.9, "available": true}
                ],
                "Orders": [{"ID": "0be70000-0000-4000-8000-000000000001", "orderNo": "A1", "customer": "Ann", "orderDate": "2024-03-01", "total": "7.0", "currency": "EUR"}],
                "OrderItems": [
                    {"order_ID": "0be70000-0000-4000-8000-000000000001", "pos": 1, "product_ID": "P001", "quantity": 2, "price": 3.5},
                    {"order_ID": "0be70000-0000-4000-8000-000000000001", "pos": 2, "product_ID": "P002", "quantity": 1, "price": 1.2}
                ],
                "Settings": [{"ID": 1, "currency": "EUR", "pageSize": 20}]
            })
            .to_string(),
        )
        .unwrap();
    gateway.on_function("productCount", |call| {
        let min = call.parameters.get("minStock").and_then(|v| v.as_i64()).unwrap_or(0);
        Ok(json!(call.data.rows("Products").filter(|p| p["stock"].as_i64().unwrap_or(0) >= min).count()))
    });
    gateway.on_function("countIn", |call| {
        let ids = call.parameters.get("ids").and_then(|v| v.as_array()).cloned().unwrap_or_default();
        Ok(json!(call.data.rows("Products").filter(|p| ids.contains(&p["ID"])).count()))
    });
    gateway.on_function("cancel", |call| {
        let id = call.binding.as_ref().and_then(|b| b.get("ID")).cloned().unwrap_or_default();
        let reason = call.text("reason")?.to_owned();
        let order = call.data.find_mut("Orders", &[("ID", id)]).unwrap();
        order.insert("customer".into(), json!(format!("cancelled: {reason}")));
        Ok(serde_json::Value::Object(order.clone()))
    });
    gateway.on_function("topRated", |call| {
        let limit = call.parameters.get("limit").and_then(|v| v.as_u64()).unwrap_or(1) as usize;
        let mut products: Vec<_> = call.data.rows("Products").cloned().collect();
        products.sort_by(|a, b| b["rating"].as_f64().partial_cmp(&a["rating"].as_f64()).unwrap());
        Ok(json!(products.into_iter().take(limit).collect::<Vec<_>>()))
    });
    let bindings = Bindings::from_vcap_services(&sandbox.vcap_services().to_string()).unwrap();
    let client = Client::builder("http://shop.onprem:443/odata/v4/shop/")
        .xsuaa(Xsuaa::from_binding(bindings.find("xsuaa").unwrap()).unwrap())
        .connectivity(Connectivity::from_binding(bindings.find("connectivity").unwrap()).unwrap())
        .always_via_cloud_connector(Some(LOCATION_ID.to_owned()))
        .build()
        .unwrap();
    (gateway, shop::Service::new(&client), sandbox)
}

#[tokio::test]
async fn v4_every_operation_kind() {
    use shop::{OrderItems, Orders, OrdersKey, Products, ProductsKey};
    let (gateway, svc, sandbox) = shop().await;
    let cheap = svc.products().list().filter(Products::PRICE.lt("3".parse::<odata_runtime::edm::Decimal>().unwrap()));
    let cheap = cheap.order_by(Products::PRICE).with_count().send().await.unwrap();
    assert_eq!(cheap.items.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(), ["P002", "P003"]);
    assert_eq!(cheap.count, Some(2));
    let bread = svc.products().get(ProductsKey { id: "P001".into() }).send().await.unwrap();
    assert_eq!((bread.stock, bread.available), (Some(20), Some(true)));
    assert!(bread.released_at.is_some());
    let names = svc.products().list().select((Products::ID, Products::NAME)).top(1).send().await.unwrap().items;
    assert_eq!(names, [("P001".to_owned(), Some("Rye Bread".to_owned()))]);

    let order_id: odata_runtime::edm::Guid = "0be70000-0000-4000-8000-000000000001".parse().unwrap();
    let order = svc
        .orders()
        .get(OrdersKey { id: order_id })
        .expand(Orders::ITEMS.with(|q| q.filter(OrderItems::POS.gt(1))))
        .send()
        .await
        .unwrap();
    let items = order.items.unwrap();
    assert_eq!(items.iter().map(|i| i.pos).collect::<Vec<_>>(), [2], "nested $filter inside $expand");
    let items = svc.orders().key(OrdersKey { id: order_id }).to_many(Orders::ITEMS).count().send().await.unwrap();
    assert_eq!(items, 2);

    // Create, update with the ETag, conflict, delete.
    let created = svc.products().create(shop::NewProducts {
        name: Some("Pretzel".into()),
        stock: Some(5),
        ..shop::NewProducts::new("P100")
    });
    let created = created.send().await.unwrap();
    let etag = created.etag().unwrap().to_owned();
    let patch = shop::ProductsPatch { stock: Some(Some(6)), ..Default::default() };
    let updated = svc
        .products()
        .update(ProductsKey { id: "P100".into() }, patch.clone())
        .if_match(etag.clone())
        .send()
        .await
        .unwrap();
    let conflict =
        svc.products().update(ProductsKey { id: "P100".into() }, patch).if_match(etag).send().await.unwrap_err();
    assert!(conflict.is_etag_conflict(), "{conflict}");
    gateway.forget_csrf_tokens();
    svc.products().delete(ProductsKey { id: "P100".into() }).if_match(updated.etag.unwrap()).send().await.unwrap();
    assert!(svc.products().get(ProductsKey { id: "P100".into() }).send().await.unwrap_err().is_not_found());

    // Operations: unbound function, function with a collection parameter (an alias),
    // bound action, collection-bound function; the singleton.
    assert_eq!(svc.product_count(shop::ProductCountParameters { min_stock: 10 }).send().await.unwrap(), 2);
    let ids = Some(vec!["P001".to_owned(), "P003".to_owned(), "O'Brien".to_owned()]);
    assert_eq!(svc.count_in(shop::CountInParameters { ids }).send().await.unwrap(), 2);
    let order_ref = svc.orders().key(OrdersKey { id: order_id });
    let order_etag = svc.orders().get(OrdersKey { id: order_id }).send().await.unwrap().etag().unwrap().to_owned();
    let cancel = Orders::cancel(&order_ref, shop::OrdersCancelParameters { reason: Some("late".into()) });
    let cancelled = cancel.if_match(order_etag).send().await.unwrap();
    assert_eq!(cancelled.customer.as_deref(), Some("cancelled: late"));
    let top = Products::top_rated(&svc.products(), shop::ProductsTopRatedCollectionParameters { limit: Some(2) });
    let top: Vec<String> = top.send().await.unwrap().into_iter().map(|p| p.id).collect();
    assert_eq!(top, ["P002", "P001"]);
    let settings = svc.settings().get().send().await.unwrap();
    assert_eq!(settings.page_size, Some(20));
    let update = svc.settings().update(shop::SettingsPatch { page_size: Some(Some(50)), ..Default::default() });
    update.if_match(settings.etag().unwrap()).send().await.unwrap();
    assert_eq!(svc.settings().get().select(shop::Settings::PAGE_SIZE).send().await.unwrap(), Some(50));
    let unhandled = svc.price_info(shop::PriceInfoParameters { available: None }).send().await.unwrap_err();
    assert_eq!(unhandled.status(), Some(501), "{unhandled}");
    // All of it through the proxy, with the app's token (no user: client credentials).
    let seen = sandbox.proxy.seen();
    assert!(seen.len() > 20 && seen.iter().all(|s| s.url.starts_with("http://shop.onprem:443/") && s.user.is_none()));
    let at_gateway = gateway.requests();
    assert!(at_gateway.iter().all(|r| r.user.as_deref() == Some(odata_sandbox::APP_CLIENT)), "{at_gateway:?}");
}

#[tokio::test]
async fn v2_batches_through_the_whole_chain() {
    let Chain { sandbox, svc, alice } = chain().await;
    let partners = svc.business_partner();
    let addresses = svc.business_partner_address();
    let before = sandbox.gateway.requests().len();

    // A read-only batch: a list, a count, gets (one missing), a function import.
    let mut batch = svc.batch().as_user(&alice);
    let page = batch.add(partners.list().order_by(Bp::BUSINESS_PARTNER).top(2).with_count());
    let count = batch.add(partners.count().filter(Bp::FIRST_NAME.contains("a")));
    let marie = batch.add(partners.get(key("1000003")));
    let missing = batch.add(partners.get(key("9999999")));
    let in_hamburg =
        batch.add(svc.count_partners_in_city(bp::CountPartnersInCityParameters { city_name: "Hamburg".into() }));
    let mut response = batch.send().await.unwrap();
    let page = response.take(page).unwrap();
    assert_eq!((ids(&page.items), page.count), (vec!["1000001", "1000002"], Some(6)));
    assert_eq!(response.take(count).unwrap(), 2);
    assert_eq!(response.take(marie).unwrap().last_name.as_deref(), Some("Curie"));
    assert!(response.take(missing).unwrap_err().is_not_found(), "a failed read fails only itself");
    assert_eq!(response.take(in_hamburg).unwrap(), 2);
    let seen = sandbox.gateway.requests();
    let batches: Vec<_> = seen[before..].iter().filter(|r| r.target.contains("$batch")).collect();
    assert_eq!(batches.len(), 1, "one round trip: {seen:?}");
    assert_eq!((batches[0].user.as_deref(), batches[0].status), (Some("alice"), 202));

    // Two changesets: the first creates an address and changes it through its
    // Content-ID; the second fails on a stale ETag, so its create is not applied either.
    let mut batch = svc.batch().as_user(&alice);
    let (created, renamed) = batch.changeset(|cs| {
        let address = bp::NewBusinessPartnerAddress {
            city_name: Some("Bonn".into()),
            ..bp::NewBusinessPartnerAddress::new("1000001")
        };
        let created = cs.add(addresses.create(address));
        let patch = bp::BusinessPartnerAddressPatch { city_name: Some(Some("Köln".into())), ..Default::default() };
        let renamed = cs.add(addresses.update_created(&created, patch).ignore_etag());
        (created, renamed)
    });
    let (doomed, stale) = batch.changeset(|cs| {
        let address = bp::NewBusinessPartnerAddress {
            city_name: Some("Nowhere".into()),
            ..bp::NewBusinessPartnerAddress::new("1000002")
        };
        let doomed = cs.add(addresses.create(address));
        let patch = bp::BusinessPartnerPatch { search_term1: Some(Some("STALE".into())), ..Default::default() };
        let stale = cs.add(partners.update(key("1000003"), patch).if_match("W/\"'999'\""));
        (doomed, stale)
    });
    let after = batch.add(addresses.count().filter(Address::CITY_NAME.eq("Nowhere")));
    let mut response = batch.send().await.unwrap();
    let created = response.take(created).unwrap();
    assert_eq!((created.business_partner.as_str(), created.city_name.as_deref()), ("1000001", Some("Bonn")));
    response.take(renamed).unwrap();
    let stale = response.take(stale).unwrap_err();
    assert!(stale.is_etag_conflict(), "{stale}");
    let doomed = response.take(doomed).unwrap_err();
    assert_eq!(doomed.status(), Some(412), "never reported as success: {doomed}");
    assert_eq!(response.take(after).unwrap(), 0, "the failed changeset's create was not applied");
    let key = bp::BusinessPartnerAddressKey { business_partner: "1000001".into(), address_id: created.address_id };
    let read = addresses.get(key).as_user(&alice).send().await.unwrap();
    assert_eq!(read.city_name.as_deref(), Some("Köln"), "the $1 reference changed the created address");
    let marie = partners.get(self::key("1000003")).as_user(&alice).send().await.unwrap();
    assert_eq!(marie.search_term1.as_deref(), Some("CURIE"), "the stale update was not applied");

    // Mistakes are refused before anything is sent.
    let mut batch = svc.batch().as_user(&alice);
    let elsewhere = batch.changeset(|cs| {
        let address = bp::NewBusinessPartnerAddress::new("1000001");
        cs.add(addresses.create(address))
    });
    batch.changeset(|cs| {
        let patch = bp::BusinessPartnerAddressPatch::default();
        let _ = cs.add(addresses.update_created(&elsewhere, patch));
    });
    let sent = sandbox.gateway.requests().len();
    let e = batch.send().await.unwrap_err();
    assert!(e.to_string().contains("names no earlier change of the same changeset"), "{e}");
    assert_eq!(sandbox.gateway.requests().len(), sent);
}
