//! The destination service stand-in: `GET /destination-configuration/v1/destinations/{name}`
//! with a bearer token of the destination binding's client, answering the
//! destination's configuration and the auth tokens its authentication type needs
//! (minted by the XSUAA stand-in; user-based types need `X-user-token`). Instance
//! destinations are found before subaccount ones.

use crate::faults::{Fault, FaultSlot};
use crate::http::{self, lock, Request, Response};
use crate::xsuaa::Xsuaa;
use base64::Engine;
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

struct State {
    xsuaa: Xsuaa,
    client_id: String,
    instance: Mutex<HashMap<String, Map<String, Value>>>,
    subaccount: Mutex<HashMap<String, Map<String, Value>>>,
    fault: FaultSlot,
    lookups: Mutex<Vec<String>>,
    url: String,
}

/// A running destination service stand-in. Cheap to clone.
#[derive(Clone)]
pub struct DestinationService {
    state: Arc<State>,
}

impl std::fmt::Debug for DestinationService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DestinationService").field("url", &self.state.url).finish()
    }
}

impl DestinationService {
    /// Starts it on a loopback port, accepting tokens `xsuaa` issued to `client_id`
    /// (registered there with `client_secret`).
    pub async fn start(xsuaa: &Xsuaa, client_id: &str, client_secret: &str) -> std::io::Result<Self> {
        xsuaa.register_client(client_id, client_secret);
        let state = http::serve_with(
            |addr| State {
                xsuaa: xsuaa.clone(),
                client_id: client_id.to_owned(),
                instance: Default::default(),
                subaccount: Default::default(),
                fault: FaultSlot::default(),
                lookups: Default::default(),
                url: format!("http://{addr}"),
            },
            |state, request| async move { handle(&state, request).await },
        )
        .await?;
        Ok(DestinationService { state })
    }

    /// Its base URL (`http://127.0.0.1:<port>`).
    pub fn url(&self) -> &str {
        &self.state.url
    }

    /// Adds a subaccount destination (its `destinationConfiguration` properties).
    pub fn add_subaccount_destination(&self, configuration: Value) {
        Self::add(&self.state.subaccount, configuration);
    }

    /// Adds a service-instance destination (found before a subaccount one of the same name).
    pub fn add_instance_destination(&self, configuration: Value) {
        Self::add(&self.state.instance, configuration);
    }

    fn add(to: &Mutex<HashMap<String, Map<String, Value>>>, configuration: Value) {
        let map = configuration.as_object().cloned().unwrap_or_default();
        let name = map.get("Name").and_then(Value::as_str).unwrap_or_default().to_owned();
        lock(to).insert(name, map);
    }

    /// A `destination` binding, as it appears in `VCAP_SERVICES`.
    pub fn binding(&self, name: &str, client_secret: &str) -> Value {
        json!({
            "name": name, "label": "destination", "plan": "lite", "tags": ["destination", "conn", "connsvc"],
            "credentials": {
                "clientid": self.state.client_id, "clientsecret": client_secret,
                "url": self.state.xsuaa.url(), "uri": self.state.url,
            }
        })
    }

    /// The names looked up so far.
    pub fn lookups(&self) -> Vec<String> {
        lock(&self.state.lookups).clone()
    }

    /// Makes the service misbehave (or, with `None`, behave again).
    pub fn set_fault(&self, fault: Option<Fault>) {
        self.state.fault.set(fault);
    }
}

fn problem(status: u16, message: &str) -> Response {
    http::json(status, &json!({"ErrorMessage": message}))
}

async fn handle(state: &State, request: Request) -> Response {
    if let Some(response) = state.fault.act("application/json", |status| problem(status, "injected fault")).await {
        return response;
    }
    let Some(name) = request.path().strip_prefix("/destination-configuration/v1/destinations/") else {
        return problem(404, "no such endpoint");
    };
    let name = name.to_owned();
    let token = request.header("authorization").and_then(|v| v.strip_prefix("Bearer ")).unwrap_or("");
    let caller = match state.xsuaa.verify_for(token, &state.client_id) {
        Ok(claims) => claims,
        Err(why) => return problem(401, &format!("token refused: {}", why.0)),
    };
    lock(&state.lookups).push(name.clone());
    let found = lock(&state.instance).get(&name).cloned().or_else(|| lock(&state.subaccount).get(&name).cloned());
    let Some(configuration) = found else {
        return problem(404, "Configuration with the specified name was not found");
    };
    let zone = caller["zid"].as_str().unwrap_or(crate::xsuaa::PROVIDER_ZONE).to_owned();
    let text = |key: &str| configuration.get(key).and_then(Value::as_str).unwrap_or("").to_owned();
    let authentication = text("Authentication");
    let user = request.header("x-user-token");
    let mut auth_tokens = Vec::new();
    let bearer = |token: String, expires_in: u64| {
        json!({"type": "Bearer", "value": token, "expires_in": expires_in.to_string(),
               "http_header": {"key": "Authorization", "value": format!("Bearer {token}")}})
    };
    match authentication.as_str() {
        "BasicAuthentication" => {
            let raw =
                base64::engine::general_purpose::STANDARD.encode(format!("{}:{}", text("User"), text("Password")));
            auth_tokens.push(json!({"type": "Basic", "value": raw, "http_header": {"key": "Authorization", "value": format!("Basic {raw}")}}));
        }
        "OAuth2ClientCredentials" => match state.xsuaa.issue(&text("clientId"), None, &zone) {
            Ok((token, expires_in)) => auth_tokens.push(bearer(token, expires_in)),
            Err(why) => auth_tokens.push(json!({"type": "", "value": "", "error": why.0})),
        },
        "OAuth2UserTokenExchange" | "OAuth2JWTBearer" | "OAuth2SAMLBearerAssertion" => match user {
            None => {
                auth_tokens.push(json!({"type": "", "value": "", "error": "a user token (X-user-token) is required"}))
            }
            Some(user) => match state.xsuaa.issue(&text("clientId"), Some(user), &zone) {
                Ok((token, expires_in)) => auth_tokens.push(bearer(token, expires_in)),
                Err(why) => auth_tokens
                    .push(json!({"type": "", "value": "", "error": format!("user token refused: {}", why.0)})),
            },
        },
        _ => {}
    }
    let mut answer = json!({"owner": {"SubaccountId": "sandbox-subaccount", "InstanceId": null}, "destinationConfiguration": configuration});
    if !auth_tokens.is_empty() {
        answer["authTokens"] = Value::Array(auth_tokens);
    }
    http::json(200, &answer)
}
