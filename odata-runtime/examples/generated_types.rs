//! What the generator gives you today: typed structs, keys and literals for an SAP
//! OData V2 service, generated at build time from its `$metadata` file.
//!
//! Run: `cargo run --example generated_types`

use odata_runtime::edm::EdmValue;
use odata_runtime::{Entity, EntityKey, Version};

odata_derive::service! {
    /// SAP S/4HANA-style business partners (a sample written for this project).
    pub mod business_partner = "../metadata-samples/API_BUSINESS_PARTNER.edmx";
}

use business_partner::{entity_sets, BusinessPartner, BusinessPartnerKey};

/// A page as SAP Gateway sends it for
/// `GET A_BusinessPartner?$expand=to_Customer&$inlinecount=allpages`.
const RESPONSE: &str = r#"{"d":{"__count":"1","results":[{
  "__metadata":{"uri":"https://s4.example/sap/opu/odata/sap/API_BUSINESS_PARTNER/A_BusinessPartner('1000042')",
    "type":"API_BUSINESS_PARTNER.A_BusinessPartnerType","etag":"W/\"datetimeoffset'2024-01-31T13%3A45%3A00Z'\""},
  "BusinessPartner":"1000042","BusinessPartnerCategory":"1","BusinessPartnerFullName":"Ann O'Neil",
  "FirstName":"Ann","LastName":"O'Neil","OrganizationBPName1":"","BusinessPartnerUUID":"005056a2-0bb5-1ed9-b5c1-5cdbdf1f2d27",
  "BusinessPartnerIsBlocked":false,"IsMarkedForArchiving":false,"CreationDate":"\/Date(1706659200000)\/",
  "CreationTime":"PT13H45M00S","LastChangeDateTime":"\/Date(1706708700000+0060)\/","SearchTerm1":"ONEIL","Language":"EN",
  "to_BusinessPartnerAddress":{"__deferred":{"uri":"https://s4.example/A_BusinessPartner('1000042')/to_BusinessPartnerAddress"}},
  "to_Customer":{"Customer":"1000042","CustomerAccountGroup":"KUNA","CustomerClassification":"A",
    "CreditLimitAmount":"1234567890123.450","Currency":"EUR","DeletionIndicator":false}}]}}"#;

#[derive(serde::Deserialize)]
struct Page {
    d: Results,
}

#[derive(serde::Deserialize)]
struct Results {
    results: Vec<BusinessPartner>,
}

fn main() -> Result<(), serde_json::Error> {
    let page: Page = serde_json::from_str(RESPONSE)?;
    for bp in &page.d.results {
        println!("{} {}", entity_sets::A_BUSINESS_PARTNER, bp.key().segment(Version::V2));
        println!("  name:        {}", bp.business_partner_full_name.as_deref().unwrap_or("-"));
        println!("  created:     {:?} at {:?}", bp.creation_date, bp.creation_time);
        println!("  changed:     {:?}", bp.last_change_date_time);
        println!("  etag:        {:?}", bp.etag());
        println!(
            "  addresses:   {}",
            if bp.to_business_partner_address.is_none() { "not expanded" } else { "expanded" }
        );
        if let Some(customer) = &bp.to_customer {
            let limit = customer.credit_limit_amount.as_ref().map(ToString::to_string);
            println!("  credit limit {} {}", limit.unwrap_or_default(), customer.currency.as_deref().unwrap_or(""));
        }
    }
    let key = BusinessPartnerKey { business_partner: "O'Neil & Co".into() };
    println!("key segment for {:?}: {}", key.business_partner, key.segment(Version::V2));
    println!("V2 literal of 42i64: {}, V4: {}", 42i64.to_literal(Version::V2), 42i64.to_literal(Version::V4));
    Ok(())
}
