//! Which redirects are followed: at most [`LIMIT`] hops, http(s) only, never a write
//! turned into a GET, a write never to another origin, a Cloud Connector call never off
//! its virtual host. What each hop carries is decided in `send.rs`.

use super::Client;
use crate::error::{Error, HttpError};
use crate::plan::{Method, PerCall, RequestPlan};
use crate::redact::url as redact_url;

/// At most this many redirects are followed for one request.
const LIMIT: usize = 5;

impl Client {
    /// Where a redirect answer sends the request next, or `None` for any other answer.
    /// A `301`/`302`/`303` of a modifying request is refused (following it would turn
    /// the write into a GET), as are more than [`LIMIT`] hops and targets that
    /// are not http(s).
    pub(super) fn redirect(
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
        if hops >= LIMIT {
            return Err(refuse(format!("more than {LIMIT} redirects; the last to {}", redact_url(&next))));
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
}
