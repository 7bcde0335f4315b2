import { describe, expect, it } from 'vitest';
import { parseBody, parseForm, parseUrlEncoded, readBody } from './body';
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

  it('answers 400 when the body stream fails part-way (a client that went away)', async () => {
    const broken = new ReadableStream<Uint8Array>({
      start(c) { c.enqueue(bytes('Body=par')); },
      pull(c) { c.error(new Error('aborted')); },
    });
    const error = await readBody({ body: broken }, 1024).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 400, message: 'Request body could not be read' });
  });
});

describe('parseUrlEncoded', () => {
  /** What URLSearchParams makes of `text`, flattened the same way. */
  function reference(text: string): Record<string, string | string[]> {
    const params: Record<string, string | string[]> = {};
    for (const [key, value] of new URLSearchParams(text)) {
      const existing = params[key];
      params[key] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
    }
    return params;
  }

  it.each([
    '', '&', '&&a=1&&', 'a', 'a=', '=b', '=', 'a=b=c', 'a=1&a=2&a=3', 'a+b=c+d', '%2B=%2b',
    'From=%2B15551234567&To=%2B15557654321&Body=hi', 'x=%E2%9C%93&y=%F0%9F%98%80', 'caf%C3%A9=na%C3%AFve',
    // Invalid escapes stay literal; bytes that are not UTF-8 become U+FFFD, as many as the standard says.
    '%', 'a=%', 'a=%2', 'a=%zz', 'a=100%25', 'a=%%41', 'a=%E9', 'a=%C3', 'a=%ED%A0%80', 'a=%F0%9F%98', 'a=%C3%28%E2%82',
    'a=%EF%BB%BFbom', 'a=%00', 'ünï=cödé', 'a=\u{1F600}&b=%F0%9F%98%80', 'a=%41%zz%42+%E9',
  ])('%j like URLSearchParams', (text) => {
    expect(parseUrlEncoded(text)).toEqual(reference(text));
  });

  it('keeps keys named after Object.prototype members as own parameters, the prototype untouched', () => {
    const params = parseUrlEncoded('toString=x&constructor=y&constructor=z&__proto__=p&__proto__=q&valueOf');
    expect(Object.getPrototypeOf(params)).toBe(Object.prototype);
    expect(Object.entries(params)).toEqual([['toString', 'x'], ['constructor', ['y', 'z']], ['__proto__', ['p', 'q']], ['valueOf', '']]);
  });
});
