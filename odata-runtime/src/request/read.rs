//! Reads: lists (one page, or every page as a stream), counts and single entities, of
//! whole entities or of selected properties.

use super::{decode_failed, per_call_methods, Method, PerCall, RequestPlan};
use crate::format::{self, DecodeError, Page};
use crate::plan::{BatchRequest, Prepared, Read, Response};
use crate::query::{Expansion, Filter, OrderBy, QueryOptions, RawRow, Selection};
use crate::{Client, Error, Version};
use serde::de::DeserializeOwned;
use std::marker::PhantomData;

/// How the entities of a response are read: whole ([`Entities`]) or as the
/// properties a `$select` asked for ([`Selected`]).
#[doc(hidden)]
pub trait Rows {
    /// One entity as read.
    type Item;
    /// Reads a page of a collection.
    fn decode_page(&self, version: Version, body: &[u8]) -> Result<Page<Self::Item>, DecodeError>;
    /// Reads one entity of a collection, the JSON object itself (what
    /// [`RawPage::next_entity`](format::RawPage::next_entity) gives).
    fn decode_element(&self, version: Version, entity: &[u8]) -> Result<Self::Item, DecodeError>;
    /// Reads one entity.
    fn decode_one(&self, version: Version, body: &[u8]) -> Result<Self::Item, DecodeError>;
}

/// Whole entities of type `E`.
#[doc(hidden)]
pub struct Entities<E>(PhantomData<fn() -> E>);

impl<E> Default for Entities<E> {
    fn default() -> Self {
        Entities(PhantomData)
    }
}

impl<E: DeserializeOwned> Rows for Entities<E> {
    type Item = E;
    fn decode_page(&self, version: Version, body: &[u8]) -> Result<Page<E>, DecodeError> {
        format::decode_collection(version, body)
    }
    fn decode_element(&self, _: Version, entity: &[u8]) -> Result<E, DecodeError> {
        format::decode_json(entity)
    }
    fn decode_one(&self, version: Version, body: &[u8]) -> Result<E, DecodeError> {
        format::decode_entity(version, body)
    }
}

/// The properties selected from entities of type `E`, read as `S::Row`.
#[doc(hidden)]
pub struct Selected<E, S> {
    selection: S,
    marker: PhantomData<fn() -> E>,
}

impl<E, S: Selection<E>> Rows for Selected<E, S> {
    type Item = S::Row;
    fn decode_page(&self, version: Version, body: &[u8]) -> Result<Page<S::Row>, DecodeError> {
        decode_rows(version, body, |row| self.selection.decode_row(row, version))
    }
    fn decode_element(&self, version: Version, entity: &[u8]) -> Result<S::Row, DecodeError> {
        let row: RawRow = format::decode_json(entity)?;
        self.selection.decode_row(&row, version).map_err(|(path, message)| DecodeError { path, message })
    }
    fn decode_one(&self, version: Version, body: &[u8]) -> Result<S::Row, DecodeError> {
        let row: RawRow = format::decode_entity(version, body)?;
        let prefix = if version == Version::V2 { "d." } else { "" };
        self.selection
            .decode_row(&row, version)
            .map_err(|(name, message)| DecodeError { path: format!("{prefix}{name}"), message })
    }
}

/// A page of rows read by `decode` (which names the property that failed), a failure
/// located in the page (`value[3].Name`).
pub(super) fn decode_rows<T>(
    version: Version,
    body: &[u8],
    decode: impl Fn(&RawRow) -> Result<T, (String, String)>,
) -> Result<Page<T>, DecodeError> {
    let page: Page<RawRow> = format::decode_collection(version, body)?;
    let prefix = match version {
        Version::V2 => "d.results",
        Version::V4 => "value",
    };
    let mut items = Vec::with_capacity(page.items.len());
    for (i, row) in page.items.iter().enumerate() {
        let item =
            decode(row).map_err(|(name, message)| DecodeError { path: format!("{prefix}[{i}].{name}"), message })?;
        items.push(item);
    }
    Ok(Page { items, count: page.count, next_link: page.next_link, warnings: Vec::new() })
}

/// `GET Set?$filter…`: a page of entities, or of their selected properties
/// ([`ListRequest::select`]).
#[must_use = "a request does nothing until it is planned or sent"]
pub struct ListRequest<E, R = Entities<E>> {
    client: Client,
    path: String,
    version: Version,
    pub(super) options: QueryOptions<E>,
    rows: R,
    per_call: PerCall,
}

impl<E> ListRequest<E> {
    pub(crate) fn new(client: Client, path: String, version: Version) -> Self {
        ListRequest {
            client,
            path,
            version,
            options: QueryOptions::default(),
            rows: Entities::default(),
            per_call: PerCall::default(),
        }
    }

    /// Only these properties (`$select`): the items become the selected values, a
    /// property's value (`Option` where nullable) or a tuple of them, in the order
    /// given. A selected property the server does not send is an [`Error::Decode`],
    /// never a default.
    pub fn select<S: Selection<E>>(mut self, selection: S) -> ListRequest<E, Selected<E, S>> {
        self.options.select(&selection);
        ListRequest {
            client: self.client,
            path: self.path,
            version: self.version,
            options: self.options,
            rows: Selected { selection, marker: PhantomData },
            per_call: self.per_call,
        }
    }
}

impl<E, R: Rows> ListRequest<E, R> {
    /// Only entities matching `filter` (several calls combine with `and`).
    pub fn filter(mut self, filter: Filter<E>) -> Self {
        self.options.filter(filter);
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

    per_call_methods!();

    /// The request to send.
    pub fn plan(&self) -> RequestPlan {
        options_plan(&self.path, self.version, &self.options, &self.per_call)
    }

    /// Sends the request: one page of entities, with the count and next link when the
    /// server sent them.
    pub async fn send(self) -> Result<Page<R::Item>, Error>
    where
        R: Send + 'static,
        R::Item: Send + 'static,
    {
        let client = self.client.clone();
        client.run(self.prepare()?).await
    }

    /// Decodes leniently: a value that does not match its property's Edm type becomes
    /// `None` for a nullable property, and [`Page::warnings`](crate::request::Page) says
    /// which and why, so one bad field does not lose a page of a sloppy server. Values of
    /// non-nullable properties and broken JSON still fail. Strict is the default. Applies
    /// to [`send`](Self::send) and [`pages`](Self::pages), whose pages carry the
    /// warnings; [`stream`](Self::stream) yields entities without pages and stays strict.
    pub fn lenient_decode(mut self) -> Self {
        self.per_call.lenient = true;
        self
    }

    /// At most `pages` pages for [`ListRequest::stream`] (default: the client's,
    /// [`ClientBuilder::max_pages`](crate::ClientBuilder::max_pages)); a server whose
    /// next links go on past it ends the stream with [`Error::Paging`].
    pub fn max_pages(mut self, pages: u64) -> Self {
        self.per_call.max_pages = Some(pages);
        self
    }

    /// The pages one request at a time, for paging by hand (a screen's "next"
    /// button, a job that works page by page): [`Pages::next`] sends the request for
    /// the next page, following the server's next link with this call's options
    /// (headers, route, user, limits; the link carries `$count` and the query).
    /// The links are checked as [`ListRequest::stream`] checks them.
    ///
    /// ```no_run
    /// # async fn demo(list: odata_runtime::request::ListRequest<String>) -> Result<(), odata_runtime::Error> {
    /// let mut pages = list.with_count().pages();
    /// while let Some(page) = pages.next().await {
    ///     let page = page?;
    ///     println!("{} of {:?}", page.items.len(), page.count);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn pages(self) -> Pages<R> {
        let (cursor, version, rows) = self.into_cursor();
        Pages { cursor, version, rows }
    }

    /// Every entity, page after page: follows the server's next links
    /// (`__next`, `@odata.nextLink`) and holds one page's body at a time, decoding each
    /// entity only when it is taken (never a whole decoded page beside its body).
    ///
    /// The server's links are not trusted: a link that is not below the service root
    /// (another host, `//`, dot segments, encoded or not), a link that repeats an earlier
    /// one, and more pages than [`ListRequest::max_pages`] end the stream with
    /// [`Error::Paging`], after the items of the page that carried the link.
    ///
    /// The stream is `Unpin`: `while let Some(item) = stream.next().await` works as it is.
    pub fn stream(self) -> impl futures_core::Stream<Item = Result<R::Item, Error>> + Unpin {
        struct State<T, R> {
            cursor: Cursor,
            version: Version,
            rows: R,
            page: Option<(format::RawPage, String)>,
            item: PhantomData<fn() -> T>,
        }
        let (cursor, version, rows) = self.into_cursor();
        let state = State { cursor, version, rows, page: None, item: PhantomData::<fn() -> R::Item> };
        Box::pin(futures_util::stream::unfold(state, |mut state| async move {
            loop {
                if let Some((page, url)) = &mut state.page {
                    if let Some((entity, path)) = page.next_entity() {
                        let item = state.rows.decode_element(state.version, entity).map_err(|mut e| {
                            e.path = if e.path == "." { path } else { format!("{path}.{}", e.path) };
                            decode_failed(url, e)
                        });
                        if item.is_err() {
                            // A page that cannot be read ends the stream, as a failed request does.
                            state.cursor.next = None;
                            state.page = None;
                        }
                        return Some((item, state));
                    }
                }
                // Free the last page's body before the next one arrives.
                state.page = None;
                let version = state.version;
                let page = state.cursor.fetch().await?.and_then(|(response, plan)| {
                    response.expect_json()?;
                    let url = response.url;
                    let page = format::split_collection(version, response.body).map_err(|e| decode_failed(&url, e))?;
                    Ok((page, url, plan))
                });
                match page {
                    Ok((page, url, plan)) => {
                        // The page's items come before an error about its next link.
                        state.cursor.follow(plan, page.next_link.as_deref(), &url);
                        state.page = Some((page, url));
                    }
                    Err(e) => return Some((Err(e), state)),
                }
            }
        }))
    }

    /// The first request's cursor (or the reason there is none), with what reads the
    /// pages.
    fn into_cursor(self) -> (Cursor, Version, R) {
        let first = match self.options.check(self.version) {
            Ok(()) => Ok(self.plan()),
            Err(e) => Err(Error::InvalidInput(e)),
        };
        (Cursor::new(self.client, self.per_call, first), self.version, self.rows)
    }
}

/// The pages of a list, fetched one request at a time (see [`ListRequest::pages`]).
#[must_use = "pages are fetched by `next()`"]
pub struct Pages<R> {
    cursor: Cursor,
    version: Version,
    rows: R,
}

impl<R: Rows> Pages<R> {
    /// Sends the request for the next page: `None` once a page came without a next
    /// link, or after an error.
    pub async fn next(&mut self) -> Option<Result<Page<R::Item>, Error>> {
        let (response, plan) = match self.cursor.fetch().await? {
            Ok(fetched) => fetched,
            Err(e) => return Some(Err(e)),
        };
        let page = decode_page(
            &self.rows,
            self.version,
            match response.expect_json() {
                Ok(body) => body,
                Err(e) => return Some(Err(e)),
            },
            self.cursor.lenient(),
        );
        let page = match page {
            Ok(page) => page,
            Err(e) => return Some(Err(decode_failed(&response.url, e))),
        };
        self.cursor.follow(plan, page.next_link.as_deref(), &response.url);
        Some(Ok(page))
    }
}

impl<R> Pages<R> {
    /// Whether [`Pages::next`] has something left to return.
    pub fn has_next(&self) -> bool {
        self.cursor.next.is_some() || self.cursor.refused.is_some()
    }
}

impl<R> std::fmt::Debug for Pages<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pages").field("pages", &self.cursor.pages).field("has_next", &self.has_next()).finish()
    }
}

/// Where a paged list goes next, shared by [`ListRequest::stream`] and
/// [`ListRequest::pages`]: the next request, or the error that ends the pages, and the
/// checks every next link passes (below the service root, not seen before, within the
/// page limit).
pub(super) struct Cursor {
    client: Client,
    per_call: PerCall,
    next: Option<RequestPlan>,
    /// An error to return once the page that carried the refused link is read.
    refused: Option<Error>,
    /// Keyed hashes of the links followed so far.
    seen: std::collections::HashSet<u64>,
    /// Pages requested so far.
    pages: u64,
}

impl Cursor {
    fn lenient(&self) -> bool {
        self.per_call.lenient
    }

    pub(super) fn new(client: Client, per_call: PerCall, first: Result<RequestPlan, Error>) -> Self {
        let (next, refused) = match first {
            Ok(plan) => (Some(plan), None),
            Err(e) => (None, Some(e)),
        };
        Cursor { client, per_call, next, refused, seen: Default::default(), pages: 0 }
    }

    /// The answer to the next request with the request itself; the refusal that ended
    /// the pages (once); `None` at the end.
    pub(super) async fn fetch(&mut self) -> Option<Result<(Response, RequestPlan), Error>> {
        if let Some(e) = self.refused.take() {
            self.next = None;
            return Some(Err(e));
        }
        let plan = self.next.take()?;
        self.pages += 1;
        Some(self.client.execute_call(&plan, &self.per_call).await.map(|response| (response, plan)))
    }

    /// After a page read from `url` (sent as `plan`): the request for the page `link`
    /// names, or the error that ends the pages once this page is taken.
    pub(super) fn follow(&mut self, plan: RequestPlan, link: Option<&str>, url: &str) {
        let Some(link) = link else { return };
        match self.check(link, url) {
            Ok(path) => self.next = Some(RequestPlan { path, query: Vec::new(), unchecked: 0, ..plan }),
            Err(e) => self.refused = Some(e),
        }
    }

    /// The path of a next link that may be followed.
    fn check(&mut self, link: &str, url: &str) -> Result<String, Error> {
        let path = self.client.rebase_link(link)?;
        let paging = |message: String| Error::Paging { url: url.to_owned(), message };
        if !self.seen.insert(self.client.link_hash(&path)) {
            return Err(paging("the next link repeats an earlier one".into()));
        }
        let max = self.client.max_pages(&self.per_call);
        if self.pages >= max {
            return Err(paging(format!(
                "more than {max} pages (ListRequest::max_pages or ClientBuilder::max_pages raises the limit)"
            )));
        }
        Ok(path)
    }
}

impl<E, R> BatchRequest for ListRequest<E, R>
where
    R: Rows + Send + 'static,
    R::Item: Send + 'static,
{
    type Output = Page<R::Item>;
    fn prepare(self) -> Result<Prepared<Self::Output>, Error> {
        self.options.check(self.version).map_err(Error::InvalidInput)?;
        let (plan, version, rows) = (self.plan(), self.version, self.rows);
        let lenient = self.per_call.lenient;
        Ok(Prepared::new(plan, self.per_call, move |response| {
            let body = response.expect_json()?;
            decode_page(&rows, version, body, lenient).map_err(|e| decode_failed(&response.url, e))
        }))
    }
}

impl<E, R> Read for ListRequest<E, R>
where
    R: Rows + Send + 'static,
    R::Item: Send + 'static,
{
}

/// `GET Set/$count`.
#[must_use = "a request does nothing until it is planned or sent"]
pub struct CountRequest<E> {
    client: Client,
    path: String,
    version: Version,
    filter: Option<Filter<E>>,
    per_call: PerCall,
}

impl<E> CountRequest<E> {
    pub(crate) fn new(client: Client, path: String, version: Version) -> Self {
        CountRequest { client, path, version, filter: None, per_call: PerCall::default() }
    }

    /// Counts only entities matching `filter`.
    pub fn filter(mut self, filter: Filter<E>) -> Self {
        self.filter = Some(match self.filter.take() {
            Some(f) => f.and(filter),
            None => filter,
        });
        self
    }

    per_call_methods!();

    /// The request to send.
    pub fn plan(&self) -> RequestPlan {
        let mut plan = RequestPlan::new(Method::Get, format!("{}/$count", self.path), self.version);
        plan.headers = vec![("Accept", "text/plain".to_owned())];
        if let Some(f) = &self.filter {
            plan.query.push(("$filter".to_owned(), f.render(self.version)));
        }
        self.per_call.apply(&mut plan);
        plan
    }

    /// Sends the request: the number of entities.
    pub async fn send(self) -> Result<u64, Error> {
        let client = self.client.clone();
        client.run(self.prepare()?).await
    }
}

impl<E> BatchRequest for CountRequest<E> {
    type Output = u64;
    fn prepare(self) -> Result<Prepared<u64>, Error> {
        Ok(Prepared::new(self.plan(), self.per_call, |response| {
            let text = String::from_utf8_lossy(&response.body);
            text.trim().parse().map_err(|_| Error::Decode {
                url: response.url.clone(),
                path: ".".into(),
                message: format!("expected a count, got {:?}", crate::format::excerpt(text.as_bytes(), 40)),
            })
        }))
    }
}

impl<E> Read for CountRequest<E> {}

/// `GET Set(key)`: one entity, or its selected properties ([`GetRequest::select`]).
#[must_use = "a request does nothing until it is planned or sent"]
pub struct GetRequest<E, R = Entities<E>> {
    client: Client,
    path: String,
    version: Version,
    options: QueryOptions<E>,
    rows: R,
    per_call: PerCall,
}

impl<E> GetRequest<E> {
    pub(crate) fn new(client: Client, path: String, version: Version) -> Self {
        GetRequest {
            client,
            path,
            version,
            options: QueryOptions::default(),
            rows: Entities::default(),
            per_call: PerCall::default(),
        }
    }

    /// Only these properties (`$select`): reads the selected values (see
    /// [`ListRequest::select`]).
    pub fn select<S: Selection<E>>(mut self, selection: S) -> GetRequest<E, Selected<E, S>> {
        self.options.select(&selection);
        GetRequest {
            client: self.client,
            path: self.path,
            version: self.version,
            options: self.options,
            rows: Selected { selection, marker: PhantomData },
            per_call: self.per_call,
        }
    }
}

impl<E, R: Rows> GetRequest<E, R> {
    /// Related entities inline (`$expand`).
    pub fn expand(mut self, expansion: impl Expansion<E>) -> Self {
        self.options.expand(&expansion);
        self
    }

    per_call_methods!();

    /// The request to send.
    pub fn plan(&self) -> RequestPlan {
        options_plan(&self.path, self.version, &self.options, &self.per_call)
    }

    /// Sends the request: the entity (a missing one is [`Error::Http`] with 404).
    pub async fn send(self) -> Result<R::Item, Error>
    where
        R: Send + 'static,
        R::Item: Send + 'static,
    {
        let client = self.client.clone();
        client.run(self.prepare()?).await
    }

    /// Sends the request: the entity, or `None` when there is none: no entity with this
    /// key (`404`), or a to-one navigation property that leads nowhere (`204 No Content`,
    /// as OData V4 and SAP CAP answer; SAP Gateway answers `404`).
    ///
    /// ```no_run
    /// # use odata_runtime::request::EntityRef;
    /// # async fn run<C>(customer: EntityRef<C>) -> Result<(), odata_runtime::Error>
    /// # where C: serde::de::DeserializeOwned + Send + 'static {
    /// // `customer`: `svc.orders().key(k).to_one(Orders::CUSTOMER)`
    /// match customer.get().send_optional().await? {
    ///     Some(customer) => { /* … */ }
    ///     None => { /* the order has no customer */ }
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn send_optional(self) -> Result<Option<R::Item>, Error>
    where
        R: Send + 'static,
        R::Item: Send + 'static,
    {
        self.options.check(self.version).map_err(Error::InvalidInput)?;
        let (plan, version, rows, client) = (self.plan(), self.version, self.rows, self.client);
        let prepared = Prepared::new(plan, self.per_call, move |response| {
            if response.status == 204 && response.body.is_empty() {
                return Ok(None);
            }
            let item = rows.decode_one(version, response.expect_json()?);
            item.map(Some).map_err(|e| decode_failed(&response.url, e))
        });
        match client.run(prepared).await {
            Err(e) if e.is_not_found() => Ok(None),
            other => other,
        }
    }
}

impl<E, R> BatchRequest for GetRequest<E, R>
where
    R: Rows + Send + 'static,
    R::Item: Send + 'static,
{
    type Output = R::Item;
    fn prepare(self) -> Result<Prepared<R::Item>, Error> {
        self.options.check(self.version).map_err(Error::InvalidInput)?;
        let (plan, version, rows) = (self.plan(), self.version, self.rows);
        Ok(Prepared::new(plan, self.per_call, move |response| {
            rows.decode_one(version, response.expect_json()?).map_err(|e| decode_failed(&response.url, e))
        }))
    }
}

impl<E, R> Read for GetRequest<E, R>
where
    R: Rows + Send + 'static,
    R::Item: Send + 'static,
{
}

/// A GET of `path` with the query options and per-call settings of a list or a get.
fn options_plan<E>(path: &str, version: Version, options: &QueryOptions<E>, per_call: &PerCall) -> RequestPlan {
    let mut plan = RequestPlan::new(Method::Get, path.to_owned(), version);
    plan.query = options.pairs(version);
    per_call.apply(&mut plan);
    plan
}

/// A page decoded by `rows`, leniently (with its warnings) when asked.
fn decode_page<R: Rows>(
    rows: &R,
    version: Version,
    body: &[u8],
    lenient: bool,
) -> Result<Page<R::Item>, crate::format::DecodeError> {
    if !lenient {
        return rows.decode_page(version, body);
    }
    let (page, warnings) = crate::object::lenient::decode(|| rows.decode_page(version, body));
    page.map(|page| Page { warnings, ..page })
}
