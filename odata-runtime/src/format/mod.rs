//! Payload shapes of each protocol version.

pub mod v2;
