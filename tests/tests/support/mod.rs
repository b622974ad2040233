//! Helpers shared by the integration tests that talk to real servers.

pub mod cap;
