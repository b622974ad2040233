//! Incoming tokens: why one was refused ([`Refusal`]), who a verified one names
//! ([`VerifiedUser`]), and what verifies them ([`Authenticate`];
//! [`btp::verify`](crate::btp::verify) implements it for XSUAA and SAP Cloud Identity
//! Services).

use super::UserToken;
pub use crate::error::Refusal;
use crate::Error;
use std::fmt;

/// Where a verified user's token came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Issuer {
    /// XSUAA (the token's scopes are the user's role collections' scopes).
    Xsuaa,
    /// SAP Cloud Identity Services (IAS): no XSUAA scopes.
    Ias,
}

/// A user whose token was verified: signature, issuer, lifetime, audience, tenant.
///
/// ```
/// # use odata_runtime::auth::VerifiedUser;
/// fn may_read(user: &VerifiedUser) -> bool {
///     // "Display" is the local scope: on XSUAA the token holds `<xsappname>.Display`.
///     user.has_scope("Display")
/// }
/// ```
#[derive(Clone)]
pub struct VerifiedUser {
    pub(crate) token: UserToken,
    pub(crate) issuer: Issuer,
    pub(crate) user_name: Option<String>,
    pub(crate) email: Option<String>,
    pub(crate) tenant: Option<String>,
    pub(crate) subdomain: Option<String>,
    pub(crate) scopes: Vec<String>,
    /// `<xsappname>.`: what local scopes are prefixed with.
    pub(crate) scope_prefix: Option<String>,
}

impl VerifiedUser {
    /// The user's login name (`user_name`; on IAS the `email` or `sub`).
    pub fn user_name(&self) -> Option<&str> {
        self.user_name.as_deref()
    }

    /// The user's e-mail address (`email`).
    pub fn email(&self) -> Option<&str> {
        self.email.as_deref()
    }

    /// The tenant: the identity zone id (`zid`; on IAS `app_tid`).
    pub fn tenant(&self) -> Option<&str> {
        self.tenant.as_deref()
    }

    /// The tenant's subdomain (`ext_attr.zdn`), when the token names it.
    pub fn subdomain(&self) -> Option<&str> {
        self.subdomain.as_deref()
    }

    /// Every scope the token grants, full names (`myapp!t7.Display`, `openid`).
    pub fn scopes(&self) -> &[String] {
        &self.scopes
    }

    /// Whether the user holds the application's local scope `scope` (`Display` is
    /// `<xsappname>.Display`, as `@sap/xssec`'s `checkLocalScope`). Always `false` for
    /// IAS tokens, which carry no XSUAA scopes.
    pub fn has_scope(&self, scope: &str) -> bool {
        let Some(prefix) = &self.scope_prefix else { return false };
        self.scopes.iter().any(|s| s.strip_prefix(prefix.as_str()) == Some(scope))
    }

    /// Who issued the token.
    pub fn issuer(&self) -> Issuer {
        self.issuer
    }

    /// The verified token, to call a service in the user's name (`.as_user(..)`).
    pub fn token(&self) -> &UserToken {
        &self.token
    }
}

impl fmt::Debug for VerifiedUser {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VerifiedUser")
            .field("issuer", &self.issuer)
            .field("user_name", &self.user_name)
            .field("tenant", &self.tenant)
            .field("scopes", &self.scopes)
            .field("token", &"***")
            .finish()
    }
}

/// The boxed future an [`Authenticate`] returns.
pub type VerifyFuture<'a> = futures_util::future::BoxFuture<'a, Result<VerifiedUser, Error>>;

/// Verifies an incoming token (the value after `Bearer `): the user it names, or
/// [`Error::Unauthenticated`] with the [`Refusal`].
pub trait Authenticate: Send + Sync {
    /// Verifies `token`.
    fn verify<'a>(&'a self, token: &'a str) -> VerifyFuture<'a>;
}

impl<A: Authenticate + ?Sized> Authenticate for std::sync::Arc<A> {
    fn verify<'a>(&'a self, token: &'a str) -> VerifyFuture<'a> {
        (**self).verify(token)
    }
}
