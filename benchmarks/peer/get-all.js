// The SAP Cloud SDK's half of the getAll comparison in get-all.sh: lists every product
// of the CAP shop (one page) with the client the SDK generated from the shop's
// $metadata, RUNS times after a warm-up, and prints the median wall time per call and
// the process's CPU time per call as JSON.
//
//   node get-all.js URL RUNS
const { shopService } = require('./out/shop/ShopService')

async function main() {
  const [url, runs] = [process.argv[2], Number(process.argv[3] || 20)]
  const { productsApi } = shopService()
  const once = () => productsApi.requestBuilder().getAll().execute({ url })
  const rows = (await once()).length
  for (let i = 0; i < 2; i++) await once()
  const walls = []
  const cpu = process.cpuUsage()
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint()
    const page = await once()
    walls.push(Number(process.hrtime.bigint() - started) / 1e6)
    if (page.length !== rows) throw new Error(`${page.length} rows, not ${rows}`)
  }
  const used = process.cpuUsage(cpu)
  walls.sort((a, b) => a - b)
  const wall = walls[Math.floor(runs / 2)]
  console.log(JSON.stringify({ rows, wall_ms: +wall.toFixed(2), cpu_ms: +((used.user + used.system) / 1000 / runs).toFixed(2) }))
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
