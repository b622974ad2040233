//! Generator memory and time at scale (issue 20): the ERP-shaped V4 sample at 1×, 4× and
//! 16× (`metadata-samples/generate_erp_v4.py --scale N`, needs `python3`), through the
//! macro's path (parse + resolve + generate the module's source) and the build.rs/CLI
//! path (the same, pretty-printed). Peak heap above what was live before each run is
//! counted by a global allocator and reported as a multiple of the input's size, with the
//! time and the time per input byte against 1×. Fails when a budget does not hold:
//! macro ≤ 30× the input, CLI ≤ 60×.
//! Run: `cargo bench -p odata-benchmarks --bench codegen_memory`.

use odata_benchmarks::counting::{self, Counting};
use odata_codegen::{generate_module_source, Builder, ModuleSpec, Options};
use std::time::{Duration, Instant};

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Runs `work`; its time and the most heap it held above what was live before.
fn measure<T>(work: impl FnOnce() -> T) -> (Duration, usize) {
    let before = counting::live();
    counting::reset_peak();
    let start = Instant::now();
    let out = work();
    let took = start.elapsed();
    drop(out);
    (took, counting::peak() - before)
}

fn sample(scale: usize) -> String {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let out = std::env::temp_dir().join(format!("odata-bench-erp-{scale}x-{}.edmx", std::process::id()));
    let status = std::process::Command::new("python3")
        .arg(format!("{root}/metadata-samples/generate_erp_v4.py"))
        .args(["--scale", &scale.to_string(), "--out"])
        .arg(&out)
        .status()
        .expect("python3 runs metadata-samples/generate_erp_v4.py");
    assert!(status.success(), "generate_erp_v4.py failed");
    let source = std::fs::read_to_string(&out).unwrap();
    let _ = std::fs::remove_file(&out);
    source
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo bench -- --list`: nothing to list
    }
    let spec = ModuleSpec::public("erp").unwrap();
    let options = Options::default();
    let mut per_byte_1x = [0.0f64; 2];
    let mut over_budget = Vec::new();
    println!("| input | size | path | time | time per byte against 1× | peak heap | × input |");
    println!("|---|---|---|---|---|---|---|");
    for scale in [1usize, 4, 16] {
        let source = sample(scale);
        let size = source.len();
        let macro_path = || {
            let model = odata_edmx::parse(&source).unwrap();
            generate_module_source(&model, &spec, &options, Default::default()).unwrap()
        };
        let cli_path = || Builder::new().generate_code(&source, "erp.edmx", "erp").unwrap();
        for (index, (path, budget)) in
            [("macro: parse + generate", 30.0), ("CLI/build.rs: + pretty-print", 60.0)].into_iter().enumerate()
        {
            let (took, peak) = if index == 0 { measure(macro_path) } else { measure(cli_path) };
            let per_byte = took.as_secs_f64() / size as f64;
            if scale == 1 {
                per_byte_1x[index] = per_byte;
            }
            let ratio = peak as f64 / size as f64;
            println!(
                "| {scale}× | {:.1} MB | {path} | {:.0} ms | {:.2} | {:.0} MB | {ratio:.1}× |",
                size as f64 / 1e6,
                took.as_secs_f64() * 1e3,
                per_byte / per_byte_1x[index],
                peak as f64 / 1e6
            );
            if ratio > budget {
                over_budget.push(format!("{scale}× {path}: {ratio:.1}× the input (budget {budget}×)"));
            }
        }
    }
    assert!(over_budget.is_empty(), "over budget: {over_budget:?}");
}
