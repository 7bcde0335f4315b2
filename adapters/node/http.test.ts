import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeResult } from '../../src/runtime/result';
import { exchangeBytes } from '../../test/support/http-client';
import { HttpError, httpErrorResponse } from '../../src/runtime/errors';
import { toRuntimeRequest, writeResult, type NodeRuntimeRequest } from './http';

/** A server that answers with `answer(request)` (or the request error) through the adapter. */
function serverAnswering(answer: (request: NodeRuntimeRequest) => Promise<RuntimeResult>) {
  return createServer(async (req, res) => {
    try {
      writeResult(res, await answer(toRuntimeRequest(req)));
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      writeResult(res, httpErrorResponse(error));
    }
  });
}

/** Runs `use` against a fresh server answering with `answer`, then closes it and its connections. */
async function withServer(answer: (request: NodeRuntimeRequest) => Promise<RuntimeResult>, use: (port: number) => Promise<void>) {
  const server = serverAnswering(answer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await use((server.address() as AddressInfo).port);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

describe('node:http adapter', () => {
  let server: Server;
  let base: string;
  let port: number;
  const seen: NodeRuntimeRequest[] = [];
  const bodies: string[] = [];

  beforeAll(async () => {
    server = serverAnswering(async (request) => {
      seen.push(request);
      bodies.push(request.body ? await new Response(request.body as ReadableStream).text() : '<none>');
      return { status: 201, headers: { 'content-type': 'text/plain', 'x-route': new URL(request.url).pathname }, cookies: ['a=1; Path=/', 'b=2'], body: 'héllo' };
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('gives the core the URL from Host and target, header lines as received, and no GET body', async () => {
    await exchangeBytes(port, `GET /a/b?x=1&x=2 HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Rep: one\r\nx-rep: two\r\nConnection: close\r\n\r\n`);
    const request = seen.at(-1)!;
    expect(request.url).toBe(`${base}/a/b?x=1&x=2`);
    expect(request.method).toBe('GET');
    expect(request.body).toBeNull();
    expect(request.headers.get('x-rep')).toBe('one, two');
    expect(request.rawHeaders.filter(([name]) => name.toLowerCase() === 'x-rep')).toEqual([['X-Rep', 'one'], ['x-rep', 'two']]);
  });

  it('streams a POST body to the core', async () => {
    await fetch(`${base}/post`, { method: 'POST', body: 'Body=hi&From=%2B1555' });
    expect(bodies.at(-1)).toBe('Body=hi&From=%2B1555');
  });

  it('writes status, headers, each cookie on its own line and the byte length of the body', async () => {
    const res = await fetch(`${base}/x`);
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toBe('text/plain');
    expect(res.headers.get('content-length')).toBe(String(Buffer.byteLength('héllo')));
    expect(res.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2']);
    expect(await res.text()).toBe('héllo');
  });

  it('frames the answer itself, whatever Content-Length, Transfer-Encoding or Connection the function set', async () => {
    const framed = async (): Promise<RuntimeResult> => ({
      status: 200, cookies: [], body: 'twelve bytes',
      headers: { 'content-length': '999', 'content-type': 'text/plain', 'transfer-encoding': 'chunked', connection: 'close', 'keep-alive': 'timeout=1' },
    });
    await withServer(framed, async (framedPort) => {
      const res = await fetch(`http://127.0.0.1:${framedPort}/`);
      expect(await res.text()).toBe('twelve bytes');
      expect(res.headers.get('content-length')).toBe('12');
      expect(res.headers.get('transfer-encoding')).toBeNull();
      expect(res.headers.get('content-type')).toBe('text/plain');
    });
  });

  it('closes the connection after an answer given with the body read only part-way', async () => {
    const partial = async (request: NodeRuntimeRequest): Promise<RuntimeResult> => {
      await (request.body as ReadableStream<Uint8Array>).getReader().read();
      return { status: 413, headers: {}, cookies: [], body: 'too large' };
    };
    await withServer(partial, async (partialPort) => {
      const res = await fetch(`http://127.0.0.1:${partialPort}/`, { method: 'POST', body: 'x'.repeat(5_000_000) });
      expect(res.status).toBe(413);
      expect(res.headers.get('connection')).toBe('close');
      expect(await res.text()).toBe('too large');
    });
  });

  it('states a length of 0 for an answer without a body, and none where the status rules a body out', async () => {
    const empty = async (request: NodeRuntimeRequest): Promise<RuntimeResult> => ({ status: new URL(request.url).pathname === '/none' ? 204 : 200, headers: {}, cookies: [], body: null });
    await withServer(empty, async (emptyPort) => {
      const ok = await exchangeBytes(emptyPort, 'GET /empty HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
      expect(ok).toMatch(/^HTTP\/1\.1 200 /);
      expect(ok).toMatch(/\r\ncontent-length: 0\r\n/i);
      expect(ok).not.toMatch(/transfer-encoding/i);
      const none = await exchangeBytes(emptyPort, 'GET /none HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
      expect(none).toMatch(/^HTTP\/1\.1 204 /);
      expect(none).not.toMatch(/content-length|transfer-encoding/i);
    });
  });

  it('leaves the body out of a HEAD answer', async () => {
    const answer = await exchangeBytes(port, 'HEAD /x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 201 /);
    expect(answer.endsWith('\r\n\r\n')).toBe(true);
  });

  it.each([
    ['a Host that would move the path', 'GET /x HTTP/1.1\r\nHost: evil.example/private\r\n\r\n', 'Invalid Host header'],
    ['a Host with a user part', 'GET /x HTTP/1.1\r\nHost: user@localhost\r\n\r\n', 'Invalid Host header'],
    ['two Host lines', 'GET /x HTTP/1.1\r\nHost: localhost\r\nHost: other.example\r\n\r\n', 'Invalid Host header'],
    ['an empty Host', 'GET /x HTTP/1.1\r\nHost:\r\n\r\n', 'Invalid Host header'],
    ['the asterisk target', 'OPTIONS * HTTP/1.1\r\nHost: localhost\r\n\r\n', 'Invalid request target'],
    ['an absolute target with a user part', 'GET http://user@other.example/x HTTP/1.1\r\nHost: localhost\r\n\r\n', 'Invalid request target'],
    ['an absolute target of another scheme', 'GET ftp://other.example/x HTTP/1.1\r\nHost: localhost\r\n\r\n', 'Invalid request target'],
  ])('answers 400 with one line for %s, without calling the core', async (_name, text, message) => {
    const before = seen.length;
    const answer = await exchangeBytes(port, text.replace(/\r\n\r\n$/, '\r\nConnection: close\r\n\r\n'));
    expect(answer).toMatch(/^HTTP\/1\.[01] 400 /);
    expect(JSON.parse(answer.split('\r\n\r\n')[1]!)).toEqual({ message, name: 'BadRequest' });
    expect(seen.length).toBe(before);
  });

  it('takes an absolute-form target as it came, its authority winning over Host', async () => {
    const answer = await exchangeBytes(port, 'GET https://other.example:8443/abs?q=1 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 201 /);
    expect(seen.at(-1)!.url).toBe('https://other.example:8443/abs?q=1');
  });

  it('names the address reached for an HTTP/1.0 request without Host', async () => {
    const answer = await exchangeBytes(port, 'GET /old HTTP/1.0\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 201 /);
    expect(seen.at(-1)!.url).toBe(`${base}/old`);
  });

  it('accepts an IPv6 host with a port', async () => {
    const answer = await exchangeBytes(port, 'GET /v6 HTTP/1.1\r\nHost: [::1]:8080\r\nConnection: close\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 201 /);
    expect(seen.at(-1)!.url).toBe('http://[::1]:8080/v6');
  });
});
