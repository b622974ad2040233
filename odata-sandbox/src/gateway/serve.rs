//! One request, from the raw HTTP request to the response: faults, authentication,
//! CSRF, then the resource path and the method.

use super::data::{Data, Row};
use super::filter;
use super::path::{self, Query, Segment};
use super::values::{self, Cmp};
use super::wire::{self, EntityOut};
use super::{Call, Fault, Handler, Seen, ServiceError};
use crate::connectivity::PRINCIPAL_HEADER;
use crate::http::{self, lock, Body, DropConnection, Request, Response};
use crate::xsuaa::Xsuaa;
use base64::Engine;
use odata_edmx::{Capabilities, EntityTypeId, Model, ODataVersion, Operation, OperationKind, Primitive, TypeRef};
use serde_json::{json, Map, Value};
use std::collections::HashMap;
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
    pub basic: Option<(String, String)>,
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
enum Target {
    ServiceDocument,
    Metadata,
    Batch,
    /// Rows of an entity set (all, or those a navigation reached).
    Collection {
        set: String,
        rows: Vec<usize>,
    },
    Entity {
        set: String,
        row: usize,
    },
    Count {
        set: String,
        rows: Vec<usize>,
    },
    Operation {
        operation: usize,
        binding: Option<(String, Vec<usize>, bool)>,
        args: Option<Vec<(Option<String>, String)>>,
    },
}

type Outcome = Result<Response, ServiceError>;

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
    fn version(&self) -> ODataVersion {
        self.model.version
    }

    fn error(&self, status: u16, code: &str, message: &str) -> Response {
        let transaction = self.serial.fetch_add(1, Ordering::Relaxed);
        http::json(status, &wire::error(self.version(), code, message, transaction))
    }

    /// The caller: `Ok(None)` when anonymous calls are allowed, `Err` when refused.
    fn authenticate(&self, request: &Request) -> Result<Option<String>, ()> {
        let principal = request.header(PRINCIPAL_HEADER).map(str::to_owned);
        let authorization = request.header("authorization").unwrap_or("");
        if let Some(token) = authorization.strip_prefix("Bearer ") {
            let claims = self.xsuaa.as_ref().ok_or(())?.verify(token).map_err(|_| ())?;
            let user = claims.get("user_name").or_else(|| claims.get("client_id")).and_then(Value::as_str);
            return Ok(user.map(str::to_owned));
        }
        if let Some(basic) = authorization.strip_prefix("Basic ") {
            let (user, password) = self.basic.as_ref().ok_or(())?;
            let decoded = base64::engine::general_purpose::STANDARD.decode(basic).map_err(|_| ())?;
            return if decoded == format!("{user}:{password}").as_bytes() { Ok(Some(user.clone())) } else { Err(()) };
        }
        match (principal, self.xsuaa.is_some() || self.basic.is_some()) {
            (Some(user), _) => Ok(Some(user)),
            (None, false) => Ok(None),
            (None, true) => Err(()),
        }
    }

    fn serve(&self, request: &Request, below: &str, user: Option<String>) -> Outcome {
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
        let query = Query::parse(&request.target);
        let base = format!(
            "http://{}{}",
            request.header("host").map_or_else(|| self.addr.to_string(), str::to_owned),
            self.service_path
        );
        let mut data = lock(&self.data);
        let target = self.resolve(&data, below)?;
        let mut response = match (method.as_str(), target) {
            ("GET" | "HEAD", Target::ServiceDocument) => Ok(self.service_document(&base)),
            ("GET" | "HEAD", Target::Metadata) => Ok(http::raw(200, "application/xml", self.edmx.clone())),
            (_, Target::Batch) => {
                Err(ServiceError::new(501, "SANDBOX/501", "$batch is not supported by the sandbox yet"))
            }
            ("GET" | "HEAD", Target::Collection { set, rows }) => self.list(&data, &base, &set, rows, &query),
            ("GET" | "HEAD", Target::Count { set, rows }) => {
                let caps = self.capabilities(&set);
                if !caps.countable {
                    return Err(ServiceError::bad_request(format!("{set} is not countable")));
                }
                let rows = self.filtered(&data, &set, rows, &query)?;
                Ok(http::raw(200, "text/plain", rows.len().to_string()))
            }
            ("GET" | "HEAD", Target::Entity { set, row }) => {
                let out = self.entity(&data, &base, &set, row, &query)?;
                let etag = data.set(&set)[row].etag();
                Ok(with_header(
                    self.json(200, wire::single(self.version(), &format!("$metadata#{set}/$entity"), out)),
                    "etag",
                    &etag,
                ))
            }
            ("POST", Target::Collection { set, .. }) => self.create(&mut data, &base, &set, request),
            ("PUT" | "PATCH" | "MERGE", Target::Entity { set, row }) => {
                self.update(&mut data, &base, &set, row, request, method == "PUT")
            }
            ("DELETE", Target::Entity { set, row }) => self.delete(&mut data, &set, row, request),
            (m, Target::Operation { operation, binding, args }) => {
                self.operate(&mut data, &base, m, operation, binding, args, &query, request, user)
            }
            (m, _) => Err(ServiceError::new(405, "SANDBOX/405", format!("{m} is not allowed on {below}"))),
        }?;
        for (name, value) in csrf_headers {
            if let Ok(value) = value.parse() {
                response.headers_mut().append(name, value);
            }
        }
        Ok(response)
    }

    fn json(&self, status: u16, body: Value) -> Response {
        let mut r = http::json(status, &body);
        let (name, version) = match self.version() {
            ODataVersion::V2 => ("dataserviceversion", "2.0"),
            ODataVersion::V4 => ("odata-version", "4.0"),
        };
        r.headers_mut().insert(name, version.parse().expect("ascii"));
        r
    }

    fn capabilities(&self, set: &str) -> Capabilities {
        self.model.entity_set(set).map(|s| s.capabilities.clone()).unwrap_or_default()
    }

    fn entity_type(&self, data: &Data, set: &str) -> Result<EntityTypeId, ServiceError> {
        data.entity_type(set).ok_or_else(|| ServiceError::not_found(format!("no entity set {set}")))
    }

    fn service_document(&self, base: &str) -> Response {
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
    fn resolve(&self, data: &Data, below: &str) -> Result<Target, ServiceError> {
        let segments = path::segments(below).map_err(ServiceError::bad_request)?;
        let Some(first) = segments.first() else { return Ok(Target::ServiceDocument) };
        let mut target = match first.name.as_str() {
            "$metadata" => return Ok(Target::Metadata),
            "$batch" => return Ok(Target::Batch),
            name if self.model.entity_set(name).is_some() => {
                let all: Vec<usize> = (0..data.set(name).len()).collect();
                match &first.args {
                    Some(args) => self.by_key(data, name, &all, args)?,
                    None => Target::Collection { set: name.to_owned(), rows: all },
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

    fn by_key(
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
        let found = rows.iter().copied().find(|&r| data.has_key(ty, &data.set(set)[r].values, &key));
        match found {
            Some(row) => Ok(Target::Entity { set: set.to_owned(), row }),
            None => Err(ServiceError::not_found(format!("Resource not found for the segment '{set}'"))),
        }
    }

    fn step(&self, data: &Data, target: Target, segment: &Segment) -> Result<Target, ServiceError> {
        let name = segment.name.as_str();
        match target {
            Target::Collection { set, rows } if name == "$count" => Ok(Target::Count { set, rows }),
            Target::Entity { set, row } => {
                if let Some((target_set, rows, collection)) = self.navigate(data, &set, row, name)? {
                    return match (&segment.args, collection) {
                        (Some(args), true) => self.by_key(data, &target_set, &rows, args),
                        (_, true) => Ok(Target::Collection { set: target_set, rows }),
                        (_, false) => match rows.first() {
                            Some(&row) => Ok(Target::Entity { set: target_set, row }),
                            None => Err(ServiceError::not_found(format!("{set}: no {name}"))),
                        },
                    };
                }
                let operation = self.bound_operation(name, false)?;
                Ok(Target::Operation { operation, binding: Some((set, vec![row], false)), args: segment.args.clone() })
            }
            Target::Collection { set, rows } => {
                let operation = self.bound_operation(name, true)?;
                Ok(Target::Operation { operation, binding: Some((set, rows, true)), args: segment.args.clone() })
            }
            _ => Err(ServiceError::bad_request(format!("the segment '{name}' cannot follow here"))),
        }
    }

    fn bound_operation(&self, qualified: &str, collection: bool) -> Result<usize, ServiceError> {
        let name = qualified.rsplit('.').next().unwrap_or(qualified);
        self.model
            .operations
            .iter()
            .position(|o| {
                o.is_bound
                    && o.name.name == name
                    && o.parameters.first().is_some_and(|p| p.ty.is_collection() == collection)
            })
            .ok_or_else(|| ServiceError::not_found(format!("Resource not found for segment '{qualified}'")))
    }

    /// The rows a navigation property of a row leads to: `(target set, rows, to-many)`,
    /// or `None` when `name` is no navigation property. Matched by referential
    /// constraints, else by shared key property names.
    fn navigate(
        &self,
        data: &Data,
        set: &str,
        row: usize,
        name: &str,
    ) -> Result<Option<(String, Vec<usize>, bool)>, ServiceError> {
        let ty = self.entity_type(data, set)?;
        let Some(nav) = self.model.entity_navigation(ty).into_iter().find(|n| n.name == name) else { return Ok(None) };
        let binding = self.model.entity_set(set).and_then(|s| s.navigation_bindings.iter().find(|(p, _)| p == name));
        let target_set = binding
            .map(|(_, t)| t.clone())
            .or_else(|| {
                self.model.container.entity_sets.iter().find(|s| s.entity_type == nav.target).map(|s| s.name.clone())
            })
            .ok_or_else(|| ServiceError::not_found(format!("no entity set for {name}")))?;
        let source = &data.set(set)[row].values;
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
        let pairs: Vec<(String, String)> = if constraints.is_empty() {
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

    fn filtered(&self, data: &Data, set: &str, rows: Vec<usize>, query: &Query) -> Result<Vec<usize>, ServiceError> {
        let ty = self.entity_type(data, set)?;
        let caps = self.capabilities(set);
        let Some(text) = query.get("$filter") else {
            if caps.requires_filter {
                return Err(ServiceError::bad_request(format!("{set} requires a $filter")));
            }
            return Ok(rows);
        };
        let expr = filter::parse(text).map_err(|e| ServiceError::bad_request(format!("invalid $filter: {e}")))?;
        let mut used = Vec::new();
        expr.properties(&mut used);
        for property in used {
            if data.primitive(ty, &property).is_none() {
                return Err(ServiceError::bad_request(format!(
                    "Property {property} not found in type {}",
                    self.model.entity(ty).name
                )));
            }
            if caps.non_filterable.contains(&property) {
                return Err(ServiceError::bad_request(format!("Property {property} is not filterable")));
            }
        }
        let mut out = Vec::new();
        for r in rows {
            let values = &data.set(set)[r].values;
            let keep = filter::matches(&expr, &|p| data.comparable(ty, values, p))
                .map_err(|e| ServiceError::bad_request(format!("invalid $filter: {e}")))?;
            if keep {
                out.push(r);
            }
        }
        Ok(out)
    }

    /// The rows that pass `$filter`, in `$orderby` order.
    fn arrange(&self, data: &Data, set: &str, rows: Vec<usize>, query: &Query) -> Result<Vec<usize>, ServiceError> {
        let ty = self.entity_type(data, set)?;
        let caps = self.capabilities(set);
        let mut rows = self.filtered(data, set, rows, query)?;
        let mut order = Vec::new();
        for item in query.list("$orderby") {
            let (property, descending) = match item.split_once(' ') {
                Some((p, dir)) => (p.to_owned(), dir.trim().eq_ignore_ascii_case("desc")),
                None => (item.clone(), false),
            };
            if data.primitive(ty, &property).is_none() {
                return Err(ServiceError::bad_request(format!("Property {property} not found")));
            }
            if caps.non_sortable.contains(&property) {
                return Err(ServiceError::bad_request(format!("Property {property} is not sortable")));
            }
            order.push((property, descending));
        }
        let rows_of = data.set(set);
        rows.sort_by(|&a, &b| {
            for (property, descending) in &order {
                let (x, y) = (
                    data.comparable(ty, &rows_of[a].values, property),
                    data.comparable(ty, &rows_of[b].values, property),
                );
                let ordering = match (&x, &y) {
                    (Cmp::Null, Cmp::Null) => std::cmp::Ordering::Equal,
                    (Cmp::Null, _) => std::cmp::Ordering::Less,
                    (_, Cmp::Null) => std::cmp::Ordering::Greater,
                    _ => x.compare(&y).unwrap_or(std::cmp::Ordering::Equal),
                };
                let ordering = if *descending { ordering.reverse() } else { ordering };
                if ordering.is_ne() {
                    return ordering;
                }
            }
            std::cmp::Ordering::Equal
        });
        Ok(rows)
    }

    fn list(&self, data: &Data, base: &str, set: &str, rows: Vec<usize>, query: &Query) -> Outcome {
        let caps = self.capabilities(set);
        let rows = self.arrange(data, set, rows, query)?;
        let v2 = self.version() == ODataVersion::V2;
        let counted =
            if v2 { query.get("$inlinecount") == Some("allpages") } else { query.get("$count") == Some("true") };
        if counted && !caps.countable {
            return Err(ServiceError::bad_request(format!("{set} is not countable")));
        }
        if !caps.pageable && (query.get("$top").is_some() || query.get("$skip").is_some()) {
            return Err(ServiceError::bad_request(format!("{set} is not pageable ($top and $skip are refused)")));
        }
        let count = counted.then_some(rows.len());
        let skip = query.number("$skip").map_err(ServiceError::bad_request)?.unwrap_or(0);
        let top = query.number("$top").map_err(ServiceError::bad_request)?;
        let token = query.number("$skiptoken").map_err(ServiceError::bad_request)?.unwrap_or(0);
        let remaining: Vec<usize> = rows.into_iter().skip(skip + token).take(top.unwrap_or(usize::MAX)).collect();
        let page_size = self.page_size.unwrap_or(usize::MAX);
        let next = (remaining.len() > page_size).then(|| {
            let options = query.with(&[
                ("$skiptoken", Some((token + page_size).to_string())),
                ("$top", top.map(|t| (t - page_size).to_string())),
                ("$skip", (skip > 0).then(|| skip.to_string())),
            ]);
            format!("{base}{set}?{options}")
        });
        let mut items = Vec::new();
        for row in remaining.into_iter().take(page_size) {
            items.push(self.entity(data, base, set, row, query)?);
        }
        Ok(self.json(200, wire::collection(self.version(), &format!("$metadata#{set}"), items, count, next)))
    }

    /// One row as JSON, with `$select` and `$expand` applied.
    fn entity(&self, data: &Data, base: &str, set: &str, row: usize, query: &Query) -> Result<Value, ServiceError> {
        let select = query.get("$select").map(|_| query.list("$select"));
        self.write_row(data, base, set, row, select.as_deref(), &expansions(query)?)
    }

    fn write_row(
        &self,
        data: &Data,
        base: &str,
        set: &str,
        row: usize,
        select: Option<&[String]>,
        expand: &[Expansion],
    ) -> Result<Value, ServiceError> {
        let ty = self.entity_type(data, set)?;
        let stored: &Row = &data.set(set)[row];
        let mut expanded = Map::new();
        for expansion in expand {
            let nav = &expansion.navigation;
            let Some((target, rows, collection)) = self.navigate(data, set, row, nav)? else {
                return Err(ServiceError::bad_request(format!("Property {nav} is no navigation property of {set}")));
            };
            let options = &expansion.options;
            let rows = self.arrange(data, &target, rows, options)?;
            let skip = options.number("$skip").map_err(ServiceError::bad_request)?.unwrap_or(0);
            let top = options.number("$top").map_err(ServiceError::bad_request)?.unwrap_or(usize::MAX);
            let select = options.get("$select").map(|_| options.list("$select"));
            let mut nested = expansions(options)?;
            nested.extend(expansion.nested.iter().cloned());
            let items = rows
                .into_iter()
                .skip(skip)
                .take(top)
                .map(|r| self.write_row(data, base, &target, r, select.as_deref(), &nested))
                .collect::<Result<Vec<_>, _>>()?;
            let value = match (collection, self.version()) {
                (true, ODataVersion::V2) => json!({ "results": items }),
                (true, _) => Value::Array(items),
                (false, _) => items.into_iter().next().unwrap_or(Value::Null),
            };
            expanded.insert(nav.clone(), value);
        }
        if let Some(select) = select {
            let props = self.model.entity_properties(ty);
            let navs = self.model.entity_navigation(ty);
            if let Some(bad) = select
                .iter()
                .find(|s| *s != "*" && !props.iter().any(|p| &p.name == *s) && !navs.iter().any(|n| &n.name == *s))
            {
                return Err(ServiceError::bad_request(format!(
                    "Property {bad} not found in type {}",
                    self.model.entity(ty).name
                )));
            }
        }
        let url = format!("{base}{set}{}", wire::key_predicate(&self.model, ty, &stored.values));
        Ok(EntityOut { model: &self.model, ty, url, etag: Some(stored.etag()), select, expanded }.write(&stored.values))
    }

    /// The body's properties, checked and converted; `creating` decides which
    /// read-only properties are dropped.
    fn incoming(&self, ty: EntityTypeId, body: &[u8], creating: bool) -> Result<Map<String, Value>, ServiceError> {
        let parsed: Value =
            serde_json::from_slice(body).map_err(|e| ServiceError::bad_request(format!("the body is no JSON: {e}")))?;
        let parsed = match parsed {
            Value::Object(mut o) if o.len() == 1 && o.contains_key("d") => o.remove("d").unwrap_or_default(),
            other => other,
        };
        let Value::Object(fields) = parsed else {
            return Err(ServiceError::bad_request("the body must be a JSON object"));
        };
        let props = self.model.entity_properties(ty);
        let navs = self.model.entity_navigation(ty);
        let mut out = Map::new();
        for (name, value) in fields {
            if name == "__metadata" || name.starts_with('@') || name.contains("@odata.") {
                continue;
            }
            let Some(p) = props.iter().find(|p| p.name == name) else {
                if navs.iter().any(|n| n.name == name) {
                    return Err(ServiceError::bad_request(format!(
                        "deep inserts ({name}) are not supported by the sandbox"
                    )));
                }
                return Err(ServiceError::bad_request(format!(
                    "Property {name} is invalid for {}",
                    self.model.entity(ty).name
                )));
            };
            let read_only =
                if creating { p.annotations.creatable == Some(false) } else { p.annotations.updatable == Some(false) };
            if read_only {
                continue;
            }
            if value.is_null() && !p.facets.nullable {
                return Err(ServiceError::bad_request(format!("Property {name} may not be null")));
            }
            let value = values::normalise(&self.model, &p.ty, &value)
                .map_err(|e| ServiceError::bad_request(format!("Property {name}: {e}")))?;
            out.insert(name, value);
        }
        Ok(out)
    }

    fn create(&self, data: &mut Data, base: &str, set: &str, request: &Request) -> Outcome {
        if !self.capabilities(set).creatable || self.model.entity_set(set).is_none() {
            return Err(ServiceError::new(405, "SANDBOX/405", format!("{set} is not creatable")));
        }
        let ty = self.entity_type(data, set)?;
        let mut values = self.incoming(ty, &request.body, true)?;
        for p in self.model.entity_properties(ty) {
            if values.contains_key(&p.name) {
                continue;
            }
            let is_key = self.model.key_of(ty).contains(&p.name);
            let computed = p.annotations.creatable == Some(false);
            let generated = match &p.ty {
                TypeRef::Primitive(Primitive::Guid) if is_key || computed => {
                    Some(json!(uuid(self.serial.fetch_add(1, Ordering::Relaxed))))
                }
                TypeRef::Primitive(Primitive::DateTime | Primitive::DateTimeOffset) if computed => {
                    Some(json!(values::iso(values::now_millis() / 1000 * 1000)))
                }
                TypeRef::Primitive(
                    prim @ (Primitive::String | Primitive::Int16 | Primitive::Int32 | Primitive::Int64),
                ) if is_key => {
                    let highest =
                        data.rows(set).filter_map(|r| r.get(&p.name).and_then(number_of)).fold(0.0_f64, f64::max);
                    let next = highest as i64 + 1;
                    Some(if *prim == Primitive::String { json!(next.to_string()) } else { json!(next) })
                }
                _ => None,
            };
            if let Some(value) = generated {
                let value = values::normalise(&self.model, &p.ty, &value).map_err(ServiceError::bad_request)?;
                values.insert(p.name.clone(), value);
            }
        }
        let key: Vec<(String, Cmp)> =
            self.model.key_of(ty).iter().map(|k| (k.clone(), data.comparable(ty, &values, k))).collect();
        if data.set(set).iter().any(|r| data.has_key(ty, &r.values, &key)) {
            return Err(ServiceError::new(
                409,
                "SANDBOX/409",
                format!("an entity with this key already exists in {set}"),
            ));
        }
        let version = data.next_version();
        let row = Row { values, version };
        let etag = row.etag();
        data.set_mut(set).push(row);
        let index = data.set(set).len() - 1;
        let out = self.write_row(data, base, set, index, None, &[])?;
        let location = format!("{base}{set}{}", wire::key_predicate(&self.model, ty, &data.set(set)[index].values));
        let response = self.json(201, wire::single(self.version(), &format!("$metadata#{set}/$entity"), out));
        Ok(with_header(with_header(response, "etag", &etag), "location", &location))
    }

    /// `412` when `If-Match` names another version, `428` when it is required and missing.
    fn check_etag(&self, row: &Row, request: &Request) -> Result<(), ServiceError> {
        match request.header("if-match") {
            Some("*") => Ok(()),
            Some(sent) if sent == row.etag() => Ok(()),
            Some(_) => {
                Err(ServiceError::new(412, "SANDBOX/412", "the entity was changed since it was read (ETag mismatch)"))
            }
            None if self.require_if_match => Err(ServiceError::new(
                428,
                "SANDBOX/428",
                "this change requires an If-Match header with the entity's ETag",
            )),
            None => Ok(()),
        }
    }

    fn update(&self, data: &mut Data, base: &str, set: &str, row: usize, request: &Request, replace: bool) -> Outcome {
        if !self.capabilities(set).updatable {
            return Err(ServiceError::new(405, "SANDBOX/405", format!("{set} is not updatable")));
        }
        let ty = self.entity_type(data, set)?;
        self.check_etag(&data.set(set)[row], request)?;
        let changes = self.incoming(ty, &request.body, false)?;
        let key = self.model.key_of(ty).to_vec();
        let current = data.set(set)[row].values.clone();
        for k in &key {
            if let Some(v) = changes.get(k) {
                if data.comparable(ty, &current, k) != data.comparable(ty, &changes, k) || v.is_null() {
                    return Err(ServiceError::bad_request(format!("the key property {k} cannot be changed")));
                }
            }
        }
        let version = data.next_version();
        let stored = &mut data.set_mut(set)[row];
        if replace {
            for p in self.model.entity_properties(ty) {
                if !key.contains(&p.name) && p.annotations.updatable != Some(false) && !changes.contains_key(&p.name) {
                    stored.values.insert(p.name.clone(), Value::Null);
                }
            }
        }
        stored.values.extend(changes);
        stored.version = version;
        let etag = stored.etag();
        let representation = request.header("prefer").is_some_and(|p| p.contains("return=representation"));
        let response = if representation {
            let out = self.write_row(data, base, set, row, None, &[])?;
            self.json(200, wire::single(self.version(), &format!("$metadata#{set}/$entity"), out))
        } else {
            http::raw(204, "text/plain", "")
        };
        Ok(with_header(response, "etag", &etag))
    }

    fn delete(&self, data: &mut Data, set: &str, row: usize, request: &Request) -> Outcome {
        if !self.capabilities(set).deletable || self.model.entity_set(set).is_none() {
            return Err(ServiceError::new(405, "SANDBOX/405", format!("{set} is not deletable")));
        }
        self.check_etag(&data.set(set)[row], request)?;
        data.set_mut(set).remove(row);
        Ok(http::raw(204, "text/plain", ""))
    }

    #[allow(clippy::too_many_arguments)]
    fn operate(
        &self,
        data: &mut Data,
        base: &str,
        method: &str,
        index: usize,
        binding: Option<(String, Vec<usize>, bool)>,
        args: Option<Vec<(Option<String>, String)>>,
        query: &Query,
        request: &Request,
        user: Option<String>,
    ) -> Outcome {
        let operation: &Operation = &self.model.operations[index];
        let name = operation.name.name.clone();
        let expected = match (self.version(), operation.kind) {
            (ODataVersion::V2, _) => operation.http_method.to_ascii_uppercase(),
            (_, OperationKind::Function) => "GET".into(),
            (_, OperationKind::Action) => "POST".into(),
        };
        if method != expected && !(method == "HEAD" && expected == "GET") {
            return Err(ServiceError::new(
                405,
                "SANDBOX/405",
                format!("{name} is called with {expected}, not {method}"),
            ));
        }
        let body: Map<String, Value> = if operation.kind == OperationKind::Action
            && self.version() == ODataVersion::V4
            && !request.body.is_empty()
        {
            serde_json::from_slice(&request.body)
                .map_err(|e| ServiceError::bad_request(format!("the body is no JSON object: {e}")))?
        } else {
            Map::new()
        };
        let mut parameters = Map::new();
        let declared = operation.parameters.iter().skip(usize::from(operation.is_bound));
        for p in declared {
            let raw = if self.version() == ODataVersion::V2 {
                query.get(&p.name).map(|t| Raw::Literal(t.to_owned()))
            } else if operation.kind == OperationKind::Action {
                body.get(&p.name).cloned().map(Raw::Json)
            } else {
                args.iter().flatten().find(|(n, _)| n.as_deref() == Some(p.name.as_str())).map(|(_, v)| {
                    match v.strip_prefix('@') {
                        Some(alias) => Raw::Literal(query.get(&format!("@{alias}")).unwrap_or("null").to_owned()),
                        None => Raw::Literal(v.clone()),
                    }
                })
            };
            let value = match raw {
                None if p.facets.nullable => continue,
                None => {
                    return Err(ServiceError::bad_request(format!("the parameter {} of {name} is missing", p.name)))
                }
                Some(Raw::Json(v)) => v,
                Some(Raw::Literal(text)) if text.starts_with(['[', '{']) => serde_json::from_str(&text)
                    .map_err(|e| ServiceError::bad_request(format!("parameter {}: {e}", p.name)))?,
                Some(Raw::Literal(text)) => {
                    let cmp = values::literal(&text)
                        .map_err(|e| ServiceError::bad_request(format!("parameter {}: {e}", p.name)))?;
                    match (&p.ty, cmp) {
                        (TypeRef::Primitive(Primitive::DateTime | Primitive::DateTimeOffset), Cmp::Num(ms)) => {
                            json!(values::iso(ms as i64))
                        }
                        (_, cmp) => cmp.to_json(),
                    }
                }
            };
            parameters.insert(p.name.clone(), value);
        }
        let handler = lock(&self.handlers).get(&name).cloned();
        let handler = handler
            .ok_or_else(|| ServiceError::new(501, "SANDBOX/501", format!("no handler is registered for {name}")))?;
        let bound_entity = binding
            .as_ref()
            .filter(|(_, _, collection)| !collection)
            .and_then(|(set, rows, _)| rows.first().map(|&r| data.set(set)[r].values.clone()));
        let result = handler(&mut Call { name: name.clone(), parameters, binding: bound_entity, user, data })?;
        let Some(returns) = &operation.return_type else { return Ok(http::raw(204, "text/plain", "")) };
        let context = format!("$metadata#{name}");
        match returns.ty.item() {
            TypeRef::Entity(ty) => {
                let set = operation
                    .entity_set_path
                    .clone()
                    .filter(|s| self.model.entity_set(s).is_some())
                    .or_else(|| {
                        self.model.container.imports.iter().find(|i| i.name == name).and_then(|i| i.entity_set.clone())
                    })
                    .or_else(|| {
                        self.model.container.entity_sets.iter().find(|s| s.entity_type == *ty).map(|s| s.name.clone())
                    })
                    .ok_or_else(|| ServiceError::bad_request(format!("no entity set for the result of {name}")))?;
                let items = match result {
                    Value::Array(items) => items,
                    Value::Null => Vec::new(),
                    one => vec![one],
                };
                let mut out = Vec::new();
                for item in items {
                    let values = match values::normalise(&self.model, &TypeRef::Entity(*ty), &item) {
                        Ok(Value::Object(v)) => v,
                        _ => {
                            return Err(ServiceError::new(
                                500,
                                "SANDBOX/500",
                                format!("the handler of {name} returned no {set} entity"),
                            ))
                        }
                    };
                    let key: Vec<(String, Cmp)> =
                        self.model.key_of(*ty).iter().map(|k| (k.clone(), data.comparable(*ty, &values, k))).collect();
                    let etag = data.set(&set).iter().find(|r| data.has_key(*ty, &r.values, &key)).map(Row::etag);
                    let url = format!("{base}{set}{}", wire::key_predicate(&self.model, *ty, &values));
                    out.push(
                        EntityOut { model: &self.model, ty: *ty, url, etag, select: None, expanded: Map::new() }
                            .write(&values),
                    );
                }
                if returns.ty.is_collection() {
                    Ok(self.json(200, wire::collection(self.version(), &context, out, None, None)))
                } else {
                    let one = out
                        .into_iter()
                        .next()
                        .ok_or_else(|| ServiceError::not_found(format!("{name} found nothing")))?;
                    Ok(self.json(200, wire::single(self.version(), &context, one)))
                }
            }
            _ => {
                let value = values::normalise(&self.model, &returns.ty, &result).map_err(|e| {
                    ServiceError::new(500, "SANDBOX/500", format!("the handler of {name} returned {e}"))
                })?;
                if returns.ty.is_collection() && self.version() == ODataVersion::V2 {
                    return Ok(self.json(200, json!({"d": {"results": value}})));
                }
                Ok(self.json(200, wire::value(self.version(), &context, &name, value)))
            }
        }
    }
}

/// One `$expand` item: a navigation property, its V4 options in parentheses
/// (`$filter`, `$orderby`, `$top`, `$skip`, `$select`, `$expand`), and the rest of a
/// V2 path (`A/B`).
#[derive(Clone, Debug)]
struct Expansion {
    navigation: String,
    options: Query,
    nested: Vec<Expansion>,
}

fn expansions(query: &Query) -> Result<Vec<Expansion>, ServiceError> {
    let mut out: Vec<Expansion> = Vec::new();
    for item in query.list("$expand") {
        let (path, options) = match item.split_once('(') {
            Some((path, rest)) => {
                let inner = rest
                    .strip_suffix(')')
                    .ok_or_else(|| ServiceError::bad_request(format!("invalid $expand `{item}`")))?;
                (path.to_owned(), Query::options(inner))
            }
            None => (item.clone(), Query::default()),
        };
        let mut parts = path.split('/');
        let head = parts.next().unwrap_or_default().to_owned();
        let rest: Vec<&str> = parts.collect();
        let nested = (!rest.is_empty()).then(|| Query(vec![("$expand".into(), rest.join("/"))]));
        let nested = nested.map(|q| expansions(&q)).transpose()?.unwrap_or_default();
        match out.iter_mut().find(|e| e.navigation == head) {
            Some(existing) => existing.nested.extend(nested),
            None => out.push(Expansion { navigation: head, options, nested }),
        }
    }
    Ok(out)
}

enum Raw {
    Literal(String),
    Json(Value),
}

fn number_of(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

fn with_header(mut response: Response, name: &'static str, value: &str) -> Response {
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

/// A version-4-shaped GUID, unique per server run.
fn uuid(serial: u64) -> String {
    let mut bytes = [0u8; 16];
    let _ = ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut bytes);
    bytes[..8].copy_from_slice(&serial.to_be_bytes());
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
}
