//! Who a call is made as: secrets, the `Authorization` value of each request, a user's
//! token, and the two things the transport asks of a platform, as traits:
//!
//! - [`AuthProvider`]: the `Authorization` value of a call made as the application;
//! - [`UserExchange`]: the `Authorization` value of a call made in a user's name (a
//!   user's token exchanged for one the service accepts);
//! - [`Tunnel`]: the proxy in front of on-premise systems and the headers it wants.
//!
//! [`btp`](crate::btp) implements them for SAP BTP (XSUAA, the connectivity proxy, the
//! destination service); the client only calls them.

pub(crate) mod jwt;
mod user;
mod verify;

#[cfg(feature = "axum")]
pub(crate) use user::bearer_token;
pub use user::{Tenant, UserToken};
pub use verify::{Authenticate, Issuer, Refusal, VerifiedUser, VerifyFuture};

use crate::Error;
use std::fmt;
use std::future::Future;
use std::pin::Pin;

/// A secret string (password, token): never shown by `Debug` or `Display`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret itself, for the one place that sends it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// The boxed future an [`AuthProvider`] or a [`UserExchange`] returns.
pub type AuthFuture<'a> = Pin<Box<dyn Future<Output = Result<Option<Secret>, Error>> + Send + 'a>>;

/// Supplies the `Authorization` header value for each request (an XSUAA token cache,
/// a destination's auth token…). Returning `None` sends no header.
///
/// ```
/// use odata_runtime::{AuthFuture, AuthProvider, Secret};
///
/// struct ApiKey(Secret);
/// impl AuthProvider for ApiKey {
///     fn authorization(&self) -> AuthFuture<'_> {
///         Box::pin(async move { Ok(Some(Secret::new(format!("Bearer {}", self.0.expose())))) })
///     }
/// }
/// let client = odata_runtime::Client::builder("https://s4.example/sap/opu/odata/sap/API_X")
///     .auth_provider(std::sync::Arc::new(ApiKey(Secret::new("k"))))
///     .build();
/// assert!(client.is_ok());
/// ```
pub trait AuthProvider: Send + Sync {
    /// The header value, e.g. `Bearer eyJ…`.
    fn authorization(&self) -> AuthFuture<'_>;

    /// The header value for a call in another tenant than the provider's (a
    /// subscriber's; `.in_tenant(..)` on a call). Providers that cannot fetch
    /// credentials per tenant refuse (the default), so nothing goes out as the wrong
    /// tenant.
    fn authorization_in<'a>(&'a self, tenant: &'a Tenant) -> AuthFuture<'a> {
        let _ = tenant;
        Box::pin(async {
            Err(Error::InvalidInput(
                "this client's credentials cannot be had for another tenant (in_tenant needs ClientBuilder::xsuaa)"
                    .into(),
            ))
        })
    }

    /// The backend refused the credentials (`401`): forget any cached token, so the
    /// next [`AuthProvider::authorization`] fetches a fresh one. The client then
    /// retries the request once.
    fn invalidate(&self) {}

    /// Like [`AuthProvider::invalidate`], for the token of `tenant`.
    fn invalidate_in(&self, tenant: &Tenant) {
        let _ = tenant;
    }
}

/// Makes a direct call in a user's name: the `Authorization` value for `user` (on BTP,
/// the user's token exchanged at XSUAA with the jwt-bearer grant).
pub trait UserExchange: Send + Sync {
    /// The header value for a call as `user`.
    fn authorization<'a>(&'a self, user: &'a UserToken) -> AuthFuture<'a>;

    /// The backend refused the user's credentials (`401`): forget them.
    fn invalidate(&self, user: &UserToken);
}

/// The HTTP proxy in front of on-premise systems (on BTP, the connectivity proxy of SAP
/// Cloud Connector): where it is and which headers each call through it carries.
pub trait Tunnel: Send + Sync {
    /// The proxy's URL (`http://host:port`).
    fn proxy_url(&self) -> &str;

    /// The proxy headers of a call (`Proxy-Authorization`), in `user`'s name when given
    /// (principal propagation: the backend then gets no `Authorization` header), else
    /// as the application in `tenant` (a subscriber's Cloud Connector) when given.
    fn headers<'a>(
        &'a self,
        user: Option<&'a UserToken>,
        tenant: Option<&'a Tenant>,
    ) -> futures_util::future::BoxFuture<'a, Result<Vec<(&'static str, Secret)>, Error>>;

    /// The proxy refused its token (`407`), or the backend the propagated user (`401`):
    /// forget it.
    fn invalidate(&self, user: Option<&UserToken>, tenant: Option<&Tenant>);
}
