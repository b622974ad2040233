//! `$batch` answers: the multipart parser and the HTTP messages in its parts; the property is
//! `odata_tests::robustness::multipart` (shared with the bounded property tests in CI).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| odata_tests::robustness::multipart(data));
