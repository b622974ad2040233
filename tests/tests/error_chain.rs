//! Errors keep their causes: a transport failure's `source()` chain reaches the HTTP
//! stack's error and the OS error under it, and its message names the cause once
//! without an empty "for url ()". `HttpError` is read through accessors.

use odata_runtime::request::{Method, RequestPlan};
use odata_runtime::{Client, Error, Version};
use std::error::Error as _;

#[tokio::test]
async fn a_refused_connection_keeps_its_source_chain() {
    // A port nothing listens on (bound, then closed).
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let client = Client::builder(format!("http://127.0.0.1:{port}/svc/?apikey=secret-key-123")).build().unwrap();
    let e = client.execute(&RequestPlan::new(Method::Get, "Things", Version::V4)).await.unwrap_err();
    assert!(matches!(&e, Error::Transport { timeout: false, .. }), "{e:?}");
    let text = e.to_string();
    assert!(!text.contains("for url"), "{text}");
    assert!(!text.contains("secret-key-123") && !format!("{e:?}").contains("secret-key-123"), "{e:?}");

    let mut chain = Vec::new();
    let mut source = e.source();
    while let Some(s) = source {
        chain.push(s);
        source = s.source();
    }
    // First reqwest's error ("error sending request"), then hyper's, then the OS's.
    assert!(chain.first().is_some_and(|s| s.to_string().contains("error sending request")), "{chain:?}");
    let io = chain.iter().find_map(|s| s.downcast_ref::<std::io::Error>()).expect("the OS error is in the chain");
    assert_eq!(io.kind(), std::io::ErrorKind::ConnectionRefused);
}

#[tokio::test]
async fn an_http_error_is_read_through_accessors() {
    let sandbox = odata_sandbox::gateway::Gateway::builder(odata_sandbox::BUSINESS_PARTNER_EDMX).start().await.unwrap();
    let client = Client::builder(sandbox.url()).build().unwrap();
    let plan = RequestPlan::new(Method::Get, "A_BusinessPartner('nope')", Version::V2);
    let Err(Error::Http(e)) = client.execute(&plan).await else { panic!("a 404") };
    assert_eq!((e.status(), e.code().is_some(), e.retry_after()), (404, true, None));
    assert!(e.url().ends_with("A_BusinessPartner('nope')") && !e.message().is_empty(), "{e:?}");
}

#[tokio::test]
async fn a_call_s_own_timeout_ends_it_and_says_so() {
    use odata_sandbox::gateway::{Fault, Gateway};
    use std::time::{Duration, Instant};
    odata_derive::service! {
        mod bp = "../metadata-samples/API_BUSINESS_PARTNER.edmx";
    }
    let gateway = Gateway::builder(odata_sandbox::BUSINESS_PARTNER_EDMX).start().await.unwrap();
    gateway.set_fault("A_BusinessPartner", Some(Fault::Delay(Duration::from_secs(3))));
    let svc = bp::Service::new(&Client::builder(gateway.url()).build().unwrap());
    let started = Instant::now();
    let e = svc.business_partner().count().timeout(Duration::from_millis(300)).send().await.unwrap_err();
    assert!(matches!(&e, Error::Transport { timeout: true, .. }), "{e:?}");
    assert!(started.elapsed() < Duration::from_secs(2), "{:?}", started.elapsed());
    gateway.set_fault("A_BusinessPartner", None);
    // Within its time the same call succeeds (the unseeded set is empty).
    assert_eq!(svc.business_partner().count().timeout(Duration::from_secs(10)).send().await.unwrap(), 0);
}
