//! The seed scenario of an app on BTP, on a laptop: an axum service receives requests
//! as the approuter forwards them (`Authorization: Bearer <the user's XSUAA token>`),
//! verifies the token against its `xsuaa` binding, requires the local scope `Display`,
//! and lists business partners from the on-premise system through Cloud Connector in
//! the user's name (principal propagation).
//!
//! Run: `cargo run --example verified_user`

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use odata_runtime::auth::VerifiedUser;
use odata_runtime::axum::RequireUser;
use odata_runtime::btp::bindings::Bindings;
use odata_runtime::btp::connectivity::Connectivity;
use odata_runtime::btp::verify::Verifier;
use odata_runtime::btp::xsuaa::Xsuaa;
use odata_runtime::Client;
use odata_sandbox::{Sandbox, LOCATION_ID};

odata_derive::service! {
    /// S/4HANA-style business partners (a sample written for this project, OData V2).
    mod bp = "../metadata-samples/API_BUSINESS_PARTNER.edmx";
}

/// `GET /partners`: the partners the user may see, read in the user's name.
async fn partners(
    State(on_premise): State<bp::Service>,
    user: VerifiedUser,
) -> Result<Json<Vec<String>>, (axum::http::StatusCode, String)> {
    let page = on_premise
        .business_partner()
        .list()
        .select((bp::BusinessPartner::BUSINESS_PARTNER, bp::BusinessPartner::BUSINESS_PARTNER_FULL_NAME))
        .top(3)
        .via_cloud_connector()
        .location_id(LOCATION_ID)
        .as_user(user.token())
        .send()
        .await
        .map_err(|e| (axum::http::StatusCode::BAD_GATEWAY, e.to_string()))?;
    let names = page.items.into_iter().map(|(id, name)| format!("{id} {}", name.unwrap_or_default())).collect();
    Ok(Json(names))
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sandbox = Sandbox::start().await?;
    let bindings = Bindings::from_vcap_services(&sandbox.vcap_services().to_string())?;

    // The app: verifies users against its xsuaa binding, calls on premise as them.
    let verifier = Verifier::xsuaa(bindings.find("xsuaa")?)?.build()?;
    let client = Client::builder(sandbox.on_premise_url())
        .xsuaa(Xsuaa::from_binding(bindings.find("xsuaa")?)?)
        .connectivity(Connectivity::from_binding(bindings.find("connectivity")?)?)
        .principal_propagation()
        .build()?;
    let app = Router::new()
        .route("/partners", get(partners))
        .layer(RequireUser::new(verifier).scope("Display"))
        .with_state(bp::Service::new(&client));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}/partners", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, app).await });
    println!("app listening at {url}");

    // The approuter: logs users in and forwards their tokens.
    // The stand-in's own reqwest client: the runtime installs no crypto provider, and
    // reqwest (built with `rustls-no-provider` by the runtime's default feature) needs one.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let http = reqwest::Client::new();
    let alice = sandbox.log_in_with_scopes("alice", &["Display"]);
    let bob = sandbox.log_in_with_scopes("bob", &[]);
    let mut forged = alice.clone();
    forged.replace_range(forged.len() - 6.., "AAAAAA");
    let cases = [
        ("alice (scope Display)", Some(alice)),
        ("bob (no scope)", Some(bob)),
        ("no token", None),
        ("alice's token, signature altered", Some(forged)),
    ];
    let mut statuses = Vec::new();
    for (who, token) in cases {
        let mut request = http.get(&url);
        if let Some(token) = &token {
            request = request.header("Authorization", format!("Bearer {token}"));
        }
        let response = request.send().await?;
        let status = response.status().as_u16();
        let challenge = response.headers().get("www-authenticate").and_then(|v| v.to_str().ok()).map(str::to_owned);
        let body = response.text().await?;
        println!("{who:>34}: {status} {}{body}", challenge.map(|c| format!("[{c}] ")).unwrap_or_default());
        statuses.push(status);
    }
    let seen = sandbox.proxy.seen();
    let last = seen.last().ok_or("the proxy saw nothing")?;
    println!(
        "Cloud Connector saw: {} {} as {} (grant {})",
        last.method,
        last.url,
        last.user.as_deref().unwrap_or("-"),
        last.proxy_grant
    );
    if statuses != [200, 403, 401, 401] || seen.len() != 1 || last.user.as_deref() != Some("alice") {
        return Err(format!("unexpected answers {statuses:?} or proxy calls {seen:?}").into());
    }
    Ok(())
}
