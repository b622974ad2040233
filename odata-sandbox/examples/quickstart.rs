//! The whole chain on a laptop: the sandbox's XSUAA, connectivity proxy (Cloud
//! Connector), destination service and SAP Gateway-like server with the business-partner
//! sample, driven by a client generated from the sample's `$metadata`.
//!
//! Run: `cargo run --example quickstart`

use odata_runtime::btp::bindings::Bindings;
use odata_runtime::btp::connectivity::Connectivity;
use odata_runtime::btp::destination::DestinationService;
use odata_runtime::btp::xsuaa::Xsuaa;
use odata_runtime::btp::UserToken;
use odata_runtime::{Client, Entity};
use odata_sandbox::{Sandbox, LOCATION_ID};
use std::time::Instant;

odata_derive::service! {
    /// S/4HANA-style business partners (a sample written for this project, OData V2).
    mod bp = "../metadata-samples/API_BUSINESS_PARTNER.edmx";
}

use bp::{
    BusinessPartner, BusinessPartnerKey, BusinessPartnerPatch, CountPartnersInCityParameters, NewBusinessPartner,
};

/// Prints a numbered step with the time it took.
struct Steps {
    n: usize,
    at: Instant,
}

impl Steps {
    fn done(&mut self, what: &str) {
        self.n += 1;
        println!("{:>2}. {what} ({} ms)", self.n, self.at.elapsed().as_millis());
        self.at = Instant::now();
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let total = Instant::now();
    let mut steps = Steps { n: 0, at: Instant::now() };

    let sandbox = Sandbox::start().await?;
    steps.done("started the sandbox");
    println!("    XSUAA              {}", sandbox.xsuaa.url());
    println!("    Gateway (OData V2) {}", sandbox.gateway.url());
    println!("    on premise         {} via the connectivity proxy", sandbox.on_premise_url());

    // What an app on BTP finds in its environment.
    let bindings = Bindings::from_vcap_services(&sandbox.vcap_services().to_string())?;
    let app_xsuaa = Xsuaa::from_binding(bindings.find("xsuaa")?)?;
    let connectivity = Connectivity::from_binding(bindings.find("connectivity")?)?;
    let destinations = DestinationService::from_binding(bindings.find("destination")?)?;
    steps.done("read VCAP_SERVICES: xsuaa, connectivity, destination");

    let alice = UserToken::parse(&sandbox.log_in("alice"))?;
    steps.done("logged in as alice (an XSUAA user token, as the approuter forwards it)");

    let destination = destinations.find("S4_BP", None).await?;
    let svc = bp::Service::new(&destination.client(None)?);
    steps.done(&format!("found destination S4_BP ({:?}, {})", destination.proxy_type, destination.url));

    let organisations = svc
        .business_partner()
        .list()
        .filter(
            BusinessPartner::BUSINESS_PARTNER_CATEGORY
                .eq("2")
                .and(BusinessPartner::BUSINESS_PARTNER_IS_BLOCKED.eq(false)),
        )
        .order_by(BusinessPartner::BUSINESS_PARTNER)
        .send()
        .await?;
    steps.done(&format!("listed unblocked organisations: {}", organisations.items.len()));
    for partner in &organisations.items {
        println!("    {} {}", partner.business_partner, partner.business_partner_full_name.as_deref().unwrap_or("-"));
    }

    // Only what is set here is sent; the server fills in the rest (full name, UUID, dates).
    let new = NewBusinessPartner {
        business_partner_category: Some("2".into()),
        organization_bp_name1: Some("Rust Ventures AG".into()),
        search_term1: Some("RUST".into()),
        language: Some("EN".into()),
        ..NewBusinessPartner::new("1000100")
    };
    let created = svc.business_partner().create(new).send().await?;
    let etag = created.etag().unwrap_or_default().to_owned();
    steps.done(&format!("created business partner {} (ETag {etag})", created.business_partner));

    let key = || BusinessPartnerKey { business_partner: created.business_partner.clone() };
    let changes = BusinessPartnerPatch { search_term1: Some(Some("FERRIS".into())), ..Default::default() };
    let updated = svc.business_partner().update(key(), changes.clone()).if_match(etag.clone()).send().await?;
    steps.done(&format!("updated it with its ETag: new ETag {}", updated.etag.as_deref().unwrap_or("-")));

    let stale = svc.business_partner().update(key(), changes).if_match(etag).send().await;
    match stale {
        Err(e) if e.is_etag_conflict() => steps.done(&format!("a second update with the old ETag is refused: {e}")),
        other => return Err(format!("a stale ETag was not refused: {other:?}").into()),
    }

    let in_hamburg =
        svc.count_partners_in_city(CountPartnersInCityParameters { city_name: "Hamburg".into() }).send().await?;
    steps.done(&format!("function import CountPartnersInCity(Hamburg) = {in_hamburg}"));

    // The same system on premise, through Cloud Connector, in alice's name.
    let on_premise = Client::builder(sandbox.on_premise_url())
        .xsuaa(app_xsuaa)
        .connectivity(connectivity)
        .principal_propagation()
        .build()?;
    let on_premise = bp::Service::new(&on_premise);
    let read = on_premise.business_partner().get(key()).via_cloud_connector().location_id(LOCATION_ID).as_user(&alice);
    let read = read.send().await?;
    let seen = sandbox.proxy.seen();
    let last = seen.last().ok_or("the proxy saw nothing")?;
    steps.done(&format!(
        "read {} through Cloud Connector as {}: search term {}",
        read.business_partner,
        last.user.as_deref().unwrap_or("-"),
        read.search_term1.as_deref().unwrap_or("-")
    ));
    println!(
        "    proxy saw: {} {} (location {}, grant {})",
        last.method,
        last.url,
        last.location.as_deref().unwrap_or("-"),
        last.proxy_grant
    );

    let refused = on_premise.business_partner().get(key()).via_cloud_connector().location_id(LOCATION_ID).send().await;
    match refused {
        Err(odata_runtime::Error::UserTokenRequired) => {
            steps.done("the same call without a user fails before anything is sent")
        }
        other => return Err(format!("a call without a user was not refused: {other:?}").into()),
    }
    println!("done in {} ms", total.elapsed().as_millis());
    Ok(())
}
