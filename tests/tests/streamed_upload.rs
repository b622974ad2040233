//! Streamed media uploads: content sent chunk by chunk as the caller's stream yields it
//! (never whole in memory), read back equal; a stream goes out once, so a server that
//! asks for the request again (a redirect) gets an error, not a half-empty body.

mod support;

use bytes::Bytes;
use odata_runtime::{Client, Entity, Error};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

odata_derive::service! {
    mod shop2 = "../metadata-samples/cap_shop.v2.edmx";
    mod shop4 = "../metadata-samples/cap_shop.v4.edmx";
}

/// `chunks` chunks of 64 KiB, made as they are asked for; counts how many were made.
fn chunks(chunks: usize, made: Arc<AtomicUsize>) -> impl futures_util::Stream<Item = Result<Bytes, std::io::Error>> {
    futures_util::stream::iter(0..chunks).map(move |n| {
        made.fetch_add(1, Ordering::Relaxed);
        Ok(Bytes::from(vec![(n % 251) as u8; 64 << 10]))
    })
}

use futures_util::StreamExt;

#[tokio::test]
async fn a_streamed_upload_reaches_sap_cap_whole() {
    let Some(cap) = support::cap::cap() else { return };
    let client = Client::builder(cap.v2_root()).build().unwrap();
    a_streamed_media_upload_arrives_whole(&shop2::Service::new(&client)).await;
    let client = Client::builder(cap.v4_root()).build().unwrap();
    a_streamed_property_upload_arrives_whole(&shop4::Service::new(&client)).await;
}

#[tokio::test]
async fn a_streamed_upload_reaches_the_sandbox_gateway_whole() {
    let v2 = support::gateway(include_str!("../../metadata-samples/cap_shop.v2.edmx"), "/v2/shop/").await;
    let svc = shop2::Service::new(&Client::builder(v2.url()).build().unwrap());
    a_streamed_media_upload_arrives_whole(&svc).await;

    // A media entity created from its content, streamed, its key from the Slug (the
    // Gateway's CREATE_STREAM).
    let made = Arc::new(AtomicUsize::new(0));
    let create = svc.documents().create_media_stream(chunks(3, made.clone()), "application/pdf").slug("Zoë 1");
    let created = create.send().await.unwrap();
    assert_eq!((created.id.as_str(), made.load(Ordering::Relaxed)), ("Zoë 1", 3));
    let read = svc.documents().key(shop2::DocumentsKey { id: "Zoë 1".into() }).media().send().await.unwrap();
    assert!(is_what_was_sent(&read.bytes, 3) && read.content_type == "application/pdf", "{:?}", read.content_type);

    let v4 = support::gateway(include_str!("../../metadata-samples/cap_shop.v4.edmx"), "/shop/").await;
    a_streamed_property_upload_arrives_whole(&shop4::Service::new(&Client::builder(v4.url()).build().unwrap())).await;
}

/// Whether `read` is `chunks` chunks as [`chunks`] makes them.
fn is_what_was_sent(read: &[u8], chunks: usize) -> bool {
    read.len() == chunks * (64 << 10)
        && read.chunks(64 << 10).enumerate().all(|(n, c)| c.iter().all(|b| *b == (n % 251) as u8))
}

/// A media entity's `$value` (V2), streamed up and read back.
async fn a_streamed_media_upload_arrives_whole(svc: &shop2::Service) {
    let key = || shop2::DocumentsKey { id: "STREAMED".into() };
    let created = svc.documents().create(shop2::NewDocuments::new("STREAMED")).send().await.unwrap();
    let made = Arc::new(AtomicUsize::new(0));
    let doc = svc.documents().key(key());
    let mut upload = doc.upload_media_stream(chunks(48, made.clone()), "application/octet-stream");
    if let Some(etag) = created.etag() {
        upload = upload.if_match(etag);
    }
    assert_eq!(made.load(Ordering::Relaxed), 0, "nothing is read before sending");
    assert!(upload.plan().body().is_none(), "the plan holds no copy of the content");
    upload.send().await.unwrap();
    assert_eq!(made.load(Ordering::Relaxed), 48);
    let read = doc.media().send().await.unwrap();
    assert!(is_what_was_sent(&read.bytes, 48), "{} bytes read", read.bytes.len());
    assert_eq!(read.content_type, "application/octet-stream");
    let read = svc.documents().get(key()).send().await.unwrap();
    let mut delete = svc.documents().delete(key());
    if let Some(etag) = read.etag() {
        delete = delete.if_match(etag);
    }
    delete.send().await.unwrap();
}

/// A stream property (V4), streamed up and read back.
async fn a_streamed_property_upload_arrives_whole(svc: &shop4::Service) {
    let key = || shop4::DocumentsKey { id: "STREAMED4".into() };
    let created = svc.documents().create(shop4::NewDocuments::new("STREAMED4")).send().await.unwrap();
    let made = Arc::new(AtomicUsize::new(0));
    let doc = svc.documents().key(key());
    let mut upload = doc.upload_stream_chunks(shop4::Documents::CONTENT, chunks(16, made.clone()), "text/plain");
    if let Some(etag) = created.etag() {
        upload = upload.if_match(etag);
    }
    assert!(upload.plan().body().is_none(), "the plan holds no copy of the content");
    upload.send().await.unwrap();
    assert_eq!(made.load(Ordering::Relaxed), 16);
    let read = doc.stream(shop4::Documents::CONTENT).send().await.unwrap();
    assert!(is_what_was_sent(&read.bytes, 16), "{} bytes read", read.bytes.len());
    assert!(read.content_type.starts_with("text/plain"), "{}", read.content_type);
}

#[tokio::test]
async fn a_stream_is_sent_once_and_never_after_a_redirect() {
    // A server that answers a streamed request (headers and chunked body) with 307 to
    // itself, and counts those; anything else (the CSRF token fetch) gets 200.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let requests = Arc::new(AtomicUsize::new(0));
    let seen = requests.clone();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let seen = seen.clone();
            tokio::spawn(async move {
                let mut buf = Vec::new();
                let mut chunk = [0u8; 4096];
                loop {
                    let Ok(n) = socket.read(&mut chunk).await else { return };
                    if n == 0 {
                        return;
                    }
                    buf.extend_from_slice(&chunk[..n]);
                    let text = String::from_utf8_lossy(&buf).to_ascii_lowercase();
                    let streamed = text.contains("transfer-encoding: chunked");
                    if !streamed && text.contains("\r\n\r\n") {
                        // The CSRF token fetch: no token needed here.
                        let _ = socket.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n").await;
                        buf.clear();
                    } else if streamed && buf.ends_with(b"0\r\n\r\n") {
                        seen.fetch_add(1, Ordering::Relaxed);
                        let answer = "HTTP/1.1 307 Temporary Redirect\r\nLocation: /svc/Documents('D')/$value\r\n\
                                      Content-Length: 0\r\n\r\n";
                        let _ = socket.write_all(answer.as_bytes()).await;
                        buf.clear();
                    }
                }
            });
        }
    });
    let client = Client::builder(format!("http://{addr}/svc/")).build().unwrap();
    let svc = shop2::Service::new(&client);
    let made = Arc::new(AtomicUsize::new(0));
    let doc = svc.documents().key(shop2::DocumentsKey { id: "D".into() });
    let e = doc.upload_media_stream(chunks(2, made), "application/octet-stream").send().await.unwrap_err();
    assert!(matches!(&e, Error::InvalidInput(m) if m.contains("sent once")), "{e:?}");
    assert_eq!(requests.load(Ordering::Relaxed), 1, "the stream went out once");
}
