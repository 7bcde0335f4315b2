// Serves one Worker module in workerd through Miniflare over HTTP (P4).
// Usage: node worker-server.cjs <script path> <port> <bindings JSON>
const { Miniflare } = require('miniflare');

async function main() {
  const [scriptPath, port, bindings] = process.argv.slice(2);
  const mf = new Miniflare({
    modules: true,
    scriptPath,
    compatibilityDate: '2026-04-01',
    compatibilityFlags: ['nodejs_compat'],
    bindings: JSON.parse(bindings),
    cf: false,
    host: '127.0.0.1',
    port: Number(port),
  });
  const url = await mf.ready;
  console.log(`Listening on ${url.origin}`);
  const stop = () => mf.dispose().finally(() => process.exit(0));
  process.once('SIGTERM', stop).once('SIGINT', stop);
}
main().catch((error) => { console.error(error && error.stack || error); process.exit(1); });
