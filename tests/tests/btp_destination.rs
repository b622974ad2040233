//! Destinations end to end over loopback: the runtime's destination client against the
//! sandbox's destination service, XSUAA and connectivity proxy, one case per
//! authentication type, Internet and OnPremise, with generated calls to a backend.

use odata_runtime::btp::bindings::Bindings;
use odata_runtime::btp::connectivity::Connectivity;
use odata_runtime::btp::destination::{DestinationService, ProxyType};
use odata_runtime::btp::UserToken;
use odata_runtime::Error;
use odata_sandbox::connectivity::{ConnectivityProxy, PRINCIPAL_HEADER};
use serde_json::json;
use std::sync::{Arc, Mutex};

odata_derive::service! {
    mod bp = "../metadata-samples/API_BUSINESS_PARTNER.edmx";
}

const PATH: &str = "/sap/opu/odata/sap/API_BUSINESS_PARTNER/";

/// What the backend saw of one request.
#[derive(Clone, Debug, Default)]
struct AtBackend {
    target: String,
    authorization: Option<String>,
    principal: Option<String>,
    sap_client: Option<String>,
    custom: Option<String>,
}

struct World {
    xsuaa: odata_sandbox::xsuaa::Xsuaa,
    proxy: ConnectivityProxy,
    service: odata_sandbox::destination::DestinationService,
    backend: std::net::SocketAddr,
    at_backend: Arc<Mutex<Vec<AtBackend>>>,
    bindings: Bindings,
}

async fn world() -> World {
    let xsuaa = odata_sandbox::xsuaa::Xsuaa::start().await.unwrap();
    let proxy = ConnectivityProxy::start(&xsuaa, "sb-conn!b1", "conn-secret").await.unwrap();
    let service =
        odata_sandbox::destination::DestinationService::start(&xsuaa, "sb-dest!b2", "dest-secret").await.unwrap();
    xsuaa.register_client("sb-s4-oauth", "s4-oauth-secret");
    let at_backend = Arc::new(Mutex::new(Vec::new()));
    let log = at_backend.clone();
    let backend = odata_sandbox::http::serve(move |r| {
        log.lock().unwrap().push(AtBackend {
            target: r.target.clone(),
            authorization: r.header("authorization").map(str::to_owned),
            principal: r.header(PRINCIPAL_HEADER).map(str::to_owned),
            sap_client: r.header("sap-client").map(str::to_owned),
            custom: r.header("x-custom").map(str::to_owned),
        });
        async { odata_sandbox::http::raw(200, "text/plain", "9") }
    })
    .await
    .unwrap();
    proxy.add_virtual_host("s4-virtual:44300", Some("loc1"), backend);
    let vcap = json!({
        "destination": [service.binding("dest", "dest-secret")],
        "connectivity": [proxy.binding("conn", "conn-secret")],
    });
    let bindings = Bindings::from_vcap_services(&vcap.to_string()).unwrap();
    World { xsuaa, proxy, service, backend, at_backend, bindings }
}

impl World {
    fn destinations(&self) -> DestinationService {
        DestinationService::from_binding(self.bindings.find("destination").unwrap()).unwrap()
    }

    fn connectivity(&self) -> Connectivity {
        Connectivity::from_binding(self.bindings.find("connectivity").unwrap()).unwrap()
    }

    fn internet(&self, name: &str, authentication: &str) -> serde_json::Value {
        json!({"Name": name, "Type": "HTTP", "URL": format!("http://{}{PATH}", self.backend), "ProxyType": "Internet",
               "Authentication": authentication, "User": "TECH_USER", "Password": "tech-pw", "clientId": "sb-s4-oauth",
               "sap-client": "100", "URL.headers.X-Custom": "from-destination", "URL.queries.sap-language": "DE"})
    }

    fn user(&self, name: &str) -> UserToken {
        UserToken::parse(&self.xsuaa.user_token(name, "sandbox-provider")).unwrap()
    }

    fn last(&self) -> AtBackend {
        self.at_backend.lock().unwrap().last().cloned().unwrap()
    }
}

async fn count(client: &odata_runtime::Client, user: Option<&UserToken>) -> Result<u64, Error> {
    let request = bp::Service::new(client).business_partner().count();
    match user {
        Some(user) => request.as_user(user).send().await,
        None => request.send().await,
    }
}

#[tokio::test]
async fn internet_destinations_of_each_authentication_type() {
    let w = world().await;
    let alice = w.user("alice");
    let types = [
        "NoAuthentication",
        "BasicAuthentication",
        "OAuth2ClientCredentials",
        "OAuth2UserTokenExchange",
        "OAuth2JWTBearer",
        "OAuth2SAMLBearerAssertion",
    ];
    for authentication in types {
        w.service.add_subaccount_destination(w.internet(authentication, authentication));
        let user_based = authentication.starts_with("OAuth2") && authentication != "OAuth2ClientCredentials";
        let destination = w.destinations().find(authentication, user_based.then_some(&alice)).await.unwrap();
        assert_eq!(destination.proxy_type, ProxyType::Internet);
        let client = destination.client(None).unwrap();
        assert_eq!(count(&client, None).await.unwrap(), 9, "{authentication}");
        let at = w.last();
        assert_eq!((at.sap_client.as_deref(), at.custom.as_deref()), (Some("100"), Some("from-destination")));
        assert!(at.target.ends_with("A_BusinessPartner/$count?sap-language=DE"), "{}", at.target);
        let authorization = at.authorization.unwrap_or_default();
        match authentication {
            "NoAuthentication" => assert_eq!(authorization, ""),
            "BasicAuthentication" => assert_eq!(authorization, "Basic VEVDSF9VU0VSOnRlY2gtcHc="),
            _ => {
                let claims = w.xsuaa.verify_for(authorization.strip_prefix("Bearer ").unwrap(), "sb-s4-oauth").unwrap();
                let expected = if user_based { Some("alice") } else { None };
                assert_eq!(claims["user_name"].as_str(), expected, "{authentication}");
            }
        }
        let debug = format!("{destination:?}");
        assert!(!debug.contains("tech-pw"), "{debug}");
        assert!(authorization.is_empty() || !debug.contains(&authorization), "{debug}");
    }
    // A user-based destination without a user: the service says why.
    let e = w.destinations().find("OAuth2UserTokenExchange", None).await.unwrap_err();
    assert!(matches!(&e, Error::Destination { message, .. } if message.contains("X-user-token")), "{e}");
}

#[tokio::test]
async fn an_on_premise_principal_propagation_destination_goes_through_the_proxy_as_the_user() {
    let w = world().await;
    let alice = w.user("alice");
    w.service.add_instance_destination(json!({"Name": "S4_BP", "Type": "HTTP", "URL": format!("http://s4-virtual:44300{PATH}"),
        "ProxyType": "OnPremise", "Authentication": "PrincipalPropagation", "CloudConnectorLocationId": "loc1", "sap-client": "200"}));
    let connectivity = w.connectivity();
    let destination = w.destinations().find("S4_BP", Some(&alice)).await.unwrap();
    assert_eq!((destination.proxy_type, destination.location_id.as_deref()), (ProxyType::OnPremise, Some("loc1")));
    let client = destination.client(Some(&connectivity)).unwrap();
    assert_eq!(count(&client, Some(&alice)).await.unwrap(), 9);
    let seen = w.proxy.seen();
    assert_eq!((seen.len(), seen[0].user.as_deref(), seen[0].location.as_deref()), (1, Some("alice"), Some("loc1")));
    let at = w.last();
    assert_eq!(
        (at.principal.as_deref(), at.authorization.as_deref(), at.sap_client.as_deref()),
        (Some("alice"), None, Some("200"))
    );
    // Without the user: refused before anything is sent.
    let e = count(&client, None).await.unwrap_err();
    assert!(matches!(e, Error::UserTokenRequired), "{e:?}");
    assert_eq!(w.proxy.seen().len(), 1);
    // Without the connectivity service: a clear error.
    let e = destination.client(None).unwrap_err();
    assert!(e.to_string().contains("needs the connectivity service"), "{e}");
}

#[tokio::test]
async fn on_premise_basic_authentication_sends_the_technical_user_end_to_end() {
    let w = world().await;
    w.service.add_subaccount_destination(json!({"Name": "S4_TECH", "URL": format!("http://s4-virtual:44300{PATH}"),
        "ProxyType": "OnPremise", "Authentication": "BasicAuthentication", "CloudConnectorLocationId": "loc1",
        "User": "RFC_USER", "Password": "rfc-pw"}));
    let client = w.destinations().find("S4_TECH", None).await.unwrap().client(Some(&w.connectivity())).unwrap();
    assert_eq!(count(&client, None).await.unwrap(), 9);
    let s = &w.proxy.seen()[0];
    assert_eq!((s.proxy_grant.as_str(), s.user.as_deref(), s.authorization), ("client_credentials", None, true));
    assert_eq!(w.last().authorization.as_deref(), Some("Basic UkZDX1VTRVI6cmZjLXB3"));
}

#[tokio::test]
async fn lookup_order_cache_and_errors() {
    let w = world().await;
    let mut sub = w.internet("S4", "NoAuthentication");
    sub["URL"] = json!("http://subaccount.example/");
    w.service.add_subaccount_destination(sub);
    w.service.add_instance_destination(w.internet("S4", "NoAuthentication"));
    let destinations = w.destinations();
    let found = destinations.find("S4", None).await.unwrap();
    assert_eq!(found.url, format!("http://{}{PATH}", w.backend), "instance destinations first");
    destinations.find("S4", None).await.unwrap();
    assert_eq!(w.service.lookups().len(), 1, "cached");
    let e = destinations.find("MISSING", None).await.unwrap_err();
    assert_eq!(e.to_string(), "destination MISSING: the destination service answered 404: Configuration with the specified name was not found");
    w.service.set_fault(Some(odata_sandbox::faults::Fault::status(500)));
    let e = destinations.find("OTHER", None).await.unwrap_err();
    assert!(matches!(&e, Error::Destination { status: Some(500), .. }), "{e:?}");
}

#[tokio::test]
async fn a_client_from_the_btp_environment() {
    let w = world().await;
    w.service.add_subaccount_destination(w.internet("S4_ENV", "BasicAuthentication"));
    let vcap = json!({
        "destination": [w.service.binding("dest", "dest-secret")],
        "connectivity": [w.proxy.binding("conn", "conn-secret")],
    });
    // The only test of this binary that reads the environment.
    std::env::set_var("VCAP_SERVICES", vcap.to_string());
    let client = odata_runtime::Client::from_btp_env("S4_ENV").await.unwrap();
    assert_eq!(count(&client, None).await.unwrap(), 9);
    assert_eq!(w.last().authorization.as_deref(), Some("Basic VEVDSF9VU0VSOnRlY2gtcHc="));
}

#[tokio::test]
async fn a_destination_client_renews_its_token_before_it_expires_and_after_a_401() {
    let w = world().await;
    // A backend that checks the bearer token as a real one would (signature, audience, expiry).
    let verifier = w.xsuaa.clone();
    let backend = odata_sandbox::http::serve(move |r| {
        let token = r.header("authorization").and_then(|v| v.strip_prefix("Bearer ")).unwrap_or("").to_owned();
        let valid = verifier.verify_for(&token, "sb-s4-oauth").is_ok();
        async move {
            if valid {
                odata_sandbox::http::raw(200, "text/plain", "9")
            } else {
                odata_sandbox::http::raw(401, "text/plain", "token expired")
            }
        }
    })
    .await
    .unwrap();
    let mut destination = w.internet("S4_OAUTH", "OAuth2ClientCredentials");
    destination["URL"] = json!(format!("http://{backend}{PATH}"));
    w.service.add_subaccount_destination(destination);
    let lifetime = std::time::Duration::from_secs(3);
    w.xsuaa.set_token_lifetime(lifetime.as_secs());
    let destinations = w.destinations();
    let renewing = destinations.client("S4_OAUTH", None, None).await.unwrap();
    // The same destination as a value: its token is never renewed.
    let fixed = destinations.find("S4_OAUTH", None).await.unwrap().client(None).unwrap();
    let started = std::time::Instant::now();
    let mut calls = 0;
    while started.elapsed() < lifetime * 2 + lifetime / 2 {
        assert_eq!(count(&renewing, None).await.unwrap(), 9, "call {calls} after {:?}", started.elapsed());
        calls += 1;
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let lookups = w.service.lookups().iter().filter(|n| *n == "S4_OAUTH").count();
    assert!(calls > 20, "{calls}");
    // One fetch per lifetime (three lifetimes begun), and one more where a token
    // expired a moment before its renewal (the sandbox counts whole seconds).
    assert!((3..=5).contains(&lookups), "{lookups} destination lookups for {calls} calls");
    let e = count(&fixed, None).await.unwrap_err();
    assert_eq!(e.status(), Some(401), "the fixed token expired: {e}");
}
