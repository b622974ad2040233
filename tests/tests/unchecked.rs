//! The escape hatches, marked unchecked: a raw `$filter` fragment combined with typed
//! filters, and query options the typed API does not know. What they cannot do: break
//! out of their parentheses, add options behind the caller's back, or repeat an option
//! the request already has.

mod support;

use odata_runtime::query::Filter;
use odata_runtime::{Client, Error};

odata_derive::service! {
    mod shop4 = "../metadata-samples/cap_shop.v4.edmx";
    mod shop2 = "../metadata-samples/cap_shop.v2.edmx";
}

use shop4::{Products, Service};

fn client(root: impl Into<String>) -> Client {
    Client::builder(root).build().unwrap()
}

#[test]
fn a_raw_fragment_is_parenthesised_and_combines_with_typed_filters() {
    let svc = Service::new(&client("http://localhost/shop/"));
    let raw = Filter::unchecked("contains(tolower(name),'bread') or name eq 'Ann''s'").unwrap();
    let plan = svc.products().list().filter(Products::STOCK.gt(10).and(raw)).plan();
    assert_eq!(
        plan.relative_url(),
        "Products?$filter=stock%20gt%2010%20and%20%28contains%28tolower%28name%29%2C'bread'%29%20or%20name%20eq%20'Ann''s'%29"
    );
    let not = !Filter::<Products>::unchecked("price lt 2").unwrap() | Products::ID.eq("P001");
    assert_eq!(not.render(odata_runtime::Version::V4), "not ((price lt 2)) or ID eq 'P001'");

    // What would change the meaning of the conditions around it is refused.
    for bad in [
        "name eq 'a') or (true",
        "name eq 'a'))",
        "(name eq 'a'",
        "name eq 'it''s",
        "name eq 'a') or ('1' eq '1",
        "",
        "   ",
    ] {
        let e = Filter::<Products>::unchecked(bad).unwrap_err();
        assert!(e.to_string().contains("$filter fragment"), "{bad:?}: {e}");
    }
}

#[test]
fn an_unchecked_query_option_is_encoded_and_never_repeats_a_typed_one() {
    let svc = Service::new(&client("http://localhost/shop/"));
    let plan = svc.products().list().top(5).unchecked_query_option("$search", "bread & butter=1").plan();
    // Encoded: the value cannot add options of its own.
    assert_eq!(plan.relative_url(), "Products?$top=5&$search=bread%20%26%20butter%3D1");
    let plan = svc.products().count().unchecked_query_option("sap-client", "100").plan();
    assert_eq!(plan.relative_url(), "Products/$count?sap-client=100");
}

#[tokio::test]
async fn a_repeated_or_nameless_option_is_refused_before_anything_is_sent() {
    // Nothing listens here: a request would fail with a transport error, not InvalidInput.
    let svc = Service::new(&client("http://127.0.0.1:9/shop/"));
    let e = svc.products().list().top(5).unchecked_query_option("$top", "500").send().await.unwrap_err();
    assert!(matches!(&e, Error::InvalidInput(m) if m.contains("$top is given twice")), "{e:?}");
    let e = svc.products().list().unchecked_query_option("", "x").send().await.unwrap_err();
    assert!(matches!(&e, Error::InvalidInput(m) if m.contains("without a name")), "{e:?}");
}

/// Against SAP CAP: the raw fragment and the typed filter select the same rows as the
/// typed filter alone where they mean the same, V4 and V2; `$search`, which the typed
/// API does not have yet, goes through as an unchecked option.
#[tokio::test]
async fn against_sap_cap_the_hatches_reach_the_server_as_written() {
    let Some(cap) = support::cap::cap() else { return };
    let (v4, v2) = (Service::new(&client(cap.v4_root())), shop2::Service::new(&client(cap.v2_root())));
    the_hatches_reach_the_server_as_written(&v4, &v2).await;
}

/// The same against the sandbox's Gateway (one for V4, one for V2, each with products
/// of its own).
#[tokio::test]
async fn the_sandbox_gateway_reads_the_hatches_as_written() {
    let v4 = support::gateway(include_str!("../../metadata-samples/cap_shop.v4.edmx"), "/shop/").await;
    let v2 = support::gateway(include_str!("../../metadata-samples/cap_shop.v2.edmx"), "/v2/shop/").await;
    let products = serde_json::json!([
        {"ID": "P001", "name": "Rye Bread", "stock": 20},
        {"ID": "P002", "name": "Croissant", "stock": 30},
        {"ID": "P003", "name": "Bread Roll", "stock": 3},
        {"ID": "P004", "name": "Flatbread", "stock": 50},
        {"ID": "P005", "name": "White Bread", "stock": 11},
    ]);
    for gateway in [&v4, &v2] {
        gateway.seed("Products", products.clone()).unwrap();
    }
    the_hatches_reach_the_server_as_written(&Service::new(&client(v4.url())), &shop2::Service::new(&client(v2.url())))
        .await;
}

async fn the_hatches_reach_the_server_as_written(v4: &Service, v2: &shop2::Service) {
    let typed = v4.products().list().filter(Products::STOCK.gt(10).and(Products::NAME.contains("Bread")));
    let typed: Vec<String> = typed.send().await.unwrap().items.into_iter().map(|p| p.id).collect();
    assert!(!typed.is_empty());
    let raw = Filter::unchecked("contains(name,'Bread')").unwrap();
    let mixed = v4.products().list().filter(Products::STOCK.gt(10).and(raw));
    let mixed: Vec<String> = mixed.send().await.unwrap().items.into_iter().map(|p| p.id).collect();
    assert_eq!(mixed, typed);

    let raw = Filter::unchecked("substringof('Bread',name)").unwrap();
    let through_v2 = v2.products().list().filter(shop2::Products::STOCK.gt(10).and(raw));
    let through_v2: Vec<String> = through_v2.send().await.unwrap().items.into_iter().map(|p| p.id).collect();
    assert_eq!(through_v2, typed);

    let searched = v4.products().list().unchecked_query_option("$search", "Croissant").send().await.unwrap();
    assert!(!searched.items.is_empty());
    assert!(searched.items.iter().all(|p| p.name.as_deref().unwrap_or("").contains("Croissant")), "{searched:?}");
}
