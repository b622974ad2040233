//! SAP BTP: service bindings, XSUAA tokens, and (next) Cloud Connector routing and the
//! destination service.
//!
//! - [`bindings`]: `VCAP_SERVICES` and Kubernetes-style mounted bindings.
//! - [`xsuaa`]: OAuth tokens from XSUAA (client credentials, user token exchange),
//!   cached per (token URL, client, grant, tenant, user) with one fetch per key however
//!   many callers wait.
//! - [`UserToken`]: the claims of a user's JWT that routing needs (tenant, expiry).

pub mod bindings;
pub mod connectivity;
mod jwt;
pub mod xsuaa;

pub use jwt::UserToken;
