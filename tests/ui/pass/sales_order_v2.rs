//! The V2 sales-order sample: deep expansion (order → items → schedule lines),
//! nested complex types, composite keys and ETags from concurrency tokens.

#[path = "../support/roundtrip.rs"]
mod roundtrip;

odata_derive::service! {
    pub mod so = "../../../../metadata-samples/API_SALES_ORDER_SRV.edmx";
}

use odata_runtime::{Entity, EntityKey, Version};
use so::{SalesOrder, SalesOrderItem};

const ORDER: &str = r#"{"d":{"__metadata":{"uri":"https://s4.example/A_SalesOrder('4711')","type":"API_SALES_ORDER_SRV.A_SalesOrderType",
  "etag":"W/\"datetimeoffset'2024-05-06T07%3A08%3A09.1000000Z'\""},
 "SalesOrder":"4711","SalesOrderType":"OR","SalesOrganization":"1010","SoldToParty":"17100001",
 "PurchaseOrderByCustomer":"PO 1/2024","SalesOrderDate":"\/Date(1714953600000)\/","TotalNetAmount":"1500.000",
 "TransactionCurrency":"EUR","OverallSDProcessStatus":"A",
 "ShippingAddress":{"Name":"Inlandskunde DE 1","StreetName":"Lindenstraße 2",
   "CityName":"Berlin","PostalCode":"10115","Country":"DE"},
 "DeliveryInfo":{"ShippingCondition":"01","CompleteDeliveryIsDefined":true,"PlannedDeliveryTime":"PT08H30M00S",
   "Weight":{"Quantity":"12.500","Unit":"KG"},
   "PickupAddress":{"Name":null,"StreetName":null,"CityName":"Walldorf","PostalCode":null,"Country":"DE"}},
 "LastChangeDateTime":"\/Date(1714979289100+0000)\/",
 "to_Partner":{"__deferred":{"uri":"https://s4.example/A_SalesOrder('4711')/to_Partner"}},
 "to_Item":{"results":[
  {"__metadata":{"etag":"W/\"datetimeoffset'2024-05-06T07%3A08%3A09.1000000Z'\""},"SalesOrder":"4711","SalesOrderItem":"10",
   "Material":"TG11","SalesOrderItemText":"Trad. Wheat Bread","RequestedQuantity":"10.000","RequestedQuantityUnit":"PC",
   "NetAmount":"1500.000","TransactionCurrency":"EUR","ItemWeight":{"Quantity":"5.000","Unit":"KG"},
   "LastChangeDateTime":"\/Date(1714979289100+0000)\/",
   "to_SalesOrder":{"__deferred":{"uri":"x"}},
   "to_PricingElement":{"results":[{"SalesOrder":"4711","SalesOrderItem":"10","PricingProcedureStep":"10",
      "PricingProcedureCounter":"1","ConditionType":"PPR0","ConditionRateValue":"150.000000000","ConditionCurrency":"EUR",
      "ConditionIsManuallyChanged":false}]},
   "to_ScheduleLine":{"results":[{"SalesOrder":"4711","SalesOrderItem":"10","ScheduleLine":"1",
      "RequestedDeliveryDate":"\/Date(1715212800000)\/","ConfirmedDeliveryDate":null,"ScheduleLineOrderQuantity":"10.000",
      "GoodsIssueTime":"PT14H00M00S"}]}}]}}}"#;

fn main() {
    let order: SalesOrder = roundtrip::v2_single(ORDER);
    assert_eq!(order.delivery_info.weight.quantity.as_ref().unwrap().to_string(), "12.500");
    assert_eq!(order.delivery_info.pickup_address.city_name.as_deref(), Some("Walldorf"));
    assert_eq!(order.shipping_address.street_name.as_deref(), Some("Lindenstraße 2"));
    let item: &SalesOrderItem = &order.to_item.as_ref().unwrap()[0];
    assert_eq!(item.to_schedule_line.as_ref().unwrap()[0].goods_issue_time.unwrap().to_string(), "14:00:00");
    assert_eq!(item.to_pricing_element.as_ref().unwrap()[0].condition_rate_value.as_ref().unwrap().to_string(), "150.000000000");
    assert!(item.to_sales_order.is_none());
    assert!(order.to_partner.is_none());
    assert_eq!(item.key().segment(Version::V2), "(SalesOrder='4711',SalesOrderItem='10')");
    assert!(order.etag().unwrap().contains("2024-05-06"));
    assert_eq!(so::entity_sets::A_SALES_ORDER_SCHEDULE_LINE, "A_SalesOrderScheduleLine");

    // Gateway may tag complex values with `__metadata`; it is read (and not kept: the
    // generated type already is the type it names).
    let tagged = r#"{"__metadata":{"type":"API_SALES_ORDER_SRV.CT_Address"},"Name":"X","StreetName":null,
        "CityName":null,"PostalCode":null,"Country":"DE"}"#;
    let address: so::CtAddress = serde_json::from_str(tagged).unwrap();
    assert_eq!(address.country.as_deref(), Some("DE"));
}
