//! The call plan: what one call sends ([`RequestPlan`]), the options a caller set for
//! that call alone (`PerCall`), and how its answer is read (`Prepared`: plan, options
//! and decoder). Typed requests produce them; the client sends them, alone or inside a
//! `$batch`. Nothing here does I/O.

use crate::auth::UserToken;
use crate::query::encode_pairs;
use crate::{Error, Version};
use std::sync::{Arc, Mutex};

/// An HTTP method.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `PATCH`
    Patch,
    /// `MERGE` (OData V2), tunnelled through `POST` with `X-HTTP-Method: MERGE`.
    Merge,
    /// `DELETE`
    Delete,
}

impl Method {
    /// The method's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Merge => "MERGE",
            Method::Delete => "DELETE",
        }
    }
}

/// Everything needed to send one request, relative to the service root: what a typed
/// request's `plan()` shows, and what [`Client::execute`](crate::Client::execute) sends.
///
/// ```
/// use odata_runtime::request::{Method, RequestPlan};
/// use odata_runtime::Version;
///
/// let plan = RequestPlan::new(Method::Get, "A_BusinessPartner", Version::V2).with_query("$top", "2");
/// assert_eq!(plan.relative_url(), "A_BusinessPartner?$top=2");
/// assert_eq!(plan.header("Accept"), Some("application/json"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestPlan {
    pub(crate) method: Method,
    /// The path after the service root, its key values already percent-encoded.
    pub(crate) path: String,
    /// Query options, not yet encoded.
    pub(crate) query: Vec<(String, String)>,
    /// Request headers (`Accept`, `Content-Type`, `If-Match`).
    pub(crate) headers: Vec<(&'static str, String)>,
    /// The body, for writes (JSON, or media content).
    pub(crate) body: Option<bytes::Bytes>,
    /// How many of the last query options are the caller's unchecked ones.
    pub(crate) unchecked: usize,
}

impl RequestPlan {
    /// A request for `path` (relative to the service root, percent-encoded) accepting
    /// the JSON of `version`.
    pub fn new(method: Method, path: impl Into<String>, version: Version) -> Self {
        let accept = match version {
            Version::V2 => "application/json",
            Version::V4 => "application/json;odata.metadata=minimal;IEEE754Compatible=true",
        };
        RequestPlan {
            method,
            path: path.into(),
            query: Vec::new(),
            headers: vec![("Accept", accept.to_owned())],
            body: None,
            unchecked: 0,
        }
    }

    /// Adds a query option (encoded when sent).
    pub fn with_query(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.query.push((name.into(), value.into()));
        self
    }

    /// Adds a header, replacing one of the same name.
    pub fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        self.headers.push((name, value.into()));
        self
    }

    /// Sets the body.
    pub fn with_body(mut self, body: impl Into<bytes::Bytes>) -> Self {
        self.body = Some(body.into());
        self
    }

    /// The method.
    pub fn method(&self) -> Method {
        self.method
    }

    /// The path after the service root.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The query options, not yet encoded.
    pub fn query(&self) -> &[(String, String)] {
        &self.query
    }

    /// The value of a header (the first of that name, any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// Every header.
    pub fn headers(&self) -> &[(&'static str, String)] {
        &self.headers
    }

    /// The body, for writes.
    pub fn body(&self) -> Option<&[u8]> {
        self.body.as_deref()
    }

    /// `path?query`, percent-encoded, relative to the service root.
    pub fn relative_url(&self) -> String {
        if self.query.is_empty() {
            self.path.clone()
        } else {
            format!("{}?{}", self.path, encode_pairs(&self.query))
        }
    }
}

/// What every request can carry for its own call: extra headers, the route, the user,
/// and limits.
#[derive(Clone, Debug, Default)]
pub(crate) struct PerCall {
    pub(crate) headers: Vec<(&'static str, String)>,
    /// Through SAP Cloud Connector (the connectivity proxy).
    pub(crate) cloud_connector: bool,
    /// The Cloud Connector's location ID.
    pub(crate) location: Option<String>,
    /// The user the call is made as.
    pub(crate) user: Option<UserToken>,
    /// The tenant a call as the application is made in (a subscriber's), when not the
    /// provider's.
    pub(crate) tenant: Option<crate::auth::Tenant>,
    /// The caller says the call may be sent twice (retried like a read).
    pub(crate) idempotent: bool,
    /// The largest body this call reads, instead of the client's.
    pub(crate) max_body: Option<u64>,
    /// The most pages a stream follows, instead of the client's.
    pub(crate) max_pages: Option<u64>,
    /// Decode list pages leniently (`ListRequest::lenient_decode`).
    pub(crate) lenient: bool,
    /// Query options the typed API does not know (`unchecked_query_option`).
    pub(crate) query: Vec<(String, String)>,
    /// A body streamed from the caller (media uploads), sent once.
    pub(crate) upload: Option<Upload>,
    /// The longest one attempt of this call may take, instead of the client's.
    pub(crate) timeout: Option<std::time::Duration>,
}

/// The chunks of a streamed upload. Taken by the first attempt to send: a stream cannot
/// be sent twice, so anything that would send the request again (a retry, a fresh token
/// after `401`, a redirect) fails instead.
#[derive(Clone)]
pub(crate) struct Upload(Arc<Mutex<Option<UploadStream>>>);

/// What a streamed upload reads from.
pub(crate) type UploadStream =
    std::pin::Pin<Box<dyn futures_core::Stream<Item = Result<bytes::Bytes, std::io::Error>> + Send>>;

impl Upload {
    pub(crate) fn new(stream: UploadStream) -> Self {
        Upload(Arc::new(Mutex::new(Some(stream))))
    }

    /// The stream, the first time.
    pub(crate) fn take(&self) -> Option<UploadStream> {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take()
    }
}

impl std::fmt::Debug for Upload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Upload(..)")
    }
}

impl PerCall {
    pub(crate) fn apply(&self, plan: &mut RequestPlan) {
        plan.headers.extend(self.headers.iter().cloned());
        plan.query.extend(self.query.iter().cloned());
        plan.unchecked += self.query.len();
    }
}

/// The builder methods every request has, for its own call.
macro_rules! per_call_methods {
    () => {
        /// A header for this call only (`sap-language`, a correlation id). The name
        /// must be a static string; values are checked when the request is sent.
        pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
            self.per_call.headers.push((name, value.into()));
            self
        }

        /// **Unchecked**: a query option the typed API cannot express yet (`$apply`,
        /// `$levels`, a service's own option), sent as given for this call only.
        /// Nothing checks that the service knows it or that its value is valid; the
        /// name and value are percent-encoded, so they cannot add other options. An
        /// option the request already has (`$filter`, `$top`, …) is refused before
        /// anything is sent: combine filters with [`Filter::unchecked`](crate::query::Filter::unchecked) instead.
        pub fn unchecked_query_option(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
            self.per_call.query.push((name.into(), value.into()));
            self
        }

        /// The longest one attempt of this call may take, from sending to the last byte
        /// of the answer, instead of the client's
        /// ([`ClientBuilder::timeout`](crate::ClientBuilder::timeout)); past it the call
        /// fails with [`Error::Transport`](crate::Error::Transport) `{ timeout: true, .. }`.
        pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
            self.per_call.timeout = Some(timeout);
            self
        }

        /// The largest response body this call reads, instead of the client's
        /// ([`ClientBuilder::max_body_size`](crate::ClientBuilder::max_body_size),
        /// 64 MiB by default); a larger one is [`Error::TooLarge`](crate::Error::TooLarge).
        pub fn max_body_size(mut self, bytes: u64) -> Self {
            self.per_call.max_body = Some(bytes);
            self
        }

        /// Sends this call through SAP Cloud Connector: to the connectivity proxy of
        /// the client's binding, with a proxy token (the service root is then the
        /// Cloud Connector's `http://` virtual host).
        pub fn via_cloud_connector(mut self) -> Self {
            self.per_call.cloud_connector = true;
            self
        }

        /// Through the Cloud Connector registered with this location ID
        /// (`SAP-Connectivity-SCC-Location_ID`).
        pub fn location_id(mut self, location: impl Into<String>) -> Self {
            self.per_call.cloud_connector = true;
            self.per_call.location = Some(location.into());
            self
        }

        /// Makes the call in this XSUAA-authenticated user's name: directly with the
        /// user's exchanged token, or through the Cloud Connector by principal
        /// propagation (no `Authorization` header; the proxy token is the user's).
        pub fn as_user(mut self, user: &$crate::auth::UserToken) -> Self {
            self.per_call.user = Some(user.clone());
            self
        }

        /// Makes this call as the application in `tenant` (a subscriber's): its token
        /// from the tenant's token host, and through Cloud Connector the tenant's
        /// connector. A call [`as_user`](Self::as_user) is always in the user's tenant.
        pub fn in_tenant(mut self, tenant: &$crate::auth::Tenant) -> Self {
            self.per_call.tenant = Some(tenant.clone());
            self
        }

        /// Makes this call as the application in the tenant of `user` (the subscriber
        /// whose request is being served), without acting in the user's name.
        pub fn in_tenant_of(mut self, user: &$crate::auth::UserToken) -> Self {
            self.per_call.tenant = Some(user.tenant());
            self
        }

        /// Lets the client's [`Retry`](crate::Retry) policy send this call again after
        /// a failure that may have reached the server, as it does for reads. Only for
        /// calls that do no harm when applied twice (an update with its ETag fails
        /// with `412` the second time instead of applying twice); without it a
        /// modifying call is retried only when its connection could not be opened.
        pub fn idempotent(mut self) -> Self {
            self.per_call.idempotent = true;
            self
        }
    };
}
pub(crate) use per_call_methods;

/// A successful response: status, headers and the body read (within the limit).
#[derive(Debug)]
pub struct Response {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: bytes::Bytes,
    pub(crate) url: String,
}

impl Response {
    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The value of a header (the first of that name, any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The body.
    pub fn body(&self) -> &bytes::Bytes {
        &self.body
    }

    /// The URL (without credentials), for messages.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The `Content-Type`.
    pub fn content_type(&self) -> &str {
        self.header("content-type").unwrap_or("")
    }

    /// Fails unless the body is JSON (an HTML login page answered with 200 is an error).
    pub fn expect_json(&self) -> Result<&[u8], Error> {
        let ct = self.content_type();
        if ct.starts_with("application/json") || (ct.is_empty() && self.body.first() == Some(&b'{')) {
            Ok(&self.body)
        } else {
            Err(Error::UnexpectedContent { url: self.url.clone(), status: self.status, content_type: ct.to_owned() })
        }
    }
}

/// How a batch is written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum BatchFormat {
    /// `multipart/mixed` (OData V2 and V4).
    #[default]
    Multipart,
    /// The JSON batch format of OData V4.01 (`{"requests": […]}`); V2 services always
    /// get multipart.
    Json,
}

/// A request ready to go: its plan, its own per-call options, and how a successful
/// answer is read. Sent alone by the client, or as a part of a `$batch`.
#[doc(hidden)]
pub struct Prepared<T> {
    pub(crate) plan: RequestPlan,
    pub(crate) per_call: PerCall,
    pub(crate) decode: Box<dyn FnOnce(Response) -> Result<T, Error> + Send>,
}

impl<T> Prepared<T> {
    pub(crate) fn new(
        plan: RequestPlan,
        per_call: PerCall,
        decode: impl FnOnce(Response) -> Result<T, Error> + Send + 'static,
    ) -> Self {
        Prepared { plan, per_call, decode: Box::new(decode) }
    }
}

/// A request that can join a batch (every typed request can).
pub trait BatchRequest {
    /// What the request yields: the same as its `send()`.
    type Output: Send + 'static;
    /// The request as a part, or why it cannot be sent.
    #[doc(hidden)]
    fn prepare(self) -> Result<Prepared<Self::Output>, Error>;
}

/// Requests that change data (create, update, replace, delete, actions and V2
/// function imports called with `POST`): what a changeset takes.
#[diagnostic::on_unimplemented(
    message = "`{Self}` only reads; a changeset takes writes and actions",
    label = "not a change",
    note = "add reads to the batch itself: `batch.add(…)`"
)]
pub trait Change: BatchRequest {}

/// Requests that read (lists, gets, counts, functions): what a batch takes outside
/// changesets.
#[diagnostic::on_unimplemented(
    message = "`{Self}` changes data; in a batch, changes go into a changeset",
    label = "a change",
    note = "use `batch.changeset(|cs| cs.add(…))`"
)]
pub trait Read: BatchRequest {}
