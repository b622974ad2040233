//! The signing keys of token issuers (JSON Web Key Sets), fetched on demand and cached
//! per URL.
//!
//! - However many callers wait for the keys of one URL, one request goes out.
//! - Keys are kept for [`KEYS_TTL`]; a token whose `kid` is not among them fetches the
//!   set again, at most once per [`REFRESH_INTERVAL`] per URL (keys rotate; forged
//!   `kid`s must not turn into a request each). A failed fetch counts as one too.
//! - At most [`MAX_URLS`] URLs are kept; the answer is read up to 1 MiB, with no
//!   redirects, within the service timeout.

use crate::auth::jwt::RsaKey;
use crate::auth::Refusal;
use crate::error::with_sources;
use futures_util::future::{BoxFuture, FutureExt, Shared};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long fetched keys are used before they are fetched again.
pub(crate) const KEYS_TTL: Duration = Duration::from_secs(15 * 60);
/// The shortest time between two fetches of one URL.
pub(crate) const REFRESH_INTERVAL: Duration = Duration::from_secs(30);
/// How many key set URLs are cached (tenants of one UAA domain, IAS issuers).
pub(crate) const MAX_URLS: usize = 1024;
/// The largest key set answer read.
const MAX_ANSWER: u64 = 1 << 20;

type Keys = Arc<HashMap<String, RsaKey>>;
type Fetch = Shared<BoxFuture<'static, Result<Keys, Refusal>>>;

struct Entry {
    /// The keys by `kid` (a key without one under `""`), or why the last fetch failed.
    keys: Result<Keys, Refusal>,
    fetched: Instant,
    fetching: Option<Fetch>,
}

/// JWKS by URL, shared by the verifiers of one binding. Cheap to clone.
#[derive(Clone)]
pub(crate) struct JwksCache {
    http: reqwest::Client,
    entries: Arc<Mutex<HashMap<String, Entry>>>,
}

impl JwksCache {
    pub(crate) fn new(http: reqwest::Client) -> Self {
        JwksCache { http, entries: Default::default() }
    }

    /// The key `kid` of the set at `url`.
    pub(crate) async fn key(&self, url: &str, kid: Option<&str>) -> Result<RsaKey, Refusal> {
        self.lookup(Source::Jwks(url), kid, &[]).await
    }

    /// The key `kid` of `issuer`, whose key set is the `jwks_uri` of its OpenID
    /// configuration (`<issuer>/.well-known/openid-configuration`), which must be on
    /// the issuer's own origin. Both requests carry `headers` (IAS wants the caller's
    /// client id and tenant).
    pub(crate) async fn discovered_key(
        &self,
        issuer: &str,
        kid: Option<&str>,
        headers: &[(&'static str, String)],
    ) -> Result<RsaKey, Refusal> {
        self.lookup(Source::Discovery(issuer), kid, headers).await
    }

    async fn lookup(
        &self,
        source: Source<'_>,
        kid: Option<&str>,
        headers: &[(&'static str, String)],
    ) -> Result<RsaKey, Refusal> {
        let kid = kid.unwrap_or("");
        let url = &source.cache_key();
        let fetch = {
            let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
            let entry = entries.get(url);
            let age = entry.map(|e| e.fetched.elapsed());
            match entry {
                Some(Entry { fetching: Some(fetch), .. }) => fetch.clone(),
                Some(Entry { keys, .. }) if age.is_some_and(|a| a < KEYS_TTL) => {
                    let known = keys.as_ref().ok().and_then(|k| k.get(kid));
                    match (known, keys) {
                        (Some(key), _) => return Ok(key.clone()),
                        // Fetched moments ago: a new fetch would not know more.
                        (None, Err(e)) if age.is_some_and(|a| a < REFRESH_INTERVAL) => return Err(e.clone()),
                        (None, Ok(_)) if age.is_some_and(|a| a < REFRESH_INTERVAL) => return Err(Refusal::UnknownKey),
                        _ => self.start(&mut entries, url, &source, headers),
                    }
                }
                _ => self.start(&mut entries, url, &source, headers),
            }
        };
        let keys = fetch.await?;
        keys.get(kid).cloned().ok_or(Refusal::UnknownKey)
    }

    fn start(
        &self,
        entries: &mut HashMap<String, Entry>,
        url: &str,
        source: &Source<'_>,
        headers: &[(&'static str, String)],
    ) -> Fetch {
        if entries.len() >= MAX_URLS && !entries.contains_key(url) {
            // Forget the oldest settled set.
            let oldest = entries.iter().filter(|(_, e)| e.fetching.is_none()).min_by_key(|(_, e)| e.fetched);
            if let Some(oldest) = oldest.map(|(u, _)| u.clone()) {
                entries.remove(&oldest);
            }
        }
        let fetch = {
            let (this, url, headers) = (self.clone(), url.to_owned(), headers.to_vec());
            let discovery = matches!(source, Source::Discovery(_)).then(|| source.url().to_owned());
            async move {
                let keys = match discovery {
                    Some(issuer) => this.discover(&issuer, &headers).await,
                    None => this.fetch(&url, &headers).await,
                };
                let mut entries = this.entries.lock().unwrap_or_else(|p| p.into_inner());
                entries.insert(url, Entry { keys: keys.clone(), fetched: Instant::now(), fetching: None });
                keys
            }
            .boxed()
            .shared()
        };
        let previous = entries.remove(url).map(|e| e.keys);
        entries.insert(
            url.to_owned(),
            Entry {
                keys: previous.unwrap_or(Err(Refusal::UnknownKey)),
                fetched: Instant::now(),
                fetching: Some(fetch.clone()),
            },
        );
        fetch
    }

    /// The key set of `issuer` through its OpenID configuration.
    async fn discover(&self, issuer: &str, headers: &[(&'static str, String)]) -> Result<Keys, Refusal> {
        let configuration = format!("{}/.well-known/openid-configuration", issuer.trim_end_matches('/'));
        let document = get_json(&self.http, &configuration, headers).await?;
        let unavailable =
            |message: &str| Refusal::KeysUnavailable { url: configuration.clone(), message: message.into() };
        let jwks_uri =
            document.get("jwks_uri").and_then(serde_json::Value::as_str).ok_or_else(|| unavailable("no jwks_uri"))?;
        // The configuration must not send the key request anywhere else.
        let origin = |url: &str| reqwest::Url::parse(url).ok().map(|u| u.origin());
        if origin(jwks_uri).is_none() || origin(jwks_uri) != origin(issuer) {
            return Err(unavailable("its jwks_uri is not on the issuer's origin"));
        }
        self.fetch(jwks_uri, headers).await
    }

    async fn fetch(&self, url: &str, headers: &[(&'static str, String)]) -> Result<Keys, Refusal> {
        let body = get_json(&self.http, url, headers).await?;
        let unavailable = |message: &str| Refusal::KeysUnavailable { url: url.to_owned(), message: message.to_owned() };
        let Some(list) = body.get("keys").and_then(serde_json::Value::as_array) else {
            return Err(unavailable("the answer has no `keys` array"));
        };
        let keys: HashMap<String, RsaKey> = list
            .iter()
            .filter_map(|jwk| {
                let kid = jwk.get("kid").and_then(serde_json::Value::as_str).unwrap_or("");
                Some((kid.to_owned(), RsaKey::from_jwk(jwk)?))
            })
            .collect();
        Ok(Arc::new(keys))
    }
}

/// What a key set is found by.
enum Source<'a> {
    /// Its URL.
    Jwks(&'a str),
    /// An issuer's OpenID configuration.
    Discovery(&'a str),
}

impl Source<'_> {
    fn url(&self) -> &str {
        match self {
            Source::Jwks(url) | Source::Discovery(url) => url,
        }
    }

    fn cache_key(&self) -> String {
        match self {
            Source::Jwks(url) => (*url).to_owned(),
            Source::Discovery(issuer) => format!("discovery {issuer}"),
        }
    }
}

/// GETs a small JSON document (a key set, an OpenID configuration): no redirects, at
/// most 1 MiB, a JSON object.
pub(crate) async fn get_json(
    http: &reqwest::Client,
    url: &str,
    headers: &[(&'static str, String)],
) -> Result<serde_json::Value, Refusal> {
    let unavailable = |message: String| Refusal::KeysUnavailable { url: url.to_owned(), message };
    let mut request = http.get(url).header(reqwest::header::ACCEPT, "application/json");
    for (name, value) in headers {
        request = request.header(*name, value);
    }
    let response = request.send().await.map_err(|e| unavailable(with_sources(&e)))?;
    let status = response.status();
    if !status.is_success() {
        return Err(unavailable(format!("answered {}", status.as_u16())));
    }
    let body = crate::client::body::read(response, MAX_ANSWER).await.map_err(|e| match e {
        crate::client::body::ReadError::Transport(e) => unavailable(with_sources(&e)),
        crate::client::body::ReadError::TooLarge => {
            unavailable(format!("the answer is larger than {MAX_ANSWER} bytes"))
        }
    })?;
    match serde_json::from_slice(&body) {
        Ok(value @ serde_json::Value::Object(_)) => Ok(value),
        _ => Err(unavailable("the answer is not a JSON object".into())),
    }
}
