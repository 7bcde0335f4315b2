// P3 context: the least any Twilio Functions runtime must do per request, on bare node:http: find
// the function by path, build `event` (query parameters, request headers) and `context`, call the
// handler and answer its TwiML. No validation, limits, signatures, bodies, cookies, timeouts, error
// handling or logging. What it reaches is the closest figure a real runtime can get to.
// Usage: node node-minimal-runtime-server.cjs <port> <function file>
const http = require('node:http');
const VoiceResponse = require('twilio/lib/twiml/VoiceResponse');

const [port, file] = process.argv.slice(2);
globalThis.Twilio = { twiml: { VoiceResponse } };
const routes = new Map([['/twiml', require(file).handler]]);
const env = { ACCOUNT_SID: 'AC0123456789abcdef0123456789abcdef', AUTH_TOKEN: '0123456789abcdef0123456789abcdef' };
function getTwilioClient() {
  throw new Error('not available in this baseline');
}

const server = http.createServer((req, res) => {
  const target = req.url;
  const q = target.indexOf('?');
  const path = q === -1 ? target : target.slice(0, q);
  const handler = routes.get(path);
  if (!handler) {
    res.writeHead(404, { 'content-length': 0 });
    res.end();
    return;
  }
  const headers = {};
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i].toLowerCase();
    if (name !== 'host') headers[name] = raw[i + 1];
  }
  const event = { request: { headers, cookies: {} } };
  if (q !== -1) {
    for (const pair of target.slice(q + 1).split('&')) {
      const eq = pair.indexOf('=');
      event[decodeURIComponent(pair.slice(0, eq))] = decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, ' '));
    }
  }
  const context = { PATH: path, DOMAIN_NAME: req.headers.host, ...env, getTwilioClient };
  handler(context, event, (error, payload) => {
    const body = String(payload);
    res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});
server.listen(Number(port), '127.0.0.1', () => console.log(`Listening on http://127.0.0.1:${port}`));
