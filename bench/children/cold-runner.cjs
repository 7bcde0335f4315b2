// One cold start: load a Lambda handler file and serve one event, in this fresh process.
// Usage: node cold-runner.cjs <handler file> <event.json> <expected body>
// Prints {"loadMs","invokeMs","sinceStartMs"}; exits 1 when the answer is not the expected 200.
const { performance } = require('node:perf_hooks');
const { readFileSync } = require('node:fs');
const loadHandler = require('./load-handler.cjs');

async function main() {
  const [file, eventFile, expected] = process.argv.slice(2);
  const event = JSON.parse(readFileSync(eventFile, 'utf8'));
  const t0 = performance.now();
  const handler = await loadHandler(file);
  const t1 = performance.now();
  const context = { callbackWaitsForEmptyEventLoop: true, awsRequestId: 'bench-1', functionName: 'bench', getRemainingTimeInMillis: () => 30000 };
  const result = await handler(event, context);
  const t2 = performance.now();
  const body = result.isBase64Encoded ? Buffer.from(result.body, 'base64').toString() : result.body;
  if (result.statusCode !== 200 || body !== expected) {
    console.error(`unexpected answer: ${JSON.stringify(result).slice(0, 800)}`);
    process.exit(1);
  }
  process.stdout.write(JSON.stringify({ loadMs: t1 - t0, invokeMs: t2 - t1, sinceStartMs: t2 }));
  // Like Lambda freezing after the response: do not wait for leftover timers or sockets.
  process.exit(0);
}
main().catch((error) => { console.error(error && error.stack || error); process.exit(1); });
