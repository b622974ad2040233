//! Delta links over loopback against the sandbox's Gateway (SAP CAP has no change
//! tracking): a sync job reads a set once with change tracking, stores the delta link,
//! and later reads only what changed since, resuming from the stored link and getting
//! the next one. V2: SAP Gateway's `sap:change-tracking` sets and `!deltatoken` (no
//! tombstones in JSON); V4: `Prefer: odata.track-changes`, `@odata.deltaLink`, deleted
//! entities as `@removed` entries. On a set that does not track changes it does not
//! compile (`tests/ui/fail/rule_delta_on_untracked_set.rs`).

use odata_runtime::edm::Guid;
use odata_runtime::request::DeltaRequest;
use odata_runtime::Client;
use odata_sandbox::gateway::Gateway;

odata_derive::service! {
    mod bp = "../metadata-samples/API_BUSINESS_PARTNER.edmx";
    mod travel = "../metadata-samples/TravelService.v4.edmx";
}

/// Every page of a read with change tracking: the entities changed, the entries
/// removed, and the delta link of the last page.
async fn read_all<E: serde::de::DeserializeOwned>(mut read: DeltaRequest<E>) -> (Vec<E>, Vec<String>, String) {
    let (mut changed, mut removed, mut link) = (Vec::new(), Vec::new(), None);
    let mut pages = 0;
    while let Some(page) = read.next().await {
        let page = page.unwrap();
        pages += 1;
        changed.extend(page.changed);
        removed.extend(page.removed);
        assert!(link.is_none(), "a delta link before the last page");
        link = page.delta_link;
    }
    assert!(pages >= 1);
    (changed, removed, link.expect("the last page carries a delta link"))
}

#[tokio::test]
async fn v2_delta_tokens_give_what_changed_since_the_stored_link() {
    let gateway = Gateway::builder(odata_sandbox::BUSINESS_PARTNER_EDMX)
        .csrf(false)
        .require_if_match(false)
        .page_size(4)
        .start()
        .await
        .unwrap();
    gateway.seed_json(odata_sandbox::BUSINESS_PARTNER_SEED).unwrap();
    let svc = bp::Service::new(&Client::builder(gateway.url()).build().unwrap());

    // The first read: every partner, over two pages; the link comes with the last.
    let (all, removed, link) = read_all(svc.business_partner().track_changes()).await;
    assert_eq!((all.len(), removed.len()), (6, 0));
    assert!(link.contains("A_BusinessPartner?!deltatoken='"), "{link}");

    // Nothing changed: nothing comes, and a new link.
    let (none, _, same) = read_all(svc.business_partner().changes_since(&link)).await;
    assert!(none.is_empty(), "{none:?}");

    // A change and a create, then the changes since the stored link.
    let key = bp::BusinessPartnerKey { business_partner: all[0].business_partner.clone() };
    let patch = bp::BusinessPartnerPatch { search_term1: Some(Some("CHANGED".into())), ..Default::default() };
    svc.business_partner().update(key, patch).send().await.unwrap();
    let new = bp::NewBusinessPartner { first_name: Some("Delta".into()), ..bp::NewBusinessPartner::new("3000001") };
    svc.business_partner().create(new).send().await.unwrap();
    let (changed, _, next) = read_all(svc.business_partner().changes_since(&same)).await;
    let mut ids: Vec<&str> = changed.iter().map(|p| p.business_partner.as_str()).collect();
    ids.sort();
    let mut expected = vec![all[0].business_partner.as_str(), "3000001"];
    expected.sort();
    assert_eq!(ids, expected);
    assert_eq!(
        changed.iter().find(|p| p.business_partner == all[0].business_partner).unwrap().search_term1.as_deref(),
        Some("CHANGED")
    );
    // The older link still names the same point: it gives the same changes again.
    let (again, _, _) = read_all(svc.business_partner().changes_since(&link)).await;
    assert_eq!(again.len(), 2);
    let (after, _, _) = read_all(svc.business_partner().changes_since(&next)).await;
    assert!(after.is_empty());

    // A link that leaves the service is refused before anything is sent.
    let mut foreign = svc.business_partner().changes_since("http://evil.example/A_BusinessPartner?!deltatoken='1'");
    assert!(matches!(foreign.next().await, Some(Err(odata_runtime::Error::Paging { .. }))));
}

#[tokio::test]
async fn v4_change_tracking_reports_changes_and_removed_entities() {
    let gateway = Gateway::builder(include_str!("../../metadata-samples/TravelService.v4.edmx"))
        .service_path("/travel/")
        .csrf(false)
        .require_if_match(false)
        .page_size(2)
        .start()
        .await
        .unwrap();
    let svc = travel::Service::new(&Client::builder(gateway.url()).build().unwrap());
    let mut ids: Vec<Guid> = Vec::new();
    for n in 1..=3 {
        let created = svc.travels().create(travel::NewTravel::new(n, travel::TravelStatus::Open)).send().await.unwrap();
        ids.push(created.travel_uuid);
    }

    let (all, removed, link) = read_all(svc.travels().track_changes()).await;
    assert_eq!((all.len(), removed.len()), (3, 0));
    // (The Gateway hands out a V4 delta link only to a read with `Prefer: odata.track-changes`.)
    assert!(link.contains("Travels?$deltatoken="), "{link}");

    // One changed, one deleted, one created.
    let patch = travel::TravelPatch { description: Some(Some("changed".into())), ..Default::default() };
    svc.travels().update(travel::TravelKey { travel_uuid: ids[0] }, patch).send().await.unwrap();
    svc.travels().delete(travel::TravelKey { travel_uuid: ids[1] }).send().await.unwrap();
    let created = svc.travels().create(travel::NewTravel::new(4, travel::TravelStatus::Open)).send().await.unwrap();

    let (changed, removed, _) = read_all(svc.travels().changes_since(&link)).await;
    let mut changed_ids: Vec<Guid> = changed.iter().map(|t| t.travel_uuid).collect();
    changed_ids.sort();
    let mut expected = vec![ids[0], created.travel_uuid];
    expected.sort();
    assert_eq!(changed_ids, expected);
    assert_eq!(removed, [format!("Travels({})", ids[1])]);

    // The same pages as a stream.
    use futures_util::StreamExt;
    let pages: Vec<_> = svc.travels().changes_since(&link).stream().collect().await;
    let changed: usize = pages.iter().map(|p| p.as_ref().unwrap().changed.len()).sum();
    assert_eq!(changed, 2);
    assert!(pages.last().unwrap().as_ref().unwrap().delta_link.is_some());
}
