//! V2 payloads (`{"d":{"results":[…]}}`, `{"d":{…}}`, error bodies) decoded into the
//! generated business-partner types: a typed error or a value, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use odata_runtime::{format, Version};

odata_derive::service! {
    mod bp = "../metadata-samples/API_BUSINESS_PARTNER.edmx";
}

fuzz_target!(|data: &[u8]| {
    odata_fuzz_decode(Version::V2, data);
});

fn odata_fuzz_decode(version: Version, data: &[u8]) {
    let _ = format::decode_collection::<bp::BusinessPartner>(version, data);
    let _ = format::decode_entity::<bp::BusinessPartner>(version, data);
    let _ = format::decode_entity::<bp::BusinessPartnerAddress>(version, data);
    let _ = format::decode_error(data);
    if let Ok(mut page) = format::split_collection(version, bytes::Bytes::copy_from_slice(data)) {
        while let Some((entity, path)) = page.next_entity() {
            assert!(path.starts_with("d.results["), "{path}");
            let _ = format::decode_entity_json::<bp::BusinessPartner>(&String::from_utf8_lossy(entity));
        }
    }
}
