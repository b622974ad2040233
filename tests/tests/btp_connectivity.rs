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
    let count = svc.business_partner().count().via_cloud_connector().location_id("loc1").as_user(&alice);
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
    assert_eq!(w.direct().business_partner().count().as_user(&alice).send().await.unwrap(), 5);
    assert!(w.proxy.seen().is_empty(), "the proxy saw nothing");
    let at = w.at_backend.lock().unwrap().clone();
    let bearer = at[0].authorization.as_deref().unwrap().strip_prefix("Bearer ").unwrap().to_owned();
    let claims = w.xsuaa.verify_for(&bearer, APP).unwrap();
    assert_eq!(claims["user_name"], "alice");
    // Without a user, the app's own token.
    w.direct().business_partner().count().send().await.unwrap();
    let at = w.at_backend.lock().unwrap().clone();
    let bearer = at[1].authorization.as_deref().unwrap().strip_prefix("Bearer ").unwrap().to_owned();
    assert_eq!(w.xsuaa.verify_for(&bearer, APP).unwrap()["grant_type"], "client_credentials");
}

#[tokio::test]
async fn without_a_user_principal_propagation_fails_before_any_io() {
    let w = world().await;
    let svc = w.on_premise(w.connectivity());
    let e = svc.business_partner().count().via_cloud_connector().location_id("loc1").send().await.unwrap_err();
    assert!(matches!(e, Error::UserTokenRequired), "{e:?}");
    assert!(e.to_string().contains("as_user"), "{e}");
    assert!(w.proxy.seen().is_empty() && w.at_backend.lock().unwrap().is_empty());
    assert!(w.xsuaa.token_requests().is_empty(), "not even a token was fetched");
    // An https virtual host is refused the same way.
    let https = Client::builder(format!("https://{VHOST}{PATH}")).connectivity(w.connectivity()).build().unwrap();
    let e = bp::Service::new(&https).business_partner().count().via_cloud_connector().send().await.unwrap_err();
    assert!(matches!(&e, Error::InvalidInput(m) if m.contains("http:// virtual host")), "{e:?}");
}

#[tokio::test]
async fn users_never_share_a_tunnel_connection() {
    let w = world().await;
    let (alice, bob) = (w.user("alice"), w.user("bob"));
    let svc = w.on_premise(w.connectivity());
    for _ in 0..3 {
        for user in [&alice, &bob] {
            svc.business_partner().count().location_id("loc1").as_user(user).send().await.unwrap();
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
    svc.business_partner().count().location_id("loc1").as_user(&alice).send().await.unwrap();
    let s = &w.proxy.seen()[0];
    assert_eq!((s.proxy_grant.as_str(), s.user.as_deref()), ("client_credentials", Some("alice")));
    assert_eq!(w.at_backend.lock().unwrap()[0].principal.as_deref(), Some("alice"));
}

#[tokio::test]
async fn proxy_refusals_are_typed_errors() {
    let w = world().await;
    let alice = w.user("alice");
    // No Cloud Connector with this location exposes the virtual host.
    let e =
        w.on_premise(w.connectivity()).business_partner().count().location_id("elsewhere").as_user(&alice).send().await;
    let e = e.unwrap_err();
    assert_eq!(e.status(), Some(503), "{e}");
    assert!(e.to_string().contains("location ID elsewhere"), "{e}");
    // Proxy tokens of the wrong client: refused, refreshed once, refused again.
    let wrong = Connectivity::new(w.proxy.url(), w.app_xsuaa()).unwrap();
    let before = w.proxy.seen().len();
    let e =
        w.on_premise(wrong).business_partner().count().location_id("loc1").as_user(&alice).send().await.unwrap_err();
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

/// The process-wide subscriber (a scoped one misses spans when other tests run on
/// other threads at the same time); it records every test's calls, all of which must
/// be free of secrets too.
fn recorder() -> &'static Recorder {
    static RECORDER: std::sync::OnceLock<Recorder> = std::sync::OnceLock::new();
    RECORDER.get_or_init(|| {
        let recorder = Recorder::default();
        tracing::subscriber::set_global_default(recorder.clone()).expect("the only subscriber of this test binary");
        recorder
    })
}

#[tokio::test]
async fn no_token_or_secret_in_logs_errors_or_debug_output() {
    let recorder = recorder();
    let w = world().await;
    let alice = w.user("alice");
    let svc = w.on_premise(w.connectivity());
    svc.business_partner().count().location_id("loc1").as_user(&alice).send().await.unwrap();
    w.direct().business_partner().count().as_user(&alice).send().await.unwrap();
    let refused = w.on_premise(Connectivity::new(w.proxy.url(), w.app_xsuaa()).unwrap());
    let e407 = refused.business_partner().count().location_id("loc1").as_user(&alice).send().await.unwrap_err();
    w.xsuaa.register_client(APP, "rotated-secret");
    let e_token = w.direct().business_partner().count().send().await.unwrap_err();
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

/// The token the echoing server hands out with `"expires_in": "3600"`.
const STRING_EXPIRY_TOKEN: &str = "eyJ0eXAiOiJKV1QifQ.eyJsZWFrZWQiOnRydWV9.c2lnbmVk";

/// A hostile server that echoes every credential it receives (headers, the Basic
/// secret decoded, the query, the form body) back in its error answers: as a token
/// endpoint (`/oauth/token`, 400 or a 200 with a string `expires_in`), a destination
/// service (401), an OData service (`/s401/…` 401, `/s500/…` 500) and a proxy (407).
/// Every value it saw is recorded.
async fn echoing_server() -> (std::net::SocketAddr, Arc<Mutex<Vec<String>>>) {
    use base64::Engine;
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    let address = odata_sandbox::http::serve(move |request| {
        // Every credential-bearing value, raw and decoded.
        let credentials = ["authorization", "proxy-authorization", "sap-connectivity-authentication", "apikey",
            "x-call-secret", "x-user-token", "x-csrf-token", "cookie"];
        let mut values: Vec<String> =
            credentials.iter().filter_map(|n| request.header(n)).map(str::to_owned).collect();
        for value in values.clone() {
            for scheme in ["Basic ", "Bearer "] {
                if let Some(raw) = value.strip_prefix(scheme) {
                    values.push(raw.to_owned());
                    if let Ok(decoded) = base64::engine::general_purpose::STANDARD.decode(raw) {
                        let decoded = String::from_utf8_lossy(&decoded).into_owned();
                        if let Some((_, secret)) = decoded.split_once(':') {
                            values.push(secret.to_owned());
                        }
                        values.push(decoded);
                    }
                }
            }
        }
        let form = String::from_utf8_lossy(&request.body).into_owned();
        let secret_names = ["client_secret", "assertion", "apikey"];
        for pair in form.split('&').chain(request.target.split(['?', '&'])) {
            if let Some((_, v)) = pair.split_once('=').filter(|(n, _)| secret_names.contains(n)) {
                values.push(v.replace("%2E", ".").replace("%2D", "-"));
            }
        }
        let mut echo = values.join(" | ");
        echo.push_str(&format!(" | {} | {form}", request.target));
        log.lock().unwrap().extend(values.into_iter().filter(|v| v.len() >= 8));
        let path = request.path().to_owned();
        let proxied = request.authority.is_some();
        async move {
            let odata = |status| {
                odata_sandbox::http::json(status, &serde_json::json!({"error": {"code": echo.clone(), "message": {"lang": "en", "value": echo.clone()}}}))
            };
            if proxied {
                odata_sandbox::http::raw(407, "text/plain", echo.clone())
            } else if path == "/oauth/token" && form.contains("client_credentials") && echo.contains("string-expiry") {
                odata_sandbox::http::json(200, &serde_json::json!({"access_token": STRING_EXPIRY_TOKEN, "expires_in": "3600"}))
            } else if path == "/oauth/token" {
                odata_sandbox::http::json(400, &serde_json::json!({"error": "invalid_request", "error_description": echo}))
            } else if path.starts_with("/destination-configuration/") {
                odata_sandbox::http::json(401, &serde_json::json!({"ErrorMessage": echo}))
            } else if path.starts_with("/s401/") {
                odata(401)
            } else if path.starts_with("/s503/") {
                odata(503)
            } else if path.starts_with("/s200/") {
                // A success whose values are the echo where other types belong.
                let row = serde_json::json!({"BusinessPartner": "1", "BusinessPartnerIsBlocked": echo});
                odata_sandbox::http::json(200, &serde_json::json!({"d": {"results": [row]}}))
            } else {
                odata(500)
            }
        }
    })
    .await
    .unwrap();
    (address, seen)
}

#[tokio::test]
async fn a_server_that_echoes_every_credential_gets_none_into_errors_or_logs() {
    let recorder = recorder();
    let w = world().await;
    let (echo, echoed) = echoing_server().await;
    let alice = w.user("alice");
    let api_key = "API-KEY-HEADER-SECRET";
    let query_key = "API-KEY-QUERY-SECRET";
    let service = |status: &str| {
        Client::builder(format!("http://{echo}/{status}{PATH}"))
            .xsuaa(w.app_xsuaa())
            .header("APIKey", api_key)
            .query("apikey", query_key)
            .retry(odata_runtime::Retry::none())
            .build()
            .unwrap()
    };
    let mut errors = Vec::new();
    // Backend 401 (the app's token, refreshed once) and 500 (the user's exchanged token).
    let s401 = bp::Service::new(&service("s401"));
    errors.push(s401.business_partner().count().header("x-call-secret", "PER-CALL-SECRET").send().await.unwrap_err());
    let s500 = bp::Service::new(&service("s500"));
    errors.push(s500.business_partner().list().as_user(&alice).send().await.unwrap_err());
    // 503, retried (the `retrying` trace events carry the error), and a 200 whose JSON
    // has the echo where a boolean belongs (a decoder quotes what it could not read).
    let retrying = Client::builder(format!("http://{echo}/s503{PATH}"))
        .xsuaa(w.app_xsuaa())
        .header("APIKey", api_key)
        .query("apikey", query_key)
        .retry(odata_runtime::Retry::default().backoff(std::time::Duration::from_millis(1)))
        .build()
        .unwrap();
    errors.push(bp::Service::new(&retrying).business_partner().count().send().await.unwrap_err());
    let s200 = bp::Service::new(&service("s200"));
    errors.push(s200.business_partner().list().as_user(&alice).send().await.unwrap_err());
    // Proxy 407 (the proxy token and the user's token in the proxy's headers).
    let through_echo = Client::builder(format!("http://{VHOST}{PATH}"))
        .xsuaa(w.app_xsuaa())
        .connectivity(Connectivity::new(&format!("http://{echo}"), w.app_xsuaa()).unwrap())
        .principal_propagation()
        .retry(odata_runtime::Retry::none())
        .build()
        .unwrap();
    let proxied = bp::Service::new(&through_echo);
    errors.push(proxied.business_partner().count().via_cloud_connector().as_user(&alice).send().await.unwrap_err());
    errors.push(proxied.business_partner().count().via_cloud_connector().send().await.unwrap_err());
    // The token endpoint: 400 echoing the Basic secret and the assertion; 200 with a string expiry.
    let uaa = |client_id: &str| {
        let vcap = serde_json::json!({"xsuaa": [{"name": "echo", "label": "xsuaa", "credentials": {
            "clientid": client_id, "clientsecret": APP_SECRET, "url": format!("http://{echo}")}}]});
        Xsuaa::from_binding(Bindings::from_vcap_services(&vcap.to_string()).unwrap().find("echo").unwrap()).unwrap()
    };
    errors.push(uaa(APP).client_credentials_token().await.unwrap_err());
    errors.push(uaa(APP).exchange(&alice).await.unwrap_err());
    errors.push(uaa("string-expiry").client_credentials_token().await.unwrap_err());
    // The destination service: 401 echoing the app's token and X-user-token.
    let destinations =
        odata_runtime::btp::destination::DestinationService::new(&format!("http://{echo}"), w.app_xsuaa()).unwrap();
    errors.push(destinations.find("S4", Some(&alice)).await.unwrap_err());
    errors.push(destinations.find("S4", None).await.unwrap_err());

    let mut secrets: Vec<String> = echoed.lock().unwrap().clone();
    secrets.push(STRING_EXPIRY_TOKEN.to_owned());
    for needle in [APP_SECRET, api_key, query_key, "PER-CALL-SECRET", alice.expose()] {
        assert!(secrets.iter().any(|s| s.contains(needle)), "the echo server saw {needle}");
    }
    assert!(secrets.iter().any(|s| s.starts_with("eyJ") && s != alice.expose()), "and the app's tokens");
    let mut outputs: Vec<String> = errors.iter().map(|e| format!("{e:?} {e}")).collect();
    outputs.push(recorder.0.lock().unwrap().clone());
    for text in &outputs {
        for secret in &secrets {
            assert!(!text.contains(secret.as_str()), "{secret:?} in: {text}");
        }
    }
    // The errors still say what happened.
    assert_eq!(errors[0].status(), Some(401));
    assert_eq!(errors[1].status(), Some(500));
    assert_eq!(errors[2].status(), Some(503));
    assert!(
        matches!(&errors[3], Error::Decode { path, .. } if path.contains("BusinessPartnerIsBlocked")),
        "{:?}",
        errors[3]
    );
    assert_eq!(errors[4].status(), Some(407));
    assert!(matches!(&errors[6], Error::Token { status: Some(400), .. }), "{:?}", errors[6]);
    assert!(errors[8].to_string().contains("expires_in is not a number"), "{}", errors[8]);
    assert!(matches!(&errors[9], Error::Destination { status: Some(401), .. }), "{:?}", errors[9]);
    assert!(recorder.0.lock().unwrap().contains("retrying"), "the retries were traced");
}

#[tokio::test]
async fn a_technical_call_for_a_subscriber_goes_in_the_subscribers_tenant() {
    use odata_runtime::auth::Tenant;
    let w = world().await;
    let client = Client::builder(format!("http://{VHOST}{PATH}"))
        .xsuaa(w.app_xsuaa())
        .connectivity(w.connectivity())
        .build()
        .unwrap();
    let svc = bp::Service::new(&client);
    let count = || svc.business_partner().count().via_cloud_connector().location_id("loc1");
    let carol = UserToken::parse(&w.xsuaa.user_token("carol", "subscriber-c")).unwrap();
    count().send().await.unwrap();
    count().in_tenant(&Tenant::new("subscriber-b")).send().await.unwrap();
    count().in_tenant_of(&carol).send().await.unwrap();
    let seen = w.proxy.seen();
    let tenants: Vec<_> =
        seen.iter().map(|s| (s.tenant.as_deref(), s.user.as_deref(), s.proxy_grant.as_str())).collect();
    assert_eq!(
        tenants,
        [
            (Some("sandbox-provider"), None, "client_credentials"),
            (Some("subscriber-b"), None, "client_credentials"),
            (Some("subscriber-c"), None, "client_credentials"),
        ],
        "the proxy token names the tenant whose Cloud Connector is used"
    );
    // The backend's own Authorization (a technical call) is the tenant's too.
    let zones: Vec<String> = w
        .at_backend
        .lock()
        .unwrap()
        .iter()
        .map(|a| {
            let bearer = a.authorization.as_deref().unwrap().strip_prefix("Bearer ").unwrap();
            w.xsuaa.verify_for(bearer, APP).unwrap()["zid"].as_str().unwrap().to_owned()
        })
        .collect();
    assert_eq!(zones, ["sandbox-provider", "subscriber-b", "subscriber-c"]);
    // As a user, the user's tenant decides.
    let principal = w.on_premise(w.connectivity());
    let as_carol = principal.business_partner().count().via_cloud_connector().location_id("loc1").as_user(&carol);
    as_carol.in_tenant(&Tenant::new("subscriber-b")).send().await.unwrap();
    let last = w.proxy.seen().last().cloned().unwrap();
    assert_eq!((last.tenant.as_deref(), last.user.as_deref()), (Some("subscriber-c"), Some("carol")));

    // Fixed credentials cannot be had for another tenant: refused before any I/O.
    let fixed = Client::builder(format!("http://{}{PATH}", w.backend)).bearer_token("t").build().unwrap();
    let before = w.at_backend.lock().unwrap().len();
    let e = bp::Service::new(&fixed).business_partner().count().in_tenant(&Tenant::new("x")).send().await.unwrap_err();
    assert!(matches!(&e, Error::InvalidInput(m) if m.contains("in_tenant")), "{e}");
    assert_eq!(w.at_backend.lock().unwrap().len(), before);
}
