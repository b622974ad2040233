//! The TLS stack a Cargo feature chose (rustls with ring by default, `rustls-aws-lc-rs`,
//! `native-tls`), against the sandbox XSUAA's certificate endpoint over loopback: mutual
//! TLS with an extra trusted root works, a server the client does not trust and a client
//! certificate of another CA are refused, and no process-wide crypto provider is
//! installed. CI runs this file once per TLS feature.

use odata_runtime::btp::bindings::Bindings;
use odata_runtime::btp::xsuaa::{ClientAuthentication, ClientCertificate, Xsuaa, XsuaaCredentials};
use odata_runtime::{Error, Secret};
use odata_sandbox::tls;

const CLIENT: &str = "sb-sandbox-x509-app!t1";

fn credentials(server: &odata_sandbox::xsuaa::Xsuaa) -> XsuaaCredentials {
    let vcap = serde_json::json!({ "xsuaa": [server.x509_binding("uaa", CLIENT)] }).to_string();
    XsuaaCredentials::from_binding(Bindings::from_vcap_services(&vcap).unwrap().find("xsuaa").unwrap()).unwrap()
}

fn failure(e: Error) -> (Option<u16>, String) {
    match e {
        Error::Token { status, message, .. } => (status, message),
        other => panic!("expected a token error, got {other:?}"),
    }
}

#[tokio::test]
async fn mutual_tls_on_the_chosen_stack() {
    let server = odata_sandbox::xsuaa::Xsuaa::start().await.unwrap();
    let credentials = credentials(&server);
    assert!(server.cert_url().starts_with("https://"));

    // The sandbox CA as an extra root, the client certificate for mutual TLS.
    let trusting = Xsuaa::builder(credentials.clone()).root_certificate_pem(tls::CA_PEM).build().unwrap();
    let token = trusting.client_credentials_token().await.unwrap();
    assert_eq!(server.verify_for(token.expose(), CLIENT).unwrap()["grant_type"], "client_credentials");

    // Without the root, the endpoint's certificate is not trusted: nothing is answered.
    let untrusting = Xsuaa::new(credentials.clone()).unwrap();
    let (status, message) = failure(untrusting.client_credentials_token().await.unwrap_err());
    assert_eq!(status, None);
    assert!(message.to_lowercase().contains("certificate"), "{message}");

    // A client certificate the CA did not issue fails the handshake.
    let mut stranger = credentials.clone();
    stranger.authentication = ClientAuthentication::Certificate(ClientCertificate {
        cert_url: server.cert_url().to_owned(),
        certificate: tls::SELF_SIGNED_CLIENT_CERTIFICATE_PEM.to_owned(),
        key: Secret::new(tls::SELF_SIGNED_CLIENT_KEY_PEM),
    });
    let stranger = Xsuaa::builder(stranger).root_certificate_pem(tls::CA_PEM).build().unwrap();
    let (status, _) = failure(stranger.client_credentials_token().await.unwrap_err());
    assert_eq!(status, None);
    assert_eq!(server.token_requests().len(), 1, "only the trusted client got a token");

    // Not PEM: refused when the client is built, naming what is wrong.
    let bad_root = Xsuaa::builder(credentials).root_certificate_pem("not a certificate").build().unwrap_err();
    assert!(bad_root.to_string().contains("root certificate: not PEM"), "{bad_root}");

    // The application's process-wide TLS settings are its own.
    #[cfg(all(not(feature = "native-tls"), any(feature = "rustls-ring", feature = "rustls-aws-lc-rs")))]
    assert!(rustls::crypto::CryptoProvider::get_default().is_none(), "a crypto provider was installed");
}
