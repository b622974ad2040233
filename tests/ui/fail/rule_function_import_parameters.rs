odata_derive::service! {
    pub mod bp = "../../../../metadata-samples/API_BUSINESS_PARTNER.edmx";
}

use bp::*;

fn service() -> Service {
    Service::new(&odata_runtime::Client::builder("http://localhost:4004/odata/").build().unwrap())
}

// ValidateBusinessPartner needs BusinessPartner and KeyDate; CityName is Edm.String.
fn main() {
    let _ = service().validate_business_partner(ValidateBusinessPartnerParameters { business_partner: "1".into() });
    let _ = service().count_partners_in_city(CountPartnersInCityParameters { city_name: 42 });
    let _ = service().count_partners_in_city();
}
