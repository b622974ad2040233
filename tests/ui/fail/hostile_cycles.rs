odata_derive::service! {
    pub mod hostile = "../../../../tests/ui/edmx/hostile_cycles.edmx";
}

fn main() {}
