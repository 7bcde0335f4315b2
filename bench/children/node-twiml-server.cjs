// P3 context: node:http alone doing the TwiML work of functions/twiml.js per request, with no
// framework and no runtime: the ceiling of any Node server that runs that function on this machine.
// Usage: node node-twiml-server.cjs <port> <text>
const http = require('node:http');
const VoiceResponse = require('twilio/lib/twiml/VoiceResponse');

const [port, text] = process.argv.slice(2);
const server = http.createServer((req, res) => {
  const twiml = new VoiceResponse();
  twiml.say(text);
  const body = twiml.toString();
  res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
server.listen(Number(port), '127.0.0.1', () => console.log(`Listening on http://127.0.0.1:${port}`));
