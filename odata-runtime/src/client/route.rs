//! Where one call goes and with which credentials: directly to the service (with the
//! client's credentials, or a user's through the [`UserExchange`](crate::auth::UserExchange)),
//! or through the [`Tunnel`](crate::auth::Tunnel) to SAP Cloud Connector (with the proxy's
//! headers and, in the user's name, without an `Authorization` header). The one place
//! a call's credentials are fetched.

use super::{Auth, Client};
use crate::auth::{Secret, Tenant, UserToken};
use crate::plan::PerCall;
use crate::Error;
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
            if self.inner.tunnel.is_none() {
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
        if call.user.is_some() && !call.cloud_connector && self.inner.users.is_none() {
            return Err(no_user_exchange());
        }
        Ok(())
    }

    /// The route of a call, with fresh (or cached) tokens.
    pub(super) async fn route(&self, call: &PerCall) -> Result<Route, Error> {
        let user = call.user.as_ref();
        // A user's call is in the user's tenant.
        let tenant = if user.is_some() { None } else { call.tenant.as_ref() };
        let hasher = &self.inner.identity;
        if !call.cloud_connector {
            let authorization = self.authorization(user, tenant).await?;
            let identity = hasher.hash_one((false, authorization.as_ref().map(Secret::expose)));
            return Ok(Route {
                http: self.inner.http.clone(),
                authorization,
                proxy_headers: Vec::new(),
                identity,
                foreign: false,
            });
        }
        let Some(tunnel) = &self.inner.tunnel else {
            return Err(Error::InvalidInput("via_cloud_connector needs the connectivity service".into()));
        };
        // Principal propagation: the Cloud Connector logs the user on; never an
        // Authorization header.
        let authorization = if user.is_some() { None } else { self.authorization(None, tenant).await? };
        let mut proxy_headers = tunnel.headers(user, tenant).await?;
        if let Some(location) = &call.location {
            proxy_headers.push(("SAP-Connectivity-SCC-Location_ID", Secret::new(location.clone())));
        }
        let user_key = user.map(|u| hasher.hash_one(u.expose()));
        let identity = hasher.hash_one((
            true,
            call.location.as_deref(),
            user_key,
            tenant,
            authorization.as_ref().map(Secret::expose),
        ));
        let http = self.proxied_client(call.location.clone(), user_key)?;
        Ok(Route { http, authorization, proxy_headers, identity, foreign: false })
    }

    /// The `Authorization` value of a direct call (in `user`'s name when given, else
    /// as the application in `tenant` when given).
    async fn authorization(&self, user: Option<&UserToken>, tenant: Option<&Tenant>) -> Result<Option<Secret>, Error> {
        if let Some(user) = user {
            let Some(users) = &self.inner.users else {
                return Err(no_user_exchange());
            };
            return users.authorization(user).await;
        }
        match (&self.inner.auth, tenant) {
            (Auth::None, _) => Ok(None),
            (Auth::Provider(p), None) => p.authorization().await,
            (Auth::Provider(p), Some(tenant)) => p.authorization_in(tenant).await,
            (_, Some(_)) => Err(Error::InvalidInput(
                "in_tenant needs credentials that can be had per tenant (ClientBuilder::xsuaa); this client has fixed ones"
                    .into(),
            )),
            (Auth::Basic { user, password }, None) => {
                use base64::Engine;
                let raw = format!("{user}:{}", password.expose());
                Ok(Some(Secret::new(format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(raw)))))
            }
            (Auth::Bearer(token), None) => Ok(Some(Secret::new(format!("Bearer {}", token.expose())))),
            (Auth::Header(value), None) => Ok(Some(value.clone())),
        }
    }

    /// Drops the token a `401` (backend) or `407` (proxy) refused; whether a retry can
    /// hope for better.
    pub(super) fn invalidate(&self, call: &PerCall, status: u16) -> bool {
        let user = call.user.as_ref();
        let tenant = if user.is_some() { None } else { call.tenant.as_ref() };
        if status == 407 {
            return match &self.inner.tunnel {
                Some(tunnel) if call.cloud_connector => {
                    tunnel.invalidate(user, tenant);
                    true
                }
                _ => false,
            };
        }
        if call.cloud_connector && user.is_some() {
            // The backend refused the propagated user: a new proxy token may help.
            if let Some(tunnel) = &self.inner.tunnel {
                tunnel.invalidate(user, None);
                return true;
            }
        }
        match (user, &self.inner.users, &self.inner.auth) {
            (Some(user), Some(users), _) => {
                users.invalidate(user);
                true
            }
            (None, _, Auth::Provider(provider)) => {
                match tenant {
                    Some(tenant) => provider.invalidate_in(tenant),
                    None => provider.invalidate(),
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
        let Some(tunnel) = &self.inner.tunnel else {
            return Err(Error::InvalidInput("via_cloud_connector needs the connectivity service".into()));
        };
        let proxy = reqwest::Proxy::http(tunnel.proxy_url())
            .map_err(|e| Error::InvalidInput(format!("connectivity proxy: {e}")))?;
        // An explicit proxy: reqwest then ignores HTTP_PROXY and the like, so a call
        // through Cloud Connector never goes to an environment proxy.
        let mut builder = super::http::builder(&Default::default())
            .map_err(|e| Error::InvalidInput(format!("HTTP client: {e}")))?
            .proxy(proxy)
            .connect_timeout(self.inner.connect_timeout);
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

fn no_user_exchange() -> Error {
    Error::InvalidInput("a call as a user needs a client with XSUAA credentials (ClientBuilder::xsuaa)".into())
}
