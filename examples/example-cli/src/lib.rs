//! A typed client written by the `odata-codegen` CLI into a source file that is committed
//! (the door for teams that review generated code in pull requests, or build without
//! the generator). The file is regenerated with
//!
//! ```text
//! cargo run -p odata-codegen -- generate metadata-samples/API_SALES_ORDER_SRV.edmx \
//!     --module sales_order > examples/example-cli/src/generated.rs
//! ```
//!
//! and a test (`odata-codegen/tests/cli.rs`) fails when it differs from what the CLI
//! prints today. The crate denies missing docs and every warning.
#![deny(missing_docs, warnings)]

// The CLI's output is pretty-printed already; rustfmt leaves it as written.
#[rustfmt::skip]
mod generated;

pub use generated::sales_order;
