//! SAP CAP (`@sap/cds`) as a real OData server: `tests/cap` serves the test shop as
//! OData V4 at `/shop/` and, through `@cap-js-community/odata-v2-adapter`, as OData V2
//! at `/odata/v2/shop/`.
//!
//! The first test that needs it installs the npm packages (`npm ci`, from the
//! committed lockfile) when `tests/cap/node_modules` is missing, and starts one server
//! per test binary on a free loopback port. The server exits when the test process
//! does (its stdin closes). Without Node.js the tests say so loudly and skip, except
//! under `CI=true`, where they fail.

use super::node::{self, NodeServer};
use std::sync::OnceLock;

/// A running CAP server.
pub struct Cap {
    server: NodeServer,
}

impl Cap {
    /// The OData V4 service root.
    pub fn v4_root(&self) -> String {
        format!("http://127.0.0.1:{}/shop/", self.server.port)
    }

    /// The draft-enabled OData V4 service (`srv/draft-service.cds`).
    pub fn drafts_root(&self) -> String {
        format!("http://127.0.0.1:{}/drafts/", self.server.port)
    }

    /// The OData V2 service root (through the adapter).
    pub fn v2_root(&self) -> String {
        format!("http://127.0.0.1:{}/odata/v2/shop/", self.server.port)
    }
}

/// The CAP server of this test binary, started on first use; `None` (after a loud
/// message) when Node.js is missing outside CI.
pub fn cap() -> Option<&'static Cap> {
    static CAP: OnceLock<Option<Cap>> = OnceLock::new();
    CAP.get_or_init(|| {
        if !node::node_available("SAP CAP end-to-end") {
            return None;
        }
        let dir = node::project_dir("cap");
        node::install(&dir, &["node_modules/@sap/cds/package.json", "node_modules/better-sqlite3/build"]);
        Some(Cap { server: node::start(&dir, "CAP server") })
    })
    .as_ref()
}
