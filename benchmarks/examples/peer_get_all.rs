//! Our half of the getAll comparison in `benchmarks/peer/get-all.sh`: lists every
//! product of the CAP shop (one page) through the client generated from the shop's
//! `$metadata`, RUNS times after a warm-up, and prints the median wall time per call and
//! the process's CPU time per call as JSON. Not a test; the script starts the server.
//!
//! `cargo run --release -p odata-benchmarks --example peer_get_all -- URL RUNS`

use std::time::Instant;

odata_derive::service! {
    mod shop = "../metadata-samples/cap_shop.v4.edmx";
}

/// CPU time of this process's main thread so far, in milliseconds
/// (`/proc/self/schedstat`, nanoseconds). The runtime is single-threaded and the URL
/// an IP address (no resolver thread), so that is all the client's CPU.
fn cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/schedstat").expect("Linux /proc");
    let nanos: f64 = stat.split(' ').next().and_then(|n| n.parse().ok()).expect("schedstat format");
    nanos / 1e6
}

fn main() {
    let mut args = std::env::args().skip(1);
    let url = args.next().expect("the shop's service root URL");
    let runs: usize = args.next().map_or(20, |r| r.parse().expect("a number of runs"));
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let client = odata_runtime::Client::builder(url).build().unwrap();
        let products = shop::Service::new(&client).products();
        let rows = products.list().send().await.unwrap().items.len();
        for _ in 0..2 {
            products.list().send().await.unwrap();
        }
        let mut walls = Vec::with_capacity(runs);
        let cpu = cpu_ms();
        for _ in 0..runs {
            let started = Instant::now();
            let page = products.list().send().await.unwrap();
            walls.push(started.elapsed().as_secs_f64() * 1000.0);
            assert_eq!(page.items.len(), rows);
        }
        let cpu = (cpu_ms() - cpu) / runs as f64;
        walls.sort_by(f64::total_cmp);
        println!(r#"{{"rows":{rows},"wall_ms":{:.2},"cpu_ms":{cpu:.2}}}"#, walls[runs / 2]);
    });
}
