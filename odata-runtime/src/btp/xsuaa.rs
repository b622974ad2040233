//! OAuth tokens from XSUAA: client credentials (the app itself) and jwt-bearer (a
//! user's token exchanged, for principal propagation), for the provider tenant or a
//! subscriber's. The client authenticates with its secret (HTTP Basic, at `url`) or,
//! in bindings with `credential-type` `x509`, with its certificate over mutual TLS (at
//! `certurl`, no secret sent).
//!
//! Tokens are cached per (token endpoint, client, grant, tenant, user) until shortly
//! before they expire (and never beyond the user token's own expiry); however many
//! callers ask at once, one request per key goes out and the others wait for it.
//!
//! ```no_run
//! # async fn demo() -> Result<(), odata_runtime::Error> {
//! use odata_runtime::btp::{bindings::Bindings, xsuaa::Xsuaa};
//!
//! let xsuaa = Xsuaa::from_binding(Bindings::from_env()?.find("xsuaa")?)?;
//! let client = odata_runtime::Client::builder("https://s4.example/sap/opu/odata/sap/API_BUSINESS_PARTNER")
//!     .auth_provider(std::sync::Arc::new(xsuaa.client_credentials()))
//!     .build()?;
//! # Ok(()) }
//! ```

use super::bindings::ServiceBinding;
use super::UserToken;
use crate::auth::{AuthFuture, AuthProvider, Secret, Tenant, UserExchange};
use crate::client::http::{Tls, TlsError};
use crate::error::with_sources;
use crate::Error;
use futures_util::future::{BoxFuture, FutureExt, Shared};
use std::collections::HashMap;
use std::fmt;
use std::hash::BuildHasher;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// What an XSUAA binding provides for fetching tokens.
#[derive(Clone, Debug)]
pub struct XsuaaCredentials {
    /// `url`: the provider tenant's authentication URL.
    pub url: String,
    /// `clientid`.
    pub client_id: String,
    /// How the client proves who it is.
    pub authentication: ClientAuthentication,
    /// `uaadomain`, to address a subscriber tenant by its subdomain.
    pub uaa_domain: Option<String>,
}

/// How an OAuth client authenticates at XSUAA.
#[derive(Clone, Debug)]
pub enum ClientAuthentication {
    /// `clientsecret`, sent as HTTP Basic to `url` (`credential-type` `binding-secret`
    /// or `instance-secret`).
    Secret(Secret),
    /// An X.509 client certificate (`credential-type` `x509`): token requests go to
    /// `certurl` over mutual TLS and carry no secret.
    Certificate(ClientCertificate),
}

/// An X.509 client certificate for mutual TLS at XSUAA's `certurl`.
#[derive(Clone)]
pub struct ClientCertificate {
    /// `certurl`: the authentication URL that asks for client certificates.
    pub cert_url: String,
    /// `certificate`: the PEM chain, the client's own certificate first.
    pub certificate: String,
    /// `key`: the PEM private key (PKCS#1, PKCS#8 or SEC1).
    pub key: Secret,
}

impl fmt::Debug for ClientCertificate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCertificate").field("cert_url", &self.cert_url).field("key", &"***").finish()
    }
}

impl XsuaaCredentials {
    /// From an `xsuaa` binding: `url`, `clientid`, `uaadomain`, and `clientsecret` or,
    /// when `credential-type` is `x509` (or one of `X509_GENERATED`, `X509_PROVIDED`,
    /// `X509_ATTESTED`), `certurl`, `certificate` and `key`.
    ///
    /// ```
    /// use odata_runtime::btp::bindings::Bindings;
    /// use odata_runtime::btp::xsuaa::{ClientAuthentication, XsuaaCredentials};
    ///
    /// let vcap = r#"{"xsuaa":[{"name":"uaa","label":"xsuaa","credentials":{
    ///     "clientid":"sb-app!t1","url":"https://sub.authentication.eu10.hana.ondemand.com",
    ///     "credential-type":"x509","certurl":"https://sub.authentication.cert.eu10.hana.ondemand.com",
    ///     "certificate":"-----BEGIN CERTIFICATE-----\\n…","key":"-----BEGIN RSA PRIVATE KEY-----\\n…"}}]}"#;
    /// let bindings = Bindings::from_vcap_services(vcap).unwrap();
    /// let credentials = XsuaaCredentials::from_binding(bindings.find("xsuaa").unwrap()).unwrap();
    /// let ClientAuthentication::Certificate(certificate) = &credentials.authentication else { panic!() };
    /// assert_eq!(certificate.cert_url, "https://sub.authentication.cert.eu10.hana.ondemand.com");
    /// assert!(!format!("{credentials:?}").contains("PRIVATE KEY"));
    /// ```
    pub fn from_binding(binding: &ServiceBinding) -> Result<Self, Error> {
        Self::from_binding_at(binding, binding.credential("url")?)
    }

    /// Like [`XsuaaCredentials::from_binding`], for services whose token URL is under
    /// another key (`connectivity`: `token_service_url`).
    pub(crate) fn from_binding_at(binding: &ServiceBinding, url: String) -> Result<Self, Error> {
        let kind = binding.optional_credential("credential-type").unwrap_or_default();
        let authentication = if kind.eq_ignore_ascii_case("x509") || kind.starts_with("X509_") {
            ClientAuthentication::Certificate(ClientCertificate {
                cert_url: binding.credential("certurl")?,
                certificate: binding.credential("certificate")?,
                key: Secret::new(binding.credential("key")?),
            })
        } else {
            ClientAuthentication::Secret(Secret::new(binding.credential("clientsecret")?))
        };
        Ok(XsuaaCredentials {
            url,
            client_id: binding.credential("clientid")?,
            authentication,
            uaa_domain: binding
                .optional_credential("uaadomain")
                .or_else(|| binding.optional_credential("token_service_domain")),
        })
    }

    /// The URL token requests go to (`certurl` with a certificate).
    fn token_base(&self) -> &str {
        match &self.authentication {
            ClientAuthentication::Secret(_) => &self.url,
            ClientAuthentication::Certificate(c) => &c.cert_url,
        }
    }

    /// Secrets go only over https (loopback excepted, for local stand-ins); mutual TLS
    /// needs TLS everywhere.
    fn check(&self, allow_http: bool) -> Result<(), Error> {
        let fail = |message: String| Error::Binding { service: "xsuaa".into(), message };
        super::check_https(&self.url, allow_http).map_err(|why| {
            fail(format!("credentials.url {why} (XsuaaBuilder::allow_insecure_http allows it for a test landscape)"))
        })?;
        if let ClientAuthentication::Certificate(c) = &self.authentication {
            let cert_url = reqwest::Url::parse(&c.cert_url).map_err(|e| fail(format!("credentials.certurl: {e}")))?;
            if cert_url.scheme() != "https" {
                return Err(fail(format!(
                    "credentials.certurl must be https (a client certificate needs TLS), not {}",
                    cert_url.scheme()
                )));
            }
        }
        Ok(())
    }
}

/// Options for an [`Xsuaa`] token client beyond its credentials.
///
/// ```no_run
/// # fn demo(credentials: odata_runtime::btp::xsuaa::XsuaaCredentials, ca_pem: &str) -> Result<(), odata_runtime::Error> {
/// use odata_runtime::btp::xsuaa::Xsuaa;
///
/// // A token endpoint whose certificate a private CA issued (a test landscape):
/// let xsuaa = Xsuaa::builder(credentials).root_certificate_pem(ca_pem).build()?;
/// # Ok(()) }
/// ```
#[derive(Debug)]
#[must_use]
pub struct XsuaaBuilder {
    credentials: XsuaaCredentials,
    roots: Vec<String>,
    allow_http: bool,
    timeout: Duration,
    resolve: Vec<(String, std::net::SocketAddr)>,
    max_answer: u64,
}

impl XsuaaBuilder {
    /// Also trusts the CA certificates in `pem` for the token endpoint (besides the
    /// platform's roots).
    pub fn root_certificate_pem(mut self, pem: &str) -> Self {
        self.roots.push(pem.to_owned());
        self
    }

    /// How long the token endpoint may take to answer (default 30 s); a slower answer
    /// is an [`Error::Token`] that says it timed out.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The largest token answer read (default 1 MiB, far above any real one); a larger
    /// one is [`Error::TooLarge`].
    pub fn max_answer_size(mut self, bytes: u64) -> Self {
        self.max_answer = bytes;
        self
    }

    /// Sends token requests for `host` to `address` instead of looking the name up (as
    /// curl's `--resolve`): a test landscape whose tenant hosts
    /// (`<subdomain>.<uaadomain>`) no DNS knows, or a token host pinned to an address.
    /// Certificates are still checked against `host`.
    pub fn resolve(mut self, host: &str, address: std::net::SocketAddr) -> Self {
        self.resolve.push((host.to_owned(), address));
        self
    }

    /// Accepts a plain `http` token URL on any host, not only on loopback (a test
    /// landscape behind its own TLS terminator). The client secret and every token
    /// then cross the network unencrypted: never for a real XSUAA. A `certurl` must
    /// be https regardless.
    pub fn allow_insecure_http(mut self) -> Self {
        self.allow_http = true;
        self
    }

    /// The token client. Fails when a URL is not https (loopback excepted for `url`,
    /// or any host after [`XsuaaBuilder::allow_insecure_http`]),
    /// or a certificate, key or root is not valid PEM.
    pub fn build(self) -> Result<Xsuaa, Error> {
        let credentials = self.credentials;
        credentials.check(self.allow_http)?;
        let fail = |message: String| Error::Binding { service: "xsuaa".into(), message };
        let identity = match &credentials.authentication {
            ClientAuthentication::Secret(_) => None,
            ClientAuthentication::Certificate(c) => Some((c.certificate.as_str(), c.key.expose())),
        };
        let tls = Tls { identity, roots: &self.roots };
        let http = super::service_client_with(&tls, self.timeout, &self.resolve).map_err(|e| match e {
            super::ServiceClientError::Tls(TlsError::Root(why)) => fail(format!("root certificate: not PEM ({why})")),
            super::ServiceClientError::Tls(TlsError::Identity) => {
                fail("credentials.certificate and credentials.key are not a PEM certificate and private key".into())
            }
            other => Error::InvalidInput(other.to_string()),
        })?;
        Ok(Xsuaa {
            inner: Arc::new(Inner {
                credentials,
                http,
                cache: Mutex::new(HashMap::new()),
                users: Default::default(),
                requests: Default::default(),
                max_answer: self.max_answer,
            }),
        })
    }
}

/// An access token and when it expires.
#[derive(Clone)]
pub struct AccessToken {
    value: Secret,
    expires_at: SystemTime,
}

impl AccessToken {
    /// The token, for the one place that sends it.
    pub fn expose(&self) -> &str {
        self.value.expose()
    }

    /// When it stops being valid.
    pub fn expires_at(&self) -> SystemTime {
        self.expires_at
    }

    /// Whether it is still good for `margin`.
    fn fresh_for(&self, margin: Duration) -> bool {
        SystemTime::now() + margin < self.expires_at
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessToken").field("value", &"***").field("expires_at", &self.expires_at).finish()
    }
}

/// How a token is had.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Grant {
    /// `client_credentials`: the app itself.
    ClientCredentials,
    /// `urn:ietf:params:oauth:grant-type:jwt-bearer`: a user's token exchanged.
    JwtBearer,
}

impl Grant {
    fn as_str(self) -> &'static str {
        match self {
            Grant::ClientCredentials => "client_credentials",
            Grant::JwtBearer => "urn:ietf:params:oauth:grant-type:jwt-bearer",
        }
    }
}

#[derive(Clone, PartialEq, Eq, Hash)]
struct Key {
    endpoint: String,
    grant: Grant,
    /// The tenant (zone id), when not the provider's.
    zone: Option<String>,
    /// A keyed hash of the user token (never the token itself).
    user: Option<u64>,
}

type Fetch = Shared<BoxFuture<'static, Result<AccessToken, Error>>>;

enum Slot {
    Ready(AccessToken),
    Fetching(Fetch),
}

struct Inner {
    credentials: XsuaaCredentials,
    http: reqwest::Client,
    cache: Mutex<HashMap<Key, Slot>>,
    users: std::collections::hash_map::RandomState,
    requests: std::sync::atomic::AtomicU64,
    max_answer: u64,
}

/// An XSUAA token client with its cache. Cheap to clone; clones share the cache.
#[derive(Clone)]
pub struct Xsuaa {
    inner: Arc<Inner>,
}

impl fmt::Debug for Xsuaa {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Xsuaa").field("credentials", &self.inner.credentials).finish()
    }
}

/// Tokens are fetched again this long before they expire.
const REFRESH_MARGIN: Duration = Duration::from_secs(60);

impl Xsuaa {
    /// A token client for these credentials. The token URL must be `https`, except on
    /// loopback (a local stand-in such as the sandbox); a `certurl` always.
    pub fn new(credentials: XsuaaCredentials) -> Result<Self, Error> {
        Self::builder(credentials).build()
    }

    /// A builder, for options beyond the credentials (extra trusted roots).
    pub fn builder(credentials: XsuaaCredentials) -> XsuaaBuilder {
        XsuaaBuilder {
            credentials,
            roots: Vec::new(),
            allow_http: false,
            timeout: super::SERVICE_TIMEOUT,
            resolve: Vec::new(),
            max_answer: crate::client::body::DEFAULT_MAX_SMALL_BODY,
        }
    }

    /// A token client from an `xsuaa` binding (see [`XsuaaCredentials::from_binding`]).
    pub fn from_binding(binding: &ServiceBinding) -> Result<Self, Error> {
        Self::new(XsuaaCredentials::from_binding(binding)?)
    }

    /// How many token requests this client has sent (for tests and metrics).
    pub fn requests_sent(&self) -> u64 {
        self.inner.requests.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// A client-credentials token for the provider tenant.
    pub async fn client_credentials_token(&self) -> Result<AccessToken, Error> {
        self.token(Grant::ClientCredentials, None, None).await
    }

    /// A client-credentials token for the tenant of `user` (a subscriber).
    pub async fn client_credentials_token_for_tenant_of(&self, user: &UserToken) -> Result<AccessToken, Error> {
        self.client_credentials_token_in(&user.tenant()).await
    }

    /// A client-credentials token for `tenant` (a subscriber): from the tenant's host
    /// `<subdomain>.<uaadomain>` when the tenant names its subdomain and the binding
    /// its UAA domain, else from the binding's URL with `X-zid`.
    pub async fn client_credentials_token_in(&self, tenant: &Tenant) -> Result<AccessToken, Error> {
        self.token(Grant::ClientCredentials, Some(tenant.clone()), None).await
    }

    /// The user's token exchanged for one of this client (jwt-bearer), in the user's
    /// tenant: what principal propagation sends on.
    pub async fn exchange(&self, user: &UserToken) -> Result<AccessToken, Error> {
        self.token(Grant::JwtBearer, Some(user.tenant()), Some(user)).await
    }

    /// An [`AuthProvider`] sending this client's client-credentials token.
    pub fn client_credentials(&self) -> impl AuthProvider + Clone + fmt::Debug + 'static {
        XsuaaAuth { xsuaa: self.clone(), user: None }
    }

    /// An [`AuthProvider`] sending `user`'s exchanged token.
    pub fn user_exchange(&self, user: UserToken) -> impl AuthProvider + Clone + fmt::Debug + 'static {
        XsuaaAuth { xsuaa: self.clone(), user: Some(user) }
    }

    /// Drops the cached token for (grant, user), so the next call fetches a new one
    /// (after the backend refused it with `401`).
    pub fn invalidate(&self, grant: Grant, user: Option<&UserToken>) {
        self.drop_token(grant, user.map(UserToken::tenant).as_ref(), user);
    }

    /// [`Xsuaa::invalidate`] for a tenant that may not be the user's (a technical call
    /// in a subscriber's tenant).
    pub(crate) fn drop_token(&self, grant: Grant, tenant: Option<&Tenant>, user: Option<&UserToken>) {
        // A tenant that makes no endpoint never had a token to drop.
        if let Ok(key) = self.key(grant, tenant, user) {
            self.inner.cache.lock().unwrap_or_else(|p| p.into_inner()).remove(&key);
        }
    }

    fn key(&self, grant: Grant, tenant: Option<&Tenant>, user: Option<&UserToken>) -> Result<Key, Error> {
        let endpoint = self.endpoint(tenant)?;
        Ok(Key {
            endpoint: endpoint.url,
            grant,
            zone: tenant.and_then(|t| t.zone_id().map(str::to_owned)),
            user: (grant == Grant::JwtBearer).then(|| user.map(|u| self.inner.users.hash_one(u.expose()))).flatten(),
        })
    }

    /// The token endpoint for a tenant (a user's): the subscriber's subdomain on the UAA
    /// domain where both are known, else the binding's URL (with `X-zid` naming the
    /// tenant).
    ///
    /// A user's token is not verified here, so everything taken from it is checked
    /// before it can steer a request that carries the client's credentials: the
    /// subdomain must be one DNS label, the zone id a plain identifier, and the URL
    /// built from them must have exactly the host `<subdomain>.<uaadomain>` (or the
    /// certificate host), with the binding's scheme and port. Tenant routing never
    /// leaves the binding's UAA domain.
    fn endpoint(&self, tenant: Option<&Tenant>) -> Result<Endpoint, Error> {
        let c = &self.inner.credentials;
        let base = c.token_base().trim_end_matches('/');
        let provider = || format!("{base}/oauth/token");
        let Some(tenant) = tenant else { return Ok(Endpoint { url: provider(), zone_header: None }) };
        let zone = tenant.zone_id().map(checked_zone_id).transpose()?;
        let subdomain = tenant.subdomain().map(checked_subdomain).transpose()?;
        if let (Some(sub), Some(domain), Ok(url)) = (subdomain, &c.uaa_domain, reqwest::Url::parse(base)) {
            // `<tenant>.authentication.<region>…`, or `<tenant>.authentication.cert.<region>…`
            // for the mTLS host: the subscriber's subdomain replaces the first label.
            let domain = domain.to_ascii_lowercase();
            let cert_domain = domain.replacen("authentication.", "authentication.cert.", 1);
            let rest = url.host_str().and_then(|h| h.split_once('.')).map(|(_, rest)| rest.to_owned());
            if let Some(rest) = rest.filter(|r| *r == domain || *r == cert_domain) {
                let host = format!("{}.{rest}", sub.to_ascii_lowercase());
                let port = url.port().map(|p| format!(":{p}")).unwrap_or_default();
                let tenant_url = format!("{}://{host}{port}/oauth/token", url.scheme());
                let parsed = reqwest::Url::parse(&tenant_url).ok();
                let exact = parsed.as_ref().is_some_and(|t| {
                    t.host_str() == Some(host.as_str())
                        && t.scheme() == url.scheme()
                        && t.port() == url.port()
                        && t.path() == "/oauth/token"
                        && t.query().is_none()
                        && t.fragment().is_none()
                        && t.username().is_empty()
                        && t.password().is_none()
                });
                if !exact {
                    return Err(Error::InvalidInput(format!(
                        "the tenant does not make a token URL on host {host}: refused"
                    )));
                }
                return Ok(Endpoint { url: tenant_url, zone_header: None });
            }
        }
        Ok(Endpoint { url: provider(), zone_header: zone.map(str::to_owned) })
    }

    async fn token(
        &self,
        grant: Grant,
        tenant: Option<Tenant>,
        user: Option<&UserToken>,
    ) -> Result<AccessToken, Error> {
        if grant == Grant::JwtBearer && user.is_none() {
            return Err(Error::InvalidInput("a user token exchange needs the user's token".into()));
        }
        let key = self.key(grant, tenant.as_ref(), user)?;
        let fetch = {
            let mut cache = self.inner.cache.lock().unwrap_or_else(|p| p.into_inner());
            match cache.get(&key) {
                Some(Slot::Ready(token)) if token.fresh_for(REFRESH_MARGIN) => return Ok(token.clone()),
                Some(Slot::Fetching(fetch)) => fetch.clone(),
                _ => {
                    let fetch = self.clone().fetch(grant, tenant, user.cloned()).boxed().shared();
                    cache.insert(key.clone(), Slot::Fetching(fetch.clone()));
                    fetch
                }
            }
        };
        let result = fetch.await;
        let mut cache = self.inner.cache.lock().unwrap_or_else(|p| p.into_inner());
        if matches!(cache.get(&key), Some(Slot::Fetching(_))) {
            match &result {
                Ok(token) => {
                    cache.insert(key, Slot::Ready(token.clone()));
                }
                Err(_) => {
                    cache.remove(&key);
                }
            }
        }
        result
    }

    async fn fetch(self, grant: Grant, tenant: Option<Tenant>, user: Option<UserToken>) -> Result<AccessToken, Error> {
        let c = &self.inner.credentials;
        let Endpoint { url: endpoint, zone_header } = self.endpoint(tenant.as_ref())?;
        let fail = |status: Option<u16>, message: String| Error::Token { endpoint: endpoint.clone(), status, message };
        let mut form: Vec<(&str, &str)> = vec![("grant_type", grant.as_str()), ("client_id", &c.client_id)];
        if let (Grant::JwtBearer, Some(user)) = (grant, &user) {
            form.extend([("assertion", user.expose()), ("token_format", "jwt"), ("response_type", "token")]);
        }
        let mut request = self
            .inner
            .http
            .post(&endpoint)
            .header(reqwest::header::ACCEPT, "application/json")
            .header(reqwest::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(form_body(&form));
        // With a certificate the TLS handshake authenticates the client: no secret.
        if let ClientAuthentication::Secret(secret) = &c.authentication {
            request = request.basic_auth(&c.client_id, Some(secret.expose()));
        }
        if let Some(zone) = zone_header {
            request = request.header("X-zid", zone);
        }
        self.inner.requests.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let response = request.send().await.map_err(|e| {
            let why = if e.is_timeout() { "no answer in time".to_owned() } else { with_sources(&e) };
            fail(None, why)
        })?;
        let status = response.status().as_u16();
        let limit = self.inner.max_answer;
        let body = crate::client::body::read(response, limit).await.map_err(|e| {
            e.into_error(&endpoint, "token answer", limit, "XsuaaBuilder::max_answer_size", |e| {
                fail(Some(status), with_sources(&e))
            })
        })?;
        let answer = TokenAnswer::read(&body, status).map_err(|why| {
            // An endpoint may echo what it was sent: the secret (also as HTTP Basic), the
            // user's assertion.
            let mut sent = Vec::new();
            if let ClientAuthentication::Secret(secret) = &c.authentication {
                use base64::Engine;
                let pair = format!("{}:{}", c.client_id, secret.expose());
                sent.push(base64::engine::general_purpose::STANDARD.encode(&pair));
                sent.push(pair);
                sent.push(secret.expose().to_owned());
            }
            sent.extend(user.as_ref().map(|u| u.expose().to_owned()));
            fail(Some(status), crate::redact::echoed(&why, sent.iter().map(String::as_str)))
        })?;
        let value = answer.access_token;
        let expires_in = answer.expires_in;
        let now = SystemTime::now();
        // Five minutes when the server does not say (as SAP's SDKs assume).
        let mut expires_at = now + Duration::from_secs(expires_in.unwrap_or(300));
        if let Some(exp) = user.as_ref().and_then(UserToken::expires_at) {
            expires_at = expires_at.min(UNIX_EPOCH + Duration::from_secs(exp));
        }
        Ok(AccessToken { value: Secret::new(value), expires_at })
    }
}

/// What a token endpoint answered, read field by field: no part of the answer is ever
/// quoted in an error (it may hold the token itself), only which field is wrong.
struct TokenAnswer {
    access_token: String,
    expires_in: Option<u64>,
}

impl TokenAnswer {
    fn read(body: &[u8], status: u16) -> Result<Self, String> {
        let Ok(serde_json::Value::Object(answer)) = serde_json::from_slice::<serde_json::Value>(body) else {
            return Err(format!("the answer is not a token response (not a JSON object; {} bytes)", body.len()));
        };
        if status >= 400 {
            // OAuth's own words, with anything that looks like a credential masked.
            let said = ["error_description", "error"].iter().find_map(|k| answer.get(*k).and_then(|v| v.as_str()));
            return Err(said.map_or_else(|| "the answer has no error_description".to_owned(), crate::redact::text));
        }
        let access_token = match answer.get("access_token") {
            Some(serde_json::Value::String(token)) if !token.is_empty() => token.clone(),
            None | Some(serde_json::Value::Null) => return Err("the answer has no access_token".into()),
            Some(_) => return Err("the answer's access_token is not a non-empty string".into()),
        };
        let expires_in = match answer.get("expires_in") {
            None | Some(serde_json::Value::Null) => None,
            Some(serde_json::Value::Number(n)) => {
                Some(n.as_u64().ok_or("the answer's expires_in is not a whole number of seconds")?)
            }
            Some(_) => return Err("the answer's expires_in is not a number".into()),
        };
        Ok(TokenAnswer { access_token, expires_in })
    }
}

/// `application/x-www-form-urlencoded`: everything but unreserved characters escaped.
fn form_body(pairs: &[(&str, &str)]) -> String {
    let encode = |text: &str| {
        let mut out = String::with_capacity(text.len());
        for &b in text.as_bytes() {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
                out.push(b as char);
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
        out
    };
    pairs.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect::<Vec<_>>().join("&")
}

/// Where a token request goes.
struct Endpoint {
    url: String,
    /// `X-zid`: the tenant, when the URL does not name it.
    zone_header: Option<String>,
}

/// A subdomain from a user token (`ext_attr.zdn`), accepted only as one DNS label:
/// ASCII letters, digits and inner hyphens, 1 to 63 characters. Anything else could
/// move the token request (with the client's credentials) to another host.
fn checked_subdomain(subdomain: &str) -> Result<&str, Error> {
    let label = subdomain.as_bytes();
    let ok = (1..=63).contains(&label.len())
        && label.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-')
        && !subdomain.starts_with('-')
        && !subdomain.ends_with('-');
    if ok {
        Ok(subdomain)
    } else {
        Err(Error::InvalidInput(
            "the tenant's subdomain (a user token's ext_attr.zdn) is not a single DNS label (letters, digits, hyphens; \
             at most 63): no token is requested for it"
                .into(),
        ))
    }
}

/// A zone id from a user token (`zid`), sent as `X-zid`: a plain identifier (ASCII
/// letters, digits, `-`, `_`, `.`; 1 to 128 characters).
fn checked_zone_id(zone: &str) -> Result<&str, Error> {
    let ok = (1..=128).contains(&zone.len())
        && zone.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    if ok {
        Ok(zone)
    } else {
        Err(Error::InvalidInput(
            "the tenant's zone id (a user token's zid) is not a zone id (letters, digits, '-', '_', '.'; at most 128): \
             no token is requested for it"
                .into(),
        ))
    }
}

/// Sends XSUAA tokens as `Authorization: Bearer …` (see [`Xsuaa::client_credentials`]
/// and [`Xsuaa::user_exchange`]).
#[derive(Clone, Debug)]
struct XsuaaAuth {
    xsuaa: Xsuaa,
    user: Option<UserToken>,
}

impl AuthProvider for XsuaaAuth {
    fn authorization(&self) -> AuthFuture<'_> {
        Box::pin(async move {
            let token = match &self.user {
                None => self.xsuaa.client_credentials_token().await?,
                Some(user) => self.xsuaa.exchange(user).await?,
            };
            Ok(Some(Secret::new(format!("Bearer {}", token.expose()))))
        })
    }

    fn authorization_in<'a>(&'a self, tenant: &'a Tenant) -> AuthFuture<'a> {
        match &self.user {
            // A user's token is of the user's own tenant.
            Some(_) => self.authorization(),
            None => self.xsuaa.authorization_in(tenant),
        }
    }

    fn invalidate(&self) {
        let grant = if self.user.is_some() { Grant::JwtBearer } else { Grant::ClientCredentials };
        self.xsuaa.invalidate(grant, self.user.as_ref());
    }

    fn invalidate_in(&self, tenant: &Tenant) {
        match &self.user {
            Some(_) => self.invalidate(),
            None => self.xsuaa.drop_token(Grant::ClientCredentials, Some(tenant), None),
        }
    }
}

/// The application's own client-credentials token (what [`ClientBuilder::xsuaa`](crate::ClientBuilder::xsuaa) sends).
impl AuthProvider for Xsuaa {
    fn authorization(&self) -> AuthFuture<'_> {
        Box::pin(async move {
            let token = self.client_credentials_token().await?;
            Ok(Some(Secret::new(format!("Bearer {}", token.expose()))))
        })
    }

    fn authorization_in<'a>(&'a self, tenant: &'a Tenant) -> AuthFuture<'a> {
        Box::pin(async move {
            let token = self.client_credentials_token_in(tenant).await?;
            Ok(Some(Secret::new(format!("Bearer {}", token.expose()))))
        })
    }

    fn invalidate(&self) {
        Xsuaa::invalidate(self, Grant::ClientCredentials, None);
    }

    fn invalidate_in(&self, tenant: &Tenant) {
        self.drop_token(Grant::ClientCredentials, Some(tenant), None);
    }
}

/// A user's token exchanged with the jwt-bearer grant, in the user's tenant.
impl UserExchange for Xsuaa {
    fn authorization<'a>(&'a self, user: &'a UserToken) -> AuthFuture<'a> {
        Box::pin(async move {
            let token = self.exchange(user).await?;
            Ok(Some(Secret::new(format!("Bearer {}", token.expose()))))
        })
    }

    fn invalidate(&self, user: &UserToken) {
        Xsuaa::invalidate(self, Grant::JwtBearer, Some(user));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;

    fn user_of(subdomain: &str, zone: &str) -> UserToken {
        let claims = serde_json::json!({"zid": zone, "ext_attr": {"zdn": subdomain}, "exp": 4_000_000_000u64});
        let payload = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(claims.to_string());
        UserToken::parse(&format!("e30.{payload}.c2ln")).unwrap()
    }

    fn tenant_of(subdomain: &str, zone: &str) -> Tenant {
        user_of(subdomain, zone).tenant()
    }

    fn xsuaa(authentication: ClientAuthentication) -> Xsuaa {
        let credentials = XsuaaCredentials {
            url: "https://provider.authentication.eu10.hana.ondemand.com".into(),
            client_id: "sb-app!t1".into(),
            authentication,
            uaa_domain: Some("authentication.eu10.hana.ondemand.com".into()),
        };
        // The certificate is not used to build the endpoint; a client without it will do.
        let http = crate::btp::service_client().unwrap();
        Xsuaa {
            inner: Arc::new(Inner {
                credentials,
                http,
                cache: Mutex::new(HashMap::new()),
                users: Default::default(),
                requests: Default::default(),
                max_answer: crate::client::body::DEFAULT_MAX_SMALL_BODY,
            }),
        }
    }

    fn at(endpoint: Result<Endpoint, Error>) -> (String, Option<String>) {
        let endpoint = endpoint.unwrap();
        (endpoint.url, endpoint.zone_header)
    }

    #[test]
    fn subscriber_tenants_are_addressed_by_subdomain_on_the_secret_and_the_certificate_host() {
        let user = user_of("subscriber-a", "zone-a");
        let secret = xsuaa(ClientAuthentication::Secret(Secret::new("s")));
        assert_eq!(
            at(secret.endpoint(Some(&user.tenant()))),
            ("https://subscriber-a.authentication.eu10.hana.ondemand.com/oauth/token".to_owned(), None)
        );
        assert_eq!(
            at(secret.endpoint(None)),
            ("https://provider.authentication.eu10.hana.ondemand.com/oauth/token".to_owned(), None)
        );
        let certificate = xsuaa(ClientAuthentication::Certificate(ClientCertificate {
            cert_url: "https://provider.authentication.cert.eu10.hana.ondemand.com".into(),
            certificate: String::new(),
            key: Secret::new(""),
        }));
        assert_eq!(
            at(certificate.endpoint(Some(&user.tenant()))),
            ("https://subscriber-a.authentication.cert.eu10.hana.ondemand.com/oauth/token".to_owned(), None)
        );
        assert_eq!(
            at(certificate.endpoint(None)),
            ("https://provider.authentication.cert.eu10.hana.ondemand.com/oauth/token".to_owned(), None)
        );
    }

    #[test]
    fn a_subdomain_or_zone_that_is_not_one_plain_name_is_refused() {
        let secret = xsuaa(ClientAuthentication::Secret(Secret::new("s")));
        let long = "a".repeat(64);
        for forged in
            ["a/b", "a?x", "a#", "a@b", "a:1", "a.b", "..", &long, "", "ä", "a%2Fb", "-a", "a-", "a b", "a\\b"]
        {
            let e = secret.endpoint(Some(&tenant_of(forged, "zone-a"))).err();
            assert!(matches!(&e, Some(Error::InvalidInput(m)) if m.contains("single DNS label")), "{forged:?}: {e:?}");
        }
        for forged in ["a\r\nX-Evil: 1", "", "z/1", &"z".repeat(129)] {
            let e = secret.endpoint(Some(&tenant_of("sub", forged))).err();
            assert!(matches!(&e, Some(Error::InvalidInput(m)) if m.contains("zid")), "{forged:?}: {e:?}");
        }
        let edge = "a".repeat(63);
        assert_eq!(
            at(secret.endpoint(Some(&tenant_of(&edge, "zone-a")))).0,
            format!("https://{edge}.authentication.eu10.hana.ondemand.com/oauth/token")
        );
        assert_eq!(
            at(secret.endpoint(Some(&tenant_of("Sub-1", "zone-a")))).0,
            "https://sub-1.authentication.eu10.hana.ondemand.com/oauth/token"
        );
    }
}
