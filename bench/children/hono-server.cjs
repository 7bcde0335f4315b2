// P3 baseline: plain Hono on @hono/node-server answering the TwiML body of functions/twiml.js.
// Usage: node hono-server.cjs <port> <body>
const { Hono } = require('hono');
const { serve } = require('@hono/node-server');

const [port, body] = process.argv.slice(2);
const app = new Hono();
app.all('/twiml', (c) => c.body(body, 200, { 'content-type': 'text/xml; charset=utf-8' }));
serve({ fetch: app.fetch, port: Number(port), hostname: '127.0.0.1' }, (info) => {
  console.log(`Listening on http://127.0.0.1:${info.port}`);
});
