//! Opt-in lenient decoding against a server that sends values its metadata does not
//! allow: the page survives, the bad nullable values are `None`, and the page says which
//! and why; strict (the default) names the JSON path of the first bad value.

use odata_runtime::{Client, Error};

odata_derive::service! {
    mod bp = "../metadata-samples/API_BUSINESS_PARTNER.edmx";
}

/// A loopback server answering every request with `body` (V2 JSON).
async fn sloppy_server(body: &'static str) -> String {
    let addr =
        odata_sandbox::http::serve(move |_| async move { odata_sandbox::http::raw(200, "application/json", body) })
            .await
            .unwrap();
    format!("http://{addr}/sap/opu/odata/sap/API_BUSINESS_PARTNER/")
}

const SLOPPY: &str = r#"{"d":{"__count":"2","results":[
  {"BusinessPartner":"1","CreationDate":"yesterday","BusinessPartnerIsBlocked":"maybe","LastName":"Ok"},
  {"BusinessPartner":"2","CreationDate":"/Date(1700000000000)/","LastName":"Fine"}]}}"#;

#[tokio::test]
async fn a_bad_nullable_value_is_none_with_a_warning_on_the_page() {
    let svc = bp::Service::new(&Client::builder(sloppy_server(SLOPPY).await).build().unwrap());
    match svc.business_partner().list().with_count().send().await {
        Err(Error::Decode { path, .. }) => assert_eq!(path, "d.results[0].CreationDate"),
        other => panic!("strict decoding must fail: {other:?}"),
    }
    let page = svc.business_partner().list().with_count().lenient_decode().send().await.unwrap();
    assert_eq!((page.items.len(), page.count), (2, Some(2)));
    let first = &page.items[0];
    assert_eq!((first.creation_date, first.business_partner_is_blocked), (None, None));
    assert_eq!(first.last_name.as_deref(), Some("Ok"));
    assert!(page.items[1].creation_date.is_some(), "good values stay");
    assert_eq!(page.warnings.len(), 2, "{:#?}", page.warnings);
    assert!(
        page.warnings[0].starts_with("API_BUSINESS_PARTNER.A_BusinessPartnerType.CreationDate: "),
        "{:?}",
        page.warnings
    );
    assert!(page.warnings[1].contains(".BusinessPartnerIsBlocked: "), "{:?}", page.warnings);
    // Paging by hand carries them too.
    let mut pages = svc.business_partner().list().lenient_decode().pages();
    assert_eq!(pages.next().await.unwrap().unwrap().warnings.len(), 2);
}

#[tokio::test]
async fn a_bad_value_of_a_required_property_still_fails() {
    let body = r#"{"d":{"results":[{"BusinessPartner":17,"LastName":"Ok"}]}}"#;
    let svc = bp::Service::new(&Client::builder(sloppy_server(body).await).build().unwrap());
    match svc.business_partner().list().lenient_decode().send().await {
        Err(Error::Decode { path, .. }) => assert_eq!(path, "d.results[0].BusinessPartner"),
        other => panic!("a key cannot be dropped: {other:?}"),
    }
}
