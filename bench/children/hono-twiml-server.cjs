// P3 context: plain Hono on @hono/node-server doing the TwiML work of functions/twiml.js per
// request (the ceiling for any server that runs that function). Usage: node hono-twiml-server.cjs <port> <text>
const { Hono } = require('hono');
const { serve } = require('@hono/node-server');
const VoiceResponse = require('twilio/lib/twiml/VoiceResponse');

const [port, text] = process.argv.slice(2);
const app = new Hono();
app.all('/twiml', (c) => {
  const twiml = new VoiceResponse();
  twiml.say(text);
  return c.body(twiml.toString(), 200, { 'content-type': 'text/xml; charset=utf-8' });
});
serve({ fetch: app.fetch, port: Number(port), hostname: '127.0.0.1' }, (info) => {
  console.log(`Listening on http://127.0.0.1:${info.port}`);
});
