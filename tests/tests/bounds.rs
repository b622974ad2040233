//! Nothing a server sends grows the process without limit: an endless body, a huge
//! `Content-Length`, an endless error body, token answer or destination answer each
//! stop at their limit with an error that names it. Bad header values and plain-http
//! destination services are refused before any I/O. One test, so that the memory it
//! measures is its own.

use odata_runtime::btp::bindings::Bindings;
use odata_runtime::btp::destination::DestinationService;
use odata_runtime::btp::xsuaa::Xsuaa;
use odata_runtime::{Client, Error};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

odata_derive::service! {
    mod bp = "../metadata-samples/API_BUSINESS_PARTNER.edmx";
}

const SERVICE: &str = "/sap/opu/odata/sap/API_BUSINESS_PARTNER/";

/// One part of a hostile `$batch` answer, and how many of them it has (24 MB).
const TINY_PART: &str = "--b\r\nContent-Type: application/http\r\n\r\nHTTP/1.1 200 OK\r\n\r\n5\r\n";
const TINY_PARTS: usize = 400_000;

/// A well-formed answer part of a count, and how many reads the legitimate batch sends.
const COUNT_PART: &str = "--b\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n\
                          HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n5\r\n";
const MANY_READS: usize = 50_000;

/// A server that never stops sending: a chunked body without end (`/endless/…` with
/// 200, `/endless-error/…` with 500, the token and destination endpoints with 200), or
/// (`/announced/…`) a `Content-Length` of 1 TiB followed by a trickle. Each connection
/// ends after 30 s or when the client goes away. Counts the requests.
async fn endless_server() -> (SocketAddr, Arc<AtomicUsize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let requests = Arc::new(AtomicUsize::new(0));
    let counter = requests.clone();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            counter.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(async move {
                let mut head = Vec::new();
                let mut buf = [0u8; 4096];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match stream.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => head.extend_from_slice(&buf[..n]),
                    }
                }
                // The request's body is read before anything is answered.
                let end = head.windows(4).position(|w| w == b"\r\n\r\n").unwrap_or(0) + 4;
                let mut received = head.len() - end;
                let head = String::from_utf8_lossy(&head[..end]).into_owned();
                let length: usize = head
                    .lines()
                    .find_map(|l| l.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().to_owned()))
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0);
                while received < length {
                    match stream.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => received += n,
                    }
                }
                let target = head.split(' ').nth(1).unwrap_or("").to_owned();
                if head.starts_with("HEAD ") {
                    // The CSRF fetch before a batch.
                    let _ = stream
                        .write_all(
                            b"HTTP/1.1 200 OK\r\nX-CSRF-Token: t\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                        )
                        .await;
                    return;
                }
                let status = if target.starts_with("/endless-error/") { "500 Internal Server Error" } else { "200 OK" };
                let deadline = Instant::now() + Duration::from_secs(30);
                let chunk = vec![b' '; 64 << 10];
                if target.contains("/$batch") {
                    // `/many/`: a well-formed answer of one small part per read sent;
                    // else many tiny parts answering a batch of one read.
                    let (part, parts) =
                        if target.starts_with("/many/") { (COUNT_PART, MANY_READS) } else { (TINY_PART, TINY_PARTS) };
                    let body = format!("{}--b--\r\n", part.repeat(parts));
                    let start = format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: multipart/mixed; boundary=b\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    );
                    let _ = stream.write_all(start.as_bytes()).await;
                    let _ = stream.write_all(body.as_bytes()).await;
                    return;
                }
                if target.starts_with("/announced/") {
                    let start = format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{{",
                        1u64 << 40
                    );
                    if stream.write_all(start.as_bytes()).await.is_err() {
                        return;
                    }
                    while Instant::now() < deadline && stream.write_all(b" ").await.is_ok() {
                        tokio::time::sleep(Duration::from_millis(100)).await;
                    }
                    return;
                }
                let start = format!(
                    "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                );
                if stream.write_all(start.as_bytes()).await.is_err() {
                    return;
                }
                let framed = [format!("{:x}\r\n", chunk.len()).into_bytes(), chunk, b"\r\n".to_vec()].concat();
                while Instant::now() < deadline {
                    if stream.write_all(&framed).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    (address, requests)
}

/// The heap as this test binary's allocator counts it: what is allocated now and the
/// most that was since the last reset.
mod heap {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::sync::atomic::{AtomicUsize, Ordering};

    static NOW: AtomicUsize = AtomicUsize::new(0);
    static PEAK: AtomicUsize = AtomicUsize::new(0);

    struct Counting;

    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            let now = NOW.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
            unsafe { System.alloc(layout) }
        }
        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            NOW.fetch_sub(layout.size(), Ordering::Relaxed);
            unsafe { System.dealloc(ptr, layout) }
        }
        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            if new_size > layout.size() {
                let now = NOW.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size - layout.size();
                PEAK.fetch_max(now, Ordering::Relaxed);
            } else {
                NOW.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
            unsafe { System.realloc(ptr, layout, new_size) }
        }
    }

    #[global_allocator]
    static COUNTING: Counting = Counting;

    /// Starts a new peak at what is allocated now, and returns it.
    pub fn reset_peak() -> usize {
        let now = NOW.load(Ordering::Relaxed);
        PEAK.store(now, Ordering::Relaxed);
        now
    }

    pub fn peak() -> usize {
        PEAK.load(Ordering::Relaxed)
    }
}

use odata_tests::process_memory as memory;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_body_grows_without_limit_and_bad_input_is_refused_before_io() {
    let (server, requests) = endless_server().await;
    let client = |path: &str| {
        Client::builder(format!("http://{server}/{path}{SERVICE}"))
            .max_body_size(CAP)
            .retry(odata_runtime::Retry::none())
            .build()
            .unwrap()
    };
    const CAP: u64 = 32 << 20;

    // An endless body: read up to the cap, then an error that says which limit.
    let (_, peak_before) = memory();
    let started = Instant::now();
    let e = bp::Service::new(&client("endless")).business_partner().list().send().await.unwrap_err();
    let (_, peak_after) = memory();
    assert!(
        matches!(&e, Error::TooLarge { what: "response body", limit: CAP, .. }),
        "{e:?} after {:?}",
        started.elapsed()
    );
    assert!(e.to_string().contains("max_body_size"), "says how to raise it: {e}");
    let grown = peak_after.saturating_sub(peak_before);
    assert!(grown < 2 * CAP, "the process grew by {} MiB for a {} MiB cap", grown >> 20, CAP >> 20);
    eprintln!(
        "endless body: refused after {:?}, peak grew {} MiB (cap {} MiB)",
        started.elapsed(),
        grown >> 20,
        CAP >> 20
    );

    // A Content-Length above the cap (here: the call's own, 1 MiB) fails before reading.
    let started = Instant::now();
    let e = bp::Service::new(&client("announced"))
        .business_partner()
        .list()
        .max_body_size(1 << 20)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(&e, Error::TooLarge { limit: 1048576, .. }), "{e:?}");
    assert!(started.elapsed() < Duration::from_secs(5), "not read to the end: {:?}", started.elapsed());

    // An endless error body: the status stays, the body is not read past 1 MiB.
    let e = bp::Service::new(&client("endless-error")).business_partner().list().send().await.unwrap_err();
    assert!(matches!(&e, Error::Http(h) if h.status == 500 && h.message.contains("max_error_body_size")), "{e:?}");

    // A `$batch` answer of 400,000 parts to one request: refused at the second part,
    // its parsing costs no more than a few times the body.
    let (_, peak_before_batch) = memory();
    let svc = bp::Service::new(&client("batch"));
    let mut batch = svc.batch();
    let _ = batch.add(svc.business_partner().count());
    let e = batch.send().await.unwrap_err();
    assert!(
        matches!(&e, Error::Batch { part, message, .. } if part == "part 2" && message.contains("more parts")),
        "{e:?}"
    );
    let body_size = (TINY_PART.len() * TINY_PARTS) as u64;
    let grown = memory().1.saturating_sub(peak_before_batch);
    assert!(grown <= 3 * body_size, "a {} MiB batch answer grew the peak by {} MiB", body_size >> 20, grown >> 20);

    // Token and destination answers: 1 MiB.
    let vcap = serde_json::json!({"xsuaa": [{"name": "u", "label": "xsuaa", "credentials": {
        "clientid": "sb-app!t1", "clientsecret": "s", "url": format!("http://{server}")}}]});
    let xsuaa =
        Xsuaa::from_binding(Bindings::from_vcap_services(&vcap.to_string()).unwrap().find("u").unwrap()).unwrap();
    let e = xsuaa.client_credentials_token().await.unwrap_err();
    assert!(matches!(&e, Error::TooLarge { what: "token answer", limit: 1048576, .. }), "{e:?}");
    let sandbox_uaa = odata_sandbox::xsuaa::Xsuaa::start().await.unwrap();
    sandbox_uaa.register_client("sb-dest", "dest-secret");
    let vcap = serde_json::json!({"xsuaa": [sandbox_uaa.binding("d", "sb-dest")]});
    let dest_uaa =
        Xsuaa::from_binding(Bindings::from_vcap_services(&vcap.to_string()).unwrap().find("d").unwrap()).unwrap();
    let destinations = DestinationService::new(&format!("http://{server}"), dest_uaa.clone()).unwrap();
    let e = destinations.find("S4", None).await.unwrap_err();
    assert!(matches!(&e, Error::TooLarge { what: "destination answer", limit: 1048576, .. }), "{e:?}");
    // Both limits can be set.
    let e = destinations.clone().max_answer_size(4096).find("S4", None).await.unwrap_err();
    assert!(matches!(&e, Error::TooLarge { limit: 4096, .. }) && e.to_string().contains("max_answer_size"), "{e}");
    let credentials = odata_runtime::btp::xsuaa::XsuaaCredentials::from_binding(
        Bindings::from_vcap_services(
            &serde_json::json!({"xsuaa": [{"name": "u", "label": "xsuaa", "credentials": {
            "clientid": "sb-app!t1", "clientsecret": "s", "url": format!("http://{server}")}}]})
            .to_string(),
        )
        .unwrap()
        .find("u")
        .unwrap(),
    )
    .unwrap();
    let small = Xsuaa::builder(credentials).max_answer_size(4096).build().unwrap();
    let e = small.client_credentials_token().await.unwrap_err();
    assert!(matches!(&e, Error::TooLarge { what: "token answer", limit: 4096, .. }), "{e:?}");
    let (_, peak_end) = memory();
    assert!(peak_end.saturating_sub(peak_before) < 2 * CAP, "{} MiB", (peak_end - peak_before) >> 20);

    // Refused before any I/O: a header value with a line break, a destination service
    // over plain http off loopback (unless allowed explicitly).
    let before = requests.load(Ordering::SeqCst);
    let e = bp::Service::new(&client("endless"))
        .business_partner()
        .list()
        .header("X-Correlation-Id", "a\r\nX-Injected: 1")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(&e, Error::InvalidInput(m) if m.contains("X-Correlation-Id")), "{e:?}");
    assert!(!e.to_string().contains("X-Injected"), "the value is not repeated: {e}");
    assert_eq!(requests.load(Ordering::SeqCst), before, "nothing was sent");
    let e = DestinationService::new("http://destination.example.com", dest_uaa.clone()).unwrap_err();
    assert!(matches!(&e, Error::Binding { .. }) && e.to_string().contains("must be https"), "{e}");
    assert!(e.to_string().contains("new_allowing_insecure_http"), "{e}");
    assert!(DestinationService::new_allowing_insecure_http("http://destination.example.com", dest_uaa).is_ok());
    // A well-formed answer of 50,000 small parts: every answer arrives.
    let svc = bp::Service::new(&client("many"));
    let mut batch = svc.batch();
    let handles: Vec<_> = (0..MANY_READS).map(|_| batch.add(svc.business_partner().count())).collect();
    let mut answers = batch.send().await.unwrap();
    for handle in handles {
        assert_eq!(answers.take(handle).unwrap(), 5);
    }
    drop(answers);
    // Its parsing (the parts and their HTTP messages, all held at once) measured alone.
    let body = bytes::Bytes::from(format!("{}--b--\r\n", COUNT_PART.repeat(MANY_READS)));
    let baseline = heap::reset_peak();
    let parts = odata_runtime::batch::multipart::parse_at_most(&body, "b", MANY_READS).unwrap();
    let messages: Vec<_> = parts
        .iter()
        .enumerate()
        .map(|(i, p)| odata_runtime::batch::multipart::HttpMessage::parse(&p.body, i + 1).unwrap())
        .collect();
    let grown = heap::peak() - baseline;
    eprintln!(
        "parsing a {} KiB answer of {} parts grew the peak by {} KiB ({:.1}x)",
        body.len() >> 10,
        messages.len(),
        grown >> 10,
        grown as f64 / body.len() as f64
    );
    drop((parts, messages));
    assert!(grown <= 3 * body.len(), "parsing a batch answer costs {grown} bytes for {} bytes", body.len());
}
