odata_derive::service! {
    pub mod broken = "../../../../tests/ui/edmx/several_errors.edmx";
}

fn main() {}
