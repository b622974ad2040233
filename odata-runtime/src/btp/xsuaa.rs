//! OAuth tokens from XSUAA: client credentials (the app itself) and jwt-bearer (a
//! user's token exchanged, for principal propagation), for the provider tenant or a
//! subscriber's.
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
use crate::client::{AuthFuture, AuthProvider};
use crate::error::with_sources;
use crate::format::excerpt;
use crate::{Error, Secret};
use futures_util::future::{BoxFuture, FutureExt, Shared};
use serde::Deserialize;
use std::collections::HashMap;
use std::fmt;
use std::hash::BuildHasher;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// What an XSUAA binding provides for fetching tokens.
#[derive(Clone)]
pub struct XsuaaCredentials {
    /// `url`: the provider tenant's authentication URL.
    pub url: String,
    /// `clientid`.
    pub client_id: String,
    /// `clientsecret`.
    pub client_secret: Secret,
    /// `uaadomain`, to address a subscriber tenant by its subdomain.
    pub uaa_domain: Option<String>,
}

impl fmt::Debug for XsuaaCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("XsuaaCredentials")
            .field("url", &self.url)
            .field("client_id", &self.client_id)
            .field("client_secret", &"***")
            .finish()
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
    /// loopback (a local stand-in such as the sandbox).
    pub fn new(credentials: XsuaaCredentials) -> Result<Self, Error> {
        let url = reqwest::Url::parse(&credentials.url)
            .map_err(|e| Error::Binding { service: "xsuaa".into(), message: format!("credentials.url: {e}") })?;
        let host = url.host_str().unwrap_or("").trim_matches(['[', ']']);
        let loopback = host == "localhost" || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback());
        if url.scheme() != "https" && !loopback {
            return Err(Error::Binding {
                service: "xsuaa".into(),
                message: format!("credentials.url must be https (tokens and secrets go there), not {}", url.scheme()),
            });
        }
        let http = super::service_client()?;
        Ok(Xsuaa {
            inner: Arc::new(Inner {
                credentials,
                http,
                cache: Mutex::new(HashMap::new()),
                users: Default::default(),
                requests: Default::default(),
            }),
        })
    }

    /// A token client from an `xsuaa` binding (`url`, `clientid`, `clientsecret`,
    /// `uaadomain`).
    pub fn from_binding(binding: &ServiceBinding) -> Result<Self, Error> {
        Self::new(XsuaaCredentials {
            url: binding.credential("url")?,
            client_id: binding.credential("clientid")?,
            client_secret: Secret::new(binding.credential("clientsecret")?),
            uaa_domain: binding.optional_credential("uaadomain"),
        })
    }

    /// How many token requests this client has sent (for tests and metrics).
    pub fn requests_sent(&self) -> u64 {
        self.inner.requests.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// A client-credentials token for the provider tenant.
    pub async fn client_credentials_token(&self) -> Result<AccessToken, Error> {
        self.token(Grant::ClientCredentials, None).await
    }

    /// A client-credentials token for the tenant of `user` (a subscriber).
    pub async fn client_credentials_token_for_tenant_of(&self, user: &UserToken) -> Result<AccessToken, Error> {
        self.token(Grant::ClientCredentials, Some(user)).await
    }

    /// The user's token exchanged for one of this client (jwt-bearer), in the user's
    /// tenant: what principal propagation sends on.
    pub async fn exchange(&self, user: &UserToken) -> Result<AccessToken, Error> {
        self.token(Grant::JwtBearer, Some(user)).await
    }

    /// An [`AuthProvider`] sending this client's client-credentials token.
    pub fn client_credentials(&self) -> XsuaaAuth {
        XsuaaAuth { xsuaa: self.clone(), user: None }
    }

    /// An [`AuthProvider`] sending `user`'s exchanged token.
    pub fn user_exchange(&self, user: UserToken) -> XsuaaAuth {
        XsuaaAuth { xsuaa: self.clone(), user: Some(user) }
    }

    /// Drops the cached token for (grant, user), so the next call fetches a new one
    /// (after the backend refused it with `401`).
    pub fn invalidate(&self, grant: Grant, user: Option<&UserToken>) {
        let key = self.key(grant, user);
        self.inner.cache.lock().unwrap_or_else(|p| p.into_inner()).remove(&key);
    }

    fn key(&self, grant: Grant, user: Option<&UserToken>) -> Key {
        let (endpoint, _) = self.endpoint(user);
        Key {
            endpoint,
            grant,
            zone: user.and_then(|u| u.zone_id().map(str::to_owned)),
            user: (grant == Grant::JwtBearer).then(|| user.map(|u| self.inner.users.hash_one(u.expose()))).flatten(),
        }
    }

    /// The token endpoint for the user's tenant: the subscriber's subdomain on the UAA
    /// domain where both are known, else the binding's URL (with `X-zid` naming the
    /// tenant).
    fn endpoint(&self, user: Option<&UserToken>) -> (String, Option<String>) {
        let c = &self.inner.credentials;
        let base = c.url.trim_end_matches('/');
        if let (Some(user), Some(domain)) = (user, &c.uaa_domain) {
            if let (Some(sub), Ok(url)) = (user.subdomain(), reqwest::Url::parse(base)) {
                if url.host_str().is_some_and(|h| h.ends_with(domain.as_str())) {
                    return (format!("{}://{sub}.{domain}/oauth/token", url.scheme()), None);
                }
            }
        }
        (format!("{base}/oauth/token"), user.and_then(|u| u.zone_id().map(str::to_owned)))
    }

    async fn token(&self, grant: Grant, user: Option<&UserToken>) -> Result<AccessToken, Error> {
        if grant == Grant::JwtBearer && user.is_none() {
            return Err(Error::InvalidInput("a user token exchange needs the user's token".into()));
        }
        let key = self.key(grant, user);
        let fetch = {
            let mut cache = self.inner.cache.lock().unwrap_or_else(|p| p.into_inner());
            match cache.get(&key) {
                Some(Slot::Ready(token)) if token.fresh_for(REFRESH_MARGIN) => return Ok(token.clone()),
                Some(Slot::Fetching(fetch)) => fetch.clone(),
                _ => {
                    let fetch = self.clone().fetch(grant, user.cloned()).boxed().shared();
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

    async fn fetch(self, grant: Grant, user: Option<UserToken>) -> Result<AccessToken, Error> {
        let c = &self.inner.credentials;
        let (endpoint, zone_header) = self.endpoint(user.as_ref());
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
            .basic_auth(&c.client_id, Some(c.client_secret.expose()))
            .body(form_body(&form));
        if let Some(zone) = zone_header {
            request = request.header("X-zid", zone);
        }
        self.inner.requests.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let response = request.send().await.map_err(|e| {
            let why = if e.is_timeout() { "no answer in time".to_owned() } else { with_sources(&e) };
            fail(None, why)
        })?;
        let status = response.status().as_u16();
        let body = response.bytes().await.map_err(|e| fail(Some(status), with_sources(&e)))?;
        #[derive(Deserialize)]
        struct Answer {
            access_token: Option<String>,
            expires_in: Option<u64>,
            error: Option<String>,
            error_description: Option<String>,
        }
        let answer: Answer = serde_json::from_slice(&body).map_err(|e| {
            fail(Some(status), format!("the answer is not a token response ({e}): {}", excerpt(&body, 120)))
        })?;
        if status >= 400 {
            let what = answer.error_description.or(answer.error).unwrap_or_else(|| excerpt(&body, 120));
            return Err(fail(Some(status), what));
        }
        let Some(value) = answer.access_token else {
            return Err(fail(Some(status), "the answer has no access_token".into()));
        };
        let now = SystemTime::now();
        // Five minutes when the server does not say (as SAP's SDKs assume).
        let mut expires_at = now + Duration::from_secs(answer.expires_in.unwrap_or(300));
        if let Some(exp) = user.as_ref().and_then(UserToken::expires_at) {
            expires_at = expires_at.min(UNIX_EPOCH + Duration::from_secs(exp));
        }
        Ok(AccessToken { value: Secret::new(value), expires_at })
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

/// Sends XSUAA tokens as `Authorization: Bearer …` (see [`Xsuaa::client_credentials`]
/// and [`Xsuaa::user_exchange`]).
#[derive(Clone, Debug)]
pub struct XsuaaAuth {
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

    fn invalidate(&self) {
        let grant = if self.user.is_some() { Grant::JwtBearer } else { Grant::ClientCredentials };
        self.xsuaa.invalidate(grant, self.user.as_ref());
    }
}
