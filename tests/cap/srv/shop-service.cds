using shop from '../db/schema';

service ShopService @(path: '/shop') {
  @cds.query.limit: { default: 20, max: 20 }
  @cds.redirection.target
  entity Products    as projection on shop.Products;
  entity Orders      as projection on shop.Orders;
  entity OrderItems  as projection on shop.OrderItems;
  @readonly
  entity Bestsellers as projection on shop.Products where rating >= 4.5;
}

annotate ShopService.Orders with {
  modifiedAt @odata.etag;
}
