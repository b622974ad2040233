odata_derive::service! {
    pub mod travel = "../../../../metadata-samples/TravelService.v4.edmx" {
        only: ["Travels", "Flights"],
    }
}

fn main() {}
