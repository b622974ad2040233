odata_derive::service! {
    pub mod travel = "../../../../metadata-samples/TravelService.v4.edmx";
}

use travel::*;

// `Status` is `Nullable="false"`: a patch can change it (`Some(v)`) but not clear it;
// `Some(None)` is for nullable properties (`Description`) only.
fn main() {
    let _ok = TravelPatch { description: Some(None), status: Some(TravelStatus::Open), ..Default::default() };
    let _ = TravelPatch { status: Some(None), ..Default::default() };
}
