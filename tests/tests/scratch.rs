use odata_runtime::{Entity, EntityKey, Version};
use odata_tests::business_partner::*;
#[test]
fn scratch() {
    let payload = r#"{"d":{"__metadata":{"id":"https://h/sap/opu/odata/sap/API_BUSINESS_PARTNER/A_BusinessPartner('1000042')","uri":"https://h/sap/opu/odata/sap/API_BUSINESS_PARTNER/A_BusinessPartner('1000042')","type":"API_BUSINESS_PARTNER.A_BusinessPartnerType","etag":"W/\"datetimeoffset'2024-01-31T13%3A45%3A00.1234567Z'\""},
    "BusinessPartner":"1000042","BusinessPartnerCategory":"1","BusinessPartnerFullName":"O'Neil Miller","FirstName":"Ann","LastName":"O'Neil",
    "OrganizationBPName1":"","BusinessPartnerUUID":"005056a2-0bb5-1ed9-b5c1-5cdbdf1f2d27","BusinessPartnerIsBlocked":false,"IsMarkedForArchiving":null,
    "CreationDate":"\/Date(1706659200000)\/","CreationTime":"PT13H45M00S","LastChangeDateTime":"\/Date(1706708700123+0060)\/","SearchTerm1":"MILLER","Language":"EN",
    "to_BusinessPartnerAddress":{"__deferred":{"uri":"x"}},"to_BusinessPartnerRole":{"results":[{"BusinessPartner":"1000042","BusinessPartnerRole":"FLCU01","ValidFrom":null,"ValidTo":"\/Date(253402214400000+0000)\/"}]},
    "to_Customer":{"__deferred":{"uri":"y"}}, "to_Supplier": null}}"#;
    #[derive(serde::Deserialize)]
    struct D {
        d: BusinessPartner,
    }
    let bp: D = serde_json::from_str(payload).unwrap();
    let bp = bp.d;
    println!("{bp:#?}");
    println!("{}", serde_json::to_string_pretty(&bp).unwrap());
    println!("{}", bp.key().segment(Version::V2));
    println!("{:?}", bp.etag());
}
