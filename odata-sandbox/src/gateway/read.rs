//! Reads: `$filter`, `$orderby`, paging and counts of a collection, and one row written
//! with `$select` and `$expand` (V2 paths, V4 nested options).

use super::data::{Data, Row};
use super::filter::{self, Element};
use super::path::Query;
use super::serve::{with_header, Outcome, State};
use super::values::Cmp;
use super::wire::{self, EntityOut};
use super::ServiceError;
use odata_edmx::ODataVersion;
use serde_json::{json, Map, Value};

impl State {
    pub(super) fn filtered(
        &self,
        data: &Data,
        set: &str,
        rows: Vec<usize>,
        query: &Query,
    ) -> Result<Vec<usize>, ServiceError> {
        let ty = self.entity_type(data, set)?;
        let caps = self.capabilities(set);
        let rows = self.searched(data, set, rows, query)?;
        let Some(text) = query.get("$filter") else {
            if caps.requires_filter {
                return Err(ServiceError::bad_request(format!("{set} requires a $filter")));
            }
            return Ok(rows);
        };
        let expr = filter::parse(text).map_err(|e| ServiceError::bad_request(format!("invalid $filter: {e}")))?;
        let mut used = Vec::new();
        expr.properties(&mut used);
        let mut collections = Vec::new();
        expr.lambda_paths(&mut collections);
        for property in used {
            if collections.contains(&property) {
                let navigation = self.model.entity_navigation(ty).iter().any(|n| n.name == property);
                let collection =
                    data.element_primitive(ty, &property).is_some() || data.element_complex(ty, &property).is_some();
                if !collection && !navigation {
                    return Err(ServiceError::bad_request(format!(
                        "{property} is no collection or navigation property of type {}",
                        self.model.entity(ty).name
                    )));
                }
            } else if data.primitive(ty, &property).is_none() {
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
            let keep =
                filter::matches(&expr, &|p| data.comparable(ty, values, p), &|p| self.row_elements(data, set, r, p))
                    .map_err(|e| ServiceError::bad_request(format!("invalid $filter: {e}")))?;
            if keep {
                out.push(r);
            }
        }
        Ok(out)
    }

    /// What a lambda over `path` of row `row` of `set` ranges over: the values of a
    /// collection property, or the rows a navigation property leads to (each with
    /// lookups of its own, for nested paths and lambdas).
    fn row_elements<'a>(&'a self, data: &'a Data, set: &str, row: usize, path: &str) -> Vec<Element<'a>> {
        let Ok(ty) = self.entity_type(data, set) else { return Vec::new() };
        if data.element_primitive(ty, path).is_some() {
            return data.elements(ty, &data.set(set)[row].values, path).into_iter().map(Element::Value).collect();
        }
        if let Some(c) = data.element_complex(ty, path) {
            // Complex values: each read through its own paths (`d0/done`); a collection
            // inside one is not ranged over.
            let Some(Value::Array(items)) = data.set(set)[row].values.get(path) else { return Vec::new() };
            return items
                .iter()
                .map(|item| {
                    let lookup = move |p: &str| data.complex_comparable(c, item, p);
                    Element::Row(Box::new(lookup), Box::new(|_: &str| Vec::new()))
                })
                .collect();
        }
        let Ok(Some((target, rows, _))) = self.navigate(data, set, row, path) else { return Vec::new() };
        let Ok(target_ty) = self.entity_type(data, &target) else { return Vec::new() };
        rows.into_iter()
            .map(|r| {
                let (lookup_set, list_set) = (target.clone(), target.clone());
                let lookup = move |p: &str| data.comparable(target_ty, &data.set(&lookup_set)[r].values, p);
                let list = move |p: &str| self.row_elements(data, &list_set, r, p);
                Element::Row(Box::new(lookup), Box::new(list))
            })
            .collect()
    }

    /// The rows that match the free-text search (`search=` on V2, as SAP Gateway names
    /// it; `$search` on V4): every word, or the one quoted phrase, is in some string
    /// property (ignoring case). A set that is not searchable refuses it.
    fn searched(&self, data: &Data, set: &str, rows: Vec<usize>, query: &Query) -> Result<Vec<usize>, ServiceError> {
        let text = match self.version() {
            ODataVersion::V2 => query.get("search"),
            ODataVersion::V4 => query.get("$search"),
        };
        let Some(text) = text else { return Ok(rows) };
        if !self.capabilities(set).searchable {
            return Err(ServiceError::bad_request(format!("{set} is not searchable")));
        }
        let terms = search_terms(text).map_err(|e| ServiceError::bad_request(format!("invalid search: {e}")))?;
        let rows_of = data.set(set);
        Ok(rows
            .into_iter()
            .filter(|&r| {
                let texts: Vec<String> =
                    rows_of[r].values.values().filter_map(|v| v.as_str().map(str::to_lowercase)).collect();
                terms.iter().all(|t| texts.iter().any(|text| text.contains(t.as_str())))
            })
            .collect())
    }

    /// The rows that pass `$filter`, in `$orderby` order.
    pub(super) fn arrange(
        &self,
        data: &Data,
        set: &str,
        rows: Vec<usize>,
        query: &Query,
    ) -> Result<Vec<usize>, ServiceError> {
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

    /// A page of `set`. With change tracking (`track`: V4's `Prefer:
    /// odata.track-changes`; every read of a V2 `sap:change-tracking` set), the last page
    /// carries a delta link; a read of a delta link (`!deltatoken='n'` in V2,
    /// `$deltatoken=n` in V4) has only rows written after it and, in V4, `@removed`
    /// entries for rows deleted since (SAP Gateway's V2 JSON has no tombstones).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn list(
        &self,
        data: &Data,
        base: &str,
        set: &str,
        rows: Vec<usize>,
        query: &Query,
        track: bool,
        reader: Option<&str>,
    ) -> Outcome {
        let caps = self.capabilities(set);
        let v2 = self.version() == ODataVersion::V2;
        let (token_name, quote) = if v2 { ("!deltatoken", "'") } else { ("$deltatoken", "") };
        let since = match query.get(token_name) {
            Some(_) if !caps.change_tracking => {
                return Err(ServiceError::bad_request(format!("{set} does not track changes")));
            }
            Some(token) => Some(
                token
                    .trim_matches('\'')
                    .parse::<u64>()
                    .map_err(|_| ServiceError::bad_request("unknown delta token"))?,
            ),
            None => None,
        };
        let tracking = caps.change_tracking && (v2 || track || since.is_some());
        // The version a delta link starts from: when the read began (kept in next links),
        // so that nothing written while the pages are read is missed.
        let from = match query.get("sandbox-tracking-from") {
            Some(v) => v.parse::<u64>().map_err(|_| ServiceError::bad_request("bad sandbox-tracking-from"))?,
            None => data.current_version(),
        };
        let mut rows = self.arrange(data, set, rows, query)?;
        if let Some(since) = since {
            rows.retain(|&r| data.set(set)[r].version > since);
        }
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
                ("sandbox-tracking-from", tracking.then(|| from.to_string())),
            ]);
            format!("{base}{set}?{options}")
        });
        let last = next.is_none();
        let mut items = Vec::new();
        for row in remaining.into_iter().take(page_size) {
            items.push(self.entity(data, base, set, row, query, reader)?);
        }
        let ty = self.entity_type(data, set)?;
        if let (Some(since), false, true) = (since, v2, last) {
            for key in data.removed_since(set, since) {
                let mut entry = serde_json::json!({
                    "@removed": {"reason": "deleted"},
                    "@id": format!("{set}{}", wire::key_predicate(&self.model, ty, key)),
                });
                entry.as_object_mut().into_iter().for_each(|o| o.extend(key.clone()));
                items.push(entry);
            }
        }
        let context =
            if since.is_some() && !v2 { format!("$metadata#{set}/$delta") } else { format!("$metadata#{set}") };
        let mut body = wire::collection(self.version(), &context, items, count, next);
        if tracking && last {
            let options = query.with(&[
                (token_name, Some(format!("{quote}{from}{quote}"))),
                ("$skiptoken", None),
                ("$top", None),
                ("$skip", None),
                ("$inlinecount", None),
                ("$count", None),
                ("sandbox-tracking-from", None),
            ]);
            let link = format!("{base}{set}?{options}");
            if v2 {
                body["d"]["__delta"] = serde_json::json!(link);
            } else {
                body["@odata.deltaLink"] = serde_json::json!(link);
            }
        }
        let response = self.json(200, body);
        Ok(if tracking && !v2 && track {
            with_header(response, "preference-applied", "odata.track-changes")
        } else {
            response
        })
    }

    /// One row as JSON, with `$select` and `$expand` applied, as `reader` sees it.
    pub(super) fn entity(
        &self,
        data: &Data,
        base: &str,
        set: &str,
        row: usize,
        query: &Query,
        reader: Option<&str>,
    ) -> Result<Value, ServiceError> {
        let select = query.get("$select").map(|_| query.list("$select"));
        self.write_row(data, base, set, row, select.as_deref(), &expansions(query)?, reader)
    }

    /// One row as JSON as `reader` sees it: expanded rows only where `reader` may see
    /// them (no other user's draft), draft administrative data saying whether it is theirs.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn write_row(
        &self,
        data: &Data,
        base: &str,
        set: &str,
        row: usize,
        select: Option<&[String]>,
        expand: &[Expansion],
        reader: Option<&str>,
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
            let rows = rows.into_iter().filter(|&r| self.visible(data, &target, r, reader)).collect();
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
                .map(|r| self.write_row(data, base, &target, r, select.as_deref(), &nested, reader))
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
        let out = EntityOut { model: &self.model, ty, url, etag: Some(stored.etag()), select, expanded };
        Ok(match self.as_seen_by(set, &stored.values, reader) {
            Some(values) => out.write(&values),
            None => out.write(&stored.values),
        })
    }
}

/// One `$expand` item: a navigation property, its V4 options in parentheses
/// (`$filter`, `$orderby`, `$top`, `$skip`, `$select`, `$expand`), and the rest of a
/// V2 path (`A/B`).
#[derive(Clone, Debug)]
pub(super) struct Expansion {
    navigation: String,
    options: Query,
    nested: Vec<Expansion>,
}

impl Expansion {
    /// `$expand=navigation`, without options.
    pub(super) fn plain(navigation: &str) -> Expansion {
        Expansion { navigation: navigation.to_owned(), options: Query::default(), nested: Vec::new() }
    }
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

/// The lower-cased terms of a search: one `"quoted phrase"` (with `\"` and `\\`
/// escapes, as OData 4.01 writes them) or words (`AND` between them is implied and may be
/// written). `OR` and `NOT` are more than the sandbox searches with.
fn search_terms(text: &str) -> Result<Vec<String>, String> {
    let text = text.trim();
    if let Some(rest) = text.strip_prefix('"') {
        let mut phrase = String::new();
        let mut chars = rest.chars();
        loop {
            match chars.next() {
                Some('\\') => phrase.push(chars.next().ok_or("an escape at the end")?),
                Some('"') => break,
                Some(c) => phrase.push(c),
                None => return Err("a phrase does not end".into()),
            }
        }
        if !chars.as_str().trim().is_empty() {
            return Err("text after the phrase".into());
        }
        return Ok(vec![phrase.to_lowercase()]);
    }
    let mut terms = Vec::new();
    for word in text.split_whitespace() {
        match word {
            "AND" => {}
            "OR" | "NOT" => return Err(format!("{word} is not supported by the sandbox")),
            w => terms.push(w.to_lowercase()),
        }
    }
    if terms.is_empty() {
        return Err("nothing to search for".into());
    }
    Ok(terms)
}
