//! URL literals: round trips, and key segments nothing can break out of; the property is
//! `odata_tests::robustness::literal` (shared with the bounded property tests in CI).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| odata_tests::robustness::literal(data));
