//! Generates the clients into `$OUT_DIR` (pretty-printed; rebuilt when an EDMX changes).
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let samples = concat!(env!("CARGO_MANIFEST_DIR"), "/../../metadata-samples");
    odata_codegen::Builder::new().generate(format!("{samples}/API_BUSINESS_PARTNER.edmx"), "business_partner")?;
    odata_codegen::Builder::new()
        .only(["Orders", "Products"])
        .generate(format!("{samples}/cap_shop.v4.edmx"), "shop")?;
    Ok(())
}
