//! Generator memory and time at scale (issue 20): the ERP-shaped V4 sample at 1×, 4× and
//! 16× (`metadata-samples/generate_erp_v4.py --scale N`, needs `python3`), through the
//! macro's path (parse + resolve + generate the module's source) and the build.rs/CLI
//! path (the same, pretty-printed). Peak heap above what was live before each run is
//! counted by a global allocator and reported as a multiple of the input's size, with the
//! time and the time per input byte against 1×. Fails when a budget does not hold:
//! macro ≤ 30× the input, CLI ≤ 60×.
//! Run: `cargo bench -p odata-codegen --bench memory`.

use odata_codegen::{generate_module_source, Builder, ModuleSpec, Options};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        unsafe { System.dealloc(p, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, p: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let q = unsafe { System.realloc(p, layout, new_size) };
        if !q.is_null() {
            if new_size > layout.size() {
                let live = LIVE.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size - layout.size();
                PEAK.fetch_max(live, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        q
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Runs `work`; its time and the most heap it held above what was live before.
fn measure<T>(work: impl FnOnce() -> T) -> (Duration, usize) {
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let start = Instant::now();
    let out = work();
    let took = start.elapsed();
    drop(out);
    (took, PEAK.load(Ordering::Relaxed) - before)
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
