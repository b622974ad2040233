//! What the benchmarks in `benchmarks/benches/` share: the services generated from the
//! business-partner samples (V2 and V4), rows of partners, pages of them as the sandbox's
//! Gateway writes them, an XSUAA stand-in with a client, and a loopback server that
//! answers fixed bodies (so a bench measures the client, not the server).
//!
//! Every bench compares the runtime with a baseline in the same run: the same bytes
//! decoded by `serde_json::from_slice` into the same generated struct, or the same URL
//! fetched with a bare `reqwest::Client`. See `BENCHMARKS.md` for the figures.

pub mod counting;

use bytes::Bytes;
use odata_runtime::btp::bindings::Bindings;
use odata_runtime::btp::xsuaa::Xsuaa;
use odata_runtime::{Client, Version};
use odata_sandbox::gateway::Gateway;
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::HashSet;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

odata_derive::service! {
    /// The V2 business-partner sample.
    pub mod bp_v2 = "../metadata-samples/API_BUSINESS_PARTNER.edmx";
    /// The V4 business-partner sample.
    pub mod bp_v4 = "../metadata-samples/API_BUSINESS_PARTNER.v4.edmx";
}

/// The V2 sample's EDMX.
pub const BP_V2_EDMX: &str = include_str!("../../metadata-samples/API_BUSINESS_PARTNER.edmx");
/// The V4 sample's EDMX.
pub const BP_V4_EDMX: &str = include_str!("../../metadata-samples/API_BUSINESS_PARTNER.v4.edmx");

/// The EDMX of the business-partner sample in `version`.
pub fn edmx(version: Version) -> &'static str {
    match version {
        Version::V2 => BP_V2_EDMX,
        Version::V4 => BP_V4_EDMX,
    }
}

/// Partner number `i` (`1000000 + i`, ten digits at most as the sample allows).
pub fn partner_id(i: usize) -> String {
    format!("{}", 1_000_000 + i)
}

/// Partner `i` as a plain JSON row for [`Gateway::seed`]: every property set, names and
/// search terms of realistic length, a third persons and the rest organizations.
pub fn partner_row(version: Version, i: usize) -> Value {
    let person = i.is_multiple_of(3);
    let (first, last, org) = if person {
        (json!(format!("Firstname{i}")), json!(format!("Lastname-{}", i * 7919 % 100_000)), Value::Null)
    } else {
        (Value::Null, Value::Null, json!(format!("Organization {i} Holding GmbH & Co. KG")))
    };
    let day = 1 + i % 28;
    let (date, time) = match version {
        Version::V2 => (json!(format!("2021-03-{day:02}T00:00:00Z")), json!(format!("PT{:02}H15M00S", i % 24))),
        Version::V4 => (json!(format!("2021-03-{day:02}")), json!(format!("{:02}:15:00", i % 24))),
    };
    json!({
        "BusinessPartner": partner_id(i),
        "BusinessPartnerCategory": if person { "1" } else { "2" },
        "BusinessPartnerFullName": format!("Partner {i} Full Name"),
        "FirstName": first, "LastName": last, "OrganizationBPName1": org,
        "BusinessPartnerUUID": format!("6b1f0d6e-2a4c-4c1e-9a43-{i:012}"),
        "BusinessPartnerIsBlocked": i.is_multiple_of(17),
        "IsMarkedForArchiving": false,
        "CreationDate": date,
        "CreationTime": time,
        "LastChangeDateTime": format!("2024-05-{day:02}T10:{:02}:00Z", i % 60),
        "SearchTerm1": format!("SEARCH{i}"),
        "Language": LANGUAGES[i % LANGUAGES.len()],
    })
}

const LANGUAGES: [&str; 4] = ["DE", "EN", "FR", "JA"];

/// Rows `start..start + n` of [`partner_row`].
pub fn partner_rows(version: Version, start: usize, n: usize) -> Value {
    Value::Array((start..start + n).map(|i| partner_row(version, i)).collect())
}

/// A bare `reqwest::Client` for baselines. reqwest is built without a crypto provider
/// (the runtime's `rustls-ring` feature enables reqwest's `rustls-no-provider`), so a
/// program building its own reqwest clients installs one, as here.
pub fn bare_http() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::new()
}

/// A Gateway of the sample in `version` with `n` partners, no CSRF, no authentication.
pub async fn gateway_with_partners(version: Version, n: usize) -> Gateway {
    let gateway = Gateway::builder(edmx(version)).csrf(false).start().await.expect("the Gateway starts");
    gateway.seed("A_BusinessPartner", partner_rows(version, 0, n)).expect("the rows fit the model");
    gateway
}

/// The Gateway's answer to `GET A_BusinessPartner` with `n` partners: the page a
/// client decodes, exactly as the sandbox writes it (V2 verbose JSON with `__metadata`,
/// V4 minimal metadata with IEEE754Compatible).
pub async fn recorded_page(version: Version, n: usize) -> Bytes {
    recorded(&gateway_with_partners(version, n).await, version, "A_BusinessPartner").await
}

/// The Gateway's answer to `GET <target>` (below the service root).
pub async fn recorded(gateway: &Gateway, version: Version, target: &str) -> Bytes {
    let accept = match version {
        Version::V2 => "application/json",
        Version::V4 => "application/json;odata.metadata=minimal;IEEE754Compatible=true",
    };
    let response = bare_http()
        .get(format!("{}{target}", gateway.url()))
        .header("Accept", accept)
        .send()
        .await
        .expect("the Gateway answers");
    assert_eq!(response.status(), 200);
    response.bytes().await.expect("the whole page")
}

/// The baseline's view of a V2 collection: `{"d":{"results":[…]}}`.
#[derive(Deserialize)]
pub struct V2Page<T> {
    pub d: V2Results<T>,
}

/// See [`V2Page`].
#[derive(Deserialize)]
pub struct V2Results<T> {
    pub results: Vec<T>,
}

/// The baseline's view of a V2 single entity: `{"d":{…}}`.
#[derive(Deserialize)]
pub struct V2Single<T> {
    pub d: T,
}

/// The baseline's view of a V4 collection: `{"value":[…]}`.
#[derive(Deserialize)]
pub struct V4Page<T> {
    pub value: Vec<T>,
}

/// The sandbox's XSUAA with one registered client: its binding for the runtime, and
/// a bare way to the same kind of token for a baseline.
pub struct Auth {
    pub xsuaa: odata_sandbox::xsuaa::Xsuaa,
    binding: Value,
}

const CLIENT_ID: &str = "sb-bench";
const CLIENT_SECRET: &str = "bench-secret";

impl Auth {
    /// Starts the XSUAA stand-in.
    pub async fn start() -> Auth {
        let xsuaa = odata_sandbox::xsuaa::Xsuaa::start().await.expect("XSUAA starts");
        xsuaa.register_client(CLIENT_ID, CLIENT_SECRET);
        let binding = xsuaa.binding("xsuaa", CLIENT_ID);
        Auth { xsuaa, binding }
    }

    /// The runtime's token client for the registered client.
    pub fn runtime_xsuaa(&self) -> Xsuaa {
        let vcap = json!({ "xsuaa": [self.binding] }).to_string();
        let bindings = Bindings::from_vcap_services(&vcap).expect("a binding");
        Xsuaa::from_binding(bindings.find("xsuaa").expect("xsuaa")).expect("credentials")
    }

    /// A generated-code client of `url` that authenticates with the registered client
    /// (tokens cached by the runtime).
    pub fn client(&self, url: &str) -> Client {
        Client::builder(url).xsuaa(self.runtime_xsuaa()).build().expect("a client")
    }

    /// A client-credentials token fetched with bare reqwest, for a baseline.
    pub async fn bare_token(&self, http: &reqwest::Client) -> String {
        let response = http
            .post(format!("{}/oauth/token", self.xsuaa.url()))
            .basic_auth(CLIENT_ID, Some(CLIENT_SECRET))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body("grant_type=client_credentials")
            .send()
            .await
            .expect("the token endpoint answers");
        let body: Value = serde_json::from_slice(&response.bytes().await.expect("a token answer")).expect("JSON");
        body["access_token"].as_str().expect("an access token").to_owned()
    }
}

/// A loopback server that answers `GET <path>` (any query) with a fixed JSON body, once the
/// request's bearer token verifies at `auth`'s XSUAA (each token verified once, then
/// remembered, so neither side pays for signatures per request).
pub async fn fixed_server(auth: &Auth, bodies: Vec<(String, Bytes)>) -> SocketAddr {
    let xsuaa = auth.xsuaa.clone();
    let known: Arc<Mutex<HashSet<String>>> = Arc::default();
    let bodies = Arc::new(bodies);
    odata_sandbox::http::serve(move |request| {
        let bodies = bodies.clone();
        let token = request.header("authorization").and_then(|h| h.strip_prefix("Bearer ")).map(str::to_owned);
        let authorized = token.is_some_and(|t| {
            let mut known = known.lock().unwrap();
            known.contains(&t) || (xsuaa.verify(&t).is_ok() && known.insert(t))
        });
        async move {
            if !authorized {
                return odata_sandbox::http::raw(401, "text/plain", "no valid token");
            }
            match bodies.iter().find(|(path, _)| path == request.path()) {
                Some((_, body)) => odata_sandbox::http::raw(200, "application/json", body.clone()),
                None => odata_sandbox::http::raw(404, "text/plain", "no such body"),
            }
        }
    })
    .await
    .expect("the server starts")
}
