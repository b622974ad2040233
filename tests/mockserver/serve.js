// Serves every EDMX file in metadata-samples/ with SAP's Fiori elements mock server
// (@sap-ux/fe-mockserver-core: generated data, CSRF, $batch; V2 and V4) at
// /samples/<file name without .edmx>/, on the port given as the only argument.
// Exits when the test process that started it goes away (its stdin closes), or after
// 20 minutes at the latest, so no test run leaves a server behind.
const http = require('http')
const fs = require('fs')
const os = require('os')
const path = require('path')
const FEMockserver = require('@sap-ux/fe-mockserver-core').default

process.stdin.on('end', () => process.exit(0))
process.stdin.on('error', () => process.exit(0))
process.stdin.resume()
setTimeout(() => process.exit(3), 20 * 60 * 1000).unref()

const samples = path.join(__dirname, '..', '..', 'metadata-samples')
// No recorded data: every entity set gets generated rows.
const mockdata = fs.mkdtempSync(path.join(os.tmpdir(), 'odata-rs-mockdata-'))

async function main () {
  const services = fs.readdirSync(samples).filter(f => f.endsWith('.edmx')).sort().map(f => ({
    urlPath: '/samples/' + f.replace(/\.edmx$/, ''),
    metadataPath: path.join(samples, f),
    mockdataPath: mockdata,
    i18nPath: [],
    generateMockData: true
  }))
  const mock = new FEMockserver({ services, annotations: [] })
  await mock.isReady
  const router = mock.getRouter()
  const server = http.createServer((req, res) => router(req, res, () => { res.statusCode = 404; res.end('not found') }))
  server.listen(Number(process.argv[2]), '127.0.0.1', () => console.log('server listening'))
}

main().catch(e => { console.error(e); process.exit(1) })
