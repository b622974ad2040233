odata_derive::service! {
    pub mod broken = "../../../../tests/ui/edmx/malformed.edmx";
}

fn main() {}
