//! Per-call Cloud Connector routing end to end over loopback: generated calls, the
//! runtime's routing, the sandbox's XSUAA and connectivity proxy stand-ins, and a
//! backend behind a virtual host.

use odata_runtime::btp::bindings::Bindings;
use odata_runtime::btp::connectivity::Connectivity;
use odata_runtime::btp::xsuaa::Xsuaa;
use odata_runtime::btp::UserToken;
use odata_runtime::{Client, Error};
use odata_sandbox::connectivity::{ConnectivityProxy, PRINCIPAL_HEADER};
use std::collections::HashSet;
use std::sync::{Arc, Mutex};

odata_derive::service! {
    mod bp = "../metadata-samples/API_BUSINESS_PARTNER.edmx";
}

const APP: &str = "sb-app!t1";
const APP_SECRET: &str = "app-secret";
const CONN: &str = "sb-connectivity!b7";
const CONN_SECRET: &str = "conn-secret";
const VHOST: &str = "s4-virtual:44300";
const PATH: &str = "/sap/opu/odata/sap/API_BUSINESS_PARTNER/";

/// What the backend saw of one request.
#[derive(Clone, Debug)]
struct AtBackend {
    authorization: Option<String>,
    principal: Option<String>,
}

struct World {
    xsuaa: odata_sandbox::xsuaa::Xsuaa,
    proxy: ConnectivityProxy,
    backend: std::net::SocketAddr,
    at_backend: Arc<Mutex<Vec<AtBackend>>>,
    bindings: Bindings,
}

async fn world() -> World {
    let xsuaa = odata_sandbox::xsuaa::Xsuaa::start().await.unwrap();
    xsuaa.register_client(APP, APP_SECRET);
    let proxy = ConnectivityProxy::start(&xsuaa, CONN, CONN_SECRET).await.unwrap();
    let at_backend = Arc::new(Mutex::new(Vec::new()));
    let log = at_backend.clone();
    let backend = odata_sandbox::http::serve(move |request| {
        log.lock().unwrap().push(AtBackend {
            authorization: request.header("authorization").map(str::to_owned),
            principal: request.header(PRINCIPAL_HEADER).map(str::to_owned),
        });
        async { odata_sandbox::http::raw(200, "text/plain", "5") }
    })
    .await
    .unwrap();
    proxy.add_virtual_host(VHOST, Some("loc1"), backend);
    let vcap = serde_json::json!({
        "xsuaa": [xsuaa.binding("app-uaa", APP)],
        "connectivity": [proxy.binding("conn", CONN_SECRET)],
    });
    let bindings = Bindings::from_vcap_services(&vcap.to_string()).unwrap();
    World { xsuaa, proxy, backend, at_backend, bindings }
}

impl World {
    fn app_xsuaa(&self) -> Xsuaa {
        Xsuaa::from_binding(self.bindings.find("xsuaa").unwrap()).unwrap()
    }

    fn connectivity(&self) -> Connectivity {
        Connectivity::from_binding(self.bindings.find("connectivity").unwrap()).unwrap()
    }

    /// The service at its Cloud Connector virtual host, in users' names.
    fn on_premise(&self, connectivity: Connectivity) -> bp::Service {
        let client = Client::builder(format!("http://{VHOST}{PATH}"))
            .xsuaa(self.app_xsuaa())
            .connectivity(connectivity)
            .principal_propagation()
            .build()
            .unwrap();
        bp::Service::new(&client)
    }

    /// The same backend reached directly.
    fn direct(&self) -> bp::Service {
        let client = Client::builder(format!("http://{}{PATH}", self.backend)).xsuaa(self.app_xsuaa()).build().unwrap();
        bp::Service::new(&client)
    }

    fn user(&self, name: &str) -> UserToken {
        UserToken::parse(&self.xsuaa.user_token(name, "sandbox-provider")).unwrap()
    }
}

#[tokio::test]
async fn a_call_as_a_user_via_cloud_connector_goes_through_the_proxy_only() {
    let w = world().await;
    let alice = w.user("alice");
    let svc = w.on_premise(w.connectivity());
    let count = svc.a_business_partner().count().via_cloud_connector().location_id("loc1").as_user(&alice);
    assert_eq!(count.send().await.unwrap(), 5);
    let seen = w.proxy.seen();
    assert_eq!(seen.len(), 1);
    let s = &seen[0];
    assert_eq!(s.url, format!("http://{VHOST}{PATH}A_BusinessPartner/$count"));
    assert_eq!((s.location.as_deref(), s.user.as_deref(), s.status), (Some("loc1"), Some("alice"), 200));
    assert_eq!(s.proxy_grant, "urn:ietf:params:oauth:grant-type:jwt-bearer", "the user's token, exchanged");
    assert!(!s.authorization, "no Authorization header with principal propagation");
    let at = w.at_backend.lock().unwrap().clone();
    assert_eq!(at.len(), 1);
    assert_eq!((at[0].principal.as_deref(), at[0].authorization.as_deref()), (Some("alice"), None));
}

#[tokio::test]
async fn the_same_call_without_cloud_connector_goes_direct_with_the_xsuaa_token() {
    let w = world().await;
    let alice = w.user("alice");
    assert_eq!(w.direct().a_business_partner().count().as_user(&alice).send().await.unwrap(), 5);
    assert!(w.proxy.seen().is_empty(), "the proxy saw nothing");
    let at = w.at_backend.lock().unwrap().clone();
    let bearer = at[0].authorization.as_deref().unwrap().strip_prefix("Bearer ").unwrap().to_owned();
    let claims = w.xsuaa.verify_for(&bearer, APP).unwrap();
    assert_eq!(claims["user_name"], "alice");
    // Without a user, the app's own token.
    w.direct().a_business_partner().count().send().await.unwrap();
    let at = w.at_backend.lock().unwrap().clone();
    let bearer = at[1].authorization.as_deref().unwrap().strip_prefix("Bearer ").unwrap().to_owned();
    assert_eq!(w.xsuaa.verify_for(&bearer, APP).unwrap()["grant_type"], "client_credentials");
}

#[tokio::test]
async fn without_a_user_principal_propagation_fails_before_any_io() {
    let w = world().await;
    let svc = w.on_premise(w.connectivity());
    let e = svc.a_business_partner().count().via_cloud_connector().location_id("loc1").send().await.unwrap_err();
    assert!(matches!(e, Error::UserTokenRequired), "{e:?}");
    assert!(e.to_string().contains("as_user"), "{e}");
    assert!(w.proxy.seen().is_empty() && w.at_backend.lock().unwrap().is_empty());
    assert!(w.xsuaa.token_requests().is_empty(), "not even a token was fetched");
    // An https virtual host is refused the same way.
    let https = Client::builder(format!("https://{VHOST}{PATH}")).connectivity(w.connectivity()).build().unwrap();
    let e = bp::Service::new(&https).a_business_partner().count().via_cloud_connector().send().await.unwrap_err();
    assert!(matches!(&e, Error::InvalidInput(m) if m.contains("http:// virtual host")), "{e:?}");
}

#[tokio::test]
async fn users_never_share_a_tunnel_connection() {
    let w = world().await;
    let (alice, bob) = (w.user("alice"), w.user("bob"));
    let svc = w.on_premise(w.connectivity());
    for _ in 0..3 {
        for user in [&alice, &bob] {
            svc.a_business_partner().count().location_id("loc1").as_user(user).send().await.unwrap();
        }
    }
    let seen = w.proxy.seen();
    let peers = |name: &str| -> HashSet<_> {
        seen.iter().filter(|s| s.user.as_deref() == Some(name)).map(|s| s.peer).collect()
    };
    let (a, b) = (peers("alice"), peers("bob"));
    assert_eq!((a.len(), b.len()), (1, 1), "each user's calls reuse their own pooled connection");
    assert!(a.is_disjoint(&b), "alice's connection never carries bob's call");
    let exchanges = w.xsuaa.token_requests().into_iter().filter(|r| r.client_id == CONN).count();
    assert_eq!(exchanges, 2, "one proxy token per user, cached");
}

#[tokio::test]
async fn legacy_principal_propagation_sends_the_user_token_beside_the_proxy_token() {
    let w = world().await;
    let alice = w.user("alice");
    let svc = w.on_premise(w.connectivity().legacy_principal_propagation());
    svc.a_business_partner().count().location_id("loc1").as_user(&alice).send().await.unwrap();
    let s = &w.proxy.seen()[0];
    assert_eq!((s.proxy_grant.as_str(), s.user.as_deref()), ("client_credentials", Some("alice")));
    assert_eq!(w.at_backend.lock().unwrap()[0].principal.as_deref(), Some("alice"));
}

#[tokio::test]
async fn proxy_refusals_are_typed_errors() {
    let w = world().await;
    let alice = w.user("alice");
    // No Cloud Connector with this location exposes the virtual host.
    let e = w
        .on_premise(w.connectivity())
        .a_business_partner()
        .count()
        .location_id("elsewhere")
        .as_user(&alice)
        .send()
        .await;
    let e = e.unwrap_err();
    assert_eq!(e.status(), Some(503), "{e}");
    assert!(e.to_string().contains("location ID elsewhere"), "{e}");
    // Proxy tokens of the wrong client: refused, refreshed once, refused again.
    let wrong = Connectivity::new(w.proxy.url(), w.app_xsuaa()).unwrap();
    let before = w.proxy.seen().len();
    let e =
        w.on_premise(wrong).a_business_partner().count().location_id("loc1").as_user(&alice).send().await.unwrap_err();
    assert_eq!(e.status(), Some(407), "{e}");
    assert!(e.to_string().contains("connectivity proxy refused the proxy token"), "{e}");
    assert_eq!(w.proxy.seen().len() - before, 2, "one retry with a fresh token, no loop");
    assert!(!format!("{e:?} {e}").contains(alice.expose()));
}

/// Records every span and event with all their fields, as a log would show them.
#[derive(Clone, Default)]
struct Recorder(Arc<Mutex<String>>);

struct Fields<'a>(&'a mut String);

impl tracing::field::Visit for Fields<'_> {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        self.0.push_str(&format!(" {}={value:?}", field.name()));
    }
}

impl tracing::Subscriber for Recorder {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        let mut log = self.0.lock().unwrap();
        log.push_str(&format!("\nspan {}", span.metadata().name()));
        span.record(&mut Fields(&mut log));
        tracing::span::Id::from_u64(1)
    }
    fn record(&self, _: &tracing::span::Id, values: &tracing::span::Record<'_>) {
        values.record(&mut Fields(&mut self.0.lock().unwrap()));
    }
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, event: &tracing::Event<'_>) {
        let mut log = self.0.lock().unwrap();
        log.push_str("\nevent");
        event.record(&mut Fields(&mut log));
    }
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

#[tokio::test]
async fn no_token_or_secret_in_logs_errors_or_debug_output() {
    // The process-wide subscriber (a scoped one misses spans when other tests run on
    // other threads at the same time); it records every test's calls, all of which must
    // be free of secrets too.
    static RECORDER: std::sync::OnceLock<Recorder> = std::sync::OnceLock::new();
    let recorder = RECORDER.get_or_init(|| {
        let recorder = Recorder::default();
        tracing::subscriber::set_global_default(recorder.clone()).expect("the only subscriber of this test binary");
        recorder
    });
    let w = world().await;
    let alice = w.user("alice");
    let svc = w.on_premise(w.connectivity());
    svc.a_business_partner().count().location_id("loc1").as_user(&alice).send().await.unwrap();
    w.direct().a_business_partner().count().as_user(&alice).send().await.unwrap();
    let refused = w.on_premise(Connectivity::new(w.proxy.url(), w.app_xsuaa()).unwrap());
    let e407 = refused.a_business_partner().count().location_id("loc1").as_user(&alice).send().await.unwrap_err();
    w.xsuaa.register_client(APP, "rotated-secret");
    let e_token = w.direct().a_business_partner().count().send().await.unwrap_err();
    let log = recorder.0.lock().unwrap().clone();
    assert!(log.contains("span odata") && log.contains("A_BusinessPartner/$count"), "the calls were logged: {log}");
    let backend_tokens: Vec<String> = w
        .at_backend
        .lock()
        .unwrap()
        .iter()
        .filter_map(|a| a.authorization.as_deref().and_then(|v| v.strip_prefix("Bearer ")).map(str::to_owned))
        .collect();
    assert!(!backend_tokens.is_empty());
    let outputs = [
        log,
        format!("{e407:?} {e407}"),
        format!("{e_token:?} {e_token}"),
        format!("{svc:?}"),
        format!("{:?}", w.connectivity()),
    ];
    let mut secrets =
        vec![APP_SECRET.to_owned(), CONN_SECRET.to_owned(), "rotated-secret".to_owned(), alice.expose().to_owned()];
    secrets.extend(backend_tokens);
    for text in &outputs {
        for secret in &secrets {
            assert!(!text.contains(secret.as_str()), "a secret in: {text}");
        }
    }
}
