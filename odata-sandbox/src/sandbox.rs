//! The whole sandbox in one call: XSUAA, the connectivity proxy with a Cloud Connector
//! virtual host, the destination service and the Gateway-like server with the
//! business-partner sample (`metadata-samples/API_BUSINESS_PARTNER.edmx`), its seed data
//! and function handlers. What the quickstart and the `sandbox` binary run.

use crate::connectivity::ConnectivityProxy;
use crate::destination::DestinationService;
use crate::gateway::{Gateway, ServiceError};
use crate::ias::Ias;
use crate::xsuaa::{Xsuaa, PROVIDER_ZONE};
use serde_json::{json, Value};

/// The business-partner sample's `$metadata`.
pub const BUSINESS_PARTNER_EDMX: &str = include_str!("../metadata/API_BUSINESS_PARTNER.edmx");
/// Its seed data: partners, addresses, roles.
pub const BUSINESS_PARTNER_SEED: &str = include_str!("../seed/business_partner.json");
/// The service root's path, as on S/4HANA.
pub const BUSINESS_PARTNER_PATH: &str = "/sap/opu/odata/sap/API_BUSINESS_PARTNER/";

/// The app's XSUAA client (its `xsuaa` binding).
pub const APP_CLIENT: &str = "sb-quickstart!t7";
const APP_SECRET: &str = "sandbox-app-secret";
const CONNECTIVITY_CLIENT: &str = "sb-connectivity!b7";
const CONNECTIVITY_SECRET: &str = "sandbox-connectivity-secret";
const DESTINATION_CLIENT: &str = "sb-destination!b9";
const DESTINATION_SECRET: &str = "sandbox-destination-secret";
/// The Cloud Connector's virtual host for the on-premise system.
pub const VIRTUAL_HOST: &str = "s4-onprem.sandbox:44300";
/// The Cloud Connector's location ID.
pub const LOCATION_ID: &str = "sandbox-scc";

/// A running sandbox. Everything listens on loopback and stops with the runtime.
#[derive(Clone, Debug)]
pub struct Sandbox {
    pub xsuaa: Xsuaa,
    /// SAP Cloud Identity Services, which XSUAA trusts (its users' tokens exchange).
    pub ias: Ias,
    pub proxy: ConnectivityProxy,
    pub destinations: DestinationService,
    /// The business-partner service (OData V2), reachable directly and, through the
    /// proxy, as `http://`[`VIRTUAL_HOST`].
    pub gateway: Gateway,
}

impl Sandbox {
    /// Starts every stand-in. Destinations: `S4_BP` (Internet, OAuth2ClientCredentials,
    /// the Gateway directly) and `S4_BP_ONPREM` (OnPremise, PrincipalPropagation, through
    /// the Cloud Connector).
    pub async fn start() -> std::io::Result<Sandbox> {
        let xsuaa = Xsuaa::start().await?;
        xsuaa.register_client(APP_CLIENT, APP_SECRET);
        let ias = Ias::start().await?;
        xsuaa.trust_identity(&ias);
        let proxy = ConnectivityProxy::start(&xsuaa, CONNECTIVITY_CLIENT, CONNECTIVITY_SECRET).await?;
        let destinations = DestinationService::start(&xsuaa, DESTINATION_CLIENT, DESTINATION_SECRET).await?;
        let gateway = business_partner_gateway(&xsuaa).await?;
        proxy.add_virtual_host(VIRTUAL_HOST, Some(LOCATION_ID), gateway.addr());
        destinations.add_subaccount_destination(json!({
            "Name": "S4_BP", "Type": "HTTP", "URL": gateway.url(), "ProxyType": "Internet",
            "Authentication": "OAuth2ClientCredentials", "tokenServiceURL": format!("{}/oauth/token", xsuaa.url()),
            "clientId": APP_CLIENT, "clientSecret": APP_SECRET,
        }));
        destinations.add_subaccount_destination(json!({
            "Name": "S4_BP_ONPREM", "Type": "HTTP", "URL": format!("http://{VIRTUAL_HOST}{BUSINESS_PARTNER_PATH}"),
            "ProxyType": "OnPremise", "Authentication": "PrincipalPropagation", "CloudConnectorLocationId": LOCATION_ID,
        }));
        Ok(Sandbox { xsuaa, ias, proxy, destinations, gateway })
    }

    /// `VCAP_SERVICES` for an app bound to the sandbox's xsuaa, connectivity and
    /// destination instances.
    pub fn vcap_services(&self) -> Value {
        json!({
            "xsuaa": [self.xsuaa.binding("quickstart-uaa", APP_CLIENT)],
            "identity": [self.ias.binding("quickstart-ias", APP_CLIENT)],
            "connectivity": [self.proxy.binding("quickstart-connectivity", CONNECTIVITY_SECRET)],
            "destination": [self.destinations.binding("quickstart-destination", DESTINATION_SECRET)],
        })
    }

    /// The business-partner service as the app reaches it through the Cloud Connector.
    pub fn on_premise_url(&self) -> String {
        format!("http://{VIRTUAL_HOST}{BUSINESS_PARTNER_PATH}")
    }

    /// Logs `user` in to the provider tenant: the user's XSUAA access token for the app
    /// ([`APP_CLIENT`]) with its local scope `Display`, as the app receives it from the
    /// approuter.
    pub fn log_in(&self, user: &str) -> String {
        self.log_in_with_scopes(user, &["Display"])
    }

    /// Like [`Sandbox::log_in`], with these local scopes of the app (none: `&[]`).
    pub fn log_in_with_scopes(&self, user: &str, scopes: &[&str]) -> String {
        self.xsuaa.user_token_for(user, PROVIDER_ZONE, APP_CLIENT, scopes)
    }
}

/// The Gateway-like server with the business-partner sample, its seed data and handlers
/// for its function imports; it accepts tokens `xsuaa` issued.
pub async fn business_partner_gateway(xsuaa: &Xsuaa) -> std::io::Result<Gateway> {
    let gateway = Gateway::builder(BUSINESS_PARTNER_EDMX)
        .service_path(BUSINESS_PARTNER_PATH)
        .accept_tokens_from(xsuaa)
        .start()
        .await?;
    gateway.seed_json(BUSINESS_PARTNER_SEED).map_err(std::io::Error::other)?;
    gateway.on_function("CountPartnersInCity", |call| {
        let city = call.text("CityName")?.to_owned();
        let mut partners: Vec<&str> = call
            .data
            .rows("A_BusinessPartnerAddress")
            .filter(|a| a.get("CityName").and_then(Value::as_str) == Some(&city))
            .filter_map(|a| a.get("BusinessPartner").and_then(Value::as_str))
            .collect();
        partners.sort_unstable();
        partners.dedup();
        Ok(json!(partners.len()))
    });
    gateway.on_function("ValidateBusinessPartner", |call| {
        let id = call.text("BusinessPartner")?.to_owned();
        let partner = call.data.find("A_BusinessPartner", &[("BusinessPartner", json!(id))]);
        let (valid, message) = match partner {
            None => (false, format!("Business partner {id} does not exist")),
            Some(p) if p.get("BusinessPartnerIsBlocked") == Some(&json!(true)) => {
                (false, format!("Business partner {id} is blocked"))
            }
            Some(_) => (true, format!("Business partner {id} is valid")),
        };
        Ok(json!({"IsValid": valid, "MessageText": message, "CheckedAt": call.parameters.get("KeyDate")}))
    });
    gateway.on_function("BlockBusinessPartner", |call| {
        let id = call.text("BusinessPartner")?.to_owned();
        let partner = call
            .data
            .find_mut("A_BusinessPartner", &[("BusinessPartner", json!(id))])
            .ok_or_else(|| ServiceError::new(404, "BP/001", format!("Business partner {id} does not exist")))?;
        partner.insert("BusinessPartnerIsBlocked".into(), json!(true));
        Ok(Value::Object(partner.clone()))
    });
    gateway.on_function("GetRolesOfPartner", |call| {
        let id = call.text("BusinessPartner")?.to_owned();
        let roles: Vec<Value> = call
            .data
            .rows("A_BusinessPartnerRole")
            .filter(|r| r.get("BusinessPartner").and_then(Value::as_str) == Some(&id))
            .map(|r| Value::Object(r.clone()))
            .collect();
        Ok(Value::Array(roles))
    });
    gateway.on_function("RecalculateRatings", |_| Ok(Value::Null));
    Ok(gateway)
}
