//! SAP BTP: service bindings, XSUAA tokens, Cloud Connector routing and the destination
//! service.
//!
//! - [`bindings`]: `VCAP_SERVICES` and Kubernetes-style mounted bindings.
//! - [`xsuaa`]: OAuth tokens from XSUAA (client credentials, user token exchange),
//!   cached per (token URL, client, grant, tenant, user) with one fetch per key however
//!   many callers wait.
//! - [`connectivity`]: the connectivity proxy in front of SAP Cloud Connector.
//! - [`destination`]: destinations by name, turned into clients.
//! - [`UserToken`]: the claims of a user's JWT that routing needs (tenant, expiry).

pub mod bindings;
pub mod connectivity;
pub mod destination;
mod jwt;
pub mod xsuaa;

pub use jwt::UserToken;
