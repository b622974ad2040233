odata_derive::service! {
    pub mod drafts = "../../../../metadata-samples/cap_drafts.v4.edmx";
}

use drafts::*;

// The condition inside `any` over a collection of complex values is on the complex type
// (`ShopStep::DONE`), not on the entity that holds the collection.
fn main() {
    let _ = Notes::CHECKLIST.any(Notes::TITLE.eq("Groceries"));
}
