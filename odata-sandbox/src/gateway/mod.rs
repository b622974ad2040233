//! An SAP Gateway-like OData server for any EDMX model: `$metadata`, the service
//! document, reads with `$filter`, `$select`, `$expand`, `$orderby`, `$top`/`$skip`,
//! counts and server-driven paging, creates, updates (PUT, PATCH, MERGE) and deletes
//! with ETags (`412` on a mismatch, `428` when `If-Match` is missing), CSRF tokens bound
//! to a session cookie, `sap:` capabilities enforced, function imports and actions
//! answered by registered handlers, media resources (`$value`, stream properties), drafts (`Common.DraftRoot`: per-user drafts
//! read as SAP CAP reads them, their lock and the draft actions; `Common.DraftNode`
//! children drafted with their root), SAP-shaped error bodies, and injectable faults.
//! V2 verbose JSON or V4 JSON, as the model's version says. Data lives in memory, behind
//! one lock, and can be reset to its seed.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")] async fn main() {
//! use odata_sandbox::gateway::Gateway;
//! let edmx = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
//!   <edmx:DataServices><Schema Namespace="demo" xmlns="http://docs.oasis-open.org/odata/ns/edm">
//!     <EntityType Name="Book"><Key><PropertyRef Name="ID"/></Key>
//!       <Property Name="ID" Type="Edm.Int32" Nullable="false"/><Property Name="Title" Type="Edm.String"/></EntityType>
//!     <EntityContainer Name="C"><EntitySet Name="Books" EntityType="demo.Book"/></EntityContainer>
//!   </Schema></edmx:DataServices></edmx:Edmx>"#;
//! let gateway = Gateway::builder(edmx).service_path("/odata/v4/demo/").start().await.unwrap();
//! gateway.seed("Books", serde_json::json!([{"ID": 1, "Title": "Emma"}])).unwrap();
//! assert!(gateway.url().ends_with("/odata/v4/demo/"));
//! assert_eq!(gateway.with_data(|data| data.rows("Books").count()), 1);
//! # }
//! ```

mod apply;
mod batch;
mod data;
mod draft;
mod filter;
mod media;
mod operation;
mod path;
mod read;
mod serve;
mod values;
mod wire;
mod write;

pub use data::Data;

use crate::http::{self, lock};
use crate::xsuaa::Xsuaa;
use odata_edmx::Model;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How the answers to one route go wrong (see [`Gateway::set_fault`]).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Fault {
    /// Answer with this status and an SAP error body.
    Status(u16),
    /// Answer `status` (429 or 503) with `Retry-After: seconds`.
    RetryAfter { status: u16, seconds: u64 },
    /// Wait this long, then answer normally.
    Delay(Duration),
    /// Announce the whole body, send half of it, close the connection.
    TruncatedBody,
    /// Answer `200` with an HTML logon page, as SAP systems do when a session expired.
    HtmlLogin,
    /// Close the connection without an answer.
    DropConnection,
    /// Answer normally but with this `Content-Type`.
    ContentType(String),
    /// Answer `200` with this JSON body (`application/json`), whatever was asked: a
    /// payload that does not match the metadata.
    Json(String),
}

/// An error a function handler answers with (an SAP error body with this status).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceError {
    pub status: u16,
    /// The SAP message code, e.g. `BP/012`.
    pub code: String,
    pub message: String,
}

impl ServiceError {
    /// An error with its status, code and message.
    pub fn new(status: u16, code: impl Into<String>, message: impl Into<String>) -> Self {
        ServiceError { status, code: code.into(), message: message.into() }
    }

    /// `400` with `message`.
    pub fn bad_request(message: impl Into<String>) -> Self {
        ServiceError::new(400, "SANDBOX/400", message)
    }

    /// `404` with `message`.
    pub fn not_found(message: impl Into<String>) -> Self {
        ServiceError::new(404, "SANDBOX/404", message)
    }
}

/// One call of a function import, function or action, as its handler sees it.
pub struct Call<'a> {
    /// The operation's name (without namespace).
    pub name: String,
    /// The parameters, as plain JSON (strings, numbers, booleans, ISO dates, arrays, objects).
    pub parameters: Map<String, Value>,
    /// For a bound operation: the entity it is bound to (or `None` for a collection).
    pub binding: Option<Map<String, Value>>,
    /// The user the call came from (XSUAA `user_name`, the propagated principal, or the
    /// client id of a client-credentials token).
    pub user: Option<String>,
    /// The server's data, to read and change.
    pub data: &'a mut Data,
}

impl Call<'_> {
    /// A parameter that must be a string.
    pub fn text(&self, name: &str) -> Result<&str, ServiceError> {
        self.parameters
            .get(name)
            .and_then(Value::as_str)
            .ok_or_else(|| ServiceError::bad_request(format!("parameter {name} is missing or not a string")))
    }
}

/// What a function handler does with a call: the result as plain JSON (`Value::Null`
/// for operations without a return type).
pub type Handler = Arc<dyn Fn(&mut Call<'_>) -> Result<Value, ServiceError> + Send + Sync>;

/// One request as the server saw it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seen {
    pub method: String,
    /// Path and query below the host.
    pub target: String,
    /// Who it came from (see [`Call::user`]).
    pub user: Option<String>,
    pub status: u16,
}

/// How a [`Gateway`] starts. Made by [`Gateway::builder`].
#[must_use]
pub struct GatewayBuilder {
    edmx: String,
    service_path: String,
    page_size: Option<usize>,
    require_if_match: bool,
    csrf: bool,
    xsuaa: Option<Xsuaa>,
    basic: Vec<(String, String)>,
}

impl GatewayBuilder {
    /// The path of the service root (default `/sap/opu/odata/sap/SERVICE/`).
    pub fn service_path(mut self, path: &str) -> Self {
        self.service_path = format!("/{}/", path.trim_matches('/'));
        self
    }

    /// Server-driven paging: at most `rows` entities per answer, then a next link.
    pub fn page_size(mut self, rows: usize) -> Self {
        self.page_size = Some(rows.max(1));
        self
    }

    /// Whether writes without `If-Match` are refused with `428` (default true, as
    /// S/4HANA APIs do).
    pub fn require_if_match(mut self, required: bool) -> Self {
        self.require_if_match = required;
        self
    }

    /// Whether modifying requests need a CSRF token (default true).
    pub fn csrf(mut self, required: bool) -> Self {
        self.csrf = required;
        self
    }

    /// Accepts bearer tokens this XSUAA issued (and users propagated by the sandbox's
    /// Cloud Connector); anything else is `401`.
    pub fn accept_tokens_from(mut self, xsuaa: &Xsuaa) -> Self {
        self.xsuaa = Some(xsuaa.clone());
        self
    }

    /// Accepts this user with Basic authentication (call once per user).
    pub fn basic_user(mut self, user: &str, password: &str) -> Self {
        self.basic.push((user.to_owned(), password.to_owned()));
        self
    }

    /// Parses the model and serves it on a loopback port.
    pub async fn start(self) -> std::io::Result<Gateway> {
        let model = odata_edmx::parse(&self.edmx)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, format!("the EDMX: {e}")))?;
        let model = Arc::new(model);
        let data = Data::new(model.clone());
        let state = http::serve_with(
            |addr| serve::State {
                model,
                edmx: self.edmx,
                addr,
                service_path: self.service_path,
                page_size: self.page_size,
                require_if_match: self.require_if_match,
                csrf_required: self.csrf,
                xsuaa: self.xsuaa,
                basic: self.basic,
                seed: Mutex::new(data.clone()),
                data: Mutex::new(data),
                handlers: Mutex::new(HashMap::new()),
                faults: Mutex::new(HashMap::new()),
                sessions: Mutex::new(HashMap::new()),
                seen: Mutex::new(Vec::new()),
                serial: std::sync::atomic::AtomicU64::new(1),
            },
            |state, request| async move { serve::handle(&state, request).await },
        )
        .await?;
        Ok(Gateway { state })
    }
}

/// A running Gateway-like server. Cheap to clone.
#[derive(Clone)]
pub struct Gateway {
    state: Arc<serve::State>,
}

impl std::fmt::Debug for Gateway {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gateway").field("url", &self.url()).finish()
    }
}

impl Gateway {
    /// A server for the model in `edmx` (the text of a `$metadata` document).
    pub fn builder(edmx: impl Into<String>) -> GatewayBuilder {
        GatewayBuilder {
            edmx: edmx.into(),
            service_path: "/sap/opu/odata/sap/SERVICE/".into(),
            page_size: None,
            require_if_match: true,
            csrf: true,
            xsuaa: None,
            basic: Vec::new(),
        }
    }

    /// The service root, `http://127.0.0.1:<port>/<path>/`.
    pub fn url(&self) -> String {
        format!("http://{}{}", self.state.addr, self.state.service_path)
    }

    /// The loopback address it listens on (to register as a Cloud Connector backend).
    pub fn addr(&self) -> SocketAddr {
        self.state.addr
    }

    /// The service root's path.
    pub fn service_path(&self) -> &str {
        &self.state.service_path
    }

    /// Adds rows (a JSON array of plain JSON objects) to an entity set or singleton,
    /// now and in what [`Gateway::reset`] goes back to.
    pub fn seed(&self, set: &str, rows: Value) -> Result<(), String> {
        let rows = match rows {
            Value::Array(rows) => rows,
            other => vec![other],
        };
        let mut data = lock(&self.state.data);
        let mut seed = lock(&self.state.seed);
        for (i, row) in rows.into_iter().enumerate() {
            data.insert(set, row.clone()).map_err(|e| format!("{set}[{i}]: {e}"))?;
            seed.insert(set, row).map_err(|e| format!("{set}[{i}]: {e}"))?;
        }
        Ok(())
    }

    /// Seeds from JSON text `{"Set": [rows], …}` (a seed file's content).
    pub fn seed_json(&self, json: &str) -> Result<(), String> {
        let sets: Map<String, Value> = serde_json::from_str(json).map_err(|e| format!("seed data: {e}"))?;
        for (set, rows) in sets {
            self.seed(&set, rows)?;
        }
        Ok(())
    }

    /// Goes back to the seeded data, forgets CSRF sessions, faults and seen requests.
    pub fn reset(&self) {
        *lock(&self.state.data) = lock(&self.state.seed).clone();
        lock(&self.state.sessions).clear();
        lock(&self.state.faults).clear();
        lock(&self.state.seen).clear();
    }

    /// Answers calls of the function import, function or action `name` (without namespace).
    pub fn on_function(
        &self,
        name: &str,
        handler: impl Fn(&mut Call<'_>) -> Result<Value, ServiceError> + Send + Sync + 'static,
    ) {
        lock(&self.state.handlers).insert(name.to_owned(), Arc::new(handler));
    }

    /// Makes requests to `route` fail as `fault` says (`None` clears it). The route is
    /// the first path segment below the service root (`A_BusinessPartner`, `$metadata`,
    /// a function name) or `*` for every request.
    pub fn set_fault(&self, route: &str, fault: Option<Fault>) {
        let mut faults = lock(&self.state.faults);
        match fault {
            Some(f) => faults.insert(route.to_owned(), f),
            None => faults.remove(route),
        };
    }

    /// Forgets every CSRF token, as a server does when sessions expire: the next
    /// modifying request is answered `403` with `X-CSRF-Token: Required`.
    pub fn forget_csrf_tokens(&self) {
        lock(&self.state.sessions).clear();
    }

    /// The requests served so far.
    pub fn requests(&self) -> Vec<Seen> {
        lock(&self.state.seen).clone()
    }

    /// Reads or changes the data directly.
    pub fn with_data<R>(&self, f: impl FnOnce(&mut Data) -> R) -> R {
        f(&mut lock(&self.state.data))
    }

    /// The service's model.
    pub fn model(&self) -> &Model {
        &self.state.model
    }
}
