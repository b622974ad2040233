using shop from '../db/schema';

// Draft editing (SAP Fiori's draft choreography): new drafts, edit, prepare,
// activate and discard, a draft locked to the user editing it.
service DraftService @(path: '/drafts') {
  @odata.draft.enabled
  entity Notes as projection on shop.Notes;
}
