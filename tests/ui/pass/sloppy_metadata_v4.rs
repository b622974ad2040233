//! Metadata with the mistakes of real ERP services generates a usable client: the
//! unusable items are skipped with compiler warnings, `Edm.Float` is raw JSON.

odata_derive::service! {
    pub mod erp = "../../../../tests/fixtures/sloppy_service.v4.edmx";
}

use odata_runtime::edm::RawJson;

fn main() {
    let item = erp::Item { item_code: "A1".into(), weight: Some(RawJson(serde_json::json!(2.5))), ..Default::default() };
    assert_eq!(item.item_name, None);
    let _price = |svc: &erp::Service| {
        svc.price(erp::PriceParameters { item_code: "A1".into(), factor: Some(RawJson(serde_json::json!(1.1))) })
    };
}
