odata_derive::service! {
    pub mod bp = "../../../../metadata-samples/API_BUSINESS_PARTNER.edmx";
}

use bp::*;

fn service() -> Service {
    Service::new(&odata_runtime::Client::builder("http://localhost:4004/odata/").build().unwrap())
}

// LastName is nullable: a `$select` of it reads `Option<String>`, never an invented "".
async fn names() -> Vec<(String, String)> {
    let request = service().business_partner().list().select((BusinessPartner::BUSINESS_PARTNER, BusinessPartner::LAST_NAME));
    request.send().await.unwrap().items
}

fn main() {
    let _ = names();
}
