namespace shop;

using { cuid, managed } from '@sap/cds/common';

entity Products {
  key ID         : String(10);
      name       : String(80);
      price      : Decimal(15, 2);
      stock      : Integer;
      rating     : Double;
      releasedAt : DateTime;
      available  : Boolean default true;
}

entity Orders : cuid, managed {
  orderNo   : String(10);
  customer  : String(80) @mandatory;
  orderDate : Date;
  total     : Decimal(15, 2);
  currency  : String(3);
  items     : Composition of many OrderItems on items.order = $self;
}

entity OrderItems {
  key order    : Association to Orders;
  key pos      : Integer;
      product  : Association to Products;
      quantity : Decimal(13, 3);
      price    : Decimal(15, 2);
}

entity Documents {
  key ID        : String(10);
      title     : String(80);
      mediaType : String(100) @Core.IsMediaType;
      content   : LargeBinary @Core.MediaType: mediaType;
}

entity Settings {
  key ID       : Integer;
      currency : String(3);
      pageSize : Integer;
}

// Edited as drafts (srv/draft-service.cds): one per user at a time, activated or discarded.
entity Notes : cuid, managed {
  title     : String(80) @mandatory;
  body      : String(1000);
  priority  : Integer default 3;
  tags      : many String(20);
  checklist : many Step;
  links     : Composition of many NoteLinks on links.note = $self;
}

// A note's links: a composition, so drafted together with the note.
entity NoteLinks : cuid {
  note  : Association to Notes;
  url   : String(200) @mandatory;
  label : String(80);
}

// One step of a note's checklist (a collection of a complex type).
type Step {
  text : String(80);
  done : Boolean;
}
