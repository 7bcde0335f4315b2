import { describe, expect, it } from 'vitest';
import { parseBody, parseForm, readBody } from './body';
import { HttpError } from './errors';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('parseBody (B-17, B-19)', () => {
  it('parses forms flat, with + as space and repeated keys as arrays', () => {
    expect(parseForm('Body=hi+there&dup=1&dup=2&nested%5Bx%5D=1')).toEqual({ Body: 'hi there', dup: ['1', '2'], 'nested[x]': '1' });
  });

  it('keeps JSON types and spreads arrays, ignoring primitives', () => {
    expect(parseBody(bytes('{"a":1,"b":[true]}'), 'application/json; charset=utf-8').params).toEqual({ a: 1, b: [true] });
    expect(parseBody(bytes('[1,2]'), 'application/json').params).toEqual({ 0: 1, 1: 2 });
    expect(parseBody(bytes('"text"'), 'application/json').params).toEqual({});
  });

  it('ignores other content types but keeps the raw bytes', () => {
    const parsed = parseBody(bytes('<xml/>'), 'text/xml');
    expect([parsed.kind, parsed.params, new TextDecoder().decode(parsed.raw)]).toEqual(['other', {}, '<xml/>']);
  });

  it('rejects malformed bodies with a one-line 400', () => {
    for (const [body, type] of [['{"a":', 'application/json'], ['a=%zz', 'application/x-www-form-urlencoded'], ['a=%E0%A4%A', 'application/x-www-form-urlencoded']]) {
      const error = (() => { try { parseBody(bytes(body), type); } catch (e) { return e; } })() as HttpError;
      expect(error).toBeInstanceOf(HttpError);
      expect(error.status).toBe(400);
      expect(error.message).not.toContain('\n');
    }
  });
});

describe('readBody', () => {
  it('reads the whole body within the limit', async () => {
    const request = new Request('http://x/', { method: 'POST', body: 'abc' });
    expect(new TextDecoder().decode(await readBody(request, 3))).toBe('abc');
  });

  it('stops at the default 6 MB limit with 413, whatever the declared length', async () => {
    const big = new Uint8Array(6 * 1024 * 1024 + 1);
    await expect(readBody(new Request('http://x/', { method: 'POST', body: big }), 6 * 1024 * 1024)).rejects.toMatchObject({ status: 413 });
    const stream = new ReadableStream({ start(c) { c.enqueue(big); c.close(); } });
    const lying = new Request('http://x/', { method: 'POST', body: stream, duplex: 'half', headers: { 'content-length': '1' } } as RequestInit);
    await expect(readBody(lying, 6 * 1024 * 1024)).rejects.toMatchObject({ status: 413, message: 'Request body is larger than the 6 MB limit' });
  });
});
