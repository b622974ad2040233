//! Verifying the users of an axum (or any tower) service (feature `axum`):
//! [`RequireUser`] reads `Authorization: Bearer <token>`, verifies it with an
//! [`Authenticate`] (a [`btp::verify::Verifier`](crate::btp::verify::Verifier)),
//! checks the scopes it was given, and hands the handler a [`VerifiedUser`].
//!
//! - no token, or one that is refused: `401` with `WWW-Authenticate: Bearer` (and
//!   `error="invalid_token"` when a token was sent); the reason goes to `tracing`
//!   (target `odata_runtime::axum`), never to the client;
//! - a verified user without a required scope: `403` with
//!   `error="insufficient_scope"`;
//! - the issuer's keys unavailable: `503`.
//!
//! ```no_run
//! # async fn demo(verifier: odata_runtime::btp::verify::Verifier) {
//! use axum::{routing::get, Router};
//! use odata_runtime::auth::VerifiedUser;
//! use odata_runtime::axum::RequireUser;
//!
//! async fn me(user: VerifiedUser) -> String {
//!     format!("hello {}", user.user_name().unwrap_or("?"))
//! }
//!
//! let app: Router = Router::new().route("/me", get(me)).layer(RequireUser::new(verifier).scope("Display"));
//! # }
//! ```

use crate::auth::{bearer_token, Authenticate, Refusal, VerifiedUser};
use crate::Error;
use axum_core::extract::FromRequestParts;
use axum_core::response::{IntoResponse, Response};
use futures_util::future::BoxFuture;
use http::{header, HeaderValue, StatusCode};
use std::sync::Arc;
use std::task::{Context, Poll};

/// A layer that lets only verified users through (see the [module](self)).
#[derive(Debug)]
#[must_use]
pub struct RequireUser<A> {
    authenticator: Arc<A>,
    scopes: Arc<[String]>,
}

impl<A> Clone for RequireUser<A> {
    fn clone(&self) -> Self {
        RequireUser { authenticator: self.authenticator.clone(), scopes: self.scopes.clone() }
    }
}

impl<A: Authenticate + 'static> RequireUser<A> {
    /// Verifies each request's token with `authenticator`.
    pub fn new(authenticator: A) -> Self {
        RequireUser { authenticator: Arc::new(authenticator), scopes: Arc::from([]) }
    }

    /// Also requires the local scope `scope` ([`VerifiedUser::has_scope`]).
    pub fn scope(self, scope: &str) -> Self {
        let mut scopes = self.scopes.to_vec();
        scopes.push(scope.to_owned());
        RequireUser { authenticator: self.authenticator, scopes: scopes.into() }
    }
}

impl<S, A> tower_layer::Layer<S> for RequireUser<A> {
    type Service = RequireUserService<S, A>;

    fn layer(&self, inner: S) -> Self::Service {
        RequireUserService { inner, layer: self.clone() }
    }
}

/// The service [`RequireUser`] wraps around the routes.
#[derive(Debug)]
pub struct RequireUserService<S, A> {
    inner: S,
    layer: RequireUser<A>,
}

impl<S: Clone, A> Clone for RequireUserService<S, A> {
    fn clone(&self) -> Self {
        RequireUserService { inner: self.inner.clone(), layer: self.layer.clone() }
    }
}

impl<S, A, B> tower_service::Service<http::Request<B>> for RequireUserService<S, A>
where
    S: tower_service::Service<http::Request<B>, Response = Response> + Clone + Send + 'static,
    S::Future: Send,
    A: Authenticate + 'static,
    B: Send + 'static,
{
    type Response = Response;
    type Error = S::Error;
    type Future = BoxFuture<'static, Result<Response, S::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: http::Request<B>) -> Self::Future {
        // The clone that was made ready serves this request.
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let layer = self.layer.clone();
        Box::pin(async move {
            let user = match authenticate(&*layer.authenticator, request.headers()).await {
                Ok(user) => user,
                Err(refusal) => return Ok(refused(&refusal)),
            };
            if let Some(missing) = layer.scopes.iter().find(|s| !user.has_scope(s)) {
                tracing::info!(target: "odata_runtime::axum", scope = %missing, "the user lacks a required scope");
                return Ok(challenge(StatusCode::FORBIDDEN, "Bearer error=\"insufficient_scope\""));
            }
            request.extensions_mut().insert(user);
            inner.call(request).await
        })
    }
}

/// The user of the request's one `Authorization: Bearer` header.
async fn authenticate(authenticator: &dyn Authenticate, headers: &http::HeaderMap) -> Result<VerifiedUser, Refusal> {
    let mut values = headers.get_all(header::AUTHORIZATION).iter();
    let value = match (values.next(), values.next()) {
        (Some(value), None) => value,
        (None, _) => return Err(Refusal::Missing("no Authorization header")),
        (Some(_), Some(_)) => return Err(Refusal::Malformed("more than one Authorization header")),
    };
    let value = value.to_str().map_err(|_| Refusal::Malformed("the Authorization header is not ASCII"))?;
    let token = bearer_token(value)?;
    match authenticator.verify(token).await {
        Ok(user) => Ok(user),
        Err(Error::Unauthenticated(refusal)) => Err(refusal),
        Err(other) => Err(Refusal::KeysUnavailable { url: String::new(), message: other.to_string() }),
    }
}

fn refused(refusal: &Refusal) -> Response {
    // Debug, not Display: whatever of the token a reason quotes is escaped.
    tracing::info!(target: "odata_runtime::axum", reason = ?refusal, "token refused");
    match refusal {
        Refusal::KeysUnavailable { .. } => StatusCode::SERVICE_UNAVAILABLE.into_response(),
        Refusal::Missing(_) => challenge(StatusCode::UNAUTHORIZED, "Bearer"),
        _ => challenge(StatusCode::UNAUTHORIZED, "Bearer error=\"invalid_token\""),
    }
}

fn challenge(status: StatusCode, value: &'static str) -> Response {
    (status, [(header::WWW_AUTHENTICATE, HeaderValue::from_static(value))]).into_response()
}

/// The user [`RequireUser`] verified. Without the layer there is none: `401`.
impl<S: Send + Sync> FromRequestParts<S> for VerifiedUser {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut http::request::Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts.extensions.get::<VerifiedUser>().cloned().ok_or_else(|| {
            tracing::error!(target: "odata_runtime::axum", "a handler takes a VerifiedUser but no RequireUser layer is in front of it");
            challenge(StatusCode::UNAUTHORIZED, "Bearer")
        })
    }
}
