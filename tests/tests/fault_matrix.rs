//! The fault matrix: every way the token endpoint, the connectivity proxy and the
//! backend fail, against the sandbox over loopback. Each gives the typed error a caller
//! can match on; reads are retried only within the client's budget; a write that may
//! have reached the server is never sent twice unless the caller marked it idempotent;
//! and no error shows a token or secret.

use odata_runtime::btp::bindings::Bindings;
use odata_runtime::btp::connectivity::Connectivity;
use odata_runtime::btp::xsuaa::{Xsuaa, XsuaaCredentials};
use odata_runtime::{Client, Entity, Error, Retry};
use odata_sandbox::faults::Fault as ServiceFault;
use odata_sandbox::gateway::Fault;
use odata_sandbox::{Sandbox, LOCATION_ID};
use serde_json::Value;
use std::time::{Duration, Instant};

odata_derive::service! {
    mod bp = "../metadata-samples/API_BUSINESS_PARTNER.edmx";
}

use bp::{BusinessPartner as Bp, BusinessPartnerKey as BpKey};

const SET: &str = "A_BusinessPartner";

struct World {
    sandbox: Sandbox,
    vcap: Value,
}

async fn world() -> World {
    let sandbox = Sandbox::start().await.unwrap();
    let vcap = sandbox.vcap_services();
    World { sandbox, vcap }
}

impl World {
    fn xsuaa_credentials(&self) -> XsuaaCredentials {
        let bindings = Bindings::from_vcap_services(&self.vcap.to_string()).unwrap();
        XsuaaCredentials::from_binding(bindings.find("xsuaa").unwrap()).unwrap()
    }

    fn xsuaa(&self) -> Xsuaa {
        Xsuaa::new(self.xsuaa_credentials()).unwrap()
    }

    /// The Gateway reached directly with the app's XSUAA token; short backoffs.
    fn direct_with(&self, xsuaa: Xsuaa, retry: Retry) -> bp::Service {
        let client = Client::builder(self.sandbox.gateway.url()).xsuaa(xsuaa).retry(retry).build().unwrap();
        bp::Service::new(&client)
    }

    fn direct(&self) -> bp::Service {
        self.direct_with(self.xsuaa(), quick_retry())
    }

    /// The Gateway through the connectivity proxy (Cloud Connector), app token.
    fn on_premise(&self) -> bp::Service {
        let bindings = Bindings::from_vcap_services(&self.vcap.to_string()).unwrap();
        let client = Client::builder(self.sandbox.on_premise_url())
            .xsuaa(self.xsuaa())
            .connectivity(Connectivity::from_binding(bindings.find("connectivity").unwrap()).unwrap())
            .always_via_cloud_connector(Some(LOCATION_ID.to_owned()))
            .retry(quick_retry())
            .build()
            .unwrap();
        bp::Service::new(&client)
    }

    /// How many `method` requests to the partner set the Gateway has seen.
    fn at_gateway(&self, method: &str) -> usize {
        let requests = self.sandbox.gateway.requests();
        requests.iter().filter(|r| r.method == method && r.target.contains(SET)).count()
    }

    fn secrets(&self) -> Vec<String> {
        let credentials = &self.vcap["xsuaa"][0]["credentials"];
        vec![credentials["clientsecret"].as_str().unwrap().to_owned(), "eyJ".to_owned()]
    }

    /// The error shows no secret and no JWT (they all start `eyJ`), in either form.
    fn clean(&self, e: &Error) {
        let text = format!("{e} {e:?}");
        for secret in self.secrets() {
            assert!(!text.contains(&secret), "a secret in: {text}");
        }
    }
}

fn quick_retry() -> Retry {
    Retry::default().backoff(Duration::from_millis(20))
}

fn key(id: &str) -> BpKey {
    BpKey { business_partner: id.into() }
}

fn partner(id: &str) -> bp::NewBusinessPartner {
    bp::NewBusinessPartner { business_partner_category: Some("1".into()), ..bp::NewBusinessPartner::new(id) }
}

/// Clears the partner set's fault 300 ms from now (a server busy for a moment).
fn clear_fault_soon(gateway: &odata_sandbox::gateway::Gateway) -> tokio::task::JoinHandle<()> {
    let gateway = gateway.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(300)).await;
        gateway.set_fault(SET, None);
    })
}

/// A loopback port nothing listens on.
fn closed_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

#[tokio::test]
async fn a_token_endpoint_that_is_down_slow_failing_or_garbled_is_a_token_error_naming_it() {
    let w = world().await;
    let list = |xsuaa: Xsuaa| w.direct_with(xsuaa, quick_retry()).business_partner().list().send();

    let mut down = w.vcap.clone();
    let port = closed_port();
    down["xsuaa"][0]["credentials"]["url"] = format!("http://127.0.0.1:{port}").into();
    let bindings = Bindings::from_vcap_services(&down.to_string()).unwrap();
    let e = list(Xsuaa::from_binding(bindings.find("xsuaa").unwrap()).unwrap()).await.unwrap_err();
    match &e {
        Error::Token { endpoint, status: None, message } => {
            assert_eq!(endpoint, &format!("http://127.0.0.1:{port}/oauth/token"));
            assert!(!message.is_empty());
        }
        other => panic!("{other:?}"),
    }
    assert!(e.to_string().starts_with(&format!("token request to http://127.0.0.1:{port}/oauth/token failed")), "{e}");
    w.clean(&e);

    w.sandbox.xsuaa.set_fault(Some(ServiceFault::delay(Duration::from_secs(3))));
    let started = Instant::now();
    let slow = Xsuaa::builder(w.xsuaa_credentials()).timeout(Duration::from_millis(300)).build().unwrap();
    let e = list(slow).await.unwrap_err();
    assert!(matches!(&e, Error::Token { status: None, .. }), "{e:?}");
    assert!(e.to_string().contains("no answer in time"), "{e}");
    assert!(started.elapsed() < Duration::from_secs(2), "the timeout holds: {:?}", started.elapsed());

    for (fault, status, says) in [
        (ServiceFault::status(500), 500, "injected fault"),
        (ServiceFault::body("{\"access_token\": tru"), 200, "not a token response"),
        // Which field is wrong, never what it holds.
        (ServiceFault::body("{\"access_token\": 42, \"expires_in\": \"soon\"}"), 200, "access_token is not"),
        (
            ServiceFault::body("{\"access_token\": \"eyJ.x.y\", \"expires_in\": \"soon\"}"),
            200,
            "expires_in is not a number",
        ),
    ] {
        w.sandbox.xsuaa.set_fault(Some(fault));
        let e = list(w.xsuaa()).await.unwrap_err();
        assert!(matches!(&e, Error::Token { status: Some(s), .. } if *s == status), "{e:?}");
        assert!(e.to_string().contains(says), "{e}");
        w.clean(&e);
    }
    assert_eq!(w.at_gateway("GET"), 0, "no token, no request");
    w.sandbox.xsuaa.set_fault(None);
    assert!(list(w.xsuaa()).await.is_ok(), "and nothing is left broken");
}

#[tokio::test]
async fn a_connectivity_proxy_refusing_407_or_failing_502_is_an_http_error_and_writes_are_not_repeated() {
    let w = world().await;
    let svc = w.on_premise();
    let proxy = &w.sandbox.proxy;

    proxy.set_fault(Some(ServiceFault::status(407)));
    let before = proxy.seen().len();
    let e = svc.business_partner().count().send().await.unwrap_err();
    assert_eq!(e.status(), Some(407), "{e}");
    assert!(e.to_string().contains("connectivity proxy refused the proxy token"), "{e}");
    assert_eq!(proxy.seen().len() - before, 2, "one retry with a fresh proxy token");
    w.clean(&e);

    proxy.set_fault(Some(ServiceFault::status(502)));
    let before = proxy.seen().len();
    let e = svc.business_partner().count().send().await.unwrap_err();
    assert!(matches!(&e, Error::Http(h) if h.status == 502), "{e:?}");
    assert_eq!(proxy.seen().len() - before, 3, "a read: three attempts");
    let before = proxy.seen().len();
    let e = svc.business_partner().create(partner("3000001")).send().await.unwrap_err();
    assert_eq!(e.status(), Some(502), "{e}");
    assert!(proxy.seen().len() - before <= 1, "a write: sent at most once");
    assert_eq!(w.at_gateway("POST"), 0);

    proxy.set_fault(None);
    assert_eq!(svc.business_partner().count().send().await.unwrap(), 6);
}

#[tokio::test]
async fn a_backend_401_gets_one_fresh_token_and_other_refusals_are_the_callers() {
    let w = world().await;
    let xsuaa = w.xsuaa();
    let svc = w.direct_with(xsuaa.clone(), quick_retry());
    let partners = svc.business_partner();
    partners.count().send().await.unwrap();
    let tokens = xsuaa.requests_sent();

    w.sandbox.gateway.set_fault(SET, Some(Fault::Status(401)));
    let e = partners.list().send().await.unwrap_err();
    assert_eq!(e.status(), Some(401), "{e}");
    assert_eq!(xsuaa.requests_sent() - tokens, 1, "the refused token was replaced once");
    assert_eq!(w.at_gateway("GET"), 3, "the count, then the list twice");

    // 403 that is not about CSRF (no X-CSRF-Token: Required): the caller's to handle.
    w.sandbox.gateway.set_fault(SET, Some(Fault::Status(403)));
    let e = partners.create(partner("3000002")).send().await.unwrap_err();
    assert!(matches!(&e, Error::Http(h) if h.status == 403 && h.code.as_deref() == Some("SANDBOX/403")), "{e:?}");
    assert_eq!(w.at_gateway("POST"), 1, "not sent again");
    w.sandbox.gateway.set_fault(SET, None);
    assert!(partners.get(key("3000002")).send().await.unwrap_err().is_not_found(), "and not applied");

    // 428 without an ETag, 412 with a stale one.
    let created = partners.create(partner("3000003")).send().await.unwrap();
    let etag = created.etag().unwrap().to_owned();
    let patch = bp::BusinessPartnerPatch { search_term1: Some(Some("X".into())), ..Default::default() };
    let e = partners.update(key("3000003"), patch.clone()).send().await.unwrap_err();
    assert!(matches!(&e, Error::Http(h) if h.status == 428), "{e:?}");
    partners.update(key("3000003"), patch.clone()).if_match(etag.clone()).send().await.unwrap();
    let e = partners.update(key("3000003"), patch).if_match(etag).send().await.unwrap_err();
    assert!(e.is_etag_conflict(), "{e:?}");
    w.clean(&e);
}

#[tokio::test]
async fn reads_are_retried_as_retry_after_asks_within_the_budget() {
    let w = world().await;
    let svc = w.direct();
    let gateway = w.sandbox.gateway.clone();

    // Busy for a moment: the read waits the second the server asks for, then succeeds.
    gateway.set_fault(SET, Some(Fault::RetryAfter { status: 429, seconds: 1 }));
    let clear = clear_fault_soon(&gateway);
    let started = Instant::now();
    let page = svc.business_partner().list().send().await.unwrap();
    assert_eq!(page.items.len(), 6);
    assert!(started.elapsed() >= Duration::from_secs(1), "waited as asked: {:?}", started.elapsed());
    assert_eq!(w.at_gateway("GET"), 2);
    clear.await.unwrap();

    // Asked to wait longer than the budget (10 s by default): fails at once.
    gateway.set_fault(SET, Some(Fault::RetryAfter { status: 503, seconds: 60 }));
    let started = Instant::now();
    let e = svc.business_partner().list().send().await.unwrap_err();
    assert!(matches!(&e, Error::Http(h) if h.status == 503 && h.retry_after == Some(Duration::from_secs(60))), "{e:?}");
    assert!(started.elapsed() < Duration::from_secs(1));
    assert_eq!(w.at_gateway("GET"), 3);

    // Still busy after every attempt: three in all, then the server's answer.
    gateway.set_fault(SET, Some(Fault::RetryAfter { status: 503, seconds: 0 }));
    assert_eq!(svc.business_partner().list().send().await.unwrap_err().status(), Some(503));
    assert_eq!(w.at_gateway("GET"), 6);

    // A body cut short or a connection dropped before the answer: retried, then a
    // transport error (never a partial success).
    for fault in [Fault::TruncatedBody, Fault::DropConnection] {
        gateway.set_fault(SET, Some(fault.clone()));
        let before = w.at_gateway("GET");
        let e = svc.business_partner().list().send().await.unwrap_err();
        assert!(matches!(&e, Error::Transport { timeout: false, .. }), "{fault:?}: {e:?}");
        assert_eq!(w.at_gateway("GET") - before, 3, "{fault:?}");
    }

    // A client that never retries sends once.
    let once = w.direct_with(w.xsuaa(), Retry::none());
    gateway.set_fault(SET, Some(Fault::RetryAfter { status: 503, seconds: 0 }));
    let before = w.at_gateway("GET");
    assert_eq!(once.business_partner().list().send().await.unwrap_err().status(), Some(503));
    assert_eq!(w.at_gateway("GET") - before, 1);
}

#[tokio::test]
async fn a_write_that_may_have_reached_the_server_is_sent_once_unless_marked_idempotent() {
    let w = world().await;
    let svc = w.direct();
    let partners = svc.business_partner();
    let gateway = w.sandbox.gateway.clone();

    gateway.set_fault(SET, Some(Fault::RetryAfter { status: 503, seconds: 1 }));
    let started = Instant::now();
    let e = partners.create(partner("3000010")).send().await.unwrap_err();
    assert!(matches!(&e, Error::Http(h) if h.retry_after == Some(Duration::from_secs(1))), "{e:?}");
    assert!(started.elapsed() < Duration::from_secs(1), "no wait: the caller decides");
    assert_eq!(w.at_gateway("POST"), 1);

    gateway.set_fault(SET, Some(Fault::DropConnection));
    let e = partners.create(partner("3000011")).send().await.unwrap_err();
    assert!(matches!(&e, Error::Transport { .. }), "{e:?}");
    assert_eq!(w.at_gateway("POST"), 2);

    // Applied, but the answer is cut short: an error (the outcome is unknown to the
    // client), not sent again, and the partner exists exactly once.
    gateway.set_fault(SET, Some(Fault::TruncatedBody));
    let e = partners.create(partner("3000012")).send().await.unwrap_err();
    assert!(matches!(&e, Error::Transport { .. }), "{e:?}");
    assert_eq!(w.at_gateway("POST"), 3);
    gateway.set_fault(SET, None);
    let found = partners.count().filter(Bp::BUSINESS_PARTNER.eq("3000012")).send().await.unwrap();
    assert_eq!(found, 1);
    assert!(partners.get(key("3000010")).send().await.unwrap_err().is_not_found());
    assert!(partners.get(key("3000011")).send().await.unwrap_err().is_not_found());

    // An update with its ETag is safe to repeat (a repeat fails with 412 rather than
    // applying twice): marked idempotent, it waits out the 503 like a read.
    let etag = partners.get(key("3000012")).send().await.unwrap().etag().unwrap().to_owned();
    gateway.set_fault(SET, Some(Fault::RetryAfter { status: 503, seconds: 1 }));
    let clear = clear_fault_soon(&gateway);
    let patch = bp::BusinessPartnerPatch { search_term1: Some(Some("AGAIN".into())), ..Default::default() };
    partners.update(key("3000012"), patch).if_match(etag).idempotent().send().await.unwrap();
    clear.await.unwrap();
    let read = partners.get(key("3000012")).send().await.unwrap();
    assert_eq!(read.search_term1.as_deref(), Some("AGAIN"));
}

#[tokio::test]
async fn bodies_that_are_not_what_the_metadata_promises_are_typed_errors_with_their_place() {
    let w = world().await;
    let svc = w.direct();
    let gateway = &w.sandbox.gateway;
    let list = || svc.business_partner().list().send();

    gateway.set_fault(SET, Some(Fault::HtmlLogin));
    let e = list().await.unwrap_err();
    assert!(matches!(&e, Error::UnexpectedContent { status: 200, .. }), "{e:?}");
    assert!(e.to_string().contains("HTML page"), "{e}");
    assert_eq!(w.at_gateway("GET"), 1, "an answer, not retried");

    gateway.set_fault(SET, Some(Fault::ContentType("application/atom+xml".into())));
    let e = list().await.unwrap_err();
    assert!(e.to_string().contains("expected OData JSON, got `application/atom+xml`"), "{e}");

    for (body, path) in [
        (
            r#"{"d":{"results":[{"BusinessPartner":"1"},{"BusinessPartner":"2","BusinessPartnerIsBlocked":"yes"}]}}"#,
            "d.results[1].BusinessPartnerIsBlocked",
        ),
        (r#"{"d":{"results":[{"BusinessPartner":42}]}}"#, "d.results[0].BusinessPartner"),
        (r#"{"d":{"results":[{"BusinessPartner":"1","CreationDate":"yesterday"}]}}"#, "d.results[0].CreationDate"),
        (r#"{"d":{"results":{"BusinessPartner":"1"}}}"#, "d.results"),
        (r#"{"d":{"results":[{"BusinessPartner":"1"}]"#, "d"),
    ] {
        gateway.set_fault(SET, Some(Fault::Json(body.to_owned())));
        let e = list().await.unwrap_err();
        match &e {
            Error::Decode { path: at, .. } => assert!(at.starts_with(path), "{body}: {at} is not at {path}"),
            other => panic!("{body}: {other:?}"),
        }
        assert!(e.to_string().contains(&format!("unexpected response at `{path}")), "{e}");
    }
    // A V4 body from a V2 service: wrong at the root.
    gateway.set_fault(SET, Some(Fault::Json(r#"{"value":[]}"#.into())));
    let e = list().await.unwrap_err();
    assert!(matches!(&e, Error::Decode { message, .. } if message.contains("missing field `d`")), "{e:?}");
    gateway.set_fault(SET, Some(Fault::Json(r#"{"d":{"BusinessPartner":null}}"#.into())));
    let e = svc.business_partner().get(key("1000001")).send().await.unwrap_err();
    assert!(matches!(&e, Error::Decode { path, .. } if path == "d.BusinessPartner"), "{e:?}");
    gateway.set_fault(SET, Some(Fault::Json(r#"{"d":17}"#.into())));
    let e = svc.business_partner().count().send().await.unwrap_err();
    assert!(matches!(&e, Error::UnexpectedContent { .. } | Error::Decode { .. }), "{e:?}");
}
