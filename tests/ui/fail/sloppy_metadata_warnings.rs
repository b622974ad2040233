// The compiler warnings of metadata read forgivingly, made errors here so that they show
// in the expected output; without `deny` the crate compiles (ui/pass/sloppy_metadata_v4.rs).
#![deny(deprecated)]

odata_derive::service! {
    pub mod erp = "../../../../tests/fixtures/sloppy_service.v4.edmx";
}

fn main() {}
