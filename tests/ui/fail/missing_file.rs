odata_derive::service! {
    pub mod missing = "../../../../metadata-samples/API_NOT_THERE.edmx";
}

fn main() {}
