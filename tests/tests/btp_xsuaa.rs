//! XSUAA end to end over loopback: the runtime's token client against the sandbox's
//! XSUAA stand-in (real RS256 JWTs), bindings, caching under concurrency, refresh on
//! expiry and on a backend `401`, failures that say where and why, and no secret in any
//! output.

use odata_runtime::btp::bindings::Bindings;
use odata_runtime::btp::xsuaa::{ClientAuthentication, ClientCertificate, Xsuaa, XsuaaCredentials};
use odata_runtime::btp::UserToken;
use odata_runtime::request::{Method, RequestPlan};
use odata_runtime::{Client, Error, Version};
use odata_sandbox::faults::Fault;
use odata_sandbox::xsuaa::ClientAuthentication as SeenAuthentication;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

const CLIENT: &str = "sb-sandbox-app!t1";
const SECRET: &str = "s3cret-never-shown";

async fn sandbox() -> (odata_sandbox::xsuaa::Xsuaa, Xsuaa) {
    let server = odata_sandbox::xsuaa::Xsuaa::start().await.unwrap();
    server.register_client(CLIENT, SECRET);
    let vcap = serde_json::json!({ "xsuaa": [server.binding("app-uaa", CLIENT)] }).to_string();
    let bindings = Bindings::from_vcap_services(&vcap).unwrap();
    let client = Xsuaa::from_binding(bindings.find("xsuaa").unwrap()).unwrap();
    (server, client)
}

#[tokio::test]
async fn client_credentials_token_is_a_signed_jwt_and_is_cached() {
    let (server, xsuaa) = sandbox().await;
    let token = xsuaa.client_credentials_token().await.unwrap();
    let claims = server.verify_for(token.expose(), CLIENT).unwrap();
    assert_eq!(
        (claims["grant_type"].as_str(), claims["zid"].as_str()),
        (Some("client_credentials"), Some("sandbox-provider"))
    );
    let again = xsuaa.client_credentials_token().await.unwrap();
    assert_eq!(again.expose(), token.expose());
    assert_eq!(server.token_requests().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_concurrent_callers_cause_one_request_per_user_and_grant() {
    let (server, xsuaa) = sandbox().await;
    let alice = UserToken::parse(&server.user_token("alice", "sandbox-provider")).unwrap();
    let bob = UserToken::parse(&server.user_token("bob", "sandbox-provider")).unwrap();
    let mut tasks = Vec::new();
    for i in 0..1000 {
        let (xsuaa, alice, bob) = (xsuaa.clone(), alice.clone(), bob.clone());
        tasks.push(tokio::spawn(async move {
            let token = match i % 3 {
                0 => xsuaa.client_credentials_token().await,
                1 => xsuaa.exchange(&alice).await,
                _ => xsuaa.exchange(&bob).await,
            };
            (i % 3, token.unwrap().expose().to_owned())
        }));
    }
    let mut by_kind: [Vec<String>; 3] = Default::default();
    for task in tasks {
        let (kind, token) = task.await.unwrap();
        by_kind[kind].push(token);
    }
    let requests = server.token_requests();
    assert_eq!(requests.len(), 3, "{requests:?}");
    assert_eq!(xsuaa.requests_sent(), 3);
    for tokens in &by_kind {
        assert!(tokens.iter().all(|t| t == &tokens[0]), "one token per (user, grant)");
    }
    assert_ne!(by_kind[1][0], by_kind[2][0], "alice and bob never share a token");
    let claims = server.verify(&by_kind[2][0]).unwrap();
    assert_eq!(claims["user_name"], "bob");
    assert_eq!(claims["grant_type"], "urn:ietf:params:oauth:grant-type:jwt-bearer");
}

#[tokio::test]
async fn a_subscriber_user_gets_a_token_of_its_own_tenant() {
    let (server, xsuaa) = sandbox().await;
    let carol = UserToken::parse(&server.user_token("carol", "tenant-b")).unwrap();
    let exchanged = xsuaa.exchange(&carol).await.unwrap();
    assert_eq!(server.verify(exchanged.expose()).unwrap()["zid"], "tenant-b");
    let technical = xsuaa.client_credentials_token_for_tenant_of(&carol).await.unwrap();
    assert_eq!(server.verify(technical.expose()).unwrap()["zid"], "tenant-b");
    let provider = xsuaa.client_credentials_token().await.unwrap();
    assert_eq!(server.verify(provider.expose()).unwrap()["zid"], "sandbox-provider");
}

#[tokio::test]
async fn tokens_are_fetched_again_before_they_expire() {
    let (server, xsuaa) = sandbox().await;
    // 61 s of life and a 60 s refresh margin: fresh for one second.
    server.set_token_lifetime(61);
    xsuaa.client_credentials_token().await.unwrap();
    xsuaa.client_credentials_token().await.unwrap();
    assert_eq!(server.token_requests().len(), 1);
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    xsuaa.client_credentials_token().await.unwrap();
    assert_eq!(server.token_requests().len(), 2);
}

/// A backend that refuses the first `refusals` requests with 401 and records the
/// tokens it saw.
async fn backend(refusals: usize) -> (String, Arc<Mutex<Vec<String>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let count = Arc::new(AtomicUsize::new(0));
    let log = seen.clone();
    let addr = odata_sandbox::http::serve(move |request| {
        log.lock().unwrap().push(request.header("authorization").unwrap_or("").to_owned());
        let n = count.fetch_add(1, Ordering::SeqCst);
        async move {
            if n < refusals {
                odata_sandbox::http::json(
                    401,
                    &serde_json::json!({"error": {"code": "401", "message": "token revoked"}}),
                )
            } else {
                odata_sandbox::http::raw(200, "text/plain", "7")
            }
        }
    })
    .await
    .unwrap();
    (format!("http://{addr}/odata/"), seen)
}

fn count_plan() -> RequestPlan {
    RequestPlan::new(Method::Get, "Partners/$count", Version::V2).with_header("Accept", "text/plain")
}

#[tokio::test]
async fn a_backend_401_refreshes_the_token_once_and_retries_once() {
    let (server, xsuaa) = sandbox().await;
    let (root, seen) = backend(1).await;
    let client = Client::builder(root).auth_provider(Arc::new(xsuaa.client_credentials())).build().unwrap();
    let response = client.execute(&count_plan()).await.unwrap();
    assert_eq!(&response.body()[..], b"7");
    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 2);
    assert_ne!(seen[0], seen[1], "the retry carries a fresh token");
    assert_eq!(server.token_requests().len(), 2);
}

#[tokio::test]
async fn a_backend_that_keeps_refusing_is_an_error_not_a_loop() {
    let (server, xsuaa) = sandbox().await;
    let (root, seen) = backend(usize::MAX).await;
    let client = Client::builder(root).auth_provider(Arc::new(xsuaa.client_credentials())).build().unwrap();
    let e = client.execute(&count_plan()).await.unwrap_err();
    assert_eq!(e.status(), Some(401), "{e}");
    assert_eq!(seen.lock().unwrap().len(), 2, "one retry");
    assert_eq!(server.token_requests().len(), 2, "one refresh");
}

#[tokio::test]
async fn failed_token_fetches_say_which_endpoint_and_why() {
    let (server, xsuaa) = sandbox().await;
    let endpoint = format!("{}/oauth/token", server.url());
    let cases: Vec<(Option<Fault>, Option<u16>, &str)> = vec![
        (Some(Fault::status(500)), Some(500), "injected fault"),
        (Some(Fault::body("<html>maintenance</html>")), Some(200), "not a token response"),
        (Some(Fault::body(r#"{"token_type":"bearer"}"#)), Some(200), "no access_token"),
    ];
    for (fault, status, why) in cases {
        server.set_fault(fault);
        let e = xsuaa.client_credentials_token().await.unwrap_err();
        match &e {
            Error::Token { endpoint: at, status: s, message } => {
                assert_eq!((at.as_str(), *s), (endpoint.as_str(), status));
                assert!(message.contains(why), "{message}");
            }
            other => panic!("expected a token error, got {other:?}"),
        }
        assert!(e.to_string().contains(&endpoint), "{e}");
    }
    server.set_fault(None);
    // A wrong secret: XSUAA's own words.
    server.register_client(CLIENT, "rotated");
    let e = xsuaa.client_credentials_token().await.unwrap_err();
    assert!(matches!(&e, Error::Token { status: Some(401), message, .. } if message == "Bad credentials"), "{e:?}");
    // Nobody listening.
    let vcap = serde_json::json!({"xsuaa": [{"name": "gone", "credentials": {
        "clientid": CLIENT, "clientsecret": SECRET, "url": "http://127.0.0.1:9"}}]});
    let gone =
        Xsuaa::from_binding(Bindings::from_vcap_services(&vcap.to_string()).unwrap().find("gone").unwrap()).unwrap();
    let e = gone.client_credentials_token().await.unwrap_err();
    assert!(
        matches!(&e, Error::Token { status: None, endpoint, .. } if endpoint == "http://127.0.0.1:9/oauth/token"),
        "{e:?}"
    );
}

#[tokio::test]
async fn no_secret_or_token_in_any_output() {
    let (server, xsuaa) = sandbox().await;
    let user = server.user_token("alice", "sandbox-provider");
    let parsed = UserToken::parse(&user).unwrap();
    let exchanged = xsuaa.exchange(&parsed).await.unwrap();
    let cc = xsuaa.client_credentials_token().await.unwrap();
    server.register_client(CLIENT, "rotated");
    xsuaa.invalidate(odata_runtime::btp::xsuaa::Grant::ClientCredentials, None);
    let error = xsuaa.client_credentials_token().await.unwrap_err();
    let bindings =
        Bindings::from_vcap_services(&serde_json::json!({"xsuaa": [server.binding("b", CLIENT)]}).to_string()).unwrap();
    let outputs = [
        format!("{xsuaa:?}"),
        format!("{:?}", xsuaa.client_credentials()),
        format!("{:?}", xsuaa.user_exchange(parsed.clone())),
        format!("{parsed:?}"),
        format!("{exchanged:?}"),
        format!("{cc:?}"),
        format!("{error:?} {error}"),
        format!("{bindings:?}"),
    ];
    for text in outputs {
        for secret in [SECRET, "rotated", user.as_str(), exchanged.expose(), cc.expose()] {
            assert!(!text.contains(secret), "a secret in {text}");
        }
    }
}

#[test]
fn bindings_from_mounted_files_and_clear_errors() {
    let root = std::env::temp_dir().join(format!("odata-rs-bindings-{}", std::process::id()));
    let dir = root.join("my-uaa");
    std::fs::create_dir_all(&dir).unwrap();
    for (file, value) in
        [("type", "xsuaa\n"), ("clientid", CLIENT), ("clientsecret", SECRET), ("url", "https://sub.auth.example")]
    {
        std::fs::write(dir.join(file), value).unwrap();
    }
    let bindings = Bindings::from_dir(&root).unwrap();
    let b = bindings.find("xsuaa").unwrap();
    assert_eq!((b.name(), b.credential("url").unwrap().as_str()), ("my-uaa", "https://sub.auth.example"));
    assert!(Xsuaa::from_binding(b).is_ok());
    std::fs::remove_file(dir.join("clientsecret")).unwrap();
    let e = Bindings::from_dir(&root).unwrap().find("xsuaa").and_then(Xsuaa::from_binding).unwrap_err();
    assert_eq!(e.to_string(), "service binding `my-uaa`: no credentials.clientsecret");
    std::fs::remove_dir_all(&root).unwrap();

    let e = Bindings::from_vcap_services(r#"{"destination":[]}"#).unwrap().find("xsuaa").unwrap_err();
    assert_eq!(e.to_string(), "service binding `xsuaa`: no such binding (by name, label or tag)");
    let two = r#"{"xsuaa":[{"name":"a","credentials":{}},{"name":"b","credentials":{}}]}"#;
    let e = Bindings::from_vcap_services(two).unwrap().find("xsuaa").unwrap_err();
    assert_eq!(e.to_string(), "service binding `xsuaa`: 2 bindings match; pick one by name: a, b");
    let plain_http =
        r#"{"xsuaa":[{"name":"a","credentials":{"clientid":"c","clientsecret":"s","url":"http://uaa.example"}}]}"#;
    let e = Xsuaa::from_binding(Bindings::from_vcap_services(plain_http).unwrap().find("a").unwrap()).unwrap_err();
    assert!(e.to_string().contains("must be https"), "{e}");
}

// X.509: bindings with `credential-type` `x509` authenticate over mutual TLS at `certurl`.

const X509_CLIENT: &str = "sb-sandbox-x509-app!t1";

fn x509_credentials(server: &odata_sandbox::xsuaa::Xsuaa) -> XsuaaCredentials {
    let vcap = serde_json::json!({ "xsuaa": [server.x509_binding("app-uaa-x509", X509_CLIENT)] }).to_string();
    XsuaaCredentials::from_binding(Bindings::from_vcap_services(&vcap).unwrap().find("xsuaa").unwrap()).unwrap()
}

fn trusting_the_sandbox(credentials: XsuaaCredentials) -> Xsuaa {
    Xsuaa::builder(credentials).root_certificate_pem(odata_sandbox::tls::CA_PEM).build().unwrap()
}

#[tokio::test]
async fn an_x509_binding_gets_tokens_over_mutual_tls_and_sends_no_secret() {
    let sandbox = odata_sandbox::Sandbox::start().await.unwrap();
    let server = &sandbox.xsuaa;
    let credentials = x509_credentials(server);
    assert!(credentials.url != server.cert_url() && server.cert_url().starts_with("https://"));
    let xsuaa = trusting_the_sandbox(credentials);

    let token = xsuaa.client_credentials_token().await.unwrap();
    assert_eq!(server.verify_for(token.expose(), X509_CLIENT).unwrap()["grant_type"], "client_credentials");
    let alice = UserToken::parse(&sandbox.log_in("alice")).unwrap();
    let exchanged = xsuaa.exchange(&alice).await.unwrap();
    assert_eq!(server.verify_for(exchanged.expose(), X509_CLIENT).unwrap()["user_name"], "alice");
    let seen = server.token_requests();
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert!(seen
        .iter()
        .all(|r| r.client_id == X509_CLIENT && r.client_authentication == SeenAuthentication::Certificate));

    // The token works like any other: a count from the sandbox's Gateway.
    let client =
        Client::builder(sandbox.gateway.url()).auth_provider(Arc::new(xsuaa.client_credentials())).build().unwrap();
    let plan =
        RequestPlan::new(Method::Get, "A_BusinessPartner/$count", Version::V2).with_header("Accept", "text/plain");
    let response = client.execute(&plan).await.unwrap();
    assert_eq!(&response.body()[..], b"6");
    assert_eq!(server.token_requests().len(), 2, "the cached token was used");

    // The certificate is public, the key is not: neither Debug output shows it.
    let key_body = odata_sandbox::tls::X509_CLIENT_KEY_PEM.lines().nth(1).unwrap();
    for text in [format!("{xsuaa:?}"), format!("{:?}", x509_credentials(server)), format!("{token:?}")] {
        assert!(!text.contains(key_body) && !text.contains("PRIVATE KEY"), "{text}");
    }
}

#[tokio::test]
async fn x509_failures_say_which_endpoint_and_why() {
    use odata_sandbox::tls;
    let server = odata_sandbox::xsuaa::Xsuaa::start().await.unwrap();
    let credentials = x509_credentials(&server);
    let endpoint = format!("{}/oauth/token", server.cert_url());
    let with_certificate = |certificate: &str, key: &str| {
        let mut c = credentials.clone();
        c.authentication = ClientAuthentication::Certificate(ClientCertificate {
            cert_url: server.cert_url().to_owned(),
            certificate: certificate.to_owned(),
            key: odata_runtime::Secret::new(key),
        });
        c
    };
    let token_error = |e: Error| match e {
        Error::Token { endpoint: at, status, message } => {
            assert_eq!(at, endpoint);
            (status, message)
        }
        other => panic!("expected a token error, got {other:?}"),
    };

    // The endpoint's certificate is not trusted without the sandbox CA: no request is answered.
    let untrusting = Xsuaa::new(credentials.clone()).unwrap();
    let (status, message) = token_error(untrusting.client_credentials_token().await.unwrap_err());
    assert_eq!(status, None);
    assert!(message.to_lowercase().contains("certificate"), "{message}");

    // A valid certificate of the same CA, registered for another client (here: none).
    let other = trusting_the_sandbox(with_certificate(tls::OTHER_CLIENT_CERTIFICATE_PEM, tls::OTHER_CLIENT_KEY_PEM));
    let (status, message) = token_error(other.client_credentials_token().await.unwrap_err());
    assert_eq!(status, Some(401));
    assert_eq!(message, format!("the client certificate is not registered for client {X509_CLIENT:?}"));

    // A certificate the CA did not issue fails the TLS handshake.
    let stranger = trusting_the_sandbox(with_certificate(
        tls::SELF_SIGNED_CLIENT_CERTIFICATE_PEM,
        tls::SELF_SIGNED_CLIENT_KEY_PEM,
    ));
    let (status, _) = token_error(stranger.client_credentials_token().await.unwrap_err());
    assert_eq!(status, None);
    assert!(server.token_requests().is_empty(), "no token was issued");

    // Bindings: what is missing or wrong is named before any I/O.
    let binding = |credentials: serde_json::Value| {
        let vcap = serde_json::json!({"xsuaa": [{"name": "uaa", "credentials": credentials}]}).to_string();
        let bindings = Bindings::from_vcap_services(&vcap).unwrap();
        Xsuaa::from_binding(bindings.find("uaa").unwrap()).map(|_| ()).unwrap_err().to_string()
    };
    let x509 = |extra: serde_json::Value| {
        let mut c = serde_json::json!({"clientid": X509_CLIENT, "url": "https://uaa.example", "credential-type": "x509",
            "certurl": "https://uaa.cert.example", "certificate": tls::X509_CLIENT_CERTIFICATE_PEM, "key": tls::X509_CLIENT_KEY_PEM});
        for (k, v) in extra.as_object().unwrap() {
            match v {
                serde_json::Value::Null => c.as_object_mut().unwrap().remove(k),
                v => c.as_object_mut().unwrap().insert(k.clone(), v.clone()),
            };
        }
        c
    };
    assert_eq!(binding(x509(serde_json::json!({"key": null}))), "service binding `uaa`: no credentials.key");
    assert!(binding(x509(serde_json::json!({"certurl": "http://127.0.0.1:1"}))).contains("certurl must be https"));
    let e = binding(x509(
        serde_json::json!({"key": "-----BEGIN RSA PRIVATE KEY-----\nnot base64\n-----END RSA PRIVATE KEY-----"}),
    ));
    assert!(e.contains("not a PEM certificate and private key"), "{e}");
    assert!(!e.contains("not base64"), "the key is not quoted: {e}");
    // SAP's other names for certificate credentials.
    let e = binding(x509(serde_json::json!({"credential-type": "X509_GENERATED", "certificate": null})));
    assert_eq!(e, "service binding `uaa`: no credentials.certificate");
}

/// A user token nobody signed (`alg: none`), naming tenant `zone` on subdomain `zdn`.
fn forged_user(zdn: &str, zone: &str) -> UserToken {
    use base64::Engine;
    let enc = |v: serde_json::Value| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string());
    let header = enc(serde_json::json!({"alg": "none", "typ": "JWT"}));
    let claims = enc(
        serde_json::json!({"user_name": "mallory", "zid": zone, "ext_attr": {"zdn": zdn}, "exp": 4_000_000_000u64}),
    );
    UserToken::parse(&format!("{header}.{claims}.")).unwrap()
}

/// A loopback listener that counts the connections made to it (and answers none).
async fn listener() -> (std::net::SocketAddr, Arc<AtomicUsize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let seen = Arc::new(AtomicUsize::new(0));
    let counter = seen.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            counter.fetch_add(1, Ordering::SeqCst);
            drop(socket);
        }
    });
    (address, seen)
}

/// A token client on the sandbox's tenant hosts (`<subdomain>.authentication.sandbox.localhost`),
/// the provider's and `subscribers`' names pinned to the stand-in, every other name and
/// `attacker.invalid` pinned to `trap`.
fn tenant_client(server: &odata_sandbox::xsuaa::Xsuaa, subscribers: &[&str], trap: std::net::SocketAddr) -> Xsuaa {
    use odata_sandbox::xsuaa::Xsuaa as Stand;
    let vcap = serde_json::json!({ "xsuaa": [server.tenant_binding("app-uaa", CLIENT)] }).to_string();
    let bindings = Bindings::from_vcap_services(&vcap).unwrap();
    let credentials = XsuaaCredentials::from_binding(bindings.find("xsuaa").unwrap()).unwrap();
    let mut builder = Xsuaa::builder(credentials).allow_insecure_http().timeout(std::time::Duration::from_secs(2));
    for tenant in subscribers.iter().chain([&odata_sandbox::xsuaa::PROVIDER_ZONE]) {
        builder = builder.resolve(&Stand::tenant_host(tenant), server.address());
    }
    for host in ["attacker.invalid", "a", "b", "x", "evil", "localhost.attacker.invalid"] {
        builder = builder.resolve(host, trap);
    }
    builder.build().unwrap()
}

#[tokio::test]
async fn a_forged_subdomain_never_moves_the_token_request_off_the_uaa_domain() {
    let server = odata_sandbox::xsuaa::Xsuaa::start().await.unwrap();
    server.register_client(CLIENT, SECRET);
    let (trap, trapped) = listener().await;
    let xsuaa = tenant_client(&server, &["subscriber-a"], trap);
    let destinations =
        odata_runtime::btp::destination::DestinationService::new(&format!("http://{trap}"), xsuaa.clone()).unwrap();
    let long = "a".repeat(64);
    let aimed = [format!("{trap}/x?"), format!("{trap}#"), format!("u@{trap}/"), format!("127.0.0.1:{}", trap.port())];
    let mut forged: Vec<&str> = vec![
        "a/b",
        "a?x",
        "a#",
        "a@b",
        "a:1",
        "a.b",
        "..",
        &long,
        "",
        "çé",
        "a%2Fb",
        "attacker.invalid/x?",
        "attacker.invalid#",
        "evil.attacker.invalid:80/",
    ];
    forged.extend(aimed.iter().map(String::as_str));
    for zdn in forged {
        let user = forged_user(zdn, "subscriber-a");
        for result in [
            xsuaa.exchange(&user).await.map(drop),
            xsuaa.client_credentials_token_for_tenant_of(&user).await.map(drop),
            destinations.find("S4", Some(&user)).await.map(drop),
        ] {
            assert!(
                matches!(&result, Err(Error::InvalidInput(m)) if m.contains("single DNS label")),
                "{zdn:?}: {result:?}"
            );
        }
    }
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    assert_eq!(trapped.load(Ordering::SeqCst), 0, "the trap was reached");
    assert!(server.token_requests().is_empty(), "{:?}", server.token_requests());

    // A valid subdomain goes to its own tenant host on the UAA domain (and nowhere else).
    let carol = UserToken::parse(&server.user_token("carol", "subscriber-a")).unwrap();
    let exchanged = xsuaa.exchange(&carol).await.unwrap();
    assert_eq!(server.verify(exchanged.expose()).unwrap()["zid"], "subscriber-a");
    let technical = xsuaa.client_credentials_token_for_tenant_of(&carol).await.unwrap();
    assert_eq!(server.verify(technical.expose()).unwrap()["zid"], "subscriber-a");
    let provider = xsuaa.client_credentials_token().await.unwrap();
    assert_eq!(server.verify(provider.expose()).unwrap()["zid"], "sandbox-provider");
    let port = server.address().port();
    let hosts: Vec<String> = server.token_requests().into_iter().map(|r| r.host).collect();
    assert_eq!(
        hosts,
        [
            format!("subscriber-a.authentication.sandbox.localhost:{port}"),
            format!("subscriber-a.authentication.sandbox.localhost:{port}"),
            format!("sandbox-provider.authentication.sandbox.localhost:{port}"),
        ]
    );
    assert_eq!(trapped.load(Ordering::SeqCst), 0, "the trap was reached");
}

#[test]
fn a_user_token_is_the_bare_jwt() {
    let bearer = UserToken::parse("Bearer eyJhbGciOiJub25lIn0.e30.").unwrap_err();
    assert!(bearer.to_string().contains("`Bearer `"), "{bearer}");
    let lower = UserToken::parse("bearer eyJhbGciOiJub25lIn0.e30.").unwrap_err();
    assert!(lower.to_string().contains("`Bearer `"), "{lower}");
    let broken = UserToken::parse("eyJhbGciOiJub25lIn0.e30.\r\nX-Evil: 1").unwrap_err();
    assert!(broken.to_string().contains("base64url"), "{broken}");
}
