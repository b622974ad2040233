//! Verifying the users an app receives, end to end over loopback: tokens of the
//! sandbox's XSUAA and IAS stand-ins verified against their bindings (keys fetched
//! from the stand-ins), a suite of hostile tokens each refused with its reason (and
//! without a request when it fails on its face), the key set fetched once for a
//! thousand concurrent first requests, and the axum layer answering 401/403/200 to
//! real HTTP requests.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use odata_runtime::auth::{Issuer, Refusal, UserToken, VerifiedUser};
use odata_runtime::btp::bindings::Bindings;
use odata_runtime::btp::connectivity::Connectivity;
use odata_runtime::btp::verify::Verifier;
use odata_runtime::Error;
use odata_sandbox::xsuaa::{Xsuaa, PROVIDER_ZONE};
use odata_sandbox::{Sandbox, APP_CLIENT};
use serde_json::{json, Value};

odata_derive::service! {
    mod bp = "../metadata-samples/API_BUSINESS_PARTNER.edmx";
}

const JWT_BEARER: &str = "urn:ietf:params:oauth:grant-type:jwt-bearer";

fn bindings(vcap: Value) -> Bindings {
    Bindings::from_vcap_services(&vcap.to_string()).unwrap()
}

fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64
}

/// The refusal of a verification that must fail.
async fn refusal(verifier: &Verifier, token: &str) -> Refusal {
    match verifier.verify(token).await {
        Err(Error::Unauthenticated(refusal)) => refusal,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// An XSUAA stand-in with the app's client, and a verifier for the app's binding.
async fn xsuaa_world(binding: impl Fn(&Xsuaa) -> Value) -> (Xsuaa, Verifier) {
    let xsuaa = Xsuaa::start().await.unwrap();
    xsuaa.register_client(APP_CLIENT, "secret");
    let b = bindings(json!({ "xsuaa": [binding(&xsuaa)] }));
    let verifier = Verifier::xsuaa(b.find("xsuaa").unwrap()).unwrap().build().unwrap();
    (xsuaa, verifier)
}

fn app_binding(xsuaa: &Xsuaa) -> Value {
    xsuaa.binding("app-uaa", APP_CLIENT)
}

/// The claims of a valid user token of the app (what the stand-in issues), to forge from.
fn claims_of(token: &str) -> Value {
    let payload = token.split('.').nth(1).unwrap();
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap()
}

fn header_of(token: &str) -> Value {
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(token.split('.').next().unwrap()).unwrap()).unwrap()
}

fn enc(value: &Value) -> String {
    URL_SAFE_NO_PAD.encode(value.to_string())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_xsuaa_user_is_verified_with_its_tenant_and_scopes() {
    let (xsuaa, verifier) = xsuaa_world(app_binding).await;
    let token = xsuaa.user_token_for("alice", PROVIDER_ZONE, APP_CLIENT, &["Display"]);
    let user = verifier.verify(&token).await.unwrap();
    assert_eq!(user.user_name(), Some("alice"));
    assert_eq!(user.email(), Some("alice@sandbox.example"));
    assert_eq!((user.tenant(), user.subdomain()), (Some(PROVIDER_ZONE), Some(PROVIDER_ZONE)));
    assert_eq!(user.issuer(), Issuer::Xsuaa);
    assert!(user.has_scope("Display"), "{:?}", user.scopes());
    assert!(!user.has_scope("Admin") && !user.has_scope("openid"));
    assert!(user.scopes().contains(&"quickstart!t7.Display".to_owned()));
    assert_eq!(user.token().expose(), token);
    assert!(!format!("{user:?}").contains(&token));
    // The key was fetched once; the second token is checked with the cached key.
    let bob = xsuaa.user_token_for("bob", PROVIDER_ZONE, APP_CLIENT, &[]);
    let bob = verifier.verify(&bob).await.unwrap();
    assert!(!bob.has_scope("Display"));
    assert_eq!(xsuaa.key_requests(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_concurrent_first_requests_fetch_the_keys_once() {
    let (xsuaa, verifier) = xsuaa_world(app_binding).await;
    let tokens: Vec<String> =
        (0..1000).map(|i| xsuaa.user_token_for(&format!("user{i}"), PROVIDER_ZONE, APP_CLIENT, &["Display"])).collect();
    let verifications = tokens.iter().map(|t| {
        let verifier = verifier.clone();
        let t = t.clone();
        tokio::spawn(async move { verifier.verify(&t).await.map(|u| u.user_name().map(str::to_owned)) })
    });
    let results = futures_util::future::join_all(verifications).await;
    for (i, result) in results.into_iter().enumerate() {
        assert_eq!(result.unwrap().unwrap(), Some(format!("user{i}")));
    }
    assert_eq!(xsuaa.key_requests(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_tokens_are_refused_each_with_its_reason() {
    let (xsuaa, verifier) = xsuaa_world(app_binding).await;
    let good = xsuaa.user_token_for("alice", PROVIDER_ZONE, APP_CLIENT, &["Display"]);
    let claims = claims_of(&good);
    let header = header_of(&good);
    let [h, p, s]: [&str; 3] = good.split('.').collect::<Vec<_>>().try_into().unwrap();

    // On its face: no request goes out for any of these.
    let none = format!("{}.{p}.", enc(&json!({"alg": "none", "typ": "JWT"})));
    assert_eq!(refusal(&verifier, &none).await, Refusal::Algorithm("none".into()));
    // HS256 with the RSA public key as the HMAC secret (the classic key confusion).
    let public = odata_sandbox::jwt::Signer::sandbox().public_key_der().to_vec();
    let hs_input = format!("{}.{p}", enc(&json!({"alg": "HS256", "typ": "JWT", "jku": header["jku"]})));
    let mac = ring::hmac::sign(&ring::hmac::Key::new(ring::hmac::HMAC_SHA256, &public), hs_input.as_bytes());
    let hs256 = format!("{hs_input}.{}", URL_SAFE_NO_PAD.encode(mac.as_ref()));
    assert_eq!(refusal(&verifier, &hs256).await, Refusal::Algorithm("HS256".into()));
    let mut expired = claims.clone();
    expired["exp"] = json!(now() - 120);
    assert_eq!(refusal(&verifier, &xsuaa.sign_with_header(&header, &expired)).await, Refusal::Expired);
    let mut early = claims.clone();
    early["nbf"] = json!(now() + 600);
    assert_eq!(refusal(&verifier, &xsuaa.sign_with_header(&header, &early)).await, Refusal::NotYetValid);
    // Issued to the approuter's own client, not to this app.
    let other_client = xsuaa.user_token("alice", PROVIDER_ZONE);
    assert_eq!(refusal(&verifier, &other_client).await, Refusal::WrongAudience);
    let subscriber = xsuaa.user_token_for("alice", "subscriber-b", APP_CLIENT, &["Display"]);
    assert_eq!(refusal(&verifier, &subscriber).await, Refusal::WrongTenant);
    let truncated = &good[..h.len() + 10];
    assert!(matches!(refusal(&verifier, truncated).await, Refusal::Malformed(_)));
    let huge = format!("{h}.{}.{s}", "A".repeat(100_000));
    assert!(matches!(refusal(&verifier, &huge).await, Refusal::Malformed(_)));
    for not_a_jwt in ["", "Bearer x.y.z", "a.b.c", "eyJ.e30.", &format!("{h}.{p}.{s}.{s}")] {
        assert!(matches!(refusal(&verifier, not_a_jwt).await, Refusal::Malformed(_) | Refusal::Algorithm(_)));
    }
    // A key set elsewhere than the UAA domain is never asked: the attacker's keys
    // would sign anything. The attacker serves them at /token_keys on loopback.
    let attacker = odata_sandbox::jwt::Signer::ias();
    let asked = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let counter = asked.clone();
    let jwk = attacker.jwk();
    let evil = odata_sandbox::http::serve(move |_| {
        counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let keys = json!({ "keys": [jwk.clone()] });
        async move { odata_sandbox::http::json(200, &keys) }
    })
    .await
    .unwrap();
    let port = evil.port();
    for jku in [
        format!("http://localhost:{port}/token_keys"),
        format!("http://127.0.0.1.nip.io:{port}/token_keys"),
        format!("http://[::1]:{port}/token_keys"),
        format!("{}/token_keys?jku=http://localhost:{port}", xsuaa.url()),
        format!("{}/other_keys", xsuaa.url()),
        format!("http://u:p@127.0.0.1:{port}/token_keys"),
    ] {
        let mut forged = header.clone();
        forged["jku"] = json!(jku);
        forged["kid"] = json!(odata_sandbox::jwt::IAS_KEY_ID);
        let token = attacker.sign_with_header(&forged, &claims);
        assert!(matches!(refusal(&verifier, &token).await, Refusal::UntrustedIssuer(_)), "{jku}");
    }
    let mut no_jku = header.clone();
    no_jku.as_object_mut().unwrap().remove("jku");
    assert!(matches!(refusal(&verifier, &xsuaa.sign_with_header(&no_jku, &claims)).await, Refusal::UntrustedIssuer(_)));
    assert_eq!(asked.load(std::sync::atomic::Ordering::SeqCst), 0, "the attacker's key set was asked");
    assert_eq!(xsuaa.key_requests(), 0, "a request went out for a token that fails on its face");

    // Signed: the key is fetched once, then each is refused by its signature or kid.
    let mut tampered = claims.clone();
    tampered["user_name"] = json!("mallory");
    assert_eq!(refusal(&verifier, &format!("{h}.{}.{s}", enc(&tampered))).await, Refusal::BadSignature);
    let mut header_changed = header.clone();
    header_changed["typ"] = json!("at+jwt");
    assert_eq!(refusal(&verifier, &format!("{}.{p}.{s}", enc(&header_changed))).await, Refusal::BadSignature);
    let signed_by_another_key = format!("{h}.{p}.{}", attacker.sign(&claims, "").rsplit('.').next().unwrap());
    assert_eq!(refusal(&verifier, &signed_by_another_key).await, Refusal::BadSignature);
    let mut rotated = header.clone();
    rotated["kid"] = json!("rotated-key-2");
    let unknown_kid = xsuaa.sign_with_header(&rotated, &claims);
    assert_eq!(refusal(&verifier, &unknown_kid).await, Refusal::UnknownKey);
    let fetched = xsuaa.key_requests();
    // An unknown kid refetches at most once per interval: forged kids are no flood.
    for _ in 0..20 {
        assert_eq!(refusal(&verifier, &unknown_kid).await, Refusal::UnknownKey);
    }
    assert_eq!(xsuaa.key_requests(), fetched);
    assert!(fetched <= 2, "{fetched}");
    assert_eq!(verifier.verify(&good).await.unwrap().user_name(), Some("alice"));

    // A verifier for one tenant refuses the others' users.
    let only = Verifier::xsuaa(bindings(json!({"xsuaa": [app_binding(&xsuaa)]})).find("xsuaa").unwrap())
        .unwrap()
        .only_tenant("tenant-x")
        .build()
        .unwrap();
    assert_eq!(refusal(&only, &good).await, Refusal::WrongTenant);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shared_binding_accepts_subscribers_and_keys_come_only_from_the_uaa_domain() {
    let (xsuaa, verifier) = xsuaa_world(|x| {
        let mut b = app_binding(x);
        b["credentials"]["tenantmode"] = json!("shared");
        b
    })
    .await;
    let subscriber = xsuaa.user_token_for("carol", "subscriber-b", APP_CLIENT, &["Display"]);
    let user = verifier.verify(&subscriber).await.unwrap();
    assert_eq!((user.tenant(), user.user_name()), (Some("subscriber-b"), Some("carol")));
    // A binding on another UAA domain trusts none of this stand-in's keys.
    let mut elsewhere = app_binding(&xsuaa);
    elsewhere["credentials"]["uaadomain"] = json!("authentication.eu10.hana.ondemand.com");
    let verifier =
        Verifier::xsuaa(bindings(json!({"xsuaa": [elsewhere]})).find("xsuaa").unwrap()).unwrap().build().unwrap();
    assert!(matches!(refusal(&verifier, &subscriber).await, Refusal::UntrustedIssuer(_)));
}

#[test]
fn authorization_headers_are_exactly_bearer_and_one_token() {
    let token = "eyJhbGciOiJSUzI1NiJ9.eyJ1c2VyX25hbWUiOiJhbGljZSJ9.c2ln";
    assert_eq!(UserToken::from_authorization_header(&format!("Bearer {token}")).unwrap().user_name(), Some("alice"));
    for bad in [
        format!("bearer {token}"),
        format!("BEARER {token}"),
        format!("Bearer Bearer {token}"),
        format!("Bearer  {token}"),
        format!("Basic {token}"),
        "Bearer ".to_owned(),
        token.to_owned(),
    ] {
        let e = UserToken::from_authorization_header(&bad).unwrap_err();
        assert!(matches!(e, Error::Unauthenticated(Refusal::Missing(_))), "{bad}: {e:?}");
    }
    let e = UserToken::parse(&format!("Bearer {token}")).unwrap_err();
    assert!(e.to_string().contains("starts with `Bearer `"), "{e}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_ias_user_is_verified_through_openid_discovery_and_calls_on_premise_in_its_name() {
    let sandbox = Sandbox::start().await.unwrap();
    let b = bindings(sandbox.vcap_services());
    let verifier = Verifier::identity(b.find("identity").unwrap()).unwrap().build().unwrap();
    let token = sandbox.ias.user_token("dora", PROVIDER_ZONE, APP_CLIENT);
    let user = verifier.verify(&token).await.unwrap();
    assert_eq!(
        (user.issuer(), user.email(), user.tenant()),
        (Issuer::Ias, Some("dora@sandbox.example"), Some(PROVIDER_ZONE))
    );
    assert!(!user.has_scope("Display"), "IAS tokens carry no XSUAA scopes");
    verifier.verify(&sandbox.ias.user_token("erin", PROVIDER_ZONE, APP_CLIENT)).await.unwrap();
    assert_eq!(sandbox.ias.requests(), (1, 1), "one discovery and one key set for both users");

    // Another app's token, another issuer, an issuer on no trusted domain.
    let other = sandbox.ias.user_token("dora", PROVIDER_ZONE, "another-app");
    assert_eq!(refusal(&verifier, &other).await, Refusal::WrongAudience);
    let mut claims = claims_of(&token);
    claims["iss"] = json!(sandbox.ias.url().replace("127.0.0.1", "localhost"));
    assert!(matches!(refusal(&verifier, &sandbox.ias.sign(&claims)).await, Refusal::UntrustedIssuer(_)));
    claims["iss"] = json!("https://tenant.accounts.evil.example");
    assert!(matches!(refusal(&verifier, &sandbox.ias.sign(&claims)).await, Refusal::UntrustedIssuer(_)));
    // XSUAA's tokens are not IAS tokens.
    assert!(matches!(refusal(&verifier, &sandbox.log_in("alice")).await, Refusal::UntrustedIssuer(_)));
    assert_eq!(sandbox.ias.requests(), (1, 1));

    // The IAS user's token exchanged at XSUAA (trust configured): the Cloud Connector
    // call goes out in the user's name.
    let client = odata_runtime::Client::builder(sandbox.on_premise_url())
        .xsuaa(odata_runtime::btp::xsuaa::Xsuaa::from_binding(b.find("xsuaa").unwrap()).unwrap())
        .connectivity(Connectivity::from_binding(b.find("connectivity").unwrap()).unwrap())
        .principal_propagation()
        .build()
        .unwrap();
    let partners = bp::Service::new(&client)
        .business_partner()
        .list()
        .top(2)
        .via_cloud_connector()
        .location_id(odata_sandbox::LOCATION_ID)
        .as_user(user.token())
        .send()
        .await
        .unwrap();
    assert_eq!(partners.items.len(), 2);
    let seen = sandbox.proxy.seen();
    let last = seen.last().unwrap();
    assert_eq!((last.user.as_deref(), last.proxy_grant.as_str()), (Some("dora@sandbox.example"), JWT_BEARER));
}

/// What the axum app answers: status, `WWW-Authenticate`, body.
async fn ask(url: &str, authorization: &[&str]) -> (u16, Option<String>, String) {
    // The test's own reqwest client: with the runtime's default TLS feature, reqwest has
    // no crypto provider of its own, and the runtime installs none; a program building
    // its own reqwest clients installs one.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut request = reqwest::Client::new().get(url);
    for value in authorization {
        request = request.header("authorization", *value);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let challenge = response.headers().get("www-authenticate").map(|v| v.to_str().unwrap().to_owned());
    (status, challenge, response.text().await.unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_axum_layer_answers_401_403_and_hands_handlers_the_user() {
    use axum::routing::get;
    use odata_runtime::axum::RequireUser;

    let (xsuaa, verifier) = xsuaa_world(app_binding).await;
    async fn me(user: VerifiedUser) -> String {
        format!("hello {}", user.user_name().unwrap_or("?"))
    }
    let app = axum::Router::new().route("/me", get(me)).layer(RequireUser::new(verifier).scope("Display"));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/me", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });

    let alice = xsuaa.user_token_for("alice", PROVIDER_ZONE, APP_CLIENT, &["Display"]);
    let bob = xsuaa.user_token_for("bob", PROVIDER_ZONE, APP_CLIENT, &[]);
    let invalid = Some("Bearer error=\"invalid_token\"".to_owned());
    assert_eq!(ask(&url, &[&format!("Bearer {alice}")]).await, (200, None, "hello alice".into()));
    assert_eq!(ask(&url, &[&format!("Bearer {bob}")]).await.0, 403);
    assert_eq!(ask(&url, &[&format!("Bearer {bob}")]).await.1.as_deref(), Some("Bearer error=\"insufficient_scope\""));
    assert_eq!(ask(&url, &[]).await, (401, Some("Bearer".into()), String::new()));
    let mut tampered = alice.clone();
    tampered.insert(alice.len() - 4, 'A');
    for refused in [
        vec![format!("Bearer {tampered}")],
        vec![format!("Bearer {}", &alice[..alice.len() / 2])],
        vec![format!("Bearer {alice}"), format!("Bearer {alice}")],
    ] {
        let refused: Vec<&str> = refused.iter().map(String::as_str).collect();
        let (status, challenge, body) = ask(&url, &refused).await;
        assert_eq!((status, &challenge, body.as_str()), (401, &invalid, ""), "{refused:.30?}");
    }
    for missing in [format!("bearer {alice}"), format!("Bearer Bearer {alice}"), format!("Basic {alice}")] {
        assert_eq!(ask(&url, &[&missing]).await, (401, Some("Bearer".into()), String::new()));
    }
}
