//! An embedded stand-in for SAP BTP and an SAP OData backend, on loopback, so that the
//! quickstart runs without an SAP account and tests exercise the whole chain.
//!
//! Today: an XSUAA stand-in ([`xsuaa`]) that issues RS256 JWTs with XSUAA's claims for
//! the client-credentials and jwt-bearer grants, serves `/token_keys`, logs users in for
//! tests, and can be told to fail. The connectivity proxy, the destination service and
//! the Gateway-like OData server come next.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")] async fn main() {
//! let xsuaa = odata_sandbox::xsuaa::Xsuaa::start().await.unwrap();
//! let alice = xsuaa.user_token("alice", "tenant-a");
//! assert!(xsuaa.verify(&alice).is_ok());
//! assert!(xsuaa.url().starts_with("http://127.0.0.1:"));
//! # }
//! ```

pub mod connectivity;
pub mod destination;
pub mod faults;
pub mod gateway;
pub mod http;
pub mod ias;
pub mod jwt;
mod sandbox;
pub mod tls;
pub mod xsuaa;

pub use sandbox::{
    business_partner_gateway, Sandbox, APP_CLIENT, BUSINESS_PARTNER_EDMX, BUSINESS_PARTNER_PATH, BUSINESS_PARTNER_SEED,
    LOCATION_ID, VIRTUAL_HOST,
};
