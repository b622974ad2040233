//! Helpers shared by the integration tests that talk to real servers. Each test binary
//! uses some of them.

#[allow(dead_code)]
pub mod cap;
#[allow(dead_code)]
pub mod mockserver;
#[allow(dead_code)]
pub mod node;

/// The sandbox's Gateway serving `edmx` below `path` (`/shop/`), without CSRF, empty:
/// the stand-in the tests put beside SAP CAP.
#[allow(dead_code)]
pub async fn gateway(edmx: &str, path: &str) -> odata_sandbox::gateway::Gateway {
    odata_sandbox::gateway::Gateway::builder(edmx).service_path(path).csrf(false).start().await.unwrap()
}
