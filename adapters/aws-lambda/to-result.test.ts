import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import type { EventSource } from './detect';
import { toWebResponse, type RuntimeResult } from '../../src/runtime/result';
import { ALB_PAYLOAD_LIMIT, LAMBDA_PAYLOAD_LIMIT, fromRuntimeResult, toResult, type AlbResult, type V1Result, type V2Result } from './to-result';

const TEXT = { 'content-type': 'text/plain; charset=utf-8' };
const EXPIRING = 'b=2; Expires=Wed, 21 Oct 2015 07:28:00 GMT; Path=/';

/** A response as the core builds it for `Twilio.Response.setCookie('a','1')` + `('b','2',[…])`. */
function withCookies(): Response {
  const headers = new Headers(TEXT);
  headers.append('set-cookie', 'a=1');
  headers.append('set-cookie', EXPIRING);
  return new Response('ok', { headers });
}

const shapes: [string, EventSource, boolean][] = [
  ['v1', 'v1', false],
  ['v2', 'v2', false],
  ['alb single', 'alb', false],
  ['alb multi', 'alb', true],
];

let warn: MockInstance;
let error: MockInstance;
beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  error = vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

describe('toResult: R1 plain text', () => {
  const ok = () => new Response('ok', { headers: TEXT });

  it('v1 has exactly the five REST keys and no cookies', async () => {
    expect(await toResult(ok(), 'v1')).toStrictEqual({ statusCode: 200, headers: TEXT, multiValueHeaders: {}, body: 'ok', isBase64Encoded: false });
  });

  it('v2 has no multiValueHeaders', async () => {
    expect(await toResult(ok(), 'v2')).toStrictEqual({ statusCode: 200, headers: TEXT, body: 'ok', isBase64Encoded: false });
  });

  it('ALB single adds statusDescription', async () => {
    expect(await toResult(ok(), 'alb', false)).toStrictEqual({ statusCode: 200, statusDescription: '200 OK', headers: TEXT, body: 'ok', isBase64Encoded: false });
  });

  it('ALB multi answers with 1-element arrays and no headers key', async () => {
    expect(await toResult(ok(), 'alb', true)).toStrictEqual({
      statusCode: 200, statusDescription: '200 OK', multiValueHeaders: { 'content-type': [TEXT['content-type']] }, body: 'ok', isBase64Encoded: false,
    });
  });

  it('describes other statuses for ALB', async () => {
    expect(((await toResult(new Response(null, { status: 404 }), 'alb')) as AlbResult).statusDescription).toBe('404 Not Found');
    expect(((await toResult(new Response(null, { status: 599 }), 'alb')) as AlbResult).statusDescription).toBe('599 Unknown');
    expect(((await toResult(new Response(null, { status: 204 }), 'alb')) as AlbResult).body).toBe('');
  });
});

describe('toResult: R2/R3 cookies', () => {
  it('R2 v1: set-cookie only in multiValueHeaders, strings exact', async () => {
    const result = (await toResult(withCookies(), 'v1')) as V1Result;
    expect(result.multiValueHeaders).toEqual({ 'set-cookie': ['a=1', EXPIRING] });
    expect(result.headers).not.toHaveProperty('set-cookie');
    expect(result).not.toHaveProperty('cookies');
  });

  it('R2 v2: cookies[] and no set-cookie header', async () => {
    const result = (await toResult(withCookies(), 'v2')) as V2Result;
    expect(result.cookies).toEqual(['a=1', EXPIRING]);
    expect(result.headers).not.toHaveProperty('set-cookie');
  });

  it('R2 ALB single: only the first cookie, with a warning', async () => {
    const result = (await toResult(withCookies(), 'alb', false)) as AlbResult;
    expect(result.headers!['set-cookie']).toBe('a=1');
    expect(result).not.toHaveProperty('multiValueHeaders');
    expect(warn).toHaveBeenCalledOnce();
    expect(String(warn.mock.calls[0]![0])).toContain('lambda.multi_value_headers.enabled');
  });

  it('R2 ALB single: one cookie needs no warning', async () => {
    const result = (await toResult(new Response('', { headers: { 'set-cookie': 'a=1' } }), 'alb', false)) as AlbResult;
    expect(result.headers!['set-cookie']).toBe('a=1');
    expect(warn).not.toHaveBeenCalled();
  });

  it('R2 ALB multi: every cookie', async () => {
    const result = (await toResult(withCookies(), 'alb', true)) as AlbResult;
    expect(result.multiValueHeaders!['set-cookie']).toEqual(['a=1', EXPIRING]);
  });

  it.each(shapes)('R3 %s: no cookies means no set-cookie or cookies key', async (_label, source, multi) => {
    const result = await toResult(new Response('ok', { headers: TEXT }), source, multi);
    expect(result).not.toHaveProperty('cookies');
    expect(JSON.stringify(result).toLowerCase()).not.toContain('set-cookie');
  });
});

describe('toResult: R4 repeated headers', () => {
  const repeated = () => {
    const headers = new Headers();
    headers.append('X-A', '1');
    headers.append('X-A', '2');
    return new Response('', { headers });
  };

  it('v1, v2 and ALB single carry the joined value', async () => {
    expect(((await toResult(repeated(), 'v1')) as V1Result).headers['x-a']).toBe('1, 2');
    expect(((await toResult(repeated(), 'v1')) as V1Result).multiValueHeaders).toEqual({});
    expect(((await toResult(repeated(), 'v2')) as V2Result).headers['x-a']).toBe('1, 2');
    expect(((await toResult(repeated(), 'alb', false)) as AlbResult).headers!['x-a']).toBe('1, 2');
  });

  it('ALB multi carries it as an array', async () => {
    expect(((await toResult(repeated(), 'alb', true)) as AlbResult).multiValueHeaders!['x-a']).toEqual(['1, 2']);
  });
});

describe('toResult: R5 JSON', () => {
  it.each(shapes)('%s: body, content type and explicit statusCode', async (_label, source, multi) => {
    const result = await toResult(Response.json({ a: 1 }), source, multi);
    expect(result.statusCode).toBe(200);
    expect(result.body).toBe('{"a":1}');
    expect(result.isBase64Encoded).toBe(false);
    expect(JSON.stringify(result)).toContain('application/json');
  });
});

describe('toResult: R6 binary bodies', () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0xff]);

  it.each(shapes)('%s: base64 with isBase64Encoded', async (_label, source, multi) => {
    const result = await toResult(new Response(png, { headers: { 'content-type': 'image/png' } }), source, multi);
    expect(result.isBase64Encoded).toBe(true);
    expect(new Uint8Array(Buffer.from(result.body, 'base64'))).toEqual(png);
  });

  it.each([
    ['image/svg+xml', '<svg/>', false],
    ['application/ld+json', '{}', false],
    ['application/xml', '<a/>', false],
    ['application/javascript', 'x()', false],
    ['application/octet-stream', 'abc', true],
    ['application/pdf', '%PDF', true],
  ])('%s is base64: %s', async (type, body, base64) => {
    expect((await toResult(new Response(body, { headers: { 'content-type': type } }), 'v2')).isBase64Encoded).toBe(base64);
  });

  it('treats compressed text as binary', async () => {
    const result = await toResult(new Response('gz', { headers: { 'content-type': 'text/plain', 'content-encoding': 'gzip' } }), 'v2');
    expect(result.isBase64Encoded).toBe(true);
    expect(Buffer.from(result.body, 'base64').toString()).toBe('gz');
  });

  it('does not mangle "text" that is not valid UTF-8, and keeps a BOM', async () => {
    const latin1 = new Uint8Array([0x63, 0x61, 0x66, 0xe9]); // "café" in Latin-1
    const result = await toResult(new Response(latin1, { headers: { 'content-type': 'text/plain; charset=iso-8859-1' } }), 'v1');
    expect(result.isBase64Encoded).toBe(true);
    expect(new Uint8Array(Buffer.from(result.body, 'base64'))).toEqual(latin1);
    const bom = await toResult(new Response(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]), { headers: TEXT }), 'v2');
    expect(bom.body).toBe('\ufeffA');
  });

  it('judges a body without content type by its bytes', async () => {
    const text = new Response(new TextEncoder().encode('plain'));
    const binary = new Response(new Uint8Array([0xff, 0xfe]));
    expect((await toResult(text, 'v2')).isBase64Encoded).toBe(false);
    expect((await toResult(binary, 'v2')).isBase64Encoded).toBe(true);
  });
});

describe('toResult: R8 payload limits', () => {
  const tooLarge = async (body: Uint8Array<ArrayBuffer> | string, type: string, source: EventSource, multi = false) => {
    const result = await toResult(new Response(body, { headers: { 'content-type': type } }), source, multi);
    return result.statusCode === 500 && JSON.parse(result.body).name === 'PayloadTooLarge' ? result : undefined;
  };

  it.each(shapes.filter(([, s]) => s !== 'alb'))('%s: text over 6 MB becomes a 500 JSON error', async (_label, source) => {
    const result = await tooLarge('x'.repeat(LAMBDA_PAYLOAD_LIMIT + 1), 'text/plain', source);
    expect(result).toBeDefined();
    expect(JSON.parse(result!.body)).toEqual({ message: "Response body is larger than AWS Lambda's 6 MB limit", name: 'PayloadTooLarge' });
    expect(result!.headers!['content-type']).toContain('application/json');
    expect(error).toHaveBeenCalledOnce();
  });

  it('counts base64 growth: 4.8 MB binary is too large, 4.4 MB is not', async () => {
    expect(await tooLarge(new Uint8Array(4_800_000), 'image/png', 'v2')).toBeDefined();
    const ok = await toResult(new Response(new Uint8Array(4_400_000), { headers: { 'content-type': 'image/png' } }), 'v2');
    expect(ok.statusCode).toBe(200);
    expect(ok.isBase64Encoded).toBe(true);
  });

  it('lets text just under 6 MB through', async () => {
    const ok = await toResult(new Response('x'.repeat(LAMBDA_PAYLOAD_LIMIT - 1_000), { headers: TEXT }), 'v1');
    expect(ok.statusCode).toBe(200);
  });

  it.each([false, true])('ALB (multi %s) applies its 1 MB limit in its own shape', async (multi) => {
    const result = await tooLarge('x'.repeat(ALB_PAYLOAD_LIMIT + 1), 'text/plain', 'alb', multi);
    expect(result).toBeDefined();
    expect(result).toHaveProperty(multi ? 'multiValueHeaders' : 'headers');
    expect((result as AlbResult).statusDescription).toBe('500 Internal Server Error');
    expect(await tooLarge(new Uint8Array(800_000), 'image/png', 'alb', multi)).toBeDefined();
    expect((await toResult(new Response(new Uint8Array(700_000), { headers: { 'content-type': 'image/png' } }), 'alb', multi)).statusCode).toBe(200);
  });
});

describe('toResult: R10 header values', () => {
  it.each(shapes)('%s: every header value is a string', async (_label, source, multi) => {
    const result = await toResult(new Response('', { headers: { 'x-n': 5 as unknown as string, 'x-b': true as unknown as string } }), source, multi);
    const single = (result as { headers?: Record<string, unknown> }).headers ?? {};
    const multiple = (result as { multiValueHeaders?: Record<string, unknown[]> }).multiValueHeaders ?? {};
    expect(single['x-n'] ?? multiple['x-n']?.[0]).toBe('5');
    const values = [...Object.values(single), ...Object.values(multiple).flat()];
    expect(values.length).toBeGreaterThan(0);
    expect(values.every((v) => typeof v === 'string')).toBe(true);
  });
});

describe('fromRuntimeResult', () => {
  it('gives what toResult gives for the same response as a Web Response', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0xff]);
    const results: RuntimeResult[] = [
      { status: 200, headers: { 'content-type': 'text/xml; charset=utf-8' }, cookies: [], body: '<a>é</a>' },
      { status: 200, headers: { 'content-type': 'text/plain' }, cookies: [], body: 'lone \ud800 surrogate' },
      { status: 200, headers: { 'content-type': 'application/octet-stream' }, cookies: [], body: 'text as binary' },
      { status: 200, headers: { 'content-type': 'image/png' }, cookies: [], body: png },
      { status: 200, headers: {}, cookies: [], body: null },
      { status: 418, headers: { 'content-type': 'application/json', 'x-a': '1, 2' }, cookies: ['a=1', 'b=2; Path=/'], body: '{}' },
      { status: 200, headers: { 'content-encoding': 'gzip', 'content-type': 'text/plain' }, cookies: [], body: 'x' },
    ];
    for (const result of results) {
      for (const [source, multi] of [['v1', false], ['v2', false], ['alb', false], ['alb', true]] as const) {
        expect(fromRuntimeResult(result, source, multi)).toStrictEqual(await toResult(toWebResponse(result), source, multi));
      }
    }
  });

  it('answers 500 for a body over the limit', () => {
    const result: RuntimeResult = { status: 200, headers: { 'content-type': 'text/plain' }, cookies: [], body: 'x'.repeat(ALB_PAYLOAD_LIMIT + 1) };
    expect(fromRuntimeResult(result, 'alb').statusCode).toBe(500);
    expect(fromRuntimeResult({ ...result, body: '\u0001'.repeat(ALB_PAYLOAD_LIMIT / 4) }, 'alb').statusCode).toBe(500);
    expect(fromRuntimeResult(result, 'v2').statusCode).toBe(200);
  });
});
