//! Reading (not verifying) the claims of a JWT: the tenant and expiry of a user token
//! decide where and for how long its exchanged token is fetched and cached. Whoever
//! receives the token (XSUAA, the connectivity proxy, the backend) verifies it.

use super::{Refusal, Secret};
use crate::Error;
use base64::Engine;
use serde::Deserialize;
use std::fmt;

/// A user's XSUAA access token (a JWT) with the claims read from it.
///
/// ```
/// use odata_runtime::auth::UserToken;
/// # use base64::Engine;
/// # let enc = |v: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v);
/// # let jwt = format!("{}.{}.sig", enc(r#"{"alg":"RS256"}"#),
/// #     enc(r#"{"sub":"u1","user_name":"alice","zid":"z-1","exp":4102444800,"ext_attr":{"zdn":"customer"}}"#));
/// let user = UserToken::parse(&jwt).unwrap();
/// assert_eq!((user.user_name(), user.zone_id(), user.subdomain()), (Some("alice"), Some("z-1"), Some("customer")));
/// assert!(!format!("{user:?}").contains(&jwt));
/// ```
#[derive(Clone)]
pub struct UserToken {
    raw: Secret,
    claims: Claims,
}

#[derive(Clone, Debug, Default, Deserialize)]
struct Claims {
    sub: Option<String>,
    user_name: Option<String>,
    zid: Option<String>,
    /// IAS: the application tenant (the BTP subaccount's, XSUAA's `zid`).
    app_tid: Option<String>,
    exp: Option<u64>,
    #[serde(default)]
    ext_attr: ExtAttr,
}

#[derive(Clone, Debug, Default, Deserialize)]
struct ExtAttr {
    zdn: Option<String>,
}

impl UserToken {
    /// The token of an `Authorization` header's value: exactly `Bearer <token>`, as
    /// the approuter forwards a logged-in user. Anything else (`bearer`, `Bearer`
    /// twice, no token) is [`Error::Unauthenticated`] with [`Refusal::Missing`].
    /// The claims are read, not verified: verify the token before trusting them
    /// ([`crate::btp::verify`]).
    ///
    /// ```
    /// use odata_runtime::auth::UserToken;
    /// # use base64::Engine;
    /// # let enc = |v: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v);
    /// # let jwt = format!("{}.{}.sig", enc(r#"{"alg":"RS256"}"#), enc(r#"{"user_name":"alice"}"#));
    /// let user = UserToken::from_authorization_header(&format!("Bearer {jwt}")).unwrap();
    /// assert_eq!(user.user_name(), Some("alice"));
    /// assert!(UserToken::from_authorization_header(&format!("bearer {jwt}")).is_err());
    /// ```
    pub fn from_authorization_header(value: &str) -> Result<Self, Error> {
        Self::parse(bearer_token(value).map_err(Error::Unauthenticated)?)
    }

    /// Reads the claims of `jwt` (`header.payload.signature`).
    pub fn parse(jwt: &str) -> Result<Self, Error> {
        let invalid = |why: &str| Error::InvalidInput(format!("the user token is not a JWT: {why}"));
        if jwt.len() >= 7 && jwt[..7].eq_ignore_ascii_case("bearer ") {
            return Err(invalid(
                "it starts with `Bearer ` (an Authorization header's value); pass the token without the prefix",
            ));
        }
        // The compact form is base64url parts joined by dots: nothing else may reach a
        // header or a form field where the token is sent on.
        if !jwt.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'=')) {
            return Err(invalid("it holds characters that base64url does not use"));
        }
        let mut parts = jwt.split('.');
        let (Some(_), Some(payload), Some(_), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
            return Err(invalid("expected three dot-separated parts"));
        };
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(payload.trim_end_matches('='))
            .map_err(|_| invalid("the payload is not base64url"))?;
        let claims: Claims =
            serde_json::from_slice(&bytes).map_err(|e| invalid(&format!("the payload is not JSON claims ({e})")))?;
        Ok(UserToken { raw: Secret::new(jwt), claims })
    }

    /// The token of claims already read (and verified) from it.
    pub(crate) fn from_claims(jwt: &str, claims: &serde_json::Value) -> Result<Self, Error> {
        let claims = Claims::deserialize(claims)
            .map_err(|e| Error::InvalidInput(format!("the user token's claims are not a user's ({e})")))?;
        Ok(UserToken { raw: Secret::new(jwt), claims })
    }

    /// The token itself, for the one place that sends it.
    pub fn expose(&self) -> &str {
        self.raw.expose()
    }

    /// `user_name`.
    pub fn user_name(&self) -> Option<&str> {
        self.claims.user_name.as_deref()
    }

    /// `sub`, the user's id.
    pub fn subject(&self) -> Option<&str> {
        self.claims.sub.as_deref()
    }

    /// `zid`, the tenant (identity zone) id; for an IAS token `app_tid`, the same
    /// tenant's id.
    pub fn zone_id(&self) -> Option<&str> {
        self.claims.zid.as_deref().or(self.claims.app_tid.as_deref())
    }

    /// `ext_attr.zdn`, the tenant's subdomain.
    pub fn subdomain(&self) -> Option<&str> {
        self.claims.ext_attr.zdn.as_deref()
    }

    /// The tenant the token was issued in (its zone id and subdomain).
    pub fn tenant(&self) -> Tenant {
        Tenant { zone_id: self.zone_id().map(str::to_owned), subdomain: self.subdomain().map(str::to_owned) }
    }

    /// `exp`, seconds since the Unix epoch.
    pub fn expires_at(&self) -> Option<u64> {
        self.claims.exp
    }
}

impl fmt::Debug for UserToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UserToken")
            .field("user_name", &self.claims.user_name)
            .field("zid", &self.claims.zid)
            .field("token", &"***")
            .finish()
    }
}

/// The token of an `Authorization` value `Bearer <token>`: the scheme exactly once,
/// spelt as RFC 6750 and the approuter write it, one space, then a token with no space.
pub(crate) fn bearer_token(value: &str) -> Result<&str, Refusal> {
    let Some(token) = value.strip_prefix("Bearer ") else {
        return Err(Refusal::Missing(if value.len() >= 7 && value[..7].eq_ignore_ascii_case("bearer ") {
            "the scheme must be written `Bearer`"
        } else {
            "the Authorization header is not `Bearer <token>`"
        }));
    };
    if token.is_empty() || token.contains(' ') {
        return Err(Refusal::Missing("expected one token after `Bearer `"));
    }
    Ok(token)
}

/// A tenant (a BTP subaccount): its zone id and, where known, its subdomain, which
/// names its token host (`<subdomain>.<uaadomain>`). A call made for a subscriber's
/// request goes in the subscriber's tenant with `.in_tenant(..)`.
///
/// ```
/// use odata_runtime::auth::Tenant;
///
/// let tenant = Tenant::new("b3a1f0e2-zone").with_subdomain("customer-a");
/// assert_eq!((tenant.zone_id(), tenant.subdomain()), (Some("b3a1f0e2-zone"), Some("customer-a")));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Tenant {
    zone_id: Option<String>,
    subdomain: Option<String>,
}

impl Tenant {
    /// The tenant with this zone id (`zid`, `identityzoneid`).
    pub fn new(zone_id: impl Into<String>) -> Self {
        Tenant { zone_id: Some(zone_id.into()), subdomain: None }
    }

    /// With its subdomain (`ext_attr.zdn`, `identityzone`).
    pub fn with_subdomain(mut self, subdomain: impl Into<String>) -> Self {
        self.subdomain = Some(subdomain.into());
        self
    }

    /// The zone id.
    pub fn zone_id(&self) -> Option<&str> {
        self.zone_id.as_deref()
    }

    /// The subdomain.
    pub fn subdomain(&self) -> Option<&str> {
        self.subdomain.as_deref()
    }
}
