odata_derive::service! {
    pub mod so = "../../../../metadata-samples/API_SALES_ORDER_SRV.edmx";
}

use so::*;

// `$apply` is OData V4 data aggregation; API_SALES_ORDER_SRV speaks V2.
fn main() {
    let client = odata_runtime::Client::builder("http://localhost/").build().unwrap();
    let svc = Service::new(&client);
    let _ = svc.sales_order().aggregate(SalesOrder::SOLD_TO_PARTY, SalesOrder::TOTAL_NET_AMOUNT.sum());
}
