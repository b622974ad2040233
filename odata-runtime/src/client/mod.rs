//! The transport: the HTTP client generated services share, sending call plans.
//!
//! - `mod.rs`: [`Client`] and the path of one call (retries around one checked send);
//! - `builder.rs`: [`ClientBuilder`];
//! - `send.rs`: one checked send (checks before I/O, credentials, 401/407 and CSRF
//!   retries, redirects, error statuses);
//! - `route.rs`: where a call goes and with which credentials (direct, or through a
//!   [`Tunnel`](crate::auth::Tunnel));
//! - `csrf.rs`: the CSRF token cache; `redirect.rs`: which redirects are followed;
//!   `links.rs`: next-page links; `retry.rs`: when a call is sent again; `body.rs`:
//!   body limits; `http.rs`: the HTTP stack (TLS feature, roots, client certificate,
//!   proxies from the environment); `trace.rs`: W3C `traceparent` from the current span
//!   (feature `opentelemetry`).

pub(crate) mod body;
mod builder;
mod csrf;
pub(crate) mod http;
mod links;
mod redirect;
mod retry;
mod route;
mod send;
#[cfg(feature = "opentelemetry")]
mod trace;

use crate::auth::{AuthProvider, Secret, Tunnel, UserExchange};
use crate::error::Error;
use crate::plan::{Method, PerCall, Prepared, RequestPlan, Response};
use crate::redact::url as redact_url;
pub use builder::ClientBuilder;
use retry::Failure;
pub use retry::Retry;
use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The credentials of calls made as the application.
#[derive(Clone)]
enum Auth {
    None,
    Basic {
        user: String,
        password: Secret,
    },
    Bearer(Secret),
    Provider(Arc<dyn AuthProvider>),
    /// A ready `Authorization` value (a destination's auth token).
    Header(Secret),
}

struct Inner {
    http: reqwest::Client,
    root: reqwest::Url,
    auth: Auth,
    /// How calls in a user's name get their credentials (XSUAA's token exchange).
    users: Option<Arc<dyn UserExchange>>,
    headers: Vec<(reqwest::header::HeaderName, reqwest::header::HeaderValue)>,
    csrf: csrf::Cache,
    identity: std::collections::hash_map::RandomState,
    /// The proxy in front of on-premise systems (the connectivity proxy).
    tunnel: Option<Arc<dyn Tunnel>>,
    principal_propagation: bool,
    timeout: Option<Duration>,
    connect_timeout: Duration,
    /// HTTP clients through the tunnel, per (location, user): one user's Cloud
    /// Connector tunnel is never reused for another.
    proxied: Mutex<HashMap<route::TunnelKey, reqwest::Client>>,
    /// Every call through the Cloud Connector, with this default location.
    always_via_cloud_connector: Option<Option<String>>,
    /// Query options added to every URL (a destination's `URL.queries.*`).
    query: Vec<(String, String)>,
    batch_format: crate::plan::BatchFormat,
    retry: Retry,
    /// The largest data or `$batch` body read (unless a call says otherwise).
    max_body: u64,
    /// The largest error body read.
    max_error_body: u64,
    /// The most pages a stream follows.
    max_pages: u64,
}

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
            Auth::Provider(_) if self.inner.users.is_some() => "provider with user exchange",
            Auth::Provider(_) => "provider",
            Auth::Header(_) => "header",
        };
        f.debug_struct("Client").field("service_root", &redact_url(&self.inner.root)).field("auth", &auth).finish()
    }
}

impl Client {
    /// A builder for a service at `service_root` (`https://host/sap/opu/odata/sap/API_X`).
    pub fn builder(service_root: impl Into<String>) -> ClientBuilder {
        ClientBuilder::new(service_root.into())
    }

    /// How this client writes batches.
    pub fn batch_format(&self) -> crate::plan::BatchFormat {
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

    /// Sends a planned request and returns the successful response's status, headers
    /// and body. Modifying requests carry the CSRF token (fetched once and cached), and
    /// are retried once with a fresh token when the server answers `403` with
    /// `X-CSRF-Token: Required`. Error statuses become [`Error::Http`].
    pub async fn execute(&self, plan: &RequestPlan) -> Result<Response, Error> {
        self.execute_call(plan, &PerCall::default()).await
    }

    /// Sends a prepared request alone and reads its answer: what every typed request's
    /// `send()` does.
    pub(crate) async fn run<T>(&self, prepared: Prepared<T>) -> Result<T, Error> {
        let response = self.execute_call(&prepared.plan, &prepared.per_call).await?;
        (prepared.decode)(response)
    }

    /// [`Client::execute`] with a call's own options (route, user, headers).
    pub(crate) async fn execute_call(&self, plan: &RequestPlan, call: &PerCall) -> Result<Response, Error> {
        use tracing::Instrument;
        let span = tracing::debug_span!("odata", method = plan.method.as_str(), path = %plan.path,
            cloud_connector = call.cloud_connector, status = tracing::field::Empty);
        self.with_retries(plan, call, || async {
            let (response, url) = self.send_checked(plan, call).await?;
            let status = response.status().as_u16();
            let headers = response
                .headers()
                .iter()
                .filter_map(|(n, v)| Some((n.as_str().to_owned(), v.to_str().ok()?.to_owned())))
                .collect();
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
}

/// A transport error, its message without the URL (ours names it, without credentials).
fn transport(url: &reqwest::Url, e: reqwest::Error) -> Error {
    // Without its URL (said once, redacted, in `url`): neither the message nor the
    // source can carry a query's credentials, and no message reads "for url ()".
    let e = e.without_url();
    let message = crate::error::with_sources(&e);
    Error::Transport { url: redact_url(url), timeout: e.is_timeout(), message, source: Some(std::sync::Arc::new(e)) }
}

#[cfg(test)]
mod tests {
    use super::*;

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
