odata_derive::service! {
    pub mod hostile = "../../../../tests/ui/edmx/hostile_laughs.edmx";
}

fn main() {}
