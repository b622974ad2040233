//! Names that break naive generators compile, and serialize under their OData names.

odata_derive::service! {
    pub mod naming = "../../../../tests/fixtures/naming_edge_cases.edmx";
}

use naming::{Address, Address2, Option2, Result2, Self_, Tree};

fn main() {
    let value = Self_ {
        r#type: "t".into(),
        r#match: Some(1),
        self_: Some(2),
        self_2: Some(3),
        super_: Some(4),
        crate_: Some(5),
        r#async: Some(6),
        r#fn: Some(7),
        name: Some("a".into()),
        name_2: Some("b".into()),
        na_me: Some("c".into()),
        na_me_2: Some("d".into()),
        _1st_level: Some(8),
        __: Some(9),
        odata_etag: Some("property, not the ETag".into()),
        größe: None,
        home: Some(Address { city: Some("Walldorf".into()) }),
        away: Some(Address2 { street: Some("Main St".into()) }),
        kind: Some(Option2::None),
        name_3: Some(Box::new(Result2 { id: 1, odata_etag: None })),
        odata_etag_2: Some("W/\"1\"".into()),
    };
    let json = serde_json::to_value(&value).unwrap();
    for (key, expected) in [
        ("type", "\"t\""), ("match", "1"), ("self", "2"), ("Self", "3"), ("super", "4"), ("crate", "5"), ("async", "6"),
        ("fn", "7"), ("Name", "\"a\""), ("NAME", "\"b\""), ("na_me", "\"c\""), ("Na_Me", "\"d\""), ("1stLevel", "8"),
        ("_", "9"), ("OdataEtag", "\"property, not the ETag\""), ("Kind", "\"None\""), ("name", "{\"ID\":1}"),
        ("@odata.etag", "\"W/\\\"1\\\"\""),
    ] {
        assert_eq!(json[key].to_string(), expected, "{key}");
    }
    let back: Self_ = serde_json::from_value(json).unwrap();
    assert_eq!(back, value);
    assert_eq!(<Self_ as odata_runtime::Entity>::etag(&back), Some("W/\"1\""));
    let _: naming::Self_Key = odata_runtime::Entity::key(&back);
    let _: naming::SelfKeyKey = naming::SelfKeyKey { id: 1 };
    assert_eq!((naming::entity_sets::SELVES, naming::entity_sets::SELVES_2), ("Selves", "SELVES"));
    assert_eq!([Option2::None, Option2::Some, Option2::Self_, Option2::Self2, Option2::N1st].len(), 5);
    // `SalesOrderType` (first) and `SalesOrder_Type` both drop SAP's suffix.
    let _ = (naming::SalesOrder { id: 1, ..Default::default() }, naming::SalesOrderKey { id: 1 });
    let _ = (naming::SalesOrder2 { sales_order: "1".into(), ..Default::default() }, naming::SalesOrder2Key { sales_order: "1".into() });
    let _ = naming::SalesOrder2Patch::default();
    let tree = Tree { label: None, left: Some(Box::new(Tree::default())), children: vec![Tree::default()] };
    assert_eq!(serde_json::to_value(&tree).unwrap()["Left"]["Children"], serde_json::json!([]));
}
