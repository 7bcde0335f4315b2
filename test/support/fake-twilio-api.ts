/**
 * A local stand-in for the Twilio REST API on loopback: records every request and answers
 * `Messages.json` and Sync map creates like the real API, so tests never leave the machine.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  form: URLSearchParams;
}

export interface FakeTwilioApi {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startFakeTwilioApi(): Promise<FakeTwilioApi> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, form });
      const match = /^\/2010-04-01\/Accounts\/(AC\w+)\/Messages\.json$/.exec(req.url ?? '');
      if (req.method === 'POST' && match) {
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({
          sid: `SM${'0'.repeat(30)}${String(requests.length).padStart(2, '0')}`,
          account_sid: match[1],
          to: form.get('To'),
          from: form.get('From'),
          body: form.get('Body'),
          status: 'queued',
          date_created: new Date().toUTCString(),
        }));
        return;
      }
      const map = /^\/v1\/Services\/(\w+)\/Maps$/.exec(req.url ?? '');
      if (req.method === 'POST' && map && req.headers['x-twilio-host'] === 'sync.twilio.com') {
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({
          sid: `MP${'0'.repeat(32)}`,
          unique_name: form.get('UniqueName'),
          service_sid: map[1],
          account_sid: 'AC' + 'a'.repeat(32),
          revision: '0',
          date_created: new Date().toISOString(),
        }));
        return;
      }
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 20404, message: 'The requested resource was not found', status: 404 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
