//! The HTTP client generated services share: one connection pool, authentication and
//! the CSRF token of the service.

pub(crate) mod body;
mod retry;
mod route;

use crate::btp::connectivity::Connectivity;
use crate::btp::xsuaa::Xsuaa;
use crate::btp::UserToken;
use crate::error::{Error, HttpError};
use crate::redact::url as redact_url;
use crate::request::{Method, PerCall, RequestPlan};
use retry::Failure;
pub use retry::Retry;
use route::Route;
use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A secret string (password, token): never shown by `Debug` or `Display`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret itself, for the one place that sends it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// The boxed future an [`AuthProvider`] returns.
pub type AuthFuture<'a> = Pin<Box<dyn Future<Output = Result<Option<Secret>, Error>> + Send + 'a>>;

/// Supplies the `Authorization` header value for each request (an XSUAA token cache,
/// a destination's auth token…). Returning `None` sends no header.
pub trait AuthProvider: Send + Sync {
    /// The header value, e.g. `Bearer eyJ…`.
    fn authorization(&self) -> AuthFuture<'_>;

    /// The backend refused the credentials (`401`): forget any cached token, so the
    /// next [`AuthProvider::authorization`] fetches a fresh one. The client then
    /// retries the request once.
    fn invalidate(&self) {}
}

#[derive(Clone)]
enum Auth {
    None,
    Basic {
        user: String,
        password: Secret,
    },
    Bearer(Secret),
    Provider(Arc<dyn AuthProvider>),
    /// XSUAA: the app's client-credentials token, or a user's exchanged token for
    /// calls made `as_user`.
    Xsuaa(Xsuaa),
    /// A ready `Authorization` value (a destination's auth token).
    Header(Secret),
}

/// The CSRF token of a service with the session cookies it is bound to.
#[derive(Clone)]
struct Csrf {
    token: Option<Secret>,
    cookies: Option<Secret>,
}

struct Inner {
    http: reqwest::Client,
    root: reqwest::Url,
    auth: Auth,
    headers: Vec<(reqwest::header::HeaderName, reqwest::header::HeaderValue)>,
    /// CSRF tokens with their session cookies, per user: keyed by a keyed hash of the
    /// `Authorization` value (never the value itself), so one user's token and session
    /// are never sent with another user's credentials.
    csrf: Mutex<HashMap<u64, Csrf>>,
    identity: std::collections::hash_map::RandomState,
    connectivity: Option<Connectivity>,
    principal_propagation: bool,
    timeout: Option<Duration>,
    connect_timeout: Duration,
    /// HTTP clients through the connectivity proxy, per (location, user): one user's
    /// Cloud Connector tunnel is never reused for another.
    proxied: Mutex<HashMap<route::TunnelKey, reqwest::Client>>,
    /// Every call through the Cloud Connector, with this default location.
    always_via_cloud_connector: Option<Option<String>>,
    /// Query options added to every URL (a destination's `URL.queries.*`).
    query: Vec<(String, String)>,
    batch_format: crate::batch::BatchFormat,
    retry: Retry,
    /// The largest data or `$batch` body read (unless a call says otherwise).
    max_body: u64,
    /// The largest error body read.
    max_error_body: u64,
    /// The most pages a stream follows.
    max_pages: u64,
}

/// At most this many users' CSRF tokens are kept; beyond it the cache starts over.
const CSRF_CACHE_LIMIT: usize = 1024;

/// The client generated services run on. Cheap to clone; clones share the connection
/// pool and the CSRF token.
///
/// ```
/// let client = odata_runtime::Client::builder("https://s4.example/sap/opu/odata/sap/API_BUSINESS_PARTNER")
///     .basic_auth("USER", "secret")
///     .sap_client("100")
///     .build()
///     .unwrap();
/// assert!(!format!("{client:?}").contains("secret"));
/// ```
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let auth = match &self.inner.auth {
            Auth::None => "none",
            Auth::Basic { .. } => "basic",
            Auth::Bearer(_) => "bearer",
            Auth::Provider(_) => "provider",
            Auth::Xsuaa(_) => "xsuaa",
            Auth::Header(_) => "header",
        };
        f.debug_struct("Client").field("service_root", &redact_url(&self.inner.root)).field("auth", &auth).finish()
    }
}

/// Builds a [`Client`].
#[must_use]
pub struct ClientBuilder {
    root: String,
    auth: Auth,
    timeout: Option<Duration>,
    connect_timeout: Duration,
    headers: Vec<(String, String)>,
    connectivity: Option<Connectivity>,
    principal_propagation: bool,
    always_via_cloud_connector: Option<Option<String>>,
    query: Vec<(String, String)>,
    batch_format: crate::batch::BatchFormat,
    retry: Retry,
    max_body: u64,
    max_error_body: u64,
    max_pages: u64,
}

/// The headers a redirect to another origin keeps: they describe the request, not
/// who sends it.
const PROTOCOL_HEADERS: [&str; 6] =
    ["Accept", "Content-Type", "OData-Version", "OData-MaxVersion", "DataServiceVersion", "MaxDataServiceVersion"];

/// A stream follows at most this many pages unless told otherwise.
pub const DEFAULT_MAX_PAGES: u64 = 100_000;

/// At most this many redirects are followed for one request.
const REDIRECT_LIMIT: usize = 5;

impl Client {
    /// A builder for a service at `service_root` (`https://host/sap/opu/odata/sap/API_X`).
    pub fn builder(service_root: impl Into<String>) -> ClientBuilder {
        ClientBuilder {
            root: service_root.into(),
            auth: Auth::None,
            timeout: Some(Duration::from_secs(120)),
            connect_timeout: Duration::from_secs(30),
            headers: Vec::new(),
            connectivity: None,
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

    /// A client for the BTP destination `destination`, from the app's bindings
    /// (`VCAP_SERVICES` or `SERVICE_BINDING_ROOT`): the `destination` binding finds
    /// it, the `connectivity` binding (when bound) carries `OnPremise` calls.
    /// Destinations whose authentication is user-based need
    /// [`DestinationService::find`](crate::btp::destination::DestinationService::find)
    /// with the user instead.
    pub async fn from_btp_env(destination: &str) -> Result<Client, Error> {
        let bindings = crate::btp::bindings::Bindings::from_env()?;
        let service = crate::btp::destination::DestinationService::from_binding(bindings.find("destination")?)?;
        let connectivity = match bindings.find("connectivity") {
            Ok(binding) => Some(Connectivity::from_binding(binding)?),
            Err(_) => None,
        };
        service.client(destination, None, connectivity.as_ref()).await
    }

    /// How this client writes batches.
    pub fn batch_format(&self) -> crate::batch::BatchFormat {
        self.inner.batch_format
    }

    /// The service root, ending in `/`.
    pub fn service_root(&self) -> &str {
        self.inner.root.as_str()
    }

    fn url(&self, plan: &RequestPlan) -> Result<reqwest::Url, Error> {
        let mut relative = plan.relative_url();
        if !self.inner.query.is_empty() {
            relative.push(if relative.contains('?') { '&' } else { '?' });
            relative.push_str(&crate::query::encode_pairs(&self.inner.query));
        }
        let url = self.inner.root.join(&relative).map_err(|e| Error::InvalidInput(format!("bad request path: {e}")))?;
        // A path may be a link the server sent (a next-page link): credentials go only
        // to the service's own origin.
        if url.origin() != self.inner.root.origin() {
            return Err(Error::InvalidInput(format!(
                "{} is not on the service's host {}; no request (and no credentials) sent",
                redact_url(&url),
                redact_url(&self.inner.root)
            )));
        }
        Ok(url)
    }

    /// A next-page link as a path relative to the service root. Servers write absolute
    /// links with the host *they* know (`localhost`, a Cloud Connector virtual host), so
    /// only the part below the service root is kept and sent to this client's own
    /// origin. A link whose path is not plainly below the service root is refused before
    /// any request: dot segments (also percent-encoded), empty segments (`//`, which
    /// would make the rest an absolute path), backslashes.
    pub(crate) fn rebase_link(&self, link: &str) -> Result<String, Error> {
        let root = &self.inner.root;
        let refuse =
            |why: &str| Error::Paging { url: redact_url(root), message: format!("the next link {why}; not followed") };
        let raw_path = {
            let without = link.split(['?', '#']).next().unwrap_or("");
            match without.split_once("://") {
                Some((_, rest)) => rest.find('/').map_or("", |i| &rest[i..]),
                None => without,
            }
        };
        if link.starts_with("//") {
            return Err(refuse("is scheme-relative (`//host/…`)"));
        }
        if raw_path.contains('\\') {
            return Err(refuse("has a backslash in its path"));
        }
        let dot_segment = raw_path.split('/').any(|segment| {
            let decoded = segment.to_ascii_lowercase().replace("%2e", ".");
            decoded == "." || decoded == ".."
        });
        if dot_segment {
            return Err(refuse("has a dot segment in its path"));
        }
        let url = root.join(link).map_err(|_| refuse("is not a URL"))?;
        let Some(rest) = url.path().strip_prefix(root.path()) else {
            return Err(refuse(&format!("{} is outside the service {}", redact_url(&url), redact_url(root))));
        };
        if rest.starts_with('/') || rest.contains("//") {
            return Err(refuse("has an empty path segment (`//`)"));
        }
        Ok(match url.query() {
            Some(q) => format!("{rest}?{q}"),
            None => rest.to_owned(),
        })
    }

    /// A keyed hash of a link (the streams' record of links followed).
    pub(crate) fn link_hash(&self, link: &str) -> u64 {
        use std::hash::BuildHasher;
        self.inner.identity.hash_one(link)
    }

    /// The most pages a stream of `call` follows.
    pub(crate) fn max_pages(&self, call: &PerCall) -> u64 {
        call.max_pages.unwrap_or(self.inner.max_pages)
    }

    /// The `Authorization` value of a direct call (in `user`'s name when given).
    async fn authorization(&self, user: Option<&UserToken>) -> Result<Option<Secret>, Error> {
        if let Some(user) = user {
            let Auth::Xsuaa(xsuaa) = &self.inner.auth else {
                return Err(Error::InvalidInput(
                    "a call as a user needs a client with XSUAA credentials (ClientBuilder::xsuaa)".into(),
                ));
            };
            let token = xsuaa.exchange(user).await?;
            return Ok(Some(Secret::new(format!("Bearer {}", token.expose()))));
        }
        match &self.inner.auth {
            Auth::Xsuaa(xsuaa) => {
                let token = xsuaa.client_credentials_token().await?;
                Ok(Some(Secret::new(format!("Bearer {}", token.expose()))))
            }
            Auth::None => Ok(None),
            Auth::Basic { user, password } => {
                use base64::Engine;
                let raw = format!("{user}:{}", password.expose());
                Ok(Some(Secret::new(format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(raw)))))
            }
            Auth::Bearer(token) => Ok(Some(Secret::new(format!("Bearer {}", token.expose())))),
            Auth::Header(value) => Ok(Some(value.clone())),
            Auth::Provider(p) => p.authorization().await,
        }
    }

    async fn send_once(
        &self,
        plan: &RequestPlan,
        url: &reqwest::Url,
        route: &Route,
        csrf: Option<&Csrf>,
    ) -> Result<reqwest::Response, Failure> {
        let method = match plan.method {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Put => reqwest::Method::PUT,
            Method::Patch => reqwest::Method::PATCH,
            Method::Delete => reqwest::Method::DELETE,
            // MERGE is tunnelled through POST, as SAP Gateway expects.
            Method::Merge => reqwest::Method::POST,
        };
        let mut request = route.apply(route.http.request(method, url.clone()));
        if !route.foreign {
            for (name, value) in &self.inner.headers {
                request = request.header(name, value);
            }
        }
        if plan.method == Method::Merge {
            request = request.header("X-HTTP-Method", "MERGE");
        }
        for (name, value) in &plan.headers {
            // Another origin gets the protocol's own headers, nothing the caller set.
            if !route.foreign || PROTOCOL_HEADERS.iter().any(|p| p.eq_ignore_ascii_case(name)) {
                request = request.header(*name, value);
            }
        }
        if let Some(csrf) = csrf {
            if let Some(token) = &csrf.token {
                request = request.header("X-CSRF-Token", token.expose());
            }
            if let Some(cookies) = &csrf.cookies {
                request = request.header(reqwest::header::COOKIE, cookies.expose());
            }
        }
        if let Some(body) = &plan.body {
            request = request.body(body.clone());
        }
        request.send().await.map_err(|e| Failure { unsent: e.is_connect(), error: transport(url, e) })
    }

    /// Fetches the service's CSRF token (HEAD on the service root, GET where HEAD is
    /// refused) with the session cookies it is bound to.
    async fn fetch_csrf(&self, route: &Route) -> Result<Csrf, Error> {
        let root = &self.inner.root;
        let mut last = None;
        for method in [reqwest::Method::HEAD, reqwest::Method::GET] {
            let mut request = route.apply(route.http.request(method, root.clone())).header("X-CSRF-Token", "Fetch");
            for (name, value) in &self.inner.headers {
                request = request.header(name, value);
            }
            let response = request.send().await.map_err(|e| transport(root, e))?;
            let status = response.status().as_u16();
            if status == 405 || status == 501 {
                last = Some(status);
                continue;
            }
            if status >= 400 {
                return Err(Error::Http(HttpError {
                    status,
                    url: redact_url(root),
                    code: None,
                    message: "fetching the CSRF token failed".into(),
                    retry_after: None,
                }));
            }
            let headers = response.headers();
            let token = headers
                .get("x-csrf-token")
                .and_then(|v| v.to_str().ok())
                .filter(|v| !v.eq_ignore_ascii_case("required"))
                .map(Secret::new);
            let cookies: Vec<&str> = headers
                .get_all(reqwest::header::SET_COOKIE)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .filter_map(|c| c.split(';').next())
                .collect();
            let cookies = (!cookies.is_empty()).then(|| Secret::new(cookies.join("; ")));
            return Ok(Csrf { token, cookies });
        }
        Err(Error::Http(HttpError {
            status: last.unwrap_or(405),
            url: redact_url(root),
            code: None,
            message: "the service refuses HEAD and GET for the CSRF token".into(),
            retry_after: None,
        }))
    }

    /// Sends a planned request and returns the successful response's status, headers
    /// and body. Modifying requests carry the CSRF token (fetched once and cached), and
    /// are retried once with a fresh token when the server answers `403` with
    /// `X-CSRF-Token: Required`. Error statuses become [`Error::Http`].
    pub async fn execute(&self, plan: &RequestPlan) -> Result<Response, Error> {
        self.execute_call(plan, &PerCall::default()).await
    }

    /// [`Client::execute`] with a call's own options (route, user, headers).
    pub(crate) async fn execute_call(&self, plan: &RequestPlan, call: &PerCall) -> Result<Response, Error> {
        use tracing::Instrument;
        let span = tracing::debug_span!("odata", method = plan.method.as_str(), path = %plan.path,
            cloud_connector = call.cloud_connector, status = tracing::field::Empty);
        self.with_retries(plan, call, || async {
            let (response, url) = self.send_checked(plan, call).await?;
            let status = response.status().as_u16();
            let headers = response.headers().clone();
            let limit = call.max_body.unwrap_or(self.inner.max_body);
            let body = body::read(response, limit).await.map_err(|e| {
                let raise = "ClientBuilder::max_body_size, or .max_body_size(..) on the call,";
                Failure::from(e.into_error(&redact_url(&url), "response body", limit, raise, |e| transport(&url, e)))
            })?;
            Ok(Response { status, headers, body, url: redact_url(&url) })
        })
        .instrument(span)
        .await
    }

    /// Runs `attempt` until it succeeds or the client's [`Retry`] policy gives up on
    /// its failure (reads are repeatable, writes only when marked idempotent).
    async fn with_retries<T, F>(
        &self,
        plan: &RequestPlan,
        call: &PerCall,
        mut attempt: impl FnMut() -> F,
    ) -> Result<T, Error>
    where
        F: Future<Output = Result<T, Failure>>,
    {
        let repeatable = plan.method == Method::Get || call.idempotent;
        let mut attempts = 1;
        loop {
            let failure = match attempt().await {
                Ok(done) => return Ok(done),
                Err(failure) => failure,
            };
            let Some(wait) = self.inner.retry.wait(&failure, attempts, repeatable) else {
                return Err(failure.error);
            };
            tracing::debug!(attempt = attempts, wait_ms = wait.as_millis() as u64, error = %failure.error, "retrying");
            tokio::time::sleep(wait).await;
            attempts += 1;
        }
    }

    /// Like [`Client::execute_call`], but leaves the body unread (media downloads).
    pub(crate) async fn execute_streaming(
        &self,
        plan: &RequestPlan,
        call: &PerCall,
    ) -> Result<(reqwest::Response, String), Error> {
        use tracing::Instrument;
        let span = tracing::debug_span!("odata", method = plan.method.as_str(), path = %plan.path,
            cloud_connector = call.cloud_connector, status = tracing::field::Empty);
        let (response, url) = self.with_retries(plan, call, || self.send_checked(plan, call)).instrument(span).await?;
        Ok((response, redact_url(&url)))
    }

    /// Sends on the call's route with its user's CSRF token where needed. A `401`
    /// (backend) or `407` (connectivity proxy) drops the refused token and retries once
    /// with a fresh one; redirects are followed (credentials only to the same origin);
    /// an error status becomes [`Error::Http`].
    async fn send_checked(
        &self,
        plan: &RequestPlan,
        call: &PerCall,
    ) -> Result<(reqwest::Response, reqwest::Url), Failure> {
        let mut url = self.url(plan)?;
        let forced;
        let call = match &self.inner.always_via_cloud_connector {
            Some(location) => {
                let mut c = call.clone();
                c.cloud_connector = true;
                if c.location.is_none() {
                    c.location = location.clone();
                }
                forced = c;
                &forced
            }
            None => call,
        };
        // Everything that can fail without I/O (no user for principal propagation, no
        // connectivity binding, an https virtual host, a header value with a line
        // break) fails here, before any request.
        self.check_route(call)?;
        check_headers(&plan.headers)?;
        let mut route = self.route(call).await?;
        let modifying = plan.method != Method::Get;
        let mut csrf = None;
        if modifying {
            csrf = self.cached_csrf(route.identity);
            if csrf.is_none() {
                let fresh = self.fetch_csrf(&route).await?;
                self.store_csrf(route.identity, fresh.clone());
                csrf = Some(fresh);
            }
        }
        let mut response = self.send_once(plan, &url, &route, csrf.as_ref()).await?;
        let status = response.status().as_u16();
        if status == 401 || status == 407 {
            // A token the backend or proxy no longer accepts (revoked, clock skew): fetch
            // a fresh one and retry once; a second refusal is the caller's error.
            if self.invalidate(call, status) {
                route = self.route(call).await?;
                response = self.send_once(plan, &url, &route, csrf.as_ref()).await?;
            }
        }
        if modifying && response.status().as_u16() == 403 && csrf_required(&response) {
            let fresh = self.fetch_csrf(&route).await?;
            self.store_csrf(route.identity, fresh.clone());
            response = self.send_once(plan, &url, &route, Some(&fresh)).await?;
        }
        let mut hops = 0;
        while let Some(next) = self.redirect(plan, call, &url, &response, hops)? {
            // Credentials (Authorization, the proxy's, the CSRF token and session
            // cookies, the client's own headers) go only to the service's origin.
            // Compared with the service's origin, not the previous hop's: a foreign host
            // redirecting within itself gets no credentials either.
            response = if next.origin() == self.inner.root.origin() {
                self.send_once(plan, &next, &route, csrf.as_ref()).await?
            } else {
                tracing::debug!(to = %redact_url(&next), "cross-origin redirect: followed without credentials");
                let bare = Route::without_credentials(self.inner.http.clone());
                self.send_once(plan, &next, &bare, None).await?
            };
            url = next;
            hops += 1;
        }
        let status = response.status().as_u16();
        tracing::Span::current().record("status", status);
        if status >= 400 {
            let retry_after = response
                .headers()
                .get(reqwest::header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(retry::parse_retry_after);
            let limit = self.inner.max_error_body;
            let mut error = match body::read(response, limit).await {
                Ok(body) => HttpError::from_body(status, redact_url(&url), &body),
                Err(body::ReadError::Transport(e)) => return Err(transport(&url, e).into()),
                Err(body::ReadError::TooLarge) => HttpError {
                    status,
                    url: redact_url(&url),
                    code: None,
                    message: format!(
                        "the error body is larger than the limit of {limit} bytes and was not read \
                         (ClientBuilder::max_error_body_size raises the limit)"
                    ),
                    retry_after: None,
                },
            };
            // A server may echo what it was sent: none of it is repeated.
            let sent: Vec<&str> = self.sent_secrets(&route, csrf.as_ref(), plan).collect();
            error.message = crate::redact::echoed(&error.message, sent.iter().copied());
            error.code = error.code.map(|c| crate::redact::echoed(&c, sent.iter().copied()));
            error.retry_after = retry_after;
            if status == 407 {
                error.message = format!("the connectivity proxy refused the proxy token: {}", error.message);
            }
            return Err(Error::Http(error).into());
        }
        Ok((response, url))
    }

    /// Where a redirect answer sends the request next, or `None` for any other answer.
    /// A `301`/`302`/`303` of a modifying request is refused (following it would turn
    /// the write into a GET), as are more than [`REDIRECT_LIMIT`] hops and targets that
    /// are not http(s).
    fn redirect(
        &self,
        plan: &RequestPlan,
        call: &PerCall,
        url: &reqwest::Url,
        response: &reqwest::Response,
        hops: usize,
    ) -> Result<Option<reqwest::Url>, Error> {
        let status = response.status().as_u16();
        if !matches!(status, 301 | 302 | 303 | 307 | 308) {
            return Ok(None);
        }
        let refuse = |message: String| {
            Error::Http(HttpError { status, url: redact_url(url), code: None, message, retry_after: None })
        };
        let location = response.headers().get(reqwest::header::LOCATION).and_then(|v| v.to_str().ok());
        let Some(next) = location.and_then(|l| url.join(l).ok()) else {
            return Err(refuse("a redirect without a usable Location".into()));
        };
        if !matches!(next.scheme(), "http" | "https") {
            return Err(refuse(format!("a redirect to a {} URL; not followed", next.scheme())));
        }
        if hops >= REDIRECT_LIMIT {
            return Err(refuse(format!("more than {REDIRECT_LIMIT} redirects; the last to {}", redact_url(&next))));
        }
        if next.origin() != self.inner.root.origin() {
            if call.cloud_connector {
                // Followed directly, it would reach whatever the address means in the
                // app's own network; through the proxy, another system than asked for.
                return Err(refuse(format!(
                    "the on-premise system redirected to {}, off its virtual host; a Cloud Connector call \
                     stays on its virtual host, not followed",
                    redact_url(&next)
                )));
            }
            if plan.method != Method::Get {
                return Err(refuse(format!(
                    "the server redirected a {} to another origin ({}); its body is not sent there, not followed",
                    plan.method.as_str(),
                    redact_url(&next)
                )));
            }
        }
        if plan.method != Method::Get && !matches!(status, 307 | 308) {
            return Err(refuse(format!(
                "the server redirected a {} to {}, which would make it a GET; not followed",
                plan.method.as_str(),
                redact_url(&next)
            )));
        }
        Ok(Some(next))
    }

    /// Every credential a request on `route` carried: what an echoing server must not
    /// get back into an error.
    fn sent_secrets<'a>(
        &'a self,
        route: &'a Route,
        csrf: Option<&'a Csrf>,
        plan: &'a RequestPlan,
    ) -> impl Iterator<Item = &'a str> + 'a {
        let client_headers = self.inner.headers.iter().filter_map(|(_, v)| v.to_str().ok());
        let call_headers = plan
            .headers
            .iter()
            .filter(|(n, _)| !PROTOCOL_HEADERS.iter().any(|p| p.eq_ignore_ascii_case(n)))
            .map(|(_, v)| v.as_str());
        let csrf = csrf.into_iter().flat_map(|c| [c.token.as_ref(), c.cookies.as_ref()]).flatten().map(Secret::expose);
        // Values of the client's own query options (an API key passed as `?apikey=…`).
        let query = self.inner.query.iter().map(|(_, v)| v.as_str());
        route.secrets().chain(client_headers).chain(call_headers).chain(csrf).chain(self.auth_secrets()).chain(query)
    }

    /// The credentials the client is configured with (a password, a fixed token).
    fn auth_secrets(&self) -> impl Iterator<Item = &str> {
        let secret = match &self.inner.auth {
            Auth::Basic { password, .. } => Some(password.expose()),
            Auth::Bearer(token) | Auth::Header(token) => Some(token.expose()),
            _ => None,
        };
        secret.into_iter()
    }

    fn cached_csrf(&self, identity: u64) -> Option<Csrf> {
        self.inner.csrf.lock().unwrap_or_else(|p| p.into_inner()).get(&identity).cloned()
    }

    fn store_csrf(&self, identity: u64, csrf: Csrf) {
        let mut cache = self.inner.csrf.lock().unwrap_or_else(|p| p.into_inner());
        if cache.len() >= CSRF_CACHE_LIMIT && !cache.contains_key(&identity) {
            cache.clear();
        }
        cache.insert(identity, csrf);
    }
}

fn csrf_required(response: &reqwest::Response) -> bool {
    response
        .headers()
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("required"))
}

/// Refuses, naming the header (never its value), what cannot be sent as a header.
fn check_headers(headers: &[(&'static str, String)]) -> Result<(), Error> {
    for (name, value) in headers {
        if reqwest::header::HeaderName::from_bytes(name.as_bytes()).is_err() {
            return Err(Error::InvalidInput(format!("invalid header name {name:?}")));
        }
        if reqwest::header::HeaderValue::from_str(value).is_err() {
            return Err(Error::InvalidInput(format!(
                "the value of header {name} cannot be sent (a line break or another control character)"
            )));
        }
    }
    Ok(())
}

fn transport(url: &reqwest::Url, e: reqwest::Error) -> Error {
    // reqwest's messages name the URL; ours does already, without credentials.
    let message = crate::error::with_sources(&e).replace(url.as_str(), "");
    Error::Transport { url: redact_url(url), timeout: e.is_timeout(), message }
}

/// A successful response.
#[derive(Debug)]
pub struct Response {
    /// The HTTP status.
    pub status: u16,
    /// The response headers.
    pub headers: reqwest::header::HeaderMap,
    /// The body.
    pub body: bytes::Bytes,
    /// The URL (without credentials), for messages.
    pub url: String,
}

impl Response {
    /// The `Content-Type`.
    pub fn content_type(&self) -> &str {
        self.headers.get(reqwest::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("")
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

impl ClientBuilder {
    /// HTTP Basic authentication.
    pub fn basic_auth(mut self, user: impl Into<String>, password: impl Into<String>) -> Self {
        self.auth = Auth::Basic { user: user.into(), password: Secret::new(password) };
        self
    }

    /// A fixed bearer token.
    pub fn bearer_token(mut self, token: impl Into<String>) -> Self {
        self.auth = Auth::Bearer(Secret::new(token));
        self
    }

    /// XSUAA tokens: the app's client-credentials token on every call, the user's
    /// exchanged token on calls made [`as_user`](crate::request::ListRequest::as_user).
    pub fn xsuaa(mut self, xsuaa: Xsuaa) -> Self {
        self.auth = Auth::Xsuaa(xsuaa);
        self
    }

    /// The connectivity proxy, for calls made
    /// [`via_cloud_connector`](crate::request::ListRequest::via_cloud_connector).
    pub fn connectivity(mut self, connectivity: Connectivity) -> Self {
        self.connectivity = Some(connectivity);
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
    pub fn authorization_value(mut self, value: Secret) -> Self {
        self.auth = Auth::Header(value);
        self
    }

    /// Every call through the Cloud Connector (an `OnPremise` destination), with this
    /// location ID unless a call names another.
    pub fn always_via_cloud_connector(mut self, location: Option<String>) -> Self {
        self.always_via_cloud_connector = Some(location);
        self
    }

    /// How batches of this client are written (multipart unless told otherwise; V2
    /// services always get multipart).
    pub fn batch_format(mut self, format: crate::batch::BatchFormat) -> Self {
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
    pub fn auth_provider(mut self, provider: Arc<dyn AuthProvider>) -> Self {
        self.auth = Auth::Provider(provider);
        self
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
        // reqwest is built without a TLS crypto provider; use ring unless the
        // application installed one.
        let _ = rustls::crypto::ring::default_provider().install_default();
        // Redirects are followed by `send_checked`, which decides what each hop may carry
        // (reqwest's own policy would pass the client's custom headers, an API key say,
        // to any host).
        let mut http = reqwest::Client::builder()
            .connect_timeout(self.connect_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .referer(false);
        if let Some(t) = self.timeout {
            http = http.timeout(t);
        }
        let http = http.build().map_err(|e| Error::InvalidInput(format!("HTTP client: {e}")))?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                root,
                auth: self.auth,
                headers,
                csrf: Mutex::new(HashMap::new()),
                identity: Default::default(),
                connectivity: self.connectivity,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_links_are_rebased_onto_the_service_root() {
        let client = Client::builder("http://127.0.0.1:4004/odata/v2/shop").build().unwrap();
        for (link, expected) in [
            ("http://localhost:4004/odata/v2/shop/Products?$skiptoken=20", "Products?$skiptoken=20"),
            ("https://virtual-s4:443/odata/v2/shop/Products?$skiptoken=20", "Products?$skiptoken=20"),
            ("Products?$skiptoken=40", "Products?$skiptoken=40"),
            ("/odata/v2/shop/A_X('a%20b')?$skip=1", "A_X('a%20b')?$skip=1"),
        ] {
            assert_eq!(client.rebase_link(link).unwrap(), expected, "{link}");
        }
        for outside in [
            "/odata/v2/other/Products",
            "../x",
            "/odata/v2/shop//other-service/Secrets",
            "//odata/v2/shop/Products",
            "/odata/v2/shop/./Products",
            "/odata/v2/shop/%2e%2e/admin/Users",
            "/odata/v2/shop/%2E/Products",
            "/odata/v2/shop/Products/..",
            "Products/../../admin",
            "/odata/v2/shop/a\\..\\..\\admin",
            "http://evil.example/other/Products",
        ] {
            assert!(client.rebase_link(outside).is_err(), "{outside}");
        }
    }

    #[test]
    fn secrets_stay_out_of_debug_output() {
        let basic = Client::builder("https://h/s/").basic_auth("USER", "p4ssw0rd").build().unwrap();
        let bearer = Client::builder("https://h/s/").bearer_token("eyJtoken").build().unwrap();
        for text in [format!("{basic:?}"), format!("{bearer:?}"), format!("{:?}", Secret::new("p4ssw0rd"))] {
            assert!(!text.contains("p4ssw0rd") && !text.contains("eyJtoken"), "{text}");
        }
        let e = Client::builder("https://USER:p4ssw0rd@h/s/").build().unwrap_err();
        assert!(!e.to_string().contains("p4ssw0rd"), "{e}");
    }
}
