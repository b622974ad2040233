//! `$batch`: many requests in one round trip, writes grouped in atomic changesets.
//!
//! Every typed request can join a batch. Adding one returns a [`Handle`] typed with
//! what that request's `send()` would return; after [`Batch::send`] each handle yields
//! its own result or its own error from the [`BatchResponse`].
//!
//! ```no_run
//! odata_derive::service! {
//!     mod bp = "../metadata-samples/API_BUSINESS_PARTNER.edmx";
//! }
//! use bp::{BusinessPartner, BusinessPartnerKey, BusinessPartnerPatch, NewBusinessPartner};
//!
//! # async fn demo(client: odata_runtime::Client) -> Result<(), odata_runtime::Error> {
//! let svc = bp::Service::new(&client);
//! let mut batch = svc.batch();
//! let partners = batch.add(svc.business_partner().list().top(10));
//! let count = batch.add(svc.business_partner().count());
//! let (created, changed) = batch.changeset(|cs| {
//!     let new = NewBusinessPartner::new("1000100");
//!     let created = cs.add(svc.business_partner().create(new));
//!     let key = BusinessPartnerKey { business_partner: "1000042".into() };
//!     let patch = BusinessPartnerPatch { search_term1: Some(Some("FERRIS".into())), ..Default::default() };
//!     let changed = cs.add(svc.business_partner().update(key, patch));
//!     (created, changed)
//! });
//! let mut response = batch.send().await?;
//! let page = response.take(partners)?; // Page<BusinessPartner>, as list().send() returns it
//! let n: u64 = response.take(count)?;
//! let created: BusinessPartner = response.take(created)?; // fails alone if its changeset failed
//! response.take(changed)?;
//! # let _ = (page, n, created);
//! # Ok(()) }
//! ```
//!
//! Wire formats: `multipart/mixed` (V2 and V4; `Content-ID` on every change, `$<id>`
//! references inside a changeset) and the V4 JSON batch format
//! ([`BatchFormat::Json`], per client or per batch). Responses are matched to requests
//! by `Content-ID` (or `id`) where the server sends it, by position otherwise. A
//! changeset is all or nothing: when any of its operations failed (or the server
//! answered the whole changeset with one error), every operation of that changeset
//! is an error, and only those. A batch response that cannot be read is
//! [`Error::Batch`] naming the part.

mod json;
#[doc(hidden)]
pub mod multipart;

use crate::plan::{per_call_methods, Method, PerCall, Prepared, RequestPlan, Response};
pub use crate::plan::{BatchFormat, BatchRequest, Change, Read};
use crate::request::{Deletable, DeleteRequest, EntitySet, EntitySetRef, Updatable, UpdateRequest};
use crate::{Client, Error, HttpError, Version};
use std::any::Any;
use std::marker::PhantomData;
use std::sync::atomic::{AtomicU64, Ordering};

/// One request's place in a batch, typed with its result. Read it with
/// [`BatchResponse::take`]; it cannot be read as another request's type.
#[must_use = "a handle is how a batched request's result is read"]
pub struct Handle<T> {
    batch: u64,
    index: usize,
    content_id: Option<String>,
    marker: PhantomData<fn() -> T>,
}

impl<T> std::fmt::Debug for Handle<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Handle").field("index", &self.index).field("content_id", &self.content_id).finish()
    }
}

impl<T> Handle<T> {
    /// The `Content-ID` of a change (`None` for reads).
    pub fn content_id(&self) -> Option<&str> {
        self.content_id.as_deref()
    }

    /// `$<Content-ID>`: the resource this change created or addressed, for later
    /// requests of the same changeset.
    pub fn reference(&self) -> String {
        format!("${}", self.content_id.as_deref().unwrap_or("not-a-change"))
    }
}

/// Changes of a changeset that address what an earlier change of it created.
impl<S: EntitySet> EntitySetRef<S> {
    /// Changes the entity an earlier change of the same batch changeset created
    /// (`PATCH $1`/`MERGE $1`, by its `Content-ID`).
    pub fn update_created(&self, created: &Handle<S::Entity>, changes: S::Patch) -> UpdateRequest<S>
    where
        S: Updatable,
    {
        self.update_path(created.reference(), changes)
    }

    /// Deletes the entity an earlier change of the same batch changeset created
    /// (`DELETE $1`).
    pub fn delete_created(&self, created: &Handle<S::Entity>) -> DeleteRequest<S>
    where
        S: Deletable,
    {
        self.delete_path(created.reference())
    }
}

type Decoder = Box<dyn FnOnce(Response) -> Result<Box<dyn Any + Send>, Error> + Send>;

struct Pending {
    plan: RequestPlan,
    content_id: Option<String>,
    decode: Decoder,
}

enum Entry {
    Read(usize),
    ChangeSet(Vec<usize>),
}

impl Entry {
    /// The parts of a read (one) or of a changeset.
    fn members(&self) -> &[usize] {
        match self {
            Entry::Read(i) => std::slice::from_ref(i),
            Entry::ChangeSet(members) => members,
        }
    }
}

/// The Content-ID a path refers to (`$1/to_Item` → `1`), if it is a reference.
fn referenced_id(path: &str) -> Option<&str> {
    let reference = path.strip_prefix('$')?;
    reference.split(['/', '?']).next()
}

static BATCHES: AtomicU64 = AtomicU64::new(1);

/// A batch being built: reads, and changesets of writes. Made by a generated service's
/// `batch()` (or [`Batch::new`]), sent with [`Batch::send`].
#[must_use = "a batch does nothing until it is sent"]
pub struct Batch {
    client: Client,
    version: Version,
    id: u64,
    parts: Vec<Pending>,
    entries: Vec<Entry>,
    format: BatchFormat,
    per_call: PerCall,
    refused: Option<Error>,
}

impl std::fmt::Debug for Batch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Batch").field("parts", &self.parts.len()).field("format", &self.format).finish()
    }
}

/// The changes of one changeset (see [`Batch::changeset`]).
pub struct ChangeSet<'a> {
    batch: &'a mut Batch,
    members: Vec<usize>,
}

impl Batch {
    /// An empty batch for the service on `client`, in its protocol version, in the
    /// client's batch format.
    pub fn new(client: &Client, version: Version) -> Self {
        Batch {
            client: client.clone(),
            version,
            id: BATCHES.fetch_add(1, Ordering::Relaxed),
            parts: Vec::new(),
            entries: Vec::new(),
            format: client.batch_format(),
            per_call: PerCall::default(),
            refused: None,
        }
    }

    /// Writes this batch in `format` (V2 services always get multipart).
    pub fn format(mut self, format: BatchFormat) -> Self {
        self.format = format;
        self
    }

    per_call_methods!();

    /// Adds a read; its result comes from [`BatchResponse::take`].
    pub fn add<R: Read>(&mut self, request: R) -> Handle<R::Output> {
        let handle = self.push(request, None);
        self.entries.push(Entry::Read(handle.index));
        handle
    }

    /// Adds a changeset: the changes `build` adds are applied all or none. Returns
    /// what `build` returns (its handles).
    pub fn changeset<T>(&mut self, build: impl FnOnce(&mut ChangeSet<'_>) -> T) -> T {
        let mut changeset = ChangeSet { batch: self, members: Vec::new() };
        let out = build(&mut changeset);
        let members = changeset.members;
        if !members.is_empty() {
            self.entries.push(Entry::ChangeSet(members));
        }
        out
    }

    fn push<R: BatchRequest>(&mut self, request: R, content_id: Option<String>) -> Handle<R::Output> {
        let index = self.parts.len();
        let prepared = match request.prepare() {
            Ok(p) => p,
            Err(e) => {
                self.refused.get_or_insert(e);
                Prepared::new(RequestPlan::new(Method::Get, String::new(), self.version), PerCall::default(), |_| {
                    Err(Error::InvalidInput("refused".into()))
                })
            }
        };
        if prepared.per_call.cloud_connector || prepared.per_call.user.is_some() {
            self.refused.get_or_insert(Error::InvalidInput(
                "a batched request cannot choose its own route or user; set them on the batch".into(),
            ));
        }
        let decode = prepared.decode;
        self.parts.push(Pending {
            plan: prepared.plan,
            content_id: content_id.clone(),
            decode: Box::new(move |r| decode(r).map(|v| Box::new(v) as Box<dyn Any + Send>)),
        });
        Handle { batch: self.id, index, content_id, marker: PhantomData }
    }

    /// Whether the batch goes out in the JSON format (V4 only).
    fn is_json(&self) -> bool {
        self.format == BatchFormat::Json && self.version == Version::V4
    }

    /// The request that carries the batch.
    fn plan(&self) -> Result<RequestPlan, Error> {
        if let Some(e) = &self.refused {
            return Err(e.clone());
        }
        self.check_references()?;
        let mut plan = RequestPlan::new(Method::Post, "$batch", self.version);
        if self.is_json() {
            plan.headers =
                vec![("Accept", "application/json".to_owned()), ("Content-Type", "application/json".to_owned())];
            plan.body = Some(json::write(&self.parts, &self.entries).into());
        } else {
            let boundary = multipart::new_boundary("batch");
            plan.body = Some(self.multipart_body(&boundary)?.into());
            plan.headers = vec![
                ("Accept", "multipart/mixed".to_owned()),
                ("Content-Type", format!("multipart/mixed; boundary={boundary}")),
            ];
            if self.version == Version::V2 {
                plan.headers.push(("DataServiceVersion", "2.0".to_owned()));
            }
        }
        // Without it a V4 service (and CAP's V2 adapter, which forwards to one) stops at
        // the first failed request; SAP Gateway continues anyway.
        plan.headers.push(("Prefer", "odata.continue-on-error".to_owned()));
        self.per_call.apply(&mut plan);
        Ok(plan)
    }

    /// `$<id>` may only name a change earlier in the same changeset, and changesets
    /// hold no reads.
    fn check_references(&self) -> Result<(), Error> {
        for entry in &self.entries {
            let Entry::ChangeSet(members) = entry else { continue };
            let mut known: Vec<&str> = Vec::new();
            for &i in members {
                let part = &self.parts[i];
                if part.plan.method == Method::Get {
                    return Err(Error::InvalidInput(format!(
                        "{} reads; a changeset takes only changes",
                        part.plan.path
                    )));
                }
                if let Some(id) = referenced_id(&part.plan.path) {
                    if !known.contains(&id) {
                        return Err(Error::InvalidInput(format!(
                            "${id} names no earlier change of the same changeset"
                        )));
                    }
                }
                known.extend(part.content_id.as_deref());
            }
        }
        Ok(())
    }

    fn multipart_body(&self, boundary: &str) -> Result<Vec<u8>, Error> {
        let invalid = |e: multipart::MultipartError| Error::InvalidInput(format!("the batch cannot be written: {e}"));
        let mut top = Vec::new();
        for entry in &self.entries {
            match entry {
                Entry::Read(i) => top.push(self.http_part(*i)),
                Entry::ChangeSet(members) => {
                    let inner = multipart::new_boundary("changeset");
                    let parts: Vec<multipart::Part> = members.iter().map(|&i| self.http_part(i)).collect();
                    let mut body = Vec::new();
                    multipart::write(&inner, &parts, &mut body).map_err(invalid)?;
                    top.push(multipart::Part::new(
                        vec![("Content-Type".into(), format!("multipart/mixed; boundary={inner}"))],
                        body.into(),
                    ));
                }
            }
        }
        let mut out = Vec::new();
        multipart::write(boundary, &top, &mut out).map_err(invalid)?;
        Ok(out)
    }

    fn http_part(&self, index: usize) -> multipart::Part {
        let pending = &self.parts[index];
        let plan = &pending.plan;
        let message = multipart::HttpMessage {
            start_line: format!("{} {} HTTP/1.1", plan.method.as_str(), plan.relative_url()),
            headers: plan.headers.iter().map(|(n, v)| (*n, v.as_str())).collect(),
            body: plan.body.clone().unwrap_or_default(),
        };
        let mut headers = vec![
            ("Content-Type".to_owned(), "application/http".to_owned()),
            ("Content-Transfer-Encoding".to_owned(), "binary".to_owned()),
        ];
        if let Some(id) = &pending.content_id {
            headers.push(("Content-ID".to_owned(), id.clone()));
        }
        multipart::Part::new(headers, message.to_bytes())
    }

    /// Sends the batch (one `POST $batch`, with the CSRF token and the batch's route
    /// and user) and reads every part's answer. Fails as a whole only when the batch
    /// request itself fails or its answer cannot be read; each request's own outcome
    /// comes from its handle.
    pub async fn send(self) -> Result<BatchResponse, Error> {
        let plan = self.plan()?;
        let response = self.client.execute_call(&plan, &self.per_call).await?;
        let url = response.url.clone();
        let mut answers = if self.is_json() {
            json::read(response.expect_json()?, &self.parts, &url)?
        } else {
            let content_type = response.content_type().to_owned();
            let Some(boundary) = multipart::boundary(&content_type) else {
                return Err(Error::UnexpectedContent { url, status: response.status, content_type });
            };
            read_multipart(&response.body, &boundary, &self.entries, &self.parts, &url)?
        };
        // A failed changeset fails every member.
        for entry in &self.entries {
            if let Entry::ChangeSet(members) = entry {
                // The server's own error first; a missing answer only when there is none.
                let failed = |i: &usize| match &answers[*i] {
                    Answer::Failed(e) => Some(e.clone()),
                    Answer::Done(_) => None,
                };
                let failure = members
                    .iter()
                    .filter_map(failed)
                    .find(|e| matches!(e, Error::Http(_)))
                    .or_else(|| members.iter().find_map(failed));
                if let Some(cause) = failure {
                    for &i in members {
                        if matches!(answers[i], Answer::Done(_)) {
                            answers[i] = Answer::Failed(rolled_back(&cause));
                        }
                    }
                }
            }
        }
        let results = self
            .parts
            .into_iter()
            .zip(answers)
            .map(|(pending, answer)| {
                Some(match answer {
                    Answer::Done(response) => (pending.decode)(response),
                    Answer::Failed(e) => Err(e),
                })
            })
            .collect();
        Ok(BatchResponse { batch: self.id, results })
    }
}

impl ChangeSet<'_> {
    /// Adds a change; it gets the next `Content-ID` (see [`Handle::reference`]).
    pub fn add<R: Change>(&mut self, request: R) -> Handle<R::Output> {
        let content_id = (self.batch.parts.len() + 1).to_string();
        let handle = self.batch.push(request, Some(content_id));
        self.members.push(handle.index);
        handle
    }
}

/// One part's answer before decoding.
pub(crate) enum Answer {
    Done(Response),
    Failed(Error),
}

/// The answer of one part as a [`Response`], or its error status as [`Error::Http`].
pub(crate) fn answer<'a>(
    status: u16,
    headers: impl IntoIterator<Item = (&'a str, &'a str)>,
    body: bytes::Bytes,
    url: String,
) -> Answer {
    if status >= 400 {
        return Answer::Failed(Error::Http(HttpError::from_body(status, url, &body)));
    }
    let headers = headers.into_iter().map(|(n, v)| (n.to_owned(), v.to_owned())).collect();
    Answer::Done(Response { status, headers, body, url })
}

/// The error of a member of a failed changeset that did not fail itself.
fn rolled_back(cause: &Error) -> Error {
    match cause {
        Error::Http(e) => Error::Http(HttpError {
            message: format!("not applied: another change of its changeset failed ({})", e.message),
            ..e.clone()
        }),
        other => other.clone(),
    }
}

fn malformed(url: &str, part: impl Into<String>, message: impl Into<String>) -> Error {
    Error::Batch { url: url.to_owned(), part: part.into(), message: message.into() }
}

/// Reads a multipart batch answer: one top-level part per read and per changeset.
fn read_multipart(
    body: &bytes::Bytes,
    boundary: &str,
    entries: &[Entry],
    parts: &[Pending],
    url: &str,
) -> Result<Vec<Answer>, Error> {
    let top = multipart::parse_at_most(body, boundary, entries.len())
        .map_err(|e| malformed(url, format!("part {}", e.part), e.message))?;

    // A V4 service may stop at the first failure (without `continue-on-error`): what
    // follows a failed answer was not processed, and fails on its own.
    let stopped = top.len() < entries.len()
        && top.last().is_some_and(|p| {
            multipart::HttpMessage::parse(&p.body, top.len()).and_then(|m| m.status(top.len())).is_ok_and(|s| s >= 400)
        });
    if top.len() != entries.len() && !stopped {
        return Err(malformed(
            url,
            format!("part {}", top.len().min(entries.len()) + 1),
            format!("{} requests and changesets were sent, {} answered", entries.len(), top.len()),
        ));
    }
    let mut answers: Vec<Option<Answer>> = (0..parts.len()).map(|_| None).collect();
    for (n, (entry, part)) in entries.iter().zip(&top).enumerate() {
        let number = n + 1;
        let here = |e: multipart::MultipartError| malformed(url, format!("part {number}"), e.message);
        let content_type = part.header("content-type").unwrap_or("");
        match (entry, multipart::boundary(content_type)) {
            (Entry::Read(i), None) => answers[*i] = Some(http_answer(&part.body, number, url, &here)?),
            (Entry::ChangeSet(members), None) => {
                // One answer for the whole changeset: its error (or, oddly, a success
                // without the members' answers, which cannot be trusted as one).
                let single = http_answer(&part.body, number, url, &here)?;
                let cause = match single {
                    Answer::Failed(e) => e,
                    Answer::Done(r) => malformed(
                        url,
                        format!("part {number}"),
                        format!("a changeset of {} changes was answered with one status {}", members.len(), r.status),
                    ),
                };
                for &i in members {
                    answers[i] = Some(Answer::Failed(cause.clone()));
                }
            }
            (Entry::ChangeSet(members), Some(inner)) => {
                let answered = multipart::parse_at_most(&part.body, &inner, members.len())
                    .map_err(|e| malformed(url, format!("part {number}.{}", e.part), e.message))?;
                if answered.len() != members.len() {
                    return Err(malformed(
                        url,
                        format!("part {number}"),
                        format!("a changeset of {} changes has {} answers", members.len(), answered.len()),
                    ));
                }
                for (k, answer_part) in answered.iter().enumerate() {
                    let label = format!("part {number}.{}", k + 1);
                    let here = |e: multipart::MultipartError| malformed(url, label.clone(), e.message);
                    // By Content-ID where the server sends it, else by position.
                    let member = match answer_part.header("content-id") {
                        Some(id) => *members
                            .iter()
                            .find(|&&i| parts[i].content_id.as_deref() == Some(id.trim_matches(['<', '>'])))
                            .ok_or_else(|| malformed(url, label.clone(), format!("Content-ID {id} was not sent")))?,
                        None => members[k],
                    };
                    answers[member] = Some(http_answer(&answer_part.body, number, url, &here)?);
                }
            }
            (Entry::Read(_), Some(_)) => {
                return Err(malformed(url, format!("part {number}"), "a changeset answer where a read was sent"));
            }
        }
    }
    for entry in &entries[top.len()..] {
        for &i in entry.members() {
            answers[i] = Some(Answer::Failed(malformed(
                url,
                format!("request {}", i + 1),
                "not processed: the service stopped at an earlier failure",
            )));
        }
    }
    answers
        .into_iter()
        .enumerate()
        .map(|(i, a)| a.ok_or_else(|| malformed(url, format!("request {}", i + 1), "no answer")))
        .collect()
}

fn http_answer(
    raw: &bytes::Bytes,
    number: usize,
    url: &str,
    here: &dyn Fn(multipart::MultipartError) -> Error,
) -> Result<Answer, Error> {
    let message = multipart::HttpMessage::parse(raw, number).map_err(here)?;
    let status = message.status(number).map_err(here)?;
    Ok(answer(status, message.headers.iter(), message.body, format!("{url} (part {number})")))
}

/// The answers of a sent batch: one result per handle.
pub struct BatchResponse {
    batch: u64,
    results: Vec<Option<Result<Box<dyn Any + Send>, Error>>>,
}

impl std::fmt::Debug for BatchResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BatchResponse").field("parts", &self.results.len()).finish()
    }
}

impl BatchResponse {
    /// The result of the request behind `handle`: what its own `send()` would have
    /// returned.
    pub fn take<T: 'static>(&mut self, handle: Handle<T>) -> Result<T, Error> {
        if handle.batch != self.batch {
            return Err(Error::InvalidInput("the handle belongs to another batch".into()));
        }
        let slot = self.results.get_mut(handle.index).and_then(Option::take);
        match slot {
            Some(Ok(value)) => value
                .downcast::<T>()
                .map(|b| *b)
                .map_err(|_| Error::InvalidInput("the handle's type does not match its request".into())),
            Some(Err(e)) => Err(e),
            None => Err(Error::InvalidInput("this handle's result was already taken".into())),
        }
    }
}
