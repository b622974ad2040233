//! `$batch` on the wire: the multipart writer and parser round-trip arbitrary bodies
//! and boundaries, and batch answers a server gets wrong are typed errors naming the
//! part (from a loopback server that answers what each case needs).

use odata_runtime::batch::multipart::{self, Part};
use odata_runtime::bytes::Bytes;
use odata_runtime::{Client, Error};
use proptest::prelude::*;

odata_derive::service! {
    mod shop = "../metadata-samples/cap_shop.v4.edmx";
}

fn boundary() -> impl Strategy<Value = String> {
    // RFC 2046's characters, 1 to 70 of them, not ending in a space.
    proptest::string::string_regex("[A-Za-z0-9'()+_,./:=?-][A-Za-z0-9'()+_,./:=? -]{0,68}[A-Za-z0-9'()+_,./:=?-]")
        .unwrap()
}

fn body(boundary: String) -> impl Strategy<Value = Vec<u8>> {
    // Arbitrary bytes, often with line ends, dashes and the boundary itself mixed in.
    let piece = prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..40),
        Just(b"\r\n".to_vec()),
        Just(b"\n--".to_vec()),
        Just(boundary.clone().into_bytes()),
        Just(format!("--{boundary}").into_bytes()),
    ];
    proptest::collection::vec(piece, 0..8).prop_map(|pieces| pieces.concat())
}

fn header() -> impl Strategy<Value = (String, String)> {
    ("[A-Za-z][A-Za-z0-9-]{0,20}", "[ -~]{0,40}").prop_map(|(n, v)| (n, v.trim().to_owned()))
}

fn case() -> impl Strategy<Value = (String, Vec<Part>)> {
    boundary().prop_flat_map(|b| {
        let part = (proptest::collection::vec(header(), 0..4), body(b.clone()))
            .prop_map(|(headers, body)| Part::new(headers, Bytes::from(body)));
        (Just(b), proptest::collection::vec(part, 0..6))
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn multipart_round_trips_or_refuses_a_body_holding_the_boundary((boundary, parts) in case()) {
        let mut out = Vec::new();
        match multipart::write(&boundary, &parts, &mut out) {
            Ok(()) => prop_assert_eq!(multipart::parse(&Bytes::from(out), &boundary).unwrap(), parts),
            Err(e) => {
                let delimiter = format!("--{boundary}");
                let holds = |p: &Part| {
                    p.body.starts_with(delimiter.as_bytes())
                        || p.body.windows(delimiter.len() + 1).any(|w| w[0] == b'\n' && &w[1..] == delimiter.as_bytes())
                };
                prop_assert!(holds(&parts[e.part - 1]), "refused part {} without cause", e.part);
            }
        }
    }
}

/// A server answering every request with this status, content type and body.
async fn server(status: u16, content_type: &'static str, body: &'static str) -> Client {
    let addr = odata_sandbox::http::serve(move |request| async move {
        if request.method == "HEAD" {
            return odata_sandbox::http::raw(200, "text/plain", "");
        }
        odata_sandbox::http::raw(status, content_type, body)
    })
    .await
    .unwrap();
    Client::builder(format!("http://{addr}/shop/")).build().unwrap()
}

async fn two_reads(client: &Client) -> Result<odata_runtime::batch::BatchResponse, Error> {
    let svc = shop::Service::new(client);
    let mut batch = svc.batch();
    let _ = batch.add(svc.products().count());
    let _ = batch.add(svc.products().count());
    batch.send().await
}

#[tokio::test]
async fn malformed_batch_answers_are_typed_errors_naming_the_part() {
    let cases: [(&str, &str, &str); 4] = [
        (
            "multipart/mixed; boundary=b",
            "--b\r\nContent-Type: application/http\r\n\r\nHTTP/1.1 200 OK\r\n\r\n6\r\n--b--",
            "part 2",
        ),
        (
            "multipart/mixed; boundary=b",
            "--b\r\n\r\nHTTP/1.1 200 OK\r\n\r\n6\r\n--b\r\n\r\nHTTP/1.1 OK\r\n\r\n--b--",
            "part 2",
        ),
        (
            "multipart/mixed; boundary=b",
            "--b\r\n\r\nHTTP/1.1 200 OK\r\n\r\n6\r\n--b\r\n\r\nHTTP/1.1 200 OK\r\n\r\n7",
            "part 2",
        ),
        ("multipart/mixed; boundary=b", "no parts at all", "part 0"),
    ];
    for (content_type, body, part) in cases {
        let client = server(200, content_type, body).await;
        match two_reads(&client).await.unwrap_err() {
            Error::Batch { part: at, message, .. } => assert_eq!(at, part, "{body:?}: {message}"),
            other => panic!("{body:?}: expected Error::Batch, got {other:?}"),
        }
    }
    // Not multipart at all: the content type is named.
    let client = server(200, "text/html", "<html>logon</html>").await;
    assert!(matches!(two_reads(&client).await.unwrap_err(), Error::UnexpectedContent { .. }));
    // The batch request itself refused: one error for the batch.
    let client = server(400, "application/json", r#"{"error":{"code":"BATCH","message":"no"}}"#).await;
    assert_eq!(two_reads(&client).await.unwrap_err().status(), Some(400));
}

#[tokio::test]
async fn answers_are_matched_by_content_id_and_a_handle_is_read_once() {
    // The changeset's answers come back in the other order, named by Content-ID.
    let body = "--b\r\nContent-Type: multipart/mixed; boundary=c\r\n\r\n\
--c\r\nContent-Type: application/http\r\nContent-ID: 2\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n\r\n\
--c\r\nContent-Type: application/http\r\nContent-ID: 1\r\n\r\nHTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\n\r\n{\"error\":{\"code\":\"X/1\",\"message\":\"bad stock\"}}\r\n\
--c--\r\n--b--\r\n";
    let client = server(200, "multipart/mixed; boundary=b", body).await;
    let svc = shop::Service::new(&client);
    let mut batch = svc.batch();
    let (first, second) = batch.changeset(|cs| {
        let a = cs.add(svc.products().update(shop::ProductsKey { id: "P1".into() }, Default::default()));
        let b = cs.add(svc.products().delete(shop::ProductsKey { id: "P2".into() }));
        (a, b)
    });
    let other = {
        let mut another = svc.batch();
        another.add(svc.products().count())
    };
    let mut response = batch.send().await.unwrap();
    let first = response.take(first).unwrap_err();
    assert_eq!((first.status(), first.to_string().contains("bad stock")), (Some(400), true), "{first}");
    let second = response.take(second).unwrap_err();
    assert_eq!(second.status(), Some(400), "the 204 was rolled back with its changeset: {second}");
    assert!(second.to_string().contains("not applied"), "{second}");
    assert!(matches!(response.take(other), Err(Error::InvalidInput(m)) if m.contains("another batch")));
}
