odata_derive::service! {
    pub mod broken = "../../../../tests/ui/edmx/unsupported_version.edmx";
}

fn main() {}
