//! Verifying the tokens an application receives, as `@sap/xssec` does: the user the
//! approuter logged in, forwarded in `Authorization: Bearer …`.
//!
//! - XSUAA ([`Verifier::xsuaa`], an `xsuaa` binding): RS256 only; the key from the
//!   token's `jku` only when that URL is `https://<host>/token_keys` on the binding's
//!   `uaadomain`, found by `kid`; `exp`/`nbf` with a leeway; the audience (`aud`, or
//!   the scopes' `xsappname` prefixes) must be the binding's client or `xsappname`; the
//!   tenant (`zid`) must be the binding's unless the binding is `tenantmode` `shared`.
//! - SAP Cloud Identity Services ([`Verifier::identity`], an `identity` binding):
//!   the issuer (`iss`, or `ias_iss` behind a custom domain) must be the binding's
//!   `url` host or on one of its `domains`; its keys come from OpenID discovery
//!   (`/.well-known/openid-configuration` → `jwks_uri` on the same host); `aud` must
//!   hold the binding's client id.
//!
//! Keys are cached per URL (one fetch however many callers wait; an unknown `kid`
//! refetches at most every 30 s). A token that fails on its face (size, shape,
//! algorithm, issuer, lifetime, audience, tenant) is refused without any request.
//!
//! ```no_run
//! # async fn demo(authorization: &str) -> Result<(), odata_runtime::Error> {
//! use odata_runtime::auth::UserToken;
//! use odata_runtime::btp::{bindings::Bindings, verify::Verifier};
//!
//! let verifier = Verifier::xsuaa(Bindings::from_env()?.find("xsuaa")?)?.build()?;
//! let token = odata_runtime::auth::UserToken::from_authorization_header(authorization)?;
//! let user = verifier.verify(token.expose()).await?;
//! if user.has_scope("Display") {
//!     // svc.business_partner().list().via_cloud_connector().as_user(user.token()) …
//! }
//! # Ok(()) }
//! ```

mod ias;
mod xsuaa;

use super::bindings::ServiceBinding;
use super::jwks::JwksCache;
use crate::auth::jwt::{self, Jws};
use crate::auth::{Authenticate, Refusal, UserToken, VerifiedUser, VerifyFuture};
use crate::Error;
use std::fmt;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The default leeway on `exp` and `nbf` for clocks that disagree.
pub const DEFAULT_LEEWAY: Duration = Duration::from_secs(60);

/// Which identity service a verifier trusts, with what its binding says.
#[derive(Clone, Debug)]
enum Trust {
    Xsuaa(xsuaa::Rules),
    Ias(ias::Rules),
}

/// Options for a [`Verifier`] beyond its binding.
#[derive(Debug)]
#[must_use]
pub struct VerifierBuilder {
    trust: Trust,
    leeway: Duration,
    timeout: Duration,
    resolve: Vec<(String, SocketAddr)>,
    tenant: Option<String>,
}

impl VerifierBuilder {
    /// How far `exp` and `nbf` may be off (default [`DEFAULT_LEEWAY`], at most 5 minutes).
    pub fn leeway(mut self, leeway: Duration) -> Self {
        self.leeway = leeway.min(Duration::from_secs(300));
        self
    }

    /// How long a key set (or OpenID configuration) may take to arrive (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Accepts only tokens of tenant `zone_id` (`zid`, IAS `app_tid`), whatever the
    /// binding's tenant mode.
    pub fn only_tenant(mut self, zone_id: &str) -> Self {
        self.tenant = Some(zone_id.to_owned());
        self
    }

    /// Sends key requests for `host` to `address` instead of looking the name up (a
    /// test landscape whose tenant hosts no DNS knows). A host pinned to a loopback
    /// address may serve its keys over plain `http`.
    pub fn resolve(mut self, host: &str, address: SocketAddr) -> Self {
        self.resolve.push((host.to_ascii_lowercase(), address));
        self
    }

    /// The verifier.
    pub fn build(self) -> Result<Verifier, Error> {
        let http = super::service_client_with(&Default::default(), self.timeout, &self.resolve)
            .map_err(|e| Error::InvalidInput(e.to_string()))?;
        let loopback_hosts =
            self.resolve.iter().filter(|(_, a)| a.ip().is_loopback()).map(|(h, _)| h.clone()).collect();
        Ok(Verifier {
            inner: Arc::new(Inner {
                trust: self.trust,
                leeway: self.leeway.as_secs() as i64,
                tenant: self.tenant,
                keys: JwksCache::new(http),
                loopback_hosts,
            }),
        })
    }
}

struct Inner {
    trust: Trust,
    leeway: i64,
    tenant: Option<String>,
    keys: JwksCache,
    /// Hosts pinned to loopback: plain `http` is no risk there.
    loopback_hosts: Vec<String>,
}

/// Verifies incoming user tokens against one binding. Cheap to clone; clones share
/// the key cache. Implements [`Authenticate`].
#[derive(Clone)]
pub struct Verifier {
    inner: Arc<Inner>,
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verifier").field("trust", &self.inner.trust).finish()
    }
}

impl Verifier {
    /// A builder for tokens XSUAA issued to the app of an `xsuaa` binding (`clientid`,
    /// `xsappname`, `uaadomain` or the host of `url`, `identityzoneid`, `tenantmode`).
    ///
    /// ```
    /// use odata_runtime::btp::{bindings::Bindings, verify::Verifier};
    ///
    /// let vcap = r#"{"xsuaa":[{"name":"uaa","label":"xsuaa","credentials":{"clientid":"sb-app!t1",
    ///     "clientsecret":"s","xsappname":"app!t1","url":"https://sub.authentication.eu10.hana.ondemand.com",
    ///     "uaadomain":"authentication.eu10.hana.ondemand.com","identityzoneid":"z-1"}}]}"#;
    /// let bindings = Bindings::from_vcap_services(vcap).unwrap();
    /// let verifier = Verifier::xsuaa(bindings.find("xsuaa").unwrap()).unwrap().build().unwrap();
    /// ```
    pub fn xsuaa(binding: &ServiceBinding) -> Result<VerifierBuilder, Error> {
        Ok(Self::builder(Trust::Xsuaa(xsuaa::Rules::from_binding(binding)?)))
    }

    /// A builder for tokens SAP Cloud Identity Services issued to the app of an
    /// `identity` binding (`clientid`, `url`, `domains`).
    pub fn identity(binding: &ServiceBinding) -> Result<VerifierBuilder, Error> {
        Ok(Self::builder(Trust::Ias(ias::Rules::from_binding(binding)?)))
    }

    fn builder(trust: Trust) -> VerifierBuilder {
        VerifierBuilder {
            trust,
            leeway: DEFAULT_LEEWAY,
            timeout: super::SERVICE_TIMEOUT,
            resolve: Vec::new(),
            tenant: None,
        }
    }

    /// Verifies `token` (without the `Bearer ` prefix): the user it names, or
    /// [`Error::Unauthenticated`] with the [`Refusal`].
    pub async fn verify(&self, token: &str) -> Result<VerifiedUser, Error> {
        self.check(token).await.map_err(Error::Unauthenticated)
    }

    async fn check(&self, token: &str) -> Result<VerifiedUser, Refusal> {
        let jws = jwt::decode(token)?;
        let inner = &*self.inner;
        // Everything the token says of itself first: no request for a token that
        // fails on its face.
        check_lifetime(&jws, inner.leeway)?;
        let source = match &inner.trust {
            Trust::Xsuaa(rules) => rules.check(&jws, |host| self.may_use_http(host))?,
            Trust::Ias(rules) => rules.check(&jws, |host| self.may_use_http(host))?,
        };
        let tenant = match &inner.trust {
            Trust::Xsuaa(_) => jws.text("zid"),
            Trust::Ias(_) => jws.text("app_tid").or(jws.text("zone_uuid")),
        };
        if inner.tenant.as_deref().is_some_and(|only| tenant != Some(only)) {
            return Err(Refusal::WrongTenant);
        }
        let key = match source {
            KeySource::Jwks(url) => inner.keys.key(&url, jws.header.kid.as_deref()).await?,
            KeySource::Discovery { issuer, headers } => {
                inner.keys.discovered_key(&issuer, jws.header.kid.as_deref(), &headers).await?
            }
        };
        if !jws.signed_by(&key) {
            return Err(Refusal::BadSignature);
        }
        let token = UserToken::from_claims(token, &jws.claims)
            .map_err(|_| Refusal::Malformed("the claims are not a user token's"))?;
        Ok(match &inner.trust {
            Trust::Xsuaa(rules) => rules.user(&jws, token),
            Trust::Ias(_) => ias::user(&jws, token),
        })
    }

    /// Whether `host` may be reached over plain `http`: loopback only.
    fn may_use_http(&self, host: &str) -> bool {
        super::is_loopback(host) || self.inner.loopback_hosts.contains(&host.to_ascii_lowercase())
    }
}

impl Authenticate for Verifier {
    fn verify<'a>(&'a self, token: &'a str) -> VerifyFuture<'a> {
        Box::pin(Verifier::verify(self, token))
    }
}

/// Where a token's signing key is found.
enum KeySource {
    /// A key set at this URL.
    Jwks(String),
    /// The `jwks_uri` of the issuer's OpenID configuration, fetched with these headers.
    Discovery { issuer: String, headers: Vec<(&'static str, String)> },
}

/// `exp` (required) and `nbf` (when present) against the clock, with `leeway` seconds.
fn check_lifetime(jws: &Jws<'_>, leeway: i64) -> Result<(), Refusal> {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
    let exp = jws.seconds("exp").ok_or(Refusal::Malformed("no exp claim"))??;
    if exp.saturating_add(leeway) <= now {
        return Err(Refusal::Expired);
    }
    if let Some(nbf) = jws.seconds("nbf").transpose()? {
        if nbf.saturating_sub(leeway) > now {
            return Err(Refusal::NotYetValid);
        }
    }
    Ok(())
}

/// Checks a URL a token names (`jku`, `iss`) before anything is fetched from it:
/// `https` (or `http` where `may_use_http` allows it for the host), no credentials,
/// no fragment; returns it parsed, with its host in lower case.
fn trusted_url(url: &str, what: &str, may_use_http: impl Fn(&str) -> bool) -> Result<(reqwest::Url, String), Refusal> {
    let untrusted = |why: String| Refusal::UntrustedIssuer(why);
    let parsed = reqwest::Url::parse(url).map_err(|_| untrusted(format!("the {what} is not a URL")))?;
    let host = parsed.host_str().unwrap_or("").to_ascii_lowercase();
    let scheme_ok = parsed.scheme() == "https" || (parsed.scheme() == "http" && may_use_http(&host));
    if !scheme_ok || host.is_empty() || !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(untrusted(format!("the {what} must be an https URL without credentials")));
    }
    if parsed.fragment().is_some() {
        return Err(untrusted(format!("the {what} has a fragment")));
    }
    Ok((parsed, host))
}

/// Whether `host` is `domain` or a host under it.
fn on_domain(host: &str, domain: &str) -> bool {
    let domain = domain.trim_start_matches('.').to_ascii_lowercase();
    !domain.is_empty() && (host == domain || host.strip_suffix(&domain).is_some_and(|rest| rest.ends_with('.')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_on_a_domain() {
        assert!(on_domain("sub.authentication.eu10.hana.ondemand.com", "authentication.eu10.hana.ondemand.com"));
        assert!(on_domain("authentication.eu10.hana.ondemand.com", "authentication.eu10.hana.ondemand.com"));
        assert!(!on_domain("evilauthentication.eu10.hana.ondemand.com", "authentication.eu10.hana.ondemand.com"));
        assert!(!on_domain("authentication.eu10.hana.ondemand.com.evil", "authentication.eu10.hana.ondemand.com"));
        assert!(!on_domain("x", ""));
    }
}
