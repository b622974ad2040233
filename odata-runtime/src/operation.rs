//! Function and action imports: typed parameters in, typed results out.
//!
//! V2 function imports take their parameters as URL literals in the query string
//! (`/ValidatePartner?Id='1'&Date=datetime'…'`), with GET or POST as the metadata says.
//! V4 functions take them inline (`/mostExpensive(top=5)`), V4 actions as a JSON body.

use crate::edm::{json::from_json_text, EdmValue};
use crate::edm::{Argument, Parameters};
use crate::format::DecodeError;
use crate::plan::{per_call_methods, BatchRequest, Change, Method, PerCall, Prepared, Read, RequestPlan};
use crate::request::BindingTarget;
use crate::{Client, Error, Version};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::value::RawValue;
use std::collections::HashMap;
use std::marker::PhantomData;

/// What an operation returns, decoded from the response body.
#[doc(hidden)]
pub trait OperationResult: Sized {
    /// One result.
    fn decode(version: Version, operation: &str, body: &[u8]) -> Result<Self, DecodeError>;
    /// A collection of results.
    fn decode_many(version: Version, operation: &str, body: &[u8]) -> Result<Vec<Self>, DecodeError>;
}

fn error(message: impl ToString) -> DecodeError {
    DecodeError { path: ".".into(), message: message.to_string() }
}

#[derive(Deserialize)]
struct V2Envelope {
    d: Box<RawValue>,
}

#[derive(Deserialize)]
struct V4Value {
    value: Box<RawValue>,
}

/// The JSON that holds the result: V2 `d` (unwrapping `{"<Operation>": …}`), V4 `value`
/// for values and collections or the body itself for objects.
fn payload(version: Version, operation: &str, body: &[u8], object: bool) -> Result<Box<RawValue>, DecodeError> {
    match version {
        Version::V2 => {
            let d = serde_json::from_slice::<V2Envelope>(body).map_err(error)?.d;
            if d.get().starts_with('{') {
                if let Ok(map) = serde_json::from_str::<HashMap<String, Box<RawValue>>>(d.get()) {
                    if map.len() == 1 {
                        if let Some(inner) = map.into_iter().find(|(k, _)| k == operation).map(|(_, v)| v) {
                            return Ok(inner);
                        }
                    }
                }
            }
            Ok(d)
        }
        Version::V4 if object => {
            let text = std::str::from_utf8(body).map_err(error)?;
            RawValue::from_string(text.to_owned()).map_err(error)
        }
        Version::V4 => Ok(serde_json::from_slice::<V4Value>(body).map_err(error)?.value),
    }
}

/// Decodes an entity or complex result (generated types call this).
#[doc(hidden)]
pub fn decode_object<T: DeserializeOwned>(version: Version, operation: &str, body: &[u8]) -> Result<T, DecodeError> {
    let raw = payload(version, operation, body, true)?;
    crate::format::decode_entity_json(raw.get())
}

/// Decodes a collection of entity or complex results (generated types call this).
#[doc(hidden)]
pub fn decode_objects<T: DeserializeOwned>(
    version: Version,
    operation: &str,
    body: &[u8],
) -> Result<Vec<T>, DecodeError> {
    let raw = payload(version, operation, body, false)?;
    let text = raw.get();
    let list = if text.starts_with('{') {
        #[derive(Deserialize)]
        #[serde(bound = "T: DeserializeOwned")]
        struct Results<T> {
            results: Vec<T>,
        }
        crate::format::decode_entity_json::<Results<T>>(text)?.results
    } else {
        crate::format::decode_entity_json(text)?
    };
    Ok(list)
}

impl OperationResult for () {
    fn decode(_: Version, _: &str, _: &[u8]) -> Result<Self, DecodeError> {
        Ok(())
    }
    fn decode_many(_: Version, _: &str, _: &[u8]) -> Result<Vec<Self>, DecodeError> {
        Ok(Vec::new())
    }
}

macro_rules! value_results {
    ($($t:ty),*) => {$(
        impl OperationResult for $t {
            fn decode(version: Version, operation: &str, body: &[u8]) -> Result<Self, DecodeError> {
                decode_value(version, operation, body)
            }
            fn decode_many(version: Version, operation: &str, body: &[u8]) -> Result<Vec<Self>, DecodeError> {
                decode_values(version, operation, body)
            }
        }
    )*};
}

use crate::edm::{Binary, Date, DateTime, DateTimeOffset, Decimal, Duration, Guid, RawJson, TimeOfDay};
value_results!(
    String,
    bool,
    u8,
    i8,
    i16,
    i32,
    i64,
    f32,
    f64,
    Decimal,
    Guid,
    Binary,
    DateTime,
    DateTimeOffset,
    Date,
    TimeOfDay,
    Duration,
    RawJson
);

impl<T: OperationResult> OperationResult for Vec<T> {
    fn decode(version: Version, operation: &str, body: &[u8]) -> Result<Self, DecodeError> {
        T::decode_many(version, operation, body)
    }
    fn decode_many(_: Version, operation: &str, _: &[u8]) -> Result<Vec<Self>, DecodeError> {
        Err(error(format_args!("{operation}: collections of collections are not OData results")))
    }
}

/// A V4 action's body: the parameters as one JSON object (`{}` when it has none).
fn action_body(parameters: &impl Parameters) -> Result<Vec<u8>, String> {
    match serde_json::to_vec(parameters) {
        Ok(body) if body == b"null" => Ok(b"{}".to_vec()),
        other => other.map_err(|e| e.to_string()),
    }
}

/// How an operation is called.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[doc(hidden)]
pub enum Call {
    /// V2 function import: parameters as query options, with this method.
    V2FunctionImport(Method),
    /// V4 function import: `GET name(p=…)`.
    V4Function,
    /// V4 action import: `POST name` with the parameters as a JSON body.
    V4Action,
}

/// A call of an operation import.
#[must_use = "a request does nothing until it is planned or sent"]
pub struct OperationRequest<R> {
    client: Client,
    /// The entity path a bound operation is called on (`Travels(1)`).
    target: Option<String>,
    name: &'static str,
    call: Call,
    version: Version,
    arguments: Vec<(&'static str, Argument)>,
    body: Option<Result<Vec<u8>, String>>,
    if_match: Option<String>,
    per_call: PerCall,
    marker: PhantomData<fn() -> R>,
}

impl<R: OperationResult> OperationRequest<R> {
    /// A call of the import `name` (generated code makes these).
    #[doc(hidden)]
    pub fn new(client: Client, name: &'static str, call: Call, parameters: &impl Parameters) -> Self {
        let version = if call == Call::V4Function || call == Call::V4Action { Version::V4 } else { Version::V2 };
        let body = (call == Call::V4Action).then(|| action_body(parameters));
        let arguments = if call == Call::V4Action { Vec::new() } else { parameters.arguments(version) };
        OperationRequest {
            client,
            target: None,
            name,
            call,
            version,
            arguments,
            body,
            if_match: None,
            per_call: PerCall::default(),
            marker: PhantomData,
        }
    }

    /// A call of the operation `qualified_name` bound to `target`: an entity (V4:
    /// `GET Travels(1)/NS.fn(…)`, `POST Travels(1)/NS.action`) or a collection
    /// (`GET Travels/NS.fn(…)`).
    #[doc(hidden)]
    pub fn bound<T: BindingTarget + ?Sized>(
        target: &T,
        qualified_name: &'static str,
        call: Call,
        parameters: &impl Parameters,
    ) -> Self {
        let mut request = Self::new(target.client().clone(), qualified_name, call, parameters);
        request.target = Some(target.path());
        request
    }

    /// Runs only if the entity still has this ETag (`If-Match`), as servers require for
    /// actions on entities with ETags (`428` otherwise).
    pub fn if_match(mut self, etag: impl Into<String>) -> Self {
        self.if_match = Some(etag.into());
        self
    }

    per_call_methods!();

    /// The request to send.
    pub fn plan(&self) -> Result<RequestPlan, Error> {
        if let Some((name, Argument::Unwritable(e))) =
            self.arguments.iter().find(|(_, a)| matches!(a, Argument::Unwritable(_)))
        {
            return Err(Error::InvalidInput(format!("parameter {name} of {}: {e}", self.name)));
        }
        let accept = match self.version {
            Version::V2 => "application/json",
            Version::V4 => "application/json;odata.metadata=minimal;IEEE754Compatible=true",
        };
        let name = match &self.target {
            Some(target) => format!("{target}/{}", self.name),
            None => self.name.to_owned(),
        };
        let mut plan = RequestPlan {
            method: Method::Get,
            path: name.clone(),
            query: Vec::new(),
            headers: vec![("Accept", accept.to_owned())],
            body: None,
            unchecked: 0,
        };
        match self.call {
            Call::V2FunctionImport(method) => {
                plan.method = method;
                for (name, argument) in &self.arguments {
                    match argument {
                        Argument::Literal(v) | Argument::Json(v) => plan.query.push(((*name).to_owned(), v.clone())),
                        // V2 knows no collection literal: the option is repeated per item.
                        Argument::Collection { literals, .. } => {
                            plan.query.extend(literals.iter().map(|v| ((*name).to_owned(), v.clone())))
                        }
                        Argument::Unwritable(_) => {}
                    }
                }
                if method != Method::Get {
                    // The parameters stay in the query string (V2); CAP's V2 adapter reads
                    // them only from a request declared as JSON, and Gateway ignores it.
                    plan.headers.push(("Content-Type", "application/json".to_owned()));
                    if let Some(etag) = &self.if_match {
                        plan.headers.push(("If-Match", etag.clone()));
                    }
                }
            }
            Call::V4Function => {
                let mut inline = Vec::new();
                for (n, argument) in &self.arguments {
                    match argument {
                        Argument::Literal(v) => inline.push(format!("{n}={}", crate::edm::percent_encode_literal(v))),
                        // Complex values and collections go in parameter aliases, which
                        // servers (CAP among them) accept where inline JSON is refused.
                        Argument::Collection { json, .. } | Argument::Json(json) => {
                            inline.push(format!("{n}=@{n}"));
                            plan.query.push((format!("@{n}"), json.clone()));
                        }
                        Argument::Unwritable(_) => {}
                    }
                }
                plan.path = format!("{name}({})", inline.join(","));
            }
            Call::V4Action => {
                plan.method = Method::Post;
                if let Some(etag) = &self.if_match {
                    plan.headers.push(("If-Match", etag.clone()));
                }
                plan.headers.push(("Content-Type", "application/json".to_owned()));
                let body = self.body.clone().unwrap_or_else(|| Ok(b"{}".to_vec()));
                plan.body =
                    Some(body.map_err(|e| Error::InvalidInput(format!("parameters of {}: {e}", self.name)))?.into());
            }
        }
        self.per_call.apply(&mut plan);
        Ok(plan)
    }

    /// Calls the operation and decodes its result.
    pub async fn send(self) -> Result<R, Error>
    where
        R: Send + 'static,
    {
        let client = self.client.clone();
        client.run(self.prepare()?).await
    }
}

impl<R: OperationResult + Send + 'static> BatchRequest for OperationRequest<R> {
    type Output = R;
    fn prepare(self) -> Result<Prepared<R>, Error> {
        let (plan, version, name) = (self.plan()?, self.version, self.name);
        Ok(Prepared::new(plan, self.per_call, move |response| {
            let body = if response.body.is_empty() || response.status == 204 {
                &b"null"[..]
            } else {
                response.expect_json()?
            };
            R::decode(version, name, body).map_err(|e| crate::request::decode_failed(&response.url, e))
        }))
    }
}

/// Functions read; a batch takes them outside changesets.
impl<R: OperationResult + Send + 'static> Read for OperationRequest<R> {}

/// Actions (and V2 imports called with `POST`) change data: they go into changesets.
/// A function (`GET`) added to a changeset is refused when the batch is sent.
impl<R: OperationResult + Send + 'static> Change for OperationRequest<R> {}

/// Decodes a primitive or enum result (generated enum types call this).
#[doc(hidden)]
pub fn decode_value<T: EdmValue>(version: Version, operation: &str, body: &[u8]) -> Result<T, DecodeError> {
    let raw = payload(version, operation, body, false)?;
    from_json_text(raw.get(), version).map_err(error)
}

/// Decodes a collection of primitive or enum results.
#[doc(hidden)]
pub fn decode_values<T: EdmValue>(version: Version, operation: &str, body: &[u8]) -> Result<Vec<T>, DecodeError> {
    let raw = payload(version, operation, body, false)?;
    from_json_text::<Vec<T>>(raw.get(), version).map_err(error)
}

#[cfg(test)]
mod tests {
    use super::action_body;

    #[test]
    fn an_action_without_parameters_sends_an_empty_object() {
        assert_eq!(action_body(&()).unwrap(), b"{}");
    }
}
