//! Helpers shared by the integration tests that talk to real servers. Each test binary
//! uses some of them.

#[allow(dead_code)]
pub mod cap;
#[allow(dead_code)]
pub mod mockserver;
#[allow(dead_code)]
pub mod node;
