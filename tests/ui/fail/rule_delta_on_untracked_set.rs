odata_derive::service! {
    pub mod so = "../../../../metadata-samples/API_SALES_ORDER_SRV.edmx";
}

// A_SalesOrder has no sap:change-tracking="true": it hands out no delta links.
fn main() {
    let client = odata_runtime::Client::builder("http://localhost/").build().unwrap();
    let svc = so::Service::new(&client);
    let _ = svc.sales_order().track_changes();
}
