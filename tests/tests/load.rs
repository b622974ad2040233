//! Load: 20,000 mixed reads and writes from 200 concurrent callers against the
//! sandbox's Gateway (XSUAA tokens, CSRF, ETags), over loopback. Zero errors; every
//! acknowledged create and update is there afterwards, exactly once; memory stays
//! bounded.

use odata_runtime::btp::bindings::Bindings;
use odata_runtime::btp::xsuaa::Xsuaa;
use odata_runtime::{Client, Entity, Error};
use odata_sandbox::Sandbox;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

odata_derive::service! {
    mod bp = "../metadata-samples/API_BUSINESS_PARTNER.edmx";
}

use bp::{BusinessPartner as Bp, BusinessPartnerKey as BpKey};

const CALLERS: usize = 200;
const REQUESTS: usize = 20_000;
/// The partners the sandbox seeds.
const SEEDED: [&str; 6] = ["1000001", "1000002", "1000003", "1000004", "1000005", "1000006"];

/// What one caller wrote and had acknowledged: its partners and each one's last
/// search term.
type Written = BTreeMap<String, Option<String>>;

fn key(id: &str) -> BpKey {
    BpKey { business_partner: id.into() }
}

/// One caller's share of the load: a fixed mix of creates, updates with ETags, reads by
/// key, filtered pages and counts.
async fn caller(svc: bp::Service, caller: usize, requests: usize) -> Result<Written, (String, Error)> {
    let partners = svc.business_partner();
    let mut written = Written::new();
    let mut etags: Vec<(String, String)> = Vec::new();
    for n in 0..requests {
        let step = format!("caller {caller} request {n}");
        let fail = |e| (step.clone(), e);
        match n % 10 {
            0 | 5 => {
                let id = format!("L{caller:03}{n:05}");
                let new = bp::NewBusinessPartner {
                    business_partner_category: Some("1".into()),
                    first_name: Some(format!("Load {caller}")),
                    ..bp::NewBusinessPartner::new(id.clone())
                };
                let created = partners.create(new).send().await.map_err(fail)?;
                assert_eq!(created.business_partner, id);
                etags.push((id.clone(), created.etag().expect("an ETag").to_owned()));
                written.insert(id, None);
            }
            7 if !etags.is_empty() => {
                let (id, etag) = etags.swap_remove((n / 10 + caller) % etags.len());
                let term = format!("T{n}");
                let patch = bp::BusinessPartnerPatch { search_term1: Some(Some(term.clone())), ..Default::default() };
                let updated = partners.update(key(&id), patch).if_match(etag).send().await.map_err(fail)?;
                etags.push((id.clone(), updated.etag.expect("a new ETag")));
                written.insert(id, Some(term));
            }
            1 | 3 | 8 => {
                let id = match etags.get(n % etags.len().max(1)) {
                    Some((id, _)) if n % 2 == 1 => id.clone(),
                    _ => SEEDED[(caller + n) % SEEDED.len()].to_owned(),
                };
                let read = partners.get(key(&id)).send().await.map_err(fail)?;
                assert_eq!(read.business_partner, id);
            }
            2 | 6 => {
                let page = partners.list().filter(Bp::FIRST_NAME.eq(format!("Load {caller}"))).top(5);
                let page = page.send().await.map_err(fail)?;
                assert!(page.items.iter().all(|p| p.first_name.as_deref() == Some(&format!("Load {caller}"))));
            }
            _ => {
                partners.count().send().await.map_err(fail)?;
            }
        }
    }
    Ok(written)
}

/// The process's resident set now and at its peak, in MiB.
fn rss_mib() -> (u64, u64) {
    let (now, peak) = odata_tests::process_memory();
    (now >> 20, peak >> 20)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_thousand_mixed_requests_from_two_hundred_callers_lose_nothing() {
    let sandbox = Sandbox::start().await.unwrap();
    let bindings = Bindings::from_vcap_services(&sandbox.vcap_services().to_string()).unwrap();
    let xsuaa = Xsuaa::from_binding(bindings.find("xsuaa").unwrap()).unwrap();
    let client = Client::builder(sandbox.gateway.url()).xsuaa(xsuaa.clone()).build().unwrap();
    let svc = bp::Service::new(&client);
    let (rss_before, _) = rss_mib();

    let started = Instant::now();
    let callers: Vec<_> = (0..CALLERS).map(|c| tokio::spawn(caller(svc.clone(), c, REQUESTS / CALLERS))).collect();
    let mut written = Written::new();
    let mut errors = Vec::new();
    for handle in callers {
        match handle.await.expect("no caller panics") {
            Ok(mine) => written.extend(mine),
            Err((step, e)) => errors.push(format!("{step}: {e}")),
        }
    }
    let elapsed = started.elapsed();
    let (rss_after, rss_peak) = rss_mib();
    assert!(errors.is_empty(), "{} errors, first: {:?}", errors.len(), errors.first());
    assert!(elapsed < Duration::from_secs(100), "the load took {elapsed:?}");

    // The Gateway served every request once, and nothing failed on its side.
    let requests = sandbox.gateway.requests();
    let data: Vec<_> = requests.iter().filter(|r| !r.target.ends_with("/") && r.method != "HEAD").collect();
    assert_eq!(data.len(), REQUESTS, "no request sent twice or lost");
    assert!(data.iter().all(|r| r.status < 400), "{:?}", data.iter().find(|r| r.status >= 400));
    // V2 updates are MERGE tunnelled through POST, on the entity's own URL.
    let creates = data.iter().filter(|r| r.method == "POST" && !r.target.contains('(')).count();
    assert_eq!((creates, written.len()), (REQUESTS / 5, REQUESTS / 5), "every create acknowledged");
    assert_eq!(xsuaa.requests_sent(), 1, "one token for all callers");

    // Every acknowledged write is there, exactly once, with its last update.
    let partners = svc.business_partner();
    assert_eq!(partners.count().send().await.unwrap() as usize, SEEDED.len() + written.len(), "no duplicates");
    let mut stored = std::collections::BTreeMap::new();
    let pages = partners.list().filter(Bp::BUSINESS_PARTNER.starts_with("L")).stream();
    let mut pages = std::pin::pin!(pages);
    while let Some(partner) = futures_util::StreamExt::next(&mut pages).await {
        let partner = partner.unwrap();
        assert!(stored.insert(partner.business_partner.clone(), partner.search_term1).is_none(), "listed once");
    }
    assert_eq!(stored, written);
    let updated = written.values().filter(|t| t.is_some()).count();
    assert!(updated >= REQUESTS / 20, "updates were part of the load: {updated}");

    println!(
        "load: {REQUESTS} requests from {CALLERS} callers in {elapsed:.1?} ({:.0} req/s); {} creates, {updated} partners \
         updated; RSS {rss_before} → {rss_after} MiB, peak {rss_peak} MiB",
        REQUESTS as f64 / elapsed.as_secs_f64(),
        written.len()
    );
    assert!(rss_peak < 256, "memory stays bounded: peak {rss_peak} MiB");
}
