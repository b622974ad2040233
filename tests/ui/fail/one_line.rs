// `$metadata` saved as SAP serves it, on one line: the error still names its column.
odata_derive::service! {
    pub mod broken = "../../../../tests/ui/edmx/one_line.edmx" { strict: true }
}

fn main() {}
