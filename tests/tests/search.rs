//! Free-text search, where the metadata allows it: SAP's `search=` on V2 sets marked
//! `sap:searchable="true"` (the sandbox Gateway), `$search` on V4 (SAP CAP). A set
//! without it does not compile (`tests/ui/fail/rule_search_on_non_searchable_set.rs`).

mod support;

use odata_runtime::Client;
use odata_sandbox::gateway::Gateway;

odata_derive::service! {
    mod bp = "../metadata-samples/API_BUSINESS_PARTNER.edmx";
    mod shop4 = "../metadata-samples/cap_shop.v4.edmx";
}

fn client(root: impl Into<String>) -> Client {
    Client::builder(root).build().unwrap()
}

#[test]
fn the_search_text_is_one_value_and_in_v4_one_phrase() {
    let svc = bp::Service::new(&client("http://localhost/sap/opu/odata/sap/API_BUSINESS_PARTNER/"));
    let plan = svc.business_partner().search("curie & co").top(5).plan();
    assert_eq!(plan.relative_url(), "A_BusinessPartner?$top=5&search=curie%20%26%20co");

    let svc = shop4::Service::new(&client("http://localhost/shop/"));
    // Words like OR are searched for, not operators; quotes cannot end the phrase.
    let plan = svc.products().search(r#"rye OR "x\"#).plan();
    assert_eq!(plan.relative_url(), "Products?$search=%22rye%20OR%20%5C%22x%5C%5C%22");
}

#[tokio::test]
async fn v2_search_on_the_sandbox_gateway() {
    let gateway = Gateway::builder(odata_sandbox::BUSINESS_PARTNER_EDMX).start().await.unwrap();
    gateway.seed_json(odata_sandbox::BUSINESS_PARTNER_SEED).unwrap();
    let svc = bp::Service::new(&client(gateway.url()));
    let ids = |page: odata_runtime::request::Page<bp::BusinessPartner>| -> Vec<String> {
        page.items.into_iter().map(|p| p.business_partner).collect()
    };
    let found = svc.business_partner().search("curie").send().await.unwrap();
    assert_eq!(ids(found), ["1000003"]);
    // Every word must be found; combined with a typed filter.
    let found = svc.business_partner().search("ada lovelace").send().await.unwrap();
    assert_eq!(ids(found), ["1000006"]);
    let found = svc
        .business_partner()
        .search("gmbh")
        .filter(bp::BusinessPartner::BUSINESS_PARTNER.ne("1000001"))
        .send()
        .await
        .unwrap();
    assert!(found.items.is_empty());
    assert_eq!(gateway.requests().last().unwrap().status, 200);
}

#[tokio::test]
async fn v4_search_against_sap_cap() {
    let Some(cap) = support::cap::cap() else { return };
    let svc = shop4::Service::new(&client(cap.v4_root()));
    let found = svc.products().search("Croissant").send().await.unwrap();
    assert!(!found.items.is_empty());
    assert!(found.items.iter().all(|p| p.name.as_deref().unwrap_or("").contains("Croissant")));
    let none = svc.products().search("no such bread anywhere").send().await.unwrap();
    assert!(none.items.is_empty());
}
