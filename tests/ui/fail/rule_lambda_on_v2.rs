odata_derive::service! {
    pub mod so = "../../../../metadata-samples/API_SALES_ORDER_SRV.edmx";
}

use so::*;

// `any`/`all` are OData V4; API_SALES_ORDER_SRV speaks V2.
fn main() {
    let _ = SalesOrder::TO_ITEM.any(SalesOrderItem::MATERIAL.eq("TG11"));
}
