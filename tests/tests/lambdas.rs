//! Lambda operators (`any`, `all`) over collection navigation, typed: the inner
//! condition is a filter on the target entity type; and over collections of values
//! (`Collection(Edm.String)`), where the inner condition is on the element the lambda
//! hands over. OData V4 only; on V2 they do not compile (`tests/ui/fail/rule_lambda_on_v2.rs`),
//! nor on a collection the metadata marks not filterable
//! (`rule_lambda_on_non_filterable_collection.rs`).

mod support;

use odata_runtime::{Client, Version};

odata_derive::service! {
    mod shop = "../metadata-samples/cap_shop.v4.edmx";
    mod travel = "../metadata-samples/TravelService.v4.edmx";
    mod drafts = "../metadata-samples/cap_drafts.v4.edmx";
}

use shop::{OrderItems, Orders};

#[test]
fn the_inner_condition_is_on_the_target_behind_its_own_variable() {
    let f = Orders::ITEMS.any(OrderItems::POS.gt(1).and(OrderItems::PRODUCT_ID.eq("P'1")));
    assert_eq!(f.render(Version::V4), "items/any(d0:d0/pos gt 1 and d0/product_ID eq 'P''1')");
    let f = Orders::ITEMS.all(OrderItems::QUANTITY.ge(1)).or(Orders::ITEMS.exists().not());
    assert_eq!(f.render(Version::V4), "items/all(d0:d0/quantity ge 1) or not (items/any())");
    // Nested: each level has its own variable; functions apply inside.
    let f = travel::Customer::TRAVELS.any(
        travel::Travel::BOOKINGS
            .any(travel::Booking::SEAT_COUNT.gt(2))
            .and(travel::Travel::DESCRIPTION.to_lower().contains("x")),
    );
    assert_eq!(
        f.render(Version::V4),
        "Travels/any(d0:d0/Bookings/any(d1:d1/SeatCount gt 2) and contains(tolower(d0/Description),'x'))"
    );
}

/// Against SAP CAP: the orders with an item past position 1 are exactly those whose
/// items, read with them, say so.
#[tokio::test]
async fn against_sap_cap_any_and_all_select_what_the_items_say() {
    let Some(cap) = support::cap::cap() else { return };
    any_and_all_select_what_the_items_say(&shop::Service::new(&Client::builder(cap.v4_root()).build().unwrap())).await;
}

/// The same against the sandbox's Gateway, which follows the navigation per row.
#[tokio::test]
async fn the_sandbox_gateway_answers_any_and_all_over_navigation() {
    let gateway = support::gateway(include_str!("../../metadata-samples/cap_shop.v4.edmx"), "/shop/").await;
    any_and_all_select_what_the_items_say(&shop::Service::new(&Client::builder(gateway.url()).build().unwrap())).await;
}

async fn any_and_all_select_what_the_items_say(svc: &shop::Service) {
    // Orders with items 1 and 2, with none, with item 1 only.
    let two = odata_runtime::edm::Guid::new_v4();
    let order = shop::NewOrders {
        id: Some(two),
        items: Some(vec![shop::NewOrderItems::new(two, 1), shop::NewOrderItems::new(two, 2)]),
        ..shop::NewOrders::new("Two items")
    };
    svc.orders().create(order).send().await.unwrap();
    let empty = svc.orders().create(shop::NewOrders::new("No items")).send().await.unwrap().id;
    let single = odata_runtime::edm::Guid::new_v4();
    let order = shop::NewOrders {
        id: Some(single),
        items: Some(vec![shop::NewOrderItems::new(single, 1)]),
        ..shop::NewOrders::new("One item")
    };
    svc.orders().create(order).send().await.unwrap();
    let all = svc.orders().list().expand(Orders::ITEMS).send().await.unwrap().items;
    let expected = |keep: &dyn Fn(&[shop::OrderItems]) -> bool| -> Vec<odata_runtime::edm::Guid> {
        let mut ids: Vec<_> =
            all.iter().filter(|o| keep(o.items.as_deref().unwrap_or_default())).map(|o| o.id).collect();
        ids.sort();
        ids
    };
    let ids = |page: Vec<Orders>| -> Vec<odata_runtime::edm::Guid> {
        let mut ids: Vec<_> = page.into_iter().map(|o| o.id).collect();
        ids.sort();
        ids
    };
    let any = svc.orders().list().filter(Orders::ITEMS.any(OrderItems::POS.gt(1))).send().await.unwrap().items;
    let any = ids(any);
    assert_eq!(any, expected(&|items| items.iter().any(|i| i.pos > 1)));
    assert!(any.contains(&two) && !any.contains(&single) && !any.contains(&empty));
    let none = svc.orders().list().filter(Orders::ITEMS.exists().not()).send().await.unwrap().items;
    let none = ids(none);
    assert_eq!(none, expected(&|items| items.is_empty()));
    assert!(none.contains(&empty) && !none.contains(&single));
    let all_first = svc.orders().list().filter(Orders::ITEMS.all(OrderItems::POS.eq(1))).send().await.unwrap().items;
    let all_first = ids(all_first);
    assert_eq!(all_first, expected(&|items| items.iter().all(|i| i.pos == 1)));
    assert!(all_first.contains(&single) && all_first.contains(&empty), "`all` holds for no items too");
}

#[test]
fn over_a_collection_of_values_the_condition_is_on_the_element() {
    use drafts::Notes;
    assert_eq!(Notes::TAGS.any(|tag| tag.eq("a'b")).render(Version::V4), "tags/any(d0:d0 eq 'a''b')");
    let f = Notes::TAGS.all(|tag| tag.clone().to_lower().starts_with("x").or(tag.length().lt(3)));
    assert_eq!(f.render(Version::V4), "tags/all(d0:startswith(tolower(d0),'x') or length(d0) lt 3)");
    assert_eq!(Notes::TAGS.exists().not().render(Version::V4), "not (tags/any())");
    // Inside a navigation lambda, the element's variable is the inner level's.
    let f = travel::Customer::TRAVELS.any(travel::Travel::DESCRIPTION.eq("x"));
    assert_eq!(f.render(Version::V4), "Travels/any(d0:d0/Description eq 'x')");
}

/// Against SAP CAP (arrayed elements): the notes whose tags match are exactly those
/// whose tags, read back, say so.
#[tokio::test]
async fn against_sap_cap_any_and_all_over_tags_select_what_the_tags_say() {
    use drafts::{NewNotes, Notes, NotesKey};
    let Some(cap) = support::cap::cap() else { return };
    let client = Client::builder(cap.drafts_root()).basic_auth("alice", "").build().unwrap();
    let svc = drafts::Service::new(&client);
    let tagged = [vec!["urgent", "home"], vec!["home"], vec![]];
    for (n, tags) in tagged.iter().enumerate() {
        let new = NewNotes {
            tags: Some(tags.iter().map(|t| t.to_string()).collect()),
            ..NewNotes::new(format!("Tagged {n}"))
        };
        let draft = svc.notes().create(new).send().await.unwrap();
        let key = NotesKey { id: draft.id, is_active_entity: false };
        Notes::draft_activate(&svc.notes().key(key)).send().await.unwrap();
    }
    let titles = |notes: Vec<Notes>| -> Vec<String> {
        let mut titles: Vec<String> =
            notes.into_iter().filter_map(|n| n.title).filter(|t| t.starts_with("Tagged ")).collect();
        titles.sort();
        titles
    };
    let active = || Notes::IS_ACTIVE_ENTITY.eq(true);
    let urgent = svc.notes().list().filter(Notes::TAGS.any(|t| t.eq("urgent")).and(active())).send().await;
    assert_eq!(titles(urgent.unwrap().items), ["Tagged 0"]);
    let home = svc.notes().list().filter(Notes::TAGS.any(|t| t.eq("home")).and(active())).send().await;
    assert_eq!(titles(home.unwrap().items), ["Tagged 0", "Tagged 1"]);
    // CAP 9.9.3 serves only `any` with one comparison on arrayed elements: it refuses
    // `tags/any()` ("Invalid use of lambda any / all on a non-association"), and its
    // process stops on `tags/all(…)` and on `not (tags/any(… or …))`; those are checked
    // by their rendering above.
}

/// The sandbox's Gateway evaluates lambdas over collections of values, also those CAP
/// cannot serve (`all`, `any()`, a condition with `or`).
#[tokio::test]
async fn the_sandbox_gateway_answers_any_and_all_over_tags() {
    use drafts::{NewNotes, Notes};
    let gateway = support::gateway(include_str!("../../metadata-samples/cap_drafts.v4.edmx"), "/drafts/").await;
    let svc = drafts::Service::new(&Client::builder(gateway.url()).build().unwrap());
    for (n, tags) in [vec!["urgent", "home"], vec!["home"], vec![]].into_iter().enumerate() {
        let new = NewNotes {
            is_active_entity: Some(true),
            tags: Some(tags.into_iter().map(str::to_owned).collect()),
            ..NewNotes::new(format!("Tagged {n}"))
        };
        svc.notes().create(new).send().await.unwrap();
    }
    let titles = |filter| async {
        let page = svc.notes().list().filter(filter).send().await.unwrap();
        let mut titles: Vec<String> = page.items.into_iter().filter_map(|n: Notes| n.title).collect();
        titles.sort();
        titles
    };
    assert_eq!(titles(Notes::TAGS.any(|t| t.eq("urgent"))).await, ["Tagged 0"]);
    assert_eq!(titles(Notes::TAGS.any(|t| t.eq("home"))).await, ["Tagged 0", "Tagged 1"]);
    assert_eq!(titles(Notes::TAGS.all(|t| t.ne("urgent"))).await, ["Tagged 1", "Tagged 2"]);
    assert_eq!(titles(Notes::TAGS.exists().not()).await, ["Tagged 2"]);
    let either = Notes::TAGS.any(|t| t.clone().eq("urgent").or(t.starts_with("ho")));
    assert_eq!(titles(either.not()).await, ["Tagged 2"]);
}

#[test]
fn over_a_collection_of_complex_values_the_condition_is_on_the_complex_type() {
    use drafts::{Notes, ShopStep};
    let f = Notes::CHECKLIST.any(ShopStep::DONE.eq(false).and(ShopStep::TEXT.contains("milk")));
    assert_eq!(f.render(Version::V4), "checklist/any(d0:d0/done eq false and contains(d0/text,'milk'))");
    assert_eq!(Notes::CHECKLIST.all(ShopStep::DONE.eq(true)).render(Version::V4), "checklist/all(d0:d0/done eq true)");
    assert_eq!(Notes::CHECKLIST.exists().render(Version::V4), "checklist/any()");
}

/// Notes with checklists: one with an open step, one all done, one without steps.
fn checklists() -> [(&'static str, Vec<drafts::ShopStep>); 3] {
    let step = |text: &str, done: bool| drafts::ShopStep { text: Some(text.into()), done: Some(done) };
    [
        ("Listed 0", vec![step("buy milk", false), step("call Ann", true)]),
        ("Listed 1", vec![step("pay rent", true)]),
        ("Listed 2", vec![]),
    ]
}

/// The titles of the active notes `filter` selects, among those made by [`checklists`].
async fn listed(svc: &drafts::Service, filter: odata_runtime::query::Filter<drafts::Notes>) -> Vec<String> {
    use drafts::Notes;
    let filter = filter.and(Notes::IS_ACTIVE_ENTITY.eq(true)).and(Notes::TITLE.starts_with("Listed "));
    let page = svc.notes().list().filter(filter).send().await.unwrap();
    let mut titles: Vec<String> = page.items.into_iter().filter_map(|n| n.title).collect();
    titles.sort();
    titles
}

/// Against SAP CAP (arrayed structured elements): the steps go in and come back as
/// written; a lambda over them reaches CAP as rendered, and CAP 9.9.3 refuses it ("Invalid
/// use of lambda any / all on a non-association": it ranges only over associations and
/// arrays of primitive values), a typed 400. The sandbox's Gateway answers it (below).
#[tokio::test]
async fn against_sap_cap_steps_round_trip_and_a_lambda_over_them_is_refused() {
    use drafts::{NewNotes, Notes, NotesKey, ShopStep};
    let Some(cap) = support::cap::cap() else { return };
    let client = Client::builder(cap.drafts_root()).basic_auth("alice", "").build().unwrap();
    let svc = drafts::Service::new(&client);
    for (title, steps) in checklists() {
        let draft =
            svc.notes().create(NewNotes { checklist: Some(steps.clone()), ..NewNotes::new(title) }).send().await;
        let key = NotesKey { id: draft.unwrap().id, is_active_entity: false };
        let active = Notes::draft_activate(&svc.notes().key(key)).send().await.unwrap();
        assert_eq!(active.checklist, steps, "{title}");
    }
    let e = svc.notes().list().filter(Notes::CHECKLIST.any(ShopStep::DONE.eq(false))).send().await.unwrap_err();
    assert!(
        matches!(&e, odata_runtime::Error::Http(h) if h.status == 400 && h.url.contains("checklist%2Fany%28d0:d0%2Fdone%20eq%20false%29")),
        "{e:?}"
    );
}

/// The sandbox's Gateway: `any`, `all` and `exists` over complex values, with conditions
/// on several of their properties.
#[tokio::test]
async fn the_sandbox_gateway_answers_any_and_all_over_a_checklist() {
    use drafts::{NewNotes, Notes, ShopStep};
    let gateway = support::gateway(include_str!("../../metadata-samples/cap_drafts.v4.edmx"), "/drafts/").await;
    let svc = drafts::Service::new(&Client::builder(gateway.url()).build().unwrap());
    for (title, steps) in checklists() {
        let new = NewNotes { is_active_entity: Some(true), checklist: Some(steps), ..NewNotes::new(title) };
        svc.notes().create(new).send().await.unwrap();
    }
    assert_eq!(listed(&svc, Notes::CHECKLIST.any(ShopStep::DONE.eq(false))).await, ["Listed 0"]);
    let milk = ShopStep::DONE.eq(false).and(ShopStep::TEXT.contains("milk"));
    assert_eq!(listed(&svc, Notes::CHECKLIST.any(milk)).await, ["Listed 0"]);
    assert_eq!(listed(&svc, Notes::CHECKLIST.all(ShopStep::DONE.eq(true))).await, ["Listed 1", "Listed 2"]);
    assert_eq!(listed(&svc, Notes::CHECKLIST.exists().not()).await, ["Listed 2"]);
}
