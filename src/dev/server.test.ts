import { cpSync, mkdtempSync, writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchangeBytes } from '../../test/support/http-client';
import { startDevServer, type DevServer } from './server';

describe('tfa dev server', () => {
  let root: string;
  let server: DevServer;
  const lines: string[] = [];

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'tfa-dev-'));
    cpSync(path.resolve(__dirname, '../../functions'), path.join(root, 'functions'), { recursive: true });
    cpSync(path.resolve(__dirname, '../../assets'), path.join(root, 'assets'), { recursive: true });
    server = await startDevServer({ project: root, port: 0, log: (_level, line) => lines.push(line) });
  });
  afterAll(() => server?.close());

  const waitFor = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 100; i++) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('condition not met in 5 s');
  };

  it('serves the example project and logs one line per request', async () => {
    const res = await fetch(`${server.url}/sms/reply`, { method: 'POST', body: new URLSearchParams({ Body: 'hi' }) });
    expect(await res.text()).toContain('<Message>Hello! You said: hi</Message>');
    expect(lines.some((line) => /^POST \/sms\/reply 200 \d+ms$/.test(line))).toBe(true);
  });

  it('answers a malformed Host with 400 and one line, logs it and keeps serving', async () => {
    const answer = await exchangeBytes(Number(new URL(server.url).port), 'GET /sms/reply HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toMatch(/\r\ncontent-type: application\/json; charset=utf-8\r\n/i);
    expect(JSON.parse(answer.split('\r\n\r\n')[1]!)).toEqual({ message: 'Invalid Host header', name: 'BadRequest' });
    expect(lines).toContainEqual(expect.stringMatching(/^GET \/sms\/reply 400 \d+ms$/));
    expect((await fetch(`${server.url}/sms/reply`, { method: 'POST' })).status).toBe(200);
  });

  it('keeps a keep-alive connection usable after answering without reading a large body', async () => {
    const big = 'x'.repeat(200_000);
    // Sequential fetches share one pooled connection; an unread body left on it breaks the next.
    expect((await fetch(`${server.url}/nope`, { method: 'POST', body: big })).status).toBe(404);
    expect((await fetch(`${server.url}/sms/reply`, { method: 'PUT', body: big })).status).toBe(405);
    const res = await fetch(`${server.url}/sms/reply`, { method: 'POST', body: new URLSearchParams({ Body: 'after' }) });
    expect(await res.text()).toContain('You said: after');
  });

  it('picks up edited, added and removed functions without a restart', async () => {
    const file = path.join(root, 'functions/api/status.js');
    writeFileSync(file, "exports.handler = (c, e, cb) => cb(null, 'edited');");
    await waitFor(async () => (await (await fetch(`${server.url}/api/status`)).text()) === 'edited');

    const added = path.join(root, 'functions/new.js');
    writeFileSync(added, "exports.handler = (c, e, cb) => cb(null, 'new');");
    await waitFor(async () => (await fetch(`${server.url}/new`)).status === 200);

    unlinkSync(added);
    await waitFor(async () => (await fetch(`${server.url}/new`)).status === 404);
  });

  it('sees edits to a private helper required by another function', async () => {
    writeFileSync(path.join(root, 'functions/utils/format.private.js'), "exports.formatReply = () => 'helper edited';");
    await waitFor(async () => (await (await fetch(`${server.url}/sms/reply`, { method: 'POST' })).text()).includes('helper edited'));
  });
});
