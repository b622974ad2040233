//! The connectivity proxy stand-in: an HTTP forward proxy, as the BTP connectivity
//! service runs it in front of SAP Cloud Connector. It takes absolute-form requests
//! (`GET http://virtual-host:port/path`), verifies the `Proxy-Authorization` JWT
//! (signature, expiry, audience = the connectivity client), picks the Cloud Connector
//! by `SAP-Connectivity-SCC-Location_ID`, records what it saw, and forwards to the
//! backend registered for the virtual host. A propagated user reaches the backend as
//! the header [`PRINCIPAL_HEADER`] (the real Cloud Connector logs the user on with a
//! short-lived certificate instead).

use crate::faults::{Fault, FaultSlot};
use crate::http::{self, lock, Request, Response};
use crate::xsuaa::Xsuaa;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

/// The header in which the sandbox's Cloud Connector tells the backend who the
/// propagated user is.
pub const PRINCIPAL_HEADER: &str = "sap-sandbox-principal";

/// One request as the proxy saw it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProxiedRequest {
    /// `GET`, `POST`, …
    pub method: String,
    /// The absolute URL of the request line.
    pub url: String,
    /// `SAP-Connectivity-SCC-Location_ID`.
    pub location: Option<String>,
    /// The `grant_type` of the proxy token.
    pub proxy_grant: String,
    /// The propagated user (from the proxy token or the legacy header).
    pub user: Option<String>,
    /// The tenant (`zid`) of the proxy token: whose Cloud Connector the call uses.
    pub tenant: Option<String>,
    /// Whether the request carried an `Authorization` header.
    pub authorization: bool,
    /// The client's address: one per pooled connection.
    pub peer: SocketAddr,
    /// The status the proxy answered with.
    pub status: u16,
}

struct State {
    xsuaa: Xsuaa,
    client_id: String,
    hosts: Mutex<HashMap<String, (Option<String>, SocketAddr)>>,
    fault: FaultSlot,
    seen: Mutex<Vec<ProxiedRequest>>,
    url: String,
}

/// A running connectivity proxy stand-in. Cheap to clone.
#[derive(Clone)]
pub struct ConnectivityProxy {
    state: Arc<State>,
}

impl std::fmt::Debug for ConnectivityProxy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ConnectivityProxy").field("url", &self.state.url).finish()
    }
}

impl ConnectivityProxy {
    /// Starts it on a loopback port, accepting proxy tokens `xsuaa` issued to
    /// `client_id` (registered there with `client_secret`).
    pub async fn start(xsuaa: &Xsuaa, client_id: &str, client_secret: &str) -> std::io::Result<Self> {
        xsuaa.register_client(client_id, client_secret);
        let state = http::serve_with(
            |addr| State {
                xsuaa: xsuaa.clone(),
                client_id: client_id.to_owned(),
                hosts: Mutex::new(HashMap::new()),
                fault: FaultSlot::default(),
                seen: Mutex::new(Vec::new()),
                url: format!("http://{addr}"),
            },
            |state, request| async move { handle(&state, request).await },
        )
        .await?;
        Ok(ConnectivityProxy { state })
    }

    /// Exposes `backend` as `virtual_host` (`host:port`) through the Cloud Connector with
    /// `location` (`None`: the one registered without a location ID).
    pub fn add_virtual_host(&self, virtual_host: &str, location: Option<&str>, backend: SocketAddr) {
        lock(&self.state.hosts).insert(virtual_host.to_ascii_lowercase(), (location.map(str::to_owned), backend));
    }

    /// The proxy's address (`http://127.0.0.1:port`).
    pub fn url(&self) -> &str {
        &self.state.url
    }

    /// A `connectivity` binding for this proxy, as it appears in `VCAP_SERVICES`.
    pub fn binding(&self, name: &str, client_secret: &str) -> Value {
        let (host, port) = self.state.url.trim_start_matches("http://").rsplit_once(':').unwrap_or(("127.0.0.1", "0"));
        json!({
            "name": name, "label": "connectivity", "plan": "lite", "tags": ["connectivity", "conn", "connsvc"],
            "credentials": {
                "onpremise_proxy_host": host, "onpremise_proxy_http_port": port, "onpremise_proxy_port": port,
                "clientid": self.state.client_id, "clientsecret": client_secret,
                "token_service_url": self.state.xsuaa.url(), "url": self.state.xsuaa.url(),
            }
        })
    }

    /// Every request the proxy received.
    pub fn seen(&self) -> Vec<ProxiedRequest> {
        lock(&self.state.seen).clone()
    }

    /// Makes the proxy misbehave (or, with `None`, behave again).
    pub fn set_fault(&self, fault: Option<Fault>) {
        self.state.fault.set(fault);
    }
}

fn refuse(status: u16, message: &str) -> Response {
    let mut response = http::json(status, &json!({"error": {"code": status.to_string(), "message": message}}));
    if status == 407 {
        response.headers_mut().insert("proxy-authenticate", hyper::header::HeaderValue::from_static("Bearer"));
    }
    response
}

async fn handle(state: &State, request: Request) -> Response {
    let mut record = ProxiedRequest {
        method: request.method.to_string(),
        url: format!(
            "{}://{}{}",
            request.scheme.as_deref().unwrap_or("?"),
            request.authority.as_deref().unwrap_or("?"),
            request.target
        ),
        location: request.header("sap-connectivity-scc-location_id").map(str::to_owned),
        proxy_grant: String::new(),
        user: None,
        tenant: None,
        authorization: request.headers.contains_key("authorization"),
        peer: request.peer,
        status: 0,
    };
    let response = route(state, &request, &mut record).await;
    record.status = response.status().as_u16();
    lock(&state.seen).push(record);
    response
}

async fn route(state: &State, request: &Request, record: &mut ProxiedRequest) -> Response {
    if let Some(response) = state.fault.act("text/html", |status| refuse(status, "injected fault")).await {
        return response;
    }
    let Some(authority) = request.authority.as_deref() else {
        return refuse(400, "not a proxy request: the request line must be in absolute form");
    };
    if request.method == hyper::Method::CONNECT || request.scheme.as_deref() != Some("http") {
        return refuse(405, "the connectivity proxy takes http:// URLs of Cloud Connector virtual hosts");
    }
    let token = request.header("proxy-authorization").and_then(|v| v.strip_prefix("Bearer ")).unwrap_or("");
    let claims = match state.xsuaa.verify_for(token, &state.client_id) {
        Ok(claims) => claims,
        Err(why) => return refuse(407, &format!("proxy token refused: {}", why.0)),
    };
    record.proxy_grant = claims["grant_type"].as_str().unwrap_or("").to_owned();
    record.user = claims["user_name"].as_str().map(str::to_owned);
    record.tenant = claims["zid"].as_str().map(str::to_owned);
    if let Some(legacy) = request.header("sap-connectivity-authentication") {
        match state.xsuaa.verify(legacy.strip_prefix("Bearer ").unwrap_or("")) {
            Ok(user) => record.user = user["user_name"].as_str().map(str::to_owned),
            Err(why) => return refuse(401, &format!("SAP-Connectivity-Authentication refused: {}", why.0)),
        }
    }
    let Some((location, backend)) = lock(&state.hosts).get(&authority.to_ascii_lowercase()).cloned() else {
        return refuse(503, &format!("no Cloud Connector exposes the virtual host {authority}"));
    };
    if location != record.location {
        let wanted = record.location.as_deref().unwrap_or("(none)");
        return refuse(503, &format!("no Cloud Connector with location ID {wanted} exposes {authority}"));
    }
    let mut headers = hyper::HeaderMap::new();
    for (name, value) in &request.headers {
        let n = name.as_str();
        if n == "proxy-authorization"
            || n.starts_with("sap-connectivity-")
            || n == PRINCIPAL_HEADER
            || n == "connection"
        {
            continue;
        }
        headers.append(name.clone(), value.clone());
    }
    if let Some(user) = &record.user {
        if let Ok(value) = hyper::header::HeaderValue::from_str(user) {
            headers.insert(PRINCIPAL_HEADER, value);
        }
    }
    match http::forward(backend, request, headers).await {
        Ok(response) => response,
        Err(e) => refuse(502, &format!("the backend behind {authority} did not answer: {e}")),
    }
}
