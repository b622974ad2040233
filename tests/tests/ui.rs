//! trybuild suites: generated code that must compile (and run), and broken input that
//! must fail with a clear, located message.
//!
//! Cases name files relative to trybuild's project directory,
//! `target/tests/trybuild/odata-tests/`, so they assume the default target directory.

#[test]
fn generated_code() {
    let t = trybuild::TestCases::new();
    t.pass("ui/pass/*.rs");
    t.compile_fail("ui/fail/*.rs");
}
