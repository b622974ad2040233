//! One request, from the raw HTTP request to the response: faults, authentication,
//! CSRF, then the resource path and the method.

use super::data::Data;
use super::draft::DraftWrite;
use super::path::{self, Query, Segment};
use super::values::{self, Cmp};
use super::wire;
use super::{Fault, Handler, Seen, ServiceError};
use crate::connectivity::PRINCIPAL_HEADER;
use crate::http::{self, lock, Body, DropConnection, Request, Response};
use crate::xsuaa::Xsuaa;
use base64::Engine;
use odata_edmx::{Capabilities, EntityTypeId, Model, NavigationProperty, ODataVersion, TypeRef};
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

const SESSION_COOKIE: &str = "SAP_SESSIONID_SBX_100";

pub(super) struct State {
    pub model: Arc<Model>,
    pub edmx: String,
    pub addr: SocketAddr,
    pub service_path: String,
    pub page_size: Option<usize>,
    pub require_if_match: bool,
    pub csrf_required: bool,
    pub xsuaa: Option<Xsuaa>,
    /// Basic users and their passwords.
    pub basic: Vec<(String, String)>,
    pub seed: Mutex<Data>,
    pub data: Mutex<Data>,
    pub handlers: Mutex<HashMap<String, Handler>>,
    pub faults: Mutex<HashMap<String, Fault>>,
    /// Session id → (CSRF token, user).
    pub sessions: Mutex<HashMap<String, (String, Option<String>)>>,
    pub seen: Mutex<Vec<Seen>>,
    pub serial: AtomicU64,
}

/// Where a request's path led.
/// The entity a collection was reached from through a navigation property, and the
/// properties that tie a row of the collection to it, with its values (what a create
/// there sets, whatever the body says).
pub(super) struct Link {
    pub(super) set: String,
    pub(super) row: usize,
    pub(super) values: Vec<(String, Value)>,
}

pub(super) enum Target {
    ServiceDocument,
    Metadata,
    Batch,
    /// Rows of an entity set (all, or those a navigation reached).
    Collection {
        set: String,
        rows: Vec<usize>,
        /// Reached through a navigation property: the entity navigated from.
        link: Option<Link>,
    },
    Entity {
        set: String,
        row: usize,
    },
    /// A media resource of an entity: `$value` or a stream property.
    Media {
        set: String,
        row: usize,
        name: String,
    },
    Count {
        set: String,
        rows: Vec<usize>,
        /// Reached through a navigation property.
        navigated: bool,
    },
    Operation {
        operation: usize,
        binding: Option<(String, Vec<usize>, bool)>,
        args: Option<Vec<(Option<String>, String)>>,
    },
}

pub(super) type Outcome = Result<Response, ServiceError>;

pub(super) async fn handle(state: &State, request: Request) -> Response {
    let path = request.path().to_owned();
    let Some(below) = path
        .strip_prefix(&state.service_path)
        .or_else(|| (path.clone() + "/").strip_prefix(&state.service_path).map(|_| ""))
    else {
        return state.error(404, "SANDBOX/404", &format!("no service at {path}"));
    };
    let route = below.split(['/', '(']).next().unwrap_or("").to_owned();
    let fault = {
        let faults = lock(&state.faults);
        faults.get(&route).or_else(|| faults.get("*")).cloned()
    };
    if let Some(Fault::Delay(delay)) = &fault {
        tokio::time::sleep(*delay).await;
    }
    let user = state.authenticate(&request);
    let mut response = match (&fault, &user) {
        (Some(Fault::Status(status)), _) => {
            state.error(*status, &format!("SANDBOX/{status}"), "the sandbox was told to fail")
        }
        (Some(Fault::RetryAfter { status, seconds }), _) => {
            let mut r = state.error(*status, &format!("SANDBOX/{status}"), "the service is busy, try again later");
            r.headers_mut().insert("retry-after", seconds.to_string().parse().expect("digits"));
            r
        }
        (Some(Fault::HtmlLogin), _) => http::raw(200, "text/html; charset=utf-8", LOGON_PAGE),
        (Some(Fault::Json(body)), _) => http::raw(200, "application/json", body.clone()),
        (Some(Fault::DropConnection), _) => {
            let mut r = http::raw(500, "text/plain", "");
            r.extensions_mut().insert(DropConnection);
            r
        }
        (_, Err(())) => {
            let mut r = state.error(401, "SANDBOX/401", "not authenticated");
            r.headers_mut().insert("www-authenticate", "Bearer realm=\"sandbox\"".parse().expect("ascii"));
            r
        }
        (_, Ok(user)) => {
            state.serve(&request, below, user.clone()).unwrap_or_else(|e| state.error(e.status, &e.code, &e.message))
        }
    };
    match &fault {
        Some(Fault::TruncatedBody) => {
            let (mut parts, body) = response.into_parts();
            let whole = http_body_util::BodyExt::collect(body).await.map(|c| c.to_bytes()).unwrap_or_default();
            parts.headers.insert("content-length", whole.len().to_string().parse().expect("digits"));
            response = hyper::Response::from_parts(parts, Body::cut_short(whole.slice(..whole.len() / 2)));
        }
        Some(Fault::ContentType(content_type)) => {
            if let Ok(value) = content_type.parse() {
                response.headers_mut().insert("content-type", value);
            }
        }
        _ => {}
    }
    lock(&state.seen).push(Seen {
        method: request.method.to_string(),
        target: request.target.clone(),
        user: user.ok().flatten(),
        status: response.status().as_u16(),
    });
    response
}

const LOGON_PAGE: &str = "<!DOCTYPE html><html><head><title>Logon</title></head><body>\
<form method=\"post\" action=\"/sap/bc/sec/logon\"><h1>SAP NetWeaver Logon</h1>\
<label>User <input name=\"sap-user\"></label><label>Password <input type=\"password\" name=\"sap-password\"></label>\
<button>Log On</button></form></body></html>";

impl State {
    pub(super) fn version(&self) -> ODataVersion {
        self.model.version
    }

    pub(super) fn error(&self, status: u16, code: &str, message: &str) -> Response {
        let transaction = self.serial.fetch_add(1, Ordering::Relaxed);
        http::json(status, &wire::error(self.version(), code, message, transaction))
    }

    /// The caller: `Ok(None)` when anonymous calls are allowed, `Err` when refused.
    pub(super) fn authenticate(&self, request: &Request) -> Result<Option<String>, ()> {
        let principal = request.header(PRINCIPAL_HEADER).map(str::to_owned);
        let authorization = request.header("authorization").unwrap_or("");
        if let Some(token) = authorization.strip_prefix("Bearer ") {
            let claims = self.xsuaa.as_ref().ok_or(())?.verify(token).map_err(|_| ())?;
            let user = claims.get("user_name").or_else(|| claims.get("client_id")).and_then(Value::as_str);
            return Ok(user.map(str::to_owned));
        }
        if let Some(basic) = authorization.strip_prefix("Basic ") {
            let decoded = base64::engine::general_purpose::STANDARD.decode(basic).map_err(|_| ())?;
            let known = self.basic.iter().find(|(user, password)| decoded == format!("{user}:{password}").as_bytes());
            return known.map(|(user, _)| Some(user.clone())).ok_or(());
        }
        match (principal, self.xsuaa.is_some() || !self.basic.is_empty()) {
            (Some(user), _) => Ok(Some(user)),
            (None, false) => Ok(None),
            (None, true) => Err(()),
        }
    }

    pub(super) fn serve(&self, request: &Request, below: &str, user: Option<String>) -> Outcome {
        let mut method = request.method.as_str().to_owned();
        if method == "POST" {
            if let Some(tunnelled) = request.header("x-http-method") {
                method = tunnelled.to_ascii_uppercase();
            }
        }
        let mut csrf_headers = Vec::new();
        let modifying = !matches!(method.as_str(), "GET" | "HEAD");
        let session = cookie(request, SESSION_COOKIE);
        if !modifying && request.header("x-csrf-token").is_some_and(|t| t.eq_ignore_ascii_case("fetch")) {
            let session = session.clone().unwrap_or_else(random_id);
            let token = random_id();
            lock(&self.sessions).insert(session.clone(), (token.clone(), user.clone()));
            csrf_headers.push(("x-csrf-token", token));
            csrf_headers.push(("set-cookie", format!("{SESSION_COOKIE}={session}; path=/; HttpOnly")));
        }
        if modifying && self.csrf_required {
            let sent = request.header("x-csrf-token");
            let valid = session
                .and_then(|s| lock(&self.sessions).get(&s).cloned())
                .is_some_and(|(token, owner)| Some(token.as_str()) == sent && owner == user);
            if !valid {
                let mut r = self.error(403, "SANDBOX/CSRF", "CSRF token validation failed");
                r.headers_mut().insert("x-csrf-token", "Required".parse().expect("ascii"));
                return Ok(r);
            }
        }
        let base = format!(
            "http://{}{}",
            request.header("host").map_or_else(|| self.addr.to_string(), str::to_owned),
            self.service_path
        );
        let mut data = lock(&self.data);
        let mut response = self.dispatch(&mut data, &method, below, &base, request, user)?;
        for (name, value) in csrf_headers {
            if let Ok(value) = value.parse() {
                response.headers_mut().append(name, value);
            }
        }
        Ok(response)
    }

    /// The resource path and the method, on `data` (the service's, or a batch
    /// changeset's working copy).
    pub(super) fn dispatch(
        &self,
        data: &mut Data,
        method: &str,
        below: &str,
        base: &str,
        request: &Request,
        user: Option<String>,
    ) -> Outcome {
        let query = Query::parse(&request.target);
        let target = self.resolve(data, below)?;
        let reader = user.as_deref();
        match (method, target) {
            ("GET" | "HEAD", Target::ServiceDocument) => Ok(self.service_document(base)),
            ("GET" | "HEAD", Target::Metadata) => Ok(http::raw(200, "application/xml", self.edmx.clone())),
            ("POST", Target::Batch) => self.batch(data, base, request, user),
            ("GET" | "HEAD", Target::Collection { set, rows, link }) if query.get("$apply").is_some() => {
                let rows = self.draft_scope(data, &set, rows, &query, reader, link.is_none());
                self.apply(data, &set, rows, query.get("$apply").unwrap_or_default())
            }
            ("GET" | "HEAD", Target::Collection { set, rows, link }) => {
                let track = request.header("prefer").is_some_and(|p| p.contains("odata.track-changes"));
                let rows = self.draft_scope(data, &set, rows, &query, reader, link.is_none());
                self.list(data, base, &set, rows, &query, track, reader)
            }
            ("GET" | "HEAD", Target::Count { set, rows, navigated }) => {
                let caps = self.capabilities(&set);
                if !caps.countable {
                    return Err(ServiceError::bad_request(format!("{set} is not countable")));
                }
                let rows = self.draft_scope(data, &set, rows, &query, reader, !navigated);
                let rows = self.filtered(data, &set, rows, &query)?;
                Ok(http::raw(200, "text/plain", rows.len().to_string()))
            }
            ("GET" | "HEAD", Target::Entity { set, row } | Target::Media { set, row, .. })
                if !self.visible(data, &set, row, reader) =>
            {
                Err(ServiceError::not_found(format!("Resource not found for the segment '{set}'")))
            }
            ("GET" | "HEAD", Target::Entity { set, row }) => {
                let out = self.entity(data, base, &set, row, &query, reader)?;
                let etag = data.set(&set)[row].etag();
                Ok(with_header(
                    self.json(200, wire::single(self.version(), &format!("$metadata#{set}/$entity"), out)),
                    "etag",
                    &etag,
                ))
            }
            ("GET" | "HEAD", Target::Media { set, row, name }) => self.media(data, &set, row, &name),
            ("PUT", Target::Media { set, row, name }) => self.upload_media(data, &set, row, &name, request),
            ("POST", Target::Collection { set, .. }) if self.is_media_create(data, &set, request) => {
                self.create_media(data, base, &set, request, reader)
            }
            ("POST", Target::Collection { set, link, .. }) => {
                self.create(data, base, &set, request, link.as_ref(), reader)
            }
            ("PUT" | "PATCH" | "MERGE", Target::Entity { set, row }) => {
                self.check_draft_write(data, &set, row, reader, DraftWrite::Update)?;
                self.update(data, base, &set, row, request, method == "PUT", reader)
            }
            ("DELETE", Target::Entity { set, row }) => {
                self.check_draft_write(data, &set, row, reader, DraftWrite::Delete)?;
                self.delete(data, &set, row, request)
            }
            (m, Target::Operation { operation, binding, args }) => {
                self.operate(data, base, m, operation, binding, args, &query, request, user)
            }
            (m, _) => Err(ServiceError::new(405, "SANDBOX/405", format!("{m} is not allowed on {below}"))),
        }
    }

    pub(super) fn json(&self, status: u16, body: Value) -> Response {
        let mut r = http::json(status, &body);
        let (name, version) = match self.version() {
            ODataVersion::V2 => ("dataserviceversion", "2.0"),
            ODataVersion::V4 => ("odata-version", "4.0"),
        };
        r.headers_mut().insert(name, version.parse().expect("ascii"));
        r
    }

    pub(super) fn capabilities(&self, set: &str) -> Capabilities {
        self.model.entity_set(set).map(|s| s.capabilities.clone()).unwrap_or_default()
    }

    pub(super) fn entity_type(&self, data: &Data, set: &str) -> Result<EntityTypeId, ServiceError> {
        data.entity_type(set).ok_or_else(|| ServiceError::not_found(format!("no entity set {set}")))
    }

    pub(super) fn service_document(&self, base: &str) -> Response {
        let c = &self.model.container;
        let names: Vec<&str> = c.entity_sets.iter().map(|s| s.name.as_str()).collect();
        match self.version() {
            ODataVersion::V2 => self.json(200, json!({"d": {"EntitySets": names}})),
            ODataVersion::V4 => {
                let mut value: Vec<Value> =
                    names.iter().map(|n| json!({"name": n, "kind": "EntitySet", "url": n})).collect();
                value.extend(c.singletons.iter().map(|s| json!({"name": s.name, "kind": "Singleton", "url": s.name})));
                self.json(200, json!({"@odata.context": format!("{base}$metadata"), "value": value}))
            }
        }
    }

    /// Walks the resource path.
    pub(super) fn resolve(&self, data: &Data, below: &str) -> Result<Target, ServiceError> {
        let segments = path::segments(below).map_err(ServiceError::bad_request)?;
        let Some(first) = segments.first() else { return Ok(Target::ServiceDocument) };
        let mut target = match first.name.as_str() {
            "$metadata" => return Ok(Target::Metadata),
            "$batch" => return Ok(Target::Batch),
            name if self.model.entity_set(name).is_some() => {
                let all: Vec<usize> = (0..data.set(name).len()).collect();
                match &first.args {
                    Some(args) => self.by_key(data, name, &all, args)?,
                    None => Target::Collection { set: name.to_owned(), rows: all, link: None },
                }
            }
            name if self.model.container.singletons.iter().any(|s| s.name == name) => {
                if data.set(name).is_empty() {
                    return Err(ServiceError::not_found(format!("the singleton {name} has no data")));
                }
                Target::Entity { set: name.to_owned(), row: 0 }
            }
            name => match self.model.container.imports.iter().find(|i| i.name == name) {
                Some(import) => Target::Operation {
                    operation: import.operations.first().map(|o| o.0).ok_or_else(|| ServiceError::not_found(name))?,
                    binding: None,
                    args: first.args.clone(),
                },
                None => return Err(ServiceError::not_found(format!("Resource not found for segment '{name}'"))),
            },
        };
        for segment in &segments[1..] {
            target = self.step(data, target, segment)?;
        }
        Ok(target)
    }

    pub(super) fn by_key(
        &self,
        data: &Data,
        set: &str,
        rows: &[usize],
        args: &[(Option<String>, String)],
    ) -> Result<Target, ServiceError> {
        let ty = self.entity_type(data, set)?;
        let key_names = self.model.key_of(ty);
        let mut key = Vec::new();
        for (i, (name, literal)) in args.iter().enumerate() {
            let name = match name {
                Some(n) if key_names.contains(n) => n.clone(),
                None if key_names.len() == 1 && i == 0 => key_names[0].clone(),
                _ => return Err(ServiceError::bad_request(format!("invalid key predicate for {set}"))),
            };
            key.push((name, values::literal(literal).map_err(ServiceError::bad_request)?));
        }
        if key.len() != key_names.len() {
            return Err(ServiceError::bad_request(format!("the key of {set} has {} properties", key_names.len())));
        }
        let found = if rows.len() == data.set(set).len() {
            data.row_by_key(set, &key) // every row of the set: look it up
        } else {
            let matches = data.key_matcher(ty, &key);
            rows.iter().copied().find(|&r| matches(&data.set(set)[r].values))
        };
        match found {
            Some(row) => Ok(Target::Entity { set: set.to_owned(), row }),
            None => Err(ServiceError::not_found(format!("Resource not found for the segment '{set}'"))),
        }
    }

    pub(super) fn step(&self, data: &Data, target: Target, segment: &Segment) -> Result<Target, ServiceError> {
        let name = segment.name.as_str();
        match target {
            Target::Collection { set, rows, link } if name == "$count" => {
                Ok(Target::Count { set, rows, navigated: link.is_some() })
            }
            Target::Entity { set, row } if segment.args.is_none() && self.is_media(data, &set, name)? => {
                Ok(Target::Media { set, row, name: name.to_owned() })
            }
            Target::Entity { set, row } => {
                if let Some((target_set, rows, collection)) = self.navigate(data, &set, row, name)? {
                    return match (&segment.args, collection) {
                        (Some(args), true) => self.by_key(data, &target_set, &rows, args),
                        (_, true) => {
                            let values = self.link_values(data, &set, row, name)?;
                            Ok(Target::Collection { set: target_set, rows, link: Some(Link { set, row, values }) })
                        }
                        (_, false) => match rows.first() {
                            Some(&row) => Ok(Target::Entity { set: target_set, row }),
                            None => Err(ServiceError::not_found(format!("{set}: no {name}"))),
                        },
                    };
                }
                let operation = self.bound_operation(name, data.entity_type(&set), false)?;
                Ok(Target::Operation { operation, binding: Some((set, vec![row], false)), args: segment.args.clone() })
            }
            Target::Collection { set, rows, .. } => {
                let operation = self.bound_operation(name, data.entity_type(&set), true)?;
                Ok(Target::Operation { operation, binding: Some((set, rows, true)), args: segment.args.clone() })
            }
            _ => Err(ServiceError::bad_request(format!("the segment '{name}' cannot follow here"))),
        }
    }

    /// The operation `qualified` bound to (a collection of) entity type `binding`: of
    /// overloads with one name (SAP CAP binds a `draftPrepare` to every draft-enabled
    /// type), the one bound to that very type, else the first of the name.
    pub(super) fn bound_operation(
        &self,
        qualified: &str,
        binding: Option<EntityTypeId>,
        collection: bool,
    ) -> Result<usize, ServiceError> {
        let name = qualified.rsplit('.').next().unwrap_or(qualified);
        let candidates = || {
            self.model.operations.iter().enumerate().filter(move |(_, o)| {
                o.is_bound
                    && o.name.name == name
                    && o.parameters.first().is_some_and(|p| p.ty.is_collection() == collection)
            })
        };
        let bound_to = |(_, o): &(usize, &odata_edmx::Operation)| {
            binding.is_some_and(|t| o.parameters.first().is_some_and(|p| p.ty.item() == &TypeRef::Entity(t)))
        };
        candidates()
            .find(bound_to)
            .or_else(|| candidates().next())
            .map(|(i, _)| i)
            .ok_or_else(|| ServiceError::not_found(format!("Resource not found for segment '{qualified}'")))
    }

    /// The rows a navigation property of a row leads to: `(target set, rows, to-many)`,
    /// or `None` when `name` is no navigation property. Matched by referential
    /// constraints, else by shared key property names.
    pub(super) fn navigate(
        &self,
        data: &Data,
        set: &str,
        row: usize,
        name: &str,
    ) -> Result<Option<(String, Vec<usize>, bool)>, ServiceError> {
        let ty = self.entity_type(data, set)?;
        let Some(nav) = self.model.entity_navigation(ty).into_iter().find(|n| n.name == name) else { return Ok(None) };
        if let Some(drafts) = self.draft_navigation(data, set, row, nav) {
            return Ok(Some(drafts));
        }
        let (target_set, pairs) = self.link(set, ty, nav)?;
        let source = &data.set(set)[row].values;
        let rows = if pairs.is_empty() {
            Vec::new()
        } else {
            (0..data.set(&target_set).len())
                .filter(|&r| {
                    let target = &data.set(&target_set)[r].values;
                    pairs.iter().all(|(s, t)| {
                        data.comparable(ty, source, s) == data.comparable(nav.target, target, t)
                            && !matches!(data.comparable(ty, source, s), Cmp::Null)
                    })
                })
                .collect()
        };
        Ok(Some((target_set, rows, nav.collection)))
    }

    /// The rows below row `row` of `set`, by key (positions shift as rows go): down every
    /// navigation property that `follow` takes (given the property and its target set),
    /// on down; each row once, so navigations that lead round end.
    pub(super) fn descendants(
        &self,
        data: &Data,
        set: &str,
        row: usize,
        follow: impl Fn(&NavigationProperty, &str) -> bool,
    ) -> Vec<(String, Vec<(String, Cmp)>)> {
        let mut seen = HashSet::from([(set.to_owned(), row)]);
        let mut found = Vec::new();
        let mut work = vec![(set.to_owned(), row)];
        while let Some((set, row)) = work.pop() {
            let Some(ty) = data.entity_type(&set) else { continue };
            for nav in self.model.entity_navigation(ty) {
                match self.link(&set, ty, nav) {
                    Ok((target, _)) if follow(nav, &target) => {}
                    _ => continue,
                }
                let Ok(Some((target, rows, _))) = self.navigate(data, &set, row, &nav.name) else { continue };
                let Some(target_ty) = data.entity_type(&target) else { continue };
                for r in rows {
                    if seen.insert((target.clone(), r)) {
                        found.push((target.clone(), data.key_of_row(target_ty, &data.set(&target)[r].values)));
                        work.push((target.clone(), r));
                    }
                }
            }
        }
        found
    }

    /// What links the rows navigation property `name` of row `row` of `set` leads to:
    /// each target property with the row's value it matches.
    fn link_values(
        &self,
        data: &Data,
        set: &str,
        row: usize,
        name: &str,
    ) -> Result<Vec<(String, Value)>, ServiceError> {
        let ty = self.entity_type(data, set)?;
        let Some(nav) = self.model.entity_navigation(ty).into_iter().find(|n| n.name == name) else {
            return Ok(Vec::new());
        };
        let (_, pairs) = self.link(set, ty, nav)?;
        let values = &data.set(set)[row].values;
        Ok(pairs.into_iter().map(|(s, t)| (t, values.get(&s).cloned().unwrap_or(Value::Null))).collect())
    }

    /// Where navigation property `nav` of a row of `set` leads: the target set, and the
    /// `(source property, target property)` pairs that match its rows (referential
    /// constraints, else shared key property names).
    pub(super) fn link(
        &self,
        set: &str,
        ty: EntityTypeId,
        nav: &NavigationProperty,
    ) -> Result<(String, Vec<(String, String)>), ServiceError> {
        let binding =
            self.model.entity_set(set).and_then(|s| s.navigation_bindings.iter().find(|(p, _)| *p == nav.name));
        let target_set = binding
            .map(|(_, t)| t.clone())
            .or_else(|| {
                self.model.container.entity_sets.iter().find(|s| s.entity_type == nav.target).map(|s| s.name.clone())
            })
            .ok_or_else(|| ServiceError::not_found(format!("no entity set for {}", nav.name)))?;
        // A to-many side usually leaves its constraints to its partner.
        let constraints = match (&nav.partner, nav.referential_constraints.is_empty()) {
            (Some(partner), true) => self
                .model
                .entity_navigation(nav.target)
                .into_iter()
                .find(|n| &n.name == partner)
                .map_or_else(Vec::new, |n| n.referential_constraints.clone()),
            _ => nav.referential_constraints.clone(),
        };
        let mut pairs: Vec<(String, String)> = if constraints.is_empty() {
            let shared = |keys: &[String], of: EntityTypeId| {
                let props = self.model.entity_properties(of);
                keys.iter()
                    .all(|k| props.iter().any(|p| &p.name == k))
                    .then(|| keys.iter().map(|k| (k.clone(), k.clone())).collect())
            };
            shared(self.model.key_of(ty), nav.target)
                .or_else(|| shared(self.model.key_of(nav.target), ty))
                .unwrap_or_default()
        } else {
            let source_props = self.model.entity_properties(ty);
            constraints
                .iter()
                .map(|(a, b)| {
                    if source_props.iter().any(|p| &p.name == a) {
                        (a.clone(), b.clone())
                    } else {
                        (b.clone(), a.clone())
                    }
                })
                .collect()
        };
        self.draft_link(set, &target_set, &mut pairs);
        Ok((target_set, pairs))
    }
}

pub(super) fn with_header(mut response: Response, name: &'static str, value: &str) -> Response {
    if let Ok(value) = value.parse() {
        response.headers_mut().insert(name, value);
    }
    response
}

fn cookie(request: &Request, name: &str) -> Option<String> {
    request.headers.get_all("cookie").iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(';')).find_map(
        |pair| {
            let (k, v) = pair.trim().split_once('=')?;
            (k == name).then(|| v.to_owned())
        },
    )
}

fn random_id() -> String {
    let mut bytes = [0u8; 18];
    let _ = ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}
