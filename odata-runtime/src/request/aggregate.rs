//! `GET Set?$apply=…`: entities grouped and aggregated on the server (OData V4 data
//! aggregation), read as typed rows.

use super::read::decode_rows;
use super::{decode_failed, per_call_methods, Method, PerCall, RequestPlan};
use crate::format::Page;
use crate::plan::{BatchRequest, Prepared, Read};
use crate::query::apply::render;
use crate::query::{Aggregates, Filter, GroupBy};
use crate::{Client, Error, Version};

/// `GET Set?$apply=filter(…)/groupby((…),aggregate(…))`: one row per group, the
/// grouped properties' values and the aggregates
/// ([`EntitySetRef::aggregate`](super::EntitySetRef::aggregate)).
#[must_use = "a request does nothing until it is planned or sent"]
pub struct AggregateRequest<E, G, A> {
    client: Client,
    path: String,
    filter: Option<Filter<E>>,
    groups: G,
    aggregates: A,
    per_call: PerCall,
}

impl<E, G: GroupBy<E>, A: Aggregates<E>> AggregateRequest<E, G, A> {
    pub(crate) fn new(client: Client, path: String, groups: G, aggregates: A) -> Self {
        AggregateRequest { client, path, filter: None, groups, aggregates, per_call: PerCall::default() }
    }

    /// Only entities matching `filter` are grouped and aggregated (the `filter(…)`
    /// transformation before `groupby`); several calls combine with `and`.
    pub fn filter(mut self, filter: Filter<E>) -> Self {
        self.filter = Some(match self.filter.take() {
            Some(existing) => existing.and(filter),
            None => filter,
        });
        self
    }

    per_call_methods!();

    /// The request to send.
    pub fn plan(&self) -> RequestPlan {
        let mut plan = RequestPlan::new(Method::Get, self.path.clone(), Version::V4);
        if let Some(apply) = self.apply() {
            plan.query.push(("$apply".to_owned(), apply));
        }
        self.per_call.apply(&mut plan);
        plan
    }

    /// The `$apply` value: `None` with neither a property to group by nor an aggregate.
    fn apply(&self) -> Option<String> {
        let mut groups = Vec::new();
        self.groups.names(&mut groups);
        let mut aggregates = Vec::new();
        self.aggregates.expressions(&mut aggregates);
        let filter = self.filter.as_ref().map(|f| f.render(Version::V4));
        render(filter, &groups, &aggregates)
    }

    /// Sends the request: a page of rows, each `(group, aggregates)` (`()` for what
    /// was not asked for). Fails before anything is sent when there is neither a
    /// property to group by nor an aggregate.
    pub async fn send(self) -> Result<Page<(G::Row, A::Row)>, Error>
    where
        G: Send + 'static,
        A: Send + 'static,
        G::Row: Send + 'static,
        A::Row: Send + 'static,
    {
        let client = self.client.clone();
        client.run(self.prepare()?).await
    }
}

impl<E, G, A> BatchRequest for AggregateRequest<E, G, A>
where
    G: GroupBy<E> + Send + 'static,
    A: Aggregates<E> + Send + 'static,
    G::Row: Send + 'static,
    A::Row: Send + 'static,
{
    type Output = Page<(G::Row, A::Row)>;
    fn prepare(self) -> Result<Prepared<Self::Output>, Error> {
        if self.apply().is_none() {
            return Err(Error::InvalidInput("an aggregation needs a property to group by or an aggregate".into()));
        }
        let plan = self.plan();
        let (groups, aggregates) = (self.groups, self.aggregates);
        Ok(Prepared::new(plan, self.per_call, move |response| {
            let body = response.expect_json()?;
            decode_rows(Version::V4, body, |row| {
                Ok((groups.decode_row(row, Version::V4)?, aggregates.decode_row(row, Version::V4)?))
            })
            .map_err(|e| decode_failed(&response.url, e))
        }))
    }
}

impl<E, G, A> Read for AggregateRequest<E, G, A> where Self: BatchRequest {}
