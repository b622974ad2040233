//! Writes: create (in a set, or through a navigation property), update
//! (`PATCH`/`MERGE`), replace (`PUT`) and delete.

use super::{decode_failed, per_call_methods, Method, PerCall, RequestPlan};
use super::{EntitySet, NewEntity};
use crate::format;
use crate::plan::{BatchRequest, Change, Prepared};
use crate::{Client, Error, Version};

/// `POST Set` (or, through a to-many navigation property, `POST Orders(1)/items`) with
/// the new entity as JSON: the properties set in the create type `N`, nothing else.
/// Made by [`EntitySetRef::create`](super::EntitySetRef::create) and
/// [`NavigationSet::create`](super::NavigationSet::create).
#[must_use = "a request does nothing until it is planned or sent"]
pub struct CreateRequest<N: NewEntity> {
    pub(super) client: Client,
    /// `Set`, or `Orders(1)/items`.
    pub(super) path: String,
    pub(super) version: Version,
    pub(super) new: N,
    pub(super) per_call: PerCall,
}

impl<N: NewEntity> CreateRequest<N> {
    per_call_methods!();

    /// The request to send.
    pub fn plan(&self) -> Result<RequestPlan, serde_json::Error> {
        let mut plan = RequestPlan::new(Method::Post, self.path.clone(), self.version);
        plan.headers.push(("Content-Type", "application/json".to_owned()));
        plan.body = Some(serde_json::to_vec(&self.new)?.into());
        self.per_call.apply(&mut plan);
        Ok(plan)
    }

    /// Sends the request: the entity as the server created it (with its keys, defaults
    /// and ETag; through a navigation property, linked to the entity navigated from).
    pub async fn send(self) -> Result<N::Entity, Error>
    where
        N::Entity: Send,
    {
        let client = self.client.clone();
        client.run(self.prepare()?).await
    }
}

impl<N: NewEntity> BatchRequest for CreateRequest<N>
where
    N::Entity: Send,
{
    type Output = N::Entity;
    fn prepare(self) -> Result<Prepared<N::Entity>, Error> {
        let plan =
            self.plan().map_err(|e| Error::InvalidInput(format!("the entity cannot be written as JSON: {e}")))?;
        let version = self.version;
        Ok(Prepared::new(plan, self.per_call, move |response| {
            format::decode_entity(version, response.expect_json()?).map_err(|e| decode_failed(&response.url, e))
        }))
    }
}

impl<N: NewEntity> Change for CreateRequest<N> where N::Entity: Send {}

/// `DELETE Set(key)`.
#[must_use = "a request does nothing until it is planned or sent"]
pub struct DeleteRequest<S: EntitySet> {
    pub(super) client: Client,
    /// `Set(key)`.
    pub(super) path: String,
    pub(super) if_match: Option<String>,
    pub(super) per_call: PerCall,
    pub(super) marker: std::marker::PhantomData<fn() -> S>,
}

impl<S: EntitySet> DeleteRequest<S> {
    /// Deletes only if the entity still has this ETag (`If-Match`).
    pub fn if_match(mut self, etag: impl Into<String>) -> Self {
        self.if_match = Some(etag.into());
        self
    }

    per_call_methods!();

    /// The request to send.
    pub fn plan(&self) -> RequestPlan {
        let mut plan = RequestPlan::new(Method::Delete, self.path.clone(), S::VERSION);
        if let Some(etag) = &self.if_match {
            plan.headers.push(("If-Match", etag.clone()));
        }
        self.per_call.apply(&mut plan);
        plan
    }

    /// Sends the request.
    pub async fn send(self) -> Result<(), Error> {
        let client = self.client.clone();
        client.run(self.prepare()?).await
    }
}

impl<S: EntitySet> BatchRequest for DeleteRequest<S> {
    type Output = ();
    fn prepare(self) -> Result<Prepared<()>, Error> {
        Ok(Prepared::new(self.plan(), self.per_call, |_| Ok(())))
    }
}

impl<S: EntitySet> Change for DeleteRequest<S> {}

pub(super) enum BodyOf<S: EntitySet> {
    Patch(S::Patch),
    Entity(S::Entity),
}

/// `PATCH`/`MERGE`/`PUT Set(key)` (or a singleton).
#[must_use = "a request does nothing until it is planned or sent"]
pub struct UpdateRequest<S: EntitySet> {
    pub(super) client: Client,
    /// `Set(key)`, or a singleton's name.
    pub(super) path: String,
    pub(super) body: BodyOf<S>,
    pub(super) method: Method,
    pub(super) if_match: Option<String>,
    pub(super) per_call: PerCall,
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

    per_call_methods!();

    /// The request to send.
    pub fn plan(&self) -> Result<RequestPlan, serde_json::Error> {
        let mut plan = RequestPlan::new(self.method, self.path.clone(), S::VERSION);
        plan.headers.push(("Content-Type", "application/json".to_owned()));
        if let Some(etag) = &self.if_match {
            plan.headers.push(("If-Match", etag.clone()));
        }
        plan.body = Some(
            match &self.body {
                BodyOf::Patch(p) => serde_json::to_vec(p)?,
                BodyOf::Entity(e) => serde_json::to_vec(e)?,
            }
            .into(),
        );
        self.per_call.apply(&mut plan);
        Ok(plan)
    }

    /// Sends the request.
    pub async fn send(self) -> Result<Updated<S::Entity>, Error>
    where
        S::Entity: Send,
    {
        let client = self.client.clone();
        client.run(self.prepare()?).await
    }
}

impl<S: EntitySet> BatchRequest for UpdateRequest<S>
where
    S::Entity: Send,
{
    type Output = Updated<S::Entity>;
    fn prepare(self) -> Result<Prepared<Self::Output>, Error> {
        let plan =
            self.plan().map_err(|e| Error::InvalidInput(format!("the changes cannot be written as JSON: {e}")))?;
        Ok(Prepared::new(plan, self.per_call, |response| {
            let etag = response.header("etag").map(str::to_owned);
            let entity = if response.body.is_empty() || response.status == 204 {
                None
            } else {
                Some(
                    format::decode_entity(S::VERSION, response.expect_json()?)
                        .map_err(|e| decode_failed(&response.url, e))?,
                )
            };
            Ok(Updated { entity, etag })
        }))
    }
}

impl<S: EntitySet> Change for UpdateRequest<S> where S::Entity: Send {}
