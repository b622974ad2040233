//! The SAP Cloud Identity Services (IAS) stand-in: an OpenID Connect provider that
//! logs users in ([`Ias::user_token`]) and publishes its keys the OIDC way
//! (`/.well-known/openid-configuration` → `jwks_uri` `/oauth2/certs`). Its tokens are
//! RS256 JWTs with IAS's claims (`iss`, `aud` the app's client id, `app_tid`, `azp`,
//! `user_uuid`), signed with a key of its own. [`crate::xsuaa::Xsuaa::trust_identity`]
//! makes the XSUAA stand-in accept them for the jwt-bearer grant.

use crate::http::{self, Request, Response};
use crate::jwt::{now, Refused, Signer};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

struct State {
    signer: Signer,
    url: String,
    discovery_requests: AtomicU64,
    key_requests: AtomicU64,
    serial: AtomicU64,
}

/// A running IAS stand-in. Cheap to clone.
#[derive(Clone)]
pub struct Ias {
    state: Arc<State>,
}

impl std::fmt::Debug for Ias {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ias").field("url", &self.state.url).finish()
    }
}

impl Ias {
    /// Starts it on a loopback port (on the current tokio runtime).
    pub async fn start() -> std::io::Result<Self> {
        let state = http::serve_with(
            |addr| State {
                signer: Signer::ias(),
                url: format!("http://{addr}"),
                discovery_requests: Default::default(),
                key_requests: Default::default(),
                serial: Default::default(),
            },
            |state, request| async move { handle(&state, &request) },
        )
        .await?;
        Ok(Ias { state })
    }

    /// The issuer (`credentials.url` of an `identity` binding).
    pub fn url(&self) -> &str {
        &self.state.url
    }

    /// An `identity` binding for the app whose client is `client_id`, as in
    /// `VCAP_SERVICES`.
    pub fn binding(&self, name: &str, client_id: &str) -> Value {
        let host = self.state.url.trim_start_matches("http://").split(':').next().unwrap_or_default().to_owned();
        json!({
            "name": name, "label": "identity", "plan": "application", "tags": ["ias"],
            "credentials": {
                "clientid": client_id, "clientsecret": "sandbox-ias-secret", "url": self.state.url,
                "domains": [host], "app_tid": crate::xsuaa::PROVIDER_ZONE, "credential-type": "SECRET"
            }
        })
    }

    /// Logs `user` in for the app whose client is `client_id`, in tenant `app_tid`:
    /// the user's ID token as an app receives it (valid for an hour).
    pub fn user_token(&self, user: &str, app_tid: &str, client_id: &str) -> String {
        let now = now();
        let serial = self.state.serial.fetch_add(1, Ordering::Relaxed);
        let claims = json!({
            "iss": self.state.url, "sub": format!("ias-{user}"), "user_uuid": format!("ias-{user}"),
            "email": format!("{user}@sandbox.example"), "given_name": user, "family_name": "Sandbox",
            "aud": [client_id], "azp": client_id, "app_tid": app_tid, "zone_uuid": app_tid,
            "sid": format!("s-{serial}"), "jti": format!("ias-{user}-{now}-{serial}"), "iat": now, "exp": now + 3600,
        });
        self.sign(&claims)
    }

    /// Signs `claims` with this stand-in's key (tests forge tokens with it).
    pub fn sign(&self, claims: &Value) -> String {
        self.state
            .signer
            .sign_with_header(&json!({"alg": "RS256", "typ": "JWT", "kid": crate::jwt::IAS_KEY_ID}), claims)
    }

    /// The claims of a valid token this stand-in issued.
    pub fn verify(&self, token: &str) -> Result<Value, Refused> {
        let claims = self.state.signer.verify(token, None)?;
        if claims["iss"].as_str() != Some(self.state.url.as_str()) {
            return Err(Refused("another issuer".into()));
        }
        Ok(claims)
    }

    /// The claims of a valid token this stand-in issued, as XSUAA maps an IAS user
    /// when it exchanges the token: `user_name` (the e-mail), `zid` (the `app_tid`),
    /// `origin` (the identity provider).
    pub(crate) fn verify_as_xsuaa_user(&self, token: &str) -> Result<Value, Refused> {
        let mut claims = self.verify(token)?;
        claims["user_name"] = claims["email"].clone();
        claims["user_id"] = claims["user_uuid"].clone();
        claims["origin"] = json!("sap.custom");
        claims["zid"] = claims["app_tid"].clone();
        Ok(claims)
    }

    /// How many OpenID configurations and key sets were served.
    pub fn requests(&self) -> (u64, u64) {
        (self.state.discovery_requests.load(Ordering::Relaxed), self.state.key_requests.load(Ordering::Relaxed))
    }
}

fn handle(state: &State, request: &Request) -> Response {
    match (request.method.as_str(), request.path()) {
        ("GET", "/.well-known/openid-configuration") => {
            state.discovery_requests.fetch_add(1, Ordering::Relaxed);
            http::json(
                200,
                &json!({
                    "issuer": state.url, "jwks_uri": format!("{}/oauth2/certs", state.url),
                    "token_endpoint": format!("{}/oauth2/token", state.url),
                    "id_token_signing_alg_values_supported": ["RS256"],
                }),
            )
        }
        ("GET", "/oauth2/certs") => {
            state.key_requests.fetch_add(1, Ordering::Relaxed);
            // IAS wants to know who asks.
            if request.header("x-client_id").is_none() {
                return http::json(400, &json!({"error": "x-client_id is required"}));
            }
            http::json(200, &json!({"keys": [state.signer.jwk()]}))
        }
        _ => http::json(404, &json!({"error": "not_found"})),
    }
}
