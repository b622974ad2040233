//! Media resources: the `$value` of a media entity (`HasStream="true"`) and V4 stream
//! properties (`Edm.Stream`), read as bytes or as a stream of chunks and written from
//! bytes.
//!
//! ```
//! # use odata_runtime::request::*;
//! # use odata_runtime::{Entity, EntityKey, Version};
//! # #[derive(serde::Serialize, serde::Deserialize)] struct Document;
//! # struct DocumentKey(String);
//! # impl EntityKey for DocumentKey {
//! #     fn key_values(&self, v: Version) -> Vec<(&'static str, String)> {
//! #         use odata_runtime::edm::EdmValue; vec![("ID", self.0.to_literal(v))] }
//! # }
//! # impl Entity for Document { const ENTITY_TYPE: &'static str = "NS.Document"; type Key = DocumentKey;
//! #     fn key(&self) -> DocumentKey { DocumentKey("1".into()) } fn etag(&self) -> Option<&str> { None } }
//! # struct Documents;
//! # impl EntitySet for Documents {
//! #     type Entity = Document; type Patch = ();
//! #     const NAME: &'static str = "Documents"; const VERSION: Version = Version::V2;
//! # }
//! # #[derive(serde::Serialize)] struct NewDocument;
//! # impl NewEntity for NewDocument { type Entity = Document; }
//! # impl Creatable for Documents { type New = NewDocument; }
//! impl MediaEntity for Document {}
//!
//! let client = odata_runtime::Client::builder("https://s4.example/sap/opu/odata/sap/API_DOCS").build().unwrap();
//! let documents = EntitySetRef::<Documents>::new(client);
//! let doc = documents.key(DocumentKey("D1".into()));
//! assert_eq!(doc.media().plan().relative_url(), "Documents('D1')/$value");
//! let upload = doc.upload_media(b"%PDF-1.7".to_vec(), "application/pdf").if_match("W/\"1\"").plan();
//! assert_eq!((upload.method(), upload.path()), (Method::Put, "Documents('D1')/$value"));
//! let create = documents.create_media(b"hello".to_vec(), "text/plain").slug("notes.txt").plan();
//! assert_eq!(create.header("Slug"), Some("notes.txt"));
//! ```

use super::{
    decode_failed, per_call_methods, Creatable, EntityRef, EntitySet, EntitySetRef, Method, PerCall, RequestPlan,
};
use crate::edm::percent_encode_literal;
use crate::plan::Upload;
use crate::{format, Client, Entity, Error, Version};
use bytes::Bytes;
use std::marker::PhantomData;

/// Entity types with a media resource (`HasStream="true"`): generated code implements
/// it, and their references gain [`EntityRef::media`] and [`EntityRef::upload_media`].
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no media resource",
    label = "not a media entity type",
    note = "only entity types the metadata marks HasStream=\"true\" have a `$value`"
)]
pub trait MediaEntity: Entity {}

/// A stream property of entity type `E` (OData V4 `Edm.Stream`).
pub struct StreamProperty<E> {
    name: &'static str,
    marker: PhantomData<fn() -> E>,
}

impl<E> StreamProperty<E> {
    /// The stream property with OData name `name`.
    pub const fn new(name: &'static str) -> Self {
        StreamProperty { name, marker: PhantomData }
    }

    /// The OData name.
    pub const fn name(&self) -> &'static str {
        self.name
    }
}

impl<E> Clone for StreamProperty<E> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<E> Copy for StreamProperty<E> {}

impl<E> EntityRef<E> {
    /// Reads the entity's media resource (`GET …/$value`).
    pub fn media(&self) -> MediaRequest
    where
        E: MediaEntity,
    {
        MediaRequest::new(self.client.clone(), format!("{}/$value", self.path), self.version)
    }

    /// Replaces the entity's media resource (`PUT …/$value`).
    pub fn upload_media(&self, content: impl Into<Bytes>, content_type: &str) -> UploadMediaRequest
    where
        E: MediaEntity,
    {
        UploadMediaRequest::new(self.client.clone(), format!("{}/$value", self.path), content.into(), content_type)
    }

    /// Replaces the entity's media resource with the chunks of `content`, streamed as
    /// they come (a file of any size without holding it in memory). A stream is sent
    /// once: what would send it again (a refused token, a redirect, a retry) is an error.
    ///
    /// ```no_run
    /// # async fn demo<E: odata_runtime::request::MediaEntity>(doc: odata_runtime::request::EntityRef<E>) -> Result<(), odata_runtime::Error> {
    /// let chunks = futures_util::stream::iter([Ok(bytes::Bytes::from_static(b"%PDF-1.7 ")), Ok("…".into())]);
    /// doc.upload_media_stream(chunks, "application/pdf").send().await?;
    /// # Ok(()) }
    /// ```
    pub fn upload_media_stream(
        &self,
        content: impl futures_core::Stream<Item = Result<Bytes, std::io::Error>> + Send + 'static,
        content_type: &str,
    ) -> UploadMediaRequest
    where
        E: MediaEntity,
    {
        let mut request =
            UploadMediaRequest::new(self.client.clone(), format!("{}/$value", self.path), Bytes::new(), content_type);
        request.per_call.upload = Some(Upload::new(Box::pin(content)));
        request
    }

    /// Reads a stream property (`GET …/Content`, OData V4).
    pub fn stream(&self, property: StreamProperty<E>) -> MediaRequest {
        MediaRequest::new(self.client.clone(), format!("{}/{}", self.path, property.name), self.version)
    }

    /// Replaces a stream property's content (`PUT …/Content`, OData V4).
    pub fn upload_stream(
        &self,
        property: StreamProperty<E>,
        content: impl Into<Bytes>,
        content_type: &str,
    ) -> UploadMediaRequest {
        let path = format!("{}/{}", self.path, property.name);
        UploadMediaRequest::new(self.client.clone(), path, content.into(), content_type)
    }

    /// Replaces a stream property's content with the chunks of `content`, streamed as
    /// they come (OData V4); sent once, as [`EntityRef::upload_media_stream`] is.
    pub fn upload_stream_chunks(
        &self,
        property: StreamProperty<E>,
        content: impl futures_core::Stream<Item = Result<Bytes, std::io::Error>> + Send + 'static,
        content_type: &str,
    ) -> UploadMediaRequest {
        let mut request = self.upload_stream(property, Bytes::new(), content_type);
        request.per_call.upload = Some(Upload::new(Box::pin(content)));
        request
    }
}

impl<S: EntitySet> EntitySetRef<S>
where
    S::Entity: MediaEntity,
{
    /// Creates a media entity from its content (`POST Set` with the bytes as the body);
    /// the server derives the properties, often the key from [`CreateMediaRequest::slug`].
    pub fn create_media(&self, content: impl Into<Bytes>, content_type: &str) -> CreateMediaRequest<S>
    where
        S: Creatable,
    {
        CreateMediaRequest {
            client: self.client.clone(),
            content: content.into(),
            content_type: content_type.to_owned(),
            slug: None,
            per_call: PerCall::default(),
            marker: PhantomData,
        }
    }

    /// Creates a media entity from the chunks of `content`, streamed as they come;
    /// sent once, as [`EntityRef::upload_media_stream`] is.
    pub fn create_media_stream(
        &self,
        content: impl futures_core::Stream<Item = Result<Bytes, std::io::Error>> + Send + 'static,
        content_type: &str,
    ) -> CreateMediaRequest<S>
    where
        S: Creatable,
    {
        let mut request = self.create_media(Bytes::new(), content_type);
        request.per_call.upload = Some(Upload::new(Box::pin(content)));
        request
    }
}

/// A media resource read whole.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Media {
    /// The `Content-Type` the server sent.
    pub content_type: String,
    /// The media resource's ETag, for a later upload.
    pub etag: Option<String>,
    /// The content.
    pub bytes: Bytes,
}

/// `GET …/$value` or a stream property.
#[must_use = "a request does nothing until it is planned or sent"]
pub struct MediaRequest {
    client: Client,
    path: String,
    version: Version,
    per_call: PerCall,
}

impl MediaRequest {
    fn new(client: Client, path: String, version: Version) -> Self {
        MediaRequest { client, path, version, per_call: PerCall::default() }
    }

    per_call_methods!();

    /// The request to send.
    pub fn plan(&self) -> RequestPlan {
        let mut plan = RequestPlan::new(Method::Get, self.path.clone(), self.version);
        plan.headers = vec![("Accept", "*/*".to_owned())];
        self.per_call.apply(&mut plan);
        plan
    }

    /// Reads the whole content.
    pub async fn send(self) -> Result<Media, Error> {
        let response = self.client.execute_call(&self.plan(), &self.per_call).await?;
        let content_type = response.content_type().to_owned();
        let etag = response.header("etag").map(str::to_owned);
        Ok(Media { content_type, etag, bytes: response.body })
    }

    /// Starts reading: the status and headers have arrived, the content comes chunk
    /// by chunk ([`MediaStream::chunk`], [`MediaStream::into_stream`]), so a large
    /// resource never has to fit in memory.
    pub async fn open(self) -> Result<MediaStream, Error> {
        let (response, url) = self.client.execute_streaming(&self.plan(), &self.per_call).await?;
        Ok(MediaStream { response, url })
    }
}

/// A media resource being read.
#[derive(Debug)]
pub struct MediaStream {
    response: reqwest::Response,
    url: String,
}

impl MediaStream {
    /// The `Content-Type` the server sent.
    pub fn content_type(&self) -> &str {
        self.response.headers().get(reqwest::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("")
    }

    /// The media resource's ETag.
    pub fn etag(&self) -> Option<String> {
        self.response.headers().get("etag").and_then(|v| v.to_str().ok()).map(str::to_owned)
    }

    /// The length, when the server said.
    pub fn content_length(&self) -> Option<u64> {
        self.response.content_length()
    }

    /// The next chunk; `None` at the end.
    pub async fn chunk(&mut self) -> Result<Option<Bytes>, Error> {
        self.response.chunk().await.map_err(|e| {
            let e = e.without_url();
            Error::Transport {
                url: self.url.clone(),
                timeout: e.is_timeout(),
                message: format!("reading the media content: {}", crate::error::with_sources(&e)),
                source: Some(std::sync::Arc::new(e)),
            }
        })
    }

    /// The chunks as a stream.
    pub fn into_stream(self) -> impl futures_core::Stream<Item = Result<Bytes, Error>> {
        futures_util::stream::unfold(Some(self), |state| async move {
            let mut stream = state?;
            match stream.chunk().await {
                Ok(Some(bytes)) => Some((Ok(bytes), Some(stream))),
                Ok(None) => None,
                Err(e) => Some((Err(e), None)),
            }
        })
    }
}

/// `PUT …/$value` or a stream property with new content.
#[must_use = "a request does nothing until it is planned or sent"]
pub struct UploadMediaRequest {
    client: Client,
    path: String,
    content: Bytes,
    content_type: String,
    if_match: Option<String>,
    per_call: PerCall,
}

impl UploadMediaRequest {
    fn new(client: Client, path: String, content: Bytes, content_type: &str) -> Self {
        UploadMediaRequest {
            client,
            path,
            content,
            content_type: content_type.to_owned(),
            if_match: None,
            per_call: PerCall::default(),
        }
    }

    /// Uploads only if the media resource still has this ETag (`If-Match`).
    pub fn if_match(mut self, etag: impl Into<String>) -> Self {
        self.if_match = Some(etag.into());
        self
    }

    per_call_methods!();

    /// The request to send.
    pub fn plan(&self) -> RequestPlan {
        let mut plan = RequestPlan::new(Method::Put, self.path.clone(), Version::V4);
        plan.headers = vec![("Content-Type", self.content_type.clone())];
        if let Some(etag) = &self.if_match {
            plan.headers.push(("If-Match", etag.clone()));
        }
        if self.per_call.upload.is_none() {
            plan.body = Some(self.content.clone());
        }
        self.per_call.apply(&mut plan);
        plan
    }

    /// Uploads the content: the new ETag, when the server sent one.
    pub async fn send(self) -> Result<Option<String>, Error> {
        let response = self.client.execute_call(&self.plan(), &self.per_call).await?;
        Ok(response.header("etag").map(str::to_owned))
    }
}

/// `POST Set` with a media entity's content as the body.
#[must_use = "a request does nothing until it is planned or sent"]
pub struct CreateMediaRequest<S> {
    client: Client,
    content: Bytes,
    content_type: String,
    slug: Option<String>,
    per_call: PerCall,
    marker: PhantomData<fn() -> S>,
}

impl<S: EntitySet> CreateMediaRequest<S> {
    /// The `Slug` header: a name for the new resource (SAP Gateway services often
    /// derive the key or file name from it). Non-ASCII characters are percent-encoded.
    pub fn slug(mut self, slug: &str) -> Self {
        self.slug = Some(percent_encode_literal(slug));
        self
    }

    per_call_methods!();

    /// The request to send.
    pub fn plan(&self) -> RequestPlan {
        let mut plan = RequestPlan::new(Method::Post, S::NAME.to_owned(), S::VERSION);
        plan.headers.push(("Content-Type", self.content_type.clone()));
        if let Some(slug) = &self.slug {
            plan.headers.push(("Slug", slug.clone()));
        }
        if self.per_call.upload.is_none() {
            plan.body = Some(self.content.clone());
        }
        self.per_call.apply(&mut plan);
        plan
    }

    /// Uploads the content: the entity the server created.
    pub async fn send(self) -> Result<S::Entity, Error> {
        let response = self.client.execute_call(&self.plan(), &self.per_call).await?;
        format::decode_entity(S::VERSION, response.expect_json()?).map_err(|e| decode_failed(&response.url, e))
    }
}
