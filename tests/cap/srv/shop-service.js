// Implementations of the test shop's functions and actions.
const cds = require('@sap/cds')

module.exports = class ShopService extends cds.ApplicationService {
  init() {
    const { Products, Orders, OrderItems } = this.entities
    const keyOf = (req) => {
      const p = req.params[0]
      return typeof p === 'object' ? p.ID : p
    }
    this.on('cancel', 'Orders', async (req) => {
      const id = keyOf(req)
      await UPDATE(Orders, id).with({ customer: `cancelled: ${req.data.reason ?? ''}` })
      return SELECT.one.from(Orders, id)
    })
    this.on('itemCount', 'Orders', async (req) => {
      const row = await SELECT.one`count(*) as n`.from(OrderItems).where({ order_ID: keyOf(req) })
      return row.n
    })
    this.on('productCount', async (req) => {
      const row = await SELECT.one`count(*) as n`.from(Products).where`stock >= ${req.data.minStock}`
      return row.n
    })
    this.on('cheapestProduct', () => SELECT.one.from(Products).where`price is not null`.orderBy`price asc, ID asc`)
    this.on('productsBelow', (req) => SELECT.from(Products).where`price < ${req.data.price}`.orderBy`ID`)
    this.on('priceInfo', async (req) => {
      const q = SELECT.one`min(price) as lowest, max(price) as highest, count(*) as count`.from(Products)
      if (req.data.available != null) q.where`available = ${req.data.available}`
      return q
    })
    this.on('restock', async (req) => {
      const { product, quantity } = req.data
      await UPDATE(Products, product).with`stock = stock + ${quantity}`
      return SELECT.one.from(Products, product)
    })
    this.on('touch', async (req) => {
      await UPDATE(Products, req.data.product).with`available = true`
    })
    this.on('topRated', 'Products', (req) =>
      SELECT.from(Products).where`rating is not null`.orderBy`rating desc, ID asc`.limit(req.data.limit ?? 3))
    this.on('discontinue', 'Products', async (req) => {
      const ids = req.data.ids ?? []
      if (!ids.length) return 0
      return UPDATE(Products).set({ available: false }).where({ ID: { in: ids } })
    })
    this.on('countIn', async (req) => {
      const ids = req.data.ids ?? []
      if (!ids.length) return 0
      const row = await SELECT.one`count(*) as n`.from(Products).where({ ID: { in: ids } })
      return row.n
    })
    this.on('priceOf', (req) => {
      const info = req.data.info
      return info ? `${info.lowest}..${info.highest} (${info.count})` : 'none'
    })
    return super.init()
  }
}
