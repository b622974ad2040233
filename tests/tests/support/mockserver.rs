//! SAP's Fiori elements mock server (`@sap-ux/fe-mockserver-core`, SAP-written): every
//! EDMX file in `metadata-samples/` served with generated data at
//! `/samples/<file name without .edmx>/` (`tests/mockserver` is its npm project).

use super::node::{self, NodeServer};
use std::sync::OnceLock;

/// The mock server of this test binary, started on first use; `None` (after a loud
/// message) when Node.js is missing outside CI.
pub fn mock_server() -> Option<&'static NodeServer> {
    static SERVER: OnceLock<Option<NodeServer>> = OnceLock::new();
    SERVER
        .get_or_init(|| {
            if !node::node_available("SAP mock server") {
                return None;
            }
            let dir = node::project_dir("mockserver");
            node::install(&dir, &["node_modules/@sap-ux/fe-mockserver-core/package.json"]);
            Some(node::start(&dir, "SAP mock server"))
        })
        .as_ref()
}

/// The service root of the sample `file` (`API_BUSINESS_PARTNER.edmx`).
pub fn root(server: &NodeServer, file: &str) -> String {
    format!("http://127.0.0.1:{}/samples/{}/", server.port, file.trim_end_matches(".edmx"))
}
