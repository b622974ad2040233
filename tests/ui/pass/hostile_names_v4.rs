//! Names whose generated code used to clash although the generator succeeded: every
//! type, parameters struct, constant and bound operation gets a name of its own.

odata_derive::service! {
    pub mod hostile = "../../../../tests/fixtures/hostile_names.v4.edmx";
}

use hostile::{FindParameters, Thing};

fn main() {
    let client = odata_runtime::Client::builder("https://h.example/odata/v4/hostile/").build().unwrap();
    let svc = hostile::Service::new(&client);
    // The entity type keeps its name; the import's parameters struct takes another.
    let _entity = FindParameters { id: 1, ..Default::default() };
    let plan = svc.find(hostile::FindParameters2 { term: "x".into() }).plan().unwrap();
    assert!(plan.relative_url().starts_with("find("), "{}", plan.relative_url());
    // Two bound operations whose names concatenate alike.
    let order = svc.orders().key(hostile::OrderKey { id: 1 });
    let _ = hostile::Order::x_cancel(&order, hostile::OrderXCancelParameters { reason: None });
    let order_x = svc.order_xs().key(hostile::OrderXKey { id: 1 });
    let _ = hostile::OrderX::cancel(&order_x, hostile::OrderXCancelParameters2 { reason: None });
    // NFC-equal names: the Kelvin sign is K, the Ohm sign is Omega.
    let _ = (hostile::K { id: 1, ..Default::default() }, hostile::K2 { id: 2, ..Default::default() });
    let _ = (hostile::Ω { v: None }, hostile::Ω2 { v: None });
    let _ = (Thing::KELVIN, Thing::KELVIN_2, Thing::ΩHM, Thing::ΩHM_2);
    // Bound operations and constants of the same name live side by side.
    let thing = svc.things().key(hostile::ThingKey { id: 1 });
    let _ = Thing::名前_2(&thing);
    let _ = Thing::名前;
    let _ = Thing::___2(&thing);
    let _ = Thing::__;
}
