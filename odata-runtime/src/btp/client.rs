//! What BTP adds to the client: XSUAA as its credentials, the connectivity proxy as its
//! tunnel, and a client from the app's bindings.

use super::bindings::Bindings;
use super::connectivity::Connectivity;
use super::destination::DestinationService;
use super::xsuaa::Xsuaa;
use crate::{Client, ClientBuilder, Error};
use std::sync::Arc;

impl ClientBuilder {
    /// XSUAA tokens: the app's client-credentials token on every call, the user's
    /// exchanged token on calls made [`as_user`](crate::request::ListRequest::as_user).
    pub fn xsuaa(self, xsuaa: Xsuaa) -> Self {
        self.auth_provider(Arc::new(xsuaa.clone())).user_exchange(Arc::new(xsuaa))
    }

    /// The connectivity proxy, for calls made
    /// [`via_cloud_connector`](crate::request::ListRequest::via_cloud_connector).
    pub fn connectivity(self, connectivity: Connectivity) -> Self {
        self.tunnel(Arc::new(connectivity))
    }
}

impl Client {
    /// A client for the BTP destination `destination`, from the app's bindings
    /// (`VCAP_SERVICES` or `SERVICE_BINDING_ROOT`): the `destination` binding finds
    /// it, the `connectivity` binding (when bound) carries `OnPremise` calls.
    /// Destinations whose authentication is user-based need
    /// [`DestinationService::find`] with the user instead.
    pub async fn from_btp_env(destination: &str) -> Result<Client, Error> {
        let bindings = Bindings::from_env()?;
        let service = DestinationService::from_binding(bindings.find("destination")?)?;
        let connectivity = match bindings.find("connectivity") {
            Ok(binding) => Some(Connectivity::from_binding(binding)?),
            Err(_) => None,
        };
        service.client(destination, None, connectivity.as_ref()).await
    }
}
