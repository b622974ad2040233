// `strict: true`: every warning is an error, nothing is skipped.
odata_derive::service! {
    pub mod erp = "../../../../tests/fixtures/sloppy_service.v4.edmx" { strict: true }
}

fn main() {}
