//! The EDMX parser and the generator; the property is
//! `odata_tests::robustness::edmx` (shared with the bounded property tests in CI).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| odata_tests::robustness::edmx(data));
