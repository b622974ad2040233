odata_derive::service! {
    pub mod travel = "../../../../metadata-samples/TravelService.v4.edmx" {
        include: ["Travels"],
    }
}

odata_derive::service! {
    pub mod no_path;
}

fn main() {}
