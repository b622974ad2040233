odata_derive::service! {
    pub mod broken = "../../../../tests/ui/edmx/bad_key.edmx";
}

fn main() {}
