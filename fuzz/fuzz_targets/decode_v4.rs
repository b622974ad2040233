//! V4 payloads decoded into the generated business-partner types; the property is
//! `odata_tests::robustness::decode` (shared with the bounded property tests in CI).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| odata_tests::robustness::decode(odata_runtime::Version::V4, data));
