//! Typed requests on entity sets, built into [`RequestPlan`]s: the method, the path
//! relative to the service root, the query and the body. Capabilities are checked at
//! compile time: `create` needs [`Creatable`], `delete` needs [`Deletable`].

use crate::format::{self, Page};
use crate::query::{encode_pairs, Expansion, Filter, Many, Navigation, One, OrderBy, QueryOptions, Selection};
use crate::{Client, Entity, EntityKey, Error, Version};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::marker::PhantomData;

/// A generated entity set: its name, entity type and protocol version.
pub trait EntitySet: 'static {
    /// The entity type of the set.
    type Entity: Entity + Serialize + DeserializeOwned;
    /// The changes `update` sends: the entity type's updatable properties, each optional.
    type Patch: Serialize;
    /// The set's name, the first URL segment after the service root.
    const NAME: &'static str;
    /// The service's protocol version.
    const VERSION: Version;
}

/// Entity sets that accept new entities.
#[diagnostic::on_unimplemented(
    message = "entity set `{Self}` does not allow creating entities",
    label = "not creatable",
    note = "the service's metadata says so: sap:creatable=\"false\" or Capabilities.InsertRestrictions"
)]
pub trait Creatable: EntitySet {}

/// Entity sets whose entities may be changed.
#[diagnostic::on_unimplemented(
    message = "entity set `{Self}` does not allow updating entities",
    label = "not updatable",
    note = "the service's metadata says so: sap:updatable=\"false\" or Capabilities.UpdateRestrictions"
)]
pub trait Updatable: EntitySet {}

/// Entity sets whose entities may be deleted.
#[diagnostic::on_unimplemented(
    message = "entity set `{Self}` does not allow deleting entities",
    label = "not deletable",
    note = "the service's metadata says so: sap:deletable=\"false\" or Capabilities.DeleteRestrictions"
)]
pub trait Deletable: EntitySet {}

/// An HTTP method.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Merge,
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

/// Everything needed to send one request, relative to the service root.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestPlan {
    pub method: Method,
    /// The path after the service root, its key values already percent-encoded.
    pub path: String,
    /// Query options, not yet encoded.
    pub query: Vec<(String, String)>,
    /// Request headers (`Accept`, `Content-Type`, `If-Match`).
    pub headers: Vec<(&'static str, String)>,
    /// The JSON body, for writes.
    pub body: Option<Vec<u8>>,
}

impl RequestPlan {
    fn new(method: Method, path: String, version: Version) -> Self {
        let accept = match version {
            Version::V2 => "application/json",
            Version::V4 => "application/json;odata.metadata=minimal;IEEE754Compatible=true",
        };
        RequestPlan { method, path, query: Vec::new(), headers: vec![("Accept", accept.to_owned())], body: None }
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

/// An entity set of a generated service: where typed requests start.
///
/// ```
/// # use odata_runtime::request::*;
/// # use odata_runtime::{Entity, EntityKey, Version};
/// # #[derive(serde::Serialize, serde::Deserialize)] struct Partner;
/// # struct PartnerKey(String);
/// # impl EntityKey for PartnerKey {
/// #     fn key_values(&self, v: Version) -> Vec<(&'static str, String)> {
/// #         use odata_runtime::edm::EdmValue; vec![("Id", self.0.to_literal(v))] }
/// # }
/// # impl Entity for Partner { const ENTITY_TYPE: &'static str = "NS.Partner"; type Key = PartnerKey;
/// #     fn key(&self) -> PartnerKey { PartnerKey("1".into()) } fn etag(&self) -> Option<&str> { None } }
/// struct Partners;
/// impl EntitySet for Partners {
///     type Entity = Partner;
///     type Patch = ();
///     const NAME: &'static str = "Partners";
///     const VERSION: Version = Version::V2;
/// }
/// impl Deletable for Partners {}
///
/// let client = odata_runtime::Client::builder("https://s4.example/sap/opu/odata/sap/API_BP").build().unwrap();
/// let set = EntitySetRef::<Partners>::new(client);
/// assert_eq!(set.get(PartnerKey("a b".into())).plan().relative_url(), "Partners('a%20b')");
/// assert_eq!(set.delete(PartnerKey("1".into())).plan().method, Method::Delete);
/// ```
pub struct EntitySetRef<S> {
    client: Client,
    marker: PhantomData<fn() -> S>,
}

type KeyOf<S> = <<S as EntitySet>::Entity as Entity>::Key;

impl<S: EntitySet> EntitySetRef<S> {
    /// The set, on `client`.
    pub fn new(client: Client) -> Self {
        EntitySetRef { client, marker: PhantomData }
    }

    /// Lists entities (`GET Set?…`).
    pub fn list(&self) -> ListRequest<S::Entity> {
        ListRequest::new(self.client.clone(), S::NAME.to_owned(), S::VERSION)
    }

    /// Counts entities (`GET Set/$count`), optionally filtered.
    pub fn count(&self) -> CountRequest<S::Entity> {
        CountRequest { client: self.client.clone(), path: S::NAME.to_owned(), version: S::VERSION, filter: None }
    }

    /// Reads one entity by key (`GET Set(key)`).
    pub fn get(&self, key: KeyOf<S>) -> GetRequest<S::Entity> {
        self.key(key).get()
    }

    /// Reads an entity again, by its own key (what changed on the server since).
    pub fn refresh(&self, entity: &S::Entity) -> GetRequest<S::Entity> {
        self.get(entity.key())
    }

    /// The entity with this key, to navigate from or to call bound operations on.
    pub fn key(&self, key: KeyOf<S>) -> EntityRef<S::Entity> {
        EntityRef {
            client: self.client.clone(),
            path: entity_path::<S>(&key),
            version: S::VERSION,
            marker: PhantomData,
        }
    }

    /// Creates an entity (`POST Set`).
    pub fn create(&self, entity: S::Entity) -> CreateRequest<S>
    where
        S: Creatable,
    {
        CreateRequest { client: self.client.clone(), entity }
    }

    /// Changes some properties (`PATCH` in V4; `MERGE`, tunnelled through `POST`, in
    /// V2). Send the entity's ETag with [`UpdateRequest::if_match`].
    pub fn update(&self, key: KeyOf<S>, changes: S::Patch) -> UpdateRequest<S>
    where
        S: Updatable,
    {
        let method = match S::VERSION {
            Version::V2 => Method::Merge,
            Version::V4 => Method::Patch,
        };
        UpdateRequest { client: self.client.clone(), key, body: BodyOf::Patch(changes), method, if_match: None }
    }

    /// Replaces the whole entity (`PUT`).
    pub fn replace(&self, key: KeyOf<S>, entity: S::Entity) -> UpdateRequest<S>
    where
        S: Updatable,
    {
        UpdateRequest {
            client: self.client.clone(),
            key,
            body: BodyOf::Entity(entity),
            method: Method::Put,
            if_match: None,
        }
    }

    /// Deletes an entity (`DELETE Set(key)`).
    pub fn delete(&self, key: KeyOf<S>) -> DeleteRequest<S>
    where
        S: Deletable,
    {
        DeleteRequest { client: self.client.clone(), key, if_match: None }
    }
}

fn decode_failed(url: &str, e: format::DecodeError) -> Error {
    Error::Decode { url: url.to_owned(), path: e.path, message: e.message }
}

fn entity_path<S: EntitySet>(key: &KeyOf<S>) -> String {
    format!("{}{}", S::NAME, key.segment(S::VERSION))
}

/// One entity, addressed by its key (or by a to-one navigation path): the start of
/// navigation (`Orders(1)/items`) and of bound operations.
pub struct EntityRef<E> {
    client: Client,
    path: String,
    version: Version,
    marker: PhantomData<fn() -> E>,
}

impl<E: DeserializeOwned> EntityRef<E> {
    /// Reads the entity.
    pub fn get(&self) -> GetRequest<E> {
        GetRequest {
            client: self.client.clone(),
            path: self.path.clone(),
            version: self.version,
            options: QueryOptions::default(),
        }
    }

    /// The entities a to-many navigation property leads to (`Orders(1)/items`).
    pub fn to_many<T: DeserializeOwned>(&self, navigation: Navigation<E, T, Many>) -> NavigationSet<T> {
        NavigationSet {
            client: self.client.clone(),
            path: format!("{}/{}", self.path, navigation.name()),
            version: self.version,
            marker: PhantomData,
        }
    }

    /// The entity a to-one navigation property leads to (`OrderItems(…)/order`).
    pub fn to_one<T: DeserializeOwned>(&self, navigation: Navigation<E, T, One>) -> EntityRef<T> {
        EntityRef {
            client: self.client.clone(),
            path: format!("{}/{}", self.path, navigation.name()),
            version: self.version,
            marker: PhantomData,
        }
    }
}

impl<E> EntityRef<E> {
    /// The path relative to the service root (`Orders(guid'…')`).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The client and protocol version (for generated bound operations).
    pub fn client(&self) -> (&Client, Version) {
        (&self.client, self.version)
    }
}

/// The entities behind a to-many navigation property.
pub struct NavigationSet<T> {
    client: Client,
    path: String,
    version: Version,
    marker: PhantomData<fn() -> T>,
}

impl<T: DeserializeOwned> NavigationSet<T> {
    /// Lists them (`GET Orders(1)/items?…`).
    pub fn list(&self) -> ListRequest<T> {
        ListRequest::new(self.client.clone(), self.path.clone(), self.version)
    }

    /// Counts them (`GET Orders(1)/items/$count`).
    pub fn count(&self) -> CountRequest<T> {
        CountRequest { client: self.client.clone(), path: self.path.clone(), version: self.version, filter: None }
    }
}

/// `GET Set?$filter…`: a page of entities.
#[must_use = "a request does nothing until it is planned or sent"]
pub struct ListRequest<E> {
    client: Client,
    path: String,
    version: Version,
    options: QueryOptions<E>,
    headers: Vec<(&'static str, String)>,
}

impl<E: DeserializeOwned> ListRequest<E> {
    fn new(client: Client, path: String, version: Version) -> Self {
        ListRequest { client, path, version, options: QueryOptions::default(), headers: Vec::new() }
    }

    /// Only entities matching `filter` (several calls combine with `and`).
    pub fn filter(mut self, filter: Filter<E>) -> Self {
        self.options.filter(filter);
        self
    }

    /// Only these properties (`$select`).
    pub fn select(mut self, selection: impl Selection<E>) -> Self {
        self.options.select(&selection);
        self
    }

    /// Related entities inline (`$expand`).
    pub fn expand(mut self, expansion: impl Expansion<E>) -> Self {
        self.options.expand(&expansion);
        self
    }

    /// Sorted (`$orderby`); several calls sort by each in turn.
    pub fn order_by(mut self, order: impl Into<OrderBy<E>>) -> Self {
        self.options.order_by(order.into());
        self
    }

    /// At most `n` entities (`$top`).
    pub fn top(mut self, n: u64) -> Self {
        self.options.top(n);
        self
    }

    /// Skips `n` entities (`$skip`).
    pub fn skip(mut self, n: u64) -> Self {
        self.options.skip(n);
        self
    }

    /// With the total count (`$inlinecount=allpages` in V2, `$count=true` in V4).
    pub fn with_count(mut self) -> Self {
        self.options.count();
        self
    }

    /// A custom query option such as `sap-language` or `search`.
    pub fn query(mut self, name: &str, value: &str) -> Result<Self, crate::edm::LiteralError> {
        self.options.custom(name, value)?;
        Ok(self)
    }

    /// A header for this call only (`sap-language`, `sap-client`, a trace id). The
    /// name must be a static string; values are checked when the request is sent.
    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    /// The request to send.
    pub fn plan(&self) -> RequestPlan {
        let mut plan = RequestPlan::new(Method::Get, self.path.clone(), self.version);
        plan.query = self.options.pairs(self.version);
        plan.headers.extend(self.headers.iter().cloned());
        plan
    }

    /// Sends the request: one page of entities, with the count and next link when the
    /// server sent them.
    pub async fn send(self) -> Result<Page<E>, Error> {
        self.options.check(self.version).map_err(Error::InvalidInput)?;
        fetch_page::<E>(&self.client, &self.plan(), self.version).await
    }

    /// Every entity, page after page: follows the server's next links
    /// (`__next`, `@odata.nextLink`) and holds one page in memory at a time. Links to
    /// another host end the stream with an error.
    pub fn stream(self) -> impl futures_core::Stream<Item = Result<E, Error>> {
        struct State<E> {
            client: Client,
            version: Version,
            next: Option<RequestPlan>,
            page: std::vec::IntoIter<E>,
            refused: Option<Error>,
        }
        let refused = self.options.check(self.version).err().map(Error::InvalidInput);
        let next = refused.is_none().then(|| self.plan());
        let state =
            State::<E> { next, client: self.client, version: self.version, page: Vec::new().into_iter(), refused };
        futures_util::stream::unfold(state, |mut state| async move {
            if let Some(e) = state.refused.take() {
                return Some((Err(e), state));
            }
            loop {
                if let Some(item) = state.page.next() {
                    return Some((Ok(item), state));
                }
                let plan = state.next.take()?;
                match fetch_page::<E>(&state.client, &plan, state.version).await {
                    Ok(page) => {
                        if let Some(link) = page.next_link {
                            match state.client.rebase_link(&link) {
                                Ok(path) => state.next = Some(RequestPlan { path, query: Vec::new(), ..plan }),
                                Err(e) => return Some((Err(e), state)),
                            }
                        }
                        state.page = page.items.into_iter();
                    }
                    Err(e) => return Some((Err(e), state)),
                }
            }
        })
    }
}

async fn fetch_page<E: DeserializeOwned>(
    client: &Client,
    plan: &RequestPlan,
    version: Version,
) -> Result<Page<E>, Error> {
    let response = client.execute(plan).await?;
    format::decode_collection(version, response.expect_json()?).map_err(|e| decode_failed(&response.url, e))
}

/// `GET Set/$count`.
#[must_use = "a request does nothing until it is planned or sent"]
pub struct CountRequest<E> {
    client: Client,
    path: String,
    version: Version,
    filter: Option<Filter<E>>,
}

impl<E> CountRequest<E> {
    /// Counts only entities matching `filter`.
    pub fn filter(mut self, filter: Filter<E>) -> Self {
        self.filter = Some(match self.filter.take() {
            Some(f) => f.and(filter),
            None => filter,
        });
        self
    }

    /// The request to send.
    pub fn plan(&self) -> RequestPlan {
        let mut plan = RequestPlan::new(Method::Get, format!("{}/$count", self.path), self.version);
        plan.headers = vec![("Accept", "text/plain".to_owned())];
        if let Some(f) = &self.filter {
            plan.query.push(("$filter".to_owned(), f.render(self.version)));
        }
        plan
    }

    /// Sends the request: the number of entities.
    pub async fn send(self) -> Result<u64, Error> {
        let response = self.client.execute(&self.plan()).await?;
        let text = String::from_utf8_lossy(&response.body);
        text.trim().parse().map_err(|_| Error::Decode {
            url: response.url.clone(),
            path: ".".into(),
            message: format!("expected a count, got {:?}", text.chars().take(40).collect::<String>()),
        })
    }
}

/// `GET Set(key)`.
#[must_use = "a request does nothing until it is planned or sent"]
pub struct GetRequest<E> {
    client: Client,
    path: String,
    version: Version,
    options: QueryOptions<E>,
}

impl<E: DeserializeOwned> GetRequest<E> {
    /// Only these properties (`$select`).
    pub fn select(mut self, selection: impl Selection<E>) -> Self {
        self.options.select(&selection);
        self
    }

    /// Related entities inline (`$expand`).
    pub fn expand(mut self, expansion: impl Expansion<E>) -> Self {
        self.options.expand(&expansion);
        self
    }

    /// The request to send.
    pub fn plan(&self) -> RequestPlan {
        let mut plan = RequestPlan::new(Method::Get, self.path.clone(), self.version);
        plan.query = self.options.pairs(self.version);
        plan
    }

    /// Sends the request: the entity (a missing one is [`Error::Http`] with 404).
    pub async fn send(self) -> Result<E, Error> {
        self.options.check(self.version).map_err(Error::InvalidInput)?;
        let response = self.client.execute(&self.plan()).await?;
        format::decode_entity(self.version, response.expect_json()?).map_err(|e| decode_failed(&response.url, e))
    }
}

/// `POST Set` with the entity as JSON.
#[must_use = "a request does nothing until it is planned or sent"]
pub struct CreateRequest<S: EntitySet> {
    client: Client,
    entity: S::Entity,
}

impl<S: EntitySet> CreateRequest<S> {
    /// The request to send.
    pub fn plan(&self) -> Result<RequestPlan, serde_json::Error> {
        let mut plan = RequestPlan::new(Method::Post, S::NAME.to_owned(), S::VERSION);
        plan.headers.push(("Content-Type", "application/json".to_owned()));
        plan.body = Some(serde_json::to_vec(&self.entity)?);
        Ok(plan)
    }

    /// Sends the request: the entity as the server created it (with its keys, defaults
    /// and ETag).
    pub async fn send(self) -> Result<S::Entity, Error> {
        let plan =
            self.plan().map_err(|e| Error::InvalidInput(format!("the entity cannot be written as JSON: {e}")))?;
        let response = self.client.execute(&plan).await?;
        format::decode_entity(S::VERSION, response.expect_json()?).map_err(|e| decode_failed(&response.url, e))
    }
}

/// `DELETE Set(key)`.
#[must_use = "a request does nothing until it is planned or sent"]
pub struct DeleteRequest<S: EntitySet> {
    client: Client,
    key: KeyOf<S>,
    if_match: Option<String>,
}

impl<S: EntitySet> DeleteRequest<S> {
    /// Deletes only if the entity still has this ETag (`If-Match`).
    pub fn if_match(mut self, etag: impl Into<String>) -> Self {
        self.if_match = Some(etag.into());
        self
    }

    /// The request to send.
    pub fn plan(&self) -> RequestPlan {
        let mut plan = RequestPlan::new(Method::Delete, entity_path::<S>(&self.key), S::VERSION);
        if let Some(etag) = &self.if_match {
            plan.headers.push(("If-Match", etag.clone()));
        }
        plan
    }

    /// Sends the request.
    pub async fn send(self) -> Result<(), Error> {
        self.client.execute(&self.plan()).await.map(|_| ())
    }
}

enum BodyOf<S: EntitySet> {
    Patch(S::Patch),
    Entity(S::Entity),
}

/// `PATCH`/`MERGE`/`PUT Set(key)`.
#[must_use = "a request does nothing until it is planned or sent"]
pub struct UpdateRequest<S: EntitySet> {
    client: Client,
    key: KeyOf<S>,
    body: BodyOf<S>,
    method: Method,
    if_match: Option<String>,
}

/// What an update returns: servers answer `204` (nothing) or `200` with the entity.
#[derive(Debug)]
pub struct Updated<E> {
    /// The entity as the server now has it, when it sent it.
    pub entity: Option<E>,
    /// The new ETag (response header), for the next write.
    pub etag: Option<String>,
}

impl<S: EntitySet> UpdateRequest<S> {
    /// Updates only if the entity still has this ETag (`If-Match`); otherwise the
    /// server answers `412` ([`Error::is_etag_conflict`]).
    pub fn if_match(mut self, etag: impl Into<String>) -> Self {
        self.if_match = Some(etag.into());
        self
    }

    /// Updates whatever the current ETag (`If-Match: *`).
    pub fn ignore_etag(self) -> Self {
        self.if_match("*")
    }

    /// In V2, sends `PATCH` instead of `MERGE` (SAP Gateway accepts both).
    pub fn with_patch_verb(mut self) -> Self {
        if self.method == Method::Merge {
            self.method = Method::Patch;
        }
        self
    }

    /// The request to send.
    pub fn plan(&self) -> Result<RequestPlan, serde_json::Error> {
        let mut plan = RequestPlan::new(self.method, entity_path::<S>(&self.key), S::VERSION);
        plan.headers.push(("Content-Type", "application/json".to_owned()));
        if let Some(etag) = &self.if_match {
            plan.headers.push(("If-Match", etag.clone()));
        }
        plan.body = Some(match &self.body {
            BodyOf::Patch(p) => serde_json::to_vec(p)?,
            BodyOf::Entity(e) => serde_json::to_vec(e)?,
        });
        Ok(plan)
    }

    /// Sends the request.
    pub async fn send(self) -> Result<Updated<S::Entity>, Error> {
        let plan =
            self.plan().map_err(|e| Error::InvalidInput(format!("the changes cannot be written as JSON: {e}")))?;
        let response = self.client.execute(&plan).await?;
        let etag = response.headers.get("etag").and_then(|v| v.to_str().ok()).map(str::to_owned);
        let entity = if response.body.is_empty() || response.status == 204 {
            None
        } else {
            Some(
                format::decode_entity(S::VERSION, response.expect_json()?)
                    .map_err(|e| decode_failed(&response.url, e))?,
            )
        };
        Ok(Updated { entity, etag })
    }
}
