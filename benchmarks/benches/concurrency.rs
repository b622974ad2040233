//! Concurrency: 200 callers share one client and send 20,000 single-entity GETs in all to
//! the sandbox's Gateway (bearer tokens from its XSUAA, verified on every request),
//! against the same load from a bare `reqwest::Client` with the same concurrency.
//! Reports requests per second; every request must succeed.
//! Run: `cargo bench -p odata-benchmarks --bench concurrency`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use odata_benchmarks::{bp_v2, partner_id, partner_rows, Auth, V2Single};
use odata_runtime::Version;
use odata_sandbox::gateway::Gateway;
use std::sync::Arc;
use std::time::{Duration, Instant};

const CALLERS: usize = 200;
const REQUESTS: usize = 20_000;
const ROWS: usize = 10_000;

/// Runs `call(i)` for `i` in `0..REQUESTS` from `CALLERS` tasks; panics on the first failure.
async fn load<F, Fut>(call: F) -> Duration
where
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<(), String>> + Send,
{
    let call = Arc::new(call);
    let start = Instant::now();
    let tasks: Vec<_> = (0..CALLERS)
        .map(|caller| {
            let call = call.clone();
            tokio::spawn(async move {
                for n in (caller..REQUESTS).step_by(CALLERS) {
                    if let Err(e) = call(n % ROWS).await {
                        panic!("request {n} failed: {e}");
                    }
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.expect("a caller panicked");
    }
    start.elapsed()
}

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let (gateway, auth) = rt.block_on(async {
        let auth = Auth::start().await;
        let gateway =
            Gateway::builder(odata_benchmarks::BP_V2_EDMX).accept_tokens_from(&auth.xsuaa).start().await.unwrap();
        gateway.seed("A_BusinessPartner", partner_rows(Version::V2, 0, ROWS)).unwrap();
        (gateway, auth)
    });
    let service = bp_v2::Service::new(&auth.client(&gateway.url()));
    let http = odata_benchmarks::bare_http();
    let token: Arc<str> = rt.block_on(auth.bare_token(&http)).into();
    let base = gateway.url();

    let mut group = c.benchmark_group("200 callers, 20,000 GETs");
    group.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(20));
    group.throughput(Throughput::Elements(REQUESTS as u64));
    group.bench_function(BenchmarkId::new("limit: reqwest + serde_json", "sandbox Gateway"), |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let (http, token, base) = (http.clone(), token.clone(), base.clone());
                total += rt.block_on(load(move |i| {
                    let request = http
                        .get(format!("{base}A_BusinessPartner('{}')", partner_id(i)))
                        .bearer_auth(&token)
                        .header("Accept", "application/json");
                    async move {
                        let response = request.send().await.map_err(|e| e.to_string())?;
                        let body = response.error_for_status().map_err(|e| e.to_string())?.bytes().await;
                        let body = body.map_err(|e| e.to_string())?;
                        let row: V2Single<bp_v2::BusinessPartner> =
                            serde_json::from_slice(&body).map_err(|e| e.to_string())?;
                        (row.d.business_partner == partner_id(i)).then_some(()).ok_or_else(|| "another row".into())
                    }
                }));
            }
            total
        })
    });
    group.bench_function(BenchmarkId::new("generated call", "sandbox Gateway"), |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let service = service.clone();
                total += rt.block_on(load(move |i| {
                    let request =
                        service.business_partner().get(bp_v2::BusinessPartnerKey { business_partner: partner_id(i) });
                    async move {
                        let row = request.send().await.map_err(|e| e.to_string())?;
                        (row.business_partner == partner_id(i)).then_some(()).ok_or_else(|| "another row".into())
                    }
                }));
            }
            total
        })
    });
    group.finish();
    let failed = gateway.requests().iter().filter(|seen| seen.status != 200).count();
    assert_eq!(failed, 0, "every request answered 200");
}

criterion_group!(benches, bench);
criterion_main!(benches);
