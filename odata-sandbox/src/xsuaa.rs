//! The XSUAA stand-in: `POST /oauth/token` for the `client_credentials` and jwt-bearer
//! grants (HTTP Basic or form client authentication with a secret, the tenant from
//! `X-zid`), and `GET /token_keys`. A second, HTTPS port is the `certurl` of X.509
//! bindings: there the client authenticates with its certificate (mutual TLS, sandbox
//! CA: [`crate::tls`]) and sends no secret. Tokens are RS256 JWTs with XSUAA's claims (`sap-facts.md` 2.3).
//! Users "log in" through [`Xsuaa::user_token`].

use crate::faults::{Fault, FaultSlot};
use crate::http::{self, lock, Request, Response};
use crate::jwt::{now, Refused, Signer};
use base64::Engine;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// The provider tenant's zone id and subdomain.
pub const PROVIDER_ZONE: &str = "sandbox-provider";

/// The UAA domain of [`Xsuaa::tenant_binding`]: each tenant's token endpoint is
/// `http://<subdomain>.authentication.sandbox.localhost:<port>` (as XSUAA serves
/// `<subdomain>.authentication.<region>.hana.ondemand.com`). No DNS knows these names:
/// a client pins them to [`Xsuaa::address`] (`XsuaaBuilder::resolve`). In the sandbox
/// a tenant's subdomain is its zone id.
pub const UAA_DOMAIN: &str = "authentication.sandbox.localhost";

/// One token request as the stand-in saw it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenRequest {
    /// `client_credentials` or `urn:ietf:params:oauth:grant-type:jwt-bearer`.
    pub grant: String,
    /// The OAuth client.
    pub client_id: String,
    /// The user of a jwt-bearer assertion.
    pub user: Option<String>,
    /// The tenant the token was issued for.
    pub zone: String,
    /// How the client proved who it is.
    pub client_authentication: ClientAuthentication,
    /// The `Host` the request was sent to (a tenant host names the tenant).
    pub host: String,
}

/// How a client authenticated at the token endpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClientAuthentication {
    /// With its secret (HTTP Basic or form fields), at `url`.
    Secret,
    /// With its X.509 certificate (mutual TLS), at `certurl`.
    Certificate,
}

struct State {
    signer: Signer,
    url: String,
    /// The mTLS token endpoint, once started.
    cert_url: std::sync::OnceLock<String>,
    clients: Mutex<HashMap<String, String>>,
    /// Clients that authenticate with a certificate: the certificate's DER.
    certificate_clients: Mutex<HashMap<String, Vec<u8>>>,
    lifetime: Mutex<u64>,
    fault: FaultSlot,
    seen: Mutex<Vec<TokenRequest>>,
    /// Makes every `jti` (and so every token) unique.
    serial: std::sync::atomic::AtomicU64,
    /// `GET /token_keys` requests answered.
    key_requests: std::sync::atomic::AtomicU64,
    /// Identity services whose users' tokens the jwt-bearer grant accepts (trust
    /// configured to SAP Cloud Identity Services).
    trusted: Mutex<Vec<crate::ias::Ias>>,
}

/// A running XSUAA stand-in. Cheap to clone.
#[derive(Clone)]
pub struct Xsuaa {
    state: Arc<State>,
}

impl std::fmt::Debug for Xsuaa {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Xsuaa").field("url", &self.state.url).finish()
    }
}

impl Xsuaa {
    /// Starts it on a loopback port (on the current tokio runtime).
    pub async fn start() -> std::io::Result<Self> {
        let state = http::serve_with(
            |addr| State {
                signer: Signer::sandbox(),
                url: format!("http://{addr}"),
                cert_url: Default::default(),
                clients: Mutex::new(HashMap::new()),
                certificate_clients: Mutex::new(HashMap::new()),
                lifetime: Mutex::new(3600),
                fault: FaultSlot::default(),
                seen: Mutex::new(Vec::new()),
                serial: Default::default(),
                key_requests: Default::default(),
                trusted: Mutex::new(Vec::new()),
            },
            |state, request| async move { handle(&state, request, ClientAuthentication::Secret).await },
        )
        .await?;
        let for_certificates = state.clone();
        let addr = http::serve_tls(crate::tls::server_config(), move |request| {
            let state = for_certificates.clone();
            async move { handle(&state, request, ClientAuthentication::Certificate).await }
        })
        .await?;
        let _ = state.cert_url.set(format!("https://{addr}"));
        Ok(Xsuaa { state })
    }

    /// The mTLS authentication URL (`credentials.certurl` of an X.509 binding), served
    /// with a certificate of the sandbox CA ([`crate::tls::CA_PEM`]).
    pub fn cert_url(&self) -> &str {
        self.state.cert_url.get().map(String::as_str).unwrap_or("")
    }

    /// Accepts `client_id` at the `certurl` when it presents `certificate_pem` (issued
    /// by the sandbox CA) from now on.
    pub fn register_certificate_client(&self, client_id: &str, certificate_pem: &str) {
        if let Some(der) = crate::tls::certificate_der(certificate_pem) {
            lock(&self.state.certificate_clients).insert(client_id.to_owned(), der);
        }
    }

    /// An `xsuaa` binding with `credential-type` `x509` for `client_id`, which from
    /// now on authenticates with the sandbox's X.509 client certificate
    /// ([`crate::tls::X509_CLIENT_CERTIFICATE_PEM`]) at [`Xsuaa::cert_url`]; the
    /// binding carries the certificate and its key, and no secret.
    pub fn x509_binding(&self, name: &str, client_id: &str) -> Value {
        use crate::tls::{X509_CLIENT_CERTIFICATE_PEM, X509_CLIENT_KEY_PEM};
        self.register_certificate_client(client_id, X509_CLIENT_CERTIFICATE_PEM);
        json!({
            "name": name, "label": "xsuaa", "plan": "application", "tags": ["xsuaa"],
            "credentials": {
                "clientid": client_id, "url": self.state.url, "certurl": self.cert_url(),
                "certificate": X509_CLIENT_CERTIFICATE_PEM, "key": X509_CLIENT_KEY_PEM,
                "xsappname": client_id.trim_start_matches("sb-"), "identityzone": PROVIDER_ZONE,
                "identityzoneid": PROVIDER_ZONE, "tenantid": PROVIDER_ZONE, "credential-type": "x509"
            }
        })
    }

    /// An `xsuaa` binding for a registered client whose `url` is the provider tenant's
    /// host on [`UAA_DOMAIN`] and which names `uaadomain`, so that subscribers' tokens
    /// are fetched from their own tenant hosts (`<subdomain>.`[`UAA_DOMAIN`]), as on BTP.
    pub fn tenant_binding(&self, name: &str, client_id: &str) -> Value {
        let mut binding = self.binding(name, client_id);
        binding["credentials"]["url"] = Value::String(self.tenant_url(PROVIDER_ZONE));
        binding["credentials"]["uaadomain"] = Value::String(UAA_DOMAIN.to_owned());
        binding
    }

    /// The authentication URL of tenant `subdomain` on [`UAA_DOMAIN`].
    pub fn tenant_url(&self, subdomain: &str) -> String {
        format!("http://{}:{}", Self::tenant_host(subdomain), self.address().port())
    }

    /// `<subdomain>.`[`UAA_DOMAIN`].
    pub fn tenant_host(subdomain: &str) -> String {
        format!("{subdomain}.{UAA_DOMAIN}")
    }

    /// The loopback address the token endpoint listens on.
    pub fn address(&self) -> std::net::SocketAddr {
        self.state.url.trim_start_matches("http://").parse().expect("the stand-in listens on an address")
    }

    /// The authentication URL (`credentials.url` of a binding).
    pub fn url(&self) -> &str {
        &self.state.url
    }

    /// Accepts `client_id` with `secret` from now on.
    pub fn register_client(&self, client_id: &str, secret: &str) {
        lock(&self.state.clients).insert(client_id.to_owned(), secret.to_owned());
    }

    /// An `xsuaa` binding for a registered client, as it appears in `VCAP_SERVICES`.
    pub fn binding(&self, name: &str, client_id: &str) -> Value {
        let secret = lock(&self.state.clients).get(client_id).cloned().unwrap_or_default();
        json!({
            "name": name, "label": "xsuaa", "plan": "application", "tags": ["xsuaa"],
            "credentials": {
                "clientid": client_id, "clientsecret": secret, "url": self.state.url,
                "xsappname": client_id.trim_start_matches("sb-"), "identityzone": PROVIDER_ZONE,
                "identityzoneid": PROVIDER_ZONE, "tenantid": PROVIDER_ZONE, "credential-type": "binding-secret"
            }
        })
    }

    /// Logs `user` in to tenant `zone`: the user's access token, as an app receives it
    /// from the approuter (valid for the configured lifetime), issued to the approuter's
    /// own client `sb-approuter` with scope `openid` only.
    pub fn user_token(&self, user: &str, zone: &str) -> String {
        self.user_token_for(user, zone, "sb-approuter", &[])
    }

    /// Logs `user` in to tenant `zone` through the approuter of the app whose client is
    /// `client_id` (`xsappname` is the client id without `sb-`), holding the app's local
    /// `scopes` (`Display` becomes `<xsappname>.Display`): the token the approuter
    /// forwards to the app.
    pub fn user_token_for(&self, user: &str, zone: &str, client_id: &str, scopes: &[&str]) -> String {
        let now = now();
        let lifetime = *lock(&self.state.lifetime);
        let serial = self.state.serial.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let xsappname = client_id.trim_start_matches("sb-");
        let mut granted = vec!["openid".to_owned()];
        granted.extend(scopes.iter().map(|s| format!("{xsappname}.{s}")));
        let claims = json!({
            "jti": format!("{user}-{now}-{serial}"), "sub": format!("user-{user}"), "user_name": user, "user_id": format!("user-{user}"),
            "origin": "sandbox", "email": format!("{user}@sandbox.example"), "given_name": user, "family_name": "Sandbox",
            "zid": zone, "ext_attr": {"enhancer": "XSUAA", "zdn": zone},
            "client_id": client_id, "cid": client_id, "azp": client_id, "aud": [client_id],
            "grant_type": "authorization_code", "scope": granted,
            "iss": format!("{}/oauth/token", self.state.url), "iat": now, "exp": now + lifetime,
        });
        self.state.signer.sign(&claims, &format!("{}/token_keys", self.state.url))
    }

    /// Signs `claims` with this stand-in's key, under `header` (tests forge tokens
    /// with it: a `jku` elsewhere, an `alg` that lies).
    pub fn sign_with_header(&self, header: &Value, claims: &Value) -> String {
        self.state.signer.sign_with_header(header, claims)
    }

    /// The URL of this stand-in's key set (`jku` of its tokens).
    pub fn keys_url(&self) -> String {
        format!("{}/token_keys", self.state.url)
    }

    /// How many `GET /token_keys` requests were answered.
    pub fn key_requests(&self) -> u64 {
        self.state.key_requests.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// From now on accepts tokens `ias` issued as jwt-bearer assertions (trust to SAP
    /// Cloud Identity Services, as a subaccount configures it): the exchanged token
    /// carries the IAS user, in the tenant of its `app_tid`.
    pub fn trust_identity(&self, ias: &crate::ias::Ias) {
        lock(&self.state.trusted).push(ias.clone());
    }

    /// A token for `client_id` in `zone`, in the name of `user` (a token this stand-in
    /// issued) when given: what the destination service hands out as auth tokens.
    /// Returns the token and its lifetime in seconds.
    pub fn issue(&self, client_id: &str, user: Option<&str>, zone: &str) -> Result<(String, u64), Refused> {
        let user = user.map(|u| self.verify(u)).transpose()?;
        let grant = if user.is_some() { "urn:ietf:params:oauth:grant-type:jwt-bearer" } else { "client_credentials" };
        let (token, expires_in, _) = mint(&self.state, client_id, grant, user.as_ref(), zone);
        Ok((token, expires_in))
    }

    /// The claims of a token this stand-in issued, if it is valid.
    pub fn verify(&self, token: &str) -> Result<Value, Refused> {
        self.state.signer.verify(token, None)
    }

    /// The claims of a valid token issued for `audience` (a client id).
    pub fn verify_for(&self, token: &str, audience: &str) -> Result<Value, Refused> {
        self.state.signer.verify(token, Some(audience))
    }

    /// How long new tokens live, in seconds (default 3600).
    pub fn set_token_lifetime(&self, seconds: u64) {
        *lock(&self.state.lifetime) = seconds;
    }

    /// Makes the token endpoint misbehave (or, with `None`, behave again).
    pub fn set_fault(&self, fault: Option<Fault>) {
        self.state.fault.set(fault);
    }

    /// Every token request answered with a token so far.
    pub fn token_requests(&self) -> Vec<TokenRequest> {
        lock(&self.state.seen).clone()
    }
}

fn oauth_error(status: u16, error: &str, description: &str) -> Response {
    http::json(status, &json!({"error": error, "error_description": description}))
}

async fn handle(state: &State, request: Request, by: ClientAuthentication) -> Response {
    match (request.method.as_str(), request.path()) {
        ("GET", "/token_keys") => {
            state.key_requests.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            http::json(200, &json!({"keys": [state.signer.jwk()]}))
        }
        ("POST", "/oauth/token") => {
            if let Some(response) = state
                .fault
                .act("application/json", |status| oauth_error(status, "server_error", "injected fault"))
                .await
            {
                return response;
            }
            token(state, &request, by)
        }
        _ => http::json(404, &json!({"error": "not_found"})),
    }
}

fn token(state: &State, request: &Request, by: ClientAuthentication) -> Response {
    let form: HashMap<String, String> = http::form(&request.body).into_iter().collect();
    let client_id = match by {
        ClientAuthentication::Secret => {
            let (client_id, secret) = match basic_auth(request) {
                Some(pair) => pair,
                None => (
                    form.get("client_id").cloned().unwrap_or_default(),
                    form.get("client_secret").cloned().unwrap_or_default(),
                ),
            };
            if lock(&state.clients).get(&client_id).is_none_or(|s| *s != secret) {
                return oauth_error(401, "unauthorized", "Bad credentials");
            }
            client_id
        }
        ClientAuthentication::Certificate => {
            let client_id = form.get("client_id").cloned().unwrap_or_default();
            let Some(presented) = &request.client_certificate else {
                return oauth_error(401, "unauthorized", "no client certificate was presented");
            };
            if lock(&state.certificate_clients).get(&client_id).is_none_or(|der| der[..] != presented[..]) {
                return oauth_error(
                    401,
                    "unauthorized",
                    &format!("the client certificate is not registered for client {client_id:?}"),
                );
            }
            client_id
        }
    };
    // A tenant host (`<subdomain>.UAA_DOMAIN`) names the tenant, as `X-zid` does.
    let host_zone = request
        .header("host")
        .map(|h| h.rsplit_once(':').map_or(h, |(name, _)| name))
        .and_then(|name| name.strip_suffix(UAA_DOMAIN)?.strip_suffix('.').map(str::to_owned));
    let zone_header = match (request.header("x-zid").map(str::to_owned), host_zone) {
        (Some(z), Some(h)) if z != h => return oauth_error(400, "invalid_request", "X-zid is not the host's tenant"),
        (z, h) => z.or(h),
    };
    let grant = form.get("grant_type").map(String::as_str).unwrap_or("");
    let (user, zone) = match grant {
        "client_credentials" => (None, zone_header.unwrap_or_else(|| PROVIDER_ZONE.to_owned())),
        "urn:ietf:params:oauth:grant-type:jwt-bearer" => {
            let Some(assertion) = form.get("assertion") else {
                return oauth_error(400, "invalid_request", "Missing assertion");
            };
            let trusted = lock(&state.trusted).clone();
            let verified = state.signer.verify(assertion, None).or_else(|refused| {
                trusted.iter().find_map(|ias| ias.verify_as_xsuaa_user(assertion).ok()).ok_or(refused)
            });
            let user = match verified {
                Ok(user) => user,
                Err(Refused(why)) => return oauth_error(401, "invalid_token", &format!("assertion refused: {why}")),
            };
            let zone = user["zid"].as_str().unwrap_or(PROVIDER_ZONE).to_owned();
            if zone_header.as_deref().is_some_and(|z| z != zone) {
                return oauth_error(400, "invalid_grant", "the assertion is not of this tenant");
            }
            (Some(user), zone)
        }
        other => return oauth_error(400, "unsupported_grant_type", &format!("grant type {other:?} is not supported")),
    };
    let (token, expires_in, jti) = mint(state, &client_id, grant, user.as_ref(), &zone);
    let user_name = user.as_ref().and_then(|u| u["user_name"].as_str()).map(str::to_owned);
    lock(&state.seen).push(TokenRequest {
        grant: grant.to_owned(),
        client_id,
        user: user_name,
        zone,
        client_authentication: by,
        host: request.header("host").unwrap_or_default().to_owned(),
    });
    http::json(200, &json!({"access_token": token, "token_type": "bearer", "expires_in": expires_in, "jti": jti}))
}

/// A signed token for `client_id` in `zone`, for `user` (the claims of a verified user
/// token) when given: the token, its lifetime in seconds and its `jti`.
fn mint(state: &State, client_id: &str, grant: &str, user: Option<&Value>, zone: &str) -> (String, u64, String) {
    let now = now();
    let lifetime = *lock(&state.lifetime);
    let serial = state.serial.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let jti = format!("{client_id}-{now}-{serial}");
    let mut claims = json!({
        "jti": jti, "client_id": client_id, "cid": client_id, "azp": client_id, "sub": client_id,
        "aud": [client_id], "grant_type": grant, "scope": ["uaa.resource"],
        "iss": format!("{}/oauth/token", state.url), "iat": now, "exp": now + lifetime,
        "zid": zone, "ext_attr": {"enhancer": "XSUAA", "zdn": zone},
    });
    if let Some(user) = user {
        for claim in ["sub", "user_name", "user_id", "origin", "email", "given_name", "family_name"] {
            claims[claim] = user[claim].clone();
        }
        // Never valid beyond the user's own token.
        let user_exp = user["exp"].as_u64().unwrap_or(now);
        claims["exp"] = json!(user_exp.min(now + lifetime));
    }
    let expires_in = claims["exp"].as_u64().unwrap_or(now).saturating_sub(now);
    (state.signer.sign(&claims, &format!("{}/token_keys", state.url)), expires_in, jti)
}

fn basic_auth(request: &Request) -> Option<(String, String)> {
    let value = request.header("authorization")?.strip_prefix("Basic ")?;
    let decoded = base64::engine::general_purpose::STANDARD.decode(value.trim()).ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (id, secret) = text.split_once(':')?;
    Some((id.to_owned(), secret.to_owned()))
}
