import { describe, expect, it } from 'vitest';
import { HeaderList } from './header-list';
import { makeResult, toWebResponse } from './result';

/** Appends the same lines to a HeaderList and a Headers; both must agree or both must throw. */
function both(lines: Array<[string, string]>): { list: HeaderList; headers: Headers } {
  const list = new HeaderList();
  const headers = new Headers();
  for (const [name, value] of lines) {
    let expected: unknown = null;
    try { headers.append(name, value); } catch (error) { expected = error; }
    if (expected) expect(() => list.append(name, value)).toThrow(TypeError);
    else list.append(name, value);
  }
  return { list, headers };
}

describe('HeaderList behaves like Headers', () => {
  it('joins, trims, sorts and keeps Set-Cookie lines apart', () => {
    const { list, headers } = both([
      ['X-A', ' 1 '], ['x-a', '2'], ['Cookie', 'a=1'], ['cookie', 'b=2'], ['Set-Cookie', 's=1'], ['set-cookie', 't=2'],
      ['Content-Type', 'text/plain'], ['x-empty', ' \t'],
    ]);
    expect([...list.entries()]).toEqual([...headers.entries()]);
    for (const name of ['x-a', 'COOKIE', 'set-cookie', 'content-type', 'x-empty', 'missing']) {
      expect([list.get(name), list.has(name)]).toEqual([headers.get(name), headers.has(name)]);
    }
    expect(list.getSetCookie()).toEqual(headers.getSetCookie());
  });

  it('totals the entries and characters Headers iterates', () => {
    const { list, headers } = both([
      ['X-A', '1'], ['x-a', '22'], ['Cookie', 'a=1'], ['cookie', 'b=2'], ['cookie', 'c=3'], ['Set-Cookie', 's=1'], ['set-cookie', 't=22'],
      ['Content-Type', 'text/plain'], ['x-empty', ''],
    ]);
    let count = 0;
    let chars = 0;
    headers.forEach((value, name) => { count += 1; chars += name.length + value.length; });
    expect(list.totals()).toEqual({ count, chars });
  });

  it('refuses what Headers refuses', () => {
    const { list, headers } = both([['bad name', '1'], ['x-nul', 'a\0b'], ['x-cr', 'a\rb'], ['x-wide', 'x\u0100'], ['x-ok', 'é']]);
    expect([...list.entries()]).toEqual([...headers.entries()]);
  });
});

describe('makeResult checks like new Response()', () => {
  it('throws for statuses and bodies Response refuses', () => {
    for (const [status, body] of [[204, ''], [304, 'x'], [600, null], [199, null], [Number.NaN, null]] as const) {
      expect(() => new Response(body, { status })).toThrow();
      expect(() => makeResult(status, {}, body)).toThrow();
    }
    expect(makeResult(204, {}, null).status).toBe(204);
  });

  it('converts to the same Response', async () => {
    const headers = new HeaderList();
    headers.append('Set-Cookie', 'a=1');
    headers.append('X-A', '1');
    const response = toWebResponse(makeResult(201, headers, 'hi'));
    expect([response.status, response.headers.get('x-a'), response.headers.getSetCookie(), await response.text()]).toEqual([201, '1', ['a=1'], 'hi']);
  });
});
