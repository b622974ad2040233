//! Changes since a read (delta links): OData V4 change tracking
//! (`Prefer: odata.track-changes`, `@odata.deltaLink`, entries with `@removed`) and SAP
//! Gateway's V2 delta tokens (sets with `sap:change-tracking`, `__delta` links with
//! `!deltatoken`).
//!
//! A sync job reads a set once with [`EntitySetRef::track_changes`](super::EntitySetRef::track_changes),
//! stores the delta link of the last page, and later asks for what changed since with
//! [`EntitySetRef::changes_since`](super::EntitySetRef::changes_since), which gives the
//! next link to store.

use super::read::Cursor;
use super::{decode_failed, per_call_methods, Method, PerCall, RequestPlan};
use crate::format::{self, DecodeError};
use crate::query::Filter;
use crate::{Client, Error, Version};
use serde::de::{DeserializeOwned, IgnoredAny};
use serde::Deserialize;
use std::marker::PhantomData;

/// One page of changes: entities added or changed, entities removed, and on the last
/// page the link to ask for the changes after these.
#[derive(Debug)]
#[non_exhaustive]
pub struct DeltaPage<E> {
    /// Entities added or changed (on the first read: every entity).
    pub changed: Vec<E>,
    /// Entities removed (deleted, or out of the read's filter now), each by its
    /// `@id` (`Travels(42)`); where a server sent the key properties instead, the
    /// entry's JSON. SAP Gateway sends none in V2 JSON (it has no tombstones there).
    pub removed: Vec<String>,
    /// On the last page: where the changes after this read are (store it, then pass it
    /// to `changes_since`).
    pub delta_link: Option<String>,
}

enum Start {
    /// A first read with change tracking, of this path.
    Track(String),
    /// A stored delta link.
    Since(String),
}

/// A read with change tracking, page by page ([`DeltaRequest::next`]): the first read
/// of a set, or the changes since a stored delta link. Next links are followed and
/// checked as [`ListRequest::stream`](super::ListRequest::stream) checks them; the
/// delta link comes with the last page.
#[must_use = "changes are fetched by `next()`"]
pub struct DeltaRequest<E> {
    client: Client,
    version: Version,
    start: Option<Start>,
    filter: Option<String>,
    per_call: PerCall,
    cursor: Option<Cursor>,
    entity: PhantomData<fn() -> E>,
}

impl<E: DeserializeOwned> DeltaRequest<E> {
    pub(crate) fn track(client: Client, path: String, version: Version) -> Self {
        Self::new(client, version, Start::Track(path))
    }

    pub(crate) fn since(client: Client, link: &str, version: Version) -> Self {
        Self::new(client, version, Start::Since(link.to_owned()))
    }

    fn new(client: Client, version: Version, start: Start) -> Self {
        DeltaRequest {
            client,
            version,
            start: Some(start),
            filter: None,
            per_call: PerCall::default(),
            cursor: None,
            entity: PhantomData,
        }
    }

    /// Tracks only entities matching `filter` (the first read's `$filter`; a delta
    /// link carries it on). Ignored for [`changes_since`](super::EntitySetRef::changes_since).
    pub fn filter(mut self, filter: Filter<E>) -> Self {
        self.filter = Some(filter.render(self.version));
        self
    }

    per_call_methods!();

    /// The first request: the set with `Prefer: odata.track-changes` (V4), or the
    /// stored link (which must be below the service root).
    fn first(&mut self) -> Result<RequestPlan, Error> {
        let mut plan = match self.start.take() {
            Some(Start::Track(path)) => {
                let mut plan = RequestPlan::new(Method::Get, path, self.version);
                if let Some(filter) = self.filter.take() {
                    plan.query.push(("$filter".to_owned(), filter));
                }
                if self.version == Version::V4 {
                    plan.headers.push(("Prefer", "odata.track-changes".to_owned()));
                }
                plan
            }
            Some(Start::Since(link)) => {
                let path = self.client.rebase_link(&link)?;
                RequestPlan::new(Method::Get, path, self.version)
            }
            None => return Err(Error::InvalidInput("the changes were read already".into())),
        };
        self.per_call.apply(&mut plan);
        Ok(plan)
    }

    /// The next page of changes; `None` after the last page (the one with the delta
    /// link) or after an error.
    pub async fn next(&mut self) -> Option<Result<DeltaPage<E>, Error>> {
        if self.cursor.is_none() {
            let first = self.first();
            let per_call = std::mem::take(&mut self.per_call);
            self.cursor = Some(Cursor::new(self.client.clone(), per_call, first));
        }
        let cursor = self.cursor.as_mut()?;
        let (response, plan) = match cursor.fetch().await? {
            Ok(fetched) => fetched,
            Err(e) => return Some(Err(e)),
        };
        let page = response
            .expect_json()
            .and_then(|body| read_page(self.version, body).map_err(|e| decode_failed(&response.url, e)));
        let (page, next_link) = match page {
            Ok(page) => page,
            Err(e) => return Some(Err(e)),
        };
        cursor.follow(plan, next_link.as_deref(), &response.url);
        Some(Ok(page))
    }
}

impl<E: DeserializeOwned + Send + 'static> DeltaRequest<E> {
    /// The pages as a stream (`StreamExt::next`), ending after the page with the delta
    /// link or after an error.
    pub fn stream(self) -> impl futures_core::Stream<Item = Result<DeltaPage<E>, Error>> + Unpin {
        Box::pin(futures_util::stream::unfold(
            self,
            |mut read| async move { read.next().await.map(|page| (page, read)) },
        ))
    }
}

/// A page's entities and removed entries, and its next link.
fn read_page<E: DeserializeOwned>(
    version: Version,
    body: &[u8],
) -> Result<(DeltaPage<E>, Option<String>), DecodeError> {
    #[derive(Deserialize)]
    struct Probe {
        #[serde(rename = "@removed", alias = "@odata.removed", default)]
        removed: Option<IgnoredAny>,
        #[serde(rename = "@id", alias = "@odata.id", default)]
        id: Option<String>,
    }
    let raw = format::decode_delta(version, body)?;
    let prefix = match version {
        Version::V2 => "d.results",
        Version::V4 => "value",
    };
    let mut page = DeltaPage { changed: Vec::new(), removed: Vec::new(), delta_link: raw.delta_link };
    for (i, item) in raw.items.iter().enumerate() {
        let at = |e: DecodeError| DecodeError {
            path: if e.path == "." { format!("{prefix}[{i}]") } else { format!("{prefix}[{i}].{}", e.path) },
            message: e.message,
        };
        let probe: Probe = format::decode_json(item.get().as_bytes()).map_err(at)?;
        if probe.removed.is_some() {
            page.removed.push(probe.id.unwrap_or_else(|| item.get().to_owned()));
        } else {
            page.changed.push(format::decode_json(item.get().as_bytes()).map_err(at)?);
        }
    }
    Ok((page, raw.next_link))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Travel {
        #[serde(rename = "ID")]
        id: i32,
    }

    #[test]
    fn removed_entries_in_both_json_forms_and_typed_changes() {
        let body = br##"{"@odata.context":"$metadata#Travels/$delta","value":[
            {"ID":1},
            {"@removed":{"reason":"deleted"},"@id":"Travels(2)"},
            {"@odata.context":"#Travels/$deletedEntity","@odata.removed":{"reason":"changed"},"@odata.id":"Travels(3)"},
            {"@removed":{"reason":"deleted"},"ID":4}
        ],"@odata.deltaLink":"Travels?$deltatoken=9"}"##;
        let (page, next) = read_page::<Travel>(Version::V4, body).unwrap();
        assert_eq!(page.changed, [Travel { id: 1 }]);
        assert_eq!(page.removed[..2], ["Travels(2)", "Travels(3)"]);
        assert!(page.removed[2].contains("\"ID\":4"));
        assert_eq!((page.delta_link.as_deref(), next), (Some("Travels?$deltatoken=9"), None));

        let v2 = br#"{"d":{"results":[{"ID":5}],"__delta":"Travels?!deltatoken='7'"}}"#;
        let (page, _) = read_page::<Travel>(Version::V2, v2).unwrap();
        assert_eq!((page.changed.len(), page.delta_link.as_deref()), (1, Some("Travels?!deltatoken='7'")));

        let broken = br#"{"value":[{"ID":1},{"ID":"x"}]}"#;
        let e = read_page::<Travel>(Version::V4, broken).unwrap_err();
        assert!(e.path.starts_with("value[1]"), "{}", e.path);
    }
}
