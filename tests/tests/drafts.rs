//! Drafts (SAP Fiori's draft choreography, SAP CAP's `@odata.draft.enabled`) against SAP
//! CAP and the sandbox's Gateway, as two users: a create makes a draft only its user sees and changes; prepare and
//! activate turn it into the active entity; edit makes a new draft of it, which locks the
//! entity against the other user until the draft is activated or discarded. A read that
//! does not name `IsActiveEntity` sees active entities only; the administrative data of an
//! entity being edited says to everyone who edits it, and to each reader whether it is them.
//!
//! The generated types know what the server manages: `NewNotes` has no
//! `HasActiveEntity`/`HasDraftEntity` and an optional `IsActiveEntity` (left out, a create
//! makes a draft); `NotesPatch` has none of them.

mod support;

use odata_runtime::edm::Guid;
use odata_runtime::{Client, Entity, Error};

odata_derive::service! {
    mod drafts = "../metadata-samples/cap_drafts.v4.edmx";
}

use drafts::{
    NewNoteLinks, NewNotes, NoteLinks, NoteLinksDraftPrepareParameters, NoteLinksKey, NoteLinksPatch, Notes,
    NotesDraftEditParameters, NotesDraftPrepareParameters, NotesKey, NotesPatch,
};

/// The service at `root` as `user` (Basic, no password: CAP's mocked users).
fn as_user(root: &str, user: &str) -> drafts::Service {
    drafts::Service::new(&Client::builder(root).basic_auth(user, "").build().unwrap())
}

/// The sandbox's Gateway serving the drafts sample to alice and bob (Basic, no password).
async fn two_user_gateway() -> odata_sandbox::gateway::Gateway {
    odata_sandbox::gateway::Gateway::builder(include_str!("../../metadata-samples/cap_drafts.v4.edmx"))
        .service_path("/drafts/")
        .csrf(false)
        .basic_user("alice", "")
        .basic_user("bob", "")
        .start()
        .await
        .unwrap()
}

fn keys(id: Guid) -> (NotesKey, NotesKey) {
    (NotesKey { id, is_active_entity: false }, NotesKey { id, is_active_entity: true })
}

/// The notes with `id` that `svc`'s user lists: with `drafts`, the filter asks for drafts
/// (`IsActiveEntity eq false`); without, it does not name `IsActiveEntity`.
async fn listed(svc: &drafts::Service, id: Guid, drafts: bool) -> Vec<Notes> {
    let by_id = Notes::ID.eq(id);
    let filter = if drafts { by_id.and(Notes::IS_ACTIVE_ENTITY.eq(false)) } else { by_id };
    svc.notes().list().filter(filter).send().await.unwrap().items
}

fn status(e: Error) -> u16 {
    e.status().unwrap_or_else(|| panic!("expected an HTTP error, got {e:?}"))
}

#[tokio::test]
async fn against_sap_cap_a_draft_lives_from_create_to_activation_and_locks_out_other_users() {
    let Some(cap) = support::cap::cap() else { return };
    let root = cap.drafts_root();
    a_draft_lives_from_create_to_activation_and_locks_out_other_users(as_user(&root, "alice"), as_user(&root, "bob"))
        .await;
}

#[tokio::test]
async fn the_sandbox_gateway_keeps_drafts_like_cap() {
    let gateway = two_user_gateway().await;
    let root = gateway.url();
    a_draft_lives_from_create_to_activation_and_locks_out_other_users(as_user(&root, "alice"), as_user(&root, "bob"))
        .await;
}

async fn a_draft_lives_from_create_to_activation_and_locks_out_other_users(
    alice: drafts::Service,
    bob: drafts::Service,
) {
    // A create makes a draft.
    let draft = alice.notes().create(NewNotes { body: Some("milk".into()), ..NewNotes::new("Groceries") }).send().await;
    let draft = draft.unwrap();
    assert!(!draft.is_active_entity && !draft.has_active_entity, "{draft:?}");
    let (draft_key, active_key) = keys(draft.id);

    // Its user changes it; the administrative data says whose it is.
    let change = || NotesPatch { body: Some(Some("milk, eggs".into())), ..Default::default() };
    alice.notes().update(draft_key.clone(), change()).send().await.unwrap();
    let read = alice.notes().get(draft_key.clone()).expand(Notes::DRAFT_ADMINISTRATIVE_DATA).send().await.unwrap();
    let admin = read.draft_administrative_data.expect("expanded");
    assert_eq!(admin.in_process_by_user.as_deref(), Some("alice"));
    assert_eq!((admin.draft_is_created_by_me, admin.draft_is_processed_by_me), (Some(true), Some(true)));
    assert_eq!(read.body.as_deref(), Some("milk, eggs"));

    // Only its user sees the draft, and only when asking for drafts.
    let unseen = bob.notes().get(draft_key.clone()).send().await.unwrap_err();
    assert_eq!(status(unseen), 404, "bob read alice's draft");
    assert!(listed(&bob, draft.id, true).await.is_empty(), "bob listed alice's draft");
    let own = listed(&alice, draft.id, true).await;
    assert_eq!(own.iter().map(|n| n.is_active_entity).collect::<Vec<_>>(), [false], "{own:?}");
    assert!(listed(&alice, draft.id, false).await.is_empty(), "a read not naming IsActiveEntity listed a draft");

    // Another user can neither change it nor activate it.
    let refused = bob.notes().update(draft_key.clone(), change()).send().await.unwrap_err();
    assert!(matches!(status(refused), 403 | 423), "bob changed alice's draft");
    let refused = Notes::draft_activate(&bob.notes().key(draft_key.clone())).send().await.unwrap_err();
    let code = status(refused);
    assert!(matches!(code, 403 | 423), "bob activated alice's draft: {code}");

    // Prepare and activate: the draft becomes the active entity, and is gone.
    let prepare = NotesDraftPrepareParameters::default();
    Notes::draft_prepare(&alice.notes().key(draft_key.clone()), prepare).send().await.unwrap();
    let active = Notes::draft_activate(&alice.notes().key(draft_key.clone())).send().await.unwrap();
    assert!(active.is_active_entity && !active.has_draft_entity, "{active:?}");
    assert_eq!((active.title.as_deref(), active.body.as_deref()), (Some("Groceries"), Some("milk, eggs")));
    assert_eq!(status(alice.notes().get(draft_key.clone()).send().await.unwrap_err()), 404);
    let shared = bob.notes().get(active_key.clone()).send().await.unwrap();
    assert_eq!(shared.body.as_deref(), Some("milk, eggs"), "the active entity is everyone's");

    // Edit: a new draft of the active entity, which locks it against bob.
    let edit = NotesDraftEditParameters { preserve_changes: Some(true) };
    let editing = Notes::draft_edit(&alice.notes().key(active_key.clone()), edit.clone()).send().await.unwrap();
    assert!(!editing.is_active_entity && editing.has_active_entity, "{editing:?}");
    let locked = Notes::draft_edit(&bob.notes().key(active_key.clone()), edit.clone()).send().await.unwrap_err();
    assert!(matches!(status(locked), 409 | 423), "bob edited a note alice is editing");
    let change = NotesPatch { title: Some(Some("Shopping".into())), ..Default::default() };
    alice.notes().update(draft_key.clone(), change).send().await.unwrap();

    // Everyone sees who is editing the note (the active entity's administrative data is
    // its draft's); each reader learns whether that is them.
    for (svc, me) in [(&alice, true), (&bob, false)] {
        let admin = svc.notes().key(active_key.clone()).to_one(Notes::DRAFT_ADMINISTRATIVE_DATA).get().send().await;
        let admin = admin.unwrap();
        assert_eq!(admin.in_process_by_user.as_deref(), Some("alice"));
        assert_eq!((admin.draft_is_created_by_me, admin.draft_is_processed_by_me), (Some(me), Some(me)), "{admin:?}");
    }
    // From the active entity, alice's `SiblingEntity` is her draft; bob's leads nowhere
    // (CAP: `204 No Content`, the sandbox: `404`; both `None`).
    let sibling = alice.notes().key(active_key.clone()).to_one(Notes::SIBLING_ENTITY).get().send_optional().await;
    assert!(sibling.unwrap().is_some_and(|s| !s.is_active_entity));
    let sibling = bob.notes().key(active_key.clone()).to_one(Notes::SIBLING_ENTITY).get().send_optional().await;
    assert!(sibling.unwrap().is_none(), "bob reached alice's draft");
    let seen = listed(&bob, draft.id, false).await;
    assert_eq!(seen.iter().map(|n| (n.is_active_entity, n.has_draft_entity)).collect::<Vec<_>>(), [(true, true)]);
    assert_eq!(seen[0].title.as_deref(), Some("Groceries"), "bob sees the active entity, not alice's change");

    // Discard: deleting the draft's key drops its changes and the lock.
    alice.notes().delete(draft_key.clone()).send().await.unwrap();
    let kept = alice.notes().get(active_key.clone()).send().await.unwrap();
    assert_eq!(kept.title.as_deref(), Some("Groceries"), "the discarded change is gone");
    assert!(!kept.has_draft_entity);
    let bobs = Notes::draft_edit(&bob.notes().key(active_key), edit).send().await.unwrap();
    assert!(!bobs.is_active_entity, "bob may edit once alice's draft is gone");
}

/// What the Gateway adds to the walk above: an active entity changes only through a
/// draft; another user's draft keeps it from being deleted; `SiblingEntity` leads from a
/// draft to its active entity and back; the administrative data is a contained entity
/// of its own; drafts need no `If-Match` (the lock protects them), active entities do.
#[tokio::test]
async fn the_sandbox_gateway_changes_active_entities_only_through_drafts() {
    let gateway = two_user_gateway().await;
    let (alice, bob) = (as_user(&gateway.url(), "alice"), as_user(&gateway.url(), "bob"));
    let draft = alice.notes().create(NewNotes::new("Chores")).send().await.unwrap();
    let (draft_key, active_key) = keys(draft.id);
    let admin = alice.notes().key(draft_key.clone()).to_one(Notes::DRAFT_ADMINISTRATIVE_DATA).get().send().await;
    let admin = admin.unwrap();
    assert_eq!((admin.created_by_user.as_deref(), admin.in_process_by_user.as_deref()), (Some("alice"), Some("alice")));
    let active = Notes::draft_activate(&alice.notes().key(draft_key.clone())).send().await.unwrap();
    assert!(active.is_active_entity);
    let no_admin = alice.notes().key(active_key.clone()).to_one(Notes::DRAFT_ADMINISTRATIVE_DATA).get().send().await;
    assert_eq!(status(no_admin.unwrap_err()), 404, "an active entity has no draft administrative data");

    let change = || NotesPatch { title: Some(Some("Errands".into())), ..Default::default() };
    let direct = alice.notes().update(active_key.clone(), change()).if_match(active.etag().unwrap()).send().await;
    assert_eq!(status(direct.unwrap_err()), 409, "an active entity is changed through a draft");

    let edit = NotesDraftEditParameters { preserve_changes: Some(false) };
    let editing = Notes::draft_edit(&alice.notes().key(active_key.clone()), edit.clone()).send().await.unwrap();
    let again = Notes::draft_edit(&alice.notes().key(active_key.clone()), edit).send().await.unwrap_err();
    assert_eq!(status(again), 409, "one draft per entity");
    let keep = NotesDraftEditParameters { preserve_changes: Some(true) };
    let kept = Notes::draft_edit(&alice.notes().key(active_key.clone()), keep).send().await.unwrap();
    assert_eq!(kept.id, editing.id, "PreserveChanges hands back the user's own draft");
    let sibling = alice.notes().key(draft_key.clone()).to_one(Notes::SIBLING_ENTITY).get().send().await.unwrap();
    assert!(sibling.is_active_entity && sibling.has_draft_entity, "{sibling:?}");
    let back = alice.notes().key(active_key.clone()).to_one(Notes::SIBLING_ENTITY).get().send().await.unwrap();
    assert!(!back.is_active_entity && back.has_active_entity, "{back:?}");

    let e = bob.notes().delete(active_key.clone()).if_match(sibling.etag().unwrap()).send().await.unwrap_err();
    assert_eq!(status(e), 423, "alice's draft keeps bob from deleting the note");
    let e = alice.notes().delete(active_key.clone()).send().await.unwrap_err();
    assert_eq!(status(e), 428, "an active entity needs its ETag");
    alice.notes().delete(active_key.clone()).if_match(sibling.etag().unwrap()).send().await.unwrap();
    for key in [draft_key, active_key] {
        assert_eq!(status(alice.notes().get(key).send().await.unwrap_err()), 404, "deleting the note drops its draft");
    }
}

#[tokio::test]
async fn against_sap_cap_a_notes_links_are_drafted_with_it() {
    let Some(cap) = support::cap::cap() else { return };
    let root = cap.drafts_root();
    a_notes_links_are_drafted_with_it(as_user(&root, "alice"), as_user(&root, "bob")).await;
}

#[tokio::test]
async fn the_sandbox_gateway_drafts_a_notes_links_like_cap() {
    let gateway = two_user_gateway().await;
    let root = gateway.url();
    a_notes_links_are_drafted_with_it(as_user(&root, "alice"), as_user(&root, "bob")).await;
}

/// A note's links (`Common.DraftNode`, CAP's composition of a draft-enabled entity): added
/// through the note's draft by its user only, activated with it, copied as drafts by
/// edit, and when the draft is discarded the active links stay as they were.
async fn a_notes_links_are_drafted_with_it(alice: drafts::Service, bob: drafts::Service) {
    let note = alice.notes().create(NewNotes::new("Reading")).send().await.unwrap();
    let (draft_key, active_key) = keys(note.id);
    let draft_links = |svc: &drafts::Service| svc.notes().key(draft_key.clone()).to_many(Notes::LINKS);
    let active_links = |svc: &drafts::Service| svc.notes().key(active_key.clone()).to_many(Notes::LINKS);
    let link_keys = |id| (NoteLinksKey { id, is_active_entity: false }, NoteLinksKey { id, is_active_entity: true });
    let labels = |links: Vec<NoteLinks>| -> Vec<(Option<String>, bool)> {
        let mut labels: Vec<_> = links.into_iter().map(|l| (l.label, l.is_active_entity)).collect();
        labels.sort();
        labels
    };

    // A link is added through the note's draft, by the note's user only.
    let new = || NewNoteLinks { label: Some("Docs".into()), ..NewNoteLinks::new("https://example.org/docs") };
    let link = draft_links(&alice).create(new()).send().await.unwrap();
    assert_eq!((link.note_id, link.is_active_entity, link.has_active_entity), (Some(note.id), false, false));
    let refused = draft_links(&bob).create(new()).send().await.unwrap_err();
    assert!(matches!(status(refused), 403 | 423), "bob added a link to alice's draft");
    let direct = NewNoteLinks { note_id: Some(note.id), ..new() };
    let refused = alice.note_links().create(direct).send().await.unwrap_err();
    assert_eq!(status(refused), 422, "a draft node is created through its root's draft");
    let (link_draft, link_active) = link_keys(link.id);
    assert_eq!(status(bob.note_links().get(link_draft.clone()).send().await.unwrap_err()), 404);
    let admin = alice.note_links().key(link_draft.clone()).to_one(NoteLinks::DRAFT_ADMINISTRATIVE_DATA).get();
    assert_eq!(admin.send().await.unwrap().in_process_by_user.as_deref(), Some("alice"), "the note's draft's");

    // Changed by the note's user only.
    let relabel = |label: &str| NoteLinksPatch { label: Some(Some(label.into())), ..Default::default() };
    alice.note_links().update(link_draft.clone(), relabel("Manual")).send().await.unwrap();
    let refused = bob.note_links().update(link_draft.clone(), relabel("Mine")).send().await.unwrap_err();
    assert!(matches!(status(refused), 403 | 423), "bob changed alice's draft link");
    assert_eq!(labels(draft_links(&alice).list().send().await.unwrap().items), [(Some("Manual".into()), false)]);
    // A node's own preparation action (CAP binds a `draftPrepare` to every draft type).
    let prepare = NoteLinksDraftPrepareParameters::default();
    let prepared = NoteLinks::draft_prepare(&alice.note_links().key(link_draft.clone()), prepare.clone()).send().await;
    assert_eq!(prepared.unwrap().label.as_deref(), Some("Manual"));
    let refused = NoteLinks::draft_prepare(&bob.note_links().key(link_draft.clone()), prepare).send().await;
    assert!(matches!(status(refused.unwrap_err()), 403 | 404 | 423), "bob prepared alice's draft link");

    // Activation makes the links active with the note, for everyone.
    Notes::draft_activate(&alice.notes().key(draft_key.clone())).send().await.unwrap();
    assert_eq!(labels(active_links(&bob).list().send().await.unwrap().items), [(Some("Manual".into()), true)]);
    assert_eq!(status(alice.note_links().get(link_draft.clone()).send().await.unwrap_err()), 404);

    // Edit copies them as drafts; an active link changes only through them.
    let edit = NotesDraftEditParameters { preserve_changes: Some(true) };
    Notes::draft_edit(&alice.notes().key(active_key.clone()), edit.clone()).send().await.unwrap();
    let copies = draft_links(&alice).list().send().await.unwrap().items;
    assert_eq!(copies.iter().map(|l| (l.id, l.has_active_entity)).collect::<Vec<_>>(), [(link.id, true)]);
    let active = active_links(&bob).list().send().await.unwrap().items;
    assert!(active.iter().all(|l| l.has_draft_entity), "{active:?}");
    let refused = alice.note_links().update(link_active.clone(), relabel("Direct")).send().await.unwrap_err();
    assert!(matches!(status(refused), 409 | 501), "an active link changed without a draft");
    alice.note_links().update(link_draft.clone(), relabel("Discarded")).send().await.unwrap();

    // Discarding the note's draft drops its links' drafts: the active link is unchanged.
    alice.notes().delete(draft_key.clone()).send().await.unwrap();
    assert_eq!(labels(active_links(&alice).list().send().await.unwrap().items), [(Some("Manual".into()), true)]);
    assert_eq!(status(alice.note_links().get(link_draft.clone()).send().await.unwrap_err()), 404);

    // A link dropped from the draft and another added: activation keeps only the new one.
    Notes::draft_edit(&alice.notes().key(active_key.clone()), edit).send().await.unwrap();
    alice.note_links().delete(link_draft).send().await.unwrap();
    let added = NewNoteLinks { label: Some("Errata".into()), ..NewNoteLinks::new("https://example.org/errata") };
    let errata = draft_links(&alice).create(added).send().await.unwrap();
    let active = Notes::draft_activate(&alice.notes().key(draft_key)).send().await.unwrap();
    assert_eq!(labels(active_links(&bob).list().send().await.unwrap().items), [(Some("Errata".into()), true)]);
    assert_eq!(status(bob.note_links().get(link_active).send().await.unwrap_err()), 404);

    // Deleting the note deletes its links (a composition: `OnDelete Action="Cascade"`).
    let delete = alice.notes().delete(active_key.clone());
    match active.etag() {
        Some(etag) => delete.if_match(etag).send().await.unwrap(),
        None => delete.send().await.unwrap(),
    }
    let (_, errata_active) = link_keys(errata.id);
    assert_eq!(status(bob.note_links().get(errata_active).send().await.unwrap_err()), 404);

    // A new note's links sent with it (deep insert) are drafts of the new draft.
    let links = vec![NewNoteLinks { label: Some("Inline".into()), ..NewNoteLinks::new("https://example.org/inline") }];
    let other = alice.notes().create(NewNotes { links: Some(links), ..NewNotes::new("Deep") }).send().await.unwrap();
    let inline = alice.notes().key(keys(other.id).0).to_many(Notes::LINKS).list().send().await.unwrap().items;
    assert_eq!(labels(inline), [(Some("Inline".into()), false)]);
}
