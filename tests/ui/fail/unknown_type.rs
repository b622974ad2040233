odata_derive::service! {
    pub mod broken = "../../../../tests/ui/edmx/unknown_type.edmx" { strict: true }
}

fn main() {}
