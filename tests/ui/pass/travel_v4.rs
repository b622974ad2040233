//! The V4 travel sample: enums and flags, inheritance, containment, type definitions,
//! every V4 Edm type, control information, and expanded navigation.

#[path = "../support/roundtrip.rs"]
mod roundtrip;

odata_derive::service! {
    pub mod travel = "../../../../metadata-samples/TravelService.v4.edmx";
}

use odata_runtime::edm::{EdmValue, RawJson};
use odata_runtime::{Entity, EntityKey, Version};
use travel::{BookingChannels, Configuration, Customer, Priority, Travel, TravelStatus};

const PAGE: &str = r##"{"@odata.context":"$metadata#Travels","@odata.count":2,"value":[
 {"@odata.id":"Travels(6f8a1b6e-4c9d-4e5f-9a0b-1c2d3e4f5a6b)","@odata.etag":"W/\"2024-01-31T13:45:00.1234567Z\"",
  "TravelUUID":"6f8a1b6e-4c9d-4e5f-9a0b-1c2d3e4f5a6b","TravelID":9007199254740993,"Description":"Trip to Walldorf",
  "BeginDate":"2024-02-29","EndDate":"2024-03-02","DepartureTime":"06:30:00","FlightDuration":"PT1H15M",
  "BookingFee":10.500,"TotalPrice":1234567890123456789012345678901.234,"CurrencyCode":"EUR","Status":"Accepted",
  "Channels":"Web,Phone","Rating":4.5,"Discount":0.125,"Tags":["business","äöü"],
  "Destination":{"Street":"Dietmar-Hopp-Allee 16","City":"Walldorf","Country":"DE"},
  "Attachment":"-_8ACg==","CreatedAt":"2024-01-31T13:45:00.1234567Z","LastChangedAt":"2024-01-31T14:45:00+01:00",
  "Customer":{"@odata.type":"#com.example.travel.v1.Customer","ID":"0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0","Name":"Ann",
    "EMail":null,"HomeAddress":{"Street":null,"City":"Heidelberg","Country":"DE",
    "Location":{"type":"Point","coordinates":[8.6724,49.3988],"crs":{"type":"name","properties":{"name":"EPSG:4326"}}}},
    "Tier":"High","MemberSince":"2019-05-01"},
  "Bookings":[{"TravelUUID":"6f8a1b6e-4c9d-4e5f-9a0b-1c2d3e4f5a6b","BookingID":1,"BookingDate":"2024-01-31",
    "FlightDate":"2024-02-29","FlightPrice":250,"CurrencyCode":"EUR","SeatCount":255,"Delta":-128,"Gate":-32768}],
  "Notes":[]},
 {"TravelUUID":"00000000-0000-0000-0000-000000000000","TravelID":-9223372036854775808,"Description":null,
  "BeginDate":null,"EndDate":null,"DepartureTime":null,"FlightDuration":"-P1DT0.5S","BookingFee":null,"TotalPrice":null,
  "CurrencyCode":null,"Status":"Open","Channels":"None","Rating":"NaN","Discount":"-INF","Tags":[],"Destination":null,
  "Attachment":null,"CreatedAt":null,"LastChangedAt":null}]}"##;

const CONFIG: &str = r#"{"@odata.context":"$metadata#Config","ID":1,"DefaultCurrency":"EUR","MaxSeatsPerBooking":9,
  "Logo@odata.mediaReadLink":"Config/Logo","Logo@odata.mediaContentType":"image/png"}"#;

fn main() {
    let page: Vec<Travel> = roundtrip::v4_collection(PAGE);
    let t = &page[0];
    assert_eq!(t.travel_id, 9_007_199_254_740_993, "beyond 2^53, exact");
    assert_eq!(t.total_price.as_ref().unwrap().to_string(), "1234567890123456789012345678901.234");
    assert_eq!(t.status, TravelStatus::Accepted);
    assert!(t.channels.unwrap().contains(BookingChannels::WEB | BookingChannels::PHONE));
    assert!(!t.channels.unwrap().contains(BookingChannels::AGENCY));
    assert_eq!(t.flight_duration.unwrap().num_minutes(), 75);
    assert_eq!(t.currency_code.as_deref(), Some("EUR"));
    let customer: &Customer = t.customer.as_deref().unwrap();
    assert_eq!(customer.tier, Priority::High);
    let location: &RawJson = customer.home_address.as_ref().unwrap().location.as_ref().unwrap();
    assert_eq!(location.0["coordinates"][1], 49.3988);
    assert_eq!(t.bookings.as_ref().unwrap()[0].seat_count, Some(255));
    assert_eq!(t.notes.as_deref(), Some(&[][..]), "contained, expanded, empty");
    assert!(t.agent.is_none());
    assert_eq!(t.etag(), Some("W/\"2024-01-31T13:45:00.1234567Z\""));
    assert_eq!(t.key().segment(Version::V4), "(6f8a1b6e-4c9d-4e5f-9a0b-1c2d3e4f5a6b)");
    let booking_key = t.bookings.as_ref().unwrap()[0].key();
    assert_eq!(booking_key.segment(Version::V4), "(TravelUUID=6f8a1b6e-4c9d-4e5f-9a0b-1c2d3e4f5a6b,BookingID=1)");
    assert!(page[1].rating.unwrap().is_nan());
    assert_eq!(page[1].channels, Some(BookingChannels::NONE));

    let config: Configuration = roundtrip::entity(CONFIG);
    assert!(config.logo.is_none(), "stream properties are not inline");

    // Enum and flags literals, and reading member values.
    assert_eq!(TravelStatus::Rejected.to_literal(Version::V4), "com.example.travel.v1.TravelStatus'Rejected'");
    assert_eq!(TravelStatus::parse_literal("'Open'", Version::V4).unwrap(), TravelStatus::Open);
    assert_eq!(TravelStatus::parse_literal("2", Version::V4).unwrap(), TravelStatus::Rejected);
    let both = BookingChannels::WEB | BookingChannels::AGENCY;
    assert_eq!(both.to_literal(Version::V4), "com.example.travel.v1.BookingChannels'Web,Agency'");
    // Generated enums are plain serde types too (member names; member values are read).
    assert_eq!(serde_json::to_string(&Priority::High).unwrap(), "\"High\"");
    assert_eq!(serde_json::from_str::<Priority>("1").unwrap(), Priority::Medium);
    assert_eq!(serde_json::from_str::<BookingChannels>("\"Web,Agency\"").unwrap().0, 5);
    assert!(serde_json::from_str::<Priority>("\"Urgent\"").is_err());
    assert_eq!(travel::singletons::CONFIG, "Config");
    assert_eq!(travel::operations::ACCEPT_TRAVEL, "com.example.travel.v1.acceptTravel");
    assert_eq!(travel::entity_sets::AGENTS, "Agents");
    let _abstract_base_has_a_key: travel::PersonKey = travel::PersonKey { id: Default::default() };
}
