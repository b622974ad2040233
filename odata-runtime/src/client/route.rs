//! Where one call goes and with which credentials: directly to the service (with the
//! client's credentials, or the user's exchanged XSUAA token), or through SAP Cloud
//! Connector (the connectivity proxy, with a proxy token and, in the user's name,
//! without an `Authorization` header).

use super::{Auth, Client};
use crate::btp::xsuaa::Grant;
use crate::request::PerCall;
use crate::{Error, Secret};
use std::hash::BuildHasher;

/// A Cloud Connector location and a keyed hash of the user: connections are pooled per
/// key.
pub(super) type TunnelKey = (Option<String>, Option<u64>);

/// At most this many proxied HTTP clients (one per location and user) are kept.
const PROXIED_CLIENTS_LIMIT: usize = 256;

/// The HTTP client and the credentials of one call.
pub(super) struct Route {
    pub(super) http: reqwest::Client,
    authorization: Option<Secret>,
    proxy_headers: Vec<(&'static str, Secret)>,
    /// A keyed hash of who the call is made as and where it goes: the CSRF cache key.
    pub(super) identity: u64,
    /// Another origin than the service's (a redirect's target): no credentials and
    /// none of the client's own headers.
    pub(super) foreign: bool,
}

impl Route {
    /// A route to another origin: nothing of the client's but the connection pool.
    pub(super) fn without_credentials(http: reqwest::Client) -> Self {
        Route { http, authorization: None, proxy_headers: Vec::new(), identity: 0, foreign: true }
    }

    /// The credentials this route sends (the `Authorization` and proxy header values).
    pub(super) fn secrets(&self) -> impl Iterator<Item = &str> {
        // The location ID is an address, not a credential.
        let proxy = self.proxy_headers.iter().filter(|(n, _)| !n.ends_with("Location_ID")).map(|(_, v)| v.expose());
        self.authorization.iter().map(Secret::expose).chain(proxy)
    }

    /// Adds the credentials to a request.
    pub(super) fn apply(&self, mut request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        if let Some(auth) = &self.authorization {
            request = request.header(reqwest::header::AUTHORIZATION, auth.expose());
        }
        for (name, value) in &self.proxy_headers {
            request = request.header(*name, value.expose());
        }
        request
    }
}

impl Client {
    /// Refuses, before any I/O, a call that cannot be made as asked.
    pub(super) fn check_route(&self, call: &PerCall) -> Result<(), Error> {
        if call.cloud_connector {
            if self.inner.connectivity.is_none() {
                return Err(Error::InvalidInput(
                    "via_cloud_connector needs the connectivity service: ClientBuilder::connectivity".into(),
                ));
            }
            if self.inner.root.scheme() != "http" {
                return Err(Error::InvalidInput(format!(
                    "through Cloud Connector the service root is the http:// virtual host (the tunnel is encrypted), not {}",
                    self.inner.root.scheme()
                )));
            }
            if self.inner.principal_propagation && call.user.is_none() {
                return Err(Error::UserTokenRequired);
            }
        }
        if call.user.is_some() && !call.cloud_connector && !matches!(self.inner.auth, Auth::Xsuaa(_)) {
            return Err(Error::InvalidInput(
                "a call as a user needs a client with XSUAA credentials (ClientBuilder::xsuaa)".into(),
            ));
        }
        Ok(())
    }

    /// The route of a call, with fresh (or cached) tokens.
    pub(super) async fn route(&self, call: &PerCall) -> Result<Route, Error> {
        let user = call.user.as_ref();
        let hasher = &self.inner.identity;
        if !call.cloud_connector {
            let authorization = self.authorization(user).await?;
            let identity = hasher.hash_one((false, authorization.as_ref().map(Secret::expose)));
            return Ok(Route {
                http: self.inner.http.clone(),
                authorization,
                proxy_headers: Vec::new(),
                identity,
                foreign: false,
            });
        }
        let Some(connectivity) = &self.inner.connectivity else {
            return Err(Error::InvalidInput("via_cloud_connector needs the connectivity service".into()));
        };
        let (authorization, mut proxy_headers) = match user {
            // Principal propagation: the Cloud Connector logs the user on; never an
            // Authorization header.
            Some(user) => (None, connectivity.principal_headers(user).await?),
            None => (self.authorization(None).await?, connectivity.technical_headers(None).await?),
        };
        if let Some(location) = &call.location {
            proxy_headers.push(("SAP-Connectivity-SCC-Location_ID", Secret::new(location.clone())));
        }
        let user_key = user.map(|u| hasher.hash_one(u.expose()));
        let identity =
            hasher.hash_one((true, call.location.as_deref(), user_key, authorization.as_ref().map(Secret::expose)));
        let http = self.proxied_client(call.location.clone(), user_key)?;
        Ok(Route { http, authorization, proxy_headers, identity, foreign: false })
    }

    /// Drops the token a `401` (backend) or `407` (proxy) refused; whether a retry can
    /// hope for better.
    pub(super) fn invalidate(&self, call: &PerCall, status: u16) -> bool {
        let user = call.user.as_ref();
        if status == 407 {
            return match &self.inner.connectivity {
                Some(connectivity) if call.cloud_connector => {
                    connectivity.invalidate(user);
                    true
                }
                _ => false,
            };
        }
        if call.cloud_connector && user.is_some() {
            // The backend refused the propagated user: a new proxy token may help.
            if let Some(connectivity) = &self.inner.connectivity {
                connectivity.invalidate(user);
                return true;
            }
        }
        match &self.inner.auth {
            Auth::Provider(provider) => {
                provider.invalidate();
                true
            }
            Auth::Xsuaa(xsuaa) => {
                match user {
                    Some(user) => xsuaa.invalidate(Grant::JwtBearer, Some(user)),
                    None => xsuaa.invalidate(Grant::ClientCredentials, None),
                }
                true
            }
            _ => false,
        }
    }

    /// The HTTP client through the connectivity proxy for (location, user): its
    /// connection pool is never shared with another user.
    fn proxied_client(&self, location: Option<String>, user: Option<u64>) -> Result<reqwest::Client, Error> {
        let mut clients = self.inner.proxied.lock().unwrap_or_else(|p| p.into_inner());
        let key = (location, user);
        if let Some(client) = clients.get(&key) {
            return Ok(client.clone());
        }
        let Some(connectivity) = &self.inner.connectivity else {
            return Err(Error::InvalidInput("via_cloud_connector needs the connectivity service".into()));
        };
        let proxy = reqwest::Proxy::http(connectivity.proxy().as_str())
            .map_err(|e| Error::InvalidInput(format!("connectivity proxy: {e}")))?;
        let mut builder = reqwest::Client::builder()
            .proxy(proxy)
            .connect_timeout(self.inner.connect_timeout)
            .redirect(reqwest::redirect::Policy::none());
        if let Some(t) = self.inner.timeout {
            builder = builder.timeout(t);
        }
        let client = builder.build().map_err(|e| Error::InvalidInput(format!("HTTP client: {e}")))?;
        if clients.len() >= PROXIED_CLIENTS_LIMIT {
            clients.clear();
        }
        clients.insert(key, client.clone());
        Ok(client)
    }
}
