//! The connectivity service: SAP Cloud Connector reached through the connectivity
//! proxy, an HTTP forward proxy that wants `Proxy-Authorization: Bearer <token>` for
//! the connectivity binding's OAuth client, and optionally a Cloud Connector location.
//!
//! With a user (principal propagation) the proxy token is the user's token exchanged
//! (jwt-bearer), and the request carries no `Authorization` header: the Cloud Connector
//! logs the user on to the backend. The legacy form sends the client-credentials token
//! plus `SAP-Connectivity-Authentication: Bearer <user JWT>`.
//!
//! ```
//! use odata_runtime::btp::{bindings::Bindings, connectivity::Connectivity};
//!
//! let vcap = r#"{"connectivity":[{"name":"conn","label":"connectivity","credentials":{
//!     "onpremise_proxy_host":"10.0.85.1","onpremise_proxy_http_port":"20003",
//!     "clientid":"sb-conn","clientsecret":"s","token_service_url":"https://sub.authentication.eu10.hana.ondemand.com"}}]}"#;
//! let connectivity = Connectivity::from_binding(Bindings::from_vcap_services(vcap).unwrap().find("connectivity").unwrap()).unwrap();
//! assert_eq!(connectivity.proxy_url(), "http://10.0.85.1:20003/");
//! ```

use super::bindings::ServiceBinding;
use super::xsuaa::{Grant, Xsuaa, XsuaaCredentials};
use super::UserToken;
use crate::auth::{Secret, Tenant, Tunnel};
use crate::Error;

/// The connectivity proxy and the OAuth client whose tokens it accepts.
#[derive(Clone, Debug)]
pub struct Connectivity {
    proxy: reqwest::Url,
    xsuaa: Xsuaa,
    legacy: bool,
}

impl Connectivity {
    /// The proxy at `proxy_url` (`http://host:port`), accepting tokens of `xsuaa`'s client.
    pub fn new(proxy_url: &str, xsuaa: Xsuaa) -> Result<Self, Error> {
        let proxy = reqwest::Url::parse(proxy_url).map_err(|e| Error::Binding {
            service: "connectivity".into(),
            message: format!("proxy URL {proxy_url:?}: {e}"),
        })?;
        Ok(Connectivity { proxy, xsuaa, legacy: false })
    }

    /// From a `connectivity` binding: `onpremise_proxy_host`, `onpremise_proxy_http_port`
    /// (or the older `onpremise_proxy_port`), `clientid`, `token_service_url` (or the
    /// older `url`), and `clientsecret` or (X.509) `certurl`, `certificate`, `key`.
    pub fn from_binding(binding: &ServiceBinding) -> Result<Self, Error> {
        let host = binding.credential("onpremise_proxy_host")?;
        let port =
            binding.credential("onpremise_proxy_http_port").or_else(|_| binding.credential("onpremise_proxy_port"))?;
        let token_url = binding.credential("token_service_url").or_else(|_| binding.credential("url"))?;
        let xsuaa = Xsuaa::new(XsuaaCredentials::from_binding_at(binding, token_url)?).map_err(|e| match e {
            Error::Binding { message, .. } => binding.error(message),
            other => other,
        })?;
        Self::new(&format!("http://{host}:{port}"), xsuaa)
    }

    /// Propagates users the legacy way: the client-credentials proxy token plus
    /// `SAP-Connectivity-Authentication: Bearer <user JWT>` (needed with IAS proxy
    /// tokens).
    pub fn legacy_principal_propagation(mut self) -> Self {
        self.legacy = true;
        self
    }

    /// The proxy's URL.
    pub fn proxy_url(&self) -> &str {
        self.proxy.as_str()
    }

    /// Proxy headers for a call in `user`'s name.
    async fn principal_headers(&self, user: &UserToken) -> Result<Vec<(&'static str, Secret)>, Error> {
        if self.legacy {
            let token = self.xsuaa.client_credentials_token_for_tenant_of(user).await?;
            Ok(vec![
                ("Proxy-Authorization", Secret::new(format!("Bearer {}", token.expose()))),
                ("SAP-Connectivity-Authentication", Secret::new(format!("Bearer {}", user.expose()))),
            ])
        } else {
            let token = self.xsuaa.exchange(user).await?;
            Ok(vec![("Proxy-Authorization", Secret::new(format!("Bearer {}", token.expose())))])
        }
    }

    /// Proxy headers for a call with a technical user (the backend's credentials go in
    /// `Authorization`), in `tenant` (whose Cloud Connector the proxy then uses) when
    /// given.
    async fn technical_headers(&self, tenant: Option<&Tenant>) -> Result<Vec<(&'static str, Secret)>, Error> {
        let token = match tenant {
            Some(tenant) => self.xsuaa.client_credentials_token_in(tenant).await?,
            None => self.xsuaa.client_credentials_token().await?,
        };
        Ok(vec![("Proxy-Authorization", Secret::new(format!("Bearer {}", token.expose())))])
    }
}

/// Calls through the connectivity proxy: a client-credentials proxy token, or in a
/// user's name the user's exchanged token (principal propagation).
impl Tunnel for Connectivity {
    fn proxy_url(&self) -> &str {
        self.proxy.as_str()
    }

    fn headers<'a>(
        &'a self,
        user: Option<&'a UserToken>,
        tenant: Option<&'a Tenant>,
    ) -> futures_util::future::BoxFuture<'a, Result<Vec<(&'static str, Secret)>, Error>> {
        Box::pin(async move {
            match user {
                Some(user) => self.principal_headers(user).await,
                None => self.technical_headers(tenant).await,
            }
        })
    }

    fn invalidate(&self, user: Option<&UserToken>, tenant: Option<&Tenant>) {
        match (user, tenant) {
            (Some(user), _) if !self.legacy => self.xsuaa.invalidate(Grant::JwtBearer, Some(user)),
            (Some(user), _) => self.xsuaa.invalidate(Grant::ClientCredentials, Some(user)),
            (None, tenant) => self.xsuaa.drop_token(Grant::ClientCredentials, tenant, None),
        }
    }
}
