//! The HTTP stack every client of this crate is built on: which TLS implementation,
//! which extra roots and client certificate, and that redirects are never followed by
//! reqwest (the callers decide what a redirect may carry).
//!
//! The TLS stack is a Cargo feature: `rustls-ring` (the default), `rustls-aws-lc-rs`
//! or `native-tls`. When several are enabled, `native-tls` wins over
//! `rustls-aws-lc-rs`, which wins over `rustls-ring`. With rustls, the process-wide
//! default crypto provider is used when the application installed one, else the
//! feature's; nothing is installed process-wide. With no TLS feature, only plain
//! `http` URLs work.
//!
//! Proxies from the environment (`HTTP_PROXY`, `HTTPS_PROXY`, `ALL_PROXY`, `NO_PROXY`,
//! also in lower case) apply to clients built here unless a proxy is set explicitly:
//! the Cloud Connector client sets the connectivity proxy, so its calls never go to an
//! environment proxy.

/// TLS material for one HTTP client, as PEM text.
#[derive(Default)]
pub(crate) struct Tls<'a> {
    /// A client certificate (chain) and its private key, for mutual TLS.
    pub(crate) identity: Option<(&'a str, &'a str)>,
    /// CA certificates trusted besides the platform's roots.
    pub(crate) roots: &'a [String],
}

/// Why TLS material could not be used: what was wrong, never the key itself.
#[derive(Debug)]
// Which variants a stack can produce depends on the TLS feature.
#[allow(dead_code)]
pub(crate) enum TlsError {
    /// A root is not a PEM certificate.
    Root(String),
    /// The certificate or key is not a PEM certificate and private key.
    Identity,
    /// The TLS stack refused the configuration.
    Stack(String),
}

/// A reqwest builder on the chosen TLS stack with `tls`, no redirects and no
/// `Referer`.
pub(crate) fn builder(tls: &Tls<'_>) -> Result<reqwest::ClientBuilder, TlsError> {
    let builder = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).referer(false);
    stack::configure(builder, tls)
}

#[cfg(feature = "native-tls")]
mod stack {
    use super::{Tls, TlsError};

    pub(super) fn configure(
        builder: reqwest::ClientBuilder,
        tls: &Tls<'_>,
    ) -> Result<reqwest::ClientBuilder, TlsError> {
        let mut builder = builder.tls_backend_native();
        let mut roots = Vec::new();
        for pem in tls.roots {
            let certificates = reqwest::Certificate::from_pem_bundle(pem.as_bytes())
                .map_err(|e| TlsError::Root(crate::error::with_sources(&e)))?;
            if certificates.is_empty() {
                return Err(TlsError::Root("no certificate in it".into()));
            }
            roots.extend(certificates);
        }
        if !roots.is_empty() {
            builder = builder.tls_certs_merge(roots);
        }
        if let Some((certificate, key)) = tls.identity {
            let key = pkcs8_pem(key).ok_or(TlsError::Identity)?;
            let identity = reqwest::Identity::from_pkcs8_pem(certificate.as_bytes(), key.as_bytes())
                .map_err(|_| TlsError::Identity)?;
            builder = builder.identity(identity);
        }
        Ok(builder)
    }

    /// The key as PKCS#8 PEM, which native-tls requires: XSUAA hands out RSA keys in
    /// PKCS#1 form (`BEGIN RSA PRIVATE KEY`), wrapped here in a PKCS#8 `PrivateKeyInfo`.
    pub(super) fn pkcs8_pem(key: &str) -> Option<String> {
        use base64::Engine;
        const RSA: (&str, &str) = ("-----BEGIN RSA PRIVATE KEY-----", "-----END RSA PRIVATE KEY-----");
        if key.contains("-----BEGIN PRIVATE KEY-----") {
            return Some(key.to_owned());
        }
        let body = key.split_once(RSA.0)?.1.split_once(RSA.1)?.0;
        let body: String = body.chars().filter(|c| !c.is_ascii_whitespace()).collect();
        let pkcs1 = base64::engine::general_purpose::STANDARD.decode(body).ok()?;
        // version 0, AlgorithmIdentifier { rsaEncryption, NULL }, OCTET STRING pkcs1
        let mut info = vec![0x02, 0x01, 0x00];
        info.extend([0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00]);
        der(&mut info, 0x04, &pkcs1);
        let mut pkcs8 = Vec::new();
        der(&mut pkcs8, 0x30, &info);
        let encoded = base64::engine::general_purpose::STANDARD.encode(pkcs8);
        let mut pem = String::from("-----BEGIN PRIVATE KEY-----\n");
        for line in encoded.as_bytes().chunks(64) {
            pem.push_str(std::str::from_utf8(line).ok()?);
            pem.push('\n');
        }
        pem.push_str("-----END PRIVATE KEY-----\n");
        Some(pem)
    }

    /// Appends a DER value: tag, definite length, content.
    fn der(out: &mut Vec<u8>, tag: u8, content: &[u8]) {
        out.push(tag);
        let len = content.len();
        if len < 0x80 {
            out.push(len as u8);
        } else {
            let bytes: Vec<u8> = len.to_be_bytes().into_iter().skip_while(|b| *b == 0).collect();
            out.push(0x80 | bytes.len() as u8);
            out.extend(bytes);
        }
        out.extend_from_slice(content);
    }
}

#[cfg(all(not(feature = "native-tls"), any(feature = "rustls-ring", feature = "rustls-aws-lc-rs")))]
mod stack {
    use super::{Tls, TlsError};
    use rustls::crypto::CryptoProvider;
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    use std::sync::Arc;

    /// The application's process default, else the feature's provider.
    fn provider() -> Arc<CryptoProvider> {
        if let Some(installed) = CryptoProvider::get_default() {
            return installed.clone();
        }
        #[cfg(feature = "rustls-aws-lc-rs")]
        return Arc::new(rustls::crypto::aws_lc_rs::default_provider());
        #[cfg(not(feature = "rustls-aws-lc-rs"))]
        return Arc::new(rustls::crypto::ring::default_provider());
    }

    pub(super) fn configure(
        builder: reqwest::ClientBuilder,
        tls: &Tls<'_>,
    ) -> Result<reqwest::ClientBuilder, TlsError> {
        let provider = provider();
        let mut roots = Vec::new();
        for pem in tls.roots {
            let before = roots.len();
            for certificate in CertificateDer::pem_slice_iter(pem.as_bytes()) {
                roots.push(certificate.map_err(|e| TlsError::Root(e.to_string()))?);
            }
            if roots.len() == before {
                return Err(TlsError::Root("no certificate in it".into()));
            }
        }
        let verifier = if roots.is_empty() {
            rustls_platform_verifier::Verifier::new(provider.clone())
        } else {
            rustls_platform_verifier::Verifier::new_with_extra_roots(roots, provider.clone())
        }
        .map_err(|e| TlsError::Stack(e.to_string()))?;
        let config = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| TlsError::Stack(e.to_string()))?
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(verifier));
        let mut config = match tls.identity {
            None => config.with_no_client_auth(),
            Some((certificate, key)) => {
                let chain = CertificateDer::pem_slice_iter(certificate.as_bytes())
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|_| TlsError::Identity)?;
                let key = PrivateKeyDer::from_pem_slice(key.as_bytes()).map_err(|_| TlsError::Identity)?;
                if chain.is_empty() {
                    return Err(TlsError::Identity);
                }
                config.with_client_auth_cert(chain, key).map_err(|_| TlsError::Identity)?
            }
        };
        // reqwest is built for HTTP/1.1 only.
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        Ok(builder.tls_backend_preconfigured(config))
    }
}

#[cfg(not(any(feature = "native-tls", feature = "rustls-ring", feature = "rustls-aws-lc-rs")))]
mod stack {
    use super::{Tls, TlsError};

    pub(super) fn configure(
        builder: reqwest::ClientBuilder,
        tls: &Tls<'_>,
    ) -> Result<reqwest::ClientBuilder, TlsError> {
        if tls.identity.is_some() || !tls.roots.is_empty() {
            return Err(TlsError::Stack(
                "odata-runtime was built without a TLS stack (features rustls-ring, rustls-aws-lc-rs, native-tls)"
                    .into(),
            ));
        }
        Ok(builder)
    }
}

impl std::fmt::Display for TlsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TlsError::Root(why) => write!(f, "root certificate: not PEM ({why})"),
            TlsError::Identity => f.write_str("the certificate and key are not a PEM certificate and private key"),
            TlsError::Stack(why) => write!(f, "TLS: {why}"),
        }
    }
}
