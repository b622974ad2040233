//! The V2 business-partner sample: a list page with expanded navigation, every V2 Edm
//! type, SAP's `/Date(…)/` forms, and a single entity with its ETag.

#[path = "../support/roundtrip.rs"]
mod roundtrip;

odata_derive::service! {
    pub mod bp = "../../../../metadata-samples/API_BUSINESS_PARTNER.edmx";
}

use bp::{BusinessPartner, BusinessPartnerRating, Customer};
use odata_runtime::{Entity, EntityKey, Version};

const PAGE: &str = r#"{"d":{"__count":"2","results":[
 {"__metadata":{"id":"https://s4.example/sap/opu/odata/sap/API_BUSINESS_PARTNER/A_BusinessPartner('1000042')",
   "uri":"https://s4.example/sap/opu/odata/sap/API_BUSINESS_PARTNER/A_BusinessPartner('1000042')",
   "type":"API_BUSINESS_PARTNER.A_BusinessPartnerType","etag":"W/\"datetimeoffset'2024-01-31T13%3A45%3A00.1234567Z'\""},
  "BusinessPartner":"1000042","BusinessPartnerCategory":"1","BusinessPartnerFullName":"Ann O'Neil","FirstName":"Ann",
  "LastName":"O'Neil","OrganizationBPName1":"","BusinessPartnerUUID":"005056a2-0bb5-1ed9-b5c1-5cdbdf1f2d27",
  "BusinessPartnerIsBlocked":false,"IsMarkedForArchiving":null,"CreationDate":"\/Date(1706659200000)\/",
  "CreationTime":"PT13H45M00S","LastChangeDateTime":"\/Date(1706708700123+0000)\/","SearchTerm1":"O'NEIL","Language":"EN",
  "to_BusinessPartnerAddress":{"__deferred":{"uri":"https://s4.example/A_BusinessPartner('1000042')/to_BusinessPartnerAddress"}},
  "to_BusinessPartnerRole":{"results":[]},
  "to_BusinessPartnerBank":{"__deferred":{"uri":"x"}},"to_BusinessPartnerTax":{"__deferred":{"uri":"x"}},
  "to_Customer":{"__metadata":{"type":"API_BUSINESS_PARTNER.A_CustomerType"},"Customer":"1000042","CustomerAccountGroup":"KUNA",
    "CustomerClassification":"A","CreditLimitAmount":"1234567890123.450","Currency":"EUR","DeletionIndicator":false,
    "to_BusinessPartner":{"__deferred":{"uri":"x"}}},
  "to_Supplier":{"__deferred":{"uri":"x"}},
  "to_BusinessPartnerRating":{"results":[
    {"BusinessPartner":"1000042","BusinessPartnerRatingProcedure":"CREDIT","RatingSequence":"9223372036854775807",
     "RatingLevel":-32768,"RatingPriority":255,"RatingTrend":-128,"RatingScore":"4.75","RatingWeight":"0.25","RatingCount":2147483647,
     "RatingValidityDate":"\/Date(253402214400000)\/","RatingAttachment":"JVBERi0xLjQK+/8=","RatingComment":"Grüße – “quoted” \\ \/"}]}},
 {"__metadata":{"uri":"https://s4.example/A_BusinessPartner('17100001')","type":"API_BUSINESS_PARTNER.A_BusinessPartnerType"},
  "BusinessPartner":"17100001","BusinessPartnerCategory":"2","BusinessPartnerFullName":"Inlandskunde DE 1","FirstName":"",
  "LastName":"","OrganizationBPName1":"Inlandskunde DE 1","BusinessPartnerUUID":null,"BusinessPartnerIsBlocked":true,
  "IsMarkedForArchiving":true,"CreationDate":"\/Date(-86400000)\/","CreationTime":"PT00H00M00S","LastChangeDateTime":null,
  "SearchTerm1":"","Language":"DE"}]}}"#;

const SINGLE: &str = r#"{"d":{"__metadata":{"uri":"https://s4.example/A_BusinessPartnerRating(BusinessPartner='1',BusinessPartnerRatingProcedure='A',RatingSequence=1L)"},
  "BusinessPartner":"1","BusinessPartnerRatingProcedure":"A","RatingSequence":"1","RatingLevel":null,"RatingPriority":null,
  "RatingTrend":null,"RatingScore":"INF","RatingWeight":"-INF","RatingCount":null,"RatingValidityDate":null,
  "RatingAttachment":null,"RatingComment":null}}"#;

fn main() {
    let page: Vec<BusinessPartner> = roundtrip::v2_collection(PAGE);
    assert_eq!(page.len(), 2);
    let ann = &page[0];
    assert_eq!(ann.business_partner, "1000042");
    assert_eq!(ann.last_name.as_deref(), Some("O'Neil"));
    assert_eq!(ann.creation_date.unwrap().to_string(), "2024-01-31 00:00:00");
    assert_eq!(ann.last_change_date_time.unwrap().to_rfc3339(), "2024-01-31T13:45:00.123+00:00");
    assert!(ann.to_business_partner_address.is_none(), "deferred, not expanded");
    assert_eq!(ann.to_business_partner_role.as_deref(), Some(&[][..]), "expanded and empty");
    let customer: &Customer = ann.to_customer.as_deref().unwrap();
    assert_eq!(customer.credit_limit_amount.as_ref().unwrap().to_string(), "1234567890123.450");
    let rating: &BusinessPartnerRating = &ann.to_business_partner_rating.as_ref().unwrap()[0];
    assert_eq!(rating.rating_sequence, i64::MAX);
    assert_eq!((rating.rating_level, rating.rating_priority, rating.rating_trend), (Some(-32768), Some(255), Some(-128)));
    assert_eq!(rating.rating_attachment.as_ref().unwrap().0[..4], *b"%PDF");
    assert_eq!(ann.etag(), Some("W/\"datetimeoffset'2024-01-31T13%3A45%3A00.1234567Z'\""));
    assert_eq!(ann.key().segment(Version::V2), "('1000042')");
    assert_eq!(rating.key().segment(Version::V2), "(BusinessPartner='1000042',BusinessPartnerRatingProcedure='CREDIT',RatingSequence=9223372036854775807L)");
    assert_eq!(page[1].creation_date.unwrap().to_string(), "1969-12-31 00:00:00");
    assert_eq!(page[1].etag(), None);

    let single: BusinessPartnerRating = roundtrip::v2_single(SINGLE);
    assert_eq!(single.rating_score, Some(f64::INFINITY));
    assert_eq!(bp::entity_sets::A_BUSINESS_PARTNER, "A_BusinessPartner");
    assert_eq!(bp::operations::BLOCK_BUSINESS_PARTNER, "BlockBusinessPartner");
    assert_eq!(bp::VERSION, Version::V2);
    let key = bp::BusinessPartnerKey { business_partner: "O'Neil & Co/1".into() };
    assert_eq!(key.segment(Version::V2), "('O''Neil%20%26%20Co%2F1')");
}
