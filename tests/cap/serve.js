// Starts the CAP server for the tests on the port given as the only argument, and
// exits when the test process that started it goes away (its stdin closes), or after
// 20 minutes at the latest, so no test run leaves a server behind.
process.stdin.on('end', () => process.exit(0))
process.stdin.on('error', () => process.exit(0))
process.stdin.resume()
setTimeout(() => process.exit(3), 20 * 60 * 1000).unref()
require('@sap/cds/bin/serve.js').exec('--port', process.argv[2])
