//! Typed requests on entity sets, built into [`RequestPlan`]s: the method, the path
//! relative to the service root, the query and the body. Capabilities are checked at
//! compile time: `create` needs [`Creatable`], `delete` needs [`Deletable`].
//!
//! Reads live in `read`, writes in `write`, media resources in `media`; every request
//! takes per-call options (`header`).

mod aggregate;
mod delta;
mod media;
mod read;
mod write;

pub use aggregate::AggregateRequest;
pub use delta::{DeltaPage, DeltaRequest};
pub use media::{
    CreateMediaRequest, Media, MediaEntity, MediaRequest, MediaStream, StreamProperty, UploadMediaRequest,
};
pub use read::{CountRequest, Entities, GetRequest, ListRequest, Pages, Rows, Selected};
pub use write::{CreateRequest, DeleteRequest, UpdateRequest, Updated};

use crate::format;
pub use crate::format::Page;
pub(crate) use crate::plan::{per_call_methods, PerCall};
pub use crate::plan::{Method, RequestPlan};
use crate::query::{Many, Navigation, One};
use crate::{Client, Entity, EntityKey, Error, Version};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::marker::PhantomData;
use write::BodyOf;

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
pub trait Creatable: EntitySet {
    /// What `create` sends: the generated `New…` type of the entity type, with the
    /// properties the service accepts on create (required ones required), each sent
    /// only when set.
    type New: NewEntity<Entity = Self::Entity>;
}

/// The generated create type `NewX` of entity type `X`: what a create sends
/// ([`CreateRequest`]). It names its entity type, so that a set's create takes only its
/// entity type's (`Creatable::New`) and a create through a navigation property
/// ([`NavigationSet::create`]) only that of the entity type the navigation leads to.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not the create type of an entity type",
    label = "not a generated `New…` type",
    note = "a create through a navigation property takes the `New…` type of the entity type it leads to"
)]
pub trait NewEntity: Serialize {
    /// The entity type it creates.
    type Entity: Entity + DeserializeOwned + 'static;
}

/// Entity sets with a free-text search (`sap:searchable="true"` in V2; in V4 unless
/// `Capabilities.SearchRestrictions` says otherwise).
#[diagnostic::on_unimplemented(
    message = "entity set `{Self}` has no free-text search",
    label = "not searchable",
    note = "the service's metadata says so: no sap:searchable=\"true\" (V2) or Capabilities.SearchRestrictions/Searchable false (V4)"
)]
pub trait Searchable: EntitySet {}

/// Entity sets that hand out delta links (`sap:change-tracking="true"` in V2,
/// `Capabilities.ChangeTracking/Supported` in V4).
#[diagnostic::on_unimplemented(
    message = "entity set `{Self}` does not track changes",
    label = "no delta links",
    note = "the service's metadata says so: no sap:change-tracking=\"true\" (V2) or Capabilities.ChangeTracking (V4)"
)]
pub trait ChangeTracking: EntitySet {}

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
/// assert_eq!(set.delete(PartnerKey("1".into())).plan().method(), Method::Delete);
/// ```
pub struct EntitySetRef<S> {
    client: Client,
    marker: PhantomData<fn() -> S>,
}

type KeyOf<S> = <<S as EntitySet>::Entity as Entity>::Key;

/// What a bound operation is called on: one entity ([`EntityRef`], `Binding = E`) or
/// a collection ([`EntitySetRef`], [`NavigationSet`], `Binding = [E]`).
#[doc(hidden)]
pub trait BindingTarget {
    /// The entity type, or a slice type for collections.
    type Binding: ?Sized;
    /// The client the call goes through.
    fn client(&self) -> &Client;
    /// The path of the target, relative to the service root.
    fn path(&self) -> String;
}

impl<S: EntitySet> EntitySetRef<S> {
    /// The set, on `client`.
    pub fn new(client: Client) -> Self {
        EntitySetRef { client, marker: PhantomData }
    }

    /// Lists entities (`GET Set?…`).
    pub fn list(&self) -> ListRequest<S::Entity> {
        ListRequest::new(self.client.clone(), S::NAME.to_owned(), S::VERSION)
    }

    /// Lists the entities a free-text search for `text` finds: SAP's `search=` on V2
    /// services, `$search` (with `text` as one phrase) on V4. Combines with filters,
    /// ordering and paging like any list.
    pub fn search(&self, text: &str) -> ListRequest<S::Entity>
    where
        S: Searchable,
    {
        let mut list = self.list();
        list.options.search(text);
        list
    }

    /// Counts entities (`GET Set/$count`), optionally filtered.
    pub fn count(&self) -> CountRequest<S::Entity> {
        CountRequest::new(self.client.clone(), S::NAME.to_owned(), S::VERSION)
    }

    /// Reads the set with change tracking, page by page: every entity, and on the last
    /// page a delta link to store for [`changes_since`](Self::changes_since).
    ///
    /// ```ignore
    /// let mut read = svc.travels().track_changes();
    /// let mut link = None;
    /// while let Some(page) = read.next().await {
    ///     let page = page?;
    ///     store(&page.changed);
    ///     link = page.delta_link.or(link);
    /// }
    /// ```
    pub fn track_changes(&self) -> DeltaRequest<S::Entity>
    where
        S: ChangeTracking,
    {
        DeltaRequest::track(self.client.clone(), S::NAME.to_owned(), S::VERSION)
    }

    /// What changed since the read that gave `delta_link` (a link from
    /// [`track_changes`](Self::track_changes) or an earlier `changes_since`, possibly
    /// stored since): entities added or changed, entities removed, and the next delta
    /// link. The link must be below the service root, as next links must.
    pub fn changes_since(&self, delta_link: &str) -> DeltaRequest<S::Entity>
    where
        S: ChangeTracking,
    {
        DeltaRequest::since(self.client.clone(), delta_link, S::VERSION)
    }

    /// Groups and aggregates the set on the server (`$apply`, OData V4 data
    /// aggregation): one row per distinct combination of `groups` (a property, a
    /// tuple of them, or `()` for all entities as one group) with `aggregates`
    /// (`Property::sum()`, `min`, `max`, `average`, `count_distinct`,
    /// [`Aggregate::count`](crate::query::Aggregate::count), a tuple of them, or `()`).
    /// Rows read as `(group, aggregates)` with the types of the properties and
    /// aggregates; [`AggregateRequest::filter`] chooses the entities first.
    ///
    /// ```ignore
    /// let revenue = svc.orders()
    ///     .aggregate(Order::CUSTOMER, (Order::TOTAL.sum(), Aggregate::count()))
    ///     .filter(Order::CURRENCY.eq("EUR"))
    ///     .send()
    ///     .await?;
    /// for (customer, (total, orders)) in revenue.items { /* String, (Option<Decimal>, i64) */ }
    /// ```
    pub fn aggregate<G, A>(&self, groups: G, aggregates: A) -> AggregateRequest<S::Entity, G, A>
    where
        S::Entity: crate::query::apply::Aggregation,
        G: crate::query::GroupBy<S::Entity>,
        A: crate::query::Aggregates<S::Entity>,
    {
        AggregateRequest::new(self.client.clone(), S::NAME.to_owned(), groups, aggregates)
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

    /// Creates an entity (`POST Set`) from `new` (the generated `New…` type): only the
    /// properties set in it are sent.
    pub fn create<N>(&self, new: N) -> CreateRequest<N>
    where
        S: Creatable<New = N>,
        N: NewEntity,
    {
        CreateRequest {
            client: self.client.clone(),
            path: S::NAME.to_owned(),
            version: S::VERSION,
            new,
            per_call: PerCall::default(),
        }
    }

    /// Changes some properties (`PATCH` in V4; `MERGE`, tunnelled through `POST`, in
    /// V2). Send the entity's ETag with [`UpdateRequest::if_match`].
    pub fn update(&self, key: KeyOf<S>, changes: S::Patch) -> UpdateRequest<S>
    where
        S: Updatable,
    {
        self.update_path(entity_path::<S>(&key), changes)
    }

    pub(crate) fn update_path(&self, path: String, changes: S::Patch) -> UpdateRequest<S> {
        let method = match S::VERSION {
            Version::V2 => Method::Merge,
            Version::V4 => Method::Patch,
        };
        UpdateRequest {
            client: self.client.clone(),
            path,
            body: BodyOf::Patch(changes),
            method,
            if_match: None,
            per_call: PerCall::default(),
        }
    }

    /// Replaces the whole entity (`PUT`).
    pub fn replace(&self, key: KeyOf<S>, entity: S::Entity) -> UpdateRequest<S>
    where
        S: Updatable,
    {
        UpdateRequest {
            client: self.client.clone(),
            path: entity_path::<S>(&key),
            body: BodyOf::Entity(entity),
            method: Method::Put,
            if_match: None,
            per_call: PerCall::default(),
        }
    }

    /// Deletes an entity (`DELETE Set(key)`).
    pub fn delete(&self, key: KeyOf<S>) -> DeleteRequest<S>
    where
        S: Deletable,
    {
        self.delete_path(entity_path::<S>(&key))
    }

    pub(crate) fn delete_path(&self, path: String) -> DeleteRequest<S> {
        DeleteRequest {
            client: self.client.clone(),
            path,
            if_match: None,
            per_call: PerCall::default(),
            marker: PhantomData,
        }
    }
}

/// A singleton of a generated service (OData V4): one entity at a fixed name
/// (`Config`). Its marker type implements [`EntitySet`] with the singleton's name.
pub struct SingletonRef<S> {
    client: Client,
    marker: PhantomData<fn() -> S>,
}

impl<S: EntitySet> SingletonRef<S> {
    /// The singleton, on `client`.
    pub fn new(client: Client) -> Self {
        SingletonRef { client, marker: PhantomData }
    }

    /// Reads it (`GET Config`).
    pub fn get(&self) -> GetRequest<S::Entity> {
        self.entity().get()
    }

    /// Changes some properties (`PATCH Config`).
    pub fn update(&self, changes: S::Patch) -> UpdateRequest<S>
    where
        S: Updatable,
    {
        UpdateRequest {
            client: self.client.clone(),
            path: S::NAME.to_owned(),
            body: BodyOf::Patch(changes),
            method: Method::Patch,
            if_match: None,
            per_call: PerCall::default(),
        }
    }

    /// The singleton as an entity reference: to navigate from, to call bound operations
    /// on, to read its media.
    pub fn entity(&self) -> EntityRef<S::Entity> {
        EntityRef { client: self.client.clone(), path: S::NAME.to_owned(), version: S::VERSION, marker: PhantomData }
    }
}

pub(crate) fn decode_failed(url: &str, e: format::DecodeError) -> Error {
    Error::Decode { url: url.to_owned(), path: e.path, message: crate::redact::decoder_message(&e.message) }
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
        GetRequest::new(self.client.clone(), self.path.clone(), self.version)
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

    /// The service's protocol version.
    pub fn version(&self) -> Version {
        self.version
    }
}

impl<E> BindingTarget for EntityRef<E> {
    type Binding = E;
    fn client(&self) -> &Client {
        &self.client
    }
    fn path(&self) -> String {
        self.path.clone()
    }
}

impl<S: EntitySet> BindingTarget for EntitySetRef<S> {
    type Binding = [S::Entity];
    fn client(&self) -> &Client {
        &self.client
    }
    fn path(&self) -> String {
        S::NAME.to_owned()
    }
}

impl<T> BindingTarget for NavigationSet<T> {
    type Binding = [T];
    fn client(&self) -> &Client {
        &self.client
    }
    fn path(&self) -> String {
        self.path.clone()
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
        CountRequest::new(self.client.clone(), self.path.clone(), self.version)
    }

    /// Creates an entity through the navigation property (`POST Orders(1)/items`): the
    /// server links it to the entity navigated from (SAP Cloud SDK's `asChildOf`), as
    /// SAP Gateway services such as `API_SALES_ORDER_SRV` want for an item of an
    /// existing order. `new` is the create type of the entity type the navigation
    /// leads to; any other does not compile.
    ///
    /// ```
    /// # use odata_runtime::request::*;
    /// # use odata_runtime::{Entity, EntityKey, Version};
    /// # #[derive(serde::Serialize, serde::Deserialize)] struct Item;
    /// # struct ItemKey;
    /// # impl EntityKey for ItemKey { fn key_values(&self, _: Version) -> Vec<(&'static str, String)> { vec![] } }
    /// # impl Entity for Item { const ENTITY_TYPE: &'static str = "NS.Item"; type Key = ItemKey;
    /// #     fn key(&self) -> ItemKey { ItemKey } fn etag(&self) -> Option<&str> { None } }
    /// # #[derive(serde::Serialize)] struct Order;
    /// # struct OrderKey(u32);
    /// # impl EntityKey for OrderKey {
    /// #     fn key_values(&self, v: Version) -> Vec<(&'static str, String)> {
    /// #         use odata_runtime::edm::EdmValue; vec![("ID", (self.0 as i32).to_literal(v))] }
    /// # }
    /// # impl Entity for Order { const ENTITY_TYPE: &'static str = "NS.Order"; type Key = OrderKey;
    /// #     fn key(&self) -> OrderKey { OrderKey(1) } fn etag(&self) -> Option<&str> { None } }
    /// # impl<'de> serde::Deserialize<'de> for Order {
    /// #     fn deserialize<D: serde::Deserializer<'de>>(_: D) -> Result<Self, D::Error> { Ok(Order) } }
    /// # struct Orders;
    /// # impl EntitySet for Orders { type Entity = Order; type Patch = (); const NAME: &'static str = "Orders";
    /// #     const VERSION: Version = Version::V4; }
    /// # const ITEMS: odata_runtime::query::Navigation<Order, Item, odata_runtime::__private::Many> =
    /// #     odata_runtime::query::Navigation::new("items");
    /// #[derive(serde::Serialize)]
    /// struct NewItem { pos: i32 }
    /// impl NewEntity for NewItem { type Entity = Item; }
    ///
    /// let client = odata_runtime::Client::builder("https://cap.example/odata/v4/shop").build().unwrap();
    /// let order = EntitySetRef::<Orders>::new(client).key(OrderKey(7));
    /// let plan = order.to_many(ITEMS).create(NewItem { pos: 10 }).plan().unwrap();
    /// assert_eq!((plan.method(), plan.relative_url()), (Method::Post, "Orders(7)/items".to_owned()));
    /// ```
    pub fn create<N: NewEntity<Entity = T>>(&self, new: N) -> CreateRequest<N> {
        CreateRequest {
            client: self.client.clone(),
            path: self.path.clone(),
            version: self.version,
            new,
            per_call: PerCall::default(),
        }
    }
}
