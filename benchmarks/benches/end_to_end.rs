//! End to end on loopback: a generated call (token cached by the runtime) against the
//! limit, a bare `reqwest` GET of the same URL with the same kind of token and
//! `serde_json::from_slice` into the same generated struct. Both read the same fixed
//! bodies (recorded from the sandbox's Gateway) from the same loopback server, so the
//! difference is the runtime's own cost: building the request, the auth provider, status
//! and content-type checks, decoding.
//! Run: `cargo bench -p odata-benchmarks --bench end_to_end`.

use bytes::Bytes;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use odata_benchmarks::{bp_v2, bp_v4, fixed_server, gateway_with_partners, recorded, Auth, V2Page, V2Single, V4Page};
use odata_runtime::Version;
use serde::de::DeserializeOwned;
use std::time::Duration;

const ROWS: usize = 10_000;
const ROOT: &str = "/sap/opu/odata/sap/API_BUSINESS_PARTNER/";
const V4_ROOT: &str = "/sap/opu/odata4/sap/api_business_partner/srvd_a2x/sap/api_business_partner/0001/";

struct Bare {
    http: reqwest::Client,
    token: String,
}

impl Bare {
    async fn get<T: DeserializeOwned>(&self, url: &str, accept: &str) -> T {
        let response = self.http.get(url).bearer_auth(&self.token).header("Accept", accept).send().await.unwrap();
        let body = response.error_for_status().unwrap().bytes().await.unwrap();
        serde_json::from_slice(&body).unwrap()
    }
}

const V4_ACCEPT: &str = "application/json;odata.metadata=minimal;IEEE754Compatible=true";

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let (v2_url, v4_url, auth, key) = rt.block_on(async {
        let key = odata_benchmarks::partner_id(4242);
        let v2 = gateway_with_partners(Version::V2, ROWS).await;
        let page: Bytes = recorded(&v2, Version::V2, "A_BusinessPartner").await;
        let single = recorded(&v2, Version::V2, &format!("A_BusinessPartner('{key}')")).await;
        let v4 = recorded(&gateway_with_partners(Version::V4, ROWS).await, Version::V4, "A_BusinessPartner").await;
        let auth = Auth::start().await;
        let addr = fixed_server(
            &auth,
            vec![
                (format!("{ROOT}A_BusinessPartner"), page),
                (format!("{ROOT}A_BusinessPartner('{key}')"), single),
                (format!("{V4_ROOT}A_BusinessPartner"), v4),
            ],
        )
        .await;
        (format!("http://{addr}{ROOT}"), format!("http://{addr}{V4_ROOT}"), auth, key)
    });
    let v2 = bp_v2::Service::new(&auth.client(&v2_url));
    let v4 = bp_v4::Service::new(&auth.client(&v4_url));
    let http = odata_benchmarks::bare_http();
    let bare = Bare { token: rt.block_on(auth.bare_token(&http)), http };
    let bp_key = || bp_v2::BusinessPartnerKey { business_partner: key.clone() };
    let list_url = format!("{v2_url}A_BusinessPartner");
    let get_url = format!("{v2_url}A_BusinessPartner('{key}')");
    let v4_list_url = format!("{v4_url}A_BusinessPartner");

    // Both sides read the same thing (and the first call fetches and caches the token).
    rt.block_on(async {
        let ours = v2.business_partner().list().send().await.unwrap().items;
        let limit: V2Page<bp_v2::BusinessPartner> = bare.get(&list_url, "application/json").await;
        assert_eq!((ours.len(), &ours), (ROWS, &limit.d.results));
        let ours = v2.business_partner().get(bp_key()).send().await.unwrap();
        let limit: V2Single<bp_v2::BusinessPartner> = bare.get(&get_url, "application/json").await;
        assert_eq!(ours, limit.d);
        let ours = v4.business_partner().list().send().await.unwrap().items;
        let limit: V4Page<bp_v4::BusinessPartner> = bare.get(&v4_list_url, V4_ACCEPT).await;
        assert_eq!((ours.len(), &ours), (ROWS, &limit.value));
    });

    let mut group = c.benchmark_group("end to end");
    group.sample_size(30).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(5));
    group.throughput(Throughput::Elements(ROWS as u64));
    group.bench_function(BenchmarkId::new("limit: reqwest + serde_json", "V2 list 10,000"), |b| {
        b.iter(|| rt.block_on(bare.get::<V2Page<bp_v2::BusinessPartner>>(&list_url, "application/json")))
    });
    group.bench_function(BenchmarkId::new("generated call", "V2 list 10,000"), |b| {
        b.iter(|| rt.block_on(v2.business_partner().list().send()).unwrap())
    });
    group.bench_function(BenchmarkId::new("limit: reqwest + serde_json", "V4 list 10,000"), |b| {
        b.iter(|| rt.block_on(bare.get::<V4Page<bp_v4::BusinessPartner>>(&v4_list_url, V4_ACCEPT)))
    });
    group.bench_function(BenchmarkId::new("generated call", "V4 list 10,000"), |b| {
        b.iter(|| rt.block_on(v4.business_partner().list().send()).unwrap())
    });
    group.throughput(Throughput::Elements(1));
    group.sample_size(100);
    group.bench_function(BenchmarkId::new("limit: reqwest + serde_json", "V2 get by key"), |b| {
        b.iter(|| rt.block_on(bare.get::<V2Single<bp_v2::BusinessPartner>>(&get_url, "application/json")))
    });
    group.bench_function(BenchmarkId::new("generated call", "V2 get by key"), |b| {
        b.iter(|| rt.block_on(v2.business_partner().get(bp_key()).send()).unwrap())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
