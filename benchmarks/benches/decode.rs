//! Decode throughput: a page of 10,000 business partners, V2 and V4 JSON as the sandbox's
//! Gateway writes them, decoded through the runtime (what a list request does with a
//! body) against the limit, `serde_json::from_slice` into the same generated struct.
//! Run: `cargo bench -p odata-benchmarks --bench decode`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use odata_benchmarks::{bp_v2, bp_v4, recorded_page, V2Page, V4Page};
use odata_runtime::request::{Entities, Rows};
use odata_runtime::Version;
use std::hint::black_box;
use std::time::Duration;

const ROWS: usize = 10_000;

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let v2 = rt.block_on(recorded_page(Version::V2, ROWS));
    let v4 = rt.block_on(recorded_page(Version::V4, ROWS));
    drop(rt);

    // Both sides must read the same rows, or the comparison means nothing.
    let ours = Entities::<bp_v2::BusinessPartner>::default().decode_page(Version::V2, &v2).unwrap();
    let limit: V2Page<bp_v2::BusinessPartner> = serde_json::from_slice(&v2).unwrap();
    assert_eq!((ours.items.len(), &ours.items), (ROWS, &limit.d.results));
    let ours = Entities::<bp_v4::BusinessPartner>::default().decode_page(Version::V4, &v4).unwrap();
    let limit: V4Page<bp_v4::BusinessPartner> = serde_json::from_slice(&v4).unwrap();
    assert_eq!((ours.items.len(), &ours.items), (ROWS, &limit.value));

    let mut group = c.benchmark_group("decode 10,000 partners");
    group.sample_size(30).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(4));
    group.throughput(Throughput::Bytes(v2.len() as u64));
    group.bench_with_input(BenchmarkId::new("limit: serde_json::from_slice", "V2"), &v2, |b, body| {
        b.iter(|| serde_json::from_slice::<V2Page<bp_v2::BusinessPartner>>(black_box(body)).unwrap())
    });
    group.bench_with_input(BenchmarkId::new("runtime", "V2"), &v2, |b, body| {
        let rows = Entities::<bp_v2::BusinessPartner>::default();
        b.iter(|| rows.decode_page(Version::V2, black_box(body)).unwrap())
    });
    group.throughput(Throughput::Bytes(v4.len() as u64));
    group.bench_with_input(BenchmarkId::new("limit: serde_json::from_slice", "V4"), &v4, |b, body| {
        b.iter(|| serde_json::from_slice::<V4Page<bp_v4::BusinessPartner>>(black_box(body)).unwrap())
    });
    group.bench_with_input(BenchmarkId::new("runtime", "V4"), &v4, |b, body| {
        let rows = Entities::<bp_v4::BusinessPartner>::default();
        b.iter(|| rows.decode_page(Version::V4, black_box(body)).unwrap())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
