//! [`ClientBuilder`]: the service root, credentials, routing, limits and retries of a
//! [`Client`].

use super::{body, Auth, Client, Inner, Retry};
use crate::auth::{AuthProvider, Secret, Tunnel, UserExchange};
use crate::plan::BatchFormat;
use crate::Error;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A stream follows at most this many pages unless told otherwise.
pub const DEFAULT_MAX_PAGES: u64 = 100_000;

/// Builds a [`Client`].
#[must_use]
pub struct ClientBuilder {
    root: String,
    auth: Auth,
    users: Option<Arc<dyn UserExchange>>,
    timeout: Option<Duration>,
    connect_timeout: Duration,
    headers: Vec<(String, String)>,
    tunnel: Option<Arc<dyn Tunnel>>,
    principal_propagation: bool,
    always_via_cloud_connector: Option<Option<String>>,
    query: Vec<(String, String)>,
    batch_format: BatchFormat,
    retry: Retry,
    max_body: u64,
    max_error_body: u64,
    max_pages: u64,
}

impl ClientBuilder {
    pub(super) fn new(root: String) -> Self {
        ClientBuilder {
            root,
            auth: Auth::None,
            users: None,
            timeout: Some(Duration::from_secs(120)),
            connect_timeout: Duration::from_secs(30),
            headers: Vec::new(),
            tunnel: None,
            principal_propagation: false,
            always_via_cloud_connector: None,
            query: Vec::new(),
            batch_format: Default::default(),
            retry: Retry::default(),
            max_body: body::DEFAULT_MAX_BODY,
            max_error_body: body::DEFAULT_MAX_SMALL_BODY,
            max_pages: DEFAULT_MAX_PAGES,
        }
    }

    /// The credentials of calls made as the application; they replace any earlier
    /// ones, a user exchange included (calls as a user then fail before I/O).
    fn with_auth(mut self, auth: Auth) -> Self {
        self.auth = auth;
        self.users = None;
        self
    }
    /// HTTP Basic authentication.
    pub fn basic_auth(self, user: impl Into<String>, password: impl Into<String>) -> Self {
        self.with_auth(Auth::Basic { user: user.into(), password: Secret::new(password) })
    }

    /// A fixed bearer token.
    pub fn bearer_token(self, token: impl Into<String>) -> Self {
        self.with_auth(Auth::Bearer(Secret::new(token)))
    }

    /// Calls made [`as_user`](crate::request::ListRequest::as_user) directly (not
    /// through a tunnel) get their `Authorization` value from `exchange` (on BTP:
    /// [`ClientBuilder::xsuaa`] sets both this and the application's own token).
    pub fn user_exchange(mut self, exchange: Arc<dyn UserExchange>) -> Self {
        self.users = Some(exchange);
        self
    }

    /// The proxy for calls made
    /// [`via_cloud_connector`](crate::request::ListRequest::via_cloud_connector) (on
    /// BTP: [`ClientBuilder::connectivity`]).
    pub fn tunnel(mut self, tunnel: Arc<dyn Tunnel>) -> Self {
        self.tunnel = Some(tunnel);
        self
    }

    /// Calls through the Cloud Connector go in the user's name (principal
    /// propagation): such a call without [`as_user`](crate::request::ListRequest::as_user)
    /// fails before anything is sent.
    pub fn principal_propagation(mut self) -> Self {
        self.principal_propagation = true;
        self
    }

    /// A ready `Authorization` header value on every request (what a destination's
    /// auth token says).
    pub fn authorization_value(self, value: Secret) -> Self {
        self.with_auth(Auth::Header(value))
    }

    /// Every call through the Cloud Connector (an `OnPremise` destination), with this
    /// location ID unless a call names another.
    pub fn always_via_cloud_connector(mut self, location: Option<String>) -> Self {
        self.always_via_cloud_connector = Some(location);
        self
    }

    /// How batches of this client are written (multipart unless told otherwise; V2
    /// services always get multipart).
    pub fn batch_format(mut self, format: BatchFormat) -> Self {
        self.batch_format = format;
        self
    }

    /// When failed calls are sent again (default: [`Retry::default`]; [`Retry::none`]
    /// to never). Reads are retried after a broken connection or a `429`/`502`/`503`/
    /// `504`; writes only when the connection could not be opened, or when the call is
    /// marked [`idempotent`](crate::request::UpdateRequest::idempotent).
    pub fn retry(mut self, retry: Retry) -> Self {
        self.retry = retry;
        self
    }

    /// The largest data or `$batch` body a call reads (default 64 MiB): a larger one
    /// (or a larger `Content-Length`) is [`Error::TooLarge`], read no further. A call
    /// can set its own (`.max_body_size(..)` on any request). Media opened as a stream
    /// ([`MediaRequest::open`](crate::request::MediaRequest::open)) is not limited.
    pub fn max_body_size(mut self, bytes: u64) -> Self {
        self.max_body = bytes;
        self
    }

    /// The largest error body read (default 1 MiB); past it the [`Error::Http`] keeps
    /// its status and says the body was not read.
    pub fn max_error_body_size(mut self, bytes: u64) -> Self {
        self.max_error_body = bytes;
        self
    }

    /// The most pages a [`stream`](crate::request::ListRequest::stream) follows (default
    /// 100,000); past it the stream ends with [`Error::Paging`].
    pub fn max_pages(mut self, pages: u64) -> Self {
        self.max_pages = pages;
        self
    }

    /// A query option added to every URL (a destination's `URL.queries.*`).
    pub fn query(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.query.push((name.into(), value.into()));
        self
    }

    /// A provider asked for the `Authorization` value before every request.
    pub fn auth_provider(self, provider: Arc<dyn AuthProvider>) -> Self {
        self.with_auth(Auth::Provider(provider))
    }

    /// The whole-request timeout (default 120 s; `None` for none).
    pub fn timeout(mut self, timeout: Option<Duration>) -> Self {
        self.timeout = timeout;
        self
    }

    /// The connect timeout (default 30 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// A header sent with every request.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The SAP client (`sap-client` header; a header rather than a query option, since
    /// query strings end up in logs).
    pub fn sap_client(self, client: impl Into<String>) -> Self {
        self.header("sap-client", client)
    }

    /// The logon language (`sap-language` header, e.g. `EN`).
    pub fn sap_language(self, language: impl Into<String>) -> Self {
        self.header("sap-language", language)
    }

    /// Builds the client; no request is sent.
    pub fn build(self) -> Result<Client, Error> {
        let mut root =
            reqwest::Url::parse(&self.root).map_err(|e| Error::InvalidInput(format!("service root: {e}")))?;
        if !matches!(root.scheme(), "http" | "https") {
            return Err(Error::InvalidInput(format!("service root must be http or https, not {}", root.scheme())));
        }
        if !root.username().is_empty() || root.password().is_some() {
            return Err(Error::InvalidInput("put credentials in basic_auth, not in the service root URL".into()));
        }
        if !root.path().ends_with('/') {
            let path = format!("{}/", root.path());
            root.set_path(&path);
        }
        let mut headers = Vec::new();
        for (name, value) in self.headers {
            let n = reqwest::header::HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| Error::InvalidInput(format!("invalid header name {name:?}")))?;
            let v = reqwest::header::HeaderValue::from_str(&value)
                .map_err(|_| Error::InvalidInput(format!("invalid value for header {name}")))?;
            headers.push((n, v));
        }
        // Redirects are followed by `send_checked`, which decides what each hop may carry
        // (reqwest's own policy would pass the client's custom headers, an API key say,
        // to any host): `http::builder` turns reqwest's off.
        let mut http = super::http::builder(&Default::default())
            .map_err(|e| Error::InvalidInput(format!("HTTP client: {e}")))?
            .connect_timeout(self.connect_timeout);
        if let Some(t) = self.timeout {
            http = http.timeout(t);
        }
        let http = http.build().map_err(|e| Error::InvalidInput(format!("HTTP client: {e}")))?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                root,
                auth: self.auth,
                users: self.users,
                headers,
                csrf: Default::default(),
                identity: Default::default(),
                tunnel: self.tunnel,
                principal_propagation: self.principal_propagation,
                timeout: self.timeout,
                connect_timeout: self.connect_timeout,
                proxied: Mutex::new(HashMap::new()),
                always_via_cloud_connector: self.always_via_cloud_connector,
                query: self.query,
                batch_format: self.batch_format,
                retry: self.retry,
                max_body: self.max_body,
                max_error_body: self.max_error_body,
                max_pages: self.max_pages,
            }),
        })
    }
}
