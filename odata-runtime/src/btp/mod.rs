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
use crate::client::http::{Tls, TlsError};

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
    service_client_with(&Tls::default(), SERVICE_TIMEOUT, &[]).map_err(|e| crate::Error::InvalidInput(e.to_string()))
}

/// Why a BTP service client could not be built: its TLS material, or the HTTP stack.
enum ServiceClientError {
    Tls(TlsError),
    Http(String),
}

impl std::fmt::Display for ServiceClientError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let why: &dyn std::fmt::Display = match self {
            ServiceClientError::Tls(e) => e,
            ServiceClientError::Http(e) => e,
        };
        write!(f, "HTTP client: {why}")
    }
}

/// [`service_client`] with a client certificate for mutual TLS and extra trusted roots
/// (`tls`), its own timeout and host names pinned to addresses.
fn service_client_with(
    tls: &Tls<'_>,
    timeout: std::time::Duration,
    resolve: &[(String, std::net::SocketAddr)],
) -> Result<reqwest::Client, ServiceClientError> {
    let mut builder = crate::client::http::builder(tls).map_err(ServiceClientError::Tls)?.timeout(timeout);
    for (host, address) in resolve {
        builder = builder.resolve(host, *address);
    }
    builder.build().map_err(|e| ServiceClientError::Http(crate::error::with_sources(&e)))
}
