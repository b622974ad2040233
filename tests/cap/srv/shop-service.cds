using shop from '../db/schema';

service ShopService @(path: '/shop') {
  @cds.query.limit: { default: 20, max: 20 }
  @cds.redirection.target
  entity Products    as projection on shop.Products actions {
    // Bound to the collection: the binding parameter is `many $self`.
    function topRated(in : many $self, limit : Integer) returns many Products;
    action   discontinue(in : many $self, ids : many String(10)) returns Integer;
  };
  entity Orders      as projection on shop.Orders actions {
    action   cancel(reason : String(40)) returns Orders;
    function itemCount()                 returns Integer;
  };
  entity OrderItems  as projection on shop.OrderItems;
  @readonly
  entity Bestsellers as projection on shop.Products where rating >= 4.5;

  type PriceInfo {
    lowest  : Decimal(15, 2);
    highest : Decimal(15, 2);
    count   : Integer;
  }

  function productCount(minStock : Integer not null)      returns Integer;
  function cheapestProduct()                              returns Products;
  function productsBelow(price : Decimal(15, 2) not null) returns many Products;
  function priceInfo(available : Boolean)                 returns PriceInfo;
  action   restock(product : String(10) not null, quantity : Integer not null) returns Products;
  action   touch(product : String(10) not null);
  function countIn(ids : many String(10))                  returns Integer;
  function priceOf(info : PriceInfo)                       returns String;
  entity Documents   as projection on shop.Documents;
  @odata.singleton
  entity Settings    as projection on shop.Settings;
}

annotate ShopService.Orders with {
  modifiedAt @odata.etag;
}
