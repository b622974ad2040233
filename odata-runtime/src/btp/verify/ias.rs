//! What makes an SAP Cloud Identity Services (IAS) token trusted: its issuer the
//! binding's tenant host or on one of the binding's domains, its audience the binding's
//! client; its keys from the issuer's OpenID configuration.

use super::{on_domain, trusted_url, KeySource};
use crate::auth::jwt::Jws;
use crate::auth::{Issuer, Refusal, UserToken, VerifiedUser};
use crate::btp::bindings::ServiceBinding;
use crate::Error;

/// What an `identity` binding says about the tokens its app accepts.
#[derive(Clone, Debug)]
pub(super) struct Rules {
    client_id: String,
    /// The host of `url` (the IAS tenant).
    host: String,
    /// `domains` (or `domain`): IAS domains and custom domains issuers may be on.
    domains: Vec<String>,
}

impl Rules {
    pub(super) fn from_binding(binding: &ServiceBinding) -> Result<Self, Error> {
        let url = binding.credential("url")?;
        let parsed = reqwest::Url::parse(&url).map_err(|e| binding.error(format!("credentials.url: {e}")))?;
        let mut domains = binding.credential_list("domains");
        domains.extend(binding.credential_list("domain"));
        Ok(Rules {
            client_id: binding.credential("clientid")?,
            host: parsed.host_str().unwrap_or_default().to_ascii_lowercase(),
            domains,
        })
    }

    /// Checks the issuer and the audience; where the keys are.
    pub(super) fn check(&self, jws: &Jws<'_>, may_use_http: impl Fn(&str) -> bool) -> Result<KeySource, Refusal> {
        // Behind a custom domain `iss` is that domain and `ias_iss` the IAS tenant.
        let candidates = [jws.text("iss"), jws.text("ias_iss")];
        let issuer = candidates.into_iter().flatten().find_map(|iss| {
            let (url, host) = trusted_url(iss, "issuer", &may_use_http).ok()?;
            let trusted = host == self.host || self.domains.iter().any(|d| on_domain(&host, d));
            (trusted && matches!(url.path(), "" | "/") && url.query().is_none()).then_some(url)
        });
        let Some(issuer) = issuer else {
            return Err(Refusal::UntrustedIssuer(if candidates.iter().all(Option::is_none) {
                "the token has no iss".into()
            } else {
                format!("the issuer is not {} or on the binding's domains", self.host)
            }));
        };
        if !jws.list("aud").contains(&self.client_id) {
            return Err(Refusal::WrongAudience);
        }
        let mut headers = vec![("x-client_id", self.client_id.clone())];
        headers.extend(jws.text("app_tid").map(|t| ("x-app_tid", t.to_owned())));
        headers.extend(jws.text("azp").map(|a| ("x-azp", a.to_owned())));
        Ok(KeySource::Discovery { issuer: issuer.origin().ascii_serialization(), headers })
    }
}

/// The verified user of a trusted IAS token: no XSUAA scopes.
pub(super) fn user(jws: &Jws<'_>, token: UserToken) -> VerifiedUser {
    let text = |claim: &str| jws.text(claim).map(str::to_owned);
    VerifiedUser {
        issuer: Issuer::Ias,
        user_name: text("user_name").or_else(|| text("email")).or_else(|| text("sub")),
        email: text("email"),
        tenant: text("app_tid").or_else(|| text("zone_uuid")),
        subdomain: None,
        scopes: Vec::new(),
        scope_prefix: None,
        token,
    }
}
