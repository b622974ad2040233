//! What makes an XSUAA token trusted: its `jku` on the binding's UAA domain, its
//! audience the binding's client, its tenant one the application serves.

use super::{on_domain, trusted_url, KeySource};
use crate::auth::jwt::Jws;
use crate::auth::{Issuer, Refusal, UserToken, VerifiedUser};
use crate::btp::bindings::ServiceBinding;
use crate::Error;

/// What an `xsuaa` binding says about the tokens its app accepts.
#[derive(Clone, Debug)]
pub(super) struct Rules {
    client_id: String,
    xsappname: String,
    uaa_domain: String,
    /// The app's own tenant (`identityzoneid`), unless it serves subscribers.
    zone: Option<String>,
}

impl Rules {
    pub(super) fn from_binding(binding: &ServiceBinding) -> Result<Self, Error> {
        let uaa_domain = match binding.optional_credential("uaadomain") {
            Some(domain) => domain,
            None => {
                let url = binding.credential("url")?;
                let parsed = reqwest::Url::parse(&url).map_err(|e| binding.error(format!("credentials.url: {e}")))?;
                parsed.host_str().unwrap_or_default().to_owned()
            }
        };
        let shared = binding.optional_credential("tenantmode").is_some_and(|m| m.eq_ignore_ascii_case("shared"));
        let zone = ["identityzoneid", "zoneid", "tenantid"].iter().find_map(|k| binding.optional_credential(k));
        Ok(Rules {
            client_id: binding.credential("clientid")?,
            xsappname: binding.credential("xsappname")?,
            uaa_domain: uaa_domain.to_ascii_lowercase(),
            zone: if shared { None } else { zone },
        })
    }

    /// Checks the token's `jku`, audience and tenant; where its key is.
    pub(super) fn check(&self, jws: &Jws<'_>, may_use_http: impl Fn(&str) -> bool) -> Result<KeySource, Refusal> {
        let jku = jws.header.jku.as_deref().ok_or_else(|| Refusal::UntrustedIssuer("the header has no jku".into()))?;
        let (url, host) = trusted_url(jku, "jku", may_use_http)?;
        if !on_domain(&host, &self.uaa_domain) {
            return Err(Refusal::UntrustedIssuer(format!("the jku host is not on the UAA domain {}", self.uaa_domain)));
        }
        let zid = jws.text("zid").ok_or(Refusal::Malformed("no zid claim"))?;
        // XSUAA names the tenant in the key URL (`?zid=`); nothing else may be there.
        let query_ok = match url.query() {
            None => true,
            Some(query) => query.strip_prefix("zid=") == Some(zid),
        };
        if url.path() != "/token_keys" || !query_ok {
            return Err(Refusal::UntrustedIssuer("the jku is not <uaa host>/token_keys".into()));
        }
        if !self.is_audience(jws) {
            return Err(Refusal::WrongAudience);
        }
        if self.zone.as_deref().is_some_and(|zone| zone != zid) {
            return Err(Refusal::WrongTenant);
        }
        Ok(KeySource::Jwks(url.into()))
    }

    /// As `@sap/xssec`: the token's client is this one, or one of its audiences (`aud`,
    /// else the prefixes of its scopes), up to the first `.`, is this client or this
    /// `xsappname`.
    fn is_audience(&self, jws: &Jws<'_>) -> bool {
        if jws.text("cid").or(jws.text("client_id")) == Some(self.client_id.as_str()) {
            return true;
        }
        let mut audiences = jws.list("aud");
        if audiences.is_empty() {
            audiences = jws.list("scope").into_iter().filter(|s| s.contains('.')).collect();
        }
        audiences.iter().map(|a| a.split('.').next().unwrap_or(a)).any(|a| a == self.client_id || a == self.xsappname)
    }

    /// The verified user of a trusted token.
    pub(super) fn user(&self, jws: &Jws<'_>, token: UserToken) -> VerifiedUser {
        let text = |claim: &str| jws.text(claim).map(str::to_owned);
        VerifiedUser {
            issuer: Issuer::Xsuaa,
            user_name: text("user_name"),
            email: text("email"),
            tenant: text("zid"),
            subdomain: token.subdomain().map(str::to_owned),
            scopes: jws.list("scope"),
            scope_prefix: Some(format!("{}.", self.xsappname)),
            token,
        }
    }
}
