//! Drafts, as SAP Fiori's draft choreography has them (SAP RAP, SAP CAP's
//! `@odata.draft.enabled`), on sets annotated `Common.DraftRoot`:
//!
//! - a create makes a draft (`IsActiveEntity=false`) that belongs to its user, with its
//!   `DraftAdministrativeData` (a contained navigation: who created it, who edits it);
//! - only that user changes, prepares, activates or discards it (another user: `423`);
//! - the activation action copies the draft onto the active entity (making it when new)
//!   and drops the draft; the edit action makes a draft of an active entity, which locks
//!   it: a second edit is `409` for its own user, `423` for anyone else;
//! - an active entity is changed only through a draft (`409`), and deleted only when no
//!   other user holds a draft of it (`423`); deleting a draft discards it.
//!
//! Drafts need no `If-Match`: the lock protects them (a sent ETag is still checked).
//!
//! Sets annotated `Common.DraftNode` (CAP's compositions of a draft-enabled entity) are
//! drafted with their root: a draft node is created only through its parent's draft
//! (a navigation property), belongs to the root draft's user and shares its
//! administrative data; edit copies the active nodes below the root as drafts,
//! activation replaces the active nodes with the draft ones, discarding drops them.
//!
//! Reads follow SAP CAP's: a draft is seen only by the user it is in process by
//! (another user reading it by key gets `404`); a read of the set whose `$filter` does not
//! name `IsActiveEntity` sees active entities only, one that does sees the reader's own
//! drafts too; an active entity's `DraftAdministrativeData` is its draft's (so everyone
//! sees who is editing it); `DraftIsCreatedByMe` and `DraftIsProcessedByMe` are computed
//! for the reader.

use super::data::{Data, Row};
use super::filter;
use super::path::Query;
use super::serve::Link;
use super::serve::{Outcome, State};
use super::values::{self, Cmp};
use super::{wire, ServiceError};
use odata_edmx::{Draft, NavigationProperty, Operation};
use serde_json::{json, Map, Value};
use std::sync::atomic::Ordering;

const IS_ACTIVE: &str = "IsActiveEntity";
const HAS_ACTIVE: &str = "HasActiveEntity";
const HAS_DRAFT: &str = "HasDraftEntity";
const ADMIN: &str = "DraftAdministrativeData";
const SIBLING: &str = "SiblingEntity";
/// Where a draft row keeps its administrative data's key (as CAP names the column); not
/// a property of the model, so never written out.
const ADMIN_LINK: &str = "DraftAdministrativeData_DraftUUID";

/// Whether a row is a draft.
pub(super) fn is_draft(row: &Row) -> bool {
    row.values.get(IS_ACTIVE) == Some(&Value::Bool(false))
}

fn locked(owner: Option<&str>) -> ServiceError {
    ServiceError::new(423, "SANDBOX/DRAFT_LOCKED", format!("locked by {}", owner.unwrap_or("another user")))
}

/// What happens to a row of a draft-enabled set.
pub(super) enum DraftWrite {
    Update,
    Delete,
}

impl State {
    /// The draft settings of `set` (read on every request: borrowed, not cloned).
    fn draft(&self, set: &str) -> Option<&Draft> {
        self.model.entity_set(set).and_then(|s| s.capabilities.draft.as_ref())
    }

    /// The draft settings of `set` when it is a draft root.
    fn draft_root(&self, set: &str) -> Option<&Draft> {
        self.draft(set).filter(|d| d.root)
    }

    /// Whether `set` is draft-enabled: a draft root or a draft node.
    fn draft_enabled(&self, set: &str) -> bool {
        self.draft(set).is_some()
    }

    /// Whether `set` is a draft node (edited with its root).
    fn draft_node(&self, set: &str) -> bool {
        self.draft(set).is_some_and(|d| !d.root)
    }

    /// The user a draft row is in process by (a draft node's: its root draft's): `None`
    /// when the row is no draft.
    fn draft_owner(&self, data: &Data, set: &str, row: usize) -> Option<Option<String>> {
        let stored = &data.set(set)[row];
        if !is_draft(stored) {
            return None;
        }
        let admin = self.admin_of(data, set, row).map(|(admin_set, a)| &data.set(&admin_set)[a]);
        Some(admin.and_then(|a| a.values.get("InProcessByUser")).and_then(Value::as_str).map(str::to_owned))
    }

    /// The root row of the draft tree row `row` of `set` is in: itself in a draft root;
    /// from a draft node, up the navigation properties whose referential constraints
    /// name the parent (a node's `note`), to the root.
    fn root_of(&self, data: &Data, set: &str, row: usize) -> Option<(String, usize)> {
        let (mut set, mut row) = (set.to_owned(), row);
        // A model whose parents lead round in a circle ends here.
        for _ in 0..16 {
            if !self.draft_node(&set) {
                return self.draft_enabled(&set).then_some((set, row));
            }
            let ty = data.entity_type(&set)?;
            let up = self
                .model
                .entity_navigation(ty)
                .into_iter()
                .filter(|n| !n.collection && !n.referential_constraints.is_empty())
                .find_map(|n| match self.navigate(data, &set, row, &n.name) {
                    Ok(Some((parent_set, rows, _))) if self.draft_enabled(&parent_set) => {
                        rows.first().map(|&r| (parent_set, r))
                    }
                    _ => None,
                })?;
            (set, row) = up;
        }
        None
    }

    /// Where the administrative data of the draft that row `row` of `set` belongs to is
    /// kept (`Root/DraftAdministrativeData` and the position there): a draft root's own,
    /// a draft node's root's, an active entity's draft's when it has one.
    fn admin_of(&self, data: &Data, set: &str, row: usize) -> Option<(String, usize)> {
        let (root_set, root) = self.root_of(data, set, row)?;
        let draft = if is_draft(&data.set(&root_set)[root]) { root } else { self.sibling(data, &root_set, root)? };
        let admin = self.admin_row(data, &root_set, draft)?;
        Some((format!("{root_set}/{ADMIN}"), admin))
    }

    /// Every draft node below row `row` of `set`, by key: down the navigation properties
    /// that lead down (their partner holds the referential constraints) to a draft node
    /// set (drafts below a draft, active entities below an active one).
    fn draft_subtree(&self, data: &Data, set: &str, row: usize) -> Vec<(String, Vec<(String, Cmp)>)> {
        self.descendants(data, set, row, |nav, target| {
            nav.referential_constraints.is_empty()
                && nav.name != SIBLING
                && nav.name != ADMIN
                && self.draft_node(target)
        })
    }

    /// A navigation between draft-enabled sets pairs drafts with drafts and active
    /// entities with active ones: `IsActiveEntity` joins the properties that match.
    pub(super) fn draft_link(&self, set: &str, target: &str, pairs: &mut Vec<(String, String)>) {
        if self.draft_enabled(set)
            && self.draft_enabled(target)
            && !pairs.is_empty()
            && !pairs.iter().any(|(s, _)| s == IS_ACTIVE)
        {
            pairs.push((IS_ACTIVE.into(), IS_ACTIVE.into()));
        }
    }

    /// Before a create in `set`: a draft node is created only through its parent's
    /// draft (`link`), by the user that draft belongs to.
    pub(super) fn check_draft_create(
        &self,
        data: &Data,
        set: &str,
        link: Option<&Link>,
        user: Option<&str>,
    ) -> Result<(), ServiceError> {
        if !self.draft_node(set) {
            return Ok(());
        }
        let Some(link) = link.filter(|l| self.draft_enabled(&l.set)) else {
            return Err(ServiceError::new(
                422,
                "SANDBOX/DRAFT_VIA_ROOT",
                format!("an entity of {set} is created through its parent's draft"),
            ));
        };
        match self.draft_owner(data, &link.set, link.row) {
            Some(owner) if owner.as_deref() != user => Err(locked(owner.as_deref())),
            Some(_) => Ok(()),
            None => Err(ServiceError::new(
                409,
                "SANDBOX/DRAFT_ACTIVE",
                format!("an entity of {set} is added through a draft of its parent (its root's edit action)"),
            )),
        }
    }

    /// Whether `reader` sees row `row` of `set`: every active entity, and a draft only
    /// when it is in process by `reader`.
    pub(super) fn visible(&self, data: &Data, set: &str, row: usize, reader: Option<&str>) -> bool {
        if !self.draft_enabled(set) {
            return true;
        }
        match self.draft_owner(data, set, row) {
            None => true,
            Some(owner) => owner.as_deref() == reader,
        }
    }

    /// The rows of a read of `set` (a collection, its count, its aggregation) that
    /// `reader` sees: the reader's own drafts and active entities; read from the set
    /// itself (`top`), active entities only unless the `$filter` names `IsActiveEntity`.
    /// (Through a navigation property the rows already are drafts below a draft or
    /// active entities below an active one.)
    pub(super) fn draft_scope(
        &self,
        data: &Data,
        set: &str,
        mut rows: Vec<usize>,
        query: &Query,
        reader: Option<&str>,
        top: bool,
    ) -> Vec<usize> {
        if !self.draft_enabled(set) {
            return rows;
        }
        // A `$filter` that does not parse is refused later, by the filter itself.
        let names_active = query.get("$filter").and_then(|text| filter::parse(text).ok()).is_some_and(|expr| {
            let mut used = Vec::new();
            expr.properties(&mut used);
            used.iter().any(|p| p == IS_ACTIVE)
        });
        let stored = data.set(set);
        rows.retain(|&r| {
            if is_draft(&stored[r]) {
                (names_active || !top) && self.visible(data, set, r, reader)
            } else {
                true
            }
        });
        rows
    }

    /// A row's values as `reader` sees them, when that differs from what is stored: the
    /// administrative data of a draft says whether the reader created it and is editing it.
    pub(super) fn as_seen_by(
        &self,
        set: &str,
        values: &Map<String, Value>,
        reader: Option<&str>,
    ) -> Option<Map<String, Value>> {
        let root = set.strip_suffix(ADMIN)?.strip_suffix('/')?;
        self.draft_root(root)?;
        let mine = |user: &str| Value::Bool(values.get(user).and_then(Value::as_str) == reader);
        let mut seen = values.clone();
        seen.insert("DraftIsCreatedByMe".into(), mine("CreatedByUser"));
        seen.insert("DraftIsProcessedByMe".into(), mine("InProcessByUser"));
        Some(seen)
    }

    /// The position of draft row `row`'s administrative data in `Set/DraftAdministrativeData`.
    fn admin_row(&self, data: &Data, set: &str, row: usize) -> Option<usize> {
        let link = data.set(set)[row].values.get(ADMIN_LINK)?;
        data.set(&format!("{set}/{ADMIN}")).iter().position(|a| a.values.get("DraftUUID") == Some(link))
    }

    /// On create in a draft-enabled set: the new entity is a draft unless the body (or,
    /// for a draft node, its parent) says otherwise.
    pub(super) fn draft_defaults(&self, set: &str, values: &mut Map<String, Value>) {
        if self.draft_enabled(set) {
            values.entry(IS_ACTIVE).or_insert(Value::Bool(false));
            values.insert(HAS_ACTIVE.into(), Value::Bool(false));
            values.insert(HAS_DRAFT.into(), Value::Bool(false));
        }
    }

    /// After a create in a draft root: a new draft gets its administrative data.
    pub(super) fn draft_created(&self, data: &mut Data, set: &str, row: usize, user: Option<&str>) {
        if self.draft_root(set).is_some() && is_draft(&data.set(set)[row]) {
            self.open_draft(data, set, row, user);
        }
    }

    /// Gives draft row `row` its administrative data, in process by `user`.
    fn open_draft(&self, data: &mut Data, set: &str, row: usize, user: Option<&str>) {
        let uuid = super::write::uuid(self.serial.fetch_add(1, Ordering::Relaxed));
        let now = values::iso(values::now_millis() / 1000 * 1000);
        let admin = json!({
            "DraftUUID": uuid, "CreationDateTime": now, "CreatedByUser": user,
            "LastChangeDateTime": now, "LastChangedByUser": user, "InProcessByUser": user,
        });
        // The contained set's type is the navigation's target: this insert cannot fail.
        let _ = data.insert(&format!("{set}/{ADMIN}"), admin);
        if let Some(stored) = data.row_keeping_key(set, row) {
            stored.values.insert(ADMIN_LINK.into(), Value::String(uuid));
        }
    }

    /// Before a change or delete of row `row` of `set`: refuses what the draft rules
    /// forbid `user`.
    pub(super) fn check_draft_write(
        &self,
        data: &Data,
        set: &str,
        row: usize,
        user: Option<&str>,
        write: DraftWrite,
    ) -> Result<(), ServiceError> {
        if !self.draft_enabled(set) {
            return Ok(());
        }
        match (self.draft_owner(data, set, row), write) {
            (Some(owner), _) if owner.as_deref() != user => Err(locked(owner.as_deref())),
            (Some(_), _) => Ok(()),
            (None, DraftWrite::Update) => Err(ServiceError::new(
                409,
                "SANDBOX/DRAFT_ACTIVE",
                format!("an active entity of {set} is changed through a draft (its edit action)"),
            )),
            (None, DraftWrite::Delete) => match self.sibling(data, set, row) {
                Some(draft) => match self.draft_owner(data, set, draft).flatten() {
                    owner if owner.as_deref() != user => Err(locked(owner.as_deref())),
                    _ => Ok(()),
                },
                None => Ok(()),
            },
        }
    }

    /// Removes row `row` of `set` with what belongs to it: a draft's administrative data
    /// and draft nodes (its active entity no longer has a draft), an active entity's own
    /// draft.
    pub(super) fn remove_with_draft(&self, data: &mut Data, set: &str, row: usize) {
        if !self.draft_enabled(set) {
            data.remove_row(set, row);
            return;
        }
        let sibling = self.sibling(data, set, row);
        let draft = is_draft(&data.set(set)[row]);
        let nodes = if draft && !self.draft_node(set) { self.draft_subtree(data, set, row) } else { Vec::new() };
        for (node_set, key) in nodes {
            if let Some(node) = data.row_by_key(&node_set, &key) {
                self.remove_with_draft(data, &node_set, node);
            }
        }
        let admin = self.admin_row(data, set, row);
        data.remove_row(set, row);
        if let Some(admin) = admin {
            data.set_mut(&format!("{set}/{ADMIN}")).remove(admin);
        }
        let Some(sibling) = sibling.map(|s| if s > row { s - 1 } else { s }) else { return };
        if draft {
            let version = data.next_version();
            if let Some(active) = data.row_keeping_key(set, sibling) {
                active.values.insert(HAS_DRAFT.into(), Value::Bool(false));
                active.version = version;
            }
        } else {
            self.remove_with_draft(data, set, sibling);
        }
    }

    /// The other row of a draft pair: the draft of an active entity, or the active
    /// entity of a draft (same key but `IsActiveEntity`).
    fn sibling(&self, data: &Data, set: &str, row: usize) -> Option<usize> {
        let ty = data.entity_type(set)?;
        let this = &data.set(set)[row].values;
        // The same key with `IsActiveEntity` flipped, found through the set's key index.
        let active = this.get(IS_ACTIVE).and_then(Value::as_bool)?;
        let mut key = data.key_of_row(ty, this);
        for (name, value) in &mut key {
            if name == IS_ACTIVE {
                *value = values::Cmp::Bool(!active);
            }
        }
        data.row_by_key(set, &key)
    }

    /// Where the draft navigations of a row lead: `DraftAdministrativeData` (contained,
    /// kept in the set `Set/DraftAdministrativeData`; an active entity's is its draft's)
    /// and `SiblingEntity`; `None` for any other navigation.
    pub(super) fn draft_navigation(
        &self,
        data: &Data,
        set: &str,
        row: usize,
        nav: &NavigationProperty,
    ) -> Option<(String, Vec<usize>, bool)> {
        if !self.draft_enabled(set) {
            return None;
        }
        match nav.name.as_str() {
            ADMIN if nav.contains_target => {
                // A draft node's is its root's, kept with the root's.
                let root = self.root_of(data, set, row).map_or_else(|| set.to_owned(), |(root, _)| root);
                let admin = self.admin_of(data, set, row).map(|(_, a)| a);
                Some((format!("{root}/{ADMIN}"), admin.into_iter().collect(), false))
            }
            SIBLING => Some((set.to_owned(), self.sibling(data, set, row).into_iter().collect(), false)),
            _ => None,
        }
    }

    /// A call of one of `set`'s draft actions on row `row`: `None` when `operation` is
    /// none of them.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn draft_action(
        &self,
        data: &mut Data,
        base: &str,
        set: &str,
        row: usize,
        operation: &Operation,
        parameters: &Map<String, Value>,
        user: Option<&str>,
    ) -> Option<Outcome> {
        let draft = self.draft(set)?.clone();
        let is = |action: &Option<String>| {
            action.as_deref().and_then(|a| a.rsplit('.').next()) == Some(operation.name.name.as_str())
        };
        let outcome = if is(&draft.edit) {
            let preserve = parameters.get("PreserveChanges") == Some(&Value::Bool(true));
            self.edit(data, set, row, preserve, user)
        } else if is(&draft.prepare) {
            self.own_draft(data, set, row, user).map(|()| row)
        } else if is(&draft.activate) {
            self.own_draft(data, set, row, user).and_then(|()| self.activate(data, set, row))
        } else {
            return None;
        };
        Some(outcome.and_then(|row| {
            let out = self.write_row(data, base, set, row, None, &[], user)?;
            let context = format!("$metadata#{set}/$entity");
            Ok(super::serve::with_header(
                self.json(200, wire::single(self.version(), &context, out)),
                "etag",
                &data.set(set)[row].etag(),
            ))
        }))
    }

    /// `Ok` when row `row` is a draft of `user`'s.
    fn own_draft(&self, data: &Data, set: &str, row: usize, user: Option<&str>) -> Result<(), ServiceError> {
        match self.draft_owner(data, set, row) {
            None => Err(ServiceError::bad_request(format!("this entity of {set} is no draft"))),
            Some(owner) if owner.as_deref() != user => Err(locked(owner.as_deref())),
            Some(_) => Ok(()),
        }
    }

    /// The edit action on active row `row`: a new draft of it (or, with
    /// `PreserveChanges`, the user's own draft kept).
    fn edit(
        &self,
        data: &mut Data,
        set: &str,
        row: usize,
        preserve: bool,
        user: Option<&str>,
    ) -> Result<usize, ServiceError> {
        if is_draft(&data.set(set)[row]) {
            return Err(ServiceError::bad_request(format!("only an active entity of {set} can be edited")));
        }
        if let Some(draft) = self.sibling(data, set, row) {
            return match self.draft_owner(data, set, draft).flatten() {
                owner if owner.as_deref() != user => Err(locked(owner.as_deref())),
                _ if preserve => Ok(draft),
                _ => Err(ServiceError::new(409, "SANDBOX/DRAFT_EXISTS", "a draft of this entity exists already")),
            };
        }
        let nodes = self.draft_subtree(data, set, row);
        let draft = Self::push_draft_of(data, set, row);
        self.open_draft(data, set, draft, user);
        // The draft nodes below it are drafted too.
        for (node_set, key) in nodes {
            if let Some(node) = data.row_by_key(&node_set, &key) {
                Self::push_draft_of(data, &node_set, node);
                // The draft went to the end: the active node keeps its position.
                let version = data.next_version();
                if let Some(active) = data.row_keeping_key(&node_set, node) {
                    active.values.insert(HAS_DRAFT.into(), Value::Bool(true));
                    active.version = version;
                }
            }
        }
        let version = data.next_version();
        if let Some(active) = data.row_keeping_key(set, row) {
            active.values.insert(HAS_DRAFT.into(), Value::Bool(true));
            active.version = version;
        }
        Ok(draft)
    }

    /// A draft of active row `row` of `set`, added at the end of the set: its position.
    fn push_draft_of(data: &mut Data, set: &str, row: usize) -> usize {
        let mut values = data.set(set)[row].values.clone();
        values.insert(IS_ACTIVE.into(), Value::Bool(false));
        values.insert(HAS_ACTIVE.into(), Value::Bool(true));
        values.insert(HAS_DRAFT.into(), Value::Bool(false));
        let media = data.set(set)[row].media.clone();
        let version = data.next_version();
        data.push_row(set, Row { values, version, media });
        data.set(set).len() - 1
    }

    /// On activation of draft root row `row`: the draft nodes below it replace the
    /// active ones below its active entity (a node the draft dropped is gone, a new one
    /// added, a changed one changed), and are no drafts any more.
    fn activate_nodes(&self, data: &mut Data, set: &str, row: usize) {
        let drafts = self.draft_subtree(data, set, row);
        let actives = self.sibling(data, set, row).map(|a| self.draft_subtree(data, set, a)).unwrap_or_default();
        let copies: Vec<(String, Row)> = drafts
            .iter()
            .filter_map(|(node_set, key)| {
                let mut node = data.set(node_set)[data.row_by_key(node_set, key)?].clone();
                node.values.insert(IS_ACTIVE.into(), Value::Bool(true));
                node.values.insert(HAS_ACTIVE.into(), Value::Bool(false));
                node.values.insert(HAS_DRAFT.into(), Value::Bool(false));
                Some((node_set.clone(), node))
            })
            .collect();
        for (node_set, key) in actives.iter().chain(&drafts) {
            if let Some(node) = data.row_by_key(node_set, key) {
                data.remove_row(node_set, node);
            }
        }
        for (node_set, mut node) in copies {
            node.version = data.next_version();
            data.push_row(&node_set, node);
        }
    }

    /// The activation action on draft row `row`: its data onto the active entity (made
    /// when new), its draft nodes onto the active ones, the draft dropped. The active
    /// entity's row.
    fn activate(&self, data: &mut Data, set: &str, row: usize) -> Result<usize, ServiceError> {
        self.activate_nodes(data, set, row);
        let draft = data.set(set)[row].clone();
        let mut values = draft.values.clone();
        values.remove(ADMIN_LINK);
        values.insert(IS_ACTIVE.into(), Value::Bool(true));
        values.insert(HAS_ACTIVE.into(), Value::Bool(false));
        values.insert(HAS_DRAFT.into(), Value::Bool(false));
        let version = data.next_version();
        match self.sibling(data, set, row) {
            Some(active) => {
                // Same key: the key index stays valid.
                if let Some(stored) = data.row_keeping_key(set, active) {
                    stored.values = values.clone();
                    stored.media = draft.media;
                    stored.version = version;
                }
            }
            None => data.push_row(set, Row { values: values.clone(), version, media: draft.media }),
        }
        // The draft and its administrative data go; the active entity stays.
        self.remove_with_draft(data, set, row);
        let ty = data.entity_type(set).ok_or_else(|| ServiceError::not_found(set.to_owned()))?;
        data.row_by_key(set, &data.key_of_row(ty, &values))
            .ok_or_else(|| ServiceError::not_found("the active entity is gone"))
    }
}
