//! Memory: streams 1,000,000 business partners through server-driven paging
//! (`ListRequest::stream`, 5,000 per page) and compares the client's peak memory with
//! the baseline measured in the same run: one page decoded and held.
//!
//! The pages come from a child process (this same binary, started with
//! `ODATA_BENCH_PAGE_SERVER=1`), so the figures are the client's alone. Every page is
//! the sandbox Gateway's rendering of partners 0..5,000 with a `__next` link to the
//! next page. Heap bytes are counted by a global allocator; peak RSS is read from
//! `/proc/self/status` (`VmHWM`).
//! Run: `cargo bench -p odata-benchmarks --bench memory`.

use futures_util::StreamExt;
use odata_benchmarks::{bp_v2, recorded_page};
use odata_runtime::request::{Entities, Rows};
use odata_runtime::{Client, Version};
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::Instant;
use tokio::io::AsyncReadExt;

const PAGE: usize = 5_000;
const TOTAL: usize = 1_000_000;
const ROOT: &str = "/sap/opu/odata/sap/API_BUSINESS_PARTNER/";

#[global_allocator]
static ALLOCATOR: odata_benchmarks::counting::Counting = odata_benchmarks::counting::Counting;

fn mib(bytes: usize) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

/// `VmHWM` / `VmRSS` of this process, in bytes.
fn status(field: &str) -> usize {
    let text = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let line = text.lines().find(|l| l.starts_with(field)).unwrap_or("");
    line.split_whitespace().nth(1).and_then(|kb| kb.parse::<usize>().ok()).unwrap_or(0) * 1024
}

/// The child: serves `TOTAL` partners in pages of `PAGE` on a loopback port, prints the
/// port, and stops when its stdin closes (when the parent is done or gone).
fn serve_pages() {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
    rt.block_on(async {
        let page = recorded_page(Version::V2, PAGE).await;
        let page: serde_json::Value = serde_json::from_slice(&page).unwrap();
        let results = bytes::Bytes::from(serde_json::to_vec(&page["d"]["results"]).unwrap());
        let addr = odata_sandbox::http::serve(move |request| {
            let results = results.clone();
            async move {
                let skip =
                    request.target.split("$skiptoken=").nth(1).and_then(|n| n.parse::<usize>().ok()).unwrap_or(0);
                let next = skip + PAGE;
                let host = request.header("host").unwrap_or("127.0.0.1").to_owned();
                let link = if next < TOTAL {
                    format!(r#","__next":"http://{host}{ROOT}A_BusinessPartner?$skiptoken={next}""#)
                } else {
                    String::new()
                };
                let mut body = Vec::with_capacity(results.len() + link.len() + 32);
                body.extend_from_slice(br#"{"d":{"results":"#);
                body.extend_from_slice(&results);
                body.extend_from_slice(link.as_bytes());
                body.extend_from_slice(b"}}");
                odata_sandbox::http::raw(200, "application/json", body)
            }
        })
        .await
        .unwrap();
        println!("{}", addr.port());
        std::io::stdout().flush().unwrap();
        let mut sink = Vec::new();
        let _ = tokio::io::stdin().read_to_end(&mut sink).await;
    });
}

fn main() {
    if std::env::var_os("ODATA_BENCH_PAGE_SERVER").is_some() {
        return serve_pages();
    }
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo bench -- --list` and test discovery: nothing to list.
    }
    let mut child = Command::new(std::env::current_exe().unwrap())
        .env("ODATA_BENCH_PAGE_SERVER", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the page server starts");
    let mut port = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut port).unwrap();
    let url = format!("http://127.0.0.1:{}{ROOT}", port.trim());

    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let service = bp_v2::Service::new(&Client::builder(&url).build().unwrap());

    // Baseline: one page fetched, decoded and held, with the body dropped.
    let body = rt.block_on(async {
        odata_benchmarks::bare_http()
            .get(format!("{url}A_BusinessPartner"))
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap()
    });
    let body_len = body.len();
    let before = odata_benchmarks::counting::live();
    let mut page = Entities::<bp_v2::BusinessPartner>::default().decode_page(Version::V2, &body).unwrap();
    let page_bytes = odata_benchmarks::counting::live() - before;
    page.items.shrink_to_fit();
    let tight_bytes = odata_benchmarks::counting::live() - before;
    drop(body);
    assert_eq!(page.items.len(), PAGE);
    drop(page);

    // Warm up the client (connection pool, first allocations), then measure.
    rt.block_on(service.business_partner().list().send()).unwrap();
    let constant = odata_benchmarks::counting::live();
    let rss_before = status("VmRSS:");
    odata_benchmarks::counting::reset_peak();
    let start = Instant::now();
    let (count, checked) = rt.block_on(async {
        let mut stream = std::pin::pin!(service.business_partner().list().stream());
        let (mut count, mut checked) = (0usize, 0usize);
        while let Some(partner) = stream.next().await {
            let partner = partner.unwrap();
            checked += (partner.business_partner == odata_benchmarks::partner_id(count % PAGE)) as usize;
            count += 1;
        }
        (count, checked)
    });
    let elapsed = start.elapsed();
    let peak = odata_benchmarks::counting::peak() - constant;
    let hwm = status("VmHWM:");
    drop(child.stdin.take());
    let _ = child.wait();

    assert_eq!((count, checked), (TOTAL, TOTAL), "every partner streamed, in order");
    let ratio = peak as f64 / page_bytes as f64;
    println!("memory/stream 1,000,000 partners in pages of {PAGE} (V2)");
    println!(
        "  baseline: one page decoded      {} as a list request returns it, {} without spare capacity (page body {})",
        mib(page_bytes),
        mib(tight_bytes),
        mib(body_len)
    );
    println!("  {:.2}× the tight page", peak as f64 / tight_bytes as f64);
    println!("  streaming: peak heap above start {}  = {ratio:.2}× one decoded page", mib(peak));
    println!("  heap held before streaming     {}", mib(constant));
    println!("  process RSS before / peak RSS  {} / {}", mib(rss_before), mib(hwm));
    println!(
        "  time                           {:.2} s ({:.0} entities/s)",
        elapsed.as_secs_f64(),
        TOTAL as f64 / elapsed.as_secs_f64()
    );
    assert!(ratio <= 2.0, "budget: peak within 2× of one decoded page plus a constant (got {ratio:.2}×)");
}
