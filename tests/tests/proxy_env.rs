//! `HTTP_PROXY` / `NO_PROXY` from the environment, over loopback: direct calls and the
//! token fetches go through the environment's proxy, calls through Cloud Connector go to
//! the connectivity proxy and never to the environment's, and `NO_PROXY` exempts a host.
//!
//! One test in its own binary: the environment is the process's, read when a client is
//! built.

use odata_runtime::btp::bindings::Bindings;
use odata_runtime::btp::connectivity::Connectivity;
use odata_runtime::btp::xsuaa::Xsuaa;
use odata_runtime::btp::UserToken;
use odata_runtime::Client;
use odata_sandbox::{Sandbox, LOCATION_ID, VIRTUAL_HOST};
use std::sync::{Arc, Mutex};

odata_derive::service! {
    mod bp = "../metadata-samples/API_BUSINESS_PARTNER.edmx";
}

/// A forward proxy on loopback that records each request line and passes it on.
async fn environment_proxy() -> (String, Arc<Mutex<Vec<String>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    let address = odata_sandbox::http::serve(move |request| {
        let authority = request.authority.clone().unwrap_or_default();
        log.lock().unwrap().push(format!("{} http://{authority}{}", request.method, request.target));
        async move {
            let Ok(target) = authority.parse() else {
                return odata_sandbox::http::raw(502, "text/plain", "not a loopback address");
            };
            let headers = request.headers.clone();
            odata_sandbox::http::forward(target, &request, headers)
                .await
                .unwrap_or_else(|e| odata_sandbox::http::raw(502, "text/plain", e))
        }
    })
    .await
    .unwrap();
    (format!("http://{address}"), seen)
}

fn set_proxy_environment(http_proxy: &str, no_proxy: &str) {
    for name in ["HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy", "no_proxy"] {
        std::env::remove_var(name);
    }
    std::env::set_var("HTTP_PROXY", http_proxy);
    std::env::set_var("NO_PROXY", no_proxy);
}

#[tokio::test]
async fn the_environment_proxy_carries_direct_calls_and_never_cloud_connector_calls() {
    let sandbox = Sandbox::start().await.unwrap();
    let (proxy_url, seen) = environment_proxy().await;
    let bindings = Bindings::from_vcap_services(&sandbox.vcap_services().to_string()).unwrap();
    let gateway = sandbox.gateway.url().to_owned();
    let xsuaa_host = sandbox.xsuaa.url().trim_start_matches("http://").to_owned();

    set_proxy_environment(&proxy_url, "");
    let xsuaa = Xsuaa::from_binding(bindings.find("xsuaa").unwrap()).unwrap();
    let direct = Client::builder(gateway.clone()).xsuaa(xsuaa.clone()).build().unwrap();
    let count = bp::Service::new(&direct).business_partner().count().send().await.unwrap();
    assert_eq!(count, 6);
    {
        let seen = seen.lock().unwrap();
        assert!(seen.iter().any(|l| l.starts_with(&format!("POST http://{xsuaa_host}/oauth/token"))), "{seen:?}");
        let gateway_host = gateway.trim_start_matches("http://");
        assert!(
            seen.iter().any(|l| l.starts_with(&format!("GET http://{gateway_host}A_BusinessPartner/$count"))),
            "{seen:?}"
        );
    }

    // Through Cloud Connector, in a user's name: the connectivity proxy gets the call,
    // the environment's proxy at most the token requests to XSUAA.
    let connectivity = Connectivity::from_binding(bindings.find("connectivity").unwrap()).unwrap();
    let on_premise = Client::builder(sandbox.on_premise_url())
        .xsuaa(xsuaa)
        .connectivity(connectivity)
        .principal_propagation()
        .build()
        .unwrap();
    let alice = UserToken::parse(&sandbox.log_in("alice")).unwrap();
    let before = sandbox.proxy.seen().len();
    let partners = bp::Service::new(&on_premise)
        .business_partner()
        .list()
        .top(2)
        .via_cloud_connector()
        .location_id(LOCATION_ID)
        .as_user(&alice)
        .send()
        .await
        .unwrap();
    assert_eq!(partners.items.len(), 2);
    let at_connectivity_proxy = sandbox.proxy.seen();
    assert_eq!(at_connectivity_proxy.len(), before + 1);
    assert!(at_connectivity_proxy.last().unwrap().url.contains(VIRTUAL_HOST));
    {
        let seen = seen.lock().unwrap();
        assert!(!seen.iter().any(|l| l.contains(VIRTUAL_HOST)), "{seen:?}");
        assert!(
            seen.iter().all(|l| l.contains(&xsuaa_host) || l.contains(gateway.trim_start_matches("http://"))),
            "{seen:?}"
        );
    }

    // NO_PROXY exempts the host: a client built now goes direct.
    set_proxy_environment(&proxy_url, "127.0.0.1");
    let before = seen.lock().unwrap().len();
    let xsuaa = Xsuaa::from_binding(bindings.find("xsuaa").unwrap()).unwrap();
    let direct = Client::builder(gateway).xsuaa(xsuaa).build().unwrap();
    assert_eq!(bp::Service::new(&direct).business_partner().count().send().await.unwrap(), 6);
    assert_eq!(seen.lock().unwrap().len(), before, "{:?}", seen.lock().unwrap());
}
