//! The CSRF token SAP services want on every modifying request: fetched with
//! `X-CSRF-Token: Fetch` (HEAD on the service root, GET where HEAD is refused), bound
//! to the session cookies that came with it, cached per user.

use super::route::Route;
use super::{transport, Client};
use crate::auth::Secret;
use crate::error::{Error, HttpError};
use crate::redact::url as redact_url;
use std::collections::HashMap;
use std::sync::Mutex;

/// At most this many users' CSRF tokens are kept; beyond it the cache starts over.
const CACHE_LIMIT: usize = 1024;

/// The CSRF token of a service with the session cookies it is bound to.
#[derive(Clone)]
pub(super) struct Csrf {
    pub(super) token: Option<Secret>,
    pub(super) cookies: Option<Secret>,
}

impl Csrf {
    /// The token and cookies, as sent.
    pub(super) fn secrets(&self) -> impl Iterator<Item = &str> {
        [self.token.as_ref(), self.cookies.as_ref()].into_iter().flatten().map(Secret::expose)
    }
}

/// CSRF tokens with their session cookies, per user: keyed by a keyed hash of who the
/// call is made as (never a credential itself), so one user's token and session are
/// never sent with another user's credentials.
#[derive(Default)]
pub(super) struct Cache(Mutex<HashMap<u64, Csrf>>);

impl Cache {
    fn get(&self, identity: u64) -> Option<Csrf> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).get(&identity).cloned()
    }

    fn store(&self, identity: u64, csrf: Csrf) {
        let mut cache = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if cache.len() >= CACHE_LIMIT && !cache.contains_key(&identity) {
            cache.clear();
        }
        cache.insert(identity, csrf);
    }
}

impl Client {
    /// The CSRF token of the route's user: cached, or fetched now.
    pub(super) async fn csrf(&self, route: &Route) -> Result<Csrf, Error> {
        match self.inner.csrf.get(route.identity) {
            Some(csrf) => Ok(csrf),
            None => self.fresh_csrf(route).await,
        }
    }

    /// Fetches the token again (the server said `X-CSRF-Token: Required`) and caches it.
    pub(super) async fn fresh_csrf(&self, route: &Route) -> Result<Csrf, Error> {
        let fresh = self.fetch_csrf(route).await?;
        self.inner.csrf.store(route.identity, fresh.clone());
        Ok(fresh)
    }

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
}

/// Whether the server refused a write for want of a (fresh) CSRF token.
pub(super) fn required(response: &reqwest::Response) -> bool {
    response
        .headers()
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("required"))
}
