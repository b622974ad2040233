//! One checked send: everything that can fail without I/O fails first; then the
//! route's credentials, the CSRF token for writes, one retry after a `401`/`407` with a
//! fresh token and after `403 CSRF Required` with a fresh CSRF token, redirects (what
//! each hop may carry), and an error status read into [`Error::Http`] with every
//! credential the request carried masked.

use super::csrf::{self, Csrf};
use super::retry::{self, Failure};
use super::route::Route;
use super::{body, transport, Auth, Client};
use crate::error::{Error, HttpError};
use crate::plan::{Method, PerCall, RequestPlan};
use crate::redact::url as redact_url;

/// The headers a redirect to another origin keeps: they describe the request, not
/// who sends it.
const PROTOCOL_HEADERS: [&str; 6] =
    ["Accept", "Content-Type", "OData-Version", "OData-MaxVersion", "DataServiceVersion", "MaxDataServiceVersion"];

impl Client {
    /// Sends on the call's route with its user's CSRF token where needed. A `401`
    /// (backend) or `407` (connectivity proxy) drops the refused token and retries once
    /// with a fresh one; redirects are followed (credentials only to the same origin);
    /// an error status becomes [`Error::Http`].
    pub(super) async fn send_checked(
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
        check_query(&plan.query, plan.unchecked)?;
        let mut route = self.route(call).await?;
        let modifying = plan.method != Method::Get;
        let csrf = if modifying { Some(self.csrf(&route).await?) } else { None };
        let mut response = self.send_once(plan, call, &url, &route, csrf.as_ref()).await?;
        let status = response.status().as_u16();
        if status == 401 || status == 407 {
            // A token the backend or proxy no longer accepts (revoked, clock skew): fetch
            // a fresh one and retry once; a second refusal is the caller's error.
            if self.invalidate(call, status) {
                route = self.route(call).await?;
                response = self.send_once(plan, call, &url, &route, csrf.as_ref()).await?;
            }
        }
        if modifying && response.status().as_u16() == 403 && csrf::required(&response) {
            let fresh = self.fresh_csrf(&route).await?;
            response = self.send_once(plan, call, &url, &route, Some(&fresh)).await?;
        }
        let mut hops = 0;
        while let Some(next) = self.redirect(plan, call, &url, &response, hops)? {
            // Credentials (Authorization, the proxy's, the CSRF token and session
            // cookies, the client's own headers) go only to the service's origin.
            // Compared with the service's origin, not the previous hop's: a foreign host
            // redirecting within itself gets no credentials either.
            response = if next.origin() == self.inner.root.origin() {
                self.send_once(plan, call, &next, &route, csrf.as_ref()).await?
            } else {
                tracing::debug!(to = %redact_url(&next), "cross-origin redirect: followed without credentials");
                let bare = Route::without_credentials(self.inner.http.clone());
                self.send_once(plan, call, &next, &bare, None).await?
            };
            url = next;
            hops += 1;
        }
        let status = response.status().as_u16();
        tracing::Span::current().record("status", status);
        if status >= 400 {
            return Err(self.error_status(response, &url, &route, csrf.as_ref(), plan).await);
        }
        Ok((response, url))
    }

    /// The [`Error::Http`] of an error status: the error body read within its limit,
    /// every credential the request carried masked in what the server said.
    async fn error_status(
        &self,
        response: reqwest::Response,
        url: &reqwest::Url,
        route: &Route,
        csrf: Option<&Csrf>,
        plan: &RequestPlan,
    ) -> Failure {
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(retry::parse_retry_after);
        let limit = self.inner.max_error_body;
        let mut error = match body::read(response, limit).await {
            Ok(body) => HttpError::from_body(status, redact_url(url), &body),
            Err(body::ReadError::Transport(e)) => return transport(url, e).into(),
            Err(body::ReadError::TooLarge) => HttpError {
                status,
                url: redact_url(url),
                code: None,
                message: format!(
                    "the error body is larger than the limit of {limit} bytes and was not read \
                     (ClientBuilder::max_error_body_size raises the limit)"
                ),
                retry_after: None,
            },
        };
        // A server may echo what it was sent: none of it is repeated.
        let sent: Vec<&str> = self.sent_secrets(route, csrf, plan).collect();
        error.message = crate::redact::echoed(&error.message, sent.iter().copied());
        error.code = error.code.map(|c| crate::redact::echoed(&c, sent.iter().copied()));
        error.retry_after = retry_after;
        if status == 407 {
            error.message = format!("the connectivity proxy refused the proxy token: {}", error.message);
        }
        Error::Http(error).into()
    }

    async fn send_once(
        &self,
        plan: &RequestPlan,
        call: &PerCall,
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
        #[cfg(feature = "opentelemetry")]
        if !plan.headers.iter().any(|(name, _)| name.eq_ignore_ascii_case("traceparent")) {
            if let Some((parent, state)) = super::trace::headers() {
                request = request.header("traceparent", parent);
                if let Some(state) = state {
                    request = request.header("tracestate", state);
                }
            }
        }
        if let Some(timeout) = call.timeout {
            request = request.timeout(timeout);
        }
        if let Some(upload) = &call.upload {
            // A stream goes out once: whatever would send the request again fails.
            let Some(stream) = upload.take() else {
                let why = "a streamed upload is sent once, and the request would have to be sent again \
                           (a refused token or CSRF token, a redirect, a retry): start a new upload";
                return Err(Error::InvalidInput(why.into()).into());
            };
            request = request.body(reqwest::Body::wrap(body::StreamBody::new(stream)));
        } else if let Some(body) = &plan.body {
            request = request.body(body.clone());
        }
        request.send().await.map_err(|e| Failure { unsent: e.is_connect(), error: transport(url, e) })
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
        let csrf = csrf.into_iter().flat_map(Csrf::secrets);
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
}

/// Refuses an unchecked query option (the last `unchecked` of `query`) without a name,
/// or one the request already has: the server would pick one of the two.
fn check_query(query: &[(String, String)], unchecked: usize) -> Result<(), Error> {
    let first = query.len().saturating_sub(unchecked);
    for (i, (name, _)) in query.iter().enumerate().skip(first) {
        if name.is_empty() {
            return Err(Error::InvalidInput("a query option without a name".into()));
        }
        if query[..i].iter().any(|(earlier, _)| earlier == name) {
            return Err(Error::InvalidInput(format!("query option {name} is given twice")));
        }
    }
    Ok(())
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
