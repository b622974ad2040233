//! SAP BTP: service bindings, XSUAA tokens, Cloud Connector routing and the destination
//! service.
//!
//! - [`bindings`]: `VCAP_SERVICES` and Kubernetes-style mounted bindings.
//! - [`xsuaa`]: OAuth tokens from XSUAA (client credentials, user token exchange),
//!   cached per (token URL, client, grant, tenant, user) with one fetch per key however
//!   many callers wait.
//! - [`connectivity`]: the connectivity proxy in front of SAP Cloud Connector.
//! - [`destination`]: destinations by name, turned into clients.
//! - [`verify`]: the tokens the application receives (XSUAA, SAP Cloud Identity
//!   Services), verified into an [`auth::VerifiedUser`](crate::auth::VerifiedUser).
//! - [`UserToken`]: the claims of a user's JWT that routing needs (tenant, expiry).

pub mod bindings;
mod client;
pub mod connectivity;
pub mod destination;
mod jwks;
pub mod verify;
pub mod xsuaa;

pub use crate::auth::UserToken;

/// How long a BTP service (XSUAA, the destination service) may take to answer.
const SERVICE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// Refuses a URL that credentials would cross in clear: it must be `https`, or `http` on
/// loopback (a local stand-in), or `http` anywhere when the caller allowed it
/// explicitly (`allow_http`).
fn check_https(url: &str, allow_http: bool) -> Result<(), String> {
    let parsed = reqwest::Url::parse(url).map_err(|e| e.to_string())?;
    match parsed.scheme() {
        "https" => Ok(()),
        "http" if is_loopback(parsed.host_str().unwrap_or("")) || allow_http => Ok(()),
        scheme => Err(format!("must be https (tokens and secrets go there), not {scheme}")),
    }
}

/// Whether `host` (a URL's host, IPv6 in brackets or not) is this machine: `localhost`
/// or a loopback address, where plain `http` crosses no network.
fn is_loopback(host: &str) -> bool {
    let host = host.trim_matches(['[', ']']);
    host.eq_ignore_ascii_case("localhost") || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// The HTTP client for BTP services (XSUAA, destination service): 30 s timeout, no
/// redirects (credentials go only where they were sent).
fn service_client() -> Result<reqwest::Client, crate::Error> {
    service_client_with(None, Vec::new(), SERVICE_TIMEOUT, &[])
}

/// [`service_client`] with a client certificate for mutual TLS, extra trusted roots,
/// its own timeout and host names pinned to addresses.
fn service_client_with(
    identity: Option<reqwest::Identity>,
    roots: Vec<reqwest::Certificate>,
    timeout: std::time::Duration,
    resolve: &[(String, std::net::SocketAddr)],
) -> Result<reqwest::Client, crate::Error> {
    // reqwest is built without a TLS crypto provider; use ring unless the application
    // installed one.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut builder = reqwest::Client::builder().timeout(timeout).redirect(reqwest::redirect::Policy::none());
    if !roots.is_empty() {
        builder = builder.tls_certs_merge(roots);
    }
    if let Some(identity) = identity {
        builder = builder.identity(identity);
    }
    for (host, address) in resolve {
        builder = builder.resolve(host, *address);
    }
    builder.build().map_err(|e| crate::Error::InvalidInput(format!("HTTP client: {}", crate::error::with_sources(&e))))
}
