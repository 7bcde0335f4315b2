// Warm invokes of a Lambda handler in this process (P2 throughput, P6 memory).
// Usage: node warm-runner.cjs <handler file> <event.json> <expected body> <mode> <arg>
//   mode "rps":    arg = seconds; warms up for 1 s (at least 1000 invokes), then counts invokes for arg seconds.
//   mode "memory": arg = "1000,10000"; prints RSS/heap after each cumulative invoke count (after a GC).
// One invoke at a time, like a Lambda execution environment.
const { performance } = require('node:perf_hooks');
const { readFileSync } = require('node:fs');
const loadHandler = require('./load-handler.cjs');

async function main() {
  const [file, eventFile, expected, mode, arg] = process.argv.slice(2);
  const eventText = readFileSync(eventFile, 'utf8');
  const handler = await loadHandler(file);
  let n = 0;
  const invoke = async () => {
    // A fresh event object per invoke, as the runtime deserialises one per request.
    const context = { callbackWaitsForEmptyEventLoop: true, awsRequestId: `bench-${++n}`, functionName: 'bench', getRemainingTimeInMillis: () => 30000 };
    const result = await handler(JSON.parse(eventText), context);
    if (result.statusCode !== 200) throw new Error(`status ${result.statusCode}: ${JSON.stringify(result).slice(0, 500)}`);
    return result;
  };
  const first = await invoke();
  const body = first.isBase64Encoded ? Buffer.from(first.body, 'base64').toString() : first.body;
  if (body !== expected) throw new Error(`unexpected body: ${body}`);

  if (mode === 'rps') {
    const warmEnd = performance.now() + 1000;
    for (let i = 0; i < 1000 || performance.now() < warmEnd; i++) await invoke();
    const start = performance.now();
    const end = start + Number(arg) * 1000;
    let count = 0;
    while (performance.now() < end) { await invoke(); count++; }
    process.stdout.write(JSON.stringify({ rps: count / ((performance.now() - start) / 1000), count }));
  } else if (mode === 'memory') {
    const points = [];
    let done = 1;
    for (const target of arg.split(',').map(Number)) {
      while (done < target) { await invoke(); done++; }
      if (global.gc) { global.gc(); global.gc(); }
      const m = process.memoryUsage();
      points.push({ invokes: done, rssMB: m.rss / 2 ** 20, heapTotalMB: m.heapTotal / 2 ** 20, heapUsedMB: m.heapUsed / 2 ** 20 });
    }
    process.stdout.write(JSON.stringify({ points }));
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
  process.exit(0);
}
main().catch((error) => { console.error(error && error.stack || error); process.exit(1); });
