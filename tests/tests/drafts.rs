//! Drafts (SAP Fiori's draft choreography, SAP CAP's `@odata.draft.enabled`) against SAP
//! CAP, as two users: a create makes a draft only its user sees and changes; prepare and
//! activate turn it into the active entity; edit makes a new draft of it, which locks the
//! entity against the other user until the draft is activated or discarded.
//!
//! The generated types know what the server manages: `NewNotes` has no
//! `HasActiveEntity`/`HasDraftEntity` and an optional `IsActiveEntity` (left out, a create
//! makes a draft); `NotesPatch` has none of them.

mod support;

use odata_runtime::edm::Guid;
use odata_runtime::{Client, Error};

odata_derive::service! {
    mod drafts = "../metadata-samples/cap_drafts.v4.edmx";
}

use drafts::{NewNotes, Notes, NotesDraftEditParameters, NotesDraftPrepareParameters, NotesKey, NotesPatch};

/// The service as one of CAP's mocked users (Basic, no password).
fn as_user(cap: &support::cap::Cap, user: &str) -> drafts::Service {
    drafts::Service::new(&Client::builder(cap.drafts_root()).basic_auth(user, "").build().unwrap())
}

fn keys(id: Guid) -> (NotesKey, NotesKey) {
    (NotesKey { id, is_active_entity: false }, NotesKey { id, is_active_entity: true })
}

fn status(e: Error) -> u16 {
    e.status().unwrap_or_else(|| panic!("expected an HTTP error, got {e:?}"))
}

#[tokio::test]
async fn against_sap_cap_a_draft_lives_from_create_to_activation_and_locks_out_other_users() {
    let Some(cap) = support::cap::cap() else { return };
    let (alice, bob) = (as_user(cap, "alice"), as_user(cap, "bob"));

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
    assert_eq!(read.body.as_deref(), Some("milk, eggs"));

    // Another user can neither change it nor activate it.
    let refused = bob.notes().update(draft_key.clone(), change()).send().await.unwrap_err();
    assert!(matches!(status(refused), 403 | 423), "bob changed alice's draft");
    let refused = Notes::draft_activate(&bob.notes().key(draft_key.clone())).send().await.unwrap_err();
    assert!(matches!(status(refused), 403 | 423), "bob activated alice's draft");

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

    // Discard: deleting the draft's key drops its changes and the lock.
    alice.notes().delete(draft_key.clone()).send().await.unwrap();
    let kept = alice.notes().get(active_key.clone()).send().await.unwrap();
    assert_eq!(kept.title.as_deref(), Some("Groceries"), "the discarded change is gone");
    assert!(!kept.has_draft_entity);
    let bobs = Notes::draft_edit(&bob.notes().key(active_key), edit).send().await.unwrap();
    assert!(!bobs.is_active_entity, "bob may edit once alice's draft is gone");
}
