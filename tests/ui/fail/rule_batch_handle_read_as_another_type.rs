odata_derive::service! {
    pub mod bp = "../../../../metadata-samples/API_BUSINESS_PARTNER.edmx";
}

use bp::*;

fn service() -> Service {
    Service::new(&odata_runtime::Client::builder("http://localhost:4004/odata/").build().unwrap())
}

// A handle yields its own request's result: a count is a u64, not a partner, and a
// list's page is not an address.
async fn read(svc: Service) -> Result<(), odata_runtime::Error> {
    let mut batch = svc.batch();
    let count = batch.add(svc.business_partner().count());
    let page = batch.add(svc.business_partner().list());
    let mut response = batch.send().await?;
    let partner: BusinessPartner = response.take(count)?;
    let addresses: odata_runtime::request::Page<BusinessPartnerAddress> = response.take(page)?;
    let _ = (partner, addresses);
    Ok(())
}

fn main() {
    let _ = read(service());
}
