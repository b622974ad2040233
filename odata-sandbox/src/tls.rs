//! The sandbox's TLS material (`keys/README.md`, written by `keys/make-tls.sh`): a CA, the
//! certificate of the XSUAA stand-in's mTLS token endpoint (`certurl`) and client
//! certificates for X.509 client authentication. Sandbox keys: they protect nothing.
//!
//! ```
//! // What a client of the sandbox's `certurl` trusts:
//! assert!(odata_sandbox::tls::CA_PEM.starts_with("-----BEGIN CERTIFICATE-----"));
//! ```

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use std::sync::Arc;

/// The sandbox CA (PEM): trust it to call the sandbox's `certurl`.
pub const CA_PEM: &str = include_str!("../keys/sandbox-ca.pem");

/// The client certificate (PEM) of the sandbox's X.509 XSUAA client.
pub const X509_CLIENT_CERTIFICATE_PEM: &str = include_str!("../keys/sandbox-x509-client.pem");
/// Its private key (PKCS#1 PEM).
pub const X509_CLIENT_KEY_PEM: &str = include_str!("../keys/sandbox-x509-client.key");

/// A certificate from the same CA that no client is registered with.
pub const OTHER_CLIENT_CERTIFICATE_PEM: &str = include_str!("../keys/sandbox-other-client.pem");
/// Its private key.
pub const OTHER_CLIENT_KEY_PEM: &str = include_str!("../keys/sandbox-other-client.key");

/// A self-signed client certificate (not from the sandbox CA).
pub const SELF_SIGNED_CLIENT_CERTIFICATE_PEM: &str = include_str!("../keys/sandbox-self-signed-client.pem");
/// Its private key.
pub const SELF_SIGNED_CLIENT_KEY_PEM: &str = include_str!("../keys/sandbox-self-signed-client.key");

const ENDPOINT_CERTIFICATE_PEM: &str = include_str!("../keys/sandbox-xsuaa-cert-endpoint.pem");
const ENDPOINT_KEY_PEM: &str = include_str!("../keys/sandbox-xsuaa-cert-endpoint.key");

/// The DER of the first certificate in `pem` (what a TLS peer presents), if any.
pub fn certificate_der(pem: &str) -> Option<Vec<u8>> {
    CertificateDer::pem_slice_iter(pem.as_bytes()).next()?.ok().map(|c| c.to_vec())
}

/// A server configuration for the sandbox's mTLS endpoints: the endpoint certificate,
/// and client certificates verified against the sandbox CA. A client without a
/// certificate still connects (the handler then refuses it with a readable answer);
/// one with a certificate the CA did not issue fails the handshake.
pub(crate) fn server_config() -> Arc<rustls::ServerConfig> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut roots = rustls::RootCertStore::empty();
    for ca in CertificateDer::pem_slice_iter(CA_PEM.as_bytes()).flatten() {
        roots.add(ca).expect("the sandbox CA is a valid certificate");
    }
    let verifier = rustls::server::WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider.clone())
        .allow_unauthenticated()
        .build()
        .expect("a client verifier for the sandbox CA");
    let chain: Vec<CertificateDer<'static>> =
        CertificateDer::pem_slice_iter(ENDPOINT_CERTIFICATE_PEM.as_bytes()).flatten().collect();
    let key = PrivateKeyDer::from_pem_slice(ENDPOINT_KEY_PEM.as_bytes()).expect("the endpoint key is PEM");
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("TLS 1.2 and 1.3 with ring")
        .with_client_cert_verifier(verifier)
        .with_single_cert(chain, key)
        .expect("the endpoint certificate matches its key");
    Arc::new(config)
}
