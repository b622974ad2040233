//! The large sample (320 entity types, 6,400 properties, 839 associations) expands
//! through the `service!` macro, and its types behave like any other.

odata_derive::service! {
    pub mod large = "../metadata-samples/large_service.edmx";
}

use large::{ZObject000, ZObject001, ZObject319};

fn assert_thread_safe<T: Send + Sync + std::panic::UnwindSafe + 'static>() {}

#[test]
fn generated_types_compile_and_round_trip() {
    assert_thread_safe::<ZObject000>();
    assert_thread_safe::<ZObject319>();
    let item = ZObject001 {
        object_id: "1".into(),
        version: 1,
        to_object00_item1_root: Some(Box::new(ZObject000 { object_id: "1".into(), ..Default::default() })),
        ..Default::default()
    };
    let root =
        ZObject000 { object_id: "1".into(), version: 1, to_object00_item1: Some(vec![item]), ..Default::default() };
    let json = serde_json::to_value(&root).unwrap();
    assert_eq!(json["to_Object00_Item1"]["results"][0]["to_Object00_Item1_Root"]["ObjectId"], "1");
    let back: ZObject000 = serde_json::from_value(json).unwrap();
    assert_eq!(back, root);
    assert_eq!(large::entity_sets::Z_OBJECT319, "Z_Object319");
}
