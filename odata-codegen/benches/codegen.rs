//! Parse + resolve + generate for every sample, against a baseline measured in the
//! same run: quick-xml tokenizing the same file without building anything (the floor
//! for any EDMX reader). Then the large sample at 1×, 2× and 4× its size (written by
//! `metadata-samples/generate_large.py --objects 40/80/160`, which needs `python3`), to
//! show that time grows linearly. Last, the large sample (1× and 4×) on one line, as SAP
//! serves `$metadata`, beside the same document with newlines.
//! Run: `cargo bench -p odata-codegen --bench codegen`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use odata_codegen::{generate_module, generate_module_source, ModuleSpec, Options};
use std::hint::black_box;
use std::time::Duration;

const SAMPLES: &[&str] = &[
    "API_BUSINESS_PARTNER.edmx",
    "API_SALES_ORDER_SRV.edmx",
    "TravelService.v4.edmx",
    "large_service.edmx",
    "erp_service_layer.v4.edmx",
];

fn tokenize(source: &str) -> usize {
    let mut reader = quick_xml::Reader::from_str(source);
    let mut events = 0;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => return events,
            Ok(_) => events += 1,
            Err(e) => panic!("{e}"),
        }
    }
}

fn bench(c: &mut Criterion) {
    let spec = ModuleSpec::public("service").unwrap();
    let options = Options::default();
    let mut group = c.benchmark_group("codegen");
    group.sample_size(20).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(3));
    for name in SAMPLES {
        let source =
            std::fs::read_to_string(format!("{}/../metadata-samples/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        group.throughput(Throughput::Bytes(source.len() as u64));
        group.bench_with_input(BenchmarkId::new("baseline: xml tokenize", name), &source, |b, s| {
            b.iter(|| tokenize(black_box(s)))
        });
        group.bench_with_input(BenchmarkId::new("parse + resolve", name), &source, |b, s| {
            b.iter(|| odata_edmx::parse(black_box(s)).unwrap())
        });
        // What the macro computes: the module's source, which the compiler lexes in one call.
        group.bench_with_input(BenchmarkId::new("parse + resolve + generate", name), &source, |b, s| {
            b.iter(|| {
                let model = odata_edmx::parse(black_box(s)).unwrap();
                generate_module_source(&model, &spec, &options, Default::default()).unwrap()
            })
        });
        // The same, lexed into tokens outside a compiler (proc-macro2's own lexer).
        group.bench_with_input(BenchmarkId::new("parse + resolve + generate + lex", name), &source, |b, s| {
            b.iter(|| {
                let model = odata_edmx::parse(black_box(s)).unwrap();
                generate_module(&model, &spec, &options, Default::default()).unwrap()
            })
        });
        group.bench_with_input(BenchmarkId::new("parse + generate + pretty-print", name), &source, |b, s| {
            b.iter(|| odata_codegen::generate_source(black_box(s), "service", &options).unwrap())
        });
    }
    group.finish();

    // Linearity: the macro's work (parse + resolve + generate) on 1×, 2×, 4× inputs.
    let mut group = c.benchmark_group("codegen scaling");
    group.sample_size(10).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(5));
    for scale in [1, 2, 4] {
        let source = scaled_large_sample(scale);
        group.throughput(Throughput::Bytes(source.len() as u64));
        group.bench_with_input(BenchmarkId::new("parse + resolve + generate", format!("{scale}x")), &source, |b, s| {
            b.iter(|| {
                let model = odata_edmx::parse(black_box(s)).unwrap();
                generate_module_source(&model, &spec, &options, Default::default()).unwrap()
            })
        });
    }
    group.finish();

    // `$metadata` as SAP serves it, on one line, against the same document with its
    // newlines (the baseline of this group): parse, and parse + resolve + generate.
    let mut group = c.benchmark_group("one-line metadata");
    group.sample_size(10).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(4));
    for scale in [1, 4] {
        let committed = scaled_large_sample(scale);
        let one_line = committed.replace('\n', "");
        for (form, source) in [("with newlines", &committed), ("one line", &one_line)] {
            let id = format!("{scale}x {form}");
            group.throughput(Throughput::Bytes(source.len() as u64));
            group.bench_with_input(BenchmarkId::new("parse + resolve", &id), source, |b, s| {
                b.iter(|| odata_edmx::parse(black_box(s)).unwrap())
            });
            group.bench_with_input(BenchmarkId::new("parse + resolve + generate", &id), source, |b, s| {
                b.iter(|| {
                    let model = odata_edmx::parse(black_box(s)).unwrap();
                    generate_module_source(&model, &spec, &options, Default::default()).unwrap()
                })
            });
        }
    }
    group.finish();
}

/// The large sample with `scale` times its 40 business objects (320 entity types).
fn scaled_large_sample(scale: usize) -> String {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let out = std::env::temp_dir().join(format!("odata-bench-large-{scale}x-{}.edmx", std::process::id()));
    let status = std::process::Command::new("python3")
        .arg(format!("{root}/metadata-samples/generate_large.py"))
        .args(["--objects", &(40 * scale).to_string(), "--out"])
        .arg(&out)
        .status()
        .expect("python3 runs metadata-samples/generate_large.py");
    assert!(status.success(), "generate_large.py failed");
    let source = std::fs::read_to_string(&out).unwrap();
    let _ = std::fs::remove_file(&out);
    source
}

criterion_group!(benches, bench);
criterion_main!(benches);
