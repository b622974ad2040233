//! The destination service: a named connection (URL, authentication, proxy type,
//! Cloud Connector location, `sap-client`, extra headers and query options) looked up
//! by name (instance destinations first, then subaccount ones), with the auth tokens
//! the service fetched for it, and turned into a ready [`Client`].
//!
//! ```no_run
//! # async fn demo(user: odata_runtime::btp::UserToken) -> Result<(), odata_runtime::Error> {
//! use odata_runtime::btp::{bindings::Bindings, connectivity::Connectivity, destination::DestinationService};
//!
//! let bindings = Bindings::from_env()?;
//! let destinations = DestinationService::from_binding(bindings.find("destination")?)?;
//! let connectivity = Connectivity::from_binding(bindings.find("connectivity")?)?;
//! let s4 = destinations.find("S4_BP", Some(&user)).await?;
//! let client = s4.client(Some(&connectivity))?;   // OnPremise: every call through Cloud Connector
//! # Ok(()) }
//! ```

use super::bindings::ServiceBinding;
use super::connectivity::Connectivity;
use super::xsuaa::{Xsuaa, XsuaaCredentials};
use super::UserToken;
use crate::auth::{AuthFuture, AuthProvider, Secret};
use crate::{Client, ClientBuilder, Error};
use serde::Deserialize;
use std::collections::HashMap;
use std::fmt;
use std::hash::BuildHasher;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

/// Where a destination's target is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProxyType {
    /// On the internet: called directly.
    Internet,
    /// Behind SAP Cloud Connector: called through the connectivity proxy.
    OnPremise,
}

/// A destination as the service returned it.
#[derive(Clone)]
pub struct Destination {
    /// `Name`.
    pub name: String,
    /// `URL`.
    pub url: String,
    /// `ProxyType`.
    pub proxy_type: ProxyType,
    /// `Authentication` (`NoAuthentication`, `BasicAuthentication`, `PrincipalPropagation`,
    /// `OAuth2ClientCredentials`, …).
    pub authentication: String,
    /// `CloudConnectorLocationId`.
    pub location_id: Option<String>,
    /// `sap-client`.
    pub sap_client: Option<String>,
    /// `URL.headers.*`: sent with every request.
    pub headers: Vec<(String, String)>,
    /// `URL.queries.*`: added to every URL.
    pub queries: Vec<(String, String)>,
    /// The `Authorization` value from `authTokens` (or from `User`/`Password`).
    authorization: Option<Secret>,
    /// Whether that value is a token the service fetched (it expires).
    fetched_token: bool,
    /// When the destination (and its token) should be fetched again.
    refresh_at: SystemTime,
}

impl fmt::Debug for Destination {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Destination")
            .field("name", &self.name)
            .field("url", &self.url)
            .field("proxy_type", &self.proxy_type)
            .field("authentication", &self.authentication)
            .field("location_id", &self.location_id)
            .field("authorization", &self.authorization.as_ref().map(|_| "***"))
            .finish()
    }
}

impl Destination {
    /// Whether requests carry an `Authorization` header from the destination.
    pub fn has_authorization(&self) -> bool {
        self.authorization.is_some()
    }

    /// A client for the destination as it is now. `OnPremise` destinations need the
    /// connectivity service and send every call through the Cloud Connector (in the
    /// user's name for `PrincipalPropagation`: calls then need `.as_user(…)`).
    ///
    /// Its auth token is the one fetched with the destination and is never renewed: for
    /// a client that outlives the token, use [`DestinationService::client`].
    pub fn client(&self, connectivity: Option<&Connectivity>) -> Result<Client, Error> {
        self.builder(connectivity)?.build()
    }

    /// [`Destination::client`] as a builder, for timeouts and more headers.
    pub fn builder(&self, connectivity: Option<&Connectivity>) -> Result<ClientBuilder, Error> {
        let mut builder = Client::builder(self.url.clone());
        if let Some(auth) = &self.authorization {
            builder = builder.authorization_value(auth.clone());
        }
        if let Some(client) = &self.sap_client {
            builder = builder.sap_client(client.clone());
        }
        for (name, value) in &self.headers {
            builder = builder.header(name.clone(), value.clone());
        }
        for (name, value) in &self.queries {
            builder = builder.query(name.clone(), value.clone());
        }
        if self.proxy_type == ProxyType::OnPremise {
            let Some(connectivity) = connectivity else {
                return Err(Error::Binding {
                    service: self.name.clone(),
                    message: "an OnPremise destination needs the connectivity service".into(),
                });
            };
            builder = builder.connectivity(connectivity.clone()).always_via_cloud_connector(self.location_id.clone());
            if self.authentication == "PrincipalPropagation" {
                builder = builder.principal_propagation();
            }
        }
        Ok(builder)
    }
}

#[derive(Deserialize)]
struct Found {
    #[serde(rename = "destinationConfiguration")]
    configuration: HashMap<String, serde_json::Value>,
    #[serde(rename = "authTokens", default)]
    auth_tokens: Vec<AuthToken>,
}

#[derive(Deserialize)]
struct AuthToken {
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    expires_in: Option<serde_json::Value>,
    #[serde(default)]
    http_header: Option<HttpHeader>,
}

#[derive(Deserialize)]
struct HttpHeader {
    value: String,
}

type CacheKey = (String, Option<String>, Option<u64>);

/// A destination service client with its cache (per name, tenant and user, for the
/// lifetime of the destination's tokens; five minutes without tokens).
#[derive(Clone)]
pub struct DestinationService {
    uri: String,
    xsuaa: Xsuaa,
    http: reqwest::Client,
    cache: Arc<Mutex<HashMap<CacheKey, Destination>>>,
    users: std::collections::hash_map::RandomState,
    max_answer: u64,
}

impl fmt::Debug for DestinationService {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DestinationService").field("uri", &self.uri).field("xsuaa", &self.xsuaa).finish()
    }
}

impl DestinationService {
    /// From a `destination` binding: `uri`, `url`, `clientid`, and `clientsecret` or
    /// (X.509) `certurl`, `certificate`, `key`.
    pub fn from_binding(binding: &ServiceBinding) -> Result<Self, Error> {
        let xsuaa = Xsuaa::new(XsuaaCredentials::from_binding(binding)?)?;
        Self::new(&binding.credential("uri")?, xsuaa)
    }

    /// The service at `uri`, called with tokens of `xsuaa`'s client. `uri` must be
    /// `https` (loopback excepted): the app's token and the user's go there.
    pub fn new(uri: &str, xsuaa: Xsuaa) -> Result<Self, Error> {
        Self::with_http(uri, xsuaa, false)
    }

    /// Like [`DestinationService::new`], also accepting a plain `http` `uri` off
    /// loopback (a test landscape behind its own TLS terminator): the app's token and
    /// the user's then cross the network unencrypted. Never for a real landscape.
    pub fn new_allowing_insecure_http(uri: &str, xsuaa: Xsuaa) -> Result<Self, Error> {
        Self::with_http(uri, xsuaa, true)
    }

    fn with_http(uri: &str, xsuaa: Xsuaa, allow_http: bool) -> Result<Self, Error> {
        super::check_https(uri, allow_http).map_err(|why| Error::Binding {
            service: "destination".into(),
            message: format!(
                "credentials.uri {why} (DestinationService::new_allowing_insecure_http allows it for a test landscape)"
            ),
        })?;
        let http = super::service_client()?;
        Ok(DestinationService {
            uri: uri.trim_end_matches('/').to_owned(),
            xsuaa,
            http,
            cache: Default::default(),
            users: Default::default(),
            max_answer: crate::client::body::DEFAULT_MAX_SMALL_BODY,
        })
    }

    /// The largest answer of the destination service read (default 1 MiB, far above
    /// any real destination); a larger one is [`Error::TooLarge`].
    pub fn max_answer_size(mut self, bytes: u64) -> Self {
        self.max_answer = bytes;
        self
    }

    /// Finds destination `name` (instance destinations first, then the subaccount's),
    /// in the tenant of `user` and, for user-based authentication, with the user's
    /// token (`X-user-token`).
    pub async fn find(&self, name: &str, user: Option<&UserToken>) -> Result<Destination, Error> {
        let key = self.key(name, user);
        if let Some(found) = self.cache.lock().unwrap_or_else(|p| p.into_inner()).get(&key) {
            if SystemTime::now() < found.refresh_at {
                return Ok(found.clone());
            }
        }
        let endpoint = format!(
            "{}/destination-configuration/v1/destinations/{}",
            self.uri,
            crate::edm::percent_encode_literal(name)
        );
        let fail = |status: Option<u16>, message: String| Error::Destination { name: name.to_owned(), status, message };
        let token = match user {
            Some(user) => self.xsuaa.client_credentials_token_for_tenant_of(user).await?,
            None => self.xsuaa.client_credentials_token().await?,
        };
        let mut request = self.http.get(&endpoint).bearer_auth(token.expose());
        if let Some(user) = user {
            request = request.header("X-user-token", user.expose());
        }
        let response = request.send().await.map_err(|e| fail(None, crate::error::with_sources(&e)))?;
        let status = response.status().as_u16();
        let limit = self.max_answer;
        let body = crate::client::body::read(response, limit).await.map_err(|e| {
            e.into_error(&endpoint, "destination answer", limit, "DestinationService::max_answer_size", |e| {
                fail(Some(status), crate::error::with_sources(&e))
            })
        })?;
        // The service may echo what it was sent (the app's token, the user's).
        let sent = [token.expose()].into_iter().chain(user.map(UserToken::expose));
        if status >= 400 {
            #[derive(Deserialize)]
            struct Problem {
                #[serde(rename = "ErrorMessage")]
                message: String,
            }
            let why = serde_json::from_slice::<Problem>(&body)
                .map(|p| p.message)
                .unwrap_or_else(|_| crate::format::excerpt(&body, 120));
            return Err(fail(Some(status), crate::redact::echoed(&why, sent)));
        }
        let found: Found = serde_json::from_slice(&body).map_err(|e| {
            fail(Some(status), format!("not a destination: {}", crate::redact::decoder_message(&e.to_string())))
        })?;
        let destination =
            Self::destination(name, found).map_err(|m| fail(Some(status), crate::redact::echoed(&m, sent)))?;
        self.cache.lock().unwrap_or_else(|p| p.into_inner()).insert(key, destination.clone());
        Ok(destination)
    }

    /// A client for destination `name` (found as [`DestinationService::find`] finds it)
    /// that stays usable: when the destination carries a token the service fetched
    /// (`OAuth2ClientCredentials`, `OAuth2UserTokenExchange`, …), every call asks this
    /// service for the destination's current token, which is fetched again shortly
    /// before it expires and once after the backend answers `401`.
    pub async fn client(
        &self,
        name: &str,
        user: Option<&UserToken>,
        connectivity: Option<&Connectivity>,
    ) -> Result<Client, Error> {
        let destination = self.find(name, user).await?;
        let mut builder = destination.builder(connectivity)?;
        if destination.fetched_token {
            let auth = DestinationAuth { service: self.clone(), name: name.to_owned(), user: user.cloned() };
            builder = builder.auth_provider(Arc::new(auth));
        }
        builder.build()
    }

    /// Forgets the cached destination `name` for `user`, so the next
    /// [`DestinationService::find`] asks the service again.
    pub fn invalidate(&self, name: &str, user: Option<&UserToken>) {
        let key = self.key(name, user);
        self.cache.lock().unwrap_or_else(|p| p.into_inner()).remove(&key);
    }

    fn key(&self, name: &str, user: Option<&UserToken>) -> CacheKey {
        (
            name.to_owned(),
            user.and_then(|u| u.zone_id().map(str::to_owned)),
            user.map(|u| self.users.hash_one(u.expose())),
        )
    }

    fn destination(name: &str, found: Found) -> Result<Destination, String> {
        let text = |key: &str| found.configuration.get(key).and_then(|v| v.as_str()).map(str::to_owned);
        let url = text("URL").ok_or("the destination has no URL")?;
        let proxy_type = match text("ProxyType").as_deref() {
            Some("OnPremise") => ProxyType::OnPremise,
            Some("Internet") | None => ProxyType::Internet,
            Some(other) => return Err(format!("ProxyType {other} is not supported")),
        };
        let authentication = text("Authentication").unwrap_or_else(|| "NoAuthentication".into());
        let mut headers = Vec::new();
        let mut queries = Vec::new();
        for (key, value) in &found.configuration {
            let Some(value) = value.as_str() else { continue };
            if let Some(h) = key.strip_prefix("URL.headers.") {
                headers.push((h.to_owned(), value.to_owned()));
            } else if let Some(q) = key.strip_prefix("URL.queries.") {
                queries.push((q.to_owned(), value.to_owned()));
            }
        }
        headers.sort();
        queries.sort();
        // The first token without an error; its header value is used as it is.
        let token = found.auth_tokens.iter().find(|t| t.error.is_none() && t.http_header.is_some());
        let token_errors: Vec<&str> = found.auth_tokens.iter().filter_map(|t| t.error.as_deref()).collect();
        let mut authorization = token.and_then(|t| t.http_header.as_ref()).map(|h| Secret::new(h.value.clone()));
        if authorization.is_none() && authentication == "BasicAuthentication" {
            if let (Some(user), Some(password)) = (text("User"), text("Password")) {
                use base64::Engine;
                let raw = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
                authorization = Some(Secret::new(format!("Basic {raw}")));
            }
        }
        let needs_token = !matches!(authentication.as_str(), "NoAuthentication" | "PrincipalPropagation");
        if needs_token && authorization.is_none() {
            let why = if token_errors.is_empty() { "no auth token".to_owned() } else { token_errors.join("; ") };
            return Err(format!("{authentication}: the service gave no usable token ({why})"));
        }
        let lifetime = token
            .and_then(|t| t.expires_in.as_ref())
            .and_then(|v| v.as_u64().or_else(|| v.as_str().and_then(|s| s.parse().ok())))
            .unwrap_or(300);
        // Fetched again a fifth of its life (at most a minute) before the token expires.
        let early = Duration::from_secs(60).min(Duration::from_millis(lifetime.saturating_mul(200)));
        let fetched_token = token.is_some();
        Ok(Destination {
            name: name.to_owned(),
            url,
            proxy_type,
            authentication,
            location_id: text("CloudConnectorLocationId"),
            sap_client: text("sap-client"),
            headers,
            queries,
            authorization,
            fetched_token,
            refresh_at: SystemTime::now() + Duration::from_secs(lifetime) - early,
        })
    }
}

/// The `Authorization` of a destination's current token, asked of the destination
/// service (its cache) before every request.
struct DestinationAuth {
    service: DestinationService,
    name: String,
    user: Option<UserToken>,
}

impl AuthProvider for DestinationAuth {
    fn authorization(&self) -> AuthFuture<'_> {
        Box::pin(async move { Ok(self.service.find(&self.name, self.user.as_ref()).await?.authorization) })
    }

    fn invalidate(&self) {
        self.service.invalidate(&self.name, self.user.as_ref());
    }
}
