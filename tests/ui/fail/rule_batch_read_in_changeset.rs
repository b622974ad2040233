odata_derive::service! {
    pub mod bp = "../../../../metadata-samples/API_BUSINESS_PARTNER.edmx";
}

use bp::*;

fn service() -> Service {
    Service::new(&odata_runtime::Client::builder("http://localhost:4004/odata/").build().unwrap())
}

// Changesets take changes; reads go into the batch itself, and changes do not.
fn main() {
    let svc = service();
    let mut batch = svc.batch();
    let _ = batch.changeset(|cs| cs.add(svc.business_partner().list()));
    let address = NewBusinessPartnerAddress::new("1000001");
    let _ = batch.add(svc.business_partner_address().create(address));
}
